# concurrent.sh: two sessions and a stream of imports on one collection at
# once: no "database is locked" reaches the user and no answer is lost.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-08-01T09:00

for deck in a b; do
    cards=()
    for i in $(seq 1 40); do cards+=("$deck$i|Question $deck $i|Answer $i"); done
    write_deck "$WORK/$deck.md" "$deck" 1 "${cards[@]}"
done
"$REHEARSE" import --allow-unsigned "$WORK/a.md" "$WORK/b.md" >/dev/null

grades=$(for i in $(seq 1 40); do printf 'answer\n\n4\n'; done)
printf '%s\n' "$grades" | "$REHEARSE" --deck a --new 200 >"$WORK/a.out" 2>"$WORK/a.err" &
pa=$!
printf '%s\n' "$grades" | "$REHEARSE" --deck b --new 200 >"$WORK/b.out" 2>"$WORK/b.err" &
pb=$!
for v in $(seq 1 15); do
    cards=()
    for i in $(seq 1 300); do cards+=("c$i|Imported question $i, version $v|Answer $i $v"); done
    write_deck "$WORK/c.md" c "$v" "${cards[@]}"
    "$REHEARSE" import --allow-unsigned "$WORK/c.md" >/dev/null 2>>"$WORK/import.err" ||
        fail "import of version $v failed: $(cat "$WORK/import.err")"
done
wait "$pa" || fail "session a failed: $(cat "$WORK/a.err")"
wait "$pb" || fail "session b failed: $(cat "$WORK/b.err")"
# (--new 200: the daily new-card limit is shared by all decks, so each
# session must be allowed all its cards whatever the other did first.)
expect_contains "session a graded all its cards" "Reviewed 40 cards" "$(cat "$WORK/a.out")"
expect_contains "session b graded all its cards" "Reviewed 40 cards" "$(cat "$WORK/b.out")"
for f in a.err b.err import.err; do
    expect_eq "nothing on stderr ($f)" "" "$(cat "$WORK/$f")"
done
expect_eq "every answer of both sessions is kept" 80 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind = 'review'")"
expect_eq "the last import landed" 15 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT version FROM decks WHERE slug = 'c'")"
expect_eq "integrity" ok "$(sqlite3 "$REHEARSE_COLLECTION" 'PRAGMA integrity_check')"
finish
