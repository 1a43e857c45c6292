-- v5.sql: schema version 5: what preparing for a dated interview needs
-- (a goal, notes, flags, full-text search, and the review kind of the
-- final pass), and a mark on decks that came from an Anki package.
--
-- Only the review log is rebuilt (its kind CHECK grows); every other
-- change adds a table or a column, which SQLite does in place.

-- A final-pass review: a plan session showed the card before its SM-2
-- due day, in the last days before the goal's date.  It is logged with
-- its grade but moves nothing, so the SM-2 schedule stays what the plain
-- reviews imply (docs/scheduling.md, "Plans").
CREATE TABLE reviews_v5 (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE RESTRICT,
  at INTEGER NOT NULL,                    -- Unix time
  day INTEGER NOT NULL,                   -- study day
  kind TEXT NOT NULL
    CHECK (kind IN ('review', 'repeat', 'undo', 'forward', 'final')),
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
INSERT INTO reviews_v5 (id, card_id, at, day, kind, grade, duration_ms,
    reps_before, interval_before, ef_before, lapses_before, due_before,
    reps_after, interval_after, ef_after, lapses_after, due_after, undoes)
  SELECT id, card_id, at, day, kind, grade, duration_ms,
    reps_before, interval_before, ef_before, lapses_before, due_before,
    reps_after, interval_after, ef_after, lapses_after, due_after, undoes
  FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_v5 RENAME TO reviews;
CREATE INDEX reviews_card ON reviews(card_id);
CREATE INDEX reviews_day ON reviews(day);
CREATE INDEX reviews_undoes ON reviews(undoes) WHERE undoes IS NOT NULL;

-- Where a deck came from: a rehearse deck file, or an Anki package
-- (which carries no signature).
ALTER TABLE decks ADD COLUMN origin TEXT NOT NULL DEFAULT 'rehearse'
  CHECK (origin IN ('rehearse', 'anki'));

-- The questions an interviewer asks next (the deck's Follow-ups:
-- block): a JSON array of {"q": question, "a": answer}.
ALTER TABLE cards ADD COLUMN followups TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(followups) AND json_type(followups) = 'array');

-- An interview's follow-up answer: the follow-up question it answers
-- (one of cards.followups); NULL for an answer to the card's question.
ALTER TABLE answers ADD COLUMN follow_up TEXT;

-- A card the user marked to look at later (:flag).
ALTER TABLE cards ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0
  CHECK (flagged IN (0, 1));

-- A summary of each card's log that a plan reads for every selected
-- card, kept beside the schedule so that `rehearse plan` does not scan
-- the review log (ten million rows in the benchmark).  store_record
-- recomputes it from the card's own reviews in the grade's transaction,
-- so it is never more than a cache of the log:
--   seen        live grades on distinct occasions (kind review or final;
--               a same-day repeat is not a new occasion)
--   last_grade  the latest live grade of any kind, NULL if none
--   last_missed 1 when that grade's typed answer missed a key point
--   last_day    the study day of that grade, NULL if none
ALTER TABLE cards ADD COLUMN seen INTEGER NOT NULL DEFAULT 0
  CHECK (seen >= 0);
ALTER TABLE cards ADD COLUMN last_grade INTEGER
  CHECK (last_grade BETWEEN 0 AND 5);
ALTER TABLE cards ADD COLUMN last_missed INTEGER NOT NULL DEFAULT 0
  CHECK (last_missed IN (0, 1));
ALTER TABLE cards ADD COLUMN last_day INTEGER;
CREATE TEMP TABLE live_grades AS
  SELECT r.id, r.card_id, r.kind, r.grade, r.day FROM reviews r
  WHERE r.grade IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.id);
CREATE INDEX temp.live_grades_card ON live_grades(card_id, id);
UPDATE cards SET
  seen = (SELECT count(*) FROM live_grades g
          WHERE g.card_id = cards.id AND g.kind IN ('review', 'final')),
  last_grade = (SELECT g.grade FROM live_grades g WHERE g.card_id = cards.id
                ORDER BY g.id DESC LIMIT 1),
  last_day = (SELECT g.day FROM live_grades g WHERE g.card_id = cards.id
              ORDER BY g.id DESC LIMIT 1),
  last_missed = coalesce((SELECT a.keys_covered < a.keys_total
    FROM answers a WHERE a.review_id = (SELECT g.id FROM live_grades g
      WHERE g.card_id = cards.id ORDER BY g.id DESC LIMIT 1)), 0)
WHERE id IN (SELECT card_id FROM live_grades);
DROP TABLE live_grades;

-- New cards deck by deck in deck order: a session that interleaves decks
-- (new_order = interleave, and every plan) takes a few from each.
CREATE INDEX cards_deck_new ON cards(deck_id, position) WHERE due IS NULL;

-- The user's own note on a card.  Keyed by the card, which keeps its id
-- through deck updates, so a note survives them; an empty note is no
-- row.
CREATE TABLE notes (
  card_id INTEGER PRIMARY KEY REFERENCES cards(id) ON DELETE RESTRICT,
  body TEXT NOT NULL CHECK (length(body) > 0),
  updated_at INTEGER NOT NULL
) STRICT;

-- The one active goal: an interview date (a study day), the daily time
-- budget, and the selection (no rows in goal_decks: every deck; no rows
-- in goal_tags: every tag).
CREATE TABLE goal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  day INTEGER NOT NULL,                   -- the interview's study day
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  set_at INTEGER NOT NULL,                -- Unix time
  set_day INTEGER NOT NULL,
  CHECK (day > set_day)
) STRICT;
CREATE TABLE goal_decks (
  deck_id INTEGER PRIMARY KEY REFERENCES decks(id) ON DELETE CASCADE
) STRICT;
CREATE TABLE goal_tags (
  tag TEXT NOT NULL PRIMARY KEY
) STRICT;

-- FSRS-6 weights fitted to this collection's own history by `rehearse
-- optimize`, with what the fit measured: the log loss of the fitted and
-- of the previous weights over the same reviews.  One row at most; no row
-- means FSRS-6's published defaults.  The weights are JSON, an array of
-- 21 numbers, so the row reads whole in one statement.
CREATE TABLE fsrs_weights (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  weights TEXT NOT NULL CHECK (json_valid(weights)
    AND json_array_length(weights) = 21),
  reviews INTEGER NOT NULL CHECK (reviews >= 0),  -- reviews the fit read
  loss REAL NOT NULL,                             -- fitted weights' loss
  previous_loss REAL NOT NULL,                    -- the replaced weights'
  fitted_at INTEGER NOT NULL                      -- Unix time
) STRICT;

-- Full-text search over the live cards' questions, answers and notes.
-- The rowid is the card's id.  Triggers keep it in step inside the same
-- transaction as the change, so no command has to remember to.  Porter
-- stemming over unicode61: "running" finds "run".
CREATE VIRTUAL TABLE cards_fts USING fts5(question, answer, note,
  tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO cards_fts (rowid, question, answer, note)
  SELECT c.id, c.question, c.answer, coalesce(n.body, '')
  FROM cards c LEFT JOIN notes n ON n.card_id = c.id WHERE c.retired = 0;

-- An import defers indexing the cards it adds: a row here, written and
-- deleted inside the import's own transaction (so no other connection
-- ever sees one), holds the largest card id before the import; the
-- import then indexes every live card above it in one statement.  FTS5
-- writes a segment at the end of every statement that inserts into it,
-- and merging the 157 small segments of a 10k-card import row batch by
-- row batch took 1.0 s where one insert takes 0.3 s (docs/benchmarks.md).
CREATE TABLE fts_deferred (
  since INTEGER NOT NULL
) STRICT;

CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards WHEN NEW.retired = 0
  AND NOT EXISTS (SELECT 1 FROM fts_deferred)
BEGIN
  INSERT INTO cards_fts (rowid, question, answer, note)
    VALUES (NEW.id, NEW.question, NEW.answer,
            coalesce((SELECT body FROM notes WHERE card_id = NEW.id), ''));
END;
-- Only when the text or retirement really changes: a deck update rewrites
-- retired = 0 on every card it keeps, which must not re-index them all.
CREATE TRIGGER cards_fts_update AFTER UPDATE OF question, answer, retired
  ON cards WHEN OLD.question IS NOT NEW.question
    OR OLD.answer IS NOT NEW.answer OR OLD.retired <> NEW.retired BEGIN
  DELETE FROM cards_fts WHERE rowid = OLD.id;
  INSERT INTO cards_fts (rowid, question, answer, note)
    SELECT NEW.id, NEW.question, NEW.answer,
           coalesce((SELECT body FROM notes WHERE card_id = NEW.id), '')
    WHERE NEW.retired = 0;
END;
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  UPDATE cards_fts SET note = NEW.body WHERE rowid = NEW.card_id;
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
  UPDATE cards_fts SET note = NEW.body WHERE rowid = NEW.card_id;
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  UPDATE cards_fts SET note = '' WHERE rowid = OLD.card_id;
END;

-- FSRS-6 beside SM-2 (docs/scheduling.md, "FSRS-6"): every grade moves
-- both models, so the config's `scheduler` only chooses which due day the
-- queue reads.  Per card: stability S (days), difficulty D (1-10), the
-- study day of the last grade that moved FSRS (for the elapsed days) and
-- FSRS's due day.  S, D and the day are NULL while FSRS has not seen the
-- card; fsrs_due is NULL while the card is new (as due is).  A review row
-- keeps the same four before and after it, so an undo restores them as it
-- restores SM-2's.  SQL cannot run FSRS: rehearse fills these by replaying
-- each card's log in C, in the migration's transaction, right after this
-- file runs (src/app/collection.c).
ALTER TABLE cards ADD COLUMN fsrs_stability REAL
  CHECK (fsrs_stability IS NULL OR fsrs_stability > 0);
ALTER TABLE cards ADD COLUMN fsrs_difficulty REAL
  CHECK (fsrs_difficulty IS NULL OR fsrs_difficulty BETWEEN 1 AND 10);
ALTER TABLE cards ADD COLUMN fsrs_day INTEGER;
ALTER TABLE cards ADD COLUMN fsrs_due INTEGER;
ALTER TABLE reviews ADD COLUMN fsrs_stability_before REAL;
ALTER TABLE reviews ADD COLUMN fsrs_difficulty_before REAL;
ALTER TABLE reviews ADD COLUMN fsrs_day_before INTEGER;
ALTER TABLE reviews ADD COLUMN fsrs_due_before INTEGER;
ALTER TABLE reviews ADD COLUMN fsrs_stability_after REAL;
ALTER TABLE reviews ADD COLUMN fsrs_difficulty_after REAL;
ALTER TABLE reviews ADD COLUMN fsrs_day_after INTEGER;
ALTER TABLE reviews ADD COLUMN fsrs_due_after INTEGER;
CREATE INDEX cards_fsrs_due ON cards(fsrs_due, retired, suspended)
  WHERE fsrs_due IS NOT NULL;
CREATE INDEX cards_deck_fsrs_due ON cards(deck_id, fsrs_due)
  WHERE fsrs_due IS NOT NULL AND retired = 0 AND suspended = 0;

-- What `rehearse plan` reads for every selected card (FSRS's state too,
-- for the recall it predicts on the day), without touching the cards'
-- text: the full table scan it replaces read 100 MB of answers
-- for a 100k-card collection (0.45 s against 0.04 s, bench/bench.py).
CREATE INDEX cards_plan ON cards(deck_id, retired, suspended, due, seen,
  last_grade, last_missed, last_day, fsrs_stability, fsrs_day);
