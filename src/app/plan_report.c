/* plan_report.c: gathers a goal's numbers from the store and runs them
 * through plan.c.  See plan_report.h. */
#include "rehearse/plan_report.h"

#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

/* The total's recall is the mean over every reviewed card, so each deck
 * counts by its reviewed cards (seen_once). */
static void add_recall(struct plan_deck *sum, const struct plan_deck *d,
                       double *weighted, long *reviewed)
{
    if (d->recall < 0)
        return;
    *weighted += d->recall * (double)d->seen_once;
    *reviewed += d->seen_once;
    sum->recall = *reviewed ? *weighted / (double)*reviewed : -1;
}

static void add_deck(struct plan_deck *sum, const struct plan_deck *d)
{
    sum->selected += d->selected;
    sum->new_cards += d->new_cards;
    sum->seen_once += d->seen_once;
    sum->seen_twice += d->seen_twice;
    sum->weak += d->weak;
    sum->due_today += d->due_today;
    sum->final_left += d->final_left;
}

static int by_load(const void *a, const void *b)
{
    const struct plan_deck *x = a, *y = b;
    long lx = x->new_cards + x->final_left, ly = y->new_cards + y->final_left;
    return (ly > lx) - (ly < lx);
}

/* Which decks to leave out, biggest load first, for the rest to fit the
 * budget; none when the goal fits, has one deck, or fits without all. */
static void find_drops(struct plan_report *r)
{
    if (r->day.on_track || r->ndecks < 2)
        return;
    struct plan_deck *order = xcalloc(r->ndecks, sizeof *order);
    memcpy(order, r->decks, r->ndecks * sizeof *order);
    qsort(order, r->ndecks, sizeof *order, by_load);
    struct plan_input in = r->in;
    struct plan_day day;
    r->drop = xcalloc(r->ndecks, sizeof *r->drop);
    for (size_t i = 0; i + 1 < r->ndecks; i++) {
        in.new_left -= order[i].new_cards;
        in.final_left -= order[i].final_left;
        r->drop[r->ndrop++] = order[i].deck;
        plan_compute(&in, &day);
        if (day.on_track)
            break;
    }
    if (!day.on_track)
        r->ndrop = 0;
    free(order);
}

static int fail(struct store *st, struct plan_report *r, struct error *err)
{
    plan_report_free(r);
    return error_set(err, ERROR_FAIL, "%s", store_error(st));
}

/* The goal and what every report needs besides the per-deck numbers:
 * the pace and today's counts.  *present false: no goal (r is empty). */
static int load_goal(struct store *st, long today, struct plan_report *r,
                     struct error *err)
{
    memset(r, 0, sizeof *r);
    r->later_day = -1;
    if (store_goal_get(st, &r->goal, &r->present))
        return fail(st, r, err);
    if (!r->present)
        return 0;
    r->ended = today > r->goal.day;
    long ms[PLAN_DURATION_SAMPLES];
    struct plan_input *in = &r->in;
    in->today = today;
    in->goal_day = r->goal.day;
    in->minutes = r->goal.minutes;
    if (store_recent_durations(st, ms, PLAN_DURATION_SAMPLES, &r->samples) ||
        store_plan_today(st, today, &in->new_seen_today,
                         &in->final_done_today) ||
        store_count_due(st, today, NULL, &in->due_today))
        return fail(st, r, err);
    in->seconds_per_card = plan_seconds_per_card(ms, r->samples);
    return 0;
}

int plan_report_load_totals(struct store *st, long today, struct plan_report *r,
                            struct error *err)
{
    if (load_goal(st, today, r, err))
        return -1;
    if (!r->present)
        return 0;
    struct plan_input *in = &r->in;
    if (store_plan_totals(st, r->goal.day, r->goal.day - PLAN_FINAL_DAYS,
                          &in->new_left, &in->final_left))
        return fail(st, r, err);
    r->total.new_cards = in->new_left;
    r->total.final_left = in->final_left;
    r->total.recall = -1;
    plan_compute(in, &r->day);
    return 0;
}

int plan_report_load(struct store *st, long today, struct plan_report *r,
                     struct error *err)
{
    if (load_goal(st, today, r, err))
        return -1;
    if (!r->present)
        return 0;
    struct plan_input *in = &r->in;
    if (store_plan_decks(st, today, r->goal.day, r->goal.day - PLAN_FINAL_DAYS,
                         &r->decks, &r->ndecks))
        return fail(st, r, err);
    double weighted = 0;
    long reviewed = 0;
    r->total.recall = -1;
    for (size_t i = 0; i < r->ndecks; i++) {
        add_deck(&r->total, &r->decks[i]);
        add_recall(&r->total, &r->decks[i], &weighted, &reviewed);
    }
    in->new_left = r->total.new_cards;
    in->final_left = r->total.final_left;
    plan_compute(in, &r->day);
    if (!r->day.on_track && !r->ended) {
        r->later_day = plan_later_day(in);
        find_drops(r);
    }
    return 0;
}

void plan_report_free(struct plan_report *r)
{
    goal_free(&r->goal);
    plan_decks_free(r->decks, r->ndecks);
    free(r->drop);
    memset(r, 0, sizeof *r);
}

bool plan_active(const struct plan_report *r)
{
    return r->present && !r->ended;
}
