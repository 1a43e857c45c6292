# interview.sh: mock interviews choose without repeats and within the
# filters, file answers in the journal with key-point coverage, and move
# schedules only as documented.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-04-01T09:00

cards=()
for i in $(seq 1 12); do cards+=("n$i|Network question $i|Answer $i"); done
write_deck "$WORK/net.md" net 1 "${cards[@]}"
cat >>"$WORK/net.md" <<'DECK'

## What happens in the TCP handshake? {#handshake}

The client sends SYN, the server answers SYN-ACK, the client ACKs.

Tags: tcp
Keys: SYN; SYN-ACK; final ACK; sequence numbers agreed
DECK
write_deck "$WORK/db.md" db 1 "d1|DB one|x" "d2|DB two|x" "d3|DB three|x"
"$REHEARSE" import --allow-unsigned "$WORK/net.md" "$WORK/db.md" >/dev/null

# 16 cards, 16 questions: every card exactly once.
answers=$(for i in $(seq 1 16); do printf 'my answer %d\n\n3\n' "$i"; done)
out=$(printf '%s\n' "$answers" | "$REHEARSE" interview --count 16 --seed 7)
asked=$(printf '%s\n' "$out" | grep -o 'Question [0-9]* of 16 (target 2:00)  [a-z]*/[a-z0-9]*' | awk '{print $NF}')
expect_eq "16 questions asked" 16 "$(printf '%s\n' "$asked" | wc -l)"
expect_eq "no card asked twice" 16 "$(printf '%s\n' "$asked" | sort -u | wc -l)"
expect_contains "report per topic" "TOPIC" "$out"
expect_contains "weakest answers" "Weakest answers:" "$out"
expect_eq "journal has 16 answers" 16 "$("$REHEARSE" journal --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
expect_eq "default: no schedule moved" 0 \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"
expect_eq "default: all still new" 16 "$(cards_json 'sum(c["state"] == "new" for c in cards)')"

# Mixed topics: the first two questions come from different decks.
first_two=$(printf '%s\n' "$asked" | head -2 | cut -d/ -f1 | sort -u | wc -l)
expect_eq "topics rotate" 2 "$first_two"

# Filters.
out=$(printf 'x\n\n4\nx\n\n4\nx\n\n4\n' | "$REHEARSE" interview --deck db --count 5)
expect_eq "deck filter" 3 "$(printf '%s\n' "$out" | grep -c 'Question [0-9] of 3 (target 2:00)  db/')"
out=$(printf 'x\n\n4\n' | "$REHEARSE" interview --tag tcp)
expect_contains "tag filter" "net/handshake" "$out"

# Key points: typed answer against the handshake card.
out=$(printf 'First a syn, then the SYN-ACK comes back.\n\n2\n' | "$REHEARSE" interview --tag tcp --target 60)
expect_contains "clock target" "(target 1:00)" "$out"
expect_contains "covered key" "[covered] SYN-ACK" "$out"
expect_contains "missed key" "[missed]  final ACK" "$out"
"$REHEARSE" journal --card handshake --json >"$WORK/j.json"
expect_eq "journal keeps what was typed" "First a syn, then the SYN-ACK comes back.|[True, True, False, False]|2" \
    "$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))[0]; print(e["answer"], e["covered"], e["grade"], sep="|")' "$WORK/j.json")"
expect_eq "grade below 3 brings the card forward" "2026-04-01" "$(cards_json 'by["net/handshake"]["due"]')"
expect_eq "...without moving SM-2" "0 2.5 0 0 2026-04-01" "$(cards_json 'sched("net/handshake")')"
out=$(printf '\n' | "$REHEARSE" study --tag tcp)
expect_contains "the daily session shows it" "net/handshake" "$out"

# --reschedule: the grade is the card's review for the day.
out=$(printf 'SYN, SYN-ACK, final ACK, sequence numbers agreed\n\n5\n' | "$REHEARSE" interview --tag tcp --reschedule)
expect_contains "all keys covered" "4/4 key points" "$out"
expect_eq "--reschedule moves SM-2" "1 2.6 1 0 2026-04-02" "$(cards_json 'sched("net/handshake")')"
out=$(printf 'x\n\n1\n' | "$REHEARSE" interview --tag tcp --reschedule)
expect_eq "a second grade the same day does not move it" "1 2.6 1 0 2026-04-02" "$(cards_json 'sched("net/handshake")')"

# :pass and :quit.
out=$(printf ':pass\n:quit\n' | "$REHEARSE" interview --deck db --count 3)
expect_contains "pass is reported as a grade 0" "grade 0" "$out"

# Journal views.
out=$("$REHEARSE" journal --format md --since 2026-04-01)
expect_contains "markdown journal" "# Answer journal" "$out"
expect_contains "markdown quotes the answer" "> First a syn" "$out"
"$REHEARSE" journal --since 2026-04-02 --json | python3 -c 'import json,sys; assert json.load(sys.stdin) == []' \
    || fail "--since filters"
run_rc rc "$REHEARSE" journal --since yesterday
expect_eq "bad --since" 2 "$rc"
# Daily sessions file typed answers in the journal too.
printf 'typed in a daily session\n\n4\n' | "$REHEARSE" study --deck db --new 1 >/dev/null
expect_eq "study answers are journaled" "study|typed in a daily session|4" \
    "$("$REHEARSE" journal --deck db --json | python3 -c '
import json, sys
e = json.load(sys.stdin)[0]
print(e["source"], e["answer"], e["grade"], sep="|")')"
# The interview's grade prompt reads grades as the study prompt does:
# spaces around a grade are fine, and a refusal says why.
out=$(printf 'spaced grade\n\n10\n 4 \n' | "$REHEARSE" interview --deck db --count 1 2>&1)
expect_contains "interview: a refused grade says why" "grade 0-5, not '10'" "$out"
expect_eq "interview: ' 4 ' is a grade" "4" \
    "$("$REHEARSE" journal --json | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["grade"])')"
check_state_counts
finish
