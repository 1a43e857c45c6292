/* search.c: full-text search over questions, answers and notes, for
 * `rehearse search`.
 *
 * Workload: one query per command over the FTS5 index cards_fts (schema
 * 5), whose rowid is the card's id and which holds live cards only (the
 * triggers drop a card when it is retired).  Ranking is FTS5's bm25 with
 * the question weighted above the answer and the note, since a word in
 * the question says most about what the card is.  ORDER BY with LIMIT
 * lets FTS5 keep only the best rows instead of sorting every match. */
#include "internal.h"
#include "rehearse/notes.h"

/* ?1 deck ids (JSON array or NULL), ?2 tags, ?3 the MATCH expression, ?4
 * the limit, ?5/?6 the marks, ?7 snippet tokens.  A fragment of the
 * answer and of the note each: the caller shows the one with a match.
 *
 * Two steps: the best ?4 card ids by bm25 first, then highlight() and
 * snippet() for those alone.  In one step SQLite computes every column of
 * every match before the sort keeps ?4 of them, and the snippets, not the
 * ranking, were most of the time (measured: 29 ms for a two-word query
 * over 100k cards that matched most of them, bench/bench.py).
 *
 * The ranking step joins the cards only when a filter needs their deck
 * or tags: the index holds live cards alone, and fetching the row of
 * every match (2,400 of them, 2,900 page reads) was most of an
 * unfiltered search's 35 ms. */
#define TOP_ALL                                                                \
    "SELECT f.rowid AS id, bm25(cards_fts, 4.0, 1.0, 2.0) AS r FROM "          \
    "cards_fts f WHERE cards_fts MATCH ?3 ORDER BY r LIMIT ?4"
#define TOP_FILTERED                                                           \
    "SELECT f.rowid AS id, bm25(cards_fts, 4.0, 1.0, 2.0) AS r FROM "          \
    "cards_fts f JOIN cards c ON c.id = f.rowid WHERE cards_fts MATCH "        \
    "?3" FILTER " ORDER BY r LIMIT ?4"
#define SEARCH_ROWS(TOP)                                                       \
    "WITH top AS (" TOP ") "                                                   \
    "SELECT d.slug AS deck, c.slug AS id, highlight(cards_fts, 0, ?5, ?6) "    \
    "AS question, snippet(cards_fts, 1, ?5, ?6, '...', ?7) AS answer, "        \
    "snippet(cards_fts, 2, ?5, ?6, '...', ?7) AS note, c.question AS plain, "  \
    "top.r AS rank FROM top JOIN cards_fts ON cards_fts.rowid = top.id "       \
    "JOIN cards c ON c.id = top.id JOIN decks d ON d.id = c.deck_id WHERE "    \
    "cards_fts MATCH ?3 ORDER BY top.r"

/* FTS5 reports a bad expression as SQLITE_ERROR with its own wording;
 * say which search it was rather than leak "fts5: syntax error near". */
/* A fragment with [ and ] for the marks, or NULL when it has no match. */
#define MARKED(col)                                                            \
    "CASE WHEN instr(" col ", char(1)) > 0 THEN replace(replace(" col          \
    ", char(1), '['), char(2), ']') END"

/* Whether f keeps fewer than every live card. */
static bool filtered(const struct filter *f)
{
    return f != NULL && (f->ndecks > 0 || f->ntags > 0);
}

static int search_failed(struct store *st, int rc, const char *match)
{
    if (rc == SQLITE_ERROR)
        return db_failf(st, "cannot search for %s: not a search expression",
                        match);
    return db_fail(st, "cannot search");
}

static void bind_search(sqlite3_stmt *s, const char *match,
                        const struct filter *f, long limit, const char *on,
                        const char *off, int tokens)
{
    db_bind_filter(s, f);
    db_bind_text(s, 3, match);
    sqlite3_bind_int64(s, 4, limit > 0 ? limit : -1);
    db_bind_text(s, 5, on);
    db_bind_text(s, 6, off);
    sqlite3_bind_int(s, 7, tokens);
}

int store_defer_index(struct store *st)
{
    static const char sql[] =
        "INSERT INTO fts_deferred (since) SELECT coalesce(max(id), 0) FROM "
        "cards WHERE NOT EXISTS (SELECT 1 FROM fts_deferred)";
    sqlite3_stmt *s = db_prepare(st, sql);
    return s == NULL ? -1 : db_run(st, s, "cannot defer the search index");
}

int store_index_deferred(struct store *st)
{
    /* The live cards added since, not already indexed (a card's text
     * changed after its insert went through the update trigger). */
    static const char index_sql[] =
        "INSERT INTO cards_fts (rowid, question, answer, note) SELECT c.id, "
        "c.question, c.answer, coalesce(n.body, '') FROM cards c LEFT JOIN "
        "notes n ON n.card_id = c.id WHERE c.id > (SELECT since FROM "
        "fts_deferred) AND c.retired = 0 AND c.id NOT IN (SELECT rowid FROM "
        "cards_fts WHERE rowid > (SELECT since FROM fts_deferred))";
    static const char done_sql[] = "DELETE FROM fts_deferred";
    sqlite3_stmt *s = db_prepare(st, index_sql);
    if (s == NULL || db_run(st, s, "cannot index the imported cards"))
        return -1;
    s = db_prepare(st, done_sql);
    return s == NULL ? -1 : db_run(st, s, "cannot index the imported cards");
}

int store_search(struct store *st, const char *match, const struct filter *f,
                 long limit, int snippet_tokens, search_fn fn, void *ctx)
{
    static const char all_sql[] = SEARCH_ROWS(TOP_ALL);
    static const char filtered_sql[] = SEARCH_ROWS(TOP_FILTERED);
    static const char on[] = {SEARCH_MARK_ON, 0}, off[] = {SEARCH_MARK_OFF, 0};
    sqlite3_stmt *s = db_prepare(st, filtered(f) ? filtered_sql : all_sql);
    if (s == NULL)
        return -1;
    bind_search(s, match, f, limit, on, off, snippet_tokens);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct search_hit h = {
            db_column_text(s, 0), db_column_text(s, 1),
            db_column_text(s, 2), db_column_text(s, 3),
            db_column_text(s, 4), sqlite3_column_double(s, 6)};
        fn(ctx, &h);
    }
    if (rc != SQLITE_DONE) {
        search_failed(st, rc, match);
        sqlite3_reset(s);
        return -1;
    }
    sqlite3_reset(s);
    return 0;
}

int store_search_json(struct store *st, const char *match,
                      const struct filter *f, long limit, char **json)
{
#define SEARCH_JSON(TOP)                                                       \
    "SELECT json_group_array(json_object('deck', deck, 'id', id, "             \
    "'question', plain, 'answer', " MARKED("answer") ", 'note', " MARKED(      \
        "note") ", 'rank', rank)) FROM (" SEARCH_ROWS(TOP) ")"
    static const char all_sql[] = SEARCH_JSON(TOP_ALL);
    static const char filtered_sql[] = SEARCH_JSON(TOP_FILTERED);
    sqlite3_stmt *s = db_prepare(st, filtered(f) ? filtered_sql : all_sql);
    if (s == NULL)
        return -1;
    static const char on[] = {SEARCH_MARK_ON, 0}, off[] = {SEARCH_MARK_OFF, 0};
    bind_search(s, match, f, limit, on, off, 16);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        search_failed(st, rc, match);
        sqlite3_reset(s);
        return -1;
    }
    *json = db_column_dup(s, 0);
    sqlite3_reset(s);
    return 0;
}
