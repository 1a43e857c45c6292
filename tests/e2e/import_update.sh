# import_update.sh: updates keep scheduling state, retire removed cards
# with their history, and refuse downgrades and conflicts.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-05-01T09:00

write_deck "$WORK/v1.md" d 1 "a|Question A|Answer A" "b|Question B|Answer B" "c|Question C|Answer C"
out=$("$REHEARSE" import --allow-unsigned "$WORK/v1.md")
expect_eq "first import" "imported 'd' v1: 3 cards (unsigned)" "$out"
printf '\n5\n\n5\n\n5\n' | "$REHEARSE" >/dev/null
expect_eq "all reviewed" "1 2.6 1 0 2026-05-02" "$(cards_json 'sched("d/a")')"

out=$("$REHEARSE" import --allow-unsigned "$WORK/v1.md")
expect_eq "same version again" "'d' v1 is already up to date" "$out"

write_deck "$WORK/v2.md" d 2 "a|Question A|Answer A, now longer" "b|Question B|Answer B" "n|Question N|Answer N"
out=$("$REHEARSE" import --allow-unsigned "$WORK/v2.md")
expect_eq "update" "updated 'd' v1 -> v2: 1 added, 1 changed, 1 retired" "$out"
expect_eq "changed card keeps its schedule" "1 2.6 1 0 2026-05-02" "$(cards_json 'sched("d/a")')"
expect_eq "retired card not listed" "False" "$(cards_json '"d/c" in by')"
expect_eq "new card is new" "new" "$(cards_json 'by["d/n"]["state"]')"
expect_eq "history of the retired card is kept" 1 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.slug = 'c' AND c.retired = 1")"

before=$(snapshot)
run_rc rc "$REHEARSE" import --allow-unsigned "$WORK/v1.md"
expect_eq "downgrade refused" 3 "$rc"
expect_contains "downgrade message" "older than the installed version 2" "$err"
expect_eq "downgrade changed nothing" "$before" "$(snapshot)"

write_deck "$WORK/v2b.md" d 2 "a|Question A|Something else"
run_rc rc "$REHEARSE" import --allow-unsigned "$WORK/v2b.md"
expect_eq "conflict refused" 3 "$rc"
expect_contains "conflict message" "already installed with different content" "$err"
expect_eq "conflict changed nothing" "$before" "$(snapshot)"

out=$("$REHEARSE" import --allow-unsigned --allow-downgrade "$WORK/v1.md")
expect_contains "downgrade allowed" "updated 'd' v2 -> v1" "$out"
expect_eq "the retired card returns with its schedule" "1 2.6 1 0 2026-05-02" "$(cards_json 'sched("d/c")')"

out=$("$REHEARSE" decks)
expect_contains "decks lists the deck as unsigned" "UNSIGNED" "$out"
"$REHEARSE" decks --json >"$WORK/decks.json"
expect_eq "decks --json" "d 1 3 False" "$(python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))[0]
print(d["id"], d["version"], d["cards"], d["signed"])' "$WORK/decks.json")"
check_state_counts

# The search index holds exactly the live cards after imports and updates
# (an import indexes its new cards in one statement at its end), FTS5's
# own check passes, and the deferral left nothing behind.
db=$REHEARSE_COLLECTION
expect_eq "search index: one row a live card" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM cards WHERE retired = 0')" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM cards_fts')"
expect_eq "search index: the same cards" "" \
    "$(sqlite3 "$db" 'SELECT id FROM cards WHERE retired = 0 EXCEPT SELECT rowid FROM cards_fts')"
sqlite3 "$db" "INSERT INTO cards_fts (cards_fts, rank) VALUES ('integrity-check', 1)" ||
    fail "FTS5 integrity-check failed after the imports"
expect_eq "no deferral left behind" 0 "$(sqlite3 "$db" 'SELECT count(*) FROM fts_deferred')"
finish
