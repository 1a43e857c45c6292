/* clock.h: what time it is.
 *
 * The wall clock, or REHEARSE_NOW when set, so that tests can pin the
 * study day.  Calendar arithmetic is pure and lives in core (date.h). */
#ifndef REHEARSE_CLOCK_H
#define REHEARSE_CLOCK_H

#include "rehearse/date.h"
#include "rehearse/error.h"

#include <time.h>

/* Reads REHEARSE_NOW once.  Returns 0, or -1 with err set when it is not
 * a local time clock_parse accepts.  Call before clock_now. */
int clock_init(struct error *err);

/* The current time: REHEARSE_NOW if set, else the system clock.  Later
 * calls advance with the real clock, so durations measured under
 * REHEARSE_NOW still make sense. */
time_t clock_now(void);

/* Monotonic milliseconds, for measuring how long an answer took. */
long long clock_ms(void);

#endif
