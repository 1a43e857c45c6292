-- v3.sql: schema version 3, counts of cards by state per deck, kept by
-- triggers, so that stats and decks need not read every card; covering
-- indexes for the due queue and per-deck due counts.  (Measured at 1M
-- cards: stats read the whole cards table, about 0.6 s, before this.)
-- Historical: never change it (v4 rebuilds these tables).

DROP INDEX cards_due;
CREATE INDEX cards_due ON cards(due, retired, suspended, reps,
  interval, ef, lapses) WHERE due IS NOT NULL;
CREATE INDEX cards_deck_due ON cards(deck_id, due) WHERE due IS NOT
  NULL AND retired = 0 AND suspended = 0;
CREATE TABLE card_states (
  deck_id INTEGER NOT NULL REFERENCES decks(id),
  state TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (deck_id, state)) WITHOUT ROWID;
INSERT INTO card_states(deck_id, state, n) SELECT d.id, s.value, 0
  FROM decks d, json_each('["new","learning","mature","suspended","retired"]') s;
UPDATE card_states SET n = (SELECT count(*) FROM cards c WHERE
  c.deck_id = card_states.deck_id AND (
CASE WHEN c.retired THEN 'retired' WHEN c.suspended THEN 'suspended' WHEN
c.due IS NULL THEN 'new' WHEN c.interval < 21 THEN 'learning' ELSE
'mature' END
) = card_states.state);
CREATE TRIGGER decks_states AFTER INSERT ON decks BEGIN
  INSERT INTO card_states(deck_id, state) VALUES (NEW.id, 'new'),
  (NEW.id, 'learning'), (NEW.id, 'mature'), (NEW.id, 'suspended'),
  (NEW.id, 'retired'); END;
CREATE TRIGGER cards_state_insert AFTER INSERT ON cards BEGIN
  UPDATE card_states SET n = n + 1 WHERE deck_id = NEW.deck_id AND
  state = (
CASE WHEN NEW.retired THEN 'retired' WHEN NEW.suspended THEN 'suspended'
WHEN NEW.due IS NULL THEN 'new' WHEN NEW.interval < 21 THEN 'learning'
ELSE 'mature' END
); END;
CREATE TRIGGER cards_state_update AFTER UPDATE OF due, interval,
  suspended, retired ON cards WHEN (
CASE WHEN OLD.retired THEN 'retired' WHEN OLD.suspended THEN 'suspended'
WHEN OLD.due IS NULL THEN 'new' WHEN OLD.interval < 21 THEN 'learning'
ELSE 'mature' END
) <> (
CASE WHEN NEW.retired THEN 'retired' WHEN NEW.suspended THEN 'suspended'
WHEN NEW.due IS NULL THEN 'new' WHEN NEW.interval < 21 THEN 'learning'
ELSE 'mature' END
) BEGIN
  UPDATE card_states SET n = n - 1 WHERE deck_id = OLD.deck_id AND
  state = (
CASE WHEN OLD.retired THEN 'retired' WHEN OLD.suspended THEN 'suspended'
WHEN OLD.due IS NULL THEN 'new' WHEN OLD.interval < 21 THEN 'learning'
ELSE 'mature' END
);
  UPDATE card_states SET n = n + 1 WHERE deck_id = NEW.deck_id AND
  state = (
CASE WHEN NEW.retired THEN 'retired' WHEN NEW.suspended THEN 'suspended'
WHEN NEW.due IS NULL THEN 'new' WHEN NEW.interval < 21 THEN 'learning'
ELSE 'mature' END
); END;
