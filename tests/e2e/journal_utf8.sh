# journal_utf8.sh: a typed answer that is not valid UTF-8 (a terminal in
# Latin-1, a pasted binary) is filed with U+FFFD in place of each bad
# byte, so `journal --json` stays valid JSON, from study and interview.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-05-01T09:00

write_deck "$WORK/u.md" utf 1 "u1|First|x" "u2|Second|y"
"$REHEARSE" import --allow-unsigned "$WORK/u.md" >/dev/null

# Strict UTF-8 and JSON, whatever the locale says Python should do.
strict_json() {
    python3 -c '
import json, sys
rows = json.loads(sys.stdin.buffer.read().decode("utf-8"))
print(" | ".join(r["source"] + ":" + r["answer"] for r in rows))'
}

printf 'bad \xff\xfe typed\n\n4\n:quit\n' | "$REHEARSE" study --deck utf >/dev/null
run_rc rc strict_json < <("$REHEARSE" journal --json)
expect_eq "study answer: journal --json parses" 0 "$rc"
expect_contains "study answer: bad bytes became U+FFFD" \
    "study:bad $(printf '\357\277\275\357\277\275') typed" "$out"

printf 'half \xe2\x82 euro\n\n3\n:quit\n' |
    "$REHEARSE" interview --count 1 --seed 1 >/dev/null
run_rc rc strict_json < <("$REHEARSE" journal --json)
expect_eq "interview answer: journal --json parses" 0 "$rc"
expect_contains "interview answer: truncated sequence became U+FFFD" \
    "interview:half $(printf '\357\277\275\357\277\275') euro" "$out"
expect_eq "stored as valid UTF-8" 0 "$(sqlite3 "$REHEARSE_COLLECTION" \
    "SELECT count(*) FROM answers WHERE answer <> CAST(CAST(answer AS BLOB) AS TEXT) OR instr(CAST(answer AS BLOB), X'FF') > 0")"
finish
