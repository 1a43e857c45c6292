/* stats_calibration.h: `rehearse stats --calibration`
 * (src/cli/stats_calibration.c). */
#ifndef REHEARSE_STATS_CALIBRATION_H
#define REHEARSE_STATS_CALIBRATION_H

#include "rehearse/error.h"
#include "rehearse/store.h"

#include <stdbool.h>

/* Prints how well SM-2, FSRS-6 (default weights, and the fitted ones if
 * the collection has them) and your average recall predicted each of
 * the filter's reviews from the ones before it: a table and a chart, or
 * JSON.  Too few reviews to judge is said on stdout, not an error.
 * Returns 0, or -1 with err set. */
int stats_calibration(struct store *st, const struct filter *f, bool json,
                      struct error *err);

#endif
