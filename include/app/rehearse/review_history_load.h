/* review_history_load.h: a collection's review log as the memory models
 * see it (review_history.h), for `rehearse optimize` and `stats
 * --calibration`. */
#ifndef REHEARSE_REVIEW_HISTORY_LOAD_H
#define REHEARSE_REVIEW_HISTORY_LOAD_H

#include "rehearse/error.h"
#include "rehearse/review_history.h"
#include "rehearse/store.h"

/* Fills *h (zeroed first; free it with review_history_free) with every
 * reviewed card's grades and repeats, undone ones left out.  0, or -1
 * with err set. */
int review_history_load(struct store *st, struct review_history *h,
                        struct error *err);
/* The same for only the cards the filter keeps (all when f is NULL or
 * names no deck and no tag), for `stats --calibration --deck`. */
int review_history_load_filtered(struct store *st, const struct filter *f,
                                 struct review_history *h, struct error *err);

#endif
