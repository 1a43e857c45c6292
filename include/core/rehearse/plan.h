/* plan.h: how many cards a day takes to be ready by an interview date, as
 * pure arithmetic over counts (src/core/plan.c).  docs/scheduling.md,
 * "Plans", says the same in prose.
 *
 * The days before the date are in two phases.  Up to and including three
 * days before it, the plan introduces every selected new card, front-
 * loaded: each day takes 2/(n+1) of the new cards left at its start, n
 * being the introduction days left, today included (so with 6 days to go
 * about 29%, then 33%, 40%, 50%, 67%, 100% of what remains).  Then, in
 * the last three days before the date, a final pass shows every selected
 * card SM-2 would not show before the date, split the same front-loaded
 * way.  Both give way to the day's due reviews: the budget is what is left
 * after them.  The interview day itself adds nothing: SM-2 alone. */
#ifndef REHEARSE_PLAN_H
#define REHEARSE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#define PLAN_FINAL_DAYS 3 /* the final pass runs over the last three days */
#define PLAN_DEFAULT_SECONDS 30 /* a card's time with too little history */
#define PLAN_MIN_SAMPLES 10     /* reviews needed to trust the history */

struct plan_input {
    long today, goal_day; /* study days, today <= goal_day */
    int minutes;          /* daily budget */
    long seconds_per_card;
    long new_left;         /* selected cards still new */
    long new_seen_today;   /* selected cards introduced today already */
    long final_left;       /* selected, not new, still to pass over */
    long final_done_today; /* final-pass cards shown today already */
    long due_today;        /* reviews due today, every deck */
};

struct plan_day {
    long days_left;      /* goal_day - today */
    long final_from;     /* the first day of the final pass */
    bool final_phase;    /* today is in the final pass */
    long capacity;       /* cards the budget holds today */
    long new_quota;      /* new cards for the whole of today */
    long final_quota;    /* final-pass cards for the whole of today */
    long new_now;        /* of those, what is still to show today, */
    long final_now;      /* within what the budget leaves after due cards */
    long load;           /* cards the plan expects on its busiest day */
    bool on_track;       /* load fits in capacity */
    long minutes_needed; /* a budget that would fit the load */
};

/* Seconds a card takes: the median of the durations (milliseconds),
 * clamped to 5..600 s, or PLAN_DEFAULT_SECONDS with fewer than
 * PLAN_MIN_SAMPLES of them.  Sorts ms in place. */
long plan_seconds_per_card(long *ms, size_t n);

/* Today's quotas and whether the goal fits the budget. */
void plan_compute(const struct plan_input *in, struct plan_day *out);

/* The earliest goal day, after in->goal_day, on which the same cards fit
 * the budget, or -1 when none within a year does. */
long plan_later_day(const struct plan_input *in);

#endif
