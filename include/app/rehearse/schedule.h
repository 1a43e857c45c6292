/* schedule.h: the seam between the store's rows and the scheduler, for
 * the commands that grade cards (study, interview) and for replaying the
 * review log (replay.h).
 *
 * The store keeps SM-2's numbers (struct sm2) and the due day; the
 * session queue and the schedulers work on struct scheduler_state.  These
 * functions are the only place that copies one into the other, so a model
 * that keeps more per card changes this file and the store, not the
 * commands. */
#ifndef REHEARSE_SCHEDULE_H
#define REHEARSE_SCHEDULE_H

#include "rehearse/config.h"
#include "rehearse/scheduler.h"
#include "rehearse/session.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <time.h>

/* What grades a collection's cards: both models at once (scheduler_both)
 * with FSRS's desired retention and maximum interval from the config. */
struct collection_model {
    struct scheduler sched;
    struct fsrs_params fsrs;
};
/* Fills *m from the config and returns its scheduler, valid while *m is.
 * Which model's due day the queue reads is store_set_due_model's, which
 * app_open sets from the same config (collection_due_model). */
const struct scheduler *collection_scheduler(const struct config *c,
                                             struct collection_model *m);
/* Makes the store's queue read the due days of the config's scheduler. */
void collection_due_model(struct store *st, const struct config *c);

/* A stored card as the session queue holds it; moved says its schedule
 * was already moved today, so its grades are repeats. */
struct session_card session_card_of(const struct queued_card *q, bool moved);

/* The review to log for a session step: a grade, a repeat when the step
 * did not move the schedule, or a final-pass grade for a card shown
 * early. */
struct review review_of_step(const struct session_step *step, long day,
                             time_t at, long duration_ms);

/* The review to log when step is taken back. */
struct review review_of_undo(const struct session_step *step, long day,
                             time_t at);

#endif
