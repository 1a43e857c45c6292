#!/usr/bin/env bash
# backup_safety.sh: the safety net must never lose data itself.  Backups
# are written under a dot name and published only once synced, so a
# killed backup leaves nothing that looks like one; names are unique;
# pruning spares the file being restored; two imports at once both
# succeed.  Each case was a way to lose the only good copy.
source "$(dirname "$0")/lib/common.bash"
dir=$REHEARSE_COLLECTION.backups
export REHEARSE_NOW=2026-10-01T09:00

cards=()
for i in $(seq 1 3000); do cards+=("c$i|Question number $i, long enough to fill pages?|Answer $i."); done
write_deck "$WORK/big.md" big 1 "${cards[@]}"
"$REHEARSE" import --allow-unsigned "$WORK/big.md" >/dev/null

# Every file under a backup's name is a sound rehearse collection.
sound_backups() {
    local f bad=""
    for f in "$dir"/*.db; do
        [ -e "$f" ] || continue
        [ "$(sqlite3 "file:$f?immutable=1" 'PRAGMA integrity_check' 2>&1)" = ok ] ||
            bad="$bad $(basename "$f")"
    done
    echo "${bad:-all sound}"
}

# SIGKILL at moments spread over a backup's run.
for delay in 0.01 0.02 0.03 0.05 0.08 0.12 0.2; do
    "$REHEARSE" backup >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
done
expect_eq "killed backups left no partial file under a backup's name" \
    "all sound" "$(sound_backups)"
expect_eq "no stray journal beside a backup" "" \
    "$(ls "$dir" | grep -- '-journal$' | grep -v '^\.' || true)"
# A partial file of a process that is gone is cleaned up by the next one.
touch "$dir/.partial-999999999-1-collection.db" "$dir/.partial-999999999-1-collection.db-journal"
"$REHEARSE" backup >/dev/null
expect_eq "stale partial files removed" "" "$(ls -A "$dir" | grep '^\.partial-999999999' || true)"

# Two backups in the same second get two names; neither replaces the other.
a=$("$REHEARSE" backup)
b=$("$REHEARSE" backup)
[ "$a" != "$b" ] || fail "two backups in one second share a name: $a"

# Restoring the oldest backup: pruning must not delete it first.
for i in $(seq 1 12); do "$REHEARSE" backup >/dev/null; done
oldest=$(ls "$dir"/*.db | head -1)
run_rc rc "$REHEARSE" restore "$oldest"
expect_eq "restore of the oldest backup: exit" 0 "$rc"
[ -e "$oldest" ] || fail "restore pruned the very file it restored"

# Undo a restore at once by restoring the saved previous collection.
printf '\nanswer\n5\n' | "$REHEARSE" >/dev/null
reviews=$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')
first=$("$REHEARSE" restore "$oldest")
previous=${first##*the previous collection is in }
previous=${previous%)}
run_rc rc "$REHEARSE" restore "$previous"
expect_eq "restore of the previous collection: exit" 0 "$rc"
expect_eq "undoing a restore brings the reviews back" "$reviews" \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"

# The restore source is checked fully before anything is touched.
before=$(snapshot)
sqlite3 "$WORK/empty.db" 'PRAGMA application_id = 1380471379; PRAGMA user_version = 3;'
sqlite3 "$WORK/foreign.db" 'CREATE TABLE t(x); PRAGMA user_version = 3;'
mkdir "$WORK/adir.db"
mkfifo "$WORK/afifo.db"
for bad in empty.db foreign.db adir.db afifo.db; do
    run_rc rc timeout 10 "$REHEARSE" restore "$WORK/$bad"
    expect_eq "restore $bad refused: exit" 3 "$rc"
    expect_contains "restore $bad: collection untouched" "the collection was not touched" "$err"
done
run_rc rc "$REHEARSE" restore "$WORK/no-such.db"
expect_eq "restore of a missing file: exit 1, not 3" 1 "$rc"
expect_eq "refused restores changed nothing" "$before" "$(snapshot)"
run_rc rc "$REHEARSE" decks
expect_eq "every command still works after refused restores" 0 "$rc"

# File names are not URIs: '#' and '%41' are part of the name.
good=$(ls "$dir"/*.db | tail -1)
cp "$good" "$WORK/my#1.db"
cp "$good" "$WORK/copy%41.db"
printf 'junk' >"$WORK/my"
printf 'junk' >"$WORK/copyA.db"
for name in 'my#1.db' 'copy%41.db'; do
    run_rc rc "$REHEARSE" restore "$WORK/$name"
    expect_eq "restore '$name': exit" 0 "$rc"
    expect_contains "restore '$name': the file named" "restored $WORK/$name" "$out"
done

# Backups belong to one collection: named after its identity, kept beside
# a collection given by path, under XDG_DATA_HOME for the usual one.
id=$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT substr(id, 1, 8) FROM identity')
[ -n "$(ls "$dir" | grep -- "^collection-$id-")" ] || fail "backup names carry the identity $id"
mkdir -p "$WORK/a" "$WORK/b"
for side in a b; do
    REHEARSE_COLLECTION=$WORK/$side/collection.db "$REHEARSE" decks >/dev/null
    for i in $(seq 1 12); do
        REHEARSE_COLLECTION=$WORK/$side/collection.db "$REHEARSE" backup >/dev/null
    done
done
expect_eq "two collections of one name keep their own backups (a)" 10 \
    "$(ls "$WORK/a/collection.db.backups" | grep -c 'manual.db$')"
expect_eq "two collections of one name keep their own backups (b)" 10 \
    "$(ls "$WORK/b/collection.db.backups" | grep -c 'manual.db$')"
usual=$(env -u REHEARSE_COLLECTION "$REHEARSE" backup)
expect_contains "the usual collection's backups stay under XDG_DATA_HOME" \
    "backed up to $XDG_DATA_HOME/rehearse/backups/collection-" "$usual"

# Two imports at the same moment both succeed.
for round in 1 2 3 4 5; do
    write_deck "$WORK/x$round.md" "x$round" 1 "a|Question x$round?|Answer."
    write_deck "$WORK/y$round.md" "y$round" 1 "a|Question y$round?|Answer."
    "$REHEARSE" import --allow-unsigned "$WORK/x$round.md" >/dev/null 2>"$WORK/x.err" &
    px=$!
    "$REHEARSE" import --allow-unsigned "$WORK/y$round.md" >/dev/null 2>"$WORK/y.err" &
    py=$!
    wait "$px" || fail "round $round: first import failed: $(cat "$WORK/x.err")"
    wait "$py" || fail "round $round: second import failed: $(cat "$WORK/y.err")"
done
finish
