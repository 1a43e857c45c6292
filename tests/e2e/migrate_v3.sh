# migrate_v3.sh: the rehearse binary opens a real schema-3 collection
# (tests/data/collection-v3.db), backs it up before migrating, and the
# migrated collection lists, studies and checks clean.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-03-09T09:00

cp "$TESTS_DIR/data/collection-v3.db" "$WORK/old.db"
q() { sqlite3 "$WORK/old.db" "$1"; }
before=$(q "SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM answers),
    (SELECT count(*) FROM cards), (SELECT count(*) FROM decks), (SELECT count(*) FROM keyring)")
schedules=$(q "SELECT group_concat(id || ':' || interval || ':' || ef || ':' || coalesce(due, '-'), ' ')
    FROM (SELECT * FROM cards ORDER BY id)")

"$REHEARSE" --collection "$WORK/old.db" decks >"$WORK/decks.txt"
expect_contains "decks lists the fixture's decks" "py" "$(cat "$WORK/decks.txt")"
expect_eq "migrated" 5 "$(q 'PRAGMA user_version')"
backups=$(ls "$WORK/old.db.backups" | grep -c -- '-migration\.db$' || true)
expect_eq "one backup before migrating" 1 "$backups"
backup=$(ls -d "$WORK"/old.db.backups/*-migration.db | head -1)
expect_eq "the backup is the schema-3 file" 3 "$(sqlite3 "$backup" 'PRAGMA user_version')"
expect_eq "every row kept" "$before" "$(q "SELECT (SELECT count(*) FROM reviews),
    (SELECT count(*) FROM answers), (SELECT count(*) FROM cards),
    (SELECT count(*) FROM decks), (SELECT count(*) FROM keyring)")"
expect_eq "no schedule moved" "$schedules" "$(q "SELECT group_concat(id || ':' || interval || ':' || ef || ':' || coalesce(due, '-'), ' ')
    FROM (SELECT * FROM cards ORDER BY id)")"
expect_eq "foreign keys" "" "$(q 'PRAGMA foreign_key_check')"
expect_eq "integrity" ok "$(q 'PRAGMA integrity_check')"
# FSRS was filled in from each card's log during the migration: every
# card with a live grade has a state, every review row its before and
# after, and the whole collection replays clean under both models.
reviewed=$(q "SELECT count(DISTINCT card_id) FROM reviews WHERE kind = 'review'")
[ "$reviewed" -ge 1 ] || fail "the fixture has no graded card"
expect_eq "FSRS filled for every graded card" 0 \
    "$(q "SELECT count(*) FROM cards WHERE fsrs_stability IS NULL AND id IN
        (SELECT card_id FROM reviews WHERE kind = 'review')")"
expect_eq "FSRS filled on every graded review row" 0 \
    "$(q "SELECT count(*) FROM reviews WHERE kind = 'review' AND fsrs_stability_after IS NULL")"
expect_eq "no FSRS state on a card never graded" 0 \
    "$(q "SELECT count(*) FROM cards WHERE fsrs_stability IS NOT NULL AND id NOT IN
        (SELECT card_id FROM reviews WHERE grade IS NOT NULL)")"
run_rc rc "$REPLAY_CHECK" "$WORK/old.db"
expect_eq "migrated collection replays clean: exit ($err)" 0 "$rc"
expect_contains "migrated collection replays clean" ", 0 differ" "$out"
run_rc rc sqlite3 "$WORK/old.db" "UPDATE reviews SET grade = 9 WHERE id = 1"
[ "$rc" -ne 0 ] || fail "a grade of 9 was accepted"
expect_contains "by the CHECK" "CHECK constraint failed" "$err"

# The migrated collection still studies, and a second open migrates nothing.
printf '\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n\n4\n' |
    "$REHEARSE" --collection "$WORK/old.db" study --new 0 >/dev/null
expect_eq "still one migration backup" 1 \
    "$(ls "$WORK/old.db.backups" | grep -c -- '-migration\.db$' || true)"
REHEARSE_COLLECTION=$WORK/old.db check_state_counts
"$REHEARSE" --collection "$WORK/old.db" stats >/dev/null || fail "stats after migrating"
finish
