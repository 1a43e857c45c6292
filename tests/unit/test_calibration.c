/* test_calibration.c: the calibration metrics (calibration.h) against
 * values worked out by hand (and checked with srs-benchmark's formulas
 * in Python), and which reviews of a history are judged. */
#include "check.h"
#include "rehearse/calibration.h"

#include <math.h>
#include <string.h>

#define CHECK_NEAR(actual, expected)                                           \
    do {                                                                       \
        double a_ = (actual), e_ = (expected);                                 \
        if (!(fabs(a_ - e_) <= 1e-9)) {                                        \
            fprintf(stderr, "%s:%d: [%s] %s: expected %.12f, got %.12f\n",     \
                    __FILE__, __LINE__, check_case, #actual, e_, a_);          \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

static void add(struct calib_acc *a, double p, bool recalled, long elapsed,
                long nth, long lapses)
{
    struct calib_review r = {elapsed, nth, lapses, recalled};
    calib_acc_add(a, p, &r);
}

/* Five reviews in three of srs-benchmark's bins: (elapsed 1, i 2, no
 * lapse) twice, (5 days, i 3, 1 lapse) twice, (20 days, i 4, 1 lapse).
 *   log loss = -(ln .9 + ln .2 + ln .8 + ln .4 + ln .6) / 5
 *   AUC: recalled .9 .8 .6 against forgotten .8 .6: 1 + 1 + .5 + 1 + 0
 *        + .5 = 4 of 6 pairs, ties counting a half
 *   RMSE(bins) = sqrt((2 * .35^2 + 2 * .2^2 + 1 * .4^2) / 5) */
static void metrics_by_hand(void)
{
    check_case = "five reviews by hand";
    struct calib_acc a;
    struct calib_metrics m;
    calib_acc_init(&a);
    add(&a, 0.9, true, 1, 2, 0);
    add(&a, 0.8, false, 1, 2, 0);
    add(&a, 0.8, true, 5, 3, 1);
    add(&a, 0.6, false, 5, 3, 1);
    add(&a, 0.6, true, 20, 4, 1);
    calib_acc_finish(&a, &m);
    CHECK_INT(m.reviews, 5);
    CHECK_NEAR(m.log_loss, 0.6730116670092565);
    CHECK(m.auc_defined);
    CHECK_NEAR(m.auc, 4.0 / 6.0);
    CHECK_NEAR(m.rmse_bins, 0.31144823004794875);
    CHECK_INT(m.chart[9].reviews, 1);
    CHECK_INT(m.chart[8].reviews, 2);
    CHECK_NEAR(m.chart[8].predicted, 0.8);
    CHECK_NEAR(m.chart[8].actual, 0.5);
    CHECK_INT(m.chart[6].reviews, 2);
    CHECK_INT(m.chart[0].reviews, 0);
    CHECK(a.cells == NULL); /* finish freed it */
}

/* The bins are srs-benchmark's: 4 and 12 days share an elapsed bin
 * (3.62 <= t < 3.62^2) and i = 2 and 3 share one (1.89 <= i < 1.89^2);
 * 3 days and 4 do not, nor 1 lapse and 2 (1.73 <= 2), nor none and 1. */
static void bins(void)
{
    check_case = "bins";
    struct calib_acc a;
    struct calib_metrics m;
    /* Same bin: the errors cancel, RMSE(bins) 0. */
    calib_acc_init(&a);
    add(&a, 1.0, false, 4, 2, 0);
    add(&a, 0.0, true, 12, 3, 0);
    calib_acc_finish(&a, &m);
    CHECK_NEAR(m.rmse_bins, 0.0);
    /* Different elapsed bins (3 days, 4 days): each is off by 1. */
    calib_acc_init(&a);
    add(&a, 1.0, false, 3, 2, 0);
    add(&a, 0.0, true, 4, 2, 0);
    calib_acc_finish(&a, &m);
    CHECK_NEAR(m.rmse_bins, 1.0);
    /* 1 lapse and 2 lapses are different bins. */
    calib_acc_init(&a);
    add(&a, 1.0, false, 1, 2, 1);
    add(&a, 0.0, true, 1, 2, 2);
    calib_acc_finish(&a, &m);
    CHECK_NEAR(m.rmse_bins, 1.0);
    /* No lapse and 1 lapse differ too. */
    calib_acc_init(&a);
    add(&a, 1.0, false, 1, 2, 0);
    add(&a, 0.0, true, 1, 2, 1);
    calib_acc_finish(&a, &m);
    CHECK_NEAR(m.rmse_bins, 1.0);
}

static void edges(void)
{
    check_case = "ties, one outcome, certainty";
    struct calib_acc a;
    struct calib_metrics m;
    calib_acc_init(&a);
    for (int i = 0; i < 10; i++)
        add(&a, 0.7, i % 3 != 0, 2, 2, 0);
    calib_acc_finish(&a, &m);
    CHECK_NEAR(m.auc, 0.5); /* every pair a tie */
    calib_acc_init(&a);
    add(&a, 0.7, true, 2, 2, 0);
    add(&a, 0.9, true, 2, 2, 0);
    calib_acc_finish(&a, &m);
    CHECK(!m.auc_defined); /* no forgotten review to compare with */
    /* A certain prediction that was wrong costs -ln(DBL_EPSILON), as in
     * scikit-learn, not infinity. */
    calib_acc_init(&a);
    add(&a, 1.0, false, 2, 2, 0);
    add(&a, 0.0, true, 2, 2, 0);
    calib_acc_finish(&a, &m);
    CHECK_NEAR(m.log_loss, 36.04365338911715);
    CHECK_INT(m.chart[9].reviews, 1); /* p = 1 is in the top tenth */
    CHECK_NEAR(m.auc, 0.0);
    calib_acc_init(&a);
    calib_acc_finish(&a, &m);
    CHECK_INT(m.reviews, 0);
    CHECK(!m.auc_defined);
}

/* AUC by its definition, pair by pair, against the sorted count, over
 * 3000 predictions with many ties (three decimals) and a few outside
 * [0, 1] (taken as 0 and 1). */
static void auc_pairwise(void)
{
    check_case = "AUC against every pair";
    enum { N = 3000 };
    static double p[N];
    static bool y[N];
    unsigned long x = 12345;
    struct calib_acc a;
    struct calib_metrics m;
    calib_acc_init(&a);
    for (int i = 0; i < N; i++) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        p[i] = (double)((x >> 33) % 1101) / 1000.0 - 0.05; /* -0.05..1.05 */
        y[i] = (x >> 20) % 1000 < p[i] * 1000;
        add(&a, p[i], y[i], 2, 2, 0);
        p[i] = p[i] < 0 ? 0 : p[i] > 1 ? 1 : p[i];
    }
    calib_acc_finish(&a, &m);
    double wins = 0, pairs = 0;
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++)
            if (y[i] && !y[k]) {
                wins += p[i] > p[k] ? 1.0 : p[i] == p[k] ? 0.5 : 0.0;
                pairs++;
            }
    CHECK(m.auc_defined);
    CHECK_NEAR(m.auc, wins / pairs);
    CHECK(m.auc > 0.6); /* the outcomes follow p: better than chance */
}

static void item(struct review_history *h, long day, int grade, int interval,
                 bool repeat)
{
    struct history_item it = {day, grade, interval, repeat};
    review_history_add(h, &it);
}

/* Card A: introduced day 0, Good on day 1 (judged), Again on day 7
 * (judged), a repeat on day 7 (not judged), Easy on day 8 (judged, one
 * day after the repeat).  Card B: one grade, nothing judged.  Card C: a
 * repeat before its first grade (moves nothing), first graded on day 5,
 * Hard on day 6 (judged).  SM-2 predicts 0.9 each time: every review
 * came when its interval was up. */
static struct review_history sample_history(void)
{
    struct review_history h;
    memset(&h, 0, sizeof h);
    review_history_begin_card(&h);
    item(&h, 0, 4, 0, false);
    item(&h, 1, 4, 1, false);
    item(&h, 7, 2, 6, false);
    item(&h, 7, 4, 1, true);
    item(&h, 8, 5, 1, false);
    review_history_begin_card(&h);
    item(&h, 0, 1, 0, false);
    review_history_begin_card(&h);
    item(&h, 3, 4, 0, true);
    item(&h, 5, 4, 0, false);
    item(&h, 6, 3, 1, false);
    review_history_end(&h);
    return h;
}

static void judged_reviews(void)
{
    check_case = "which reviews are judged";
    struct review_history h = sample_history();
    struct calib_report r;
    calibration_judge(&h, fsrs_default_params(), NULL, &r);
    CHECK_INT(r.reviews, 4);
    CHECK_INT(r.recalled, 3);
    CHECK(r.judged[CALIB_SM2] && r.judged[CALIB_FSRS_DEFAULT]);
    CHECK(!r.judged[CALIB_FSRS_FITTED]);
    CHECK(r.judged[CALIB_AVERAGE]);
    const struct calib_metrics *sm2 = &r.model[CALIB_SM2];
    CHECK_INT(sm2->reviews, 4);
    CHECK_NEAR(sm2->log_loss, -(3 * log(0.9) + log(0.1)) / 4);
    CHECK_NEAR(sm2->auc, 0.5);
    CHECK_INT(sm2->chart[9].reviews, 4); /* 0.9 is in [0.9, 1] */
    /* The average predicts the recall rate, 3/4: its log loss is the
     * entropy of that rate. */
    const struct calib_metrics *avg = &r.model[CALIB_AVERAGE];
    CHECK_NEAR(avg->log_loss, -(3 * log(0.75) + log(0.25)) / 4);
    CHECK_NEAR(avg->auc, 0.5);
    review_history_free(&h);
}

/* One judged review: FSRS predicts R(3 days, S0(Good)) from the first
 * grade alone; the same weights given as fitted give the same numbers. */
static void fsrs_prediction(void)
{
    check_case = "FSRS predicts from the state before the review";
    const struct fsrs_params *p = fsrs_default_params();
    struct review_history h;
    memset(&h, 0, sizeof h);
    review_history_begin_card(&h);
    item(&h, 10, 4, 0, false);
    item(&h, 13, 1, 1, false);
    review_history_end(&h);
    struct calib_report r;
    calibration_judge(&h, p, p, &r);
    double expected = fsrs_retrievability(p, 3.0, p->w[2]);
    CHECK_INT(r.reviews, 1);
    CHECK_NEAR(r.model[CALIB_FSRS_DEFAULT].log_loss, -log(1.0 - expected));
    CHECK(r.judged[CALIB_FSRS_FITTED]);
    CHECK_NEAR(r.model[CALIB_FSRS_FITTED].log_loss,
               r.model[CALIB_FSRS_DEFAULT].log_loss);
    CHECK_NEAR(r.model[CALIB_SM2].log_loss, -log(1.0 - pow(0.9, 3.0)));
    review_history_free(&h);
}

int main(void)
{
    metrics_by_hand();
    bins();
    edges();
    auc_pairwise();
    judged_reviews();
    fsrs_prediction();
    CHECK_STR(calib_model_name(CALIB_FSRS_FITTED), "FSRS-6 fitted");
    CHECK_STR(calib_model_id(CALIB_AVERAGE), "average");
    return check_report("test_calibration");
}
