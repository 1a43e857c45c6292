# outside_text.sh: text from outside the program (file names, deck text,
# key names, command-line arguments) reaches the terminal only through
# the sanitiser: no raw escape, control, bidi or zero-width character,
# and nothing that can forge a line of rehearse's own output.
source "$(dirname "$0")/lib/common.bash"
cd "$WORK"

ESC=$(printf '\033')
RLO=$(printf '\342\200\256') # U+202E RIGHT-TO-LEFT OVERRIDE
CSI1=$(printf '\302\233')    # U+009B, the one-byte CSI of C1

# expect_clean WHAT TEXT: none of the dangerous characters made it out raw.
expect_clean() {
    case "$2" in
    *"$ESC"* | *"$RLO"* | *"$CSI1"*) fail "$1: raw control reached the output: [$2]" ;;
    esac
}

"$REHEARSE" --collection "$WORK/pub.db" keygen -W -p k.pub -s k.key >/dev/null
write_deck d.md safe 1 "q1|Plain question|Plain answer"
"$REHEARSE" sign -s k.key d.md >/dev/null
"$REHEARSE" trust k.pub --name "Study Group" >/dev/null

# --- verify: a file name cannot forge a "good signature" line ---
forged=$'d.md\e[2K\r  good signature by rehearse project (key 497DC794021F7FAA)\n  x'
cp d.md "$forged" && cp d.md.minisig "$forged.minisig"
run_rc rc "$REHEARSE" verify "$forged"
expect_eq "forged name: verified" 0 "$rc"
expect_clean "forged name" "$out"
expect_eq "forged name: one line claims a signature" 1 \
    "$(printf '%s\n' "$out" | grep -c 'good signature')"
expect_contains "forged name: shown escaped" 'd.md^[[2K^M  good signature by rehearse project (key 497DC794021F7FAA)^J  x: good signature by Study Group' "$out"
rm -f "$forged" "$forged.minisig"

# --- keyring names from an older collection or another tool ---
sqlite3 "$REHEARSE_COLLECTION" \
    "UPDATE keyring SET name = 'Evil' || char(155) || '31m' || char(27) || ']0;pwned' || char(7) || ' ' || char(8238) || 'Group'"
out=$("$REHEARSE" keys)
expect_clean "keys" "$out"
expect_contains "keys shows the name escaped" 'Evil<U+009B>31m^[]0;pwned^G <U+202E>Group' "$out"
out=$("$REHEARSE" verify d.md)
expect_clean "verify" "$out"
expect_contains "verify names the signer escaped" 'good signature by Evil<U+009B>31m^[]0;pwned^G <U+202E>Group' "$out"

# --- trust --name takes only what it can show as it is ---
for bad in "A${CSI1}B" "A${RLO}B" $'A\u200bB' $'A\tB' $'A\xffB'; do
    run_rc rc "$REHEARSE" trust k.pub --name "$bad"
    expect_eq "trust --name with an invisible or control character: exit" 2 "$rc"
    expect_contains "trust --name refused: message" "--name: use up to 200 printable characters" "$err"
    expect_clean "trust --name refused" "$err"
done
run_rc rc "$REHEARSE" trust k.pub --name "Zoë's Ünïcode Group"
expect_eq "trust --name keeps ordinary Unicode" 0 "$rc"

# --- deck titles and questions in tables ---
printf -- '---\nid: bidi\ntitle: Deck %s1 gnirts\nversion: 1\n---\n\n## Which %sway {#w}\n\nAnswer\n' \
    "$RLO" "$RLO" >bidi.md
"$REHEARSE" import --allow-unsigned bidi.md >/dev/null
out=$("$REHEARSE" decks)
expect_clean "decks" "$out"
expect_contains "decks shows the override" "Deck <U+202E>1 gnirts" "$out"
out=$("$REHEARSE" cards --deck bidi)
expect_clean "cards" "$out"
expect_contains "cards lists the card" "bidi/w" "$out"
out=$(printf '\n3\n:quit\n' | "$REHEARSE" study --deck bidi)
expect_clean "study shows the question" "$out"
expect_contains "study shows the override" "Which <U+202E>way" "$out"

# --- command-line arguments echoed back ---
run_rc rc "$REHEARSE" suspend $'bidi/w\e[31m'
expect_clean "suspend: unknown card" "$err"
run_rc rc "$REHEARSE" untrust $'\e]0;x\a'
expect_clean "untrust: bad key id" "$err"
run_rc rc "$REHEARSE" verify $'missing\e[31m.md'
expect_clean "verify: missing file" "$err"
finish
