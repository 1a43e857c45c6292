/* store.c: the SQLite collection.  The only file that holds SQL.
 *
 * Workload: a daily session reads a few dozen cards and writes one small
 * transaction per answer; an import writes a whole deck in one
 * transaction.  Statements are prepared once per process and reused.
 * Durability: WAL with synchronous=FULL, so a committed answer survives a
 * crash and a power cut; the cost is one fsync per answer. */
#include "rehearse/store.h"
#include "rehearse/util.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 'RHRS' in the database header marks a rehearse collection. */
#define APPLICATION_ID 0x52485253

enum stmt_id {
    S_FIND_DECK,
    S_INSERT_DECK,
    S_UPDATE_DECK,
    S_FIND_CARD,
    S_INSERT_CARD,
    S_UPDATE_CARD,
    S_TOUCH_CARD,
    S_DELETE_TAGS,
    S_INSERT_TAG,
    S_RETIRE,
    S_PUBLISHER_CHANGE,
    S_DUE,
    S_NEW,
    S_REPEAT,
    S_NEW_SEEN,
    S_COUNT_DUE,
    S_NEXT_DUE,
    S_CARD_VIEW,
    S_SET_SCHEDULE,
    S_INSERT_REVIEW,
    S_SUSPEND,
    S_FIND_CARD_REF,
    S_DECKS_JSON,
    S_DECKS,
    S_CARDS_JSON,
    S_CARDS,
    S_KEYS,
    S_KEY_TRUSTED,
    S_TRUST,
    S_UNTRUST,
    S_DAILY_ADD,
    S_UNDONE,
    S_INSERT_ANSWER,
    S_BRING_FORWARD,
    S_REVIEWED_TODAY,
    S_CANDIDATES,
    S_JOURNAL,
    S_JOURNAL_JSON,
    S_DAYS,
    S_DAYS_TAGS,
    S_DECK_RETENTION,
    S_DECK_RETENTION_TAGS,
    S_FORECAST,
    S_STATES,
    S_STATES_BY_DECK,
    S_CARD_STATE,
    S_DECK_META,
    S_EXPORT_CARDS,
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_COUNT
};

/* The filter clause shared by the card queries: ?F1 is a JSON array of
 * deck ids or NULL, ?F2 a JSON array of tags or NULL. */
#define FILTER                                                                 \
    " AND (?1 IS NULL OR c.deck_id IN (SELECT d2.id FROM decks d2 WHERE "      \
    "d2.slug IN (SELECT value FROM json_each(?1))))"                           \
    " AND (?2 IS NULL OR c.id IN (SELECT t.card_id FROM card_tags t WHERE "    \
    "t.tag IN (SELECT value FROM json_each(?2))))"
#define LIVE " c.retired = 0 AND c.suspended = 0"
#define QUEUED_COLUMNS                                                         \
    "c.id, c.reps, c.interval, c.ef, c.lapses, coalesce(c.due, -1)"

/* Deck rows with their counts for day ?1. */
#define DECK_STATE(name)                                                       \
    "(SELECT n FROM card_states s WHERE s.deck_id = d.id AND s.state = '" name \
    "')"
#define DECK_ROWS                                                              \
    "SELECT d.slug, d.title, d.version, d.publisher_key IS NOT NULL AS "       \
    "signed, (SELECT coalesce(sum(n), 0) FROM card_states s WHERE "            \
    "s.deck_id = d.id AND s.state <> 'retired') AS cards, " DECK_STATE(        \
        "new") " AS new, (SELECT count(*) FROM cards c WHERE "                 \
               "c.deck_id = d.id AND c.due <= ?1 AND" LIVE                     \
               ") AS due, " DECK_STATE("suspended") " AS "                     \
                                                    "suspended, " DECK_STATE(  \
                                                        "retired") " AS "      \
                                                                   "retired "  \
                                                                   "FROM "     \
                                                                   "decks d "  \
                                                                   "ORDER BY " \
                                                                   "d.slug"

/* Card rows (not retired), all or only those due by day ?3 when ?4. */
#define CARD_ROWS                                                              \
    "SELECT d.slug AS deck, c.slug AS id, c.question, CASE WHEN "              \
    "c.suspended THEN 'suspended' WHEN c.due IS NULL THEN 'new' WHEN "         \
    "c.interval < 21 THEN 'learning' ELSE 'mature' END AS state, CASE "        \
    "WHEN c.due IS NULL THEN NULL ELSE date(c.due * 86400, 'unixepoch') "      \
    "END AS due, c.interval, c.ef, c.reps, c.lapses, c.id AS rowid "           \
    "FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired = 0 "       \
    "AND (?4 = 0 OR (c.due <= ?3 AND" LIVE "))" FILTER                         \
    " ORDER BY d.slug, c.position"

/* Per-day, per-deck totals for days ?3..?4: from the maintained daily
 * table, or, when a tag filter needs card-level detail, from the log. */
#define TOTALS_DAILY                                                           \
    "(SELECT day, deck_id, reviews, passed, time_ms, NULL AS card_id "         \
    "FROM daily WHERE day BETWEEN ?3 AND ?4)"
#define TOTALS_LOG                                                             \
    "(SELECT r.day, c.deck_id, c.id AS card_id, sum(r.kind = 'review' AND "    \
    "u.id IS NULL) AS reviews, sum(r.kind = 'review' AND u.id IS NULL AND "    \
    "r.grade >= 3) AS passed, sum(r.duration_ms) AS time_ms FROM reviews r "   \
    "JOIN cards c ON c.id = r.card_id LEFT JOIN reviews u ON u.undoes = "      \
    "r.id WHERE r.kind IN ('review', 'repeat') AND r.day BETWEEN ?3 AND ?4 "   \
    "GROUP BY r.day, c.id)"
#define TOTALS_WHERE                                                           \
    " WHERE (?1 IS NULL OR t.deck_id IN (SELECT d2.id FROM decks d2 WHERE "    \
    "d2.slug IN (SELECT value FROM json_each(?1))))"                           \
    " AND (?2 IS NULL OR t.card_id IN (SELECT tg.card_id FROM card_tags tg "   \
    "WHERE tg.tag IN (SELECT value FROM json_each(?2))))"
#define DAYS_QUERY(source)                                                     \
    "SELECT t.day, sum(t.reviews), sum(t.passed), sum(t.time_ms) FROM " source \
    " t" TOTALS_WHERE " GROUP BY t.day ORDER BY t.day"
#define DECK_RETENTION_QUERY(source)                                           \
    "SELECT d.slug, sum(t.reviews), sum(t.passed) FROM " source " t JOIN "     \
    "decks d ON d.id = t.deck_id" TOTALS_WHERE " GROUP BY d.id HAVING "        \
    "sum(t.reviews) > 0 ORDER BY d.slug"

static const char *const sql_text[S_COUNT] = {
    [S_FIND_DECK] = "SELECT id, version, source_hash, publisher_key "
                    "FROM decks WHERE slug = ?1",
    [S_INSERT_DECK] =
        "INSERT INTO decks(slug, title, version, description, author, "
        "license, tags, source_hash, publisher_key, generation, imported_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10) "
        "RETURNING id, generation",
    [S_UPDATE_DECK] =
        "UPDATE decks SET title = ?2, version = ?3, description = ?4, "
        "author = ?5, license = ?6, tags = ?7, source_hash = ?8, "
        "publisher_key = ?9, generation = generation + 1, imported_at = ?10 "
        "WHERE slug = ?1 RETURNING id, generation",
    [S_FIND_CARD] = "SELECT id, question, answer, tags, keys, retired "
                    "FROM cards WHERE deck_id = ?1 AND slug = ?2",
    [S_INSERT_CARD] =
        "INSERT INTO cards(deck_id, slug, question, answer, tags, keys, "
        "position, generation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "RETURNING id",
    [S_UPDATE_CARD] = "UPDATE cards SET question = ?2, answer = ?3, tags = "
                      "?4, keys = ?5, position = ?6, generation = ?7, "
                      "retired = 0 WHERE id = ?1",
    [S_TOUCH_CARD] = "UPDATE cards SET position = ?2, generation = ?3, "
                     "retired = 0 WHERE id = ?1",
    [S_DELETE_TAGS] = "DELETE FROM card_tags WHERE card_id = ?1",
    [S_INSERT_TAG] = "INSERT OR IGNORE INTO card_tags(card_id, tag) "
                     "VALUES (?1, ?2)",
    [S_RETIRE] = "UPDATE cards SET retired = 1 WHERE deck_id = ?1 AND "
                 "generation < ?2 AND retired = 0",
    [S_PUBLISHER_CHANGE] = "INSERT INTO publisher_changes(deck_id, old_key, "
                           "new_key, changed_at) VALUES (?1, ?2, ?3, ?4)",
    [S_DUE] = "SELECT " QUEUED_COLUMNS " FROM cards c WHERE c.due <= ?3 "
              "AND" LIVE FILTER " ORDER BY c.due, c.id",
    [S_NEW] = "SELECT " QUEUED_COLUMNS " FROM cards c WHERE c.due IS NULL "
              "AND" LIVE FILTER " ORDER BY c.position, c.deck_id LIMIT ?3",
    [S_REPEAT] =
        "SELECT " QUEUED_COLUMNS " FROM cards c JOIN ("
        "  SELECT card_id, grade, max(id) FROM reviews r"
        "  WHERE r.day = ?3 AND r.kind IN ('review', 'repeat')"
        "  AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.id)"
        "  GROUP BY card_id) last ON last.card_id = c.id "
        "WHERE last.grade < 4 AND" LIVE FILTER " ORDER BY c.id",
    [S_NEW_SEEN] =
        "SELECT count(*) FROM reviews r WHERE r.day = ?1 AND r.kind = "
        "'review' AND r.due_before IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM reviews u WHERE u.undoes = r.id)",
    [S_COUNT_DUE] =
        "SELECT count(*) FROM cards c WHERE c.due <= ?3 AND" LIVE FILTER,
    [S_NEXT_DUE] =
        "SELECT min(c.due) FROM cards c WHERE c.due > ?3 AND" LIVE FILTER,
    [S_CARD_VIEW] = "SELECT d.slug, c.slug, c.question, c.answer, c.tags, "
                    "c.keys FROM cards c JOIN decks d ON d.id = c.deck_id "
                    "WHERE c.id = ?1",
    [S_SET_SCHEDULE] = "UPDATE cards SET reps = ?2, interval = ?3, ef = ?4, "
                       "lapses = ?5, due = ?6 WHERE id = ?1",
    [S_INSERT_REVIEW] =
        "INSERT INTO reviews(card_id, at, day, kind, grade, duration_ms, "
        "reps_before, interval_before, ef_before, lapses_before, due_before, "
        "reps_after, interval_after, ef_after, lapses_after, due_after, "
        "undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14, ?15, ?16, ?17)",
    [S_SUSPEND] = "UPDATE cards SET suspended = ?2 WHERE id = ?1",
    [S_FIND_CARD_REF] =
        "SELECT c.id FROM cards c JOIN decks d ON d.id = c.deck_id "
        "WHERE c.slug = ?2 AND (?1 IS NULL OR d.slug = ?1) LIMIT 2",
    [S_DECKS_JSON] =
        "SELECT json_group_array(json_object('id', slug, 'title', title, "
        "'version', version, 'signed', json(CASE WHEN signed THEN 'true' "
        "ELSE 'false' END), 'cards', cards, 'new', new, 'due', due, "
        "'suspended', suspended, 'retired', retired)) FROM (" DECK_ROWS ")",
    [S_DECKS] = DECK_ROWS,
    [S_CARDS_JSON] =
        "SELECT json_group_array(json_object('deck', deck, 'id', id, "
        "'question', question, 'state', state, 'due', due, 'interval', "
        "interval, 'ef', ef / 100.0, 'repetitions', reps, 'lapses', lapses, "
        "'tags', json('[' || coalesce((SELECT group_concat(json_quote(t.tag))"
        " FROM card_tags t WHERE t.card_id = rowid), '') || ']'))) FROM "
        "(" CARD_ROWS ")",
    [S_CARDS] = CARD_ROWS,
    [S_KEYS] = "SELECT key_id, public_key, name, added_at FROM keyring "
               "ORDER BY name, added_at",
    [S_KEY_TRUSTED] = "SELECT name FROM keyring WHERE public_key = ?1",
    [S_TRUST] = "INSERT INTO keyring(key_id, public_key, name, added_at) "
                "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(public_key) DO NOTHING",
    [S_UNTRUST] = "DELETE FROM keyring WHERE key_id = ?1",
    [S_DAILY_ADD] =
        "INSERT INTO daily(day, deck_id, reviews, passed, time_ms) "
        "SELECT ?1, deck_id, ?2, ?3, ?4 FROM cards WHERE id = ?5 "
        "ON CONFLICT(day, deck_id) DO UPDATE SET reviews = reviews + "
        "excluded.reviews, passed = passed + excluded.passed, time_ms = "
        "time_ms + excluded.time_ms",
    [S_UNDONE] = "SELECT day, kind = 'review', grade >= 3 FROM reviews "
                 "WHERE id = ?1",
    [S_INSERT_ANSWER] =
        "INSERT INTO answers(card_id, review_id, at, day, source, answer, "
        "duration_ms, grade, keys_total, keys_covered, coverage) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_BRING_FORWARD] = "UPDATE cards SET due = ?2 WHERE id = ?1 AND "
                        "(due IS NULL OR due > ?2)",
    [S_REVIEWED_TODAY] = "SELECT count(*) FROM reviews r WHERE r.card_id = "
                         "?1 AND r.day = ?2 AND r.kind = 'review' AND NOT "
                         "EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = "
                         "r.id)",
    [S_CANDIDATES] =
        "SELECT c.id, d.slug, c.ef, c.lapses, c.due IS NOT NULL, "
        "coalesce((SELECT avg(a.duration_ms) FROM answers a WHERE a.card_id "
        "= c.id), 0) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE" LIVE
            FILTER " ORDER BY c.id",
    /* Newest first by id, the order answers were committed in: wall-clock
     * times can step back (clock changes, REHEARSE_NOW). */
    [S_JOURNAL] =
        "SELECT datetime(a.at, 'unixepoch', 'localtime'), a.source, d.slug, "
        "c.slug, c.question, a.answer, c.answer, c.keys, a.coverage, "
        "a.duration_ms, coalesce(a.grade, -1), a.keys_total, a.keys_covered "
        "FROM answers a JOIN cards c ON c.id = a.card_id JOIN decks d ON "
        "d.id = c.deck_id WHERE a.at >= ?3 AND (?4 IS NULL OR c.slug = ?4) "
        "AND (?5 IS NULL OR d.slug = ?5)" FILTER " ORDER BY a.id DESC",
    [S_JOURNAL_JSON] =
        "SELECT json_group_array(json_object('time', t, 'source', source, "
        "'deck', deck, 'card', card, 'question', question, 'answer', answer, "
        "'reference', reference, 'keys', json(keys), 'covered', "
        "json(coverage), 'seconds', duration_ms / 1000.0, 'grade', CASE WHEN "
        "grade < 0 THEN NULL ELSE grade END)) FROM (SELECT datetime(a.at, "
        "'unixepoch', 'localtime') AS t, a.source, d.slug AS deck, c.slug AS "
        "card, c.question, a.answer, c.answer AS reference, (WITH RECURSIVE "
        "split(rest, item) AS (SELECT c.keys || char(10), NULL UNION ALL "
        "SELECT substr(rest, instr(rest, char(10)) + 1), substr(rest, 1, "
        "instr(rest, char(10)) - 1) FROM split WHERE rest <> '') SELECT "
        "json_group_array(item) FROM split WHERE item IS NOT NULL) "
        "AS keys, a.coverage, a.duration_ms, coalesce(a.grade, -1) "
        "AS grade FROM answers a JOIN cards c ON c.id = a.card_id JOIN decks "
        "d ON d.id = c.deck_id WHERE a.at >= ?3 AND (?4 IS NULL OR c.slug = "
        "?4) AND (?5 IS NULL OR d.slug = ?5)" FILTER " ORDER BY a.id DESC)",
    [S_DAYS] = DAYS_QUERY(TOTALS_DAILY),
    [S_DAYS_TAGS] = DAYS_QUERY(TOTALS_LOG),
    [S_DECK_RETENTION] = DECK_RETENTION_QUERY(TOTALS_DAILY),
    [S_DECK_RETENTION_TAGS] = DECK_RETENTION_QUERY(TOTALS_LOG),
    [S_FORECAST] = "SELECT max(c.due, ?3), count(*) FROM cards c WHERE "
                   "c.due < ?4 AND" LIVE FILTER " GROUP BY 1",
    [S_STATES_BY_DECK] =
        "SELECT coalesce(sum(n * (state = 'new')), 0), coalesce(sum(n * "
        "(state = 'learning')), 0), coalesce(sum(n * (state = 'mature')), "
        "0), coalesce(sum(n * (state = 'suspended')), 0) FROM card_states t"
        " WHERE (?1 IS NULL OR t.deck_id IN (SELECT d2.id FROM decks d2 "
        "WHERE d2.slug IN (SELECT value FROM json_each(?1))))",
    [S_STATES] =
        "SELECT coalesce(sum(c.suspended = 0 AND c.due IS NULL), 0), "
        "coalesce(sum(c.suspended = 0 AND c.due IS NOT NULL AND c.interval "
        "< 21), 0), coalesce(sum(c.suspended = 0 AND c.interval >= 21 AND "
        "c.due IS NOT NULL), 0), coalesce(sum(c.suspended), 0) FROM cards c "
        "WHERE c.retired = 0" FILTER,
    [S_CARD_STATE] = "SELECT " QUEUED_COLUMNS " FROM cards c WHERE c.id = ?1",
    [S_DECK_META] = "SELECT slug, title, version, description, author, "
                    "license, tags, id FROM decks WHERE slug = ?1",
    [S_EXPORT_CARDS] = "SELECT slug, question, answer, tags, keys FROM cards "
                       "WHERE deck_id = ?1 AND retired = 0 ORDER BY position",
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
};

/* Schema migrations: migrations[n] takes user_version n to n + 1. */
static const char *const migrations[] = {
    "CREATE TABLE decks ("
    "  id INTEGER PRIMARY KEY,"
    "  slug TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL,"
    "  version INTEGER NOT NULL CHECK (version > 0),"
    "  description TEXT NOT NULL DEFAULT '',"
    "  author TEXT NOT NULL DEFAULT '',"
    "  license TEXT NOT NULL DEFAULT '',"
    "  tags TEXT NOT NULL DEFAULT '',"
    "  source_hash BLOB,"
    "  publisher_key BLOB,"
    "  generation INTEGER NOT NULL,"
    "  imported_at INTEGER NOT NULL);"
    "CREATE TABLE cards ("
    "  id INTEGER PRIMARY KEY,"
    "  deck_id INTEGER NOT NULL REFERENCES decks(id),"
    "  slug TEXT NOT NULL,"
    "  question TEXT NOT NULL,"
    "  answer TEXT NOT NULL,"
    "  tags TEXT NOT NULL DEFAULT '',"
    "  keys TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL,"
    "  generation INTEGER NOT NULL,"
    "  retired INTEGER NOT NULL DEFAULT 0,"
    "  suspended INTEGER NOT NULL DEFAULT 0,"
    "  reps INTEGER NOT NULL DEFAULT 0,"
    "  interval INTEGER NOT NULL DEFAULT 0,"
    "  ef INTEGER NOT NULL DEFAULT 250 CHECK (ef >= 130),"
    "  lapses INTEGER NOT NULL DEFAULT 0,"
    "  due INTEGER,"
    "  UNIQUE (deck_id, slug));"
    "CREATE INDEX cards_due ON cards(due) WHERE due IS NOT NULL;"
    "CREATE INDEX cards_new ON cards(position, deck_id) WHERE due IS NULL;"
    "CREATE TABLE card_tags ("
    "  tag TEXT NOT NULL,"
    "  card_id INTEGER NOT NULL REFERENCES cards(id),"
    "  PRIMARY KEY (tag, card_id)) WITHOUT ROWID;"
    "CREATE INDEX card_tags_card ON card_tags(card_id);"
    "CREATE TABLE reviews ("
    "  id INTEGER PRIMARY KEY,"
    "  card_id INTEGER NOT NULL REFERENCES cards(id),"
    "  at INTEGER NOT NULL,"
    "  day INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('review', 'repeat', 'undo')),"
    "  grade INTEGER CHECK (grade BETWEEN 0 AND 5),"
    "  duration_ms INTEGER NOT NULL DEFAULT 0,"
    "  reps_before INTEGER NOT NULL, interval_before INTEGER NOT NULL,"
    "  ef_before INTEGER NOT NULL, lapses_before INTEGER NOT NULL,"
    "  due_before INTEGER,"
    "  reps_after INTEGER NOT NULL, interval_after INTEGER NOT NULL,"
    "  ef_after INTEGER NOT NULL, lapses_after INTEGER NOT NULL,"
    "  due_after INTEGER,"
    "  undoes INTEGER REFERENCES reviews(id));"
    "CREATE INDEX reviews_card ON reviews(card_id);"
    "CREATE INDEX reviews_day ON reviews(day);"
    "CREATE INDEX reviews_undoes ON reviews(undoes) WHERE undoes IS NOT NULL;"
    "CREATE TABLE keyring ("
    "  id INTEGER PRIMARY KEY,"
    "  key_id BLOB NOT NULL CHECK (length(key_id) = 8),"
    "  public_key BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),"
    "  name TEXT NOT NULL,"
    "  added_at INTEGER NOT NULL);"
    "CREATE TABLE publisher_changes ("
    "  id INTEGER PRIMARY KEY,"
    "  deck_id INTEGER NOT NULL REFERENCES decks(id),"
    "  old_key BLOB, new_key BLOB,"
    "  changed_at INTEGER NOT NULL);",

    /* 2: the answer journal, and per-day totals so that stats never scan
     * the review log. */
    "CREATE TABLE answers ("
    "  id INTEGER PRIMARY KEY,"
    "  card_id INTEGER NOT NULL REFERENCES cards(id),"
    "  review_id INTEGER REFERENCES reviews(id),"
    "  at INTEGER NOT NULL,"
    "  day INTEGER NOT NULL,"
    "  source TEXT NOT NULL CHECK (source IN ('study', 'interview')),"
    "  answer TEXT NOT NULL,"
    "  duration_ms INTEGER NOT NULL,"
    "  grade INTEGER CHECK (grade BETWEEN 0 AND 5),"
    "  keys_total INTEGER NOT NULL DEFAULT 0,"
    "  keys_covered INTEGER NOT NULL DEFAULT 0,"
    "  coverage TEXT NOT NULL DEFAULT '[]');"
    "CREATE INDEX answers_card ON answers(card_id, at);"
    "CREATE INDEX answers_at ON answers(at);"
    "CREATE TABLE daily ("
    "  day INTEGER NOT NULL,"
    "  deck_id INTEGER NOT NULL REFERENCES decks(id),"
    "  reviews INTEGER NOT NULL DEFAULT 0,"
    "  passed INTEGER NOT NULL DEFAULT 0,"
    "  time_ms INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (day, deck_id)) WITHOUT ROWID;"
    "INSERT INTO daily(day, deck_id, reviews, passed, time_ms)"
    "  SELECT r.day, c.deck_id, sum(r.kind = 'review' AND u.id IS NULL),"
    "    sum(r.kind = 'review' AND u.id IS NULL AND r.grade >= 3),"
    "    sum(r.duration_ms)"
    "  FROM reviews r JOIN cards c ON c.id = r.card_id"
    "  LEFT JOIN reviews u ON u.undoes = r.id"
    "  WHERE r.kind IN ('review', 'repeat') GROUP BY r.day, c.deck_id;",
    /* 3: counts of cards by state per deck, kept by triggers, so that
     * stats and decks need not read every card; covering indexes for the
     * due queue and per-deck due counts.  (Measured at 1M cards: stats
     * read the whole cards table, about 0.6 s, before this.) */
    "DROP INDEX cards_due;"
    "CREATE INDEX cards_due ON cards(due, retired, suspended, reps, "
    "  interval, ef, lapses) WHERE due IS NOT NULL;"
    "CREATE INDEX cards_deck_due ON cards(deck_id, due) WHERE due IS NOT "
    "  NULL AND retired = 0 AND suspended = 0;"
    "CREATE TABLE card_states ("
    "  deck_id INTEGER NOT NULL REFERENCES decks(id),"
    "  state TEXT NOT NULL,"
    "  n INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (deck_id, state)) WITHOUT ROWID;"
    "INSERT INTO card_states(deck_id, state, n) SELECT d.id, s.value, 0 "
    "  FROM decks d, json_each('[\"new\",\"learning\",\"mature\","
    "\"suspended\",\"retired\"]') s;"
    "UPDATE card_states SET n = (SELECT count(*) FROM cards c WHERE "
    "  c.deck_id = card_states.deck_id AND ("
    "CASE WHEN c.retired THEN 'retired' WHEN c.suspended THEN 'suspended' WHEN "
    "c.due IS NULL THEN 'new' WHEN c.interval < 21 THEN 'learning' ELSE "
    "'mature' END"
    ") = card_states.state);"
    "CREATE TRIGGER decks_states AFTER INSERT ON decks BEGIN"
    "  INSERT INTO card_states(deck_id, state) VALUES (NEW.id, 'new'),"
    "  (NEW.id, 'learning'), (NEW.id, 'mature'), (NEW.id, 'suspended'),"
    "  (NEW.id, 'retired'); END;"
    "CREATE TRIGGER cards_state_insert AFTER INSERT ON cards BEGIN"
    "  UPDATE card_states SET n = n + 1 WHERE deck_id = NEW.deck_id AND"
    "  state = ("
    "CASE WHEN NEW.retired THEN 'retired' WHEN NEW.suspended THEN 'suspended' "
    "WHEN NEW.due IS NULL THEN 'new' WHEN NEW.interval < 21 THEN 'learning' "
    "ELSE 'mature' END"
    "); END;"
    "CREATE TRIGGER cards_state_update AFTER UPDATE OF due, interval,"
    "  suspended, retired ON cards WHEN ("
    "CASE WHEN OLD.retired THEN 'retired' WHEN OLD.suspended THEN 'suspended' "
    "WHEN OLD.due IS NULL THEN 'new' WHEN OLD.interval < 21 THEN 'learning' "
    "ELSE 'mature' END"
    ") <> ("
    "CASE WHEN NEW.retired THEN 'retired' WHEN NEW.suspended THEN 'suspended' "
    "WHEN NEW.due IS NULL THEN 'new' WHEN NEW.interval < 21 THEN 'learning' "
    "ELSE 'mature' END"
    ") BEGIN"
    "  UPDATE card_states SET n = n - 1 WHERE deck_id = OLD.deck_id AND"
    "  state = ("
    "CASE WHEN OLD.retired THEN 'retired' WHEN OLD.suspended THEN 'suspended' "
    "WHEN OLD.due IS NULL THEN 'new' WHEN OLD.interval < 21 THEN 'learning' "
    "ELSE 'mature' END"
    ");"
    "  UPDATE card_states SET n = n + 1 WHERE deck_id = NEW.deck_id AND"
    "  state = ("
    "CASE WHEN NEW.retired THEN 'retired' WHEN NEW.suspended THEN 'suspended' "
    "WHEN NEW.due IS NULL THEN 'new' WHEN NEW.interval < 21 THEN 'learning' "
    "ELSE 'mature' END"
    "); END;",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration per schema version");

struct store {
    sqlite3 *db;
    int version; /* schema version found on opening */
    sqlite3_stmt *stmt[S_COUNT];
    char error[512];
};

static int set_error(struct store *st, const char *what)
{
    int code = sqlite3_extended_errcode(st->db);
    bool space = code == SQLITE_FULL || code == SQLITE_IOERR_WRITE ||
                 code == SQLITE_IOERR_FSYNC || code == SQLITE_IOERR_TRUNCATE;
    snprintf(st->error, sizeof st->error, "%s: %s%s", what,
             sqlite3_errmsg(st->db),
             space ? " (is the disk full? nothing was changed)" : "");
    return -1;
}

const char *store_error(struct store *st)
{
    return st->error;
}

/* Returns the statement, reset and with its bindings cleared. */
static sqlite3_stmt *prepare(struct store *st, enum stmt_id id)
{
    sqlite3_stmt *s = st->stmt[id];
    if (s == NULL) {
        if (sqlite3_prepare_v3(st->db, sql_text[id], -1,
                               SQLITE_PREPARE_PERSISTENT, &s,
                               NULL) != SQLITE_OK)
            abort(); /* the SQL is this file's own: a build bug */
        st->stmt[id] = s;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

/* Runs a statement that returns no rows we need. */
static int run(struct store *st, sqlite3_stmt *s, const char *what)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE) {
        set_error(st, what);
        sqlite3_reset(s);
        return -1;
    }
    sqlite3_reset(s);
    return 0;
}

static void bind_text(sqlite3_stmt *s, int i, const char *text)
{
    sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

static void bind_key(sqlite3_stmt *s, int i, const unsigned char *key, int len)
{
    if (key)
        sqlite3_bind_blob(s, i, key, len, SQLITE_TRANSIENT);
}

static void bind_day(sqlite3_stmt *s, int i, long day)
{
    if (day >= 0)
        sqlite3_bind_int64(s, i, day);
}

static char *json_list(const char **items, size_t n)
{
    if (n == 0)
        return NULL;
    struct strbuf sb;
    sb_init(&sb);
    sb_addc(&sb, '[');
    for (size_t i = 0; i < n; i++)
        sb_addf(&sb, "%s\"%s\"", i ? "," : "", items[i]);
    sb_addc(&sb, ']');
    return sb.buf;
}

/* Binds the filter to ?1 and ?2 (ids are validated, so quoting is safe). */
static void bind_filter(sqlite3_stmt *s, const struct filter *f)
{
    if (f == NULL)
        return;
    char *decks = json_list(f->decks, f->ndecks);
    char *tags = json_list(f->tags, f->ntags);
    if (decks)
        sqlite3_bind_text(s, 1, decks, -1, free);
    if (tags)
        sqlite3_bind_text(s, 2, tags, -1, free);
}

static int exec(struct store *st, const char *sql, const char *what)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return set_error(st, what);
    return 0;
}

static int pragma_int(struct store *st, const char *sql, int *value)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return set_error(st, "cannot use the collection");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return set_error(st, "cannot use the collection");
    return 0;
}

/* Decides whether the file is a collection we may touch.  Nothing here
 * writes, so a refused file is left exactly as it was. */
static int check_identity(struct store *st, int *version)
{
    int app = 0, tables = 0;
    if (pragma_int(st, "PRAGMA application_id", &app) ||
        pragma_int(st, "PRAGMA user_version", version) ||
        pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables))
        return STORE_FAILED;
    if (app != APPLICATION_ID && (app != 0 || tables != 0)) {
        snprintf(st->error, sizeof st->error,
                 "not a rehearse collection (refusing to touch it)");
        return STORE_FAILED;
    }
    if (*version > STORE_SCHEMA_VERSION) {
        snprintf(st->error, sizeof st->error,
                 "collection has schema version %d, newer than this "
                 "rehearse understands (%d): upgrade rehearse; the file was "
                 "not touched",
                 *version, STORE_SCHEMA_VERSION);
        return STORE_NEWER;
    }
    return STORE_OK;
}

static int migrate(struct store *st, int from)
{
    if (from == STORE_SCHEMA_VERSION)
        return 0;
    if (exec(st, "BEGIN IMMEDIATE", "cannot lock the collection"))
        return -1;
    /* Another process may have migrated while we waited for the lock. */
    int version = 0;
    if (pragma_int(st, "PRAGMA user_version", &version))
        goto fail;
    for (; version < STORE_SCHEMA_VERSION; version++) {
        if (exec(st, migrations[version], "cannot upgrade the collection"))
            goto fail;
        char *sql = xasprintf("PRAGMA user_version = %d", version + 1);
        int rc = exec(st, sql, "cannot upgrade the collection");
        free(sql);
        if (rc)
            goto fail;
    }
    char *sql = xasprintf("PRAGMA application_id = %d", APPLICATION_ID);
    int rc = exec(st, sql, "cannot mark the collection");
    free(sql);
    if (rc || exec(st, "COMMIT", "cannot upgrade the collection"))
        goto fail;
    return 0;
fail:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int store_open(const char *path, struct store **out, char *msg, size_t msglen)
{
    struct store *st = xcalloc(1, sizeof *st);
    int version = 0, rc = STORE_FAILED;
    *out = NULL;
    if (sqlite3_open_v2(path, &st->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOFOLLOW,
                        NULL) != SQLITE_OK) {
        set_error(st, "cannot open collection");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);
    if ((rc = check_identity(st, &version)) != STORE_OK)
        goto fail;
    rc = STORE_FAILED;
    if (exec(st, "PRAGMA journal_mode = WAL", "cannot enable WAL") ||
        exec(st, "PRAGMA synchronous = FULL", "cannot set durability") ||
        exec(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys"))
        goto fail;
    st->version = version;
    *out = st;
    return STORE_OK;
fail:
    snprintf(msg, msglen, "%s", st->error);
    store_close(st);
    return rc;
}

bool store_needs_backup_before_migrating(const struct store *st)
{
    return st->version > 0 && st->version < STORE_SCHEMA_VERSION;
}

int store_migrate(struct store *st)
{
    if (migrate(st, st->version))
        return -1;
    st->version = STORE_SCHEMA_VERSION;
    return 0;
}

/* Copies database `from` into `to` with SQLite's online backup API: a
 * consistent snapshot even while other processes write. */
static int copy_database(sqlite3 *to, sqlite3 *from)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (b == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
           rc == SQLITE_LOCKED)
        sqlite3_sleep(50);
    return sqlite3_backup_finish(b) == SQLITE_OK && rc == SQLITE_DONE ? 0 : -1;
}

int store_backup(struct store *st, const char *dest)
{
    sqlite3 *out;
    int rc = -1;
    if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL) == SQLITE_OK &&
        copy_database(out, st->db) == 0)
        rc = 0;
    else
        snprintf(st->error, sizeof st->error, "cannot back up to '%s': %s",
                 dest, sqlite3_errmsg(out ? out : st->db));
    sqlite3_close(out);
    return rc;
}

int store_check_file(const char *path, char *msg, size_t len)
{
    struct store probe = {0};
    int version = 0, rc = -1;
    char *uri = xasprintf("file:%s?mode=ro", path);
    if (sqlite3_open_v2(uri, &probe.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        NULL) != SQLITE_OK)
        set_error(&probe, "cannot open");
    else if (check_identity(&probe, &version) == STORE_OK) {
        int ok = 0;
        sqlite3_stmt *s = NULL;
        if (version == 0)
            snprintf(probe.error, sizeof probe.error, "empty: no collection");
        else if (sqlite3_prepare_v2(probe.db, "PRAGMA integrity_check", -1, &s,
                                    NULL) == SQLITE_OK &&
                 sqlite3_step(s) == SQLITE_ROW)
            ok = strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
        sqlite3_finalize(s);
        if (ok)
            rc = 0;
        else if (version)
            snprintf(probe.error, sizeof probe.error,
                     "fails SQLite's integrity check");
    }
    snprintf(msg, len, "%s", probe.error);
    sqlite3_close(probe.db);
    free(uri);
    return rc;
}

int store_restore(struct store *st, const char *src)
{
    sqlite3 *in;
    char *uri = xasprintf("file:%s?mode=ro", src);
    int rc = -1;
    if (sqlite3_open_v2(uri, &in, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        NULL) == SQLITE_OK &&
        copy_database(st->db, in) == 0 &&
        pragma_int(st, "PRAGMA user_version", &st->version) == 0)
        rc = 0;
    else
        set_error(st, "cannot restore");
    sqlite3_close(in);
    free(uri);
    return rc;
}

void store_close(struct store *st)
{
    if (st == NULL)
        return;
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_close(st->db);
    free(st);
}

int store_begin(struct store *st)
{
    return run(st, prepare(st, S_BEGIN), "cannot start a transaction");
}

int store_commit(struct store *st)
{
    return run(st, prepare(st, S_COMMIT), "cannot commit");
}

void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- decks and import ---- */

static void copy_blob(sqlite3_stmt *s, int col, unsigned char *dst, size_t len,
                      bool *present)
{
    int n = sqlite3_column_bytes(s, col);
    const void *p = sqlite3_column_blob(s, col);
    *present = p != NULL && (size_t)n == len;
    if (*present)
        memcpy(dst, p, len);
}

int store_find_deck(struct store *st, const char *slug, struct stored_deck *out)
{
    sqlite3_stmt *s = prepare(st, S_FIND_DECK);
    bind_text(s, 1, slug);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->rowid = sqlite3_column_int64(s, 0);
        out->version = sqlite3_column_int64(s, 1);
        copy_blob(s, 2, out->hash, sizeof out->hash, &out->has_hash);
        copy_blob(s, 3, out->publisher, sizeof out->publisher,
                  &out->signed_deck);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read decks");
}

int store_put_deck(struct store *st, const struct deck_meta *m,
                   const unsigned char hash[32], const unsigned char *publisher,
                   time_t now, int64_t *rowid, long *generation)
{
    struct stored_deck old;
    int found = store_find_deck(st, m->id, &old);
    if (found < 0)
        return -1;
    sqlite3_stmt *s = prepare(st, found ? S_UPDATE_DECK : S_INSERT_DECK);
    char *tags = deck_join(m->tags, m->ntags, ",");
    bind_text(s, 1, m->id);
    bind_text(s, 2, m->title);
    sqlite3_bind_int64(s, 3, m->version);
    bind_text(s, 4, m->description);
    bind_text(s, 5, m->author);
    bind_text(s, 6, m->license);
    bind_text(s, 7, tags);
    bind_key(s, 8, hash, 32);
    bind_key(s, 9, publisher, STORE_KEY_BYTES);
    sqlite3_bind_int64(s, 10, (sqlite3_int64)now);
    free(tags);
    if (sqlite3_step(s) != SQLITE_ROW) {
        set_error(st, "cannot write deck");
        sqlite3_reset(s);
        return -1;
    }
    *rowid = sqlite3_column_int64(s, 0);
    *generation = (long)sqlite3_column_int64(s, 1);
    return run(st, s, "cannot write deck");
}

static bool column_equals(sqlite3_stmt *s, int col, const char *text)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    return v != NULL && strcmp(v, text) == 0;
}

static int put_tags(struct store *st, int64_t card, const struct card *c)
{
    sqlite3_stmt *s = prepare(st, S_DELETE_TAGS);
    sqlite3_bind_int64(s, 1, card);
    if (run(st, s, "cannot write tags"))
        return -1;
    for (size_t i = 0; i < c->ntags; i++) {
        s = prepare(st, S_INSERT_TAG);
        sqlite3_bind_int64(s, 1, card);
        bind_text(s, 2, c->tags[i]);
        if (run(st, s, "cannot write tags"))
            return -1;
    }
    return 0;
}

/* Looks the card up: 1 with *id and *same set when found, 0 when new. */
static int find_card(struct store *st, int64_t deck, const struct card *c,
                     const char *tags, const char *keys, int64_t *id,
                     bool *same)
{
    sqlite3_stmt *s = prepare(st, S_FIND_CARD);
    sqlite3_bind_int64(s, 1, deck);
    bind_text(s, 2, c->id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *same = column_equals(s, 1, c->question) &&
                column_equals(s, 2, c->answer) && column_equals(s, 3, tags) &&
                column_equals(s, 4, keys);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return set_error(st, "cannot read cards");
    return rc == SQLITE_ROW;
}

int store_put_card(struct store *st, int64_t deck, long generation,
                   long position, const struct card *c,
                   enum card_change *change)
{
    char *tags = deck_join(c->tags, c->ntags, ",");
    char *keys = deck_join(c->keys, c->nkeys, "\n");
    int64_t id = 0;
    bool same = false;
    int rc = -1, found = find_card(st, deck, c, tags, keys, &id, &same);
    sqlite3_stmt *s;
    if (found < 0)
        goto out;
    if (found && same) {
        s = prepare(st, S_TOUCH_CARD);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, position);
        sqlite3_bind_int64(s, 3, generation);
        *change = CARD_SAME;
        rc = run(st, s, "cannot update card");
        goto out;
    }
    s = prepare(st, found ? S_UPDATE_CARD : S_INSERT_CARD);
    int i = 1;
    if (found)
        sqlite3_bind_int64(s, i++, id);
    else {
        sqlite3_bind_int64(s, i++, deck);
        bind_text(s, i++, c->id);
    }
    bind_text(s, i++, c->question);
    bind_text(s, i++, c->answer);
    bind_text(s, i++, tags);
    bind_text(s, i++, keys);
    sqlite3_bind_int64(s, i++, position);
    sqlite3_bind_int64(s, i++, generation);
    if (!found) {
        if (sqlite3_step(s) != SQLITE_ROW) {
            set_error(st, "cannot add card");
            sqlite3_reset(s);
            goto out;
        }
        id = sqlite3_column_int64(s, 0);
    }
    if (run(st, s, "cannot write card") || put_tags(st, id, c))
        goto out;
    *change = found ? CARD_CHANGED : CARD_ADDED;
    rc = 0;
out:
    free(tags);
    free(keys);
    return rc;
}

int store_retire_missing(struct store *st, int64_t deck, long generation,
                         long *count)
{
    sqlite3_stmt *s = prepare(st, S_RETIRE);
    sqlite3_bind_int64(s, 1, deck);
    sqlite3_bind_int64(s, 2, generation);
    if (run(st, s, "cannot retire cards"))
        return -1;
    *count = sqlite3_changes(st->db);
    return 0;
}

int store_note_publisher_change(struct store *st, int64_t deck,
                                const unsigned char *old_key,
                                const unsigned char *new_key, time_t now)
{
    sqlite3_stmt *s = prepare(st, S_PUBLISHER_CHANGE);
    sqlite3_bind_int64(s, 1, deck);
    bind_key(s, 2, old_key, STORE_KEY_BYTES);
    bind_key(s, 3, new_key, STORE_KEY_BYTES);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)now);
    return run(st, s, "cannot record publisher change");
}

/* ---- the study queue ---- */

static int each_queued(struct store *st, sqlite3_stmt *s, queued_fn fn,
                       void *ctx)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct queued_card q = {
            .id = sqlite3_column_int64(s, 0),
            .sm = {sqlite3_column_int(s, 1), sqlite3_column_int(s, 2),
                   sqlite3_column_int(s, 3), sqlite3_column_int(s, 4)},
            .due = (long)sqlite3_column_int64(s, 5),
        };
        if (fn(ctx, &q)) {
            sqlite3_reset(s);
            return -1;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read cards");
}

int store_each_due(struct store *st, long today, const struct filter *f,
                   queued_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_DUE);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    return each_queued(st, s, fn, ctx);
}

int store_each_new(struct store *st, long limit, const struct filter *f,
                   queued_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_NEW);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, limit);
    return each_queued(st, s, fn, ctx);
}

int store_each_repeat(struct store *st, long today, const struct filter *f,
                      queued_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_REPEAT);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    return each_queued(st, s, fn, ctx);
}

static int single_int(struct store *st, sqlite3_stmt *s, long *out,
                      long if_null)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_type(s, 0) == SQLITE_NULL
                   ? if_null
                   : (long)sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : set_error(st, "cannot read collection");
}

int store_new_seen(struct store *st, long today, long *count)
{
    sqlite3_stmt *s = prepare(st, S_NEW_SEEN);
    sqlite3_bind_int64(s, 1, today);
    return single_int(st, s, count, 0);
}

int store_count_due(struct store *st, long day, const struct filter *f,
                    long *count)
{
    sqlite3_stmt *s = prepare(st, S_COUNT_DUE);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, day);
    return single_int(st, s, count, 0);
}

int store_next_due(struct store *st, long today, const struct filter *f,
                   long *day)
{
    sqlite3_stmt *s = prepare(st, S_NEXT_DUE);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    return single_int(st, s, day, -1);
}

static char *column_dup(sqlite3_stmt *s, int col)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    return xstrdup(v ? v : "");
}

int store_card_view(struct store *st, int64_t card, struct card_view *v)
{
    sqlite3_stmt *s = prepare(st, S_CARD_VIEW);
    sqlite3_bind_int64(s, 1, card);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        v->deck = column_dup(s, 0);
        v->id = column_dup(s, 1);
        v->question = column_dup(s, 2);
        v->answer = column_dup(s, 3);
        v->tags = column_dup(s, 4);
        v->keys = column_dup(s, 5);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        snprintf(st->error, sizeof st->error, "card %lld not found",
                 (long long)card);
    else
        set_error(st, "cannot read card");
    return -1;
}

void card_view_free(struct card_view *v)
{
    free(v->deck);
    free(v->id);
    free(v->question);
    free(v->answer);
    free(v->tags);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

static const char *const kind_names[] = {"review", "repeat", "undo"};

static void bind_state(sqlite3_stmt *s, int i, const struct sm2 *sm, long due)
{
    sqlite3_bind_int(s, i, sm->reps);
    sqlite3_bind_int(s, i + 1, sm->interval);
    sqlite3_bind_int(s, i + 2, sm->ef);
    sqlite3_bind_int(s, i + 3, sm->lapses);
    bind_day(s, i + 4, due);
}

/* Keeps the per-day totals in step with the review just logged. */
static int count_daily(struct store *st, const struct review *r)
{
    long day = r->day, reviews = r->kind == REVIEW_GRADE;
    long passed = reviews && r->grade >= SM2_PASS;
    if (r->kind == REVIEW_UNDO) {
        sqlite3_stmt *u = prepare(st, S_UNDONE);
        sqlite3_bind_int64(u, 1, r->undoes);
        if (sqlite3_step(u) == SQLITE_ROW) {
            day = (long)sqlite3_column_int64(u, 0);
            reviews = -sqlite3_column_int(u, 1);
            passed = -(reviews && sqlite3_column_int(u, 2));
        }
        sqlite3_reset(u);
    }
    sqlite3_stmt *s = prepare(st, S_DAILY_ADD);
    sqlite3_bind_int64(s, 1, day);
    sqlite3_bind_int64(s, 2, reviews);
    sqlite3_bind_int64(s, 3, passed);
    sqlite3_bind_int64(s, 4, r->kind == REVIEW_UNDO ? 0 : r->duration_ms);
    sqlite3_bind_int64(s, 5, r->card);
    return run(st, s, "cannot update daily totals");
}

static int insert_answer(struct store *st, const struct journal_entry *a,
                         int64_t review)
{
    sqlite3_stmt *s = prepare(st, S_INSERT_ANSWER);
    sqlite3_bind_int64(s, 1, a->card);
    if (review)
        sqlite3_bind_int64(s, 2, review);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)a->at);
    sqlite3_bind_int64(s, 4, a->day);
    bind_text(s, 5, a->interview ? "interview" : "study");
    bind_text(s, 6, a->answer);
    sqlite3_bind_int64(s, 7, a->duration_ms);
    if (a->grade >= 0)
        sqlite3_bind_int(s, 8, a->grade);
    sqlite3_bind_int(s, 9, a->keys_total);
    sqlite3_bind_int(s, 10, a->keys_covered);
    bind_text(s, 11, a->coverage);
    return run(st, s, "cannot save the answer");
}

static int log_review(struct store *st, const struct review *r, int64_t *id)
{
    sqlite3_stmt *s = prepare(st, S_SET_SCHEDULE);
    sqlite3_bind_int64(s, 1, r->card);
    bind_state(s, 2, &r->after, r->due_after);
    if (run(st, s, "cannot save the schedule"))
        return -1;
    s = prepare(st, S_INSERT_REVIEW);
    sqlite3_bind_int64(s, 1, r->card);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)r->at);
    sqlite3_bind_int64(s, 3, r->day);
    bind_text(s, 4, kind_names[r->kind]);
    if (r->grade >= 0)
        sqlite3_bind_int(s, 5, r->grade);
    sqlite3_bind_int64(s, 6, r->duration_ms);
    bind_state(s, 7, &r->before, r->due_before);
    bind_state(s, 12, &r->after, r->due_after);
    if (r->undoes)
        sqlite3_bind_int64(s, 17, r->undoes);
    if (run(st, s, "cannot log the review"))
        return -1;
    *id = sqlite3_last_insert_rowid(st->db);
    return count_daily(st, r);
}

int store_record(struct store *st, const struct review *r,
                 const struct journal_entry *answer, int64_t *id)
{
    *id = 0;
    if (store_begin(st))
        return -1;
    if ((r && log_review(st, r, id)) ||
        (answer && insert_answer(st, answer, *id)) ||
        (answer && answer->bring_forward >= 0 &&
         store_bring_forward(st, answer->card, answer->bring_forward)) ||
        store_commit(st)) {
        store_rollback(st);
        return -1;
    }
    return 0;
}

int store_bring_forward(struct store *st, int64_t card, long day)
{
    sqlite3_stmt *s = prepare(st, S_BRING_FORWARD);
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_int64(s, 2, day);
    return run(st, s, "cannot reschedule card");
}

int store_card_state(struct store *st, int64_t card, struct queued_card *q)
{
    sqlite3_stmt *s = prepare(st, S_CARD_STATE);
    sqlite3_bind_int64(s, 1, card);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        q->id = sqlite3_column_int64(s, 0);
        q->sm =
            (struct sm2){sqlite3_column_int(s, 1), sqlite3_column_int(s, 2),
                         sqlite3_column_int(s, 3), sqlite3_column_int(s, 4)};
        q->due = (long)sqlite3_column_int64(s, 5);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : set_error(st, "cannot read card");
}

int store_reviewed_on(struct store *st, int64_t card, long day, bool *yes)
{
    long n = 0;
    sqlite3_stmt *s = prepare(st, S_REVIEWED_TODAY);
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_int64(s, 2, day);
    int rc = single_int(st, s, &n, 0);
    *yes = n > 0;
    return rc;
}

int store_set_suspended(struct store *st, int64_t card, bool suspended)
{
    sqlite3_stmt *s = prepare(st, S_SUSPEND);
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_int(s, 2, suspended);
    return run(st, s, "cannot suspend card");
}

int store_find_card(struct store *st, const char *ref, int64_t *card)
{
    const char *slash = strchr(ref, '/');
    sqlite3_stmt *s = prepare(st, S_FIND_CARD_REF);
    if (slash)
        sqlite3_bind_text(s, 1, ref, (int)(slash - ref), SQLITE_TRANSIENT);
    bind_text(s, 2, slash ? slash + 1 : ref);
    int found = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *card = sqlite3_column_int64(s, 0);
        found++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return set_error(st, "cannot read cards");
    if (found == 1)
        return 0;
    snprintf(st->error, sizeof st->error,
             found ? "card '%s' is in several decks: write DECK/CARD"
                   : "no card '%s'",
             ref);
    return -1;
}

/* ---- listings ---- */

static int json_result(struct store *st, sqlite3_stmt *s, char **json)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *json = column_dup(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : set_error(st, "cannot list");
}

int store_decks_json(struct store *st, long today, char **json)
{
    sqlite3_stmt *s = prepare(st, S_DECKS_JSON);
    sqlite3_bind_int64(s, 1, today);
    return json_result(st, s, json);
}

int store_cards_json(struct store *st, long today, const struct filter *f,
                     bool due_only, char **json)
{
    sqlite3_stmt *s = prepare(st, S_CARDS_JSON);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    sqlite3_bind_int(s, 4, due_only);
    return json_result(st, s, json);
}

static const char *column_text(sqlite3_stmt *s, int col)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    return v ? v : "";
}

int store_each_deck(struct store *st, long today, deck_row_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_DECKS);
    sqlite3_bind_int64(s, 1, today);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct deck_row r = {column_text(s, 0),
                             column_text(s, 1),
                             (long)sqlite3_column_int64(s, 2),
                             sqlite3_column_int(s, 3) != 0,
                             (long)sqlite3_column_int64(s, 4),
                             (long)sqlite3_column_int64(s, 5),
                             (long)sqlite3_column_int64(s, 6),
                             (long)sqlite3_column_int64(s, 7),
                             (long)sqlite3_column_int64(s, 8)};
        fn(ctx, &r);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot list decks");
}

int store_each_card(struct store *st, long today, const struct filter *f,
                    bool due_only, card_row_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_CARDS);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    sqlite3_bind_int(s, 4, due_only);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct card_row r = {column_text(s, 0),        column_text(s, 1),
                             column_text(s, 2),        column_text(s, 3),
                             column_text(s, 4),        sqlite3_column_int(s, 5),
                             sqlite3_column_int(s, 6), sqlite3_column_int(s, 7),
                             sqlite3_column_int(s, 8)};
        fn(ctx, &r);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot list cards");
}

/* ---- interviews, journal and statistics ---- */

int store_each_candidate(struct store *st, const struct filter *f,
                         candidate_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_CANDIDATES);
    bind_filter(s, f);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct candidate_row r = {
            sqlite3_column_int64(s, 0),    column_text(s, 1),
            sqlite3_column_int(s, 2),      sqlite3_column_int(s, 3),
            sqlite3_column_int(s, 4) != 0, (long)sqlite3_column_int64(s, 5)};
        fn(ctx, &r);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read cards");
}

static void bind_journal(sqlite3_stmt *s, const struct journal_query *q)
{
    bind_filter(s, &q->filter);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)q->since);
    const char *slash = q->card ? strchr(q->card, '/') : NULL;
    if (q->card)
        bind_text(s, 4, slash ? slash + 1 : q->card);
    if (slash)
        sqlite3_bind_text(s, 5, q->card, (int)(slash - q->card),
                          SQLITE_TRANSIENT);
}

int store_each_journal(struct store *st, const struct journal_query *q,
                       journal_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_JOURNAL);
    bind_journal(s, q);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct journal_row r = {
            column_text(s, 0),         column_text(s, 1),
            column_text(s, 2),         column_text(s, 3),
            column_text(s, 4),         column_text(s, 5),
            column_text(s, 6),         column_text(s, 7),
            column_text(s, 8),         (long)sqlite3_column_int64(s, 9),
            sqlite3_column_int(s, 10), sqlite3_column_int(s, 11),
            sqlite3_column_int(s, 12)};
        fn(ctx, &r);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read journal");
}

int store_journal_json(struct store *st, const struct journal_query *q,
                       char **json)
{
    sqlite3_stmt *s = prepare(st, S_JOURNAL_JSON);
    bind_journal(s, q);
    return json_result(st, s, json);
}

static bool has_tags(const struct filter *f)
{
    return f && f->ntags > 0;
}

int store_each_day(struct store *st, const struct filter *f, long from, long to,
                   day_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, has_tags(f) ? S_DAYS_TAGS : S_DAYS);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, from);
    sqlite3_bind_int64(s, 4, to);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct day_total d = {
            (long)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1),
            (long)sqlite3_column_int64(s, 2), (long)sqlite3_column_int64(s, 3)};
        fn(ctx, &d);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read history");
}

int store_each_deck_retention(struct store *st, const struct filter *f,
                              long from, long to, retention_fn fn, void *ctx)
{
    sqlite3_stmt *s =
        prepare(st, has_tags(f) ? S_DECK_RETENTION_TAGS : S_DECK_RETENTION);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, from);
    sqlite3_bind_int64(s, 4, to);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct deck_retention r = {column_text(s, 0),
                                   (long)sqlite3_column_int64(s, 1),
                                   (long)sqlite3_column_int64(s, 2)};
        fn(ctx, &r);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read history");
}

int store_due_forecast(struct store *st, const struct filter *f, long today,
                       int days, long *counts)
{
    sqlite3_stmt *s = prepare(st, S_FORECAST);
    bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    sqlite3_bind_int64(s, 4, today + days);
    memset(counts, 0, sizeof *counts * (size_t)days);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long day = (long)sqlite3_column_int64(s, 0);
        if (day >= today && day < today + days)
            counts[day - today] = (long)sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read forecast");
}

int store_state_counts(struct store *st, const struct filter *f,
                       struct state_counts *out)
{
    /* The trigger-kept counts answer at once; tags need the cards. */
    sqlite3_stmt *s = prepare(st, has_tags(f) ? S_STATES : S_STATES_BY_DECK);
    bind_filter(s, f);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->new_cards = (long)sqlite3_column_int64(s, 0);
        out->learning = (long)sqlite3_column_int64(s, 1);
        out->mature = (long)sqlite3_column_int64(s, 2);
        out->suspended = (long)sqlite3_column_int64(s, 3);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : set_error(st, "cannot count cards");
}

int store_export_deck(struct store *st, const char *slug, export_fn fn,
                      void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_DECK_META);
    bind_text(s, 1, slug);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        snprintf(st->error, sizeof st->error, "no deck '%s'", slug);
        return -1;
    }
    struct export_deck deck = {column_dup(s, 0),
                               column_dup(s, 1),
                               column_dup(s, 3),
                               column_dup(s, 4),
                               column_dup(s, 5),
                               column_dup(s, 6),
                               (long)sqlite3_column_int64(s, 2)};
    int64_t id = sqlite3_column_int64(s, 7);
    sqlite3_reset(s);
    fn(ctx, &deck, NULL);
    s = prepare(st, S_EXPORT_CARDS);
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct export_card card = {column_text(s, 0), column_text(s, 1),
                                   column_text(s, 2), column_text(s, 3),
                                   column_text(s, 4)};
        fn(ctx, NULL, &card);
    }
    sqlite3_reset(s);
    free((char *)deck.id);
    free((char *)deck.title);
    free((char *)deck.description);
    free((char *)deck.author);
    free((char *)deck.license);
    free((char *)deck.tags);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read cards");
}

/* ---- keyring ---- */

int store_each_key(struct store *st, key_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare(st, S_KEYS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct trusted_key k;
        bool ok_id, ok_key;
        copy_blob(s, 0, k.key_id, sizeof k.key_id, &ok_id);
        copy_blob(s, 1, k.public_key, sizeof k.public_key, &ok_key);
        k.name = (char *)sqlite3_column_text(s, 2);
        k.added = (time_t)sqlite3_column_int64(s, 3);
        if (ok_id && ok_key && fn(ctx, &k)) {
            sqlite3_reset(s);
            return -1;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read keyring");
}

int store_key_trusted(struct store *st, const unsigned char *public_key,
                      char **name)
{
    sqlite3_stmt *s = prepare(st, S_KEY_TRUSTED);
    bind_key(s, 1, public_key, STORE_KEY_BYTES);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && name)
        *name = column_dup(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : set_error(st, "cannot read keyring");
}

int store_trust(struct store *st, const unsigned char key_id[8],
                const unsigned char *public_key, const char *name, time_t now)
{
    sqlite3_stmt *s = prepare(st, S_TRUST);
    bind_key(s, 1, key_id, 8);
    bind_key(s, 2, public_key, STORE_KEY_BYTES);
    bind_text(s, 3, name);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)now);
    if (run(st, s, "cannot add key"))
        return -1;
    return sqlite3_changes(st->db) == 0;
}

int store_untrust(struct store *st, const unsigned char key_id[8],
                  long *removed)
{
    sqlite3_stmt *s = prepare(st, S_UNTRUST);
    bind_key(s, 1, key_id, 8);
    if (run(st, s, "cannot remove key"))
        return -1;
    *removed = sqlite3_changes(st->db);
    return 0;
}
