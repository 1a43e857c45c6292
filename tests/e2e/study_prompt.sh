# study_prompt.sh: the study prompt says what it does: unknown commands,
# refused grades and why, when a card comes back, undo of every action
# (also across sessions the same day), the progress line, and why new
# cards ran out (issue 11 section 5).  Terminal-only behaviour (Ctrl-C,
# Tab) is in tty.sh.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-12-01T09:00

write_deck "$WORK/p.md" p 1 "p1|P one|x" "p2|P two|y" "p3|P three|z"
write_deck "$WORK/q.md" q 1 "q1|Q one|w"
"$REHEARSE" import --allow-unsigned "$WORK/p.md" "$WORK/q.md" >/dev/null
state() { cards_json "by['p/$1']['state'] + ' ' + str(by['p/$1']['due'])"; }

# p1: a refused grade says why; spaces around a grade are fine.
# p2: an unknown command is neither answer nor grade; ':=' is an answer.
# p3: skip, undo, suspend, undo, then graded; p2 comes back and is done.
out=$(printf '%s\n' "" 10 " 5 " ":skp" ":= walrus" "" 2 ":skip" ":undo" \
    ":suspend" ":undo" "" 4 "" 5 | "$REHEARSE" --deck p --new 3)
expect_contains "a refused grade says why" "grade 0-5, not '10'" "$out"
expect_contains "a spaced grade is taken; when it comes back" \
    "next tomorrow, Dec 2" "$out"
expect_contains "unknown command" "unknown command ':skp' (try :help)" "$out"
expect_eq "an unknown command is not an answer" 0 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM answers WHERE answer LIKE ':skp%'")"
expect_eq "':=' is an answer" 1 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM answers WHERE answer = ':= walrus'")"
expect_contains "a low grade comes back today" "again later today" "$out"
expect_contains "progress counts again-later cards apart" \
    "[1 done, 1 left, 1 again later] p/p3" "$out"
expect_contains "skip can be undone" "undone: the skipped card is back" "$out"
expect_contains "suspend can be undone" "undone: the card is no longer suspended" "$out"
expect_eq "p3 graded after the undos" "learning 2026-12-02" "$(state p3)"
expect_contains "summary counts each card once" "Reviewed 3 cards, 66% correct" "$out"
expect_contains "new cards ran out in the deck" \
    "No new cards are left in the selected decks." "$out"

# A new session the same day takes back the earlier session's grades,
# last first: p2's repeat, then p3's grade (p3 is new again).
out=$(printf '%s\n' ":undo" ":undo" ":quit" | "$REHEARSE" --deck q --new 1)
expect_contains "undo across sessions" "undone: today's last grade, from an earlier session" "$out"
expect_contains "the undone repeat is shown again" \
    "[0 done, 1 left, 1 again later] p/p2" "$out"
expect_contains "then the grade before it" "[0 done, 2 left, 1 again later] p/p3" "$out"
expect_eq "p3 is new again" "new None" "$(state p3)"
expect_eq "two undos logged" 2 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind = 'undo'")"
expect_contains "nothing reviewed: no percentage" \
    "No cards reviewed. 1 card again later today. Due tomorrow:" "$out"

# Far-off dates carry the year.
out=$(printf "%s\n" "" 5 | REHEARSE_NOW=2026-12-31T09:00 "$REHEARSE" --deck q --new 1)
expect_contains "the year when it is not this one" "next tomorrow, Jan 1 2027" "$out"

# The daily limit of new cards is named, with the way past it.
export REHEARSE_COLLECTION=$WORK/limit.db
"$REHEARSE" import --allow-unsigned "$WORK/p.md" >/dev/null
mkdir -p "$XDG_CONFIG_HOME/rehearse"
printf 'new_per_day = 1\n' >"$XDG_CONFIG_HOME/rehearse/config"
out=$(printf '\n5\n' | "$REHEARSE")
expect_contains "the daily limit" \
    "No more new cards today: the daily limit is reached (new_per_day = 1" "$out"
out=$(printf '\n5\n\n5\n' | "$REHEARSE" --new 5)
expect_contains "--new past the limit" "Reviewed 2 cards" "$out"
expect_contains "then none are left" "No new cards are left in your decks." "$out"
finish
