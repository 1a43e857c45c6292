#!/usr/bin/env bash
# follow_ups.sh: a card's Follow-ups: block, from the deck file to the
# prompt.  study says the card has follow-ups and :more shows them;
# interview asks one after an answer given in time, grades it apart and
# files it in the journal without touching the card's schedule.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-04-01T09:00
cat >"$WORK/d.md" <<'DECK'
---
id: demo
title: Demo
version: 1
---

## How would you cache an expensive page? {#cache-page}

Cache-aside in Redis with a TTL, invalidated on write.

Follow-ups:
- What if the cache server is down?
  Fall back to the database, with a circuit breaker so the
  sudden load does not take it down too.
- How do you stop a stampede?
  Let one request recompute while the others serve the stale value.

Tags: caching
Keys: cache-aside; TTL

## A plain card {#plain}

Nothing follows.
DECK
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null 2>&1
expect_eq "follow-ups are stored with the card" 2 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT json_array_length(followups) FROM cards WHERE slug = 'cache-page'")"

out=$(printf 'cache-aside only\n\n:more\n4\n\n:more\n4\n' | "$REHEARSE" study 2>&1)
expect_contains "study suggests a grade for a typed answer" "Suggested grade: 3 (1 of 2 key points)" "$out"
expect_contains "study says the card has follow-ups" "2 follow-up questions an interviewer may ask next (:more shows them)" "$out"
expect_contains ":more shows a question" "What if the cache server is down?" "$out"
expect_contains ":more joins an answer's lines" "circuit breaker so the sudden load" "$out"
expect_contains "a card without follow-ups says so" "this card has no follow-up questions" "$out"

# The interview: answer in time, then the follow-up, graded 2.
before=$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews")
out=$(printf 'cache-aside with a TTL\n\n4\nfall back to the db\n\n2\n' |
    "$REHEARSE" interview --tag caching --count 1 --target 600 2>&1) || fail "interview failed: $out"
expect_contains "interview asks a follow-up" "Follow-up:" "$out"
expect_contains "and shows its short answer" "follow-up answer" "$out"
expect_contains "the interview suggests a grade" "Suggested grade: 5 (2 of 2 key points, within the target time)" "$out"
expect_contains "the report counts it" "Follow-ups: 1 asked, mean grade 2.0" "$out"
row=$(sqlite3 "$REHEARSE_COLLECTION" "SELECT grade, review_id IS NULL, answer FROM answers WHERE follow_up IS NOT NULL")
expect_contains "the follow-up answer is journaled apart, with no review" "2|1|fall back to the db" "$row"
expect_eq "the follow-up logged no review" "$before" \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM reviews WHERE kind NOT IN ('forward')")"
journal=$("$REHEARSE" journal 2>&1)
expect_contains "the journal shows the follow-up question" "Follow-up: " "$journal"
"$REHEARSE" journal --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
fu = [r for r in rows if r["question"].startswith("Follow-up: ")]
assert fu and fu[0]["reference"].startswith(("Fall back", "Let one")), fu
assert fu[0]["keys"] == [], fu
' || fail "journal --json has the follow-up with its answer and no keys"

# A second interview: the answer is followed by what you said last time,
# and a miss is reported by topic and drilled first with --drill.
out=$(printf 'only a TTL here\n\n3\n' |
    "$REHEARSE" interview --tag caching --count 1 --target 1 2>&1) || fail "second interview failed: $out"
expect_contains "what you said last time" "Last time (2026-04-01, grade 4, 2 of 2 key points):" "$out"
expect_contains "the earlier answer is shown" "cache-aside with a TTL" "$out"
expect_contains "the report lists the missed key point by topic" "missed in cache-page: cache-aside" "$out"
expect_contains "the report offers the drill" "rehearse interview --drill" "$out"
out=$(printf 'cache-aside with a TTL\n\n5\n' | "$REHEARSE" interview --drill --target 1 2>&1) || fail "drill failed: $out"
expect_contains "--drill asks the card with missed points" "demo/cache-page" "$out"
out=$("$REHEARSE" interview --drill </dev/null 2>&1)
expect_contains "--drill with nothing missed says so" "nothing to drill" "$out"

# A deck update that changes only a follow-up updates the card.
sed -i 's/^version: 1/version: 2/; s/serve the stale value/serve the stale copy/' "$WORK/d.md"
run_rc rc "$REHEARSE" import --allow-unsigned "$WORK/d.md"
expect_contains "a changed follow-up is a changed card" "1 changed" "$out$err"
expect_contains "the new text is stored" "stale copy" \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT followups FROM cards WHERE slug = 'cache-page'")"
# export --format md writes the block back in the deck format.
"$REHEARSE" export --deck demo --format md -o "$WORK/back.md"
expect_contains "the exported deck has the block" $'Follow-ups:\n- What if the cache server is down?\n  Fall back to the database' "$(cat "$WORK/back.md")"
run_rc rc "$REHEARSE" check "$WORK/back.md"
expect_contains "the exported deck parses (warnings aside)" "1 deck, 2 cards" "$out$err"
case "$err" in *error*) fail "the exported deck has errors: $err" ;; esac
finish
