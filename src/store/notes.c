/* notes.c: a card's note, its history and its standing, for `rehearse
 * note` and `rehearse show` (and the note study and interview print).
 *
 * Workload: one card at a time, looked up by its row id, so every query
 * here is a primary-key or (card_id, ...) index lookup and stays flat in
 * the size of the collection (docs/benchmarks.md, "show").  The search
 * index follows note changes by the notes_fts_* triggers of schema 5. */
#include "rehearse/notes.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int store_note_get(struct store *st, int64_t card, char **body)
{
    static const char sql[] = "SELECT body FROM notes WHERE card_id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    *body = NULL;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *body = db_column_dup(s, 0);
        rc = sqlite3_step(s);
    }
    return db_done(st, s, rc, "cannot read the note");
}

int store_note_set(struct store *st, int64_t card, const char *body, time_t now)
{
    static const char sql[] =
        "INSERT INTO notes (card_id, body, updated_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (card_id) DO UPDATE SET body = excluded.body, "
        "updated_at = excluded.updated_at";
    if (*body == '\0')
        return db_failf(st, "an empty note is no note: delete it instead");
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    db_bind_text(s, 2, body);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)now);
    return db_run(st, s, "cannot save the note");
}

int store_note_delete(struct store *st, int64_t card, bool *removed)
{
    static const char sql[] = "DELETE FROM notes WHERE card_id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    if (db_run(st, s, "cannot delete the note"))
        return -1;
    *removed = sqlite3_changes(st->db) > 0;
    return 0;
}

/* A card's history: its reviews with the answer typed for each (found
 * through answers_card, not a scan), then interview answers that logged
 * no review, all in time order.  Columns: day, kind, grade, interval
 * after (NULL when nothing moved), answer, at. */
#define HISTORY_ROWS                                                           \
    "SELECT r.day AS day, r.kind AS kind, r.grade AS grade, CASE WHEN "        \
    "r.kind IN ('review', 'undo') THEN r.interval_after END AS interval, "     \
    "(SELECT a.answer FROM answers a WHERE a.card_id = r.card_id AND "         \
    "a.review_id = r.id LIMIT 1) AS answer, r.at AS at, r.id AS seq "          \
    "FROM reviews r WHERE r.card_id = ?1 UNION ALL SELECT a.day, CASE WHEN "   \
    "a.source = 'study' THEN 'answer' ELSE a.source END, a.grade, NULL, "      \
    "a.answer, a.at, 0 FROM answers a WHERE a.card_id = ?1 AND a.review_id "   \
    "IS NULL ORDER BY at, seq"

int store_each_history(struct store *st, int64_t card, history_fn fn, void *ctx)
{
    static const char sql[] = HISTORY_ROWS;
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct history_row r = {
            (long)sqlite3_column_int64(s, 0), db_column_text(s, 1),
            sqlite3_column_type(s, 2) == SQLITE_NULL ? -1
                                                     : sqlite3_column_int(s, 2),
            sqlite3_column_type(s, 3) == SQLITE_NULL
                ? -1
                : (long)sqlite3_column_int64(s, 3),
            sqlite3_column_type(s, 4) == SQLITE_NULL ? NULL
                                                     : db_column_text(s, 4)};
        fn(ctx, &r);
    }
    return db_done(st, s, rc, "cannot read the card's history");
}

int store_card_standing(struct store *st, int64_t card,
                        struct card_standing *out)
{
    static const char sql[] = "SELECT state, coalesce(due, -1), interval, "
                              "ef, reps, lapses FROM cards WHERE id = ?1";
    static const char *const states[] = {"new", "learning", "mature",
                                         "suspended", "retired"};
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            rc = SQLITE_ERROR; /* the caller found the card: it is gone */
        return db_done(st, s, rc, "cannot read the card");
    }
    out->state = "new";
    for (size_t i = 0; i < sizeof states / sizeof *states; i++)
        if (strcmp(db_column_text(s, 0), states[i]) == 0)
            out->state = states[i];
    out->due = (long)sqlite3_column_int64(s, 1);
    out->interval = sqlite3_column_int(s, 2);
    out->ef = sqlite3_column_int(s, 3);
    out->reps = sqlite3_column_int(s, 4);
    out->lapses = sqlite3_column_int(s, 5);
    sqlite3_reset(s);
    return 0;
}

/* ?2 is the card's key points, one a line, split by a recursive CTE:
 * the text is bound, so no character in it can change the statement. */
int store_card_json(struct store *st, int64_t card, const char *keys,
                    char **json)
{
    static const char sql[] =
        "WITH RECURSIVE k(rest, item) AS (SELECT ?2 || char(10), NULL "
        "UNION ALL SELECT substr(rest, instr(rest, char(10)) + 1), "
        "substr(rest, 1, instr(rest, char(10)) - 1) FROM k WHERE rest <> ''),"
        " h AS (" HISTORY_ROWS ") "
        "SELECT json_object('deck', d.slug, 'id', c.slug, 'question', "
        "c.question, 'answer', c.answer, 'keys', (SELECT json_group_array("
        "item) FROM k WHERE item IS NOT NULL AND item <> ''), 'tags', "
        "json('[' || coalesce((SELECT group_concat(json_quote(t.tag)) FROM "
        "card_tags t WHERE t.card_id = c.id), '') || ']'), 'note', n.body, "
        "'state', c.state, 'due', CASE WHEN c.due IS NULL THEN NULL ELSE "
        "date(c.due * 86400, 'unixepoch') END, 'interval', c.interval, 'ef', "
        "c.ef / 100.0, 'repetitions', c.reps, 'lapses', c.lapses, 'history', "
        "(SELECT json_group_array(json_object('date', date(h.day * 86400, "
        "'unixepoch'), 'kind', h.kind, 'grade', h.grade, 'interval', "
        "h.interval, 'answer', h.answer)) FROM h)) FROM cards c JOIN decks d "
        "ON d.id = c.deck_id LEFT JOIN notes n ON n.card_id = c.id "
        "WHERE c.id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    db_bind_text(s, 2, keys);
    return db_json(st, s, json);
}
