/* calibration.h: how well each memory model predicted your own recall,
 * for `rehearse stats --calibration`.  Pure: a review history and the
 * models' parameters in, the metrics out.
 *
 * Each review is predicted from the reviews of its card before it only,
 * and judged by the three metrics srs-benchmark reports
 * (open-spaced-repetition/srs-benchmark), computed as it computes them:
 * log loss, RMSE(bins) and AUC.  docs/scheduling.md ("Reading the
 * calibration table") says which reviews count and how to read the
 * numbers. */
#ifndef REHEARSE_CALIBRATION_H
#define REHEARSE_CALIBRATION_H

#include "rehearse/fsrs.h"
#include "rehearse/review_history.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CALIB_CHART_BINS 10  /* predicted recall in tenths, for the chart */
#define CALIB_MIN_REVIEWS 50 /* fewer judged reviews say nothing useful */

/* RMSE(bins) groups reviews by three keys on log scales; these are the
 * numbers of exponents kept for each (a larger one joins the last). */
#define CALIB_ELAPSED_BINS 16 /* 3.62^16 days: far beyond any interval */
#define CALIB_NTH_BINS 32     /* 1.89^32 reviews of one card */
#define CALIB_LAPSE_BINS 32   /* 0 lapses, then 1.73^0 .. 1.73^30 */

/* One judged review: the outcome and what srs-benchmark bins it by. */
struct calib_review {
    long elapsed; /* days since the card's previous review, >= 1 */
    long nth;     /* srs-benchmark's i: 1 + this card's judged reviews up
                     to and including this one, so >= 2 */
    long lapses;  /* this card's earlier judged reviews that were forgotten */
    bool recalled;
};

/* Reviews whose prediction fell in one tenth of [0, 1]. */
struct calib_chart_bin {
    long reviews;
    double predicted; /* mean prediction; 0 when reviews is 0 */
    double actual;    /* share recalled; 0 when reviews is 0 */
};

struct calib_metrics {
    long reviews;     /* judged */
    double log_loss;  /* mean -ln of the probability given the outcome */
    double rmse_bins; /* see calib_acc_add */
    double auc;       /* meaningful only when auc_defined */
    bool auc_defined; /* false when every review had the same outcome */
    struct calib_chart_bin chart[CALIB_CHART_BINS];
};

/* The running sums for one model.  Zero it with calib_acc_init; it owns
 * memory until calib_acc_finish. */
struct calib_cell {
    double predicted, recalled;
    long reviews;
};
struct calib_acc {
    long reviews;
    double loss;           /* sum of the per-review log losses */
    uint64_t *pass, *fail; /* predictions of recalled / forgotten reviews,
                              as the bits of the double (for a radix sort) */
    size_t npass, nfail, pass_cap, fail_cap;
    struct calib_cell *cells; /* the RMSE(bins) grid */
    struct calib_cell chart[CALIB_CHART_BINS];
};

void calib_acc_init(struct calib_acc *a);
/* Adds a review predicted recalled with probability p (0..1; below 0 and
 * NaN count as 0, above 1 as 1).  The log
 * loss clips p to [DBL_EPSILON, 1 - DBL_EPSILON], as scikit-learn's
 * log_loss does for doubles.  RMSE(bins) puts the review in the cell of
 * floor(log(elapsed) / log 3.62), floor(log(nth) / log 1.89) and, unless
 * lapses is 0, floor(log(lapses) / log 1.73), srs-benchmark's bins. */
void calib_acc_add(struct calib_acc *a, double p, const struct calib_review *r);
/* The metrics of everything added, into *out; frees what a holds.
 * RMSE(bins) is the root of the review-weighted mean, over the cells, of
 * (mean prediction - share recalled)^2; AUC is the chance that a
 * recalled review was predicted higher than a forgotten one, ties
 * counting a half (the area under the ROC curve). */
void calib_acc_finish(struct calib_acc *a, struct calib_metrics *out);

/* The models judged side by side. */
enum calib_model {
    CALIB_SM2,          /* SM-2's interval I read as R = 0.9^(t / I) */
    CALIB_FSRS_DEFAULT, /* FSRS-6 with the published weights */
    CALIB_FSRS_FITTED,  /* FSRS-6 with the collection's fitted weights */
    CALIB_AVERAGE,      /* your recall rate over the judged reviews */
    CALIB_MODELS
};

struct calib_report {
    long reviews, recalled;    /* judged reviews; the same for every model */
    bool judged[CALIB_MODELS]; /* false: not run (no fitted weights) */
    struct calib_metrics model[CALIB_MODELS];
};

/* Judges the models on every review in h that came on a later day than
 * the card's previous one, the card having had a grade before it (so
 * neither a card's first grade nor a same-day repeat is judged, as in
 * srs-benchmark; repeats still move FSRS, as they do when you study).
 * fitted is NULL when the collection has no fitted weights. */
void calibration_judge(const struct review_history *h,
                       const struct fsrs_params *fsrs,
                       const struct fsrs_params *fitted,
                       struct calib_report *out);

/* "SM-2", "FSRS-6 default", "FSRS-6 fitted", "average": at most 14
 * columns.  calib_model_id gives the JSON names ("sm2", ...). */
const char *calib_model_name(enum calib_model m);
const char *calib_model_id(enum calib_model m);

#endif
