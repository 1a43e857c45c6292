/* stats_grader.h: `rehearse stats --grader` (src/cli/stats_grader.c). */
#ifndef REHEARSE_STATS_GRADER_H
#define REHEARSE_STATS_GRADER_H

#include "rehearse/store.h"

#include <stdbool.h>

/* Prints, per deck, how often your grade of a typed answer was the
 * suggested grade or within one step of it, and which way it differed.
 * Interview answers are judged against target_ms, as at the prompt.
 * Returns 0, or -1 with the store's error set. */
int stats_grader(struct store *st, const struct filter *f, long target_ms,
                 bool json);

#endif
