/* optimize.h: fitting FSRS-6 to a collection's own history and adopting
 * the result, for `rehearse optimize` (src/app/optimize.c).
 *
 * The fit reads the log with no transaction open (it takes seconds);
 * adopting writes the weights and recomputes every card's FSRS state
 * from its log with them, in one transaction, so the states always
 * match the weights in use, including grades made meanwhile.  SM-2 is
 * never touched. */
#ifndef REHEARSE_OPTIMIZE_H
#define REHEARSE_OPTIMIZE_H

#include "rehearse/config.h"
#include "rehearse/error.h"
#include "rehearse/fsrs_optimize.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <time.h>

struct optimize_result {
    struct fsrs_fit fit; /* the fitted weights and their loss */
    bool had_fitted;     /* the weights in use were fitted before */
    double current_loss; /* the weights in use, on the same reviews */
    long reviews;        /* grades and repeats read from the log */
    bool adopted;        /* stored and now in use */
};

/* Fits, and unless dry_run adopts the fit when its loss is lower than
 * the weights in use.  Fewer than FSRS_FIT_MIN_ITEMS predictable
 * reviews is an error (ERROR_FAIL) saying how many there are. */
int optimize_collection(struct store *st, const struct config *c, bool dry_run,
                        time_t now, fsrs_progress_fn progress, void *ctx,
                        struct optimize_result *out, struct error *err);

/* Drops the fitted weights and recomputes the FSRS states with FSRS-6's
 * defaults; *removed says whether there were any. */
int optimize_reset(struct store *st, const struct config *c, bool *removed,
                   struct error *err);

#endif
