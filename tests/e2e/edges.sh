#!/usr/bin/env bash
# edges.sh: the edges a new user and a hostile tester hit first: config
# comments, a pinned clock out of range, FIFOs and directories where files
# belong, key ids as minisign prints them.  Each case was a bug.
source "$(dirname "$0")/lib/common.bash"

mkdir -p "$XDG_CONFIG_HOME/rehearse"
config=$XDG_CONFIG_HOME/rehearse/config
write_deck "$WORK/d.md" d 1 "a|Question A?|Answer A." "b|Question B?|Answer B." \
    "c|Question C?|Answer C."
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null

# A trailing comment, as the README shows it.
printf 'new_per_day = 1   # one a day\n# a comment line\n' >"$config"
run_rc rc "$REHEARSE" study </dev/null
expect_eq "config with a trailing comment: exit" 0 "$rc"
expect_contains "config with a trailing comment: one new card" "[0 done, 1 left]" "$out"
printf 'new_per_day = 5000\n' >"$config"
run_rc rc "$REHEARSE" decks
expect_eq "config out of range: exit" 2 "$rc"
expect_contains "config out of range: file, line, key and range" \
    "config:1: 'new_per_day' needs a whole number from 0 to 1000, not '5000'" "$err"
rm "$config"

# REHEARSE_NOW outside a sane range, or not ISO 8601.
for bad in 1900-01-01 2300-01-01T00:00 "2026-03-01 09:30" yesterday; do
    run_rc rc env REHEARSE_NOW="$bad" "$REHEARSE" decks
    expect_eq "REHEARSE_NOW='$bad': exit" 2 "$rc"
    expect_contains "REHEARSE_NOW='$bad': message" "is not an ISO 8601 local time" "$err"
done
run_rc rc env REHEARSE_NOW=2026-03-01T09:30 "$REHEARSE" decks
expect_eq "REHEARSE_NOW in range: exit" 0 "$rc"

# A FIFO is refused at once, never read (it would block forever).
mkfifo "$WORK/fifo.md" "$WORK/fifo.pub"
before=$(snapshot)
run_rc rc timeout 10 "$REHEARSE" import --allow-unsigned "$WORK/fifo.md"
expect_eq "FIFO deck: exit" 3 "$rc"
expect_contains "FIFO deck: message" "not a regular file" "$err"
run_rc rc timeout 10 "$REHEARSE" trust "$WORK/fifo.pub"
expect_eq "FIFO public key: exit" 3 "$rc"
expect_contains "FIFO public key: message" "public key '$WORK/fifo.pub'" "$err"
run_rc rc timeout 10 "$REHEARSE" check "$WORK/fifo.md"
expect_eq "FIFO deck to check: exit" 3 "$rc"
mkdir -p "$XDG_CONFIG_HOME/rehearse" && mkfifo "$config"
run_rc rc timeout 10 "$REHEARSE" decks
expect_contains "FIFO config: message" "not a regular file" "$err"
rm "$config"
expect_eq "refusals left the collection as it was" "$before" "$(snapshot)"

# A directory as the collection says so.
mkdir "$WORK/dir.db"
run_rc rc "$REHEARSE" --collection "$WORK/dir.db" decks
expect_eq "directory collection: exit" 1 "$rc"
expect_contains "directory collection: message" "is a directory, not a file" "$err"

# Key ids as minisign prints them: leading zeros dropped.
run_rc rc "$REHEARSE" untrust 97DC794021F7FAA
expect_eq "short key id is a key id: exit" 1 "$rc"
expect_contains "short key id: message" "no trusted key has id" "$err"
run_rc rc "$REHEARSE" untrust 12345678901234567
expect_eq "17 digits: exit" 2 "$rc"

# Every command parses options with getopt_long: an unknown option is a
# usage error naming the command, and "--" ends options.
for cmd in check backup restore suspend unsuspend untrust keys trust import verify \
    decks cards stats journal export interview study sign keygen; do
    run_rc rc "$REHEARSE" "$cmd" --bogus
    expect_eq "$cmd --bogus: exit" 2 "$rc"
    expect_contains "$cmd --bogus: message" "rehearse $cmd: unrecognized option '--bogus'" "$err"
    expect_contains "$cmd --bogus: pointer to help" "Try 'rehearse $cmd --help'" "$err"
done
run_rc rc "$REHEARSE" suspend -- --not-an-option
expect_eq "suspend -- --x: an operand, not an option" 1 "$rc"
expect_contains "suspend -- --x: names the card" "'--not-an-option'" "$err"

# stdout is for the command's output: first-run imports of the bundled
# decks go to stderr, so JSON output parses.
fresh=$WORK/fresh.db
run_rc rc env REHEARSE_DECKDIR="$SOURCE_DIR/decks" REHEARSE_COLLECTION="$fresh" "$REHEARSE" cards --json
expect_eq "fresh collection: cards --json: exit" 0 "$rc"
expect_contains "fresh collection: import messages on stderr" "imported 'python-basics'" "$err"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/out" ||
    fail "fresh collection: cards --json is not valid JSON on stdout"

# A bundled deck never replaces a deck of yours with the same id.
mine=$WORK/mine.db
write_deck "$WORK/networking.md" networking 1 "mine|My own question?|My own answer."
REHEARSE_COLLECTION="$mine" "$REHEARSE" import --allow-unsigned "$WORK/networking.md" >/dev/null
run_rc rc env REHEARSE_DECKDIR="$SOURCE_DIR/decks" REHEARSE_COLLECTION="$mine" "$REHEARSE" cards --deck networking --json
expect_contains "bundled clash: reported" "came from another publisher" "$err"
expect_contains "bundled clash: your card kept" '"id":"mine"' "$out"
run_rc rc env REHEARSE_DECKDIR="$SOURCE_DIR/decks" REHEARSE_COLLECTION="$mine" "$REHEARSE" decks
expect_eq "bundled clash: reported once, not on every command" "" \
    "$(printf '%s' "$err" | grep 'networking' || true)"

finish
