# match.sh: `rehearse match` reads an answer on stdin and reports each key
# point as covered or missed, as text (made safe) or as one JSON object.
source "$(dirname "$0")/lib/common.bash"

cat >"$WORK/net.md" <<'DECK'
---
id: net
title: Networking
version: 1
---

## What happens in the TCP handshake? {#handshake}

The client sends SYN, the server answers SYN-ACK, the client ACKs.

Keys: SYN-ACK; one round trip / 1 RTT; reliable delivery; "quoted" \ key
DECK
"$REHEARSE" import --allow-unsigned "$WORK/net.md" >/dev/null

answer='The server replies with a syn ack, one round trip. TCP is not reliable delivery.'
run_rc rc "$REHEARSE" match --json net/handshake <<<"$answer"
expect_eq "match --json exit status" 0 "$rc"
got=$(python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
print(o["card"], o["covered"], o["total"], o["suggested_grade"],
      [(k["text"], k["covered"], k["matched"]) for k in o["keys"]])' <<<"$out")
expect_eq "match --json object" \
    "net/handshake 2 4 3 [('SYN-ACK', True, ['syn ack']), ('one round trip / 1 RTT', True, ['one', 'round', 'trip']), ('reliable delivery', False, []), ('\"quoted\" \\\\ key', False, [])]" \
    "$got"
expect_eq "match --json is one line" 1 "$(printf '%s\n' "$out" | wc -l)"

run_rc rc "$REHEARSE" match handshake <<<"$answer"
expect_eq "match exit status" 0 "$rc"
expect_contains "covered key" "[covered] SYN-ACK  (matched: syn ack)" "$out"
expect_contains "missed key" $'[missed]  reliable delivery\n' "$out"
expect_contains "suggested grade" "2 of 4 key points covered; suggested grade 3" "$out"

# Terminal escapes in the answer do not reach the terminal.
run_rc rc "$REHEARSE" match net/handshake <<<$'syn-ack\e[31m'
expect_eq "escape made safe" "" "$(printf '%s' "$out" | tr -d -c '\033')"

run_rc rc "$REHEARSE" match net/nope </dev/null
expect_eq "unknown card exit status" 1 "$rc"
run_rc rc "$REHEARSE" match
expect_eq "no card is a usage error" 2 "$rc"
run_rc rc "$REHEARSE" match --bogus net/handshake
expect_eq "unknown option is a usage error" 2 "$rc"
run_rc rc "$REHEARSE" match --help
expect_eq "--help exit status" 0 "$rc"
expect_contains "--help text" "usage: rehearse match" "$out"

# check: an empty alternative warns, and so does a key point the card's
# own answer misses; --strict-keys (which used to turn that on) is still
# accepted and changes nothing.
sed 's/^Keys: .*/Keys: SYN-ACK; one round trip \/  \/ 1 RTT; flow control/' \
    "$WORK/net.md" >"$WORK/keys.md"
run_rc rc "$REHEARSE" check "$WORK/keys.md"
expect_eq "check exit status" 1 "$rc"
expect_contains "empty alternative" "has an empty alternative" "$out"
expect_contains "key the answer misses" \
    "key point 'flow control' of card 'handshake' is not covered" "$out"
expect_contains "two warnings" "2 warnings" "$out"
plain=$out
run_rc rc "$REHEARSE" check --strict-keys "$WORK/keys.md"
expect_eq "--strict-keys exit status" 1 "$rc"
expect_eq "--strict-keys changes nothing" "$plain" "$out"
finish
