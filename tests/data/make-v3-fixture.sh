#!/usr/bin/env bash
# make-v3-fixture.sh: builds tests/data/collection-v3.db, a real schema-3
# collection, with a rehearse from before schema 4 (the binary given as
# $1, by default /tmp/stable/rehearse).  Everything runs in a temporary
# home with a fixed clock, so the same binary gives the same rows.
#
# What goes in: one bundled signed deck (networking) and two small decks
# of our own, one signed with a key made here and trusted, one unsigned;
# six days of sessions with passes, lapses, same-day repeats and an undo;
# typed answers (journal entries) in sessions and in an interview that
# reschedules; a suspended card; and a deck update that retires a card.
#
# Usage: make-v3-fixture.sh [REHEARSE] [OUT]
set -euo pipefail
bin=${1:-/tmp/stable/rehearse}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/collection-v3.db}
tmp=$(mktemp -d /tmp/rehearse-fixture.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

export HOME=$tmp/home XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
export XDG_STATE_HOME=$tmp/state NO_COLOR=1 TZ=UTC
export REHEARSE_DECKDIR=$tmp/bundled
mkdir -p "$HOME" "$REHEARSE_DECKDIR"
cp "$here/../../decks/networking.md" "$here/../../decks/networking.md.minisig" \
    "$REHEARSE_DECKDIR/"
db=$tmp/c.db
r() { "$bin" --collection "$db" "$@"; }
on() { export REHEARSE_NOW=$1; }

deck() { # deck FILE ID VERSION CARD...  (CARD: "id|question|answer|tags|keys")
    local file=$1 id=$2 version=$3 cid q a tags keys
    shift 3
    {
        printf -- '---\nid: %s\ntitle: Fixture %s\nversion: %s\nauthor: fixture\n---\n' \
            "$id" "$id" "$version"
        for card in "$@"; do
            IFS='|' read -r cid q a tags keys <<<"$card"
            printf '\n## %s {#%s}\n\n%s\n' "$q" "$cid" "$a"
            [ -z "$tags" ] || printf '\nTags: %s\n' "$tags"
            [ -z "$keys" ] || printf 'Keys: %s\n' "$keys"
        done
    } >"$file"
}

on 2026-03-01T09:00
cd "$tmp"
r keygen -W -p club.pub -s club.key >/dev/null
r trust club.pub --name "Fixture Club" >/dev/null
deck py.md py 1 \
    "gil|What is the GIL?|A lock around the interpreter.|threads,cpython|one thread at a time; released on I/O" \
    "gen|What does yield do?|Makes a generator.|generators|lazy; resumable" \
    "ctx|What is a context manager?|An object with __enter__ and __exit__.||enter; exit" \
    "dec|What is a decorator?|A callable that wraps another.|functions|" \
    "old|A card the next version drops|Gone soon.||"
r sign -s club.key py.md >/dev/null
r import py.md >/dev/null
deck sql.md sql 1 \
    "join|What is an inner join?|Rows matching on both sides.|joins|matching rows; both tables" \
    "idx|Why add an index?|Faster lookups, slower writes.||lookups; writes" \
    "acid|What is ACID?|Atomicity, consistency, isolation, durability.||atomicity; isolation"
r import --allow-unsigned sql.md >/dev/null

# Day 1: eight new cards, typed answers on some, one 3 repeated today.
r study --new 8 >/dev/null <<'IN'
a lock, one thread at a time
5

4
matching rows from both tables
3
I forget
2


4

5
indexes speed lookups
4

5
IN
# The same day again: the cards graded below 4 come back.
r study --new 0 >/dev/null <<'IN'

4

5
IN

# Day 2: reviews, with an undo and a regrade.
on 2026-03-02T09:00
r study --new 2 >/dev/null <<'IN'

5
:undo

4

1

4

5

4
:quit
IN

# Day 3: an interview that reschedules, and one that only journals.
on 2026-03-03T09:00
r interview --deck py --count 2 --seed 3 --reschedule >/dev/null <<'IN'
one thread at a time, released on I/O

5
lazy and resumable

4
IN
r interview --deck sql --count 2 --seed 5 >/dev/null <<'IN'
both tables, matching rows

3
:pass
IN

# Version 2 of py drops a card (retired) and rewords one.
deck py.md py 2 \
    "gil|What is the GIL, exactly?|A lock around the interpreter.|threads,cpython|one thread at a time; released on I/O" \
    "gen|What does yield do?|Makes a generator.|generators|lazy; resumable" \
    "ctx|What is a context manager?|An object with __enter__ and __exit__.||enter; exit" \
    "dec|What is a decorator?|A callable that wraps another.|functions|"
r sign -s club.key py.md >/dev/null
r import py.md >/dev/null

# Days 4-8: whatever is due, graded well, with a lapse on day 8.
for day in 04 05 06 07 08; do
    on 2026-03-${day}T09:00
    grade=4
    [ "$day" = 08 ] && grade=1
    printf '\n%s\n\n5\n\n4\n\n5\n\n4\n\n5\n\n4\n\n5\n\n4\n\n5\n\n4\n\n5\n' "$grade" |
        r study --new 1 >/dev/null || true
done
r suspend sql/idx >/dev/null

r decks >/dev/null
# One file, no WAL beside it, no free pages.
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;' >/dev/null
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = 3 ] || {
    echo "make-v3-fixture: $bin did not write schema 3" >&2
    exit 1
}
cp "$db" "$out"
sqlite3 "$out" 'PRAGMA journal_mode = DELETE' >/dev/null
echo "wrote $out ($(wc -c <"$out") bytes)"
