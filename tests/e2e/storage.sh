# storage.sh: a full disk, a read-only collection and a truncated one each
# give a clear error and leave the collection as it was.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-09-01T09:00

write_deck "$WORK/small.md" small 1 "a|Question A|Answer A"
"$REHEARSE" import --allow-unsigned "$WORK/small.md" >/dev/null
printf '\n5\n' | "$REHEARSE" >/dev/null
sqlite3 "$REHEARSE_COLLECTION" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# A big deck against a file-size limit just above the collection's size.
cards=()
for i in $(seq 1 3000); do
    cards+=("c$i|Question number $i about something long enough|$(printf 'Answer text %.0s' $(seq 1 40))")
done
write_deck "$WORK/big.md" big 1 "${cards[@]}"
before=$(snapshot)
size_kb=$(( $(stat -c %s "$REHEARSE_COLLECTION") / 1024 + 64 ))
run_rc rc bash -c "ulimit -f $size_kb; exec '$REHEARSE' import --allow-unsigned '$WORK/big.md'"
[ "$rc" -ne 0 ] || fail "import past the size limit succeeded"
expect_contains "disk full: clear error" "rehearse: " "$err"
expect_eq "disk full: collection unchanged" "$before" "$(snapshot)"
expect_eq "disk full: integrity" ok "$(sqlite3 "$REHEARSE_COLLECTION" 'PRAGMA integrity_check')"

# A read-only collection (as an unprivileged user when running as root).
ro=$WORK/ro
mkdir -p "$ro" && cp "$REHEARSE_COLLECTION" "$ro/c.db" && chmod 755 "$WORK" "$ro" && chmod 444 "$ro/c.db"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
fi
before=$(sha256sum <"$ro/c.db")
run_rc rc env REHEARSE_COLLECTION="$ro/c.db" HOME="$ro" "${as_user[@]}" \
    "$REHEARSE" import --allow-unsigned "$WORK/small.md"
[ "$rc" -ne 0 ] || fail "import into a read-only collection succeeded"
expect_contains "read-only: clear error" "rehearse: $ro/c.db" "$err"
expect_eq "read-only: unchanged" "$before" "$(sha256sum <"$ro/c.db")"

# A truncated collection is refused and left alone.
cp "$REHEARSE_COLLECTION" "$WORK/cut.db"
truncate -s 4096 "$WORK/cut.db"
before=$(sha256sum <"$WORK/cut.db")
REHEARSE_COLLECTION=$WORK/cut.db run_rc rc "$REHEARSE" decks
[ "$rc" -ne 0 ] || fail "a truncated collection was accepted"
expect_contains "truncated: clear error" "cut.db" "$err"
expect_eq "truncated: unchanged" "$before" "$(sha256sum <"$WORK/cut.db")"
finish
