# backup.sh: automatic backups before imports and schema upgrades and once
# a day, pruning, and backup/restore by hand.
source "$(dirname "$0")/lib/common.bash"
dir=$REHEARSE_COLLECTION.backups
count() { ls "$dir" 2>/dev/null | grep -c -- "$1" || true; }

export REHEARSE_NOW=2026-10-01T09:00
write_deck "$WORK/d.md" d 1 "a|Question A|Answer A"
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null
expect_eq "a backup before the import" 1 "$(count -import.db)"
expect_eq "backups directory is private" 700 "$(stat -c %a "$dir")"
expect_eq "the backup is a sound copy" ok \
    "$(sqlite3 "$(ls -d "$dir"/*-import.db | head -1)" 'PRAGMA integrity_check')"

# Once a day: the first command of a new day makes one.
REHEARSE_NOW=2026-10-02T09:00 "$REHEARSE" decks >/dev/null
REHEARSE_NOW=2026-10-02T10:00 "$REHEARSE" decks >/dev/null
expect_eq "one daily backup" 1 "$(count 20261002-.*-daily.db)"

# Pruning: 10 newest plus the newest of each of the last 7 days.
for day in 03 04 05 06 07 08 09 10 11 12 13 14; do
    REHEARSE_NOW=2026-10-${day}T09:00 "$REHEARSE" decks >/dev/null
done
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    REHEARSE_NOW=2026-10-14T10:$(printf %02d "$i") "$REHEARSE" backup >/dev/null
done
expect_eq "pruned to 10 newest + newest of 6 earlier days" 16 "$(ls "$dir" | wc -l)"

# Restore: the file is checked first; the current collection is saved.
export REHEARSE_NOW=2026-10-14T11:00
out=$("$REHEARSE" backup)
saved=${out#backed up to }
printf "\n5\n" | REHEARSE_NOW=2026-10-14T11:01 "$REHEARSE" >/dev/null
expect_eq "a review after the backup" 1 "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"
printf 'not a database' >"$WORK/junk.db"
run_rc rc "$REHEARSE" restore "$WORK/junk.db"
expect_eq "restore refuses junk" 3 "$rc"
expect_eq "junk did not touch the collection" 1 "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"
out=$("$REHEARSE" restore "$saved")
expect_contains "restore" "restored" "$out"
expect_eq "restored contents" 0 "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"
expect_eq "a backup before the restore" 1 "$(count -before-restore.db)"

# A schema upgrade backs up first: a real schema-3 collection (it has
# no identity yet, so its backup is named with zeros).
cp "$TESTS_DIR/data/collection-v3.db" "$WORK/old.db"
REHEARSE_COLLECTION=$WORK/old.db "$REHEARSE" decks >/dev/null
expect_eq "backup before migrating" 1 "$(ls "$WORK/old.db.backups" | grep -c -- '^old-00000000-.*-migration.db')"
expect_eq "migrated" 5 "$(sqlite3 "$WORK/old.db" 'PRAGMA user_version')"
check_state_counts
finish
