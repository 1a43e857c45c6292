/* stats.c: the numbers `rehearse stats` shows: totals per day, retention
 * per deck, the due forecast and the cards in each state.
 *
 * Workload: read-only, once per command, over months of history.  The
 * maintained tables (daily, card_states) answer without scanning the
 * review log or every card; only a tag filter, which those tables cannot
 * see, falls back to the log and the cards. */
#include "internal.h"

#include <string.h>

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

/* Prepares sql and binds the filter and the day range ?3..?4. */
static sqlite3_stmt *totals(struct store *st, const char *sql,
                            const struct filter *f, long from, long to)
{
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return NULL;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, from);
    sqlite3_bind_int64(s, 4, to);
    return s;
}

#define DAYS_QUERY(source)                                                     \
    "SELECT t.day, sum(t.reviews), sum(t.passed), sum(t.time_ms) FROM " source \
    " t" TOTALS_WHERE " GROUP BY t.day ORDER BY t.day"

int store_each_day(struct store *st, const struct filter *f, long from, long to,
                   day_fn fn, void *ctx)
{
    static const char by_day[] = DAYS_QUERY(TOTALS_DAILY);
    static const char by_log[] = DAYS_QUERY(TOTALS_LOG);
    sqlite3_stmt *s = totals(st, db_has_tags(f) ? by_log : by_day, f, from, to);
    if (s == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct day_total d = {
            (long)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1),
            (long)sqlite3_column_int64(s, 2), (long)sqlite3_column_int64(s, 3)};
        fn(ctx, &d);
    }
    return db_done(st, s, rc, "cannot read history");
}

#define DECK_RETENTION_QUERY(source)                                           \
    "SELECT d.slug, sum(t.reviews), sum(t.passed) FROM " source " t JOIN "     \
    "decks d ON d.id = t.deck_id" TOTALS_WHERE " GROUP BY d.id HAVING "        \
    "sum(t.reviews) > 0 ORDER BY d.slug"

int store_each_deck_retention(struct store *st, const struct filter *f,
                              long from, long to, retention_fn fn, void *ctx)
{
    static const char by_day[] = DECK_RETENTION_QUERY(TOTALS_DAILY);
    static const char by_log[] = DECK_RETENTION_QUERY(TOTALS_LOG);
    sqlite3_stmt *s = totals(st, db_has_tags(f) ? by_log : by_day, f, from, to);
    if (s == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct deck_retention r = {db_column_text(s, 0),
                                   (long)sqlite3_column_int64(s, 1),
                                   (long)sqlite3_column_int64(s, 2)};
        fn(ctx, &r);
    }
    return db_done(st, s, rc, "cannot read history");
}

int store_due_forecast(struct store *st, const struct filter *f, long today,
                       int days, long *counts)
{
#define FORECAST_SQL(DUE)                                                      \
    "SELECT max(c." DUE ", ?3), count(*) FROM cards c WHERE c." DUE            \
    " < ?4 AND" LIVE FILTER " GROUP BY 1"
    static const char sm2[] = FORECAST_SQL("due"),
                      fsrs[] = FORECAST_SQL("fsrs_due");
    memset(counts, 0, sizeof *counts * (size_t)days);
    sqlite3_stmt *s =
        totals(st, st->fsrs_due ? fsrs : sm2, f, today, today + days);
    if (s == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long day = (long)sqlite3_column_int64(s, 0);
        if (day >= today && day < today + days)
            counts[day - today] = (long)sqlite3_column_int64(s, 1);
    }
    return db_done(st, s, rc, "cannot read forecast");
}

int store_state_counts(struct store *st, const struct filter *f,
                       struct state_counts *out)
{
    /* The trigger-kept counts answer at once; tags need the cards. */
    static const char by_deck[] =
        "SELECT coalesce(sum(n * (state = 'new')), 0), coalesce(sum(n * "
        "(state = 'learning')), 0), coalesce(sum(n * (state = 'mature')), "
        "0), coalesce(sum(n * (state = 'suspended')), 0) FROM card_states t"
        " WHERE (?1 IS NULL OR t.deck_id IN (SELECT d2.id FROM decks d2 "
        "WHERE d2.slug IN (SELECT value FROM json_each(?1))))";
    static const char by_card[] =
        "SELECT coalesce(sum(c.state = 'new'), 0), coalesce(sum(c.state = "
        "'learning'), 0), coalesce(sum(c.state = 'mature'), 0), "
        "coalesce(sum(c.state = 'suspended'), 0) FROM cards c "
        "WHERE c.retired = 0" FILTER;
    sqlite3_stmt *s = db_prepare(st, db_has_tags(f) ? by_card : by_deck);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->new_cards = (long)sqlite3_column_int64(s, 0);
        out->learning = (long)sqlite3_column_int64(s, 1);
        out->mature = (long)sqlite3_column_int64(s, 2);
        out->suspended = (long)sqlite3_column_int64(s, 3);
        sqlite3_reset(s);
        return 0;
    }
    db_fail(st, "cannot count cards");
    sqlite3_reset(s);
    return -1;
}

int store_each_graded_answer(struct store *st, const struct filter *f,
                             graded_answer_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT d.slug, a.source = 'interview', a.grade, a.keys_covered, "
        "a.keys_total, a.duration_ms FROM answers a JOIN cards c ON c.id = "
        "a.card_id JOIN decks d ON d.id = c.deck_id WHERE a.grade IS NOT "
        "NULL AND a.keys_total > 0 AND a.follow_up IS NULL" FILTER
        " ORDER BY d.slug, a.id";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct graded_answer g = {
            db_column_text(s, 0),     sqlite3_column_int(s, 1) != 0,
            sqlite3_column_int(s, 2), sqlite3_column_int(s, 3),
            sqlite3_column_int(s, 4), (long)sqlite3_column_int64(s, 5)};
        fn(ctx, &g);
    }
    return db_done(st, s, rc, "cannot read the journal");
}
