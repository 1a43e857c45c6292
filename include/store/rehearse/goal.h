/* goal.h: the collection's interview goal and what a plan reads about the
 * cards it selects (src/store/goal.c).
 *
 * One goal at a time: a date, a daily budget in minutes, and a selection
 * (decks and tags; none of either means all).  The selected cards are
 * the live cards in the goal's decks that carry one of its tags.  What a
 * plan makes of these numbers is src/core/plan.c's business. */
#ifndef REHEARSE_GOAL_H
#define REHEARSE_GOAL_H

#include "rehearse/store.h"

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct goal {
    long day;    /* the interview's study day */
    int minutes; /* daily budget, 1..1440 */
    time_t set_at;
    long set_day; /* the study day it was set, before `day` */
    char **decks; /* deck ids (slugs); ndecks == 0: every deck */
    size_t ndecks;
    char **tags; /* ntags == 0: every tag */
    size_t ntags;
};
void goal_free(struct goal *g);

/* Replaces the goal, its decks and tags in one transaction.  The caller
 * has checked that every deck exists (filter_check); an unknown one
 * fails here all the same, and the old goal stays. */
int store_goal_set(struct store *st, const struct goal *g);
/* The goal into *g, with *present false (and *g zeroed) when none is
 * set.  The caller frees it with goal_free. */
int store_goal_get(struct store *st, struct goal *g, bool *present);
int store_goal_clear(struct store *st);

/* Per deck, what the plan's progress table shows.  final_left counts the
 * selected cards a final pass starting on `final_from` still has to show:
 * due on or after the goal's day and not graded since final_from.  (A
 * card due before the goal's day is shown by SM-2; a new one is
 * introduced, not passed over.)
 * Weak: the last grade was below 4 or its typed answer missed a key
 * point. */
struct plan_deck {
    char *deck; /* id (slug) */
    long selected, new_cards, seen_once, seen_twice, weak;
    long due_today; /* due on or before today */
    long final_left;
    /* FSRS-6's predicted recall on the goal's day, the mean over the
     * deck's reviewed cards if nothing more is studied; -1 when none has
     * been reviewed. */
    double recall;
};
int store_plan_decks(struct store *st, long today, long goal_day,
                     long final_from, struct plan_deck **decks, size_t *n);
void plan_decks_free(struct plan_deck *decks, size_t n);
/* Only the two totals a study session needs, over every selected deck:
 * new cards, and final_left as above.  Two index range counts, where
 * store_plan_decks reads every selected card's index entry. */
int store_plan_totals(struct store *st, long goal_day, long final_from,
                      long *new_cards, long *final_left);

/* Durations of the latest graded reviews, newest first, at most max of
 * them: what a plan sizes a day from. */
int store_recent_durations(struct store *st, long *ms, size_t max, size_t *n);

/* Of today's grades, the selected cards introduced (*new_seen) and the
 * final-pass cards shown (*final_done), each counted once. */
int store_plan_today(struct store *st, long today, long *new_seen,
                     long *final_done);

/* Due reviews (not new cards) graded on `today`: what reviews_per_day
 * counts. */
int store_reviews_done_on(struct store *st, long today, long *n);

/* The decks with live new cards the filter lets through, by id: the
 * rotation for interleaving new cards. */
int store_new_decks(struct store *st, const struct filter *f, bool selected,
                    int64_t **decks, char ***slugs, size_t *n);
/* Up to `limit` new cards of one deck in deck order, through the filter,
 * and (when selected) only cards the goal selects. */
int store_each_new_in(struct store *st, int64_t deck, long limit,
                      const struct filter *f, bool selected, queued_fn fn,
                      void *ctx);
/* Up to `limit` new cards in a random order (new_order = random): a full
 * scan of the new cards, which the user chose. */
int store_each_new_random(struct store *st, long limit, const struct filter *f,
                          bool selected, queued_fn fn, void *ctx);
/* New cards introduced on `today`, per deck id (for per-deck limits). */
int store_new_seen_in(struct store *st, int64_t deck, long today, long *n);
/* The final pass: selected live cards due on or after goal_day (so SM-2
 * would not show them before it) and not graded since final_from; the
 * weakest first (lowest last grade, then a missed key point, then lowest
 * ease, then most lapses), decks interleaved within each grade, at most
 * `limit`.  New cards are not here: the new-card queue introduces them. */
int store_each_final(struct store *st, long goal_day, long final_from,
                     long limit, const struct filter *f, queued_fn fn,
                     void *ctx);

#endif
