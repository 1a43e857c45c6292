# anki_export.sh: `export --format anki` writes what Anki's text importer
# reads: its headers, a stable guid per card, and each field as the HTML
# md4c makes of the card, quoted so tabs and newlines survive.  Read back
# here with Python's csv module, an independent parser.
source "$(dirname "$0")/lib/common.bash"
: "${ANKI_HTML_REF:?set ANKI_HTML_REF to the anki_html_ref test program}"
deck=$SOURCE_DIR/decks/python-basics.md
id=$(sed -n 's/^id: *//p' "$deck" | head -n 1)
"$REHEARSE" import "$deck" >/dev/null
# A note of the user's on one card: exported in a column of its own.
sqlite3 "$REHEARSE_COLLECTION" "INSERT INTO notes (card_id, body, updated_at)
  SELECT id, 'My note: *practise* \`zip()\`'||char(9)||'with tabs', 0 FROM cards ORDER BY position LIMIT 1"
"$REHEARSE" export --deck "$id" --format anki --notes -o "$WORK/deck.txt"
"$REHEARSE" export --deck "$id" --notes -o "$WORK/again.txt"
"$ANKI_HTML_REF" "$deck" >"$WORK/ref.bin"

python3 - "$WORK/deck.txt" "$WORK/ref.bin" "$WORK/again.txt" "$deck" <<'PY' || fail "round trip"
import csv, sys
text = open(sys.argv[1], encoding="utf-8", newline="").read()
lines = text.split("\n")
headers = [l for l in lines[:8] if l.startswith("#")]
title = [l for l in open(sys.argv[4], encoding="utf-8") if l.startswith("title:")][0]
title = title.split(":", 1)[1].strip()
expected = ["#separator:tab", "#html:true", "#notetype:Basic",
            "#deck:" + title, "#guid column:1", "#tags column:5"]
assert headers == expected, (headers, expected)
body = text.split("\n", len(headers))[len(headers)]
rows = list(csv.reader(body.splitlines(keepends=True), delimiter="\t"))
ref = open(sys.argv[2], "rb").read().decode("utf-8").split("\0")[:-1]
cards = [ref[i:i + 4] for i in range(0, len(ref), 4)]
assert len(rows) == len(cards), (len(rows), len(cards))
guids = set()
for row, (cid, q, a, tags) in zip(rows, cards):
    assert len(row) == 5, row
    guid, front, back, note, tag_field = row
    assert front == q, (cid, front, q)
    assert back == a, (cid, back, a)
    assert tag_field == tags, (cid, tag_field, tags)
    guids.add(guid)
assert len(guids) == len(rows), "guids repeat"
assert rows[0][3] == "<p>My note: <em>practise</em> <code>zip()</code>\twith tabs</p>", rows[0][3]
assert all(r[3] == "" for r in rows[1:])
assert any("<pre><code" in r[2] and "\n    " in r[2] for r in rows), "no indented code kept"
again = open(sys.argv[3], encoding="utf-8").read()
assert again == text, "a second export differs (guids must be stable)"
print(len(rows), "cards round-tripped")
PY
expect_contains "headers" "#notetype:Basic" "$(head -n 3 "$WORK/deck.txt")"
finish
