/* scheduler.h: how a grade becomes a card's next schedule, whatever the
 * model behind it.
 *
 * A scheduler is a table of functions over one per-card state.  SM-2
 * (scheduler_sm2, in sm2.c) and FSRS-6 (scheduler_fsrs, in fsrs.c) are
 * behind it; a model is one table in its own file and one row in
 * scheduler_find's list.  The session queue and the commands call only
 * through this interface, so they do not change.
 *
 * The seam with the store: the collection keeps, per card and per review,
 * SM-2's numbers (struct sm2) and the due day, and store.h's queued_card
 * and review hold exactly those.  struct scheduler_state wraps struct sm2
 * as its SM-2 part, and the due day travels beside it as a plain long, so
 * a stored row converts by copying (src/cli/schedule.c does it, in one
 * place).  A model that keeps more per card adds its part to the struct
 * below, and the store grows columns for it; callers that pass states
 * around do not change.  The collection keeps both models for every card
 * (scheduler_both): SM-2's due day travels as the plain long, FSRS's in
 * its own part (fsrs.due), and the store's queue reads the one the
 * config chose.
 *
 * Grades are on one scale for every model: 0..5, as SM-2 defines them.
 * A model with fewer ratings (FSRS has four) maps the scale onto its own.
 * The scale's two thresholds are also written into the store's SQL (the
 * daily "passed" totals and store_each_repeat), so they belong to the
 * application, not to one model. */
#ifndef REHEARSE_SCHEDULER_H
#define REHEARSE_SCHEDULER_H

#include "rehearse/fsrs.h"
#include "rehearse/sm2.h"

#include <stdbool.h>
#include <stddef.h>

#define SCHED_GRADE_MAX 5
#define SCHED_PASS 3       /* grades >= 3 count as recalled */
#define SCHED_WELL_KNOWN 4 /* a card graded below 4 comes back the same day */

/* What a card carries between reviews, for every model.  Each scheduler
 * reads and writes only its own part and copies the rest through. */
struct scheduler_state {
    struct sm2 sm2; /* SM-2: all the store keeps today; first, so that
                       {sm2} initialises a state */
    /* FSRS-6: stability, difficulty and the day of the last grade that
     * moved the schedule (grade's `today` minus that day is the elapsed
     * days).  All zero for a card FSRS has not seen.  SM-2 ignores it. */
    struct fsrs_card fsrs;
    /* The card's id, which seeds FSRS's fuzz (fsrs_fuzz); whoever builds
     * a state from a stored card sets it, 0 when there is none. */
    int64_t card;
};

struct scheduler {
    const char *name; /* as a config file would name it: "sm2" */
    /* The state of a card never reviewed (its due day is -1). */
    void (*initial)(struct scheduler_state *state);
    /* The state and due day after the first grade of `today` (0..5).
     * before and after may be the same object.  Returns 0, or -1 when the
     * grade is off the scale (then *after and *due_after are untouched).
     * self is the table called, for its parameters. */
    int (*grade)(const struct scheduler *self,
                 const struct scheduler_state *before, int grade, long today,
                 struct scheduler_state *after, long *due_after);
    /* A later grade the same day (a same-day repeat): the state after it,
     * or NULL when the model learns nothing from repeats (SM-2).  FSRS
     * takes its short-term update and moves its own due day.  Returns 0 or
     * -1 as grade does; the plain due day never moves. */
    int (*repeat)(const struct scheduler *self,
                  const struct scheduler_state *before, int grade, long today,
                  struct scheduler_state *after);
    /* FSRS's parameters (weights, desired retention, maximum interval);
     * NULL for the defaults.  SM-2 ignores them. */
    const struct fsrs_params *fsrs;
};

/* SM-2, exactly as sm2.h computes it. */
const struct scheduler *scheduler_sm2(void);
/* FSRS-6 with its default parameters (fsrs.h): grades map to ratings by
 * fsrs_rating_of_grade, the due day is today plus fsrs_review's interval.
 * A grade dated before the card's last review returns -1. */
const struct scheduler *scheduler_fsrs(void);
/* Both models at once, as the collection keeps them: a grade moves SM-2
 * (exactly as scheduler_sm2) and FSRS-6 (as scheduler_fsrs, with params,
 * or the defaults when NULL) in the same state; the due day it returns is
 * SM-2's and FSRS's is state->fsrs.due.  A repeat moves FSRS only.  Fills
 * *out, which the caller keeps for as long as it is used. */
void scheduler_both(struct scheduler *out, const struct fsrs_params *params);
/* The scheduler called `name`, or NULL when there is none. */
const struct scheduler *scheduler_find(const char *name);

/* True for grades on the scale, 0..SCHED_GRADE_MAX. */
bool scheduler_valid_grade(int grade);

/* ---- replaying the review log ---- */

/* The review log is the source of truth: a card's state is what its
 * reviews, replayed in order, make of its starting state. */
enum sched_event_kind {
    SCHED_GRADE,   /* the first grade of a day: moves the schedule */
    SCHED_REPEAT,  /* a later grade the same day: moves only a model with
                      a repeat function (FSRS), never the due day */
    SCHED_UNDO,    /* takes back an earlier review of the same card */
    SCHED_FORWARD, /* an interview made the card due on `day`, if later:
                      the state stays, only the due days move */
    SCHED_FINAL,   /* a plan's final-pass grade: logged, moves no model */
};

struct sched_event {
    enum sched_event_kind kind;
    int grade;   /* 0..5; ignored for an undo */
    long day;    /* the study day of the review */
    long undoes; /* an undo: the index in the log of the review it takes
                    back, which must come before it; else ignored */
};

/* Replays log[0..n) over *state and *due, which hold the card's state
 * before the first review (initial and -1 for a card that started new)
 * and on return hold its state after the last.  An undone review counts
 * for nothing, so the result is the live grades applied in order.
 * Returns 0, or -1 when the log cannot have been written by rehearse (a
 * grade off the scale, an undo of a later review, of an undo, or of a
 * review already undone), leaving *state and *due untouched. */
int scheduler_replay(const struct scheduler *sched,
                     const struct sched_event *log, size_t n,
                     struct scheduler_state *state, long *due);

#endif
