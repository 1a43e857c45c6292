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

/* ---- fsrs-rs's own fits: train-N.txt and train-N.expected ---- */

static FILE *open_data(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", FSRS_DATA, name);
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        fprintf(stderr, "cannot open '%s'\n", path);
    return fp;
}

/* "card day rating" lines, by card then day. */
static int read_history(const char *name, struct review_history *h)
{
    FILE *fp = open_data(name);
    if (fp == NULL)
        return -1;
    char buf[128];
    long last_card = -1;
    memset(h, 0, sizeof *h);
    while (fgets(buf, sizeof buf, fp)) {
        long card, day;
        int rating;
        if (buf[0] == '#' ||
            sscanf(buf, "%ld %ld %d", &card, &day, &rating) != 3)
            continue;
        if (card != last_card)
            review_history_begin_card(h);
        last_card = card;
        struct history_item item = {day, grade_of_rating(rating), 0, false};
        review_history_add(h, &item);
    }
    review_history_end(h);
    fclose(fp);
    return 0;
}

/* The numbers after `key` on its line of the .expected file. */
static int expected(const char *name, const char *key, double *out, int n)
{
    FILE *fp = open_data(name);
    char buf[2048];
    int got = 0;
    size_t len = strlen(key);
    while (fp && got == 0 && fgets(buf, sizeof buf, fp)) {
        if (strncmp(buf, key, len) != 0 || buf[len] != ' ')
            continue;
        char *p = buf + len, *end;
        while (got < n && (out[got] = strtod(p, &end), end != p)) {
            got++;
            p = end;
        }
    }
    if (fp)
        fclose(fp);
    if (got != n) {
        fprintf(stderr, "%s: no %d numbers for '%s'\n", name, n, key);
        check_failures++;
    }
    return got == n ? 0 : -1;
}

static bool close_rel(double a, double b, double tolerance)
{
    return fabs(a - b) <= tolerance * fmax(fabs(b), 1e-3);
}

static void check_reference(int reviews)
{
    char txt[64], exp[64];
    snprintf(txt, sizeof txt, "train-%d.txt", reviews);
    snprintf(exp, sizeof exp, "train-%d.expected", reviews);
    check_case = txt;
    struct review_history h;
    double defaults[FSRS_WEIGHTS], fitted[FSRS_WEIGHTS], one[FSRS_WEIGHTS];
    double pretrained[4], kept, plain_fitted, plain_default;
    if (read_history(txt, &h) ||
        expected(exp, "default", defaults, FSRS_WEIGHTS) ||
        expected(exp, "fitted", fitted, FSRS_WEIGHTS) ||
        expected(exp, "one_batch", one, FSRS_WEIGHTS) ||
        expected(exp, "pretrained", pretrained, 4) ||
        expected(exp, "kept", &kept, 1) ||
        expected(exp, "plain_loss_fitted", &plain_fitted, 1) ||
        expected(exp, "plain_loss_default", &plain_default, 1)) {
        check_failures++;
        return;
    }
    /* the loss itself: fsrs_log_loss is the plain mean over every item */
    long items;
    CHECK(close_rel(fsrs_log_loss(&h, defaults, &items), plain_default, 1e-6));
    CHECK(close_rel(fsrs_log_loss(&h, fitted, &items), plain_fitted, 1e-6));

    /* the filter and the pretrain: no randomness, so to float32's rounding */
    struct fsrs_fit fit;
    struct fsrs_fit_options none = {0, 512};
    CHECK_INT(fsrs_optimize_with(&h, defaults, &none, NULL, NULL, &fit), 0);
    CHECK_INT(fit.trained, (long)kept);
    for (int i = 0; i < 4; i++)
        if (!close_rel(fit.w[i], pretrained[i], 1e-5)) {
            fprintf(stderr, "%s: pretrained w%d %.9g, fsrs-rs %.9g\n", txt, i,
                    fit.w[i], pretrained[i]);
            check_failures++;
        }

    /* five Adam steps on one batch: the training's mechanics, exactly */
    struct fsrs_fit_options one_batch = {5, 1L << 40};
    CHECK_INT(fsrs_optimize_with(&h, defaults, &one_batch, NULL, NULL, &fit),
              0);
    for (int i = 0; i < FSRS_WEIGHTS; i++)
        if (fabs(fit.w[i] - one[i]) > 1e-4 * fmax(fabs(one[i]), 0.01)) {
            fprintf(stderr, "%s: one batch w%d %.9g, fsrs-rs %.9g\n", txt, i,
                    fit.w[i], one[i]);
            check_failures++;
        }

    /* the real fit: within 1% of fsrs-rs's loss, never above the defaults' */
    CHECK_INT(fsrs_optimize(&h, defaults, NULL, NULL, &fit), 0);
    fprintf(stderr, "%s: loss default %.6f, fsrs-rs %.6f, rehearse %.6f\n", txt,
            plain_default, plain_fitted, fit.loss);
    CHECK(fit.loss <= plain_fitted * 1.01);
    CHECK(fit.loss <= plain_default);
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
    check_reference(1000);
    check_reference(5000);
    check_reference(20000);
    return check_report("fsrs_optimize");
}
