# schedule.sh: a scripted session over 30 simulated days produces exactly
# the SM-2 schedule, same-day repetitions included.
source "$(dirname "$0")/lib/common.bash"

write_deck "$WORK/d.md" demo 1 "only|The only question|The answer."
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null

# day -> stdin for that day's session ('' means nothing is due)
declare -A input=(
    [01]=$'\n5\n'
    [02]=$'\n4\n'
    [08]=$'\n3\n\n4\n'
    [24]=$'\n1\n\n2\n\n5\n'
    [25]=$'\n5\n'
    [26]=$'\n5\n'
)
# day -> expected "interval ef reps lapses due" after that day's session
declare -A expect=(
    [01]="1 2.6 1 0 2026-03-02"
    [02]="6 2.6 2 0 2026-03-08"
    [08]="16 2.46 3 0 2026-03-24"
    [24]="1 1.92 0 1 2026-03-25"
    [25]="1 2.02 1 1 2026-03-26"
    [26]="6 2.12 2 1 2026-04-01"
)

state="0 2.5 0 0 None"
for day in $(seq -w 1 30); do
    export REHEARSE_NOW=2026-03-${day}T10:00
    if [ -n "${input[$day]:-}" ]; then
        out=$(printf '%s' "${input[$day]}" | "$REHEARSE")
        expect_contains "day $day summary" "Today's queue is done." "$out"
        state=${expect[$day]}
    else
        out=$("$REHEARSE" </dev/null)
        expect_contains "day $day" "Nothing" "$out"
    fi
    got=$(cards_json 'sched("demo/only")')
    expect_eq "state after day $day" "$state" "$got"
done

# Every grade is in the log; repeats did not move the schedule.
expect_eq "reviews logged" 9 \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"
expect_eq "schedule-moving reviews" 6 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind = 'review'")"
expect_eq "review log detail, day 8" "3|6|260|16|246" \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT grade, interval_before, ef_before, interval_after, ef_after FROM reviews WHERE kind = 'review' ORDER BY id LIMIT 1 OFFSET 2")"

# The rollover hour: 02:00 still belongs to the day before.
export REHEARSE_NOW=2026-04-01T02:00
out=$("$REHEARSE" </dev/null)
expect_contains "before the 4 am rollover" "Nothing due today" "$out"
export REHEARSE_NOW=2026-04-01T05:00
out=$("$REHEARSE" </dev/null)
expect_contains "after the 4 am rollover" "[0 done, 1 left] demo/only" "$out"
finish
