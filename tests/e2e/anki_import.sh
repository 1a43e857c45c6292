# anki_import.sh: Anki packages come in with their history, update in
# place, and are pinned like any deck (docs/anki.md).
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2024-04-01T09:00
ANKI=$TESTS_DIR/data/anki

# A third-party writer's package (anki-apkg-export, legacy collection.anki2).
out=$("$REHEARSE" import "$ANKI/third-party-basic.apkg")
expect_contains "third-party import" \
    "imported 'python-interview-basics' v1714560226: 5 cards (unsigned Anki package)" "$out"
q() { sqlite3 "$REHEARSE_COLLECTION" "$1"; }
expect_eq "HTML becomes Markdown" 'What does `len()` return for a **dict**?' \
    "$(q "SELECT question FROM cards WHERE position = 0")"
expect_contains "pre keeps indentation" $'```python\ndef squares(n):\n    for i in range(n):\n        yield i * i\n```' \
    "$(q "SELECT answer FROM cards WHERE question LIKE 'Write a generator%'")"
expect_eq "lists" $'- int\n- str\n- tuple' \
    "$(q "SELECT answer FROM cards WHERE question LIKE 'Name three%'")"
expect_contains "media become placeholders" "⟦image: diagram.png⟧ and ⟦sound: answer.mp3⟧" \
    "$(q "SELECT answer FROM cards WHERE question = 'Which image?'")"
expect_eq "tags carry over, hierarchies slugged" "python,operators-boolean" \
    "$(q "SELECT tags FROM cards WHERE question LIKE 'What is 3%'")"
expect_eq "origin" "anki" "$(q "SELECT origin FROM decks WHERE slug = 'python-interview-basics'")"

# Current Anki's format (collection.anki21b, zstd, schema 18) with history.
out=$("$REHEARSE" import "$ANKI/python-21b.apkg")
expect_contains "21b import" "imported 'python-interview' v1709890200: 8 cards (unsigned Anki package)" "$out"
expect_contains "history" "8 past reviews, 1 cards suspended as in Anki" "$out"
expect_contains "the unusable note type is skipped with its reason" \
    "skipped 1 card: note type 'Two-sided diagram': card 'Card 1' shows 2 fields on its front" "$out"
basic=python-interview/a969d73b4da59ca9c-0
expect_eq "Basic card's SM-2 state replayed from the revlog" "15 2.6 3 0 2024-03-23" \
    "$(cards_json "sched('$basic')")"
expect_eq "reversed card: the back as the question" \
    "Concatenates an iterable of strings with a separator|\`str.join\`|strings,python" \
    "$(q "SELECT question || '|' || answer || '|' || tags FROM cards WHERE slug = 'a915a4c961e79105c-1'")"
expect_eq "type-in card, suspended in Anki, arrives suspended" "Keyword that defines a function|def|1" \
    "$(q "SELECT question || '|' || answer || '|' || suspended FROM cards WHERE slug = 'a6134b7dfd563a9cf-0'")"
expect_eq "buried card arrives as a normal card" 0 \
    "$(q "SELECT suspended FROM cards WHERE slug = 'a969d73b4da59ca9c-0'")"
expect_eq "cloze question with its hint" '\[who\] created Python in 1991' \
    "$(q "SELECT question FROM cards WHERE slug = 'afcacbfbb9da2087a-0'")"
expect_eq "cloze answer: deletion in bold, then the extra field" \
    $'**Guido van Rossum** created Python in 1991\n\nSource: *the Python FAQ*' \
    "$(q "SELECT answer FROM cards WHERE slug = 'afcacbfbb9da2087a-0'")"
expect_eq "same-day Anki grades: one moves the schedule, one repeats" "review 1|repeat 4|review 4" \
    "$(q "SELECT group_concat(kind || ' ' || grade, '|') FROM (SELECT r.kind, r.grade FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.slug = 'a915a4c961e79105c-0' ORDER BY r.id)")"
expect_eq "manual reschedules are not reviews" 0 \
    "$(q "SELECT count(*) FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.slug = 'a7e5d84ac56c2f3e3-0'")"
expect_contains "decks lists it as an Anki package" "ANKI" \
    "$("$REHEARSE" decks | grep '^python-interview ')"
expect_eq "decks --json names the origin" "anki package False" "$("$REHEARSE" decks --json |
    python3 -c 'import json,sys; d=[x for x in json.load(sys.stdin) if x["id"]=="python-interview"][0]; print(d["origin"], d["signed"])')"
expect_contains "imported history passes the replay check" "8 reviews replayed, 0 differ" \
    "$("$REPLAY_CHECK" "$REHEARSE_COLLECTION")"

# A newer package of the same notes updates in place, keeps schedules and
# adds only the reviews that are new.
before_join=$(cards_json "sched('python-interview/a915a4c961e79105c-0')")
out=$("$REHEARSE" import "$ANKI/python-21b-v2.apkg")
expect_contains "update" "updated 'python-interview' v1709890200 -> v1711000000: 1 added, 1 changed, 0 retired" "$out"
expect_contains "only the new reviews" "2 past reviews" "$out"
expect_eq "an untouched card keeps its schedule" "$before_join" \
    "$(cards_json "sched('python-interview/a915a4c961e79105c-0')")"
expect_eq "the changed card kept its history and took the new review" "39 2.6 4 0 2024-04-28" \
    "$(cards_json "sched('$basic')")"
expect_contains "its answer changed" "definition" "$(q "SELECT answer FROM cards WHERE slug = 'a969d73b4da59ca9c-0'")"
expect_eq "no review was logged twice" 10 "$(q "SELECT count(*) FROM reviews")"
expect_contains "replay still agrees" "10 reviews replayed, 0 differ" "$("$REPLAY_CHECK" "$REHEARSE_COLLECTION")"
out=$("$REHEARSE" import "$ANKI/python-21b-v2.apkg")
expect_eq "the same package again" "'python-interview' v1711000000 is already up to date" "$out"

# Refusals leave the collection byte-identical.
file_sha() { sha256sum "$REHEARSE_COLLECTION" | cut -d' ' -f1; }
refused() { # WHAT STATUS NEEDLE ARGS...
    local what=$1 status=$2 needle=$3 before_sha before_dump
    shift 3
    before_sha=$(file_sha)
    before_dump=$(snapshot)
    run_rc rc "$REHEARSE" import "$@"
    expect_eq "$what: exit status" "$status" "$rc"
    expect_contains "$what: message" "$needle" "$err"
    expect_eq "$what: collection bytes unchanged" "$before_sha" "$(file_sha)"
    expect_eq "$what: collection content unchanged" "$before_dump" "$(snapshot)"
}
refused "older package" 3 "older than the installed version 1711000000" "$ANKI/python-21b.apkg"

write_deck "$WORK/same-id.md" python-interview 5 "x|Question X|Answer X"
refused "a deck file over an Anki deck" 3 \
    "deck 'python-interview' came from an Anki package; refusing to replace it with a deck file" \
    --allow-unsigned "$WORK/same-id.md"
write_deck "$WORK/mine.md" mine 1 "x|Question X|Answer X"
"$REHEARSE" import --allow-unsigned "$WORK/mine.md" >/dev/null
refused "an Anki package over a deck file" 3 "came from a deck file; refusing to replace it with an Anki package" \
    --deck-id mine "$ANKI/legacy-21.apkg"
refused "--deck-id on a deck file" 2 "--deck-id is for Anki packages" --deck-id x "$WORK/mine.md"

python3 "$TESTS_DIR/e2e/lib/bad_anki.py" "$ANKI" "$WORK/bad"
refused "not a zip" 3 "bad/not-a-zip.apkg: not a readable zip archive" "$WORK/bad/not-a-zip.apkg"
refused "no collection" 3 "zip archive has no Anki collection" "$WORK/bad/no-collection.apkg"
refused "zip bomb by ratio" 3 "too large or compressed too well (a zip bomb?)" "$WORK/bad/bomb.apkg"
refused "too many entries" 3 "package has more than 100000 entries" "$WORK/bad/entries.apkg"
refused "zstd bomb" 3 "(a zstd bomb?)" "$WORK/bad/zstd-bomb.apkg"
refused "damaged zstd" 3 "collection.anki21b is not zstd data" "$WORK/bad/bad-zstd.apkg"
refused "dot-dot entry" 3 "package entry '../../evil.txt' has an absolute or '..' path" "$WORK/bad/dotdot.apkg"
refused "absolute entry" 3 "package entry '/tmp/evil.txt' has an absolute or '..' path" "$WORK/bad/absolute.apkg"
refused "truncated SQLite" 3 "bad/truncated.apkg: collection is damaged" "$WORK/bad/truncated.apkg"
refused "not SQLite" 3 "collection is not an SQLite database" "$WORK/bad/not-sqlite.apkg"
refused "unknown schema" 3 "unknown Anki collection schema version 99" "$WORK/bad/schema99.apkg"
refused "invalid UTF-8" 3 "field 'Front': invalid UTF-8 at byte 3" "$WORK/bad/utf8.apkg"
refused "control character" 3 "field 'Back': control character U+0003 at byte 1" "$WORK/bad/control.apkg"
refused "duplicate guid" 3 "two notes share the guid 'lg-basic-1'" "$WORK/bad/dup-guid.apkg"
refused "newer package format" 3 "package format version 9 is newer than rehearse reads" "$WORK/bad/meta9.apkg"
for place in /tmp/evil.txt "$PWD/../../evil.txt" "$WORK/../../evil.txt" \
    "$WORK/bad/../../evil.txt"; do
    if [ -e "$place" ]; then fail "an entry was written to $place"; fi
done

# --no-history and --deck-id, in a fresh collection.
export REHEARSE_COLLECTION=$WORK/fresh.db
out=$("$REHEARSE" import --no-history --deck-id interview "$ANKI/python-21b.apkg")
expect_contains "--deck-id" "imported 'interview' v1709890200: 8 cards" "$out"
expect_eq "--no-history writes no reviews" 0 "$(q "SELECT count(*) FROM reviews")"
expect_eq "--no-history: every card new, suspension kept" "8 1" \
    "$(q "SELECT count(*) || ' ' || sum(suspended) FROM cards WHERE reps = 0 AND due IS NULL")"
run_rc rc "$REHEARSE" import --deck-id 'Not An Id' "$ANKI/python-21b.apkg"
expect_eq "a bad --deck-id is a usage error" 2 "$rc"

# Reviews made in rehearse stay, and Anki's older than them are not added:
# the card studied here on 2024-03-25 keeps that review, and v2's Anki
# review of 2024-03-20 is left out; the other card takes its new one.
export REHEARSE_COLLECTION=$WORK/mixed.db
"$REHEARSE" import "$ANKI/python-21b.apkg" >/dev/null
printf '\n5\n:quit\n' | REHEARSE_NOW=2024-03-25T09:00 "$REHEARSE" study --tag decorators >/dev/null
out=$(REHEARSE_NOW=2024-03-26T09:00 "$REHEARSE" import "$ANKI/python-21b-v2.apkg")
expect_contains "only the later Anki review is added" "1 past reviews" "$out"
expect_eq "the card studied in rehearse: its three Anki reviews and the rehearse one" \
    "review 4 19783|review 4 19784|review 5 19790|review 5 19807" \
    "$(q "SELECT group_concat(kind || ' ' || grade || ' ' || day, '|') FROM (SELECT r.* FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.slug = 'a969d73b4da59ca9c-0' ORDER BY r.id)")"
expect_contains "replay agrees with mixed history" "10 reviews replayed, 0 differ" \
    "$("$REPLAY_CHECK" "$REHEARSE_COLLECTION")"
finish
