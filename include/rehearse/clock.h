/* clock.h: what time it is, and which study day that falls in.
 *
 * A study day is a local calendar day that starts at the rollover hour
 * (default 4 am), so a session past midnight still counts for the evening
 * before.  Days are numbered from 1970-01-01 (day 0) so that intervals are
 * plain subtraction.  Tests pin the clock with REHEARSE_NOW. */
#ifndef REHEARSE_CLOCK_H
#define REHEARSE_CLOCK_H

#include <stdbool.h>
#include <time.h>

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space
 * may replace the T) as local time.  Returns false if malformed. */
bool clock_parse(const char *text, time_t *out);

/* The current time: REHEARSE_NOW if set (exits on a malformed value),
 * else the system clock.  Later calls advance with the real clock, so
 * durations measured under REHEARSE_NOW still make sense. */
time_t clock_now(void);

/* Monotonic milliseconds, for measuring how long an answer took. */
long long clock_ms(void);

/* The study day holding time t, for a day that begins at rollover_hour. */
long clock_day(time_t t, int rollover_hour);

/* Days since 1970-01-01 of a civil date, and back. */
long days_from_civil(int y, int m, int d);
void civil_from_days(long days, int *y, int *m, int *d);

/* Writes day as YYYY-MM-DD into buf (at least 11 bytes). */
void clock_format_day(long day, char *buf);

#endif
