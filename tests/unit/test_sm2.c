/* test_sm2.c: SM-2 against hand-computed schedules. */
#include "check.h"
#include "rehearse/sm2.h"

struct step {
    int grade, reps, interval, ef, lapses;
};

struct sequence {
    const char *name;
    struct sm2 start;
    struct step steps[8];
    int nsteps;
};

#define NEW                                                                    \
    {                                                                          \
        0, 0, 250, 0                                                           \
    }

static const struct sequence sequences[] = {
    {"all fives",
     NEW,
     {{5, 1, 1, 260, 0},
      {5, 2, 6, 270, 0},
      {5, 3, 17, 280, 0},
      {5, 4, 48, 290, 0}},
     4},
    {"all fours keep EF",
     NEW,
     {{4, 1, 1, 250, 0},
      {4, 2, 6, 250, 0},
      {4, 3, 15, 250, 0},
      {4, 4, 38, 250, 0}},
     4},
    {"threes lower EF, interval uses EF before the grade",
     NEW,
     {{3, 1, 1, 236, 0},
      {3, 2, 6, 222, 0},
      {3, 3, 14, 208, 0},
      {3, 4, 30, 194, 0}},
     4},
    {"EF floor at 1.3",
     NEW,
     {{0, 0, 1, 170, 0},
      {0, 0, 1, 130, 0},
      {1, 0, 1, 130, 0},
      {5, 1, 1, 140, 0}},
     4},
    {"failure resets repetitions and counts a lapse",
     NEW,
     {{5, 1, 1, 260, 0},
      {5, 2, 6, 270, 0},
      {2, 0, 1, 238, 1},
      {4, 1, 1, 238, 1},
      {4, 2, 6, 238, 1},
      {4, 3, 15, 238, 1}},
     6},
    {"integer EF: 30 x 1.7 is 51, not 52",
     {3, 30, 170, 0},
     {{4, 4, 51, 170, 0}},
     1},
    {"grade 1 after a long run",
     {5, 100, 200, 2},
     {{1, 0, 1, 146, 3}, {5, 1, 1, 156, 3}},
     2},
};

int main(void)
{
    static const int deltas[] = {-80, -54, -32, -14, 0, 10};
    for (int q = 0; q <= 5; q++)
        CHECK_INT(sm2_ef_delta(q), deltas[q]);
    CHECK(sm2_valid_grade(0) && sm2_valid_grade(5));
    CHECK(!sm2_valid_grade(-1) && !sm2_valid_grade(6));
    for (size_t i = 0; i < sizeof sequences / sizeof sequences[0]; i++) {
        const struct sequence *seq = &sequences[i];
        struct sm2 s = seq->start;
        check_case = seq->name;
        for (int k = 0; k < seq->nsteps; k++) {
            const struct step *e = &seq->steps[k];
            s = sm2_review(s, e->grade);
            CHECK_INT(s.reps, e->reps);
            CHECK_INT(s.interval, e->interval);
            CHECK_INT(s.ef, e->ef);
            CHECK_INT(s.lapses, e->lapses);
        }
    }
    return check_report("test_sm2");
}
