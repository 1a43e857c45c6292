/* replay.c: recomputing schedules from the review log and comparing them
 * with what is stored.  See replay.h. */
#include "rehearse/replay.h"
#include "rehearse/util.h"

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
        /* a final-pass grade is logged and moves nothing, as a repeat */
        [REVIEW_FINAL] = SCHED_REPEAT,
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
        m->stored_due = q.due;
        *differs = memcmp(&m->stored.sm2, &m->replayed.sm2,
                          sizeof m->stored.sm2) != 0 ||
                   m->stored_due != m->replayed_due;
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
