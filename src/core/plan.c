/* plan.c: a goal's daily quotas.  See plan.h for the rule; this file is
 * its arithmetic, kept pure so that every day of a plan can be tested
 * without a collection. */
#include "rehearse/plan.h"

#include <stdlib.h>

static int by_value(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

long plan_seconds_per_card(long *ms, size_t n)
{
    if (n < PLAN_MIN_SAMPLES)
        return PLAN_DEFAULT_SECONDS;
    qsort(ms, n, sizeof *ms, by_value);
    long median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    long seconds = (median + 500) / 1000;
    return seconds < 5 ? 5 : seconds > 600 ? 600 : seconds;
}

/* The front-loaded share of `left` for a day with `days` days to go
 * (today included): 2/(days+1) of it, rounded up; all of it on the last. */
static long share(long left, long days)
{
    if (left <= 0)
        return 0;
    if (days <= 1)
        return left;
    return (left * 2 + days) / (days + 1);
}

static long at_most(long want, long room)
{
    return want < room ? want : room > 0 ? room : 0;
}

void plan_compute(const struct plan_input *in, struct plan_day *out)
{
    long spc = in->seconds_per_card > 0 ? in->seconds_per_card : 1;
    out->days_left = in->goal_day - in->today;
    out->final_from = in->goal_day - PLAN_FINAL_DAYS;
    out->final_phase = in->today >= out->final_from && out->days_left > 0;
    out->capacity = (long)in->minutes * 60 / spc;

    /* Introduction days left, today included; none once the final pass
     * has begun, when whatever is still new is introduced at once. */
    long intro_days = out->final_from - in->today + 1;
    long new_start = in->new_left + in->new_seen_today;
    out->new_quota = out->days_left > 0 ? share(new_start, intro_days) : 0;
    long final_start = in->final_left + in->final_done_today;
    out->final_quota =
        out->final_phase ? share(final_start, in->goal_day - in->today) : 0;

    long room = out->capacity - in->due_today;
    out->new_now = at_most(out->new_quota - in->new_seen_today, room);
    room -= out->new_now;
    out->final_now = at_most(out->final_quota - in->final_done_today, room);

    /* The busiest day ahead: while introducing, today's new cards come
     * back tomorrow (SM-2's first interval is one day) beside tomorrow's;
     * the final pass's first day takes its front-loaded share of every
     * card it may have to show, the new ones included. */
    long intro_load = out->final_phase ? out->new_quota + out->final_quota
                                       : 2 * out->new_quota;
    long final_load = out->final_phase ? 0
                                       : share(in->final_left + in->new_left,
                                               PLAN_FINAL_DAYS);
    out->load =
        in->due_today + (intro_load > final_load ? intro_load : final_load);
    out->on_track = out->days_left <= 0 || out->load <= out->capacity;
    out->minutes_needed = (out->load * spc + 59) / 60;
}

long plan_later_day(const struct plan_input *in)
{
    struct plan_input later = *in;
    struct plan_day day;
    for (long d = in->goal_day + 1; d <= in->goal_day + 365; d++) {
        later.goal_day = d;
        plan_compute(&later, &day);
        if (day.on_track)
            return d;
    }
    return -1;
}
