/* history.c: the review log, the source of truth for every schedule.
 *
 * A grade is one transaction: the review row (with the schedule before
 * and after), the card's new schedule, the day's totals, and the typed
 * answer if there was one.  An undo is a new row pointing at the review
 * it takes back; no review is ever changed or deleted, so every card's
 * schedule can be recomputed by replaying its reviews in id order. */
#include "internal.h"

#include <string.h>

static const char *const kind_names[] = {"review", "repeat", "undo", "forward",
                                         "final"};

/* Binds a schedule to ?i .. ?i+4: reps, interval, ef, lapses, due. */
static void bind_state(sqlite3_stmt *s, int i, const struct sm2 *sm, long due)
{
    sqlite3_bind_int(s, i, sm->reps);
    sqlite3_bind_int(s, i + 1, sm->interval);
    sqlite3_bind_int(s, i + 2, sm->ef);
    sqlite3_bind_int(s, i + 3, sm->lapses);
    db_bind_day(s, i + 4, due);
}

/* For an undo: what the undone review added to its day's totals, so
 * that it can be taken off again. */
static int undone_totals(struct store *st, const struct review *r, long *day,
                         long *reviews, long *passed)
{
    static const char sql[] =
        "SELECT day, kind = 'review', grade >= 3 FROM reviews WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, r->undoes);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *day = (long)sqlite3_column_int64(s, 0);
        *reviews = -sqlite3_column_int(s, 1);
        *passed = -(*reviews && sqlite3_column_int(s, 2));
        sqlite3_reset(s);
        return 0;
    }
    return db_done(st, s, rc, "cannot read the review log");
}

/* Keeps the per-day totals in step with the review just logged. */
static int count_daily(struct store *st, const struct review *r)
{
    static const char sql[] =
        "INSERT INTO daily(day, deck_id, reviews, passed, time_ms) "
        "SELECT ?1, deck_id, ?2, ?3, ?4 FROM cards WHERE id = ?5 "
        "ON CONFLICT(day, deck_id) DO UPDATE SET reviews = reviews + "
        "excluded.reviews, passed = passed + excluded.passed, time_ms = "
        "time_ms + excluded.time_ms";
    long day = r->day, reviews = r->kind == REVIEW_GRADE;
    long passed = reviews && r->grade >= SM2_PASS;
    if (r->kind == REVIEW_UNDO && undone_totals(st, r, &day, &reviews, &passed))
        return -1;
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, day);
    sqlite3_bind_int64(s, 2, reviews);
    sqlite3_bind_int64(s, 3, passed);
    sqlite3_bind_int64(s, 4, r->kind == REVIEW_UNDO ? 0 : r->duration_ms);
    sqlite3_bind_int64(s, 5, r->card);
    return db_run(st, s, "cannot update daily totals");
}

/* Both models' schedules in one statement, so a grade costs one write. */
static int set_schedule(struct store *st, const struct review *r)
{
    static const char sql[] =
        "UPDATE cards SET reps = ?2, interval = ?3, ef = ?4, lapses = ?5, "
        "due = ?6, fsrs_stability = ?7, fsrs_difficulty = ?8, fsrs_day = ?9, "
        "fsrs_due = ?10 WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, r->card);
    bind_state(s, 2, &r->after, r->due_after);
    db_bind_fsrs(s, 7, &r->fsrs_after);
    return db_run(st, s, "cannot save the schedule");
}

/* The review row and the day's totals, not the card's schedule. */
static int insert_review(struct store *st, const struct review *r, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO reviews(card_id, at, day, kind, grade, duration_ms, "
        "reps_before, interval_before, ef_before, lapses_before, due_before, "
        "reps_after, interval_after, ef_after, lapses_after, due_after, "
        "undoes, fsrs_stability_before, fsrs_difficulty_before, "
        "fsrs_day_before, fsrs_due_before, fsrs_stability_after, "
        "fsrs_difficulty_after, fsrs_day_after, fsrs_due_after) VALUES (?1, "
        "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
        "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, r->card);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)r->at);
    sqlite3_bind_int64(s, 3, r->day);
    db_bind_text(s, 4, kind_names[r->kind]);
    if (r->grade >= 0)
        sqlite3_bind_int(s, 5, r->grade);
    sqlite3_bind_int64(s, 6, r->duration_ms);
    bind_state(s, 7, &r->before, r->due_before);
    bind_state(s, 12, &r->after, r->due_after);
    if (r->undoes)
        sqlite3_bind_int64(s, 17, r->undoes);
    db_bind_fsrs(s, 18, &r->fsrs_before);
    db_bind_fsrs(s, 22, &r->fsrs_after);
    if (db_run(st, s, "cannot log the review"))
        return -1;
    *id = sqlite3_last_insert_rowid(st->db);
    return count_daily(st, r);
}

static int log_review(struct store *st, const struct review *r, int64_t *id)
{
    return set_schedule(st, r) || insert_review(st, r, id) ? -1 : 0;
}

/* Makes the card due on `day` unless it is due sooner, through the log: a
 * 'forward' review with the state unchanged, so a replay of the log gives
 * the stored schedule.  Both models' due days move (each unless sooner);
 * the review is logged when either does. */
static int log_forward(struct store *st, int64_t card, long day, time_t at)
{
    struct queued_card q;
    int64_t id;
    if (store_card_state(st, card, &q))
        return -1;
    bool sm2_sooner = q.due >= 0 && q.due <= day;
    bool fsrs_sooner = q.fsrs.due >= 0 && q.fsrs.due <= day;
    if (sm2_sooner && fsrs_sooner)
        return 0;
    struct review r = {.card = card,
                       .kind = REVIEW_FORWARD,
                       .grade = -1,
                       .at = at,
                       .day = day,
                       .before = q.sm,
                       .after = q.sm,
                       .due_before = q.due,
                       .due_after = sm2_sooner ? q.due : day,
                       .fsrs_before = q.fsrs,
                       .fsrs_after = q.fsrs};
    if (!fsrs_sooner)
        r.fsrs_after.due = day;
    return log_review(st, &r, &id);
}

/* Recomputes the card's log summary (v5.sql says what each column is)
 * from its own reviews, after a review or undo is logged: one card's rows
 * through reviews_card, so a grade stays cheap. */
static int refresh_summary(struct store *st, int64_t card)
{
    static const char sql[] =
        "WITH live AS (SELECT r.id, r.kind, r.grade, r.day FROM reviews r "
        "  WHERE r.card_id = ?1 AND r.grade IS NOT NULL AND NOT EXISTS "
        "  (SELECT 1 FROM reviews u WHERE u.undoes = r.id)), "
        "last AS (SELECT id, grade, day FROM live ORDER BY id DESC LIMIT 1) "
        "UPDATE cards SET "
        "seen = (SELECT count(*) FROM live WHERE kind IN ('review', 'final')),"
        " last_grade = (SELECT grade FROM last), last_day = (SELECT day FROM "
        "last), "
        "last_missed = coalesce((SELECT a.keys_covered < a.keys_total FROM "
        "answers a WHERE a.review_id = (SELECT id FROM last)), 0) "
        "WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    return db_run(st, s, "cannot update the card's summary");
}

int store_record(struct store *st, const struct review *r,
                 const struct journal_entry *answer, int64_t *id)
{
    *id = 0;
    if (store_begin(st))
        return -1;
    if ((r && log_review(st, r, id)) ||
        (answer && journal_insert(st, answer, *id)) ||
        (answer && answer->bring_forward >= 0 &&
         log_forward(st, answer->card, answer->bring_forward, answer->at)) ||
        (r && refresh_summary(st, r->card)) ||
        (st->record_hook && (r || (answer && answer->bring_forward >= 0)) &&
         st->record_hook(st->record_hook_ctx, st,
                         r ? r->card : answer->card)) ||
        store_commit(st)) {
        store_rollback(st);
        return -1;
    }
    return 0;
}

/* Multi-row statements for an imported history: up to CHUNK rows a
 * statement, their texts built once for each row count and kept for the
 * process (the statement cache is keyed by their address). */
#define CHUNK 16
static const char *multi_sql(int daily, size_t rows)
{
    static char *texts[2][CHUNK + 1];
    static const char *const head[] = {
        "INSERT INTO reviews(card_id, at, day, kind, grade, duration_ms, "
        "reps_before, interval_before, ef_before, lapses_before, due_before, "
        "reps_after, interval_after, ef_after, lapses_after, due_after) "
        "VALUES ",
        "INSERT INTO daily(day, deck_id, reviews, passed, time_ms) VALUES "};
    static const char *const row[] = {"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                      "(?,?,?,?,?)"};
    if (texts[daily][rows] == NULL) {
        struct strbuf sb;
        sb_init(&sb);
        sb_adds(&sb, head[daily]);
        for (size_t i = 0; i < rows; i++)
            sb_addf(&sb, "%s%s", i ? "," : "", row[daily]);
        if (daily)
            sb_adds(&sb, " ON CONFLICT(day, deck_id) DO UPDATE SET reviews "
                         "= reviews + excluded.reviews, passed = passed + "
                         "excluded.passed, time_ms = time_ms + "
                         "excluded.time_ms");
        texts[daily][rows] = sb_detach(&sb);
    }
    return texts[daily][rows];
}

static void bind_review_row(sqlite3_stmt *s, int i, const struct review *r)
{
    sqlite3_bind_int64(s, i, r->card);
    sqlite3_bind_int64(s, i + 1, (sqlite3_int64)r->at);
    sqlite3_bind_int64(s, i + 2, r->day);
    db_bind_text(s, i + 3, kind_names[r->kind]);
    sqlite3_bind_int(s, i + 4, r->grade);
    sqlite3_bind_int64(s, i + 5, r->duration_ms);
    bind_state(s, i + 6, &r->before, r->due_before);
    bind_state(s, i + 11, &r->after, r->due_after);
}

/* As count_daily: a grade counts, a repeat adds only its time.  Reviews
 * of one day are summed first (they share the row). */
static void bind_daily_row(sqlite3_stmt *s, int i, const struct review *r,
                           size_t n, int64_t deck)
{
    long reviews = 0, passed = 0, ms = 0;
    for (size_t k = 0; k < n; k++) {
        reviews += r[k].kind == REVIEW_GRADE;
        passed += r[k].kind == REVIEW_GRADE && r[k].grade >= SM2_PASS;
        ms += r[k].duration_ms;
    }
    sqlite3_bind_int64(s, i, r->day);
    sqlite3_bind_int64(s, i + 1, deck);
    sqlite3_bind_int64(s, i + 2, reviews);
    sqlite3_bind_int64(s, i + 3, passed);
    sqlite3_bind_int64(s, i + 4, ms);
}

/* Reviews r[0..n) in statements of up to CHUNK rows (daily: one row per
 * run of reviews on the same day). */
static int insert_rows(struct store *st, const struct review *r, size_t n,
                       int daily, int64_t deck)
{
    for (size_t i = 0; i < n;) {
        size_t starts[CHUNK + 1], rows = 0, j = i;
        while (j < n && rows < CHUNK) {
            starts[rows++] = j++;
            while (daily && j < n && r[j].day == r[j - 1].day)
                j++;
        }
        starts[rows] = j;
        sqlite3_stmt *s = db_prepare(st, multi_sql(daily, rows));
        if (s == NULL)
            return -1;
        for (size_t k = 0; k < rows; k++) {
            if (daily)
                bind_daily_row(s, (int)(5 * k + 1), &r[starts[k]],
                               starts[k + 1] - starts[k], deck);
            else
                bind_review_row(s, (int)(16 * k + 1), &r[starts[k]]);
        }
        if (db_run(st, s,
                   daily ? "cannot update daily totals" : "cannot log reviews"))
            return -1;
        i = j;
    }
    return 0;
}

/* Workload: an Anki import logs 50k reviews of 13k cards; a few
 * multi-row statements per card rather than three statements per review
 * keep it under its 3 s (docs/benchmarks.md). */
int store_log_reviews(struct store *st, const struct review *r, size_t n)
{
    static const char deck_sql[] = "SELECT deck_id FROM cards WHERE id = ?1";
    if (n == 0)
        return 0;
    sqlite3_stmt *s = db_prepare(st, deck_sql);
    long deck = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, r[0].card);
    if (db_single_int(st, s, &deck, 0) || insert_rows(st, r, n, 0, 0) ||
        insert_rows(st, r, n, 1, deck))
        return -1;
    /* One schedule write: the rows chain through before and after. */
    return set_schedule(st, &r[n - 1]) || refresh_summary(st, r[0].card) ? -1
                                                                         : 0;
}

int store_last_review(struct store *st, int64_t card, time_t *at, long *day)
{
    static const char sql[] = "SELECT at, day FROM reviews WHERE card_id = "
                              "?1 ORDER BY at DESC, id DESC LIMIT 1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    *at = -1;
    *day = -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *at = (time_t)sqlite3_column_int64(s, 0);
        *day = (long)sqlite3_column_int64(s, 1);
        sqlite3_reset(s);
        return 0;
    }
    return db_done(st, s, rc, "cannot read the review log");
}

int store_reviewed_on(struct store *st, int64_t card, long day, bool *yes)
{
    static const char sql[] =
        "SELECT count(*) FROM reviews r WHERE r.card_id = ?1 AND r.day = ?2 "
        "AND r.kind = 'review' AND NOT EXISTS (SELECT 1 FROM reviews u "
        "WHERE u.undoes = r.id)";
    long n = 0;
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_int64(s, 2, day);
    int rc = db_single_int(st, s, &n, 0);
    *yes = n > 0;
    return rc;
}

static enum review_kind kind_of(const char *name)
{
    for (int k = REVIEW_GRADE; k <= REVIEW_FINAL; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return (enum review_kind)k;
    return REVIEW_GRADE; /* the schema allows only these */
}

/* Reads a schedule from columns i .. i+4, the order bind_state writes. */
static void read_state(sqlite3_stmt *s, int i, struct sm2 *sm, long *due)
{
    *sm = (struct sm2){sqlite3_column_int(s, i), sqlite3_column_int(s, i + 1),
                       sqlite3_column_int(s, i + 2),
                       sqlite3_column_int(s, i + 3)};
    *due = (long)sqlite3_column_int64(s, i + 4);
}

static void read_review(sqlite3_stmt *s, struct review *r)
{
    r->id = sqlite3_column_int64(s, 0);
    r->card = sqlite3_column_int64(s, 1);
    r->kind = kind_of(db_column_text(s, 2));
    r->grade = sqlite3_column_int(s, 3);
    r->at = (time_t)sqlite3_column_int64(s, 4);
    r->day = (long)sqlite3_column_int64(s, 5);
    r->duration_ms = (long)sqlite3_column_int64(s, 6);
    read_state(s, 7, &r->before, &r->due_before);
    read_state(s, 12, &r->after, &r->due_after);
    r->undoes = sqlite3_column_int64(s, 17);
    db_read_fsrs(s, 18, &r->fsrs_before);
    db_read_fsrs(s, 22, &r->fsrs_after);
}

#define REVIEW_COLUMNS                                                         \
    "SELECT id, card_id, kind, coalesce(grade, -1), at, day, duration_ms, "    \
    "reps_before, interval_before, ef_before, lapses_before, "                 \
    "coalesce(due_before, -1), reps_after, interval_after, ef_after, "         \
    "lapses_after, coalesce(due_after, -1), coalesce(undoes, 0), "             \
    "coalesce(fsrs_stability_before, 0), coalesce(fsrs_difficulty_before, "    \
    "0), coalesce(fsrs_day_before, -1), coalesce(fsrs_due_before, -1), "       \
    "coalesce(fsrs_stability_after, 0), coalesce(fsrs_difficulty_after, 0), "  \
    "coalesce(fsrs_day_after, -1), coalesce(fsrs_due_after, -1) FROM reviews "

static int walk_reviews(struct store *st, sqlite3_stmt *s, review_fn fn,
                        void *ctx)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct review r;
        read_review(s, &r);
        if (fn(ctx, &r)) {
            sqlite3_reset(s);
            return db_failf(st, "stopped reading the review log");
        }
    }
    return db_done(st, s, rc, "cannot read the review log");
}

int store_each_review(struct store *st, int64_t card, review_fn fn, void *ctx)
{
    /* Two statements, so that one card's walk uses reviews_card. */
    static const char all_sql[] = REVIEW_COLUMNS "ORDER BY id";
    static const char card_sql[] =
        REVIEW_COLUMNS "WHERE card_id = ?1 ORDER BY id";
    sqlite3_stmt *s = db_prepare(st, card ? card_sql : all_sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    return walk_reviews(st, s, fn, ctx);
}

int store_each_review_brief(struct store *st, review_brief_fn fn, void *ctx)
{
    /* A scan in log order, not by card: the caller sorts, and a walk of
     * reviews_card would look every row up in the table a second time. */
    static const char sql[] =
        "SELECT id, card_id, kind, coalesce(grade, -1), day, "
        "interval_before, coalesce(undoes, 0) FROM reviews ORDER BY id";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct review_brief r = {
            .id = sqlite3_column_int64(s, 0),
            .card = sqlite3_column_int64(s, 1),
            .kind = kind_of(db_column_text(s, 2)),
            .grade = sqlite3_column_int(s, 3),
            .day = (long)sqlite3_column_int64(s, 4),
            .interval_before = sqlite3_column_int(s, 5),
            .undoes = sqlite3_column_int64(s, 6),
        };
        if (fn(ctx, &r)) {
            sqlite3_reset(s);
            return db_failf(st, "stopped reading the review log");
        }
    }
    return db_done(st, s, rc, "cannot read the review log");
}

int store_each_review_on(struct store *st, long day, review_fn fn, void *ctx)
{
    static const char sql[] = REVIEW_COLUMNS "WHERE day = ?1 ORDER BY id";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, day);
    return walk_reviews(st, s, fn, ctx);
}

int store_each_reviewed_card(struct store *st, card_id_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT DISTINCT card_id FROM reviews ORDER BY card_id";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (fn(ctx, sqlite3_column_int64(s, 0))) {
            sqlite3_reset(s);
            return db_failf(st, "stopped reading the review log");
        }
    return db_done(st, s, rc, "cannot read the review log");
}

int store_each_card_in(struct store *st, const struct filter *f, card_id_fn fn,
                       void *ctx)
{
    static const char sql[] =
        "SELECT c.id FROM cards c WHERE 1" FILTER " ORDER BY c.id";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (fn(ctx, sqlite3_column_int64(s, 0))) {
            sqlite3_reset(s);
            return db_failf(st, "stopped reading the cards");
        }
    return db_done(st, s, rc, "cannot read the cards");
}

int store_set_card_fsrs(struct store *st, int64_t card,
                        const struct fsrs_card *fsrs)
{
    static const char sql[] =
        "UPDATE cards SET fsrs_stability = ?2, fsrs_difficulty = ?3, "
        "fsrs_day = ?4, fsrs_due = ?5 WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, card);
    db_bind_fsrs(s, 2, fsrs);
    return db_run(st, s, "cannot save the FSRS state");
}

int store_set_review_fsrs(struct store *st, int64_t id,
                          const struct fsrs_card *before,
                          const struct fsrs_card *after)
{
    static const char sql[] =
        "UPDATE reviews SET fsrs_stability_before = ?2, "
        "fsrs_difficulty_before = ?3, fsrs_day_before = ?4, fsrs_due_before "
        "= ?5, fsrs_stability_after = ?6, fsrs_difficulty_after = ?7, "
        "fsrs_day_after = ?8, fsrs_due_after = ?9 WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    db_bind_fsrs(s, 2, before);
    db_bind_fsrs(s, 6, after);
    return db_run(st, s, "cannot save the FSRS state");
}
