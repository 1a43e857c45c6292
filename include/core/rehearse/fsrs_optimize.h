/* fsrs_optimize.h: fitting FSRS-6's 21 weights to one person's reviews.
 *
 * The method is fsrs-rs's (the optimiser Anki ships), rewritten from its
 * description in docs/scheduling.md ("Fitting the weights"):
 *
 *  1. Pretraining: for each first rating, the recall seen at the second
 *     review against the days waited gives that rating's initial
 *     stability (w0..w3), by a one-dimensional search; ratings without
 *     data are filled in from the others.
 *  2. Training: Adam on the log loss of every later review, predicted
 *     from the reviews before it, in mini-batches, for five epochs with
 *     a cosine learning rate, newer reviews weighted more, a penalty for
 *     straying from the starting weights, and every weight clipped to
 *     its range after each step.  The epoch with the lowest loss wins.
 *
 * Gradients are exact: each card's history is run once in forward-mode
 * automatic differentiation (every quantity carries its 21 partial
 * derivatives), so the cost is linear in the reviews and the memory is
 * one card's state.  Pure: no I/O; the caller sees progress through a
 * callback.
 *
 * What counts as a prediction ("an item"): a review on a later day than
 * the card's previous review.  A card's first review has nothing to be
 * predicted from, and a same-day repeat is predicted by no one (R is 1
 * at 0 days), but both move the memory state the later items start
 * from. */
#ifndef REHEARSE_FSRS_OPTIMIZE_H
#define REHEARSE_FSRS_OPTIMIZE_H

#include "rehearse/fsrs.h"
#include "rehearse/review_history.h"

#include <stdbool.h>

/* Below this many items rehearse does not fit: see docs/scheduling.md for
 * why 400. */
#define FSRS_FIT_MIN_ITEMS 400

/* Training passes over the items, as fsrs-rs makes them. */
#define FSRS_FIT_EPOCHS 5

/* Called now and then with how much of the work is done, of total:
 * items trained on so far over every epoch, so total is
 * FSRS_FIT_EPOCHS times the items. */
typedef void (*fsrs_progress_fn)(void *ctx, long done, long total);

struct fsrs_fit {
    double w[FSRS_WEIGHTS]; /* the fitted weights */
    double loss;            /* their mean log loss over the items */
    double start_loss;      /* the starting weights', on the same items */
    long items;             /* reviews predicted (see above) */
    long cards;             /* cards trained on */
    long trained;           /* items trained on: outliers left out */
};

/* The mean log loss of weights w over every item of h, and how many
 * items there were (the loss is 0 when there are none). */
double fsrs_log_loss(const struct review_history *h,
                     const double w[FSRS_WEIGHTS], long *items);

/* fsrs_log_loss and its gradient by each weight (into grad), computed
 * the way training computes them: for checking training against finite
 * differences.  Items past a card's 64th review are left out here. */
double fsrs_log_loss_gradient(const struct review_history *h,
                              const double w[FSRS_WEIGHTS],
                              double grad[FSRS_WEIGHTS]);

/* Fits weights to h starting from `start` (the defaults, or the weights
 * in use).  Returns 0 with *fit filled, or -1 when h has fewer than
 * FSRS_FIT_MIN_ITEMS items (fit->items says how many).  The result may
 * have a higher loss than start: the caller decides (fit->start_loss). */
int fsrs_optimize(const struct review_history *h,
                  const double start[FSRS_WEIGHTS], fsrs_progress_fn progress,
                  void *ctx, struct fsrs_fit *fit);

/* fsrs_optimize with other than fsrs-rs's 5 epochs and mini-batches of
 * 512 items: for tests (0 epochs gives the pretrained weights; a batch
 * larger than the history takes the same steps in any card order). */
struct fsrs_fit_options {
    int epochs;
    long batch_items;
};
int fsrs_optimize_with(const struct review_history *h,
                       const double start[FSRS_WEIGHTS],
                       const struct fsrs_fit_options *opts,
                       fsrs_progress_fn progress, void *ctx,
                       struct fsrs_fit *fit);

/* Puts every weight within the range fsrs-rs allows it (FSRS-6 with
 * same-day reviews modelled). */
void fsrs_clip_weights(double w[FSRS_WEIGHTS]);

#endif
