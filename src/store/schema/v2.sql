-- v2.sql: schema version 2, the answer journal, and per-day totals so
-- that stats never scan the review log.  Historical: never change it.

CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id),
  review_id INTEGER REFERENCES reviews(id),
  at INTEGER NOT NULL,
  day INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('study', 'interview')),
  answer TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  grade INTEGER CHECK (grade BETWEEN 0 AND 5),
  keys_total INTEGER NOT NULL DEFAULT 0,
  keys_covered INTEGER NOT NULL DEFAULT 0,
  coverage TEXT NOT NULL DEFAULT '[]');
CREATE INDEX answers_card ON answers(card_id, at);
CREATE INDEX answers_at ON answers(at);
CREATE TABLE daily (
  day INTEGER NOT NULL,
  deck_id INTEGER NOT NULL REFERENCES decks(id),
  reviews INTEGER NOT NULL DEFAULT 0,
  passed INTEGER NOT NULL DEFAULT 0,
  time_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, deck_id)) WITHOUT ROWID;
INSERT INTO daily(day, deck_id, reviews, passed, time_ms)
  SELECT r.day, c.deck_id, sum(r.kind = 'review' AND u.id IS NULL),
    sum(r.kind = 'review' AND u.id IS NULL AND r.grade >= 3),
    sum(r.duration_ms)
  FROM reviews r JOIN cards c ON c.id = r.card_id
  LEFT JOIN reviews u ON u.undoes = r.id
  WHERE r.kind IN ('review', 'repeat') GROUP BY r.day, c.deck_id;
