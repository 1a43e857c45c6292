/* goal.c: the interview goal, and the queries a plan makes over the cards
 * it selects.  See goal.h.
 *
 * Workload: `rehearse plan` and the start of every session while a goal
 * is set.  The progress table reads only the covering index cards_plan
 * (the log summary columns of v5.sql), never the review log or the
 * cards' text, and new cards come deck by deck through cards_deck_new:
 * a goal over two decks of 25k cards reads 50k index entries (about
 * 40 ms), whatever the size of the collection. */
#include "rehearse/goal.h"

#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The cards the goal selects: in its decks (none listed: any deck) and
 * with one of its tags (none listed: any). */
/* Written as an IN list of decks (the goal's, or every deck when it names
 * none) so that the planner seeks each deck in cards_plan rather than
 * scanning every card. */
#define SELECTED                                                               \
    " AND c.deck_id IN (SELECT deck_id FROM goal_decks UNION ALL SELECT id "   \
    "FROM decks WHERE NOT EXISTS (SELECT 1 FROM goal_decks)) AND (NOT EXISTS " \
    "(SELECT 1 FROM goal_tags) OR c.id IN (SELECT t.card_id FROM card_tags t " \
    "JOIN goal_tags g ON g.tag = t.tag))"

void goal_free(struct goal *g)
{
    for (size_t i = 0; i < g->ndecks; i++)
        free(g->decks[i]);
    for (size_t i = 0; i < g->ntags; i++)
        free(g->tags[i]);
    free(g->decks);
    free(g->tags);
    memset(g, 0, sizeof *g);
}

/* Runs sql with ?1 bound to each of values[0..n). */
static int insert_each(struct store *st, const char *sql, char *const *values,
                       size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *s = db_prepare(st, sql);
        if (s == NULL)
            return -1;
        db_bind_text(s, 1, values[i]);
        if (db_run(st, s, what))
            return -1;
        if (sqlite3_changes(st->db) == 0)
            return db_failf(st, "no deck '%s'", values[i]);
    }
    return 0;
}

static int write_goal(struct store *st, const struct goal *g)
{
    static const char goal_sql[] =
        "INSERT INTO goal(id, day, minutes, set_at, set_day) "
        "VALUES (1, ?1, ?2, ?3, ?4)";
    if (db_exec(st,
                "DELETE FROM goal; DELETE FROM goal_decks; "
                "DELETE FROM goal_tags",
                "cannot replace the goal"))
        return -1;
    sqlite3_stmt *s = db_prepare(st, goal_sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, g->day);
    sqlite3_bind_int(s, 2, g->minutes);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)g->set_at);
    sqlite3_bind_int64(s, 4, g->set_day);
    if (db_run(st, s, "cannot save the goal"))
        return -1;
    return insert_each(st,
                       "INSERT INTO goal_decks(deck_id) SELECT id FROM decks "
                       "WHERE slug = ?1",
                       g->decks, g->ndecks, "cannot save the goal's decks") ||
                   insert_each(st,
                               "INSERT OR IGNORE INTO goal_tags(tag) VALUES "
                               "(?1)",
                               g->tags, g->ntags, "cannot save the goal's tags")
               ? -1
               : 0;
}

int store_goal_set(struct store *st, const struct goal *g)
{
    if (store_begin(st))
        return -1;
    if (write_goal(st, g) || store_commit(st)) {
        store_rollback(st);
        return -1;
    }
    return 0;
}

int store_goal_clear(struct store *st)
{
    if (store_begin(st))
        return -1;
    if (db_exec(st,
                "DELETE FROM goal; DELETE FROM goal_decks; "
                "DELETE FROM goal_tags",
                "cannot clear the goal") ||
        store_commit(st)) {
        store_rollback(st);
        return -1;
    }
    return 0;
}

/* Reads one text column of every row of sql into a new array. */
static int read_list(struct store *st, const char *sql, char ***out, size_t *n)
{
    sqlite3_stmt *s = db_prepare(st, sql);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = xgrow(*out, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = db_column_dup(s, 0);
    }
    return db_done(st, s, rc, "cannot read the goal");
}

int store_goal_get(struct store *st, struct goal *g, bool *present)
{
    static const char sql[] =
        "SELECT day, minutes, set_at, set_day FROM goal WHERE id = 1";
    memset(g, 0, sizeof *g);
    *present = false;
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW)
        return db_done(st, s, rc, "cannot read the goal");
    g->day = (long)sqlite3_column_int64(s, 0);
    g->minutes = sqlite3_column_int(s, 1);
    g->set_at = (time_t)sqlite3_column_int64(s, 2);
    g->set_day = (long)sqlite3_column_int64(s, 3);
    sqlite3_reset(s);
    *present = true;
    if (read_list(st,
                  "SELECT d.slug FROM goal_decks g JOIN decks d ON d.id = "
                  "g.deck_id ORDER BY d.slug",
                  &g->decks, &g->ndecks) ||
        read_list(st, "SELECT tag FROM goal_tags ORDER BY tag", &g->tags,
                  &g->ntags)) {
        goal_free(g);
        *present = false;
        return -1;
    }
    return 0;
}

/* Due today and due on or after the goal by the model that sets due
 * days (store_set_due_model): DUE is c.due or c.fsrs_due.  New is the
 * same for both (no due day). */
#define PLAN_DECKS_SQL(DUE)                                                    \
    "SELECT d.slug, count(*), sum(c.due IS NULL), sum(c.seen >= 1), "          \
    "sum(c.seen >= 2), sum(c.last_grade < 4 OR c.last_missed), "               \
    "sum(" DUE " <= ?1), sum(" DUE " >= ?2 AND "                               \
    "(c.last_day IS NULL OR c.last_day < ?3)), "                               \
    "coalesce(avg(fsrs_r(max(?2 - c.fsrs_day, 0), c.fsrs_stability)), -1) "    \
    "FROM cards c JOIN decks d ON d.id = c.deck_id WHERE" LIVE SELECTED        \
    " GROUP BY c.deck_id ORDER BY d.slug"

int store_plan_decks(struct store *st, long today, long goal_day,
                     long final_from, struct plan_deck **decks, size_t *n)
{
    static const char sm2_sql[] = PLAN_DECKS_SQL("c.due");
    static const char fsrs_sql[] = PLAN_DECKS_SQL("c.fsrs_due");
    sqlite3_stmt *s = db_prepare(st, st->fsrs_due ? fsrs_sql : sm2_sql);
    size_t cap = 0;
    int rc;
    *decks = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, today);
    sqlite3_bind_int64(s, 2, goal_day);
    sqlite3_bind_int64(s, 3, final_from);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *decks = xgrow(*decks, &cap, *n + 1, sizeof **decks);
        struct plan_deck *d = &(*decks)[(*n)++];
        d->deck = db_column_dup(s, 0);
        long *fields[] = {&d->selected,   &d->new_cards, &d->seen_once,
                          &d->seen_twice, &d->weak,      &d->due_today,
                          &d->final_left};
        for (int i = 0; i < 7; i++)
            *fields[i] = (long)sqlite3_column_int64(s, i + 1);
        d->recall = sqlite3_column_double(s, 8);
    }
    return db_done(st, s, rc, "cannot read the plan's cards");
}

int store_plan_totals(struct store *st, long goal_day, long final_from,
                      long *new_cards, long *final_left)
{
    static const char new_sql[] = "SELECT count(*) FROM cards c WHERE "
                                  "c.due IS NULL AND" LIVE SELECTED;
#define FINAL_LEFT_SQL(DUE)                                                    \
    "SELECT count(*) FROM cards c WHERE " DUE " >= ?1 AND (c.last_day IS "     \
    "NULL OR c.last_day < ?2) AND" LIVE SELECTED
    static const char sm2_sql[] = FINAL_LEFT_SQL("c.due");
    static const char fsrs_sql[] = FINAL_LEFT_SQL("c.fsrs_due");
    sqlite3_stmt *s = db_prepare(st, new_sql);
    if (s == NULL || db_single_int(st, s, new_cards, 0))
        return -1;
    s = db_prepare(st, st->fsrs_due ? fsrs_sql : sm2_sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, goal_day);
    sqlite3_bind_int64(s, 2, final_from);
    return db_single_int(st, s, final_left, 0);
}

void plan_decks_free(struct plan_deck *decks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(decks[i].deck);
    free(decks);
}

int store_recent_durations(struct store *st, long *ms, size_t max, size_t *n)
{
    static const char sql[] =
        "SELECT duration_ms FROM reviews WHERE grade IS NOT NULL AND "
        "duration_ms > 0 ORDER BY id DESC LIMIT ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    int rc;
    *n = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)max);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
        ms[(*n)++] = (long)sqlite3_column_int64(s, 0);
    return db_done(st, s, rc, "cannot read review times");
}

int store_new_decks(struct store *st, const struct filter *f, bool selected,
                    int64_t **decks, char ***slugs, size_t *n)
{
    static const char all_sql[] =
        "SELECT d.id, d.slug FROM decks d WHERE EXISTS (SELECT 1 FROM cards "
        "c WHERE c.deck_id = d.id AND c.due IS NULL AND" LIVE FILTER ") "
        "ORDER BY d.id";
    static const char selected_sql[] =
        "SELECT d.id, d.slug FROM decks d WHERE EXISTS (SELECT 1 FROM cards "
        "c WHERE c.deck_id = d.id AND c.due IS NULL AND" LIVE FILTER SELECTED
        ") ORDER BY d.id";
    sqlite3_stmt *s = db_prepare(st, selected ? selected_sql : all_sql);
    size_t cap = 0, slug_cap = 0;
    int rc;
    *decks = NULL;
    *slugs = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *decks = xgrow(*decks, &cap, *n + 1, sizeof **decks);
        *slugs = xgrow(*slugs, &slug_cap, *n + 1, sizeof **slugs);
        (*decks)[*n] = sqlite3_column_int64(s, 0);
        (*slugs)[(*n)++] = db_column_dup(s, 1);
    }
    return db_done(st, s, rc, "cannot read decks");
}

int store_each_new_in(struct store *st, int64_t deck, long limit,
                      const struct filter *f, bool selected, queued_fn fn,
                      void *ctx)
{
    static const char all_sql[] =
        "SELECT " QUEUED_COLUMNS " FROM cards c WHERE c.deck_id = ?3 AND "
        "c.due IS NULL AND" LIVE FILTER " ORDER BY c.position LIMIT ?4";
    static const char selected_sql[] =
        "SELECT " QUEUED_COLUMNS " FROM cards c WHERE c.deck_id = ?3 AND "
        "c.due IS NULL AND" LIVE FILTER SELECTED
        " ORDER BY c.position LIMIT ?4";
    sqlite3_stmt *s = db_prepare(st, selected ? selected_sql : all_sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, deck);
    sqlite3_bind_int64(s, 4, limit);
    return db_each_queued(st, s, fn, ctx);
}

int store_each_final(struct store *st, long goal_day, long final_from,
                     long limit, const struct filter *f, queued_fn fn,
                     void *ctx)
{
#define FINAL_SQL(DUE)                                                         \
    "SELECT " QUEUED_COLUMNS " FROM (SELECT c.*, row_number() OVER "           \
    "(PARTITION BY c.deck_id, coalesce(c.last_grade, 0) ORDER BY "             \
    "c.last_missed DESC, c.ef, c.lapses DESC, c.position) AS turn "            \
    "FROM cards c WHERE " DUE " >= ?3 AND (c.last_day IS NULL OR "             \
    "c.last_day < ?4) AND" LIVE FILTER SELECTED ") c "                         \
    "ORDER BY coalesce(c.last_grade, 0), c.turn, c.deck_id LIMIT ?5"
    /* cards the due model would not show before the goal */
    static const char sm2_sql[] = FINAL_SQL("c.due");
    static const char fsrs_sql[] = FINAL_SQL("c.fsrs_due");
    sqlite3_stmt *s = db_prepare(st, st->fsrs_due ? fsrs_sql : sm2_sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, goal_day);
    sqlite3_bind_int64(s, 4, final_from);
    sqlite3_bind_int64(s, 5, limit);
    return db_each_queued(st, s, fn, ctx);
}

int store_plan_today(struct store *st, long today, long *new_seen,
                     long *final_done)
{
    static const char sql[] =
        "SELECT count(DISTINCT CASE WHEN r.kind = 'review' AND r.due_before "
        "IS NULL THEN r.card_id END), count(DISTINCT CASE WHEN r.kind = "
        "'final' THEN r.card_id END) FROM reviews r JOIN cards c ON c.id = "
        "r.card_id WHERE r.day = ?1 AND NOT EXISTS (SELECT 1 FROM reviews u "
        "WHERE u.undoes = r.id)" SELECTED;
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, today);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *new_seen = (long)sqlite3_column_int64(s, 0);
        *final_done = (long)sqlite3_column_int64(s, 1);
        sqlite3_reset(s);
        return 0;
    }
    return db_done(st, s, rc, "cannot read today's reviews");
}

int store_each_new_random(struct store *st, long limit, const struct filter *f,
                          bool selected, queued_fn fn, void *ctx)
{
    static const char all_sql[] =
        "SELECT " QUEUED_COLUMNS " FROM cards c "
        "WHERE c.due IS NULL AND" LIVE FILTER " ORDER BY random() LIMIT ?3";
    static const char selected_sql[] =
        "SELECT " QUEUED_COLUMNS " FROM cards c "
        "WHERE c.due IS NULL AND" LIVE FILTER SELECTED
        " ORDER BY random() LIMIT ?3";
    sqlite3_stmt *s = db_prepare(st, selected ? selected_sql : all_sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, limit);
    return db_each_queued(st, s, fn, ctx);
}
