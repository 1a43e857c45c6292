-- v1.sql: schema version 1, the first collection.
--
-- Decks and their cards (a card keeps its SM-2 schedule across imports;
-- cards the deck no longer has are retired, never deleted), tags, the
-- review log, the keyring of trusted publishers, and publisher changes.
-- Historical: a collection at version 0 runs v1 through the newest in
-- order, so this file must never change.

CREATE TABLE decks (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  description TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  license TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  source_hash BLOB,
  publisher_key BLOB,
  generation INTEGER NOT NULL,
  imported_at INTEGER NOT NULL);
CREATE TABLE cards (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id),
  slug TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '',
  keys TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0,
  suspended INTEGER NOT NULL DEFAULT 0,
  reps INTEGER NOT NULL DEFAULT 0,
  interval INTEGER NOT NULL DEFAULT 0,
  ef INTEGER NOT NULL DEFAULT 250 CHECK (ef >= 130),
  lapses INTEGER NOT NULL DEFAULT 0,
  due INTEGER,
  UNIQUE (deck_id, slug));
CREATE INDEX cards_due ON cards(due) WHERE due IS NOT NULL;
CREATE INDEX cards_new ON cards(position, deck_id) WHERE due IS NULL;
CREATE TABLE card_tags (
  tag TEXT NOT NULL,
  card_id INTEGER NOT NULL REFERENCES cards(id),
  PRIMARY KEY (tag, card_id)) WITHOUT ROWID;
CREATE INDEX card_tags_card ON card_tags(card_id);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id),
  at INTEGER NOT NULL,
  day INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('review', 'repeat', 'undo')),
  grade INTEGER CHECK (grade BETWEEN 0 AND 5),
  duration_ms INTEGER NOT NULL DEFAULT 0,
  reps_before INTEGER NOT NULL, interval_before INTEGER NOT NULL,
  ef_before INTEGER NOT NULL, lapses_before INTEGER NOT NULL,
  due_before INTEGER,
  reps_after INTEGER NOT NULL, interval_after INTEGER NOT NULL,
  ef_after INTEGER NOT NULL, lapses_after INTEGER NOT NULL,
  due_after INTEGER,
  undoes INTEGER REFERENCES reviews(id));
CREATE INDEX reviews_card ON reviews(card_id);
CREATE INDEX reviews_day ON reviews(day);
CREATE INDEX reviews_undoes ON reviews(undoes) WHERE undoes IS NOT NULL;
CREATE TABLE keyring (
  id INTEGER PRIMARY KEY,
  key_id BLOB NOT NULL CHECK (length(key_id) = 8),
  public_key BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),
  name TEXT NOT NULL,
  added_at INTEGER NOT NULL);
CREATE TABLE publisher_changes (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id),
  old_key BLOB, new_key BLOB,
  changed_at INTEGER NOT NULL);
