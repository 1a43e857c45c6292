/* clock.c: the wall clock and REHEARSE_NOW, kept out of core so that the
 * core never reads the environment.  See clock.h. */
#include "rehearse/clock.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool pinned;
static time_t pinned_at, started;

int clock_init(struct error *err)
{
    const char *env = getenv("REHEARSE_NOW");
    pinned = false;
    if (env == NULL || *env == '\0')
        return 0;
    /* A year outside 2000-2199 is a typo, not a test: day numbers and
     * due dates are only exercised in that range. */
    int year = atoi(env);
    if (strchr(env, ' ') || !clock_parse(env, &pinned_at) || year < 2000 ||
        year > 2199)
        return error_set(err, ERROR_USAGE,
                         "REHEARSE_NOW: '%s' is not an ISO 8601 local time "
                         "from 2000 to 2199, like 2026-01-31T09:30",
                         env);
    started = time(NULL);
    pinned = true;
    return 0;
}

time_t clock_now(void)
{
    if (!pinned)
        return time(NULL);
    return pinned_at + (time(NULL) - started);
}

long long clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
