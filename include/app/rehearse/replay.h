/* replay.h: the review log is the source of truth.
 *
 * Every card's scheduling state can be recomputed from its reviews alone:
 * start from the scheduler's initial state and apply each live grade in
 * the order logged (repeats and undone grades count for nothing; see
 * scheduler_replay).  This checks the stored state against that replay;
 * a migration that adds a scheduler fills in its state the same way. */
#ifndef REHEARSE_REPLAY_H
#define REHEARSE_REPLAY_H

#include "rehearse/error.h"
#include "rehearse/scheduler.h"
#include "rehearse/store.h"

#include <stdint.h>

struct replay_mismatch {
    int64_t card;
    struct scheduler_state stored, replayed;
    long stored_due, replayed_due; /* -1 while new */
};
typedef void (*replay_mismatch_fn)(void *ctx, const struct replay_mismatch *m);

struct replay_totals {
    long cards;      /* cards with at least one review, all replayed */
    long reviews;    /* reviews read */
    long mismatched; /* cards whose stored state differs from the replay */
};

/* Replays the log of every reviewed card through sched and compares the
 * result with the card's stored schedule, calling fn (which may be NULL)
 * for each difference.  Returns 0 and fills *totals, or -1 with err set
 * when the log cannot be read or could not have been written by rehearse. */
int replay_check(struct store *st, const struct scheduler *sched,
                 replay_mismatch_fn fn, void *ctx, struct replay_totals *totals,
                 struct error *err);

/* Recomputes card's FSRS state from its review log, with params (NULL
 * for the defaults), and writes it: the card's FSRS columns and every one
 * of its reviews' FSRS before and after, as rehearse would have written
 * them had it kept FSRS all along.  SM-2 is not touched.  Runs in the
 * caller's transaction; running it again changes nothing.  For a
 * migration, and for anything that writes a card's history without
 * grading it (an import of Anki's review log).  0, or -1 with err set. */
int replay_fill_fsrs(struct store *st, int64_t card,
                     const struct fsrs_params *params, struct error *err);
/* replay_fill_fsrs for every card with a review; *cards (if not NULL)
 * gets how many. */
int replay_fill_all_fsrs(struct store *st, const struct fsrs_params *params,
                         long *cards, struct error *err);

#endif
