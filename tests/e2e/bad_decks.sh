# bad_decks.sh: every bad deck is refused as FILE:LINE: message, with exit
# status 3, and the collection is exactly as it was.
source "$(dirname "$0")/lib/common.bash"

write_deck "$WORK/good.md" good 1 "a|Question A|Answer A" "b|Question B|Answer B"
"$REHEARSE" import --allow-unsigned "$WORK/good.md" >/dev/null
before=$(snapshot)

head=$'---\nid: good\ntitle: T\nversion: 2\nauthor: x\n---\n'
# name -> deck text; expect -> "LINE: message"
declare -A deck expect
deck[dup]="$head"$'## A {#a}\nx\n## B {#a}\ny\n'
expect[dup]="9: duplicate card id 'a'"
deck[noanswer]="$head"$'## A {#a}\n\n## B {#b}\ny\n'
expect[noanswer]="7: card 'a' has no answer"
deck[badid]="$head"$'## A {#A!}\nx\n'
expect[badid]="7: bad card id 'A!'"
deck[missing]=$'---\nid: good\nversion: 2\n---\n## A {#a}\nx\n'
expect[missing]="4: front matter has no 'title'"
deck[utf8]="$head"$'## A {#a}\nx \xff y\n'
expect[utf8]="8: invalid UTF-8 at column 3"
deck[control]="$head"$'## A {#a}\nx \x1b]0;title\x07\n'
expect[control]="8: control character U+001B at column 3"
deck[fence]="$head"$'## A {#a}\nx\n```\ncode\n'
expect[fence]="9: code fence is never closed"
deck[nofront]=$'## A {#a}\nx\n'
expect[nofront]="1: missing front matter"
# The update path: a valid v2 whose second half is broken must not leave
# its first half behind.
deck[halfway]="$head"$'## A {#a}\nnew text\n## C {#c}\nnew card\n## {#d}\nx\n'
expect[halfway]="11: card 'd' has no question"

for name in "${!deck[@]}"; do
    printf '%s' "${deck[$name]}" >"$WORK/$name.md"
    run_rc rc "$REHEARSE" import --allow-unsigned "$WORK/$name.md"
    expect_eq "$name: exit status" 3 "$rc"
    expect_contains "$name: message" "$WORK/$name.md:${expect[$name]}" "$err"
    expect_eq "$name: collection unchanged" "$before" "$(snapshot)"
done

# Control characters never reach the terminal, even in an error message.
case "$err$(cat "$WORK/err")" in
*$'\x1b'*) fail "an escape character reached stderr" ;;
esac

# A file that cannot be read.
run_rc rc "$REHEARSE" import --allow-unsigned "$WORK/absent.md"
expect_eq "missing file: exit status" 3 "$rc"
expect_contains "missing file: message" "absent.md" "$err"
expect_eq "missing file: collection unchanged" "$before" "$(snapshot)"

# rehearse check reports the same errors.
run_rc rc "$REHEARSE" check "$WORK/dup.md"
expect_eq "check: exit status" 3 "$rc"
expect_contains "check: message" "dup.md:9: error: duplicate card id" "$err"
finish
