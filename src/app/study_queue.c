/* study_queue.c: builds today's session queue.  See study_queue.h.
 *
 * A plan changes only which new cards come and adds the final pass; due
 * reviews and same-day repeats are SM-2's, plan or not.  A final-pass
 * card is queued as early: its grades are logged as 'final' and leave
 * the schedule as it was, so SM-2 stays exact (docs/scheduling.md). */
#include "rehearse/study_queue.h"

#include "rehearse/goal.h"
#include "rehearse/newcards.h"
#include "rehearse/schedule.h"

#include <string.h>

struct filling {
    struct store *st;
    struct session *session;
    struct study_queue *q;
    long today;
    long room; /* due reviews reviews_per_day still allows; -1: no limit */
    bool failed;
};

static int add_due(void *ctx, const struct queued_card *card)
{
    struct filling *f = ctx;
    if (f->room == 0) {
        f->q->reviews_cut++;
        return 0;
    }
    if (f->room > 0)
        f->room--;
    struct session_card c = session_card_of(card, false);
    session_add(f->session, &c);
    return 0;
}

/* A card failed earlier today comes back; its grades now are repeats, or
 * final-pass grades when the final pass showed it (no review today). */
static int add_repeat(void *ctx, const struct queued_card *card)
{
    struct filling *f = ctx;
    bool reviewed = false;
    if (store_reviewed_on(f->st, card->id, f->today, &reviewed)) {
        f->failed = true;
        return 1;
    }
    struct session_card c = session_card_of(card, true);
    c.early = !reviewed && card->due > f->today;
    session_add(f->session, &c);
    return 0;
}

static int add_new(void *ctx, const struct queued_card *card)
{
    struct filling *f = ctx;
    f->q->new_queued++;
    struct session_card c = session_card_of(card, false);
    session_add(f->session, &c);
    return 0;
}

static int add_final(void *ctx, const struct queued_card *card)
{
    struct filling *f = ctx;
    f->q->final_queued++;
    struct session_card c = session_card_of(card, false);
    c.early = true;
    session_add(f->session, &c);
    return 0;
}

static int fill_reviews(struct filling *f, const struct config *c,
                        const struct study_options *o)
{
    long done = 0;
    f->room = -1;
    if (c->reviews_per_day > 0) {
        if (store_reviews_done_on(f->st, f->today, &done))
            return -1;
        f->room = c->reviews_per_day > done ? c->reviews_per_day - done : 0;
    }
    return store_each_due(f->st, f->today, o->filter, add_due, f) ||
                   store_each_repeat(f->st, f->today, o->filter, add_repeat, f)
               ? -1
               : 0;
}

/* The new cards: a plan's quota from its selection (or --new N of them),
 * else what new_per_day leaves after today's. */
static int fill_new(struct filling *f, const struct config *c,
                    const struct study_options *o, struct error *err)
{
    struct study_queue *q = f->q;
    struct new_cards_query nq = {.filter = o->filter,
                                 .selected = q->plan,
                                 .deck_limits = !q->plan,
                                 .today = f->today};
    long seen = 0, waiting = 0;
    struct state_counts counts;
    if (q->plan)
        nq.limit = o->new_option ? o->new_limit : q->report.day.new_now;
    else {
        if (!o->new_option && store_new_seen(f->st, f->today, &seen))
            return error_set(err, ERROR_FAIL, "%s", store_error(f->st));
        nq.limit = o->new_limit > seen ? o->new_limit - seen : 0;
    }
    q->new_limit = nq.limit;
    if (new_cards_each(f->st, c, &nq, add_new, f, err))
        return -1;
    if (q->plan)
        waiting = q->report.total.new_cards;
    else if (store_state_counts(f->st, o->filter, &counts))
        return error_set(err, ERROR_FAIL, "%s", store_error(f->st));
    else
        waiting = counts.new_cards;
    q->new_behind = waiting - q->new_queued;
    return 0;
}

int study_queue_fill(struct store *st, const struct config *c, long today,
                     const struct study_options *o, struct session *session,
                     struct study_queue *q, struct error *err)
{
    memset(q, 0, sizeof *q);
    struct filling f = {.st = st, .session = session, .q = q, .today = today};
    if (!o->no_plan) {
        if (plan_report_load_totals(st, today, &q->report, err))
            return -1;
        q->plan = plan_active(&q->report);
    }
    if (fill_reviews(&f, c, o) || f.failed)
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    if (fill_new(&f, c, o, err))
        return -1;
    const struct plan_day *day = &q->report.day;
    if (q->plan && day->final_now > 0 &&
        store_each_final(st, q->report.goal.day, day->final_from,
                         day->final_now, o->filter, add_final, &f))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    return 0;
}

void study_queue_free(struct study_queue *q)
{
    plan_report_free(&q->report);
}
