#!/usr/bin/env bash
# replay.sh: the review log is the source of truth.  Thirty days of
# sessions by the real binary (passes, lapses, same-day repeats, undo,
# suspend, a deck update, an interview bringing cards forward), then every card's stored schedule must equal
# the replay of its reviews (replay_check).
source "$(dirname "$0")/lib/common.bash"
: "${REPLAY_CHECK:?set REPLAY_CHECK to the replay_check program}"

cards=()
for i in $(seq 1 12); do cards+=("c$i|Question $i?|Answer $i."); done
write_deck "$WORK/d.md" demo 1 "${cards[@]}"
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null

# Grades cycle through a fixed pattern so that every path is taken: good
# and perfect answers, hard passes, lapses with their same-day repeats,
# and an occasional :undo.
pattern=(5 4 3 2 5 1 4 4 0 3 5 2)
step=0
for day in $(seq -w 1 30); do
    export REHEARSE_NOW=2026-03-${day}T10:00
    input=""
    for n in $(seq 1 40); do
        g=${pattern[$((step % ${#pattern[@]}))]}
        step=$((step + 1))
        input+=$'answer\n\n'"$g"$'\n'
        if [ $((step % 17)) -eq 0 ]; then input+=$':undo\n'; fi
    done
    printf '%s' "$input" | "$REHEARSE" --new 3 >/dev/null 2>"$WORK/err" ||
        fail "day $day session failed: $(cat "$WORK/err")"
    if [ "$day" = 10 ]; then "$REHEARSE" suspend demo/c2 >/dev/null; fi
    # An interview graded low brings cards forward, through the log too.
    if [ "$day" = 15 ]; then
        printf 'x\n\n1\nx\n\n1\nx\n\n0\n' |
            "$REHEARSE" interview --count 3 --seed 3 >/dev/null 2>&1 ||
            fail "day 15 interview failed"
    fi
    if [ "$day" = 20 ]; then
        write_deck "$WORK/d.md" demo 2 "${cards[@]}" "c13|Question 13?|Answer 13."
        "$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null
    fi
done

reviews=$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')
undos=$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind = 'undo'")
repeats=$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind = 'repeat'")
[ "$reviews" -ge 100 ] || fail "only $reviews reviews logged"
[ "$undos" -ge 1 ] || fail "no undo in the history"
[ "$repeats" -ge 1 ] || fail "no same-day repeat in the history"
forwards=$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind = 'forward'")
[ "$forwards" -ge 1 ] || fail "no interview bring-forward in the history"

run_rc rc "$REPLAY_CHECK" "$REHEARSE_COLLECTION"
expect_eq "stored schedules equal the replay of the log: exit" 0 "$rc"
expect_contains "every reviewed card replayed" ", 0 differ" "$out"
echo "$out ($undos undos, $repeats repeats, $forwards brought forward)"

# FSRS is kept beside SM-2 on every path: each graded card has a state,
# a same-day repeat takes FSRS's short-term update (SM-2 stays), an undo
# restores FSRS as it restores SM-2, and a final-pass grade moves neither.
q() { sqlite3 "$REHEARSE_COLLECTION" "$1"; }
expect_eq "FSRS state on every graded card" 0 \
    "$(q "SELECT count(*) FROM cards WHERE fsrs_stability IS NULL AND id IN
        (SELECT card_id FROM reviews WHERE kind = 'review')")"
expect_eq "repeats move FSRS, not SM-2" "0 1" \
    "$(q "SELECT sum(ef_before <> ef_after OR interval_before <> interval_after),
        sum(fsrs_stability_before <> fsrs_stability_after) > 0
        FROM reviews WHERE kind = 'repeat'" | tr '|' ' ')"
expect_eq "an undo restores the FSRS state before the review it undoes" 0 \
    "$(q "SELECT count(*) FROM reviews u JOIN reviews r ON r.id = u.undoes
        WHERE u.fsrs_stability_after IS NOT r.fsrs_stability_before
           OR u.fsrs_difficulty_after IS NOT r.fsrs_difficulty_before
           OR u.fsrs_due_after IS NOT r.fsrs_due_before")"
expect_eq "a bring-forward moves FSRS's due day too" 0 \
    "$(q "SELECT count(*) FROM reviews WHERE kind = 'forward'
        AND (fsrs_due_after IS NULL OR fsrs_due_after > day)")"

# The check can fail: an FSRS state changed behind the log's back is
# caught, to 1e-9.
saved=$(q "SELECT id || '|' || printf('%.17g', fsrs_stability) FROM cards WHERE fsrs_stability IS NOT NULL LIMIT 1")
q "UPDATE cards SET fsrs_stability = fsrs_stability * (1 + 1e-8) WHERE id = ${saved%%|*}"
run_rc rc "$REPLAY_CHECK" "$REHEARSE_COLLECTION"
expect_eq "a tampered FSRS stability is caught: exit" 1 "$rc"
expect_contains "a tampered FSRS stability is caught: message" "1 differ" "$out"
q "UPDATE cards SET fsrs_stability = ${saved#*|} WHERE id = ${saved%%|*}"
run_rc rc "$REPLAY_CHECK" "$REHEARSE_COLLECTION"
expect_eq "restored: exit" 0 "$rc"

# The check can fail: a schedule changed behind the log's back is caught.
sqlite3 "$REHEARSE_COLLECTION" "UPDATE cards SET interval = interval + 1
    WHERE id = (SELECT card_id FROM reviews WHERE kind = 'review' LIMIT 1)"
run_rc rc "$REPLAY_CHECK" "$REHEARSE_COLLECTION"
expect_eq "a tampered schedule is caught: exit" 1 "$rc"
expect_contains "a tampered schedule is caught: message" "1 differ" "$out"
finish
