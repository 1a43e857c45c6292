/* sm2.c: the SM-2 scheduler, as exact integer arithmetic, and the same
 * behind the scheduler interface.  No I/O; see sm2.h and scheduler.h. */
#include "rehearse/sm2.h"
#include "rehearse/scheduler.h"

struct sm2 sm2_new(void)
{
    struct sm2 s = {.reps = 0, .interval = 0, .ef = SM2_EF_START, .lapses = 0};
    return s;
}

int sm2_valid_grade(int grade)
{
    return grade >= 0 && grade <= SM2_GRADE_MAX;
}

int sm2_ef_delta(int grade)
{
    /* EF' = EF + (0.1 - (5-q)(0.08 + (5-q)0.02)), scaled by 100. */
    int d = SM2_GRADE_MAX - grade;
    return 10 - d * (8 + d * 2);
}

static int next_ef(int ef, int grade)
{
    int updated = ef + sm2_ef_delta(grade);
    return updated < SM2_EF_FLOOR ? SM2_EF_FLOOR : updated;
}

struct sm2 sm2_review(struct sm2 s, int grade)
{
    struct sm2 out = s;
    out.ef = next_ef(s.ef, grade);
    if (grade < SM2_PASS) {
        if (s.reps > 0)
            out.lapses++;
        out.reps = 0;
        out.interval = 1;
        return out;
    }
    out.reps = s.reps + 1;
    if (out.reps == 1)
        out.interval = 1;
    else if (out.reps == 2)
        out.interval = 6;
    else /* ceil(interval * EF), with EF in hundredths */
        out.interval = (s.interval * s.ef + 99) / 100;
    return out;
}

/* ---- SM-2 behind the scheduler interface (scheduler.h) ---- */

_Static_assert(SM2_GRADE_MAX == SCHED_GRADE_MAX && SM2_PASS == SCHED_PASS &&
                   SM2_WELL_KNOWN == SCHED_WELL_KNOWN,
               "SM-2 defines the grade scale every scheduler takes");

static void sm2_initial(struct scheduler_state *state)
{
    state->sm2 = sm2_new();
}

static int sm2_grade(const struct scheduler *self,
                     const struct scheduler_state *before, int grade,
                     long today, struct scheduler_state *after, long *due_after)
{
    (void)self;
    if (!sm2_valid_grade(grade))
        return -1;
    *after = *before;
    after->sm2 = sm2_review(before->sm2, grade);
    *due_after = today + after->sm2.interval;
    return 0;
}

const struct scheduler *scheduler_sm2(void)
{
    static const struct scheduler sm2 = {"sm2", sm2_initial, sm2_grade, NULL,
                                         NULL};
    return &sm2;
}
