/* session.h: today's study queue, as pure logic.
 *
 * The queue knows cards only by id and schedule; the caller fetches text
 * from the store and shows it.  Grades go to the session's scheduler
 * (scheduler.h), so the queue is the same for every model.  It implements
 * same-day repetition (a card graded below SCHED_WELL_KNOWN goes to the
 * back of the queue until it earns a 4 or 5; only the first grade of the
 * day moves the schedule, later ones are repeats) and undo of any action
 * (a grade, a skip, a suspension), last first. */
#ifndef REHEARSE_SESSION_H
#define REHEARSE_SESSION_H

#include "rehearse/scheduler.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct session_card {
    int64_t id;
    struct scheduler_state state;
    long due;   /* study day, -1 while new */
    bool moved; /* already graded today: later grades leave the schedule */
    bool again; /* a copy this session put back after a low grade */
    bool early; /* shown before its due day by a plan's final pass: its
                   grades are logged and move nothing */
};

/* What a step of the session did to the card it was about. */
enum session_action {
    SESSION_GRADE,   /* graded (see grade) */
    SESSION_SKIP,    /* left for another day */
    SESSION_SUSPEND, /* suspended: the caller stores that */
};

struct session_step {
    enum session_action action;
    struct session_card card;     /* as it was before the step */
    int grade;                    /* SESSION_GRADE only */
    bool moves;                   /* this grade moved the schedule */
    bool requeued;                /* the card went to the back of the queue */
    struct scheduler_state after; /* the schedule after the grade */
    long due_after;
    int64_t review_id; /* set by the caller once the review is stored */
};

struct session {
    const struct scheduler *sched;
    long today;
    struct session_card *queue; /* waiting cards are queue[head..len) */
    size_t head, len, cap;
    struct session_step *steps; /* undo stack */
    size_t nsteps, steps_cap;
};

/* An empty queue for `today` whose grades go to sched. */
void session_init(struct session *s, const struct scheduler *sched, long today);
void session_free(struct session *s);
/* Appends a card to the queue. */
void session_add(struct session *s, const struct session_card *card);
/* The card to show now, or NULL when the session is over. */
const struct session_card *session_current(const struct session *s);
/* Cards still waiting, the current one included. */
size_t session_left(const struct session *s);
/* Grades the current card; the caller ensures there is one and that the
 * grade is on the scale (0..5).  Returns the step, which stays valid until
 * the next call that changes the session. */
struct session_step *session_grade(struct session *s, int grade);
/* Removes the current card from today's queue without grading it, as a
 * step that can be undone; why is SESSION_SKIP or SESSION_SUSPEND. */
void session_drop(struct session *s, enum session_action why);
/* Takes back the last step, whatever its action: the card returns to the
 * front with the schedule it had.  Returns false when there is nothing to
 * undo; otherwise copies the step that was undone to *undone. */
bool session_undo(struct session *s, struct session_step *undone);
/* Puts card at the front of the queue, removing any copy of it still
 * waiting: for a grade of an earlier session taken back from the log.
 * The caller ensures session_undo has nothing left to undo. */
void session_put_front(struct session *s, const struct session_card *card);

/* What a person would count, for the progress line and the summary. */
struct session_counts {
    size_t done;     /* cards finished for today in this session */
    size_t left;     /* waiting cards not yet seen today (current too) */
    size_t again;    /* waiting cards seen today, to come back later */
    size_t reviewed; /* cards graded in this session, each once */
    size_t correct;  /* of those, recalled (>= SCHED_PASS) the first time */
};
void session_count(const struct session *s, struct session_counts *out);

#endif
