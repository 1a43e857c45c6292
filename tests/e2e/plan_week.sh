#!/usr/bin/env bash
# plan_week.sh: a week before an interview, as a user lives it.  A goal
# seven days ahead over two bundled decks, a session every day answered 4
# for every card shown; on the day before the date every selected card
# has been shown at least twice and at least once in the last three days,
# and the SM-2 state of every card is what the plain reviews alone imply
# (the final pass's 'final' rows move nothing).  Then the plan's bad
# input, its JSON, and its end after the date.
source "$(dirname "$0")/lib/common.bash"
: "${REPLAY_CHECK:?set REPLAY_CHECK to the replay_check program}"
export REHEARSE_DECKDIR=$SOURCE_DIR/decks
q() { sqlite3 "$REHEARSE_COLLECTION" "$1"; }

export REHEARSE_NOW=2026-12-01T09:00
run_rc rc "$REHEARSE" plan --date 2026-12-08 --deck networking --deck databases
expect_eq "plan --date exits 0" 0 "$rc"
expect_contains "plan says the date" "Tue 2026-12-08, in 7 days" "$out"
expect_contains "plan lists a selected deck" "networking" "$out"
selected=$(q "SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id
    WHERE d.slug IN ('networking', 'databases') AND c.retired = 0")
[ "$selected" -gt 100 ] || fail "two bundled decks should hold over 100 cards, not $selected"

answers=$(for i in $(seq 1 1200); do printf '\n4\n'; done)
for day in 01 02 03 04 05 06 07; do
    export REHEARSE_NOW=2026-12-${day}T09:00
    printf '%s' "$answers" | "$REHEARSE" study >"$WORK/day$day.txt" 2>"$WORK/err" ||
        fail "day $day: study failed: $(cat "$WORK/err")"
    expect_contains "day $day: the session says it follows the plan" \
        "Plan: an interview on 2026-12-08" "$(cat "$WORK/day$day.txt")"
done
expect_contains "day 01 introduced new cards" "new cards" "$(head -3 "$WORK/day01.txt")"
expect_contains "day 07 ran the final pass" "of the final pass" "$(head -3 "$WORK/day07.txt")"

# Shown at least twice, and at least once from 2026-12-05 (three days
# before the date), for every selected card.  Days are since 1970-01-01.
final_from=$(( $(date -u -d 2026-12-05 +%s) / 86400 ))
short=$(q "SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id
    WHERE d.slug IN ('networking', 'databases') AND c.retired = 0 AND (
      (SELECT count(*) FROM reviews r WHERE r.card_id = c.id
         AND r.kind IN ('review', 'final')
         AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.id)) < 2
      OR (SELECT max(r.day) FROM reviews r WHERE r.card_id = c.id
         AND r.grade IS NOT NULL) < $final_from)")
expect_eq "selected cards shown twice and once in the last three days" 0 "$short"
finals=$(q "SELECT count(*) FROM reviews WHERE kind = 'final'")
[ "$finals" -gt 0 ] || fail "the final pass logged no 'final' review"
moved=$(q "SELECT count(*) FROM reviews WHERE kind = 'final' AND (
    reps_before <> reps_after OR interval_before <> interval_after OR
    ef_before <> ef_after OR lapses_before <> lapses_after OR
    coalesce(due_before, -1) <> coalesce(due_after, -1))")
expect_eq "a final-pass review moves no schedule" 0 "$moved"
outside=$(q "SELECT count(*) FROM reviews r JOIN cards c ON c.id = r.card_id
    JOIN decks d ON d.id = c.deck_id WHERE r.due_before IS NULL
    AND d.slug NOT IN ('networking', 'databases')")
expect_eq "the plan introduced only selected cards" 0 "$outside"
run_rc rc "$REPLAY_CHECK" "$REHEARSE_COLLECTION"
expect_eq "every schedule is the replay of the plain reviews" 0 "$rc"
summary=$(q "SELECT count(*) FROM cards c WHERE c.seen <> (SELECT count(*)
    FROM reviews r WHERE r.card_id = c.id AND r.kind IN ('review', 'final')
    AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.id))")
expect_eq "cards.seen is the count of the log's grades" 0 "$summary"

# The progress table, as JSON, agrees.
"$REHEARSE" plan --json >"$WORK/plan.json"
python3 - "$WORK/plan.json" "$selected" <<'PY' || fail "plan --json disagrees: $(cat "$WORK/plan.json")"
import json, sys
p = json.load(open(sys.argv[1]))
t = p["goal"]["total"]
assert t["selected"] == int(sys.argv[2]), t
assert t["seen_twice"] == t["selected"] and t["new"] == 0, t
# FSRS-6's recall on the day: every card was reviewed within the week
assert 0.5 < t["predicted_recall"] <= 1, t
assert p["goal"]["days_left"] == 1 and p["today"]["final_phase"] is True, p
PY

# Bad input: a date in the past, today, no such date, an unknown deck,
# no budget; each refused with the reason, the collection as it was.
before=$(snapshot)
for args in "--date 2026-12-01" "--date 2026-11-30" "--date 2026-02-30" \
    "--date tomorrow" "--date 2026-12-20 --deck nope" "--date 2026-12-20 --minutes 0" \
    "--deck networking" "--json --clear"; do
    # shellcheck disable=SC2086
    run_rc rc "$REHEARSE" plan $args
    [ "$rc" -ne 0 ] || fail "plan $args should fail"
    [ -n "$err" ] || fail "plan $args should say why on stderr"
    expect_eq "plan $args prints nothing on stdout" "" "$out"
done
expect_eq "refused plans leave the collection as it was" "$before" "$(snapshot)"

# After the date the plan is over: plan says so, study is plain SM-2.
export REHEARSE_NOW=2026-12-09T09:00
run_rc rc "$REHEARSE" plan
expect_contains "the plan ends after its date" "has ended" "$out"
printf '%s' "$answers" | "$REHEARSE" study >"$WORK/after.txt" 2>&1 || fail "study after the date failed"
case "$(cat "$WORK/after.txt")" in *"Plan:"*) fail "study still follows an ended plan" ;; esac
run_rc rc "$REHEARSE" plan --clear
expect_eq "plan --clear exits 0" 0 "$rc"
expect_eq "no goal after --clear" '{"goal":null}' "$("$REHEARSE" plan --json)"
finish
