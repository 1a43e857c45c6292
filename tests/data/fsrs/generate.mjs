// generate.mjs: test vectors for rehearse's FSRS-6 (src/core/fsrs.c) from
// the reference scheduler, ts-fsrs.  Run by hand, never by CI; CI reads
// only the files this writes (tests/unit/test_fsrs.c).
//
//   cd tests/data/fsrs && npm ci && node generate.mjs
//
// ts-fsrs is pinned at exactly 5.4.2 ("v5.4.2 using FSRS-6.0"), in
// package.json and package-lock.json beside this script; node_modules/ is
// git-ignored.  Generated with Node 20.20.2.  The output is deterministic
// (a seeded generator below), so rerunning rewrites identical files.
//
// Options, and why: the 21 FSRS-6 default weights, request_retention 0.9,
// maximum_interval 36500, enable_fuzz false, and enable_short_term true
// with learning_steps [] and relearning_steps [].  With no steps every
// rating goes straight to the Review state, so ts-fsrs's minute-based
// (re)learning steps never run and the stability it reports is the plain
// FSRS-6 memory model: the initial states on the first rating, the
// same-day formula (w17, w18, w19) when the elapsed days are 0, the
// recall and forget formulas otherwise, with the post-lapse stability
// capped at S / exp(w17 * w18).  (enable_short_term false would instead
// apply the long-term formulas with R = 1 to same-day reviews and drop
// the w17/w18 cap.)  The interval is round(S * I(r)) within [1, 36500],
// which ts-fsrs then orders for Hard/Good/Easy on a card in Review
// (hard <= good, good >= hard + 1, easy >= good + 1); both the plain and
// the ordered interval are written.
//
// Files written:
//   histories.txt      one review per line:
//     hist rev day rating elapsed r_before stability difficulty interval plain
//     hist, rev  history number and review number within it (from 0)
//     day        study day of the review (day 0 is 2024-01-01)
//     rating     1 Again, 2 Hard, 3 Good, 4 Easy
//     elapsed    whole days since the previous review (0 for the first)
//     r_before   retrievability at the review (0 for the first)
//     stability, difficulty  the memory state after the review
//     interval   ts-fsrs's scheduled_days (the due day is day + interval)
//     plain      round(S * I(0.9)) clamped to [1, 36500], before ordering
//   retrievability.txt   decay elapsed stability R, over a grid, for the
//     FSRS-6 default decay (w20 = 0.1542) and a few trained-looking ones.
import { writeFileSync } from "node:fs";
import {
    createEmptyCard,
    default_w,
    forgetting_curve,
    fsrs,
    FSRSVersion,
} from "ts-fsrs";

const DAY_MS = 86400000;
const START = Date.UTC(2024, 0, 1, 12); // noon UTC: day boundaries are far
const HISTORIES = 250;

// mulberry32: a small seeded generator, so the vectors are reproducible.
function rng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const rand = rng(20240614);
const between = (lo, hi) => lo + (hi - lo) * rand();

function pickRating() {
    const u = rand();
    if (u < 0.2) return 1;
    if (u < 0.35) return 2;
    if (u < 0.85) return 3;
    return 4;
}

// The gap before the next review, given the interval just scheduled:
// same day, early, on time or late (sometimes very late).
function pickGap(interval) {
    const u = rand();
    if (u < 0.15) return 0;
    if (u < 0.35) return Math.max(1, Math.round(interval * between(0.2, 0.9)));
    if (u < 0.75) return interval;
    if (u < 0.95) return Math.round(interval * between(1.1, 3));
    return Math.round(interval * between(3, 10)) + Math.floor(between(0, 60));
}

const f = fsrs({
    w: [...default_w],
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: false,
    enable_short_term: true,
    learning_steps: [],
    relearning_steps: [],
});

function review(card, day, rating, lines, h, k) {
    const before = card;
    const elapsed = k === 0 ? 0 : day - lines.lastDay;
    const r = k === 0 ? 0 : forgetting_curve(f.parameters.w, elapsed, before.stability);
    const { card: after } = f.next(before, new Date(START + day * DAY_MS), rating);
    const plain = f.next_interval(after.stability, elapsed);
    lines.out.push([h, k, day, rating, elapsed, r, after.stability,
        after.difficulty, after.scheduled_days, plain].join(" "));
    lines.lastDay = day;
    return after;
}

// One history: fixed ratings and gaps when given, random ones otherwise.
function history(h, lines, n, ratingOf, gapOf) {
    let card = createEmptyCard(new Date(START));
    let day = Math.floor(between(0, 30));
    for (let k = 0; k < n; k++) {
        card = review(card, day, ratingOf(k), lines, h, k);
        day += gapOf(card.scheduled_days, k);
    }
}

const lines = { out: [], lastDay: 0 };
const fixed = [
    // all Easy, each review ten times late: reaches the 36500-day cap
    [14, () => 4, (i) => i * 10],
    [12, () => 1, () => 1], // Again every day
    [10, (k) => (k % 2 ? 1 : 4), (i) => i], // Easy and Again in turn
    [12, (k) => 2 + (k % 3), () => 0], // every review the same day
    [10, () => 3, (i) => i], // Good on time
];
fixed.forEach(([n, ratingOf, gapOf], h) => history(h, lines, n, ratingOf, gapOf));
for (let h = fixed.length; h < HISTORIES; h++)
    history(h, lines, 3 + Math.floor(between(0, 28)), pickRating, pickGap);

const header = (what) =>
    `# ${what}\n# from ts-fsrs ${FSRSVersion}: tests/data/fsrs/generate.mjs\n`;
writeFileSync("histories.txt", header(
    "hist rev day rating elapsed r_before stability difficulty interval plain",
) + lines.out.join("\n") + "\n");

const decays = [default_w[20], 0.1, 0.3, 0.5, 0.8];
const elapsed = [0, 0.25, 0.5, 1, 2, 3, 5, 7, 10, 15, 30, 60, 100, 365, 1000,
    3650, 36500];
const stabilities = [0.001, 0.01, 0.1, 0.212, 1, 2.3065, 5, 10, 30, 100,
    365, 1000, 10000, 36500];
const rows = [];
for (const d of decays)
    for (const t of elapsed)
        for (const s of stabilities)
            rows.push([d, t, s, forgetting_curve(d, t, s)].join(" "));
writeFileSync("retrievability.txt", header("decay elapsed stability R") +
    rows.join("\n") + "\n");
console.log(`${lines.out.length} reviews in ${HISTORIES} histories, ` +
    `${rows.length} retrievability rows`);
