/* sm2.c: the SM-2 scheduler.  No I/O; see sm2.h for the contract. */
#include "rehearse/sm2.h"

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
