#!/usr/bin/env bash
# keygen.sh: a new key pair is written whole or not at all, and is yours
# at once: a deck you sign imports without a separate `trust`.
source "$(dirname "$0")/lib/common.bash"

# The public key cannot be written (its directory does not exist): no
# orphan secret key is left, so the retry works.
run_rc rc "$REHEARSE" keygen -W -s "$WORK/me.key" -p "$WORK/missing/me.pub"
expect_eq "unwritable public key: exit" 1 "$rc"
expect_contains "unwritable public key: message" "cannot create '$WORK/missing/me.pub'" "$err"
[ ! -e "$WORK/me.key" ] || fail "a failed keygen left the secret key behind"
expect_eq "no temporary files left" "" "$(ls -A "$WORK" | grep tmp || true)"
run_rc rc "$REHEARSE" keygen -W -s "$WORK/me.key" -p "$WORK/me.pub"
expect_eq "retry: exit" 0 "$rc"
expect_eq "secret key is private" 600 "$(stat -c %a "$WORK/me.key")"

# Neither file is replaced without -f, and the refusal changes nothing.
sum=$(cat "$WORK/me.key" "$WORK/me.pub" | sha256sum)
run_rc rc "$REHEARSE" keygen -W -s "$WORK/me.key" -p "$WORK/other.pub"
expect_eq "existing secret key: exit" 1 "$rc"
[ ! -e "$WORK/other.pub" ] || fail "refused keygen wrote the public key"
expect_eq "existing keys untouched" "$sum" "$(cat "$WORK/me.key" "$WORK/me.pub" | sha256sum)"

# The new key is in the keyring as your own: sign, then import, no trust.
run_rc rc "$REHEARSE" keys
expect_contains "keyring lists the new key as yours" "your own key" "$out"
write_deck "$WORK/mine.md" mine 1 "a|My question?|My answer."
"$REHEARSE" sign -s "$WORK/me.key" "$WORK/mine.md" >/dev/null 2>&1
run_rc rc "$REHEARSE" import "$WORK/mine.md"
expect_eq "own signed deck imports: exit" 0 "$rc"
expect_contains "own signed deck imports: signer" "signed by your own key" "$out"
run_rc rc "$REHEARSE" verify "$WORK/mine.md"
expect_eq "verify without -p uses the keyring: exit" 0 "$rc"
finish
