# stats.sh: statistics on a synthetic history match hand-computed numbers;
# plain output has no escape codes; JSON parses.  Also export.
source "$(dirname "$0")/lib/common.bash"

write_deck "$WORK/s.md" s 1 "c1|First <tag> & co|Answer 1" "c2|Second|Answer 2" "c3|Third|Answer 3"
"$REHEARSE" import --allow-unsigned "$WORK/s.md" >/dev/null
day() { REHEARSE_NOW=$1T09:00 "$REHEARSE" >/dev/null; }
printf '\n5\n\n5\n\n2\n\n4\n' | day 2026-05-04   # 3 reviews, 2 passed
printf '\n5\n\n5\n\n5\n' | day 2026-05-05        # 3 reviews, 3 passed
printf '\n3\n\n4\n' | day 2026-05-06             # 1 review, 1 passed

export REHEARSE_NOW=2026-05-12T09:00
"$REHEARSE" stats --json >"$WORK/stats.json"
check() { python3 - "$WORK/stats.json" "$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))
PY
}
expect_eq "heatmap total" 7 "$(check 'sum(d["reviews"] for d in s["heatmap"])')"
expect_eq "heatmap days" "[('2026-05-04', 3), ('2026-05-05', 3), ('2026-05-06', 1)]" \
    "$(check '[(d["date"], d["reviews"]) for d in s["heatmap"] if d["reviews"]]')"
expect_eq "heatmap ends today" "2026-05-12" "$(check 's["heatmap"][-1]["date"]')"
expect_eq "forecast today (overdue included)" 3 "$(check 's["forecast"][0]["due"]')"
expect_eq "forecast total" 3 "$(check 'sum(d["due"] for d in s["forecast"])')"
expect_eq "weekly retention" "[('2026-05-04', 7, 6), ('2026-05-11', 0, 0)]" \
    "$(check '[(w["week"], w["reviews"], w["passed"]) for w in s["retention_by_week"][-2:]]')"
expect_eq "deck retention" "[('s', 7, 6)]" \
    "$(check '[(d["deck"], d["reviews"], d["passed"]) for d in s["retention_by_deck"]]')"
expect_eq "states" "{'new': 0, 'learning': 3, 'mature': 0, 'suspended': 0}" "$(check 's["states"]')"
expect_eq "streaks" "{'current': 0, 'longest': 3}" "$(check 's["streak"]')"
REHEARSE_NOW=2026-05-07T09:00 "$REHEARSE" stats --json >"$WORK/stats.json"
expect_eq "streak alive the day after" "{'current': 3, 'longest': 3}" "$(check 's["streak"]')"
# A tag on a card never studied (a tag on no card at all is an error).
write_deck "$WORK/t.md" t 1 "t1|Never studied|x"
printf 'Tags: nothing\n' >>"$WORK/t.md"
"$REHEARSE" import --allow-unsigned "$WORK/t.md" >/dev/null
"$REHEARSE" stats --tag nothing --json >"$WORK/stats.json"
expect_eq "tag filter" 0 "$(check 'sum(d["reviews"] for d in s["heatmap"])')"

out=$(COLUMNS=80 "$REHEARSE" stats)
expect_contains "plain heatmap" "Reviews per day, last 37 weeks (7 in all)" "$out"
expect_contains "plain retention" "2026-05-04      7 reviews   85%" "$out"
expect_contains "plain summary" "Streak: 0 days now, longest 3" "$out"
case "$out" in *$'\x1b'*) fail "escape codes under NO_COLOR" ;; esac
expect_eq "json heatmap stays 26 weeks at any width" 177 \
    "$(COLUMNS=200 "$REHEARSE" stats --json >"$WORK/stats.json"; check 'len(s["heatmap"])')"

# The layout follows the width (COLUMNS, stdout not being a terminal):
# as many weeks as fit, up to 52, and no line wider than the width, in
# display columns, whether the glyphs are ASCII or Unicode blocks.
widest() { python3 "$TESTS_DIR/e2e/lib/columns.py"; }
for locale in C C.UTF-8; do
    for cols in 40 80 200; do
        out=$(LC_ALL=$locale COLUMNS=$cols "$REHEARSE" stats)
        w=$(printf '%s\n' "$out" | widest)
        [ "$w" -le "$cols" ] || fail "$locale: stats at COLUMNS=$cols is $w columns wide"
    done
done
expect_contains "40 columns: 17 weeks" "last 17 weeks" "$(COLUMNS=40 "$REHEARSE" stats)"
expect_contains "200 columns: 52 weeks" "last 52 weeks" "$(COLUMNS=200 "$REHEARSE" stats)"
expect_contains "40 columns: retention rows without the word" "2026-05-04     7  85% " \
    "$(COLUMNS=40 "$REHEARSE" stats)"
out=$(LC_ALL=C COLUMNS=80 "$REHEARSE" stats)
case "$out" in *$'\xe2'* | *$'\xc2'*) fail "non-ASCII glyphs in the C locale" ;; esac
expect_contains "UTF-8 without colour: shaded cells" $'less \u00b7 \u2591 \u2592 \u2593 \u2588 more' \
    "$(LC_ALL=C.UTF-8 COLUMNS=80 "$REHEARSE" stats)"

# Undo takes a review back out of the totals.
printf '\n5\n:undo\n:quit\n' | REHEARSE_NOW=2026-05-12T09:00 "$REHEARSE" >/dev/null
"$REHEARSE" stats --json >"$WORK/stats.json"
expect_eq "undone review not counted" 7 "$(check 'sum(d["reviews"] for d in s["heatmap"])')"

# Export: Anki TSV and a deck file that checks clean.
out=$("$REHEARSE" export --deck s)
expect_contains "tsv header" "#separator:tab" "$out"
expect_contains "tsv row, HTML escaped" $'\t"<p>First &lt;tag&gt; &amp; co</p>"\t"<p>Answer 1</p>"\t' "$out"
"$REHEARSE" export --deck s --format md -o "$WORK/out.md"
run_rc rc "$REHEARSE" export --deck s --format md -o "$WORK/out.md"
expect_eq "export never overwrites without -f" 1 "$rc"
"$REHEARSE" export --deck s --format md -o "$WORK/out.md" -f
run_rc rc "$REHEARSE" check "$WORK/out.md"
expect_contains "exported deck parses" "3 cards" "$out"
run_rc rc "$REHEARSE" export --deck nope
expect_eq "unknown deck" 1 "$rc"
check_state_counts
# stats --grader: your grades beside the suggested ones.  Two typed
# answers to a card with two key points: both covered, graded 5 (exact);
# one covered (suggested 3), graded 5 (two above).
export REHEARSE_COLLECTION=$WORK/grader.db
cat >"$WORK/g.md" <<'DECK'
---
id: graded
title: Graded
version: 1
---

## What does TCP add to IP? {#tcp}

Reliable delivery, in order.

Keys: reliable delivery; in order
DECK
"$REHEARSE" import --allow-unsigned "$WORK/g.md" >/dev/null 2>&1
REHEARSE_NOW=2026-05-01T09:00 "$REHEARSE" study <<<$'reliable delivery, in order\n\n5' >/dev/null 2>&1
REHEARSE_NOW=2026-05-02T09:00 "$REHEARSE" study <<<$'reliable delivery\n\n5' >/dev/null 2>&1
run_rc rc "$REHEARSE" stats --grader --json
expect_eq "stats --grader exits 0" 0 "$rc"
expect_eq "stats --grader counts agreement" \
    '{"decks":[{"deck":"graded","answers":2,"within_one":1,"exact":1,"higher":1,"lower":0}],"total":{"answers":2,"within_one":1,"exact":1,"higher":1,"lower":0}}' "$out"
run_rc rc "$REHEARSE" stats --grader
expect_contains "stats --grader prints a table" "graded" "$out"
finish
