/* date.h: which study day a time falls in, and calendar arithmetic.
 *
 * Pure: the only outside state used is the local time zone.  A study day is a
 * local calendar day that starts at the rollover hour (default 4 am), so a
 * session past midnight still counts for the evening before.  Days are numbered
 * from 1970-01-01 (day 0) so that intervals are plain subtraction.  What time
 * it is now lives in app (clock.h). */
#ifndef REHEARSE_DATE_H
#define REHEARSE_DATE_H

#include <stdbool.h>
#include <time.h>

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space
 * may replace the T) as local time.  Returns false if malformed. */
bool clock_parse(const char *text, time_t *out);

/* The study day holding time t, for a day that begins at rollover_hour. */
long clock_day(time_t t, int rollover_hour);

/* Days since 1970-01-01 of a civil date, and back. */
long days_from_civil(int y, int m, int d);
void civil_from_days(long days, int *y, int *m, int *d);

/* Writes day as YYYY-MM-DD into buf (at least 11 bytes). */
void clock_format_day(long day, char *buf);

#endif
