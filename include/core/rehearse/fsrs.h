/* fsrs.h: the FSRS-6 memory model, in double precision, with no I/O.
 *
 * FSRS describes a card's memory by two numbers: stability S, the days
 * after which the chance of recall falls to 90%, and difficulty D, from 1
 * (easy) to 10 (hard).  Retrievability R(t, S) is that chance t days
 * after the last review.  A rating moves (S, D); the next interval is the
 * number of days until R falls to the desired retention.  The formulas
 * are FSRS-6's as published (the fsrs4anki wiki, "The Algorithm") and
 * docs/scheduling.md gives them; tests/unit/test_fsrs.c checks them
 * against the reference scheduler ts-fsrs (tests/data/fsrs/).
 *
 * Fuzz (a spread of intervals, so that cards learnt together do not stay
 * due together) is off unless params.fuzz is set; then it is drawn from
 * a hash of the card's id and the day (fsrs_fuzz), so a replay of the
 * log gives the same days again. */
#ifndef REHEARSE_FSRS_H
#define REHEARSE_FSRS_H

#include <stdbool.h>
#include <stdint.h>

#define FSRS_WEIGHTS 21         /* w0..w20 */
#define FSRS_RETENTION 0.9      /* the default desired retention */
#define FSRS_MAX_INTERVAL 36500 /* the default longest interval, days */
#define FSRS_S_MIN 0.001        /* stability is kept in [S_MIN, S_MAX] */
#define FSRS_S_MAX 36500.0
#define FSRS_D_MIN 1.0 /* difficulty is kept in [1, 10] */
#define FSRS_D_MAX 10.0

/* FSRS's four ratings, numbered as FSRS numbers them (G in the formulas). */
enum fsrs_rating { FSRS_AGAIN = 1, FSRS_HARD, FSRS_GOOD, FSRS_EASY };

struct fsrs_params {
    double w[FSRS_WEIGHTS]; /* w20 is the decay of the forgetting curve */
    double retention;       /* desired retention, in (0, 1]; default 0.9 */
    long max_interval;      /* >= 1; default 36500 */
    bool fuzz;              /* spread intervals (fsrs_fuzz); default off */
};

/* A card's memory state.  stability 0 means never reviewed. */
struct fsrs_memory {
    double stability;  /* days; FSRS_S_MIN..FSRS_S_MAX once reviewed */
    double difficulty; /* FSRS_D_MIN..FSRS_D_MAX once reviewed */
};

/* What the FSRS scheduler keeps per card: its part of struct
 * scheduler_state (scheduler.h).  All zero is a card never reviewed. */
struct fsrs_card {
    struct fsrs_memory memory; /* stability 0: never reviewed */
    long last_day; /* study day of the last grade that moved the schedule,
                      for the elapsed days; meaningful once reviewed */
    long due;      /* the study day FSRS makes the card due, -1 while new */
};

/* FSRS-6's published defaults: the 21 weights, retention 0.9, interval
 * at most 36500 days. */
const struct fsrs_params *fsrs_default_params(void);

/* rehearse's grade (0..5) as an FSRS rating: 0, 1, 2 are Again, 3 Hard,
 * 4 Good, 5 Easy.  Returns 0 for a grade off the scale. */
int fsrs_rating_of_grade(int grade);

/* R(t, S) = (1 + F t / S)^(-w20), F = 0.9^(-1/w20) - 1, so R(S, S) = 0.9.
 * t >= 0 days (any real number), S > 0. */
double fsrs_retrievability(const struct fsrs_params *p, double elapsed,
                           double stability);

/* The state after the first rating of a card. */
struct fsrs_memory fsrs_initial(const struct fsrs_params *p,
                                enum fsrs_rating rating);

/* The state after `rating`, `elapsed` whole days after the last review
 * (0: the same day, which takes FSRS-6's short-term formula).  A card
 * never reviewed (stability 0) gets fsrs_initial.  elapsed >= 0. */
struct fsrs_memory fsrs_next(const struct fsrs_params *p, struct fsrs_memory m,
                             long elapsed, enum fsrs_rating rating);

/* round(S / F * (retention^(-1/w20) - 1)), within [1, max_interval]: the
 * days until R falls to the desired retention. */
long fsrs_interval(const struct fsrs_params *p, double stability);

/* An interval of `days` spread within the ranges Anki and ts-fsrs use
 * (about +-15% at a week, +-5% past three weeks, never below 2, never
 * past max_interval; under 3 days it is left alone), at a point drawn
 * from a hash of (card, day): the same card graded the same day always
 * gets the same interval. */
long fsrs_fuzz(const struct fsrs_params *p, long days, int64_t card, long day);

/* The interval a scheduler gives for `rating` from state m after
 * `elapsed` days: fsrs_interval of the new state, except that on a card
 * already reviewed Hard is at most Good, Good at least Hard + 1 and Easy
 * at least Good + 1 (as ts-fsrs and Anki order them), all within
 * [1, max_interval].  *after, when not NULL, receives the new state. */
long fsrs_review(const struct fsrs_params *p, struct fsrs_memory m,
                 long elapsed, enum fsrs_rating rating,
                 struct fsrs_memory *after);

#endif
