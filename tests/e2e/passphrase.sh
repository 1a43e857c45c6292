# passphrase.sh: passphrases are never cut short: up to 1024 bytes are
# taken whole, a longer one is refused with a message.  On a terminal
# (passphrase_tty.py), Ctrl-C restores echo before it acts.
source "$(dirname "$0")/lib/common.bash"
long=$(head -c 1024 /dev/zero | tr '\0' a)
run_rc rc "$REHEARSE" keygen -s "$WORK/k.key" -p "$WORK/k.pub" \
    <<<"$long"$'\n'"$long"
expect_eq "a 1024-byte passphrase is taken whole: keygen" 0 "$rc"
write_deck "$WORK/d.md" d 1 "a|Question A|Answer A"
run_rc rc "$REHEARSE" sign -s "$WORK/k.key" "$WORK/d.md" <<<"$long"
expect_eq "the same passphrase signs" 0 "$rc"
run_rc rc "$REHEARSE" sign -s "$WORK/k.key" "$WORK/d.md" <<<"${long}b"
expect_eq "one byte more is refused, not truncated" 1 "$rc"
expect_contains "refusal message" "passphrase refused: longer than 1024 bytes" "$err"
python3 "$(dirname "$0")/passphrase_tty.py" "$REHEARSE" "$WORK" ||
    fail "passphrase on a terminal"
finish
