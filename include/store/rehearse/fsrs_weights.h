/* fsrs_weights.h: the FSRS-6 weights `rehearse optimize` fitted to this
 * collection, kept in the collection itself (table fsrs_weights, schema
 * 5) so that a backup, a copy or a restore carries them with the history
 * they were fitted to.  No row means FSRS-6's published defaults.
 * The same rules as store.h: 0 or -1 with store_error() set, no output. */
#ifndef REHEARSE_FSRS_WEIGHTS_H
#define REHEARSE_FSRS_WEIGHTS_H

#include "rehearse/fsrs.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <time.h>

struct fitted_weights {
    double w[FSRS_WEIGHTS];
    long reviews;         /* how many reviews the fit read */
    double loss;          /* the fitted weights' log loss on them */
    double previous_loss; /* the weights they replaced, on the same */
    time_t fitted_at;
};

/* The fitted weights into *out, with *present false (and *out zeroed)
 * when the collection has none. */
int store_fitted_weights_get(struct store *st, struct fitted_weights *out,
                             bool *present);
/* Replaces the fitted weights (one statement: committed on its own
 * outside a transaction).  Every weight must be finite. */
int store_fitted_weights_set(struct store *st, const struct fitted_weights *in);
/* Removes them: FSRS goes back to the defaults.  *removed says whether
 * there were any. */
int store_fitted_weights_clear(struct store *st, bool *removed);

#endif
