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
"$REHEARSE" stats --tag nothing --json >"$WORK/stats.json"
expect_eq "tag filter" 0 "$(check 'sum(d["reviews"] for d in s["heatmap"])')"

out=$("$REHEARSE" stats)
expect_contains "plain heatmap" "Reviews per day, last 26 weeks (7 in all)" "$out"
expect_contains "plain retention" "2026-05-04      7 reviews   85%" "$out"
expect_contains "plain summary" "Streak: 0 days now, longest 3" "$out"
case "$out" in *$'\x1b'*) fail "escape codes under NO_COLOR" ;; esac
width=$(printf '%s\n' "$out" | python3 "$TESTS_DIR/e2e/lib/columns.py")
[ "$width" -le 80 ] || fail "stats is $width columns wide"

# Undo takes a review back out of the totals.
printf '\n5\n:undo\n:quit\n' | REHEARSE_NOW=2026-05-12T09:00 "$REHEARSE" >/dev/null
"$REHEARSE" stats --json >"$WORK/stats.json"
expect_eq "undone review not counted" 7 "$(check 'sum(d["reviews"] for d in s["heatmap"])')"

# Export: Anki TSV and a deck file that checks clean.
out=$("$REHEARSE" export --deck s)
expect_contains "tsv header" "#separator:tab" "$out"
expect_contains "tsv row, HTML escaped" $'First &lt;tag&gt; &amp; co\tAnswer 1\t' "$out"
"$REHEARSE" export --deck s --format md -o "$WORK/out.md"
run_rc rc "$REHEARSE" export --deck s --format md -o "$WORK/out.md"
expect_eq "export never overwrites without -f" 1 "$rc"
"$REHEARSE" export --deck s --format md -o "$WORK/out.md" -f
run_rc rc "$REHEARSE" check "$WORK/out.md"
expect_contains "exported deck parses" "3 cards" "$out"
run_rc rc "$REHEARSE" export --deck nope
expect_eq "unknown deck" 1 "$rc"
check_state_counts
finish
