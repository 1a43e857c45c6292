/* fsrs_fit.h: what the optimiser's two halves share (fsrs_optimize.c,
 * the training; fsrs_pretrain.c, the initial stabilities).  Private to
 * src/core. */
#ifndef REHEARSE_FSRS_FIT_H
#define REHEARSE_FSRS_FIT_H

#include "rehearse/fsrs.h"
#include "rehearse/review_history.h"

#include <stdbool.h>
#include <stddef.h>

static inline long elapsed_days(const struct history_item *it, size_t k)
{
    if (k == 0)
        return 0;
    long days = it[k].day - it[k - 1].day;
    return days > 0 ? days : 0; /* an out-of-order log counts as same-day */
}

static inline int rating_at(const struct history_item *it, size_t k)
{
    int rating = fsrs_rating_of_grade(it[k].grade);
    return rating ? rating : FSRS_AGAIN;
}

/* The log loss of predicting y with probability r, kept finite. */
/* What pretraining found: an initial stability per first rating, how
 * many first intervals stood behind each, and which cards' first
 * intervals were outliers (to be left out of training too). */
struct pretrain_result {
    double s0[4];
    long count[4];
    bool any;           /* false: no first intervals at all */
    double average;     /* recall over the items of the cards kept */
    bool *card_dropped; /* per card of the history; free it */
};

/* Fits S0 for each first rating of h's cards, from the recall seen at
 * each card's first review on a later day, on FSRS-6's default curve and
 * pulled towards its default S0. */
void fsrs_pretrain(const struct review_history *h, struct pretrain_result *out);

/* Keeps S0 increasing with the rating: where two disagree, the one with
 * fewer first intervals behind it gives way. */
void fsrs_make_monotonic(double s0[4], const bool known[4],
                         const long count[4]);

#endif
