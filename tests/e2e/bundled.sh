# bundled.sh: the shipped decks are signed by the release key, pass the
# linter with no warnings, and are imported on first run.
source "$(dirname "$0")/lib/common.bash"
decks=("$SOURCE_DIR"/decks/*.md)
pub=$SOURCE_DIR/keys/rehearse.pub

expect_eq "built-in key matches keys/rehearse.pub" \
    "$(sed -n 2p "$pub")" \
    "$(grep -o '"RW[A-Za-z0-9+/=]*' "$SOURCE_DIR/src/app/verify.c" | tr -d '"')"

for deck in "${decks[@]}"; do
    if command -v minisign >/dev/null; then
        minisign -q -Vm "$deck" -p "$pub" || fail "minisign: bad signature on $deck"
    fi
    "$REHEARSE" verify -p "$pub" "$deck" >/dev/null || fail "rehearse: bad signature on $deck"
done

run_rc rc "$REHEARSE" check "${decks[@]}"
expect_eq "check exit status" 0 "$rc"
expect_contains "check finds no warnings" "0 warnings" "$out"

total=$(cat "${decks[@]}" | grep -c '^## ')
[ "$total" -ge 355 ] || fail "only $total bundled cards"

# First run imports every bundled deck through the verified path.
export REHEARSE_DECKDIR=$SOURCE_DIR/decks REHEARSE_NOW=2026-02-01T09:00
out=$(printf ':quit\n' | "$REHEARSE")
expect_eq "all decks imported" "${#decks[@]}" "$("$REHEARSE" decks --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(x["signed"] for x in d))')"
expect_eq "every card imported" "$total" "$("$REHEARSE" cards --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
out=$("$REHEARSE" decks)
case "$out" in *"up to date"*|*imported*) fail "second run was not quiet: $out" ;; esac
finish
