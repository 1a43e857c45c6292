/* study_queue.h: what today's session shows, in order: due reviews
 * (most overdue first, up to reviews_per_day), cards failed earlier today,
 * new cards (in new_order; a plan's quota while a goal is set), and in a
 * plan's last days its final pass. */
#ifndef REHEARSE_STUDY_QUEUE_H
#define REHEARSE_STUDY_QUEUE_H

#include "rehearse/config.h"
#include "rehearse/error.h"
#include "rehearse/plan_report.h"
#include "rehearse/session.h"
#include "rehearse/store.h"

#include <stdbool.h>

struct study_options {
    const struct filter *filter; /* --deck/--tag: narrows everything */
    long new_limit;              /* --new N, or new_per_day */
    bool new_option;             /* new_limit came from --new */
    bool no_plan;                /* --no-plan: plain SM-2 even with a goal */
};

struct study_queue {
    bool plan;                 /* the session follows the goal */
    struct plan_report report; /* the goal's numbers, when plan */
    long new_limit;            /* new cards the session was allowed */
    long new_queued;           /* new cards in the queue */
    long new_behind;           /* new cards (selected, for a plan) left out */
    long final_queued;         /* final-pass cards in the queue */
    long reviews_cut;          /* due reviews reviews_per_day left for later */
};

/* Fills the session's queue for today.  Returns 0, or -1 with err set. */
int study_queue_fill(struct store *st, const struct config *c, long today,
                     const struct study_options *o, struct session *session,
                     struct study_queue *q, struct error *err);
void study_queue_free(struct study_queue *q);

#endif
