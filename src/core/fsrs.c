/* fsrs.c: the FSRS-6 memory model (stability, difficulty, retrievability,
 * intervals), written from the published formulas (the fsrs4anki wiki's
 * "The Algorithm", FSRS-6) and checked against ts-fsrs 5.4.2 by
 * tests/unit/test_fsrs.c.  Pure: no I/O, no clock, no randomness.
 *
 * ts-fsrs rounds every intermediate to 8 decimals; this file does not,
 * and the committed vectors agree with it to about 1e-8 relative (see
 * docs/scheduling.md), far inside the 1e-4 the tests ask for.  Rounding
 * an interval to whole days is floor(x + 0.5), as JavaScript's Math.round
 * does it, so a half day rounds up in both. */
#include "rehearse/fsrs.h"
#include "rehearse/scheduler.h"
#include "rehearse/util.h"

#include <math.h>
#include <stdbool.h>

const struct fsrs_params *fsrs_default_params(void)
{
    /* FSRS-6's defaults, as fsrs-rs and ts-fsrs publish them. */
    static const struct fsrs_params defaults = {
        .w = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
              0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
              1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542},
        .retention = FSRS_RETENTION,
        .max_interval = FSRS_MAX_INTERVAL,
    };
    return &defaults;
}

int fsrs_rating_of_grade(int grade)
{
    if (grade < 0 || grade > 5)
        return 0;
    if (grade <= 2)
        return FSRS_AGAIN;
    return grade - 1; /* 3 Hard, 4 Good, 5 Easy */
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* F in R(t, S) = (1 + F t / S)^(-w20): chosen so that R(S, S) = 0.9. */
static double curve_factor(const struct fsrs_params *p)
{
    return pow(0.9, -1.0 / p->w[20]) - 1.0;
}

double fsrs_retrievability(const struct fsrs_params *p, double elapsed,
                           double stability)
{
    return pow(1.0 + curve_factor(p) * elapsed / stability, -p->w[20]);
}

/* D0(G) = w4 - e^(w5 (G - 1)) + 1, before clamping: mean reversion pulls
 * towards D0(Easy) unclamped (it is negative with the defaults). */
static double raw_initial_difficulty(const struct fsrs_params *p, int rating)
{
    return p->w[4] - exp(p->w[5] * (rating - 1)) + 1.0;
}

struct fsrs_memory fsrs_initial(const struct fsrs_params *p,
                                enum fsrs_rating rating)
{
    struct fsrs_memory m = {
        .stability = clamp(p->w[rating - 1], FSRS_S_MIN, FSRS_S_MAX),
        .difficulty =
            clamp(raw_initial_difficulty(p, rating), FSRS_D_MIN, FSRS_D_MAX),
    };
    return m;
}

/* D' = w7 D0(Easy) + (1 - w7) (D + dD (10 - D) / 9), dD = -w6 (G - 3). */
static double next_difficulty(const struct fsrs_params *p, double d, int rating)
{
    double delta = -p->w[6] * (rating - 3);
    double damped = d + delta * (10.0 - d) / 9.0;
    double reverted = p->w[7] * raw_initial_difficulty(p, FSRS_EASY) +
                      (1.0 - p->w[7]) * damped;
    return clamp(reverted, FSRS_D_MIN, FSRS_D_MAX);
}

/* Same day: S' = S * S^(-w19) e^(w17 (G - 3 + w18)), never below S for a
 * pass. */
static double short_term_stability(const struct fsrs_params *p, double s,
                                   int rating)
{
    double inc = pow(s, -p->w[19]) * exp(p->w[17] * (rating - 3 + p->w[18]));
    if (rating >= FSRS_HARD && inc < 1.0)
        inc = 1.0;
    return clamp(s * inc, FSRS_S_MIN, FSRS_S_MAX);
}

/* A pass: S' = S (1 + e^w8 (11 - D) S^(-w9) (e^(w10 (1 - R)) - 1)
 * * (w15 if Hard) * (w16 if Easy)). */
static double recall_stability(const struct fsrs_params *p, double s, double d,
                               double r, int rating)
{
    const double *w = p->w;
    double grow =
        exp(w[8]) * (11.0 - d) * pow(s, -w[9]) * (exp(w[10] * (1.0 - r)) - 1.0);
    if (rating == FSRS_HARD)
        grow *= w[15];
    if (rating == FSRS_EASY)
        grow *= w[16];
    return clamp(s * (1.0 + grow), FSRS_S_MIN, FSRS_S_MAX);
}

/* A lapse: S' = w11 D^(-w12) ((S + 1)^w13 - 1) e^(w14 (1 - R)), and at
 * most S / e^(w17 w18), which FSRS-6 takes from its same-day model. */
static double forget_stability(const struct fsrs_params *p, double s, double d,
                               double r)
{
    const double *w = p->w;
    double f = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) *
               exp(w[14] * (1.0 - r));
    double cap = s / exp(w[17] * w[18]);
    return clamp(f < cap ? f : cap, FSRS_S_MIN, FSRS_S_MAX);
}

struct fsrs_memory fsrs_next(const struct fsrs_params *p, struct fsrs_memory m,
                             long elapsed, enum fsrs_rating rating)
{
    if (m.stability <= 0.0)
        return fsrs_initial(p, rating);
    struct fsrs_memory out;
    double s = m.stability, d = m.difficulty;
    if (elapsed == 0) {
        out.stability = short_term_stability(p, s, rating);
    } else {
        double r = fsrs_retrievability(p, (double)elapsed, s);
        out.stability = rating == FSRS_AGAIN
                            ? forget_stability(p, s, d, r)
                            : recall_stability(p, s, d, r, rating);
    }
    out.difficulty = next_difficulty(p, d, rating);
    return out;
}

long fsrs_interval(const struct fsrs_params *p, double stability)
{
    double days = stability / curve_factor(p) *
                  (pow(p->retention, -1.0 / p->w[20]) - 1.0);
    double rounded = floor(days + 0.5);
    if (rounded < 1.0)
        return 1;
    if (rounded > (double)p->max_interval)
        return p->max_interval;
    return (long)rounded;
}

long fsrs_fuzz(const struct fsrs_params *p, long days, int64_t card, long day)
{
    /* The spread grows by 15% of the days between 2.5 and 7, 10% up to
     * 20 and 5% beyond, on top of one day. */
    static const struct {
        double from, to, share;
    } ranges[] = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.10}, {20.0, 1e9, 0.05}};
    double x = (double)days;
    if (x < 2.5)
        return days;
    double spread = 1.0;
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (x > ranges[i].from)
            spread += ranges[i].share *
                      ((x < ranges[i].to ? x : ranges[i].to) - ranges[i].from);
    long lo = (long)floor(x - spread + 0.5), hi = (long)floor(x + spread + 0.5);
    lo = lo < 2 ? 2 : lo;
    hi = hi > p->max_interval ? p->max_interval : hi;
    lo = lo > hi ? hi : lo;
    uint64_t seed = (uint64_t)day;
    seed = (uint64_t)card ^ splitmix64(&seed);
    uint64_t h = splitmix64(&seed);
    double u = (double)(h >> 11) / 9007199254740992.0; /* [0, 1) */
    return lo + (long)(u * (double)(hi - lo + 1));
}

static long at_most(long days, long max)
{
    return days > max ? max : days;
}

long fsrs_review(const struct fsrs_params *p, struct fsrs_memory m,
                 long elapsed, enum fsrs_rating rating,
                 struct fsrs_memory *after)
{
    bool reviewed = m.stability > 0.0;
    struct fsrs_memory next = fsrs_next(p, m, elapsed, rating);
    if (after)
        *after = next;
    if (!reviewed || rating == FSRS_AGAIN)
        return fsrs_interval(p, next.stability);
    /* Order the three passes as ts-fsrs does, from each one's state. */
    long hard = fsrs_interval(p, fsrs_next(p, m, elapsed, FSRS_HARD).stability);
    long good = fsrs_interval(p, fsrs_next(p, m, elapsed, FSRS_GOOD).stability);
    if (hard > good)
        hard = good;
    if (good < hard + 1)
        good = hard + 1;
    if (rating == FSRS_HARD)
        return at_most(hard, p->max_interval);
    if (rating == FSRS_GOOD)
        return at_most(good, p->max_interval);
    long easy = fsrs_interval(p, next.stability);
    if (easy < good + 1)
        easy = good + 1;
    return at_most(easy, p->max_interval);
}

/* ---- FSRS-6 behind the scheduler interface (scheduler.h) ---- */

static void fsrs_sched_initial(struct scheduler_state *state)
{
    state->fsrs.memory.stability = 0.0;
    state->fsrs.memory.difficulty = 0.0;
    state->fsrs.last_day = -1;
    state->fsrs.due = -1;
}

static const struct fsrs_params *params_of(const struct scheduler *self)
{
    return self && self->fsrs ? self->fsrs : fsrs_default_params();
}

/* The elapsed days are today minus the last review's day; a grade dated
 * before it is refused, as ts-fsrs refuses a negative elapsed time. */
static int fsrs_sched_grade(const struct scheduler *self,
                            const struct scheduler_state *before, int grade,
                            long today, struct scheduler_state *after,
                            long *due_after)
{
    int rating = fsrs_rating_of_grade(grade);
    const struct fsrs_card *card = &before->fsrs;
    bool reviewed = card->memory.stability > 0.0;
    if (rating == 0 || (reviewed && today < card->last_day))
        return -1;
    long elapsed = reviewed ? today - card->last_day : 0;
    struct fsrs_memory m;
    const struct fsrs_params *p = params_of(self);
    long days =
        fsrs_review(p, card->memory, elapsed, (enum fsrs_rating)rating, &m);
    if (p->fuzz)
        days = fsrs_fuzz(p, days, before->card, today);
    *after = *before;
    after->fsrs.memory = m;
    after->fsrs.last_day = today;
    after->fsrs.due = today + days;
    *due_after = today + days;
    return 0;
}

/* A same-day repeat is a review 0 days after the last: the short-term
 * stability update, and a new FSRS due day.  A card FSRS has not seen
 * learns nothing from it (its first grade of the day is what starts it). */
static int fsrs_sched_repeat(const struct scheduler *self,
                             const struct scheduler_state *before, int grade,
                             long today, struct scheduler_state *after)
{
    long due;
    if (fsrs_rating_of_grade(grade) == 0)
        return -1;
    if (before->fsrs.memory.stability <= 0.0) {
        *after = *before;
        return 0;
    }
    return fsrs_sched_grade(self, before, grade, today, after, &due);
}

const struct scheduler *scheduler_fsrs(void)
{
    static const struct scheduler fsrs = {
        "fsrs", fsrs_sched_initial, fsrs_sched_grade, fsrs_sched_repeat, NULL};
    return &fsrs;
}
