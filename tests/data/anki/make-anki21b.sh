#!/usr/bin/env bash
# make-anki21b.sh OUTDIR: writes Anki packages in current Anki's format
# (collection.anki21b: an SQLite collection at schema 18, compressed with
# zstd), built with the sqlite3 and zstd command-line tools and zipped
# with zip, following Anki's schema:
#
#   python-21b.apkg     note types Basic, Basic (and reversed card), Basic
#                       (optional reversed card), Basic (type in the
#                       answer), Cloze, and one the importer must skip;
#                       decks "Python Interview" and its subdeck
#                       "Python Interview::Strings"; a review log (learn,
#                       review, relearn and manual rows), one suspended
#                       and one buried card.  Beside it, as Anki writes,
#                       a legacy collection.anki2 that only says to
#                       upgrade, a zstd "media" map and a "meta" entry.
#   python-21b-v2.apkg  the same notes later: one answer edited, one note
#                       added, more reviews.
#   legacy-21.apkg      the legacy layout (collection.anki21, schema 11,
#                       note types and decks as JSON in col) with a Cloze
#                       type and a review log.
#
# Schema 18 keeps note type, field and template settings as protobuf
# blobs: the only parts rehearse reads are written here by hand
# (Notetype.Config field 1 = kind, 1 for cloze; Template.Config field 1 =
# question format, field 2 = answer format).  Times are fixed, so a re-run
# writes the same collections.  Run by make-fixtures.sh; CI only reads
# the committed outputs.
set -euo pipefail
out=$(cd "${1:?usage: make-anki21b.sh OUTDIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Protobuf: a varint, and a length-delimited string field, as hex.
varint_hex() {
    local n=$1 s=""
    while [ "$n" -ge 128 ]; do
        s+=$(printf '%02x' $(((n & 127) | 128)))
        n=$((n >> 7))
    done
    s+=$(printf '%02x' "$n")
    echo "$s"
}
pb_string() { # FIELD TEXT
    local bytes
    bytes=$(printf '%s' "$2" | od -An -v -tx1 | tr -d ' \n')
    printf '%s%s%s' "$(varint_hex $((($1 << 3) | 2)))" \
        "$(varint_hex $((${#bytes} / 2)))" "$bytes"
}
template_config() { # QFMT AFMT
    echo "X'$(pb_string 1 "$1")$(pb_string 2 "$2")'"
}
q() { printf "'%s'" "${1//\'/\'\'}"; } # an SQL string literal
FS=$'\x1f'

schema18() {
    cat <<'SQL'
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL,
  mod integer NOT NULL, scm integer NOT NULL, ver integer NOT NULL,
  dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL,
  mid integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL,
  tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL,
  did integer NOT NULL, ord integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
  odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL,
  data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL,
  usn integer NOT NULL, ease integer NOT NULL, ivl integer NOT NULL,
  lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL);
CREATE TABLE graves (oid integer NOT NULL, type integer NOT NULL,
  usn integer NOT NULL, PRIMARY KEY (oid, type)) WITHOUT ROWID;
CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL,
  name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL,
  config blob NOT NULL);
CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL,
  mtime_secs integer NOT NULL, val blob NOT NULL) WITHOUT ROWID;
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL,
  name text NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord))
  WITHOUT ROWID;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL,
  name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL,
  config blob NOT NULL, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY,
  name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL,
  config blob NOT NULL);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL,
  mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL,
  kind blob NOT NULL);
CREATE TABLE tags (tag text NOT NULL PRIMARY KEY, usn integer NOT NULL,
  collapsed boolean NOT NULL, config blob NULL) WITHOUT ROWID;
SQL
}

# notetype ID NAME KIND FIELDS... -- QFMT AFMT [QFMT AFMT...]
notetype() {
    local id=$1 name=$2 kind=$3 ord=0
    shift 3
    local config="X''"
    [ "$kind" = cloze ] && config="X'0801'"
    echo "INSERT INTO notetypes VALUES ($id, $(q "$name"), 0, 0, $config);"
    while [ "$1" != -- ]; do
        echo "INSERT INTO fields VALUES ($id, $ord, $(q "$1"), X'');"
        ord=$((ord + 1))
        shift
    done
    shift
    ord=0
    while [ $# -ge 2 ]; do
        echo "INSERT INTO templates VALUES ($id, $ord, 'Card $((ord + 1))', 0, 0, $(template_config "$1" "$2"));"
        ord=$((ord + 1))
        shift 2
    done
}

note() { # ID GUID NOTETYPE TAGS FIELD...
    local id=$1 guid=$2 mid=$3 tags=$4
    shift 4
    local flds
    flds=$(IFS=$FS; echo "$*")
    echo "INSERT INTO notes VALUES ($id, $(q "$guid"), $mid, 1709280000, -1, $(q " $tags "), $(q "$flds"), '', 0, 0, '');"
}

card() { # ID NOTE DECK ORD QUEUE
    echo "INSERT INTO cards VALUES ($1, $2, $3, $4, 1709280000, -1, 2, $5, 0, 1, 2500, 0, 0, 0, 0, 0, 0, '');"
}

# review CARD 'YYYY-MM-DD HH:MM' EASE TYPE: revlog ids are Unix ms (plus
# the card id modulo 1000, so that two cards reviewed at once differ).
review() {
    local ms=$(($(date -u -d "$2" +%s) * 1000 + $1 % 1000))
    echo "INSERT INTO revlog VALUES ($ms, $1, -1, $3, 1, 0, 2500, 6000, $4);"
}

basic_q='{{Front}}'
basic_a='{{FrontSide}}<hr id=answer>{{Back}}'

collection18() { # VERSION
    schema18
    local mod=1709300000000
    [ "$1" = 2 ] && mod=1711000000000
    echo "INSERT INTO col VALUES (1, 1709251200, $mod, $mod, 18, 0, 0, 0, '', '', '', '', '');"
    echo "INSERT INTO decks VALUES (1, 'Default', 0, 0, X'', X'');"
    echo "INSERT INTO decks VALUES (1700000000001, 'Python Interview', 0, 0, X'', X'');"
    echo "INSERT INTO decks VALUES (1700000000002, 'Python Interview${FS}Strings', 0, 0, X'', X'');"
    notetype 1001 Basic normal Front Back -- "$basic_q" "$basic_a"
    notetype 1002 'Basic (and reversed card)' normal Front Back -- \
        "$basic_q" "$basic_a" '{{Back}}' '{{FrontSide}}<hr id=answer>{{Front}}'
    notetype 1003 'Basic (optional reversed card)' normal Front Back 'Add Reverse' -- \
        "$basic_q" "$basic_a" '{{#Add Reverse}}{{Back}}{{/Add Reverse}}' \
        '{{FrontSide}}<hr id=answer>{{Front}}'
    notetype 1004 'Basic (type in the answer)' normal Front Back -- \
        '{{Front}}<br>{{type:Back}}' '{{Front}}<hr id=answer>{{type:Back}}'
    notetype 1005 Cloze cloze Text 'Back Extra' -- \
        '{{cloze:Text}}' '{{cloze:Text}}<br>{{Back Extra}}'
    notetype 1006 'Two-sided diagram' normal Diagram Header Notes -- \
        '{{Header}}<br>{{Diagram}}' '{{FrontSide}}<hr id=answer>{{Notes}}'

    local back='A function that takes a function and returns another:<pre><code class="language-python">@functools.cache
def fib(n):
    return n if n &lt; 2 else fib(n - 1) + fib(n - 2)</code></pre>'
    [ "$1" = 2 ] && back="$back<div>It runs at <b>definition</b> time.</div>"
    note 3001 fx-basic-1 1001 'python decorators' \
        'What is a <b>decorator</b>?' "$back"
    note 3002 fx-rev-1 1002 'python strings' \
        '<code>str.join</code>' 'Concatenates an iterable of strings with a separator'
    note 3003 fx-opt-1 1003 'python' 'GIL' 'The global interpreter lock' 'y'
    note 3004 fx-type-1 1004 'python' 'Keyword that defines a function' 'def'
    note 3005 fx-cloze-1 1005 'python history' \
        '{{c1::Guido van Rossum::who}} created {{c2::Python}} in 1991' \
        'Source: <i>the Python FAQ</i>'
    note 3006 fx-diagram-1 1006 '' '<img src="memory.png">' 'Memory layout' 'Heap and stack'
    card 2001 3001 1700000000001 0 -2 # buried: arrives as a normal card
    card 2002 3002 1700000000002 0 2
    card 2003 3002 1700000000002 1 2
    card 2004 3003 1700000000001 0 2
    card 2005 3003 1700000000001 1 0
    card 2006 3004 1700000000001 0 -1 # suspended
    card 2007 3005 1700000000001 0 2
    card 2008 3005 1700000000001 1 0
    card 2009 3006 1700000000001 0 0
    review 2001 '2024-03-01 10:00' 3 0
    review 2001 '2024-03-02 10:00' 3 1
    review 2001 '2024-03-08 09:30' 4 1
    review 2002 '2024-03-01 11:00' 1 0
    review 2002 '2024-03-01 11:05' 3 0
    review 2002 '2024-03-02 08:00' 3 1
    review 2004 '2024-03-03 12:00' 0 4 # a manual reschedule
    review 2007 '2024-03-01 12:00' 2 0
    review 2007 '2024-03-05 12:00' 1 2
    if [ "$1" = 2 ]; then
        note 3007 fx-basic-2 1001 'python' 'What does <code>yield</code> make?' 'A generator'
        card 2010 3007 1700000000001 0 0
        review 2001 '2024-03-20 10:00' 3 1
        review 2007 '2024-03-20 10:00' 4 2
    fi
}

legacy_collection() {
    schema18 | sed -n '/^CREATE TABLE col/,/^CREATE TABLE graves/p' | sed '$d'
    local models decks
    models='{"1001": {"id": 1001, "name": "Basic", "type": 0,
      "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
      "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
                 "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}]},
     "1005": {"id": 1005, "name": "Cloze", "type": 1,
      "flds": [{"name": "Text", "ord": 0}, {"name": "Extra", "ord": 1}],
      "tmpls": [{"name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}",
                 "afmt": "{{cloze:Text}}<br>\n{{Extra}}"}]}}'
    decks='{"1": {"id": 1, "name": "Default"},
      "1700000000005": {"id": 1700000000005, "name": "Legacy Deck"}}'
    echo "INSERT INTO col VALUES (1, 1709251200, 1709300000000, 0, 11, 0, 0, 0, '{}', $(q "$models"), $(q "$decks"), '{}', '{}');"
    note 4001 lg-basic-1 1001 'legacy' 'Is <i>None</i> a singleton?' 'Yes: compare with <code>is</code>'
    note 4002 lg-cloze-1 1005 'legacy' 'A {{c1::list}} is mutable, a {{c2::tuple}} is not' ''
    card 5001 4001 1700000000005 0 2
    card 5002 4002 1700000000005 0 2
    card 5003 4002 1700000000005 1 0
    review 5001 '2024-02-01 10:00' 3 0
    review 5001 '2024-02-03 10:00' 4 1
    review 5002 '2024-02-01 10:00' 4 0
}

build_db() { # SQLFUNC ARG DB
    "$1" "$2" | sqlite3 "$3"
    sqlite3 "$3" 'VACUUM;'
}

package21b() { # VERSION NAME
    local dir=$work/p$1
    rm -rf "$dir" && mkdir -p "$dir"
    build_db collection18 "$1" "$dir/collection.db"
    zstd -q -19 "$dir/collection.db" -o "$dir/collection.anki21b"
    rm "$dir/collection.db"
    # The legacy stand-in current Anki writes beside it.
    sqlite3 "$dir/collection.anki2" \
        "CREATE TABLE col (id integer PRIMARY KEY, ver integer); INSERT INTO col VALUES (1, 11);"
    : | zstd -q -o "$dir/media"      # an empty MediaEntries message
    printf '\x08\x03' >"$dir/meta"   # PackageMetadata { version: LATEST }
    rm -f "$out/$2"
    (cd "$dir" && TZ=UTC touch -t 202403010000 ./* &&
        zip -q -X -D "$out/$2" meta collection.anki2 collection.anki21b media)
}

package21b 1 python-21b.apkg
package21b 2 python-21b-v2.apkg
rm -rf "$work/legacy" && mkdir -p "$work/legacy"
legacy_collection | sqlite3 "$work/legacy/collection.anki21"
printf '{}' >"$work/legacy/media"
rm -f "$out/legacy-21.apkg"
(cd "$work/legacy" && TZ=UTC touch -t 202402010000 ./* &&
    zip -q -X -D "$out/legacy-21.apkg" collection.anki21 media)
echo "wrote python-21b.apkg python-21b-v2.apkg legacy-21.apkg to $out"
