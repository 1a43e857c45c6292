#!/usr/bin/env bash
# trust_prompt.sh: trust given at the `import -p` prompt is recorded only
# if that import succeeds: the key goes into the keyring in the import's
# own transaction.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.bash"
cd "$WORK"

"$REHEARSE" --collection "$WORK/publisher.db" keygen -W -p pub.pub -s pub.key >/dev/null
keyid=$(sed -n '1s/.* //p' pub.pub)

# The user already has deck x v1; the publisher's x v1 differs, so the
# import is refused as a conflict after the key has been accepted.
write_deck x.md x 1 "a|Mine?|Mine."
"$REHEARSE" import --allow-unsigned x.md >/dev/null
write_deck x.md x 1 "a|Theirs?|Theirs."
"$REHEARSE" --collection "$WORK/publisher.db" sign -s pub.key x.md >/dev/null 2>&1
status=$(python3 "$here/trust_prompt.py" "$REHEARSE" pub.pub x.md y 2>"$WORK/tty.log")
expect_eq "refused import after saying yes: exit" 3 "$status"
expect_contains "the question was asked" "Trust this publisher from now on?" "$(cat "$WORK/tty.log")"
expect_eq "trust not recorded when the import failed" "" \
    "$("$REHEARSE" keys | grep -i "$keyid" || true)"

# A deck that imports: the trust is recorded with it.
write_deck y.md y 1 "a|Question?|Answer."
"$REHEARSE" --collection "$WORK/publisher.db" sign -s pub.key y.md >/dev/null 2>&1
status=$(python3 "$here/trust_prompt.py" "$REHEARSE" pub.pub y.md y 2>"$WORK/tty.log")
expect_eq "accepted import: exit" 0 "$status"
expect_contains "accepted import: imported" "imported 'y' v1" "$(cat "$WORK/tty.log")"
[ -n "$("$REHEARSE" keys | grep -i "$keyid")" ] || fail "trust recorded with the import"
finish
