/* replay.c: recomputing schedules from the review log and comparing them
 * with what is stored.  See replay.h. */
#include "rehearse/replay.h"
#include "rehearse/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct log {
    struct review *rows;
    size_t count, cap;
};

static int collect(void *ctx, const struct review *r)
{
    struct log *log = ctx;
    log->rows = xgrow(log->rows, &log->cap, log->count + 1, sizeof *log->rows);
    log->rows[log->count++] = *r;
    return 0;
}

/* By card, then in log order: each card's reviews become one run. */
static int by_card_then_id(const void *a, const void *b)
{
    const struct review *x = a, *y = b;
    if (x->card != y->card)
        return x->card < y->card ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* The index within rows[0..n) of the review with this id, or -1. */
static long index_of(const struct review *rows, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].id == id)
            return (long)i;
    return -1;
}

static int to_events(const struct review *rows, size_t n,
                     struct sched_event *events)
{
    static const enum sched_event_kind kinds[] = {
        [REVIEW_GRADE] = SCHED_GRADE,
        [REVIEW_REPEAT] = SCHED_REPEAT,
        [REVIEW_UNDO] = SCHED_UNDO,
        [REVIEW_FORWARD] = SCHED_FORWARD,
        /* a final-pass grade is logged and moves no model */
        [REVIEW_FINAL] = SCHED_FINAL,
    };
    for (size_t i = 0; i < n; i++) {
        events[i].kind = kinds[rows[i].kind];
        events[i].grade = rows[i].grade;
        events[i].day = rows[i].day;
        events[i].undoes = 0;
        if (rows[i].kind == REVIEW_UNDO &&
            (events[i].undoes = index_of(rows, n, rows[i].undoes)) < 0)
            return -1;
    }
    return 0;
}

/* Within 1e-9, relative to the larger of 1 and the value. */
static bool close_enough(double a, double b)
{
    double scale = fabs(a) > 1.0 ? fabs(a) : 1.0;
    return fabs(a - b) <= 1e-9 * scale;
}

static bool same_fsrs(const struct fsrs_card *a, const struct fsrs_card *b)
{
    return close_enough(a->memory.stability, b->memory.stability) &&
           close_enough(a->memory.difficulty, b->memory.difficulty) &&
           (a->memory.stability <= 0.0 || a->last_day == b->last_day) &&
           a->due == b->due;
}

static bool differs_from(const struct replay_mismatch *m)
{
    return memcmp(&m->stored.sm2, &m->replayed.sm2, sizeof m->stored.sm2) !=
               0 ||
           m->stored_due != m->replayed_due ||
           !same_fsrs(&m->stored.fsrs, &m->replayed.fsrs);
}

static int check_card(struct store *st, const struct scheduler *sched,
                      const struct review *rows, size_t n,
                      struct replay_mismatch *m, bool *differs,
                      struct error *err)
{
    struct sched_event *events = xcalloc(n, sizeof *events);
    struct queued_card q;
    memset(m, 0, sizeof *m);
    m->card = rows[0].card;
    sched->initial(&m->replayed);
    m->replayed.card = m->card;
    m->replayed_due = -1;
    int rc = -1;
    if (to_events(rows, n, events) ||
        scheduler_replay(sched, events, n, &m->replayed, &m->replayed_due))
        error_set(err, ERROR_FAIL,
                  "card %lld: its review log could not have been written "
                  "by rehearse",
                  (long long)m->card);
    else if (store_card_state(st, m->card, &q))
        error_set(err, ERROR_FAIL, "%s", store_error(st));
    else {
        m->stored.sm2 = q.sm;
        m->stored.fsrs = q.fsrs;
        m->stored_due = q.due;
        *differs = differs_from(m);
        rc = 0;
    }
    free(events);
    return rc;
}

int replay_check(struct store *st, const struct scheduler *sched,
                 replay_mismatch_fn fn, void *ctx, struct replay_totals *totals,
                 struct error *err)
{
    struct log log = {NULL, 0, 0};
    memset(totals, 0, sizeof *totals);
    if (store_each_review(st, 0, collect, &log)) {
        free(log.rows);
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    }
    if (log.count > 1)
        qsort(log.rows, log.count, sizeof *log.rows, by_card_then_id);
    int rc = 0;
    for (size_t start = 0, end; start < log.count && rc == 0; start = end) {
        for (end = start;
             end < log.count && log.rows[end].card == log.rows[start].card;
             end++)
            ;
        struct replay_mismatch m;
        bool differs = false;
        rc = check_card(st, sched, log.rows + start, end - start, &m, &differs,
                        err);
        totals->cards++;
        totals->mismatched += differs;
        if (differs && fn)
            fn(ctx, &m);
    }
    totals->reviews = (long)log.count;
    free(log.rows);
    return rc;
}

/* ---- filling FSRS in from the log ---- */

/* The FSRS state after row i, from `state` (the state before it): what
 * rehearse would have written had FSRS been kept then.  An undo restores
 * the state before the review it takes back, as a live undo does. */
static int fsrs_step(const struct scheduler *fsrs, const struct review *rows,
                     size_t i, const struct fsrs_card *before,
                     struct scheduler_state *state)
{
    const struct review *r = &rows[i];
    long due;
    switch (r->kind) {
    case REVIEW_GRADE:
        return fsrs->grade(fsrs, state, r->grade, r->day, state, &due);
    case REVIEW_REPEAT:
        return fsrs->repeat(fsrs, state, r->grade, r->day, state);
    case REVIEW_FORWARD:
        if (state->fsrs.due < 0 || state->fsrs.due > r->day)
            state->fsrs.due = r->day;
        return 0;
    case REVIEW_UNDO: {
        long k = index_of(rows, i, r->undoes);
        if (k < 0)
            return -1;
        state->fsrs = before[k];
        return 0;
    }
    case REVIEW_FINAL:
        return 0;
    }
    return -1;
}

static int fill_card(struct store *st, const struct scheduler *fsrs,
                     const struct log *log, struct error *err)
{
    struct fsrs_card *before = xcalloc(log->count, sizeof *before);
    struct scheduler_state state;
    memset(&state, 0, sizeof state);
    fsrs->initial(&state);
    state.card = log->count ? log->rows[0].card : 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < log->count; i++) {
        before[i] = state.fsrs;
        if (fsrs_step(fsrs, log->rows, i, before, &state))
            rc = error_set(err, ERROR_FAIL,
                           "card %lld: its review log could not have been "
                           "written by rehearse",
                           (long long)log->rows[i].card);
        else if (store_set_review_fsrs(st, log->rows[i].id, &before[i],
                                       &state.fsrs))
            rc = error_set(err, ERROR_FAIL, "%s", store_error(st));
    }
    if (rc == 0 && log->count &&
        store_set_card_fsrs(st, log->rows[0].card, &state.fsrs))
        rc = error_set(err, ERROR_FAIL, "%s", store_error(st));
    free(before);
    return rc;
}

int replay_fill_fsrs(struct store *st, int64_t card,
                     const struct fsrs_params *params, struct error *err)
{
    struct log log = {NULL, 0, 0};
    struct scheduler fsrs = *scheduler_fsrs();
    fsrs.fsrs = params;
    int rc = store_each_review(st, card, collect, &log)
                 ? error_set(err, ERROR_FAIL, "%s", store_error(st))
                 : fill_card(st, &fsrs, &log, err);
    free(log.rows);
    return rc;
}

struct id_list {
    int64_t *ids;
    size_t n, cap;
};

static int add_id(void *ctx, int64_t card)
{
    struct id_list *l = ctx;
    l->ids = xgrow(l->ids, &l->cap, l->n + 1, sizeof *l->ids);
    l->ids[l->n++] = card;
    return 0;
}

int replay_fill_all_fsrs(struct store *st, const struct fsrs_params *params,
                         long *cards, struct error *err)
{
    /* The ids first: filling writes the rows a walk would be reading. */
    struct id_list l = {NULL, 0, 0};
    int rc = store_each_reviewed_card(st, add_id, &l)
                 ? error_set(err, ERROR_FAIL, "%s", store_error(st))
                 : 0;
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        rc = replay_fill_fsrs(st, l.ids[i], params, err);
    if (cards)
        *cards = rc == 0 ? (long)l.n : 0;
    free(l.ids);
    return rc;
}
