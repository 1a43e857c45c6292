-- v4.sql: schema version 4: every table STRICT, the rules the C code
-- has always kept written down as CHECK constraints, a chosen ON DELETE
-- action for every foreign key, and a card's state defined once, as the
-- generated column cards.state.  This file is also the clearest reading
-- of the whole schema as it now stands.
--
-- SQLite cannot make an existing table STRICT or add a CHECK to it, so
-- each table is rebuilt: created as NAME_v4, filled from NAME with every
-- row, the old table dropped and the new one renamed.  store_migrate runs
-- this in one transaction with foreign keys off, as SQLite requires for a
-- rebuild, and runs foreign_key_check before it commits.
--
-- Deleting: rehearse never deletes a deck, card or review (cards are
-- retired, reviews undone by a further row), so whatever is history
-- refers to its owner ON DELETE RESTRICT, and a hand-made DELETE that
-- would orphan history fails.  Rows derived from others (tags, daily
-- totals, state counts) go with their owner: ON DELETE CASCADE.
--
-- Ids (deck, card, tag) are 1-64 characters of a-z, 0-9 and '-', as
-- valid_id() in src/core/util.c says.  Grades are 0-5; "no grade" (an
-- undo, a passed interview question) is NULL, which C reads as -1.

-- The triggers of v3 go first: they name the old tables.
DROP TRIGGER decks_states;
DROP TRIGGER cards_state_insert;
DROP TRIGGER cards_state_update;

CREATE TABLE decks_v4 (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE
    CHECK (length(slug) BETWEEN 1 AND 64 AND slug NOT GLOB '*[^a-z0-9-]*'),
  title TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  description TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  license TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',          -- comma-separated, as imported
  source_hash BLOB CHECK (source_hash IS NULL OR length(source_hash) = 32),
  publisher_key BLOB                      -- NULL: an unsigned deck
    CHECK (publisher_key IS NULL OR length(publisher_key) = 32),
  generation INTEGER NOT NULL CHECK (generation > 0),
  imported_at INTEGER NOT NULL
) STRICT;

CREATE TABLE cards_v4 (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE RESTRICT,
  slug TEXT NOT NULL
    CHECK (length(slug) BETWEEN 1 AND 64 AND slug NOT GLOB '*[^a-z0-9-]*'),
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '',          -- comma-separated, as imported
  keys TEXT NOT NULL DEFAULT '',          -- key points, one a line
  position INTEGER NOT NULL CHECK (position >= 0),
  generation INTEGER NOT NULL CHECK (generation > 0),
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
  -- The SM-2 schedule; due is a study day, NULL while the card is new.
  reps INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0),
  interval INTEGER NOT NULL DEFAULT 0 CHECK (interval >= 0),
  ef INTEGER NOT NULL DEFAULT 250 CHECK (ef >= 130),
  lapses INTEGER NOT NULL DEFAULT 0 CHECK (lapses >= 0),
  due INTEGER,
  -- A card's state: the one definition that listings, statistics and the
  -- card_states triggers all read.  "mature" means an interval of 21 days
  -- or more.
  state TEXT NOT NULL GENERATED ALWAYS AS (
    CASE WHEN retired THEN 'retired'
         WHEN suspended THEN 'suspended'
         WHEN due IS NULL THEN 'new'
         WHEN interval < 21 THEN 'learning'
         ELSE 'mature' END) VIRTUAL,
  UNIQUE (deck_id, slug)
) STRICT;

CREATE TABLE card_tags_v4 (
  tag TEXT NOT NULL
    CHECK (length(tag) BETWEEN 1 AND 64 AND tag NOT GLOB '*[^a-z0-9-]*'),
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  PRIMARY KEY (tag, card_id)
) STRICT, WITHOUT ROWID;

-- The review log, the source of truth: replaying a card's rows in id
-- order gives its schedule.  An undo is a row of its own naming the
-- review it takes back.
CREATE TABLE reviews_v4 (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE RESTRICT,
  at INTEGER NOT NULL,                    -- Unix time
  day INTEGER NOT NULL,                   -- study day
  kind TEXT NOT NULL CHECK (kind IN ('review', 'repeat', 'undo', 'forward')),
  grade INTEGER CHECK (grade BETWEEN 0 AND 5),
  duration_ms INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
  reps_before INTEGER NOT NULL, interval_before INTEGER NOT NULL,
  ef_before INTEGER NOT NULL, lapses_before INTEGER NOT NULL,
  due_before INTEGER,
  reps_after INTEGER NOT NULL, interval_after INTEGER NOT NULL,
  ef_after INTEGER NOT NULL, lapses_after INTEGER NOT NULL,
  due_after INTEGER,
  undoes INTEGER REFERENCES reviews(id) ON DELETE RESTRICT,
  CHECK ((kind IN ('undo', 'forward')) = (grade IS NULL)),
  CHECK (undoes IS NULL OR kind = 'undo')
) STRICT;

CREATE TABLE keyring_v4 (
  id INTEGER PRIMARY KEY,
  key_id BLOB NOT NULL CHECK (length(key_id) = 8),
  public_key BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),
  name TEXT NOT NULL,
  added_at INTEGER NOT NULL
) STRICT;

CREATE TABLE publisher_changes_v4 (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE RESTRICT,
  old_key BLOB CHECK (old_key IS NULL OR length(old_key) = 32),
  new_key BLOB CHECK (new_key IS NULL OR length(new_key) = 32),
  changed_at INTEGER NOT NULL
) STRICT;

-- The answer journal: what was typed, with its key-point coverage.
CREATE TABLE answers_v4 (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE RESTRICT,
  review_id INTEGER REFERENCES reviews(id) ON DELETE RESTRICT,
  at INTEGER NOT NULL,
  day INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('study', 'interview')),
  answer TEXT NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  grade INTEGER CHECK (grade BETWEEN 0 AND 5),  -- NULL: passed
  keys_total INTEGER NOT NULL DEFAULT 0 CHECK (keys_total >= 0),
  keys_covered INTEGER NOT NULL DEFAULT 0
    CHECK (keys_covered BETWEEN 0 AND keys_total),
  coverage TEXT NOT NULL DEFAULT '[]'     -- JSON array, one flag a key
    CHECK (json_valid(coverage) AND json_type(coverage) = 'array')
) STRICT;

-- Per-day, per-deck totals, kept by store_record, so that stats never
-- scan the review log.  No CHECK that reviews and passed stay >= 0: an
-- undo writes its -1 through INSERT .. ON CONFLICT DO UPDATE, and SQLite
-- checks the row to insert before it finds the conflict.
CREATE TABLE daily_v4 (
  day INTEGER NOT NULL,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  reviews INTEGER NOT NULL DEFAULT 0,
  passed INTEGER NOT NULL DEFAULT 0,
  time_ms INTEGER NOT NULL DEFAULT 0 CHECK (time_ms >= 0),
  PRIMARY KEY (day, deck_id)
) STRICT, WITHOUT ROWID;

-- How many cards of each deck are in each state, kept by the triggers
-- below, so that stats and decks need not read every card.
CREATE TABLE card_states_v4 (
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  state TEXT NOT NULL
    CHECK (state IN ('new', 'learning', 'mature', 'suspended', 'retired')),
  n INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0),
  PRIMARY KEY (deck_id, state)
) STRICT, WITHOUT ROWID;

-- Every row comes across, ids and all.
INSERT INTO decks_v4 (id, slug, title, version, description, author,
    license, tags, source_hash, publisher_key, generation, imported_at)
  SELECT id, slug, title, version, description, author, license, tags,
    source_hash, publisher_key, generation, imported_at FROM decks;
INSERT INTO cards_v4 (id, deck_id, slug, question, answer, tags, keys,
    position, generation, retired, suspended, reps, interval, ef, lapses, due)
  SELECT id, deck_id, slug, question, answer, tags, keys, position,
    generation, retired, suspended, reps, interval, ef, lapses, due FROM cards;
INSERT INTO card_tags_v4 (tag, card_id) SELECT tag, card_id FROM card_tags;
INSERT INTO reviews_v4 (id, card_id, at, day, kind, grade, duration_ms,
    reps_before, interval_before, ef_before, lapses_before, due_before,
    reps_after, interval_after, ef_after, lapses_after, due_after, undoes)
  SELECT id, card_id, at, day, kind, grade, duration_ms,
    reps_before, interval_before, ef_before, lapses_before, due_before,
    reps_after, interval_after, ef_after, lapses_after, due_after, undoes
  FROM reviews;
INSERT INTO keyring_v4 (id, key_id, public_key, name, added_at)
  SELECT id, key_id, public_key, name, added_at FROM keyring;
INSERT INTO publisher_changes_v4 (id, deck_id, old_key, new_key, changed_at)
  SELECT id, deck_id, old_key, new_key, changed_at FROM publisher_changes;
INSERT INTO answers_v4 (id, card_id, review_id, at, day, source, answer,
    duration_ms, grade, keys_total, keys_covered, coverage)
  SELECT id, card_id, review_id, at, day, source, answer, duration_ms,
    grade, keys_total, keys_covered, coverage FROM answers;
INSERT INTO daily_v4 (day, deck_id, reviews, passed, time_ms)
  SELECT day, deck_id, reviews, passed, time_ms FROM daily;
INSERT INTO card_states_v4 (deck_id, state, n)
  SELECT deck_id, state, n FROM card_states;

DROP TABLE card_states;
DROP TABLE daily;
DROP TABLE answers;
DROP TABLE publisher_changes;
DROP TABLE keyring;
DROP TABLE reviews;
DROP TABLE card_tags;
DROP TABLE cards;
DROP TABLE decks;
ALTER TABLE decks_v4 RENAME TO decks;
ALTER TABLE cards_v4 RENAME TO cards;
ALTER TABLE card_tags_v4 RENAME TO card_tags;
ALTER TABLE reviews_v4 RENAME TO reviews;
ALTER TABLE keyring_v4 RENAME TO keyring;
ALTER TABLE publisher_changes_v4 RENAME TO publisher_changes;
ALTER TABLE answers_v4 RENAME TO answers;
ALTER TABLE daily_v4 RENAME TO daily;
ALTER TABLE card_states_v4 RENAME TO card_states;

-- The due queue reads cards_due (covering) and per-deck due counts
-- cards_deck_due; new cards come in deck order from cards_new.
CREATE INDEX cards_due ON cards(due, retired, suspended, reps, interval, ef,
  lapses) WHERE due IS NOT NULL;
CREATE INDEX cards_new ON cards(position, deck_id) WHERE due IS NULL;
CREATE INDEX cards_deck_due ON cards(deck_id, due)
  WHERE due IS NOT NULL AND retired = 0 AND suspended = 0;
CREATE INDEX card_tags_card ON card_tags(card_id);
CREATE INDEX reviews_card ON reviews(card_id);
CREATE INDEX reviews_day ON reviews(day);
CREATE INDEX reviews_undoes ON reviews(undoes) WHERE undoes IS NOT NULL;
CREATE INDEX answers_card ON answers(card_id, at);
CREATE INDEX answers_at ON answers(at);

CREATE TRIGGER decks_states AFTER INSERT ON decks BEGIN
  INSERT INTO card_states(deck_id, state) SELECT NEW.id, value
    FROM json_each('["new","learning","mature","suspended","retired"]');
END;
CREATE TRIGGER cards_state_insert AFTER INSERT ON cards BEGIN
  UPDATE card_states SET n = n + 1
    WHERE deck_id = NEW.deck_id AND state = NEW.state;
END;
CREATE TRIGGER cards_state_update AFTER UPDATE OF due, interval, suspended,
  retired ON cards WHEN OLD.state <> NEW.state BEGIN
  UPDATE card_states SET n = n - 1
    WHERE deck_id = OLD.deck_id AND state = OLD.state;
  UPDATE card_states SET n = n + 1
    WHERE deck_id = NEW.deck_id AND state = NEW.state;
END;
CREATE TRIGGER cards_state_delete AFTER DELETE ON cards BEGIN
  UPDATE card_states SET n = n - 1
    WHERE deck_id = OLD.deck_id AND state = OLD.state;
END;

-- Who this collection is: made once, copied into every backup, so that
-- backups of two collections with the same file name never mix.
CREATE TABLE identity (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*')
) STRICT;
INSERT INTO identity (id) SELECT lower(hex(randomblob(16)));

-- Problems reported once rather than on every command (a bundled deck
-- that clashes with yours): the message, and when it was first said.
CREATE TABLE notices (
  message TEXT NOT NULL PRIMARY KEY,
  at INTEGER NOT NULL
) STRICT;
