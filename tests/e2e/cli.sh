# cli.sh: help, version, usage errors and exit statuses, and collections
# that must be refused untouched.
source "$(dirname "$0")/lib/common.bash"

run_rc rc "$REHEARSE" --version
expect_eq "--version exit" 0 "$rc"
expect_contains "--version" "rehearse " "$out"
run_rc rc "$REHEARSE" --help
expect_eq "--help exit" 0 "$rc"
expect_contains "--help lists commands" "import DECK..." "$out"
for cmd in study import decks cards check keygen sign verify trust untrust keys suspend unsuspend; do
    run_rc rc "$REHEARSE" "$cmd" --help
    expect_eq "$cmd --help exit" 0 "$rc"
    expect_contains "$cmd --help" "usage: rehearse" "$out"
    expect_eq "$cmd --help writes nothing to stderr" "" "$err"
done
run_rc rc "$REHEARSE" frobnicate
expect_eq "unknown command exit" 2 "$rc"
expect_contains "unknown command message" "rehearse: 'frobnicate' is not a rehearse command" "$err"
run_rc rc "$REHEARSE" cards --bogus
expect_eq "unknown option exit" 2 "$rc"
run_rc rc "$REHEARSE" study --new many
expect_eq "bad number exit" 2 "$rc"
expect_contains "bad number message" "--new: 'many' is not a number" "$err"
run_rc rc "$REHEARSE" study --deck 'Bad Deck'
expect_eq "bad deck id exit" 2 "$rc"
REHEARSE_NOW=yesterday run_rc rc "$REHEARSE" decks
expect_eq "bad REHEARSE_NOW exit" 2 "$rc"

# First run creates the collection under XDG_DATA_HOME.
unset REHEARSE_COLLECTION
"$REHEARSE" decks >/dev/null
[ -f "$XDG_DATA_HOME/rehearse/collection.db" ] || fail "no collection at the XDG path"
export REHEARSE_COLLECTION=$WORK/collection.db
"$REHEARSE" --collection "$WORK/other.db" decks >/dev/null
[ -f "$WORK/other.db" ] || fail "--collection was not used"

# Refused, untouched: a newer schema, another database, a text file.
sqlite3 "$WORK/newer.db" 'PRAGMA application_id = 1380471379; PRAGMA user_version = 7; CREATE TABLE t(x);'
sum=$(sha256sum <"$WORK/newer.db")
REHEARSE_COLLECTION=$WORK/newer.db run_rc rc "$REHEARSE" decks
expect_eq "newer schema exit" 4 "$rc"
expect_contains "newer schema message" "newer than this rehearse" "$err"
expect_eq "newer schema untouched" "$sum" "$(sha256sum <"$WORK/newer.db")"
sqlite3 "$WORK/other-app.db" 'CREATE TABLE t(x);'
REHEARSE_COLLECTION=$WORK/other-app.db run_rc rc "$REHEARSE" decks
expect_eq "foreign database exit" 1 "$rc"
expect_contains "foreign database message" "not a rehearse collection" "$err"
head -c 5000 /dev/urandom >"$WORK/junk.db"
sum=$(sha256sum <"$WORK/junk.db")
REHEARSE_COLLECTION=$WORK/junk.db run_rc rc "$REHEARSE" decks
expect_eq "junk file exit" 1 "$rc"
expect_eq "junk file untouched" "$sum" "$(sha256sum <"$WORK/junk.db")"

# JSON output is valid JSON, with awkward text escaped.
printf -- '---\nid: j\ntitle: "Quotes" and \\\\ back\\\\slash\nversion: 1\nauthor: a\n---\n## Say "hi" \\ {#hi}\nA\n' >"$WORK/j.md"
"$REHEARSE" import --allow-unsigned "$WORK/j.md" >/dev/null
"$REHEARSE" decks --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[0]["title"].startswith("\"Quotes\"")' \
    || fail "decks --json is not valid JSON"
"$REHEARSE" cards --json | python3 -c 'import json,sys; c=json.load(sys.stdin); assert c[0]["question"] == "Say \"hi\" \\"' \
    || fail "cards --json is not valid JSON"

# Output errors are reported.
if [ -w /dev/full ]; then
    run_rc rc sh -c "'$REHEARSE' --help >/dev/full"
    expect_eq "write error exit" 1 "$rc"
fi
finish
