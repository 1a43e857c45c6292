#!/usr/bin/env bash
# backup_safety.sh: the safety net must never lose data itself.  Backups
# are written under a dot name and published only once synced, so a
# killed backup leaves nothing that looks like one; names are unique;
# pruning spares the file being restored; two imports at once both
# succeed.  Each case was a way to lose the only good copy.
source "$(dirname "$0")/lib/common.bash"
dir=$XDG_DATA_HOME/rehearse/backups
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
