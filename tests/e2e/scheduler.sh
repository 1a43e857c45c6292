#!/usr/bin/env bash
# scheduler.sh: `scheduler = sm2 | fsrs` chooses which model sets due
# days; both are kept for every card on every grade, so switching back and
# forth loses nothing.  A week with SM-2, a week with FSRS, a few days with
# SM-2 again: after each, every card's SM-2 state and FSRS state equal the
# replay of its log (replay_check), and the queue and `cards --json`
# follow the configured model.
source "$(dirname "$0")/lib/common.bash"
: "${REPLAY_CHECK:?set REPLAY_CHECK to the replay_check program}"

cards=()
for i in $(seq 1 10); do cards+=("c$i|Question $i?|Answer $i."); done
write_deck "$WORK/d.md" demo 1 "${cards[@]}"
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null
mkdir -p "$XDG_CONFIG_HOME/rehearse"
config=$XDG_CONFIG_HOME/rehearse/config
q() { sqlite3 "$REHEARSE_COLLECTION" "$1"; }

pattern=(5 4 3 2 5 1 4 4 0 3 5 2 4)
step=0
study_days() { # study_days FIRST LAST
    for day in $(seq -w "$1" "$2"); do
        export REHEARSE_NOW=2026-04-${day}T10:00
        local input=""
        for n in $(seq 1 30); do
            input+=$'\n'"${pattern[$((step % ${#pattern[@]}))]}"$'\n'
            step=$((step + 1))
            if [ $((step % 11)) -eq 0 ]; then input+=$':undo\n'; fi
        done
        printf '%s' "$input" | "$REHEARSE" --new 2 >/dev/null 2>"$WORK/err" ||
            fail "day $day session failed: $(cat "$WORK/err")"
    done
}
replays_clean() { # replays_clean WHAT
    run_rc rc "$REPLAY_CHECK" "$REHEARSE_COLLECTION"
    expect_eq "$1: replay_check exit ($err)" 0 "$rc"
    expect_contains "$1: both models equal the replay" ", 0 differ" "$out"
}
# The due date of each live card as `cards --json` shows it, against the
# column it should come from.
due_follows() { # due_follows WHAT COLUMN
    "$REHEARSE" cards --json >"$WORK/cards.json"
    local shown stored
    shown=$(python3 -c 'import json,sys
for c in json.load(open(sys.argv[1])): print(c["id"], c["due"])' "$WORK/cards.json" | sort)
    stored=$(q "SELECT c.slug, coalesce(date($2 * 86400, 'unixepoch'), 'None')
        FROM cards c WHERE c.retired = 0" | tr '|' ' ' | sort)
    expect_eq "$1: cards --json due is $2" "$stored" "$shown"
}

study_days 01 07
replays_clean "a week of SM-2"
due_follows "sm2" due
expect_eq "SM-2 and FSRS disagree somewhere (else this test proves little)" 1 \
    "$(q "SELECT count(*) > 0 FROM cards WHERE due <> fsrs_due")"
sm2_due_counts=$("$REHEARSE" decks --json)

echo "scheduler = fsrs" >"$config"
due_follows "fsrs" fsrs_due
export REHEARSE_NOW=2026-04-08T10:00
today=$(q "SELECT CAST(julianday('2026-04-08') - julianday('1970-01-01') AS INTEGER)")
due_fsrs=$(q "SELECT group_concat(slug, ' ') FROM (SELECT slug FROM cards
    WHERE fsrs_due <= $today AND retired = 0 AND suspended = 0 ORDER BY slug)")
[ -n "$due_fsrs" ] || fail "no card due under FSRS on day 8"
got=$("$REHEARSE" decks --json | python3 -c 'import json,sys; print(sum(d["due"] for d in json.load(sys.stdin)))')
expect_eq "decks counts FSRS's due cards" "$(wc -w <<<"$due_fsrs")" "$got"
study_days 08 08
expect_eq "the session studied exactly FSRS's due cards" "$due_fsrs" \
    "$(q "SELECT group_concat(slug, ' ') FROM (SELECT DISTINCT c.slug FROM reviews r
        JOIN cards c ON c.id = r.card_id WHERE r.day = $today AND r.kind = 'review'
        AND r.due_before IS NOT NULL ORDER BY c.slug)")"
study_days 09 14
replays_clean "a week of FSRS after SM-2"
due_follows "fsrs, after a week" fsrs_due

echo "scheduler = sm2  # back again" >"$config"
due_follows "sm2 again" due
study_days 15 18
replays_clean "SM-2 again after FSRS"
due_follows "sm2 at the end" due
[ "$sm2_due_counts" != "" ] || fail "no decks listing"

# cards --json: FSRS's state for every reviewed card, null for new ones.
"$REHEARSE" cards --json >"$WORK/cards.json"
python3 - "$WORK/cards.json" <<'PY' || fail "cards --json FSRS fields"
import json, sys
cards = json.load(open(sys.argv[1]))
seen = 0
for c in cards:
    if c["state"] == "new":
        assert c["stability"] is None and c["difficulty"] is None, c
        assert c["retrievability"] is None, c
        continue
    seen += 1
    assert c["stability"] > 0 and 1 <= c["difficulty"] <= 10, c
    assert 0 < c["retrievability"] <= 1, c
assert seen >= 5, seen
PY
# retrievability is FSRS-6's R(t, S), t the days from the last FSRS grade
# to today (the 18th), w20 = 0.1542 (the default decay).
today=$(q "SELECT CAST(julianday('2026-04-18') - julianday('1970-01-01') AS INTEGER)")
q "SELECT slug, fsrs_stability, $today - fsrs_day FROM cards
    WHERE fsrs_day IS NOT NULL AND retired = 0" >"$WORK/fsrs.txt"
python3 - "$WORK/cards.json" "$WORK/fsrs.txt" <<'PY' || fail "retrievability"
import json, sys
by = {c["id"]: c for c in json.load(open(sys.argv[1]))}
w20 = 0.1542
f = 0.9 ** (-1 / w20) - 1
n = 0
for line in open(sys.argv[2]):
    slug, s, t = line.strip().split("|")
    want = (1 + f * int(t) / float(s)) ** -w20
    got = by[slug]["retrievability"]
    assert abs(got - want) < 1e-12, (slug, got, want)
    n += 1
assert n >= 5
PY

# A wrong value names the file and line; so do the FSRS settings.
printf '# settings\nscheduler = fsrs6\n' >"$config"
run_rc rc "$REHEARSE" cards
expect_eq "unknown scheduler: exit" 2 "$rc"
expect_contains "unknown scheduler: file and line" "$config:2:" "$err"
expect_contains "unknown scheduler: what is allowed" "'scheduler' is sm2 or fsrs, not 'fsrs6'" "$err"
printf 'desired_retention = 0.5\n' >"$config"
run_rc rc "$REHEARSE" cards
expect_eq "retention out of range: exit" 2 "$rc"
expect_contains "retention out of range" "$config:1: 'desired_retention' needs a number from 0.70 to 0.99" "$err"
printf 'maximum_interval = 0\n' >"$config"
run_rc rc "$REHEARSE" cards
expect_eq "maximum_interval 0: exit" 2 "$rc"
printf 'fuzz = yes\n' >"$config"
run_rc rc "$REHEARSE" cards
expect_eq "fuzz = yes: exit" 2 "$rc"
expect_contains "fuzz = yes: what is allowed" "$config:1: 'fuzz' is on or off, not 'yes'" "$err"
printf 'scheduler = fsrs\ndesired_retention = 0.85\nmaximum_interval = 365\nfuzz = off # the default\n' >"$config"
run_rc rc "$REHEARSE" cards
expect_eq "valid FSRS settings: exit ($err)" 0 "$rc"

# fuzz = on, in a collection that never had it off: due days spread, and
# still exactly what a replay gives (the spread is drawn from the card and
# the day, not from the clock).
printf 'scheduler = fsrs\nfuzz = on\n' >"$config"
export REHEARSE_COLLECTION=$WORK/fuzz.db
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null
for day in 01 02 04 08 15; do
    export REHEARSE_NOW=2026-05-${day}T10:00
    printf '4\n\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n:quit\n' |
        "$REHEARSE" --new 10 >/dev/null 2>&1 || true
done
spread=$(q 'SELECT count(DISTINCT fsrs_due) FROM cards')
[ "$spread" -gt 1 ] || fail "fuzz on: every card still falls due the same day"
"$REPLAY_CHECK" "$REHEARSE_COLLECTION" --fuzz >"$WORK/replay" 2>&1 ||
    fail "with fuzz on, the stored schedule is not the replay's: $(cat "$WORK/replay")"
finish
