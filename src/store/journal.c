/* journal.c: the answer journal: what was typed, in a daily session or a
 * mock interview, with its key-point coverage, and reading it back.
 * Answers are stored as valid UTF-8 (bad bytes become U+FFFD).
 *
 * Workload: one row per typed answer, written inside store_record's
 * transaction; read by `rehearse journal`, newest first, as rows or as
 * JSON built by SQLite's own JSON functions. */
#include "internal.h"
#include "rehearse/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int journal_insert(struct store *st, const struct journal_entry *a,
                   int64_t review)
{
    static const char sql[] =
        "INSERT INTO answers(card_id, review_id, at, day, source, answer, "
        "duration_ms, grade, keys_total, keys_covered, coverage, follow_up) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, a->card);
    if (review)
        sqlite3_bind_int64(s, 2, review);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)a->at);
    sqlite3_bind_int64(s, 4, a->day);
    db_bind_text(s, 5, a->interview ? "interview" : "study");
    /* Typed text may be in any encoding; the journal is UTF-8, so that
     * `journal --json` (SQLite's json_object) stays valid JSON. */
    char *answer = a->answer ? utf8_repair(a->answer, strlen(a->answer)) : NULL;
    db_bind_text(s, 6, answer);
    free(answer);
    sqlite3_bind_int64(s, 7, a->duration_ms);
    if (a->grade >= 0)
        sqlite3_bind_int(s, 8, a->grade);
    sqlite3_bind_int(s, 9, a->keys_total);
    sqlite3_bind_int(s, 10, a->keys_covered);
    db_bind_text(s, 11, a->coverage);
    if (a->follow_up)
        db_bind_text(s, 12, a->follow_up);
    return db_run(st, s, "cannot save the answer");
}

/* An answer's question and reference: the card's own, or for an
 * interview's follow-up answer the follow-up and its short answer. */
#define QUESTION_OF_ANSWER                                                     \
    "CASE WHEN a.follow_up IS NULL THEN c.question ELSE 'Follow-up: ' || "     \
    "a.follow_up END"
#define REFERENCE_OF_ANSWER                                                    \
    "CASE WHEN a.follow_up IS NULL THEN c.answer ELSE coalesce((SELECT "       \
    "json_extract(f.value, '$.a') FROM json_each(c.followups) f WHERE "        \
    "json_extract(f.value, '$.q') = a.follow_up), '') END"

/* The journal's rows for query ?3 (since), ?4 (card id), ?5 (deck id),
 * and the filter.  Newest first by id, the order answers were committed
 * in: wall-clock times can step back (clock changes, REHEARSE_NOW). */
#define JOURNAL_FROM                                                           \
    "FROM answers a JOIN cards c ON c.id = a.card_id JOIN decks d ON d.id = "  \
    "c.deck_id WHERE a.at >= ?3 AND (?4 IS NULL OR c.slug = ?4) AND (?5 IS "   \
    "NULL OR d.slug = ?5)" FILTER " ORDER BY a.id DESC"

static void bind_journal(sqlite3_stmt *s, const struct journal_query *q)
{
    db_bind_filter(s, &q->filter);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)q->since);
    const char *slash = q->card ? strchr(q->card, '/') : NULL;
    if (q->card)
        db_bind_text(s, 4, slash ? slash + 1 : q->card);
    if (slash)
        sqlite3_bind_text(s, 5, q->card, (int)(slash - q->card),
                          SQLITE_TRANSIENT);
}

static void read_journal_row(sqlite3_stmt *s, struct journal_row *r)
{
    *r = (struct journal_row){
        db_column_text(s, 0),      db_column_text(s, 1),
        db_column_text(s, 2),      db_column_text(s, 3),
        db_column_text(s, 4),      db_column_text(s, 5),
        db_column_text(s, 6),      db_column_text(s, 7),
        db_column_text(s, 8),      (long)sqlite3_column_int64(s, 9),
        sqlite3_column_int(s, 10), sqlite3_column_int(s, 11),
        sqlite3_column_int(s, 12), db_column_text(s, 13)};
}

int store_each_journal(struct store *st, const struct journal_query *q,
                       journal_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT datetime(a.at, 'unixepoch', 'localtime'), a.source, d.slug, "
        "c.slug, " QUESTION_OF_ANSWER ", a.answer, " REFERENCE_OF_ANSWER ", "
        "CASE WHEN a.follow_up IS NULL THEN c.keys ELSE '' END, a.coverage, "
        "a.duration_ms, coalesce(a.grade, -1), a.keys_total, "
        "a.keys_covered, (SELECT n.body FROM notes n WHERE n.card_id = "
        "c.id) " JOURNAL_FROM;
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    bind_journal(s, q);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct journal_row r;
        read_journal_row(s, &r);
        fn(ctx, &r);
    }
    return db_done(st, s, rc, "cannot read journal");
}

int store_journal_json(struct store *st, const struct journal_query *q,
                       char **json)
{
    /* keys: the newline-separated list as a JSON array. */
    static const char sql[] =
        "SELECT json_group_array(json_object('time', t, 'source', source, "
        "'deck', deck, 'card', card, 'question', question, 'answer', answer, "
        "'reference', reference, 'keys', json(keys), 'covered', "
        "json(coverage), 'seconds', duration_ms / 1000.0, 'grade', CASE WHEN "
        "grade < 0 THEN NULL ELSE grade END, 'note', note)) FROM (SELECT "
        "datetime(a.at, "
        "'unixepoch', 'localtime') AS t, a.source, d.slug AS deck, c.slug AS "
        "card, " QUESTION_OF_ANSWER
        " AS question, a.answer, " REFERENCE_OF_ANSWER
        " AS reference, CASE WHEN a.follow_up IS NOT NULL "
        "THEN '[]' ELSE (WITH RECURSIVE "
        "split(rest, item) AS (SELECT c.keys || char(10), NULL UNION ALL "
        "SELECT substr(rest, instr(rest, char(10)) + 1), substr(rest, 1, "
        "instr(rest, char(10)) - 1) FROM split WHERE rest <> '') SELECT "
        "json_group_array(item) FROM split WHERE item IS NOT NULL AND item "
        "<> '') END "
        "AS keys, a.coverage, a.duration_ms, coalesce(a.grade, -1) "
        "AS grade, (SELECT n.body FROM notes n WHERE n.card_id = c.id) AS "
        "note " JOURNAL_FROM ")";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    bind_journal(s, q);
    return db_json(st, s, json);
}

int store_last_interview_answer(struct store *st, int64_t card,
                                struct past_answer *out, bool *found)
{
    static const char sql[] =
        "SELECT date(a.at, 'unixepoch', 'localtime'), coalesce(a.grade, -1), "
        "a.keys_covered, a.keys_total, a.answer FROM answers a WHERE "
        "a.card_id = ?1 AND a.source = 'interview' AND a.follow_up IS NULL "
        "ORDER BY a.id DESC LIMIT 1";
    sqlite3_stmt *s = db_prepare(st, sql);
    *found = false;
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(out->date, sizeof out->date, "%s", db_column_text(s, 0));
        out->grade = sqlite3_column_int(s, 1);
        out->keys_covered = sqlite3_column_int(s, 2);
        out->keys_total = sqlite3_column_int(s, 3);
        out->answer = db_column_dup(s, 4);
        *found = true;
        sqlite3_reset(s);
        return 0;
    }
    return db_done(st, s, rc, "cannot read the journal");
}

int store_each_drill_card(struct store *st, const struct filter *f, long limit,
                          drill_fn fn, void *ctx)
{
    /* Each card's latest interview answer to its own question; those that
     * missed key points, the most missed first. */
    static const char sql[] =
        "SELECT a.card_id FROM answers a JOIN cards c ON c.id = a.card_id "
        "WHERE a.id = (SELECT max(b.id) FROM answers b WHERE b.card_id = "
        "a.card_id AND b.source = 'interview' AND b.follow_up IS NULL) AND "
        "a.keys_covered < a.keys_total AND" LIVE FILTER
        " ORDER BY a.keys_total - a.keys_covered DESC, a.id DESC LIMIT ?3";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, limit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(s, 0));
    return db_done(st, s, rc, "cannot read the journal");
}
