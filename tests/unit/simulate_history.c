/* simulate_history.c: gives every new card of a collection a review
 * history, for the tests of `rehearse optimize` and `stats --calibration`
 * (tests/e2e/optimize.sh), which need thousands of reviews made over
 * months and could not wait for the real binary to grade them one a
 * time.
 *
 *   simulate_history COLLECTION TODAY DAYS SEED [CARDS]
 *
 * Each card (at most CARDS of them) is first seen on a day within the
 * first half of the DAYS before TODAY (a study day number), then reviewed
 * on each day SM-2 makes it due, a day or two late now and then, until
 * TODAY.  Whether a review is recalled is drawn from a "true" memory: an
 * FSRS-6 with weights unlike the defaults, so that a fit has something to
 * find.  Grades go through the collection's own scheduler (both models)
 * and are logged with store_log_reviews, as an import of history is, so
 * the collection is exactly what rehearse would have written. */
#include "rehearse/fsrs.h"
#include "rehearse/schedule.h"
#include "rehearse/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;
static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

struct ids {
    int64_t *id;
    size_t n, cap;
};

static int add_card(void *ctx, const struct queued_card *q)
{
    struct ids *ids = ctx;
    ids->id = xgrow(ids->id, &ids->cap, ids->n + 1, sizeof *ids->id);
    ids->id[ids->n++] = q->id;
    return 0;
}

static const struct fsrs_params *true_memory(void)
{
    static struct fsrs_params p;
    static const double w[FSRS_WEIGHTS] = {
        0.4, 1.6,  3.5,  12.0, 6.8,  0.6, 2.2,    0.02,   1.6,    0.25, 1.1,
        1.7, 0.09, 0.35, 1.4,  0.45, 2.3, 0.5425, 0.0912, 0.0658, 0.35};
    p = *fsrs_default_params();
    memcpy(p.w, w, sizeof w);
    return &p;
}

/* The grade a person with memory m gives t days after the last review. */
static int draw_grade(struct fsrs_memory *m, long elapsed, int k)
{
    const struct fsrs_params *truth = true_memory();
    bool recalled =
        k > 0 &&
        uniform() < fsrs_retrievability(truth, (double)elapsed, m->stability);
    int grade = k == 0             ? 2 + (int)(uniform() * 4)
                : !recalled        ? (int)(uniform() * 3)
                : uniform() < 0.2  ? 3
                : uniform() < 0.85 ? 4
                                   : 5;
    *m = fsrs_next(truth, *m, elapsed,
                   (enum fsrs_rating)fsrs_rating_of_grade(grade));
    return grade;
}

/* One card's history into r (at most cap reviews); returns how many. */
static size_t simulate_card(const struct scheduler *sched, int64_t card,
                            long first, long today, struct review *r,
                            size_t cap)
{
    struct scheduler_state state;
    memset(&state, 0, sizeof state);
    sched->initial(&state);
    state.card = card;
    long due = -1, day = first, last = first;
    struct fsrs_memory truth = {0, 0};
    size_t n = 0;
    for (int k = 0; day < today && n < cap; k++) {
        int grade = draw_grade(&truth, day - last, k);
        struct review *x = &r[n++];
        memset(x, 0, sizeof *x);
        x->card = card;
        x->kind = REVIEW_GRADE;
        x->grade = grade;
        x->day = day;
        x->at = (time_t)day * 86400 + 9 * 3600 + k;
        x->before = state.sm2;
        x->due_before = due;
        x->fsrs_before = state.fsrs;
        if (sched->grade(sched, &state, grade, day, &state, &due))
            return n - 1;
        x->after = state.sm2;
        x->due_after = due;
        x->fsrs_after = state.fsrs;
        last = day;
        day = due + (uniform() < 0.3 ? 1 + (long)(uniform() * 3) : 0);
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: simulate_history COLLECTION TODAY DAYS SEED "
                        "[CARDS]\n");
        return 2;
    }
    long today = atol(argv[2]), days = atol(argv[3]);
    rng_state = strtoull(argv[4], NULL, 10);
    long limit = argc > 5 ? atol(argv[5]) : 1000000;
    char msg[512];
    struct store *st;
    struct error err;
    struct collection_model model;
    struct config c;
    config_defaults(&c);
    if (store_open(argv[1], &st, msg, sizeof msg) != STORE_OK ||
        collection_use_model(st, &c, &err)) {
        fprintf(stderr, "%s: cannot open\n", argv[1]);
        return 1;
    }
    const struct scheduler *sched = collection_scheduler(st, &model);
    struct filter all = {NULL, 0, NULL, 0};
    struct ids ids = {NULL, 0, 0};
    enum { CAP = 400 };
    struct review *r = xcalloc(CAP, sizeof *r);
    long total = 0;
    int rc = store_each_new(st, limit, &all, add_card, &ids) || store_begin(st);
    for (size_t i = 0; rc == 0 && i < ids.n; i++) {
        long first = today - days + (long)(uniform() * (double)(days / 2));
        size_t n = simulate_card(sched, ids.id[i], first, today, r, CAP);
        rc = store_log_reviews(st, r, n);
        total += (long)n;
    }
    if (rc == 0)
        rc = store_commit(st);
    if (rc)
        fprintf(stderr, "%s: %s\n", argv[1], store_error(st));
    else
        printf("%ld reviews of %zu cards\n", total, ids.n);
    free(r);
    free(ids.id);
    store_close(st);
    return rc != 0;
}
