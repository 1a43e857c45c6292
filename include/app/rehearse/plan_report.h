/* plan_report.h: the state of the collection's interview goal, gathered
 * from the store and run through the pure plan arithmetic (plan.h), for
 * `rehearse plan` and for the plan session of `rehearse study`. */
#ifndef REHEARSE_PLAN_REPORT_H
#define REHEARSE_PLAN_REPORT_H

#include "rehearse/error.h"
#include "rehearse/goal.h"
#include "rehearse/plan.h"

#include <stdbool.h>
#include <stddef.h>

#define PLAN_DURATION_SAMPLES 200 /* reviews a card's time is taken from */

struct plan_report {
    bool present; /* a goal is set */
    bool ended;   /* ...but its day has passed: the plan is over */
    struct goal goal;
    struct plan_input in;
    struct plan_day day;
    size_t samples; /* reviews the time per card was measured from */
    struct plan_deck *decks;
    size_t ndecks;
    struct plan_deck total; /* .deck is NULL */
    /* When not on track, what would be: minutes (day.minutes_needed), a
     * later day (-1: none within a year), or dropping these decks (none
     * when dropping decks does not help or only one deck is selected). */
    long later_day;
    const char **drop;
    size_t ndrop;
};

/* Reads the goal and today's numbers.  Returns 0 (with report->present
 * false when no goal is set), or -1 with err set. */
int plan_report_load(struct store *st, long today, struct plan_report *report,
                     struct error *err);
/* The same for a study session, which needs today's quotas and whether
 * the plan is on track, not the per-deck table: report->decks stays
 * empty, total holds new_cards and final_left only, and no later day or
 * decks to drop are worked out.  Much cheaper on a large selection. */
int plan_report_load_totals(struct store *st, long today,
                            struct plan_report *report, struct error *err);
void plan_report_free(struct plan_report *report);

/* True while the goal applies to today's session: set, and its day not
 * yet past. */
bool plan_active(const struct plan_report *report);

#endif
