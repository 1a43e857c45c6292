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
#include "rehearse/error.h"
#include "rehearse/scheduler.h"
#include "rehearse/session.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <time.h>

/* What grades a collection's cards: both models at once (scheduler_both)
 * with the FSRS parameters in use (store_fsrs_params). */
struct collection_model {
    struct scheduler sched;
};
/* Fills *m and returns its scheduler, valid while *m is. */
const struct scheduler *collection_scheduler(const struct store *st,
                                             struct collection_model *m);
/* Sets what the store's FSRS uses (the collection's fitted weights, else
 * FSRS-6's defaults, with the config's desired retention and maximum
 * interval) and which model's due days the queue reads (the config's
 * scheduler).  app_open calls it; so does optimize after a fit. */
int collection_use_model(struct store *st, const struct config *c,
                         struct error *err);

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
