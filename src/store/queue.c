/* queue.c: the study queue: which cards are due, new or to be repeated
 * today, what a card shows, and the small changes a session makes to a
 * card besides grading it (suspending, bringing forward).
 *
 * Workload: read at the start of every session and after every answer;
 * the due and new queries are served by the partial indexes cards_due,
 * cards_new and cards_deck_due, so they stay fast at a million cards. */
#include "rehearse/goal.h"

#include "internal.h"

#include <stdlib.h>
#include <string.h>

int db_each_queued(struct store *st, sqlite3_stmt *s, queued_fn fn, void *ctx)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct queued_card q;
        db_read_queued(s, &q);
        if (fn(ctx, &q)) {
            sqlite3_reset(s);
            return db_failf(st, "stopped reading the queue");
        }
    }
    return db_done(st, s, rc, "cannot read cards");
}

/* Binds the filter and ?3, then runs each_queued. */
static int queue(struct store *st, const char *sql, const struct filter *f,
                 long arg, queued_fn fn, void *ctx)
{
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, arg);
    return db_each_queued(st, s, fn, ctx);
}

void store_set_due_model(struct store *st, bool fsrs)
{
    st->fsrs_due = fsrs;
}

void store_set_fsrs_params(struct store *st, const struct fsrs_params *p)
{
    st->fsrs = *p;
}

const struct fsrs_params *store_fsrs_params(const struct store *st)
{
    return &st->fsrs;
}

void store_set_record_hook(struct store *st, store_record_hook fn, void *ctx)
{
    st->record_hook = fn;
    st->record_hook_ctx = ctx;
}

int store_data_version(struct store *st, long *version)
{
    static const char sql[] = "PRAGMA data_version";
    sqlite3_stmt *s = db_prepare(st, sql);
    return s == NULL ? -1 : db_single_int(st, s, version, 0);
}

/* Every query that compares due days is written once with the column as
 * a parameter (DUE), giving one statement per model, each served by its
 * own partial indexes (cards_due or cards_fsrs_due). */
#define DUE_SQL(DUE)                                                           \
    "SELECT " QUEUED_COLUMNS " FROM cards c WHERE c." DUE                      \
    " <= ?3 AND" LIVE FILTER " ORDER BY c." DUE ", c.id"

int store_each_due(struct store *st, long today, const struct filter *f,
                   queued_fn fn, void *ctx)
{
    static const char sm2[] = DUE_SQL("due"), fsrs[] = DUE_SQL("fsrs_due");
    return queue(st, st->fsrs_due ? fsrs : sm2, f, today, fn, ctx);
}

int store_each_new(struct store *st, long limit, const struct filter *f,
                   queued_fn fn, void *ctx)
{
    static const char sql[] = "SELECT " QUEUED_COLUMNS " FROM cards c "
                              "WHERE c.due IS NULL AND" LIVE FILTER
                              " ORDER BY c.position, c.deck_id LIMIT ?3";
    return queue(st, sql, f, limit, fn, ctx);
}

int store_each_repeat(struct store *st, long today, const struct filter *f,
                      queued_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT " QUEUED_COLUMNS " FROM cards c JOIN ("
        "  SELECT card_id, grade, max(id) FROM reviews r"
        "  WHERE r.day = ?3 AND r.kind IN ('review', 'repeat', 'final')"
        "  AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.id)"
        "  GROUP BY card_id) last ON last.card_id = c.id "
        "WHERE last.grade < 4 AND" LIVE FILTER " ORDER BY c.id";
    return queue(st, sql, f, today, fn, ctx);
}

/* Today's live first grades (kind 'review'), of new cards or of due
 * ones, in one deck or (deck 0) in all: what the daily limits count. */
static int graded_on(struct store *st, long today, bool new_cards, int64_t deck,
                     long *n)
{
    static const char sql[] =
        "SELECT count(*) FROM reviews r JOIN cards c ON c.id = r.card_id "
        "WHERE r.day = ?1 AND r.kind = 'review' AND (r.due_before IS NULL) "
        "= ?2 AND (?3 = 0 OR c.deck_id = ?3) AND NOT EXISTS (SELECT 1 FROM "
        "reviews u WHERE u.undoes = r.id)";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, today);
    sqlite3_bind_int(s, 2, new_cards);
    sqlite3_bind_int64(s, 3, deck);
    return db_single_int(st, s, n, 0);
}

int store_new_seen(struct store *st, long today, long *count)
{
    return graded_on(st, today, true, 0, count);
}

int store_new_seen_in(struct store *st, int64_t deck, long today, long *n)
{
    return graded_on(st, today, true, deck, n);
}

int store_reviews_done_on(struct store *st, long today, long *n)
{
    return graded_on(st, today, false, 0, n);
}

/* One number from a filtered card query with ?3 = day. */
static int count(struct store *st, const char *sql, const struct filter *f,
                 long day, long *out, long if_null)
{
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, day);
    return db_single_int(st, s, out, if_null);
}

#define COUNT_SQL(DUE)                                                         \
    "SELECT count(*) FROM cards c WHERE c." DUE " <= ?3 AND" LIVE FILTER
#define NEXT_SQL(DUE)                                                          \
    "SELECT min(c." DUE ") FROM cards c WHERE c." DUE " > ?3 AND" LIVE FILTER

int store_count_due(struct store *st, long day, const struct filter *f, long *n)
{
    static const char sm2[] = COUNT_SQL("due"), fsrs[] = COUNT_SQL("fsrs_due");
    return count(st, st->fsrs_due ? fsrs : sm2, f, day, n, 0);
}

int store_next_due(struct store *st, long today, const struct filter *f,
                   long *day)
{
    static const char sm2[] = NEXT_SQL("due"), fsrs[] = NEXT_SQL("fsrs_due");
    return count(st, st->fsrs_due ? fsrs : sm2, f, today, day, -1);
}

/* Steps s to the one row about `card`: 0 with the row ready to read (the
 * caller resets s after), or -1 with "not found" or SQLite's error. */
static int card_row(struct store *st, sqlite3_stmt *s, int64_t card)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return db_failf(st, "card %lld not found", (long long)card);
    }
    return db_done(st, s, rc, "cannot read card");
}

int store_card_view(struct store *st, int64_t card, struct card_view *v)
{
    static const char sql[] =
        "SELECT d.slug, c.slug, c.question, c.answer, c.tags, c.keys "
        "FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    if (card_row(st, s, card))
        return -1;
    v->deck = db_column_dup(s, 0);
    v->id = db_column_dup(s, 1);
    v->question = db_column_dup(s, 2);
    v->answer = db_column_dup(s, 3);
    v->tags = db_column_dup(s, 4);
    v->keys = db_column_dup(s, 5);
    sqlite3_reset(s);
    return 0;
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

int store_card_state(struct store *st, int64_t card, struct queued_card *q)
{
    static const char sql[] =
        "SELECT " QUEUED_COLUMNS " FROM cards c WHERE c.id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    if (card_row(st, s, card))
        return -1;
    db_read_queued(s, q);
    sqlite3_reset(s);
    return 0;
}

int store_set_suspended(struct store *st, int64_t card, bool suspended)
{
    static const char sql[] = "UPDATE cards SET suspended = ?2 WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_int(s, 2, suspended);
    return db_run(st, s, "cannot suspend card");
}

int store_toggle_flag(struct store *st, int64_t card, bool *on)
{
    static const char sql[] = "UPDATE cards SET flagged = 1 - flagged WHERE id "
                              "= ?1 RETURNING flagged";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    long v = 0;
    int rc = db_single_int(st, s, &v, 0);
    *on = v == 1;
    return rc;
}

int store_find_card(struct store *st, const char *ref, int64_t *card)
{
    /* Deck by deck through the (deck_id, slug) key, never a scan of the
     * cards: CROSS JOIN keeps SQLite to that order.  With a deck named,
     * one lookup in each index. */
    static const char in_deck_sql[] =
        "SELECT c.id FROM decks d CROSS JOIN cards c WHERE d.slug = ?1 AND "
        "c.deck_id = d.id AND c.slug = ?2";
    static const char any_deck_sql[] =
        "SELECT c.id FROM decks d CROSS JOIN cards c WHERE c.deck_id = d.id "
        "AND c.slug = ?2 LIMIT 2";
    const char *slash = strchr(ref, '/');
    sqlite3_stmt *s = db_prepare(st, slash ? in_deck_sql : any_deck_sql);
    if (s == NULL)
        return -1;
    if (slash)
        sqlite3_bind_text(s, 1, ref, (int)(slash - ref), SQLITE_TRANSIENT);
    db_bind_text(s, 2, slash ? slash + 1 : ref);
    int found = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *card = sqlite3_column_int64(s, 0);
        found++;
    }
    if (db_done(st, s, rc, "cannot read cards"))
        return -1;
    if (found == 1)
        return 0;
    return db_failf(st,
                    found ? "card '%s' is in several decks: write DECK/CARD"
                          : "no card '%s'",
                    ref);
}

int store_card_follow_ups(struct store *st, int64_t card,
                          struct follow_up **out, size_t *n)
{
    static const char sql[] =
        "SELECT json_extract(f.value, '$.q'), json_extract(f.value, '$.a') "
        "FROM cards c, json_each(c.followups) f WHERE c.id = ?1 "
        "ORDER BY f.key";
    sqlite3_stmt *s = db_prepare(st, sql);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = xgrow(*out, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] =
            (struct follow_up){db_column_dup(s, 0), db_column_dup(s, 1)};
    }
    return db_done(st, s, rc, "cannot read the card's follow-ups");
}

void follow_ups_free(struct follow_up *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].question);
        free(f[i].answer);
    }
    free(f);
}
