# session.sh: the daily queue: order, new-card limits, filters, undo,
# suspend, skip, and same-day repetition surviving a restart.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-06-01T09:00

write_deck "$WORK/a.md" alpha 1 "a1|A one|x" "a2|A two|x" "a3|A three|x"
write_deck "$WORK/b.md" beta 1 "b1|B one|x" "b2|B two|x"
printf 'Tags: special\n' >>"$WORK/b.md"
"$REHEARSE" import --allow-unsigned "$WORK/a.md" "$WORK/b.md" >/dev/null

mkdir -p "$XDG_CONFIG_HOME/rehearse"
printf '# test config\nnew_per_day = 2\n' >"$XDG_CONFIG_HOME/rehearse/config"
out=$(printf '\n5\n\n5\n\n5\n' | "$REHEARSE")
expect_contains "config limits new cards" "Reviewed 2 cards" "$out"
out=$("$REHEARSE" </dev/null)
expect_contains "limit is per day" "Nothing due today" "$out"
expect_contains "the limit is named" \
    "the daily limit is reached (new_per_day = 2; 3 more waiting, --new N studies N more)" "$out"
# --new N is N more, whatever was studied earlier today (2 > 1 here).
out=$(printf '\n5\n' | "$REHEARSE" --new 1)
expect_contains "--new is more cards, not a daily total" "Reviewed 1 card," "$out"
expect_contains "--new reached" "--new 1 is reached (2 more waiting)" "$out"

printf 'new_per_day = lots\n' >"$XDG_CONFIG_HOME/rehearse/config"
run_rc rc "$REHEARSE" decks
expect_eq "bad config: exit status" 2 "$rc"
expect_contains "bad config: message" "config:1: 'new_per_day' needs a whole number" "$err"
rm "$XDG_CONFIG_HOME/rehearse/config"

out=$(printf '\n4\n' | "$REHEARSE" --tag special)
expect_contains "tag filter" "beta/b2" "$out"
out=$(printf '\n4\n' | "$REHEARSE" --deck alpha)
expect_contains "deck filter shows alpha" "alpha/a3" "$out"
case "$out" in *beta/*) fail "deck filter showed beta" ;; esac

# Next day: due cards, most overdue first.
export REHEARSE_NOW=2026-06-02T09:00
out=$(printf '\n5\n:undo\n\n3\n\n4\n:quit\n' | "$REHEARSE" --new 0)
expect_contains "undo message" "undone" "$out"
first=$(printf '%s\n' "$out" | grep -m1 -o 'alpha/a[0-9]')
expect_eq "undo restored the schedule, then the regrade counted" \
    "6 2.46 2 0 2026-06-08" "$(cards_json "sched('$first')")"
expect_eq "undo is logged, history kept" 1 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind = 'undo'")"

out=$(printf ':skip\n:skip\n:skip\n' | "$REHEARSE" --new 0)
expect_contains "skip leaves the cards due" "No cards reviewed." "$out"
case "$out" in *"0%"*) fail "no percentage of no cards: $out" ;; esac
out=$(printf 'an answer\n\nseven\n:help\n' | "$REHEARSE" --new 0)
expect_contains "a bad grade re-prompts with the legend" "0 blackout" "$out"
expect_contains "help lists commands" ":suspend" "$out"

out=$(printf ':suspend\n' | "$REHEARSE" --new 0)
expect_contains "suspend" "suspended" "$out"
suspended=$(cards_json '[k for k, c in by.items() if c["state"] == "suspended"][0]')
"$REHEARSE" unsuspend "$suspended" >/dev/null
expect_eq "unsuspended" 0 "$(cards_json 'sum(c["state"] == "suspended" for c in cards)')"

# The card graded 3 comes back today even after quitting, and its repeat
# does not move the schedule.
out=$(printf '\n4\n\n4\n\n4\n\n4\n' | "$REHEARSE" --new 0)
expect_contains "repeat survives a restart" "$first" "$out"
expect_contains "queue finished" "Today's queue is done." "$out"
expect_eq "the repeat did not move the schedule" "6 2.46 2 0 2026-06-08" \
    "$(cards_json "sched('$first')")"
check_state_counts
finish
