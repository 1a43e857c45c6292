# common.bash: what every end-to-end test shares.  Each test runs the real
# binary ($REHEARSE) in a private temporary home, with no bundled decks
# unless it asks for them, and fails loudly with what it expected.
set -euo pipefail

: "${REHEARSE:?set REHEARSE to the rehearse binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
: "${TESTS_DIR:=$SOURCE_DIR/tests}"

WORK=$(mktemp -d /tmp/rehearse-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config
export XDG_STATE_HOME=$WORK/state REHEARSE_COLLECTION=$WORK/collection.db
export REHEARSE_DECKDIR= NO_COLOR=1 TZ=UTC
mkdir -p "$HOME"
unset REHEARSE_NOW

failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
    if [ "$2" != "$3" ]; then
        fail "$1: expected [$2], got [$3]"
    fi
}

# expect_contains WHAT NEEDLE HAYSTACK
expect_contains() {
    case "$3" in
    *"$2"*) ;;
    *) fail "$1: expected to contain [$2], got [$3]" ;;
    esac
}

# run_rc VAR CMD...: runs CMD, stores its exit status in VAR, stdout in
# $out and stderr in $err.
run_rc() {
    local __var=$1
    shift
    set +e
    "$@" >"$WORK/out" 2>"$WORK/err"
    printf -v "$__var" '%d' $?
    set -e
    out=$(cat "$WORK/out")
    err=$(cat "$WORK/err")
}

# json EXPR: evaluates a Python expression over `rehearse cards --json`
# (bound to `cards`, keyed by deck/id in `by`).
cards_json() {
    "$REHEARSE" cards --json >"$WORK/cards.json"
    python3 - "$WORK/cards.json" "$1" <<'PY'
import json, sys
cards = json.load(open(sys.argv[1]))
by = {c["deck"] + "/" + c["id"]: c for c in cards}
def sched(key):
    c = by[key]
    return "%s %s %s %s %s" % (c["interval"], c["ef"], c["repetitions"],
                               c["lapses"], c["due"])
print(eval(sys.argv[2]))
PY
}

# A fingerprint of the whole collection, to prove a refusal changed nothing.
snapshot() {
    if [ -f "$REHEARSE_COLLECTION" ]; then
        sqlite3 "$REHEARSE_COLLECTION" .dump | sha256sum
    else
        echo none
    fi
}

write_deck() { # write_deck FILE ID VERSION [CARDS...as "id|question|answer"]
    local file=$1 id=$2 version=$3
    shift 3
    {
        printf -- '---\nid: %s\ntitle: Test %s\nversion: %s\nauthor: tests\n---\n' \
            "$id" "$id" "$version"
        for card in "$@"; do
            IFS='|' read -r cid q a <<<"$card"
            printf '\n## %s {#%s}\n\n%s\n' "$q" "$cid" "$a"
        done
    } >"$file"
}

# The per-deck state counts kept by triggers must equal a fresh count.
check_state_counts() {
    local diff
    diff=$(sqlite3 "$REHEARSE_COLLECTION" "
        SELECT s.deck_id, s.state, s.n, (SELECT count(*) FROM cards c
          WHERE c.deck_id = s.deck_id AND CASE WHEN c.retired THEN 'retired'
          WHEN c.suspended THEN 'suspended' WHEN c.due IS NULL THEN 'new'
          WHEN c.interval < 21 THEN 'learning' ELSE 'mature' END = s.state) AS real
        FROM card_states s WHERE s.n <> real")
    expect_eq "state counts agree with the cards" "" "$diff"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
