/* history_import.h: a card's review history from another program (an
 * Anki package's review log) written into rehearse's log.
 *
 * Each past review becomes a review row exactly as if it had been graded
 * in rehearse at that time: the first grade of a study day moves the
 * schedule through the collection's scheduler, later ones that day are
 * repeats.  So the stored schedule is what replaying the log gives
 * (replay.h), and `rehearse check --replay` agrees with it. */
#ifndef REHEARSE_HISTORY_IMPORT_H
#define REHEARSE_HISTORY_IMPORT_H

#include "rehearse/deck.h"
#include "rehearse/error.h"
#include "rehearse/store.h"

#include <stdint.h>

/* Appends the reviews of h that are later than the card's latest logged
 * review (so importing a newer package adds only what is new), with days
 * counted from rollover_hour, inside the caller's transaction.  fresh
 * says the card was added by this import (new, with no log yet).
 * *added gets how many were written.  Returns 0, or -1 with err set. */
int history_append(struct store *st, int64_t card, const struct card_history *h,
                   int rollover_hour, bool fresh, long *added,
                   struct error *err);

#endif
