/* test_fsrs.c: FSRS-6 (fsrs.h) against the vectors ts-fsrs wrote
 * (tests/data/fsrs/, made by generate.mjs), and FSRS behind the scheduler
 * interface beside an untouched SM-2.
 *
 * Memory states and retrievability must match to 1e-4 relative and
 * intervals exactly, on every review in the vectors: distinct-day ones
 * and same-day ones alike, since fsrs.c follows ts-fsrs's convention for
 * a second review on the same day (FSRS-6's short-term formula, elapsed
 * 0).  FSRS_DATA, the folder of the vectors, comes from CMake. */
#include "check.h"
#include "rehearse/fsrs.h"
#include "rehearse/scheduler.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define REL_TOLERANCE 1e-4
/* ts-fsrs rounds what it reports to 8 decimals, so a value below 1e-4 (a
 * retrievability far down a steep curve) is only known to 5e-9. */
#define REF_ROUNDING 5e-9

static double max_rel_error; /* over expected values of at least 1e-4 */

static void check_close(const char *what, double actual, double expected,
                        long line)
{
    double err = fabs(actual - expected);
    double rel = err / fabs(expected);
    if (fabs(expected) >= 1e-4 && rel > max_rel_error)
        max_rel_error = rel;
    if (rel > REL_TOLERANCE && err > REF_ROUNDING) {
        fprintf(stderr, "%s line %ld: %s: expected %.10g, got %.10g\n",
                check_case, line, what, expected, actual);
        check_failures++;
    }
}

static FILE *open_vectors(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", FSRS_DATA, name);
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        fprintf(stderr, "cannot open '%s'\n", path);
    return fp;
}

/* ---- retrievability.txt: decay elapsed stability R ---- */

static void check_retrievability_table(void)
{
    FILE *fp = open_vectors("retrievability.txt");
    char buf[256];
    long line = 0, rows = 0;
    struct fsrs_params p = *fsrs_default_params();
    check_case = "retrievability.txt";
    CHECK(fp != NULL);
    while (fp && fgets(buf, sizeof buf, fp)) {
        double decay, t, s, r;
        line++;
        if (buf[0] == '#')
            continue;
        CHECK_INT(sscanf(buf, "%lf %lf %lf %lf", &decay, &t, &s, &r), 4);
        p.w[20] = decay;
        check_close("R", fsrs_retrievability(&p, t, s), r, line);
        rows++;
    }
    CHECK(rows > 1000);
    if (fp)
        fclose(fp);
    printf("fsrs: %ld retrievability rows, max relative error %.2g\n", rows,
           max_rel_error);
    max_rel_error = 0.0;
}

/* ---- histories.txt, replayed through the scheduler interface ---- */

struct vector_review {
    long hist, rev, day, elapsed, interval, plain;
    int rating;
    double r_before, stability, difficulty;
};

static int read_review(const char *buf, struct vector_review *v)
{
    return sscanf(buf, "%ld %ld %ld %d %ld %lf %lf %lf %ld %ld", &v->hist,
                  &v->rev, &v->day, &v->rating, &v->elapsed, &v->r_before,
                  &v->stability, &v->difficulty, &v->interval, &v->plain);
}

/* A rehearse grade for an FSRS rating, using every grade Again has. */
static int grade_for(int rating, long rev)
{
    return rating == FSRS_AGAIN ? (int)(rev % 3) : rating + 1;
}

struct replay_totals {
    long reviews, same_day, histories;
};

static void check_review(const struct vector_review *v,
                         struct scheduler_state *st, long line,
                         struct replay_totals *totals)
{
    const struct scheduler *fsrs = scheduler_fsrs();
    const struct fsrs_params *p = fsrs_default_params();
    struct fsrs_memory before = st->fsrs.memory;
    long due = -1;
    if (v->rev == 0) {
        fsrs->initial(st);
        totals->histories++;
    } else {
        CHECK_INT(v->day - st->fsrs.last_day, v->elapsed);
        check_close("R before",
                    fsrs_retrievability(p, v->elapsed, before.stability),
                    v->r_before, line);
    }
    CHECK_INT(
        fsrs->grade(fsrs, st, grade_for(v->rating, v->rev), v->day, st, &due),
        0);
    check_close("stability", st->fsrs.memory.stability, v->stability, line);
    check_close("difficulty", st->fsrs.memory.difficulty, v->difficulty, line);
    /* ts-fsrs's ordering can push Good and Easy past the maximum interval
     * (36501, 36502); rehearse keeps every interval within it. */
    long expected =
        v->interval > FSRS_MAX_INTERVAL ? FSRS_MAX_INTERVAL : v->interval;
    if (due - v->day != expected || fsrs_interval(p, v->stability) != v->plain)
        fprintf(stderr,
                "histories.txt line %ld: interval %ld (plain %ld), "
                "expected %ld (plain %ld)\n",
                line, due - v->day, fsrs_interval(p, v->stability), expected,
                v->plain);
    CHECK_INT(due - v->day, expected);
    CHECK_INT(fsrs_interval(p, st->fsrs.memory.stability), v->plain);
    totals->reviews++;
    totals->same_day += v->rev > 0 && v->elapsed == 0;
}

static void check_histories(void)
{
    FILE *fp = open_vectors("histories.txt");
    char buf[256];
    long line = 0;
    struct replay_totals totals = {0, 0, 0};
    struct scheduler_state st = {0};
    check_case = "histories.txt";
    CHECK(fp != NULL);
    while (fp && fgets(buf, sizeof buf, fp)) {
        struct vector_review v;
        line++;
        if (buf[0] == '#')
            continue;
        CHECK_INT(read_review(buf, &v), 10);
        check_review(&v, &st, line, &totals);
    }
    if (fp)
        fclose(fp);
    CHECK(totals.histories >= 200);
    CHECK(totals.same_day > 100);
    printf("fsrs: %ld histories, %ld reviews (%ld the same day), "
           "max relative error %.2g\n",
           totals.histories, totals.reviews, totals.same_day, max_rel_error);
}

/* ---- the formulas' fixed points ---- */

static void check_formulas(void)
{
    const struct fsrs_params *p = fsrs_default_params();
    check_case = "grade mapping";
    int expect[] = {FSRS_AGAIN, FSRS_AGAIN, FSRS_AGAIN,
                    FSRS_HARD,  FSRS_GOOD,  FSRS_EASY};
    for (int g = 0; g <= 5; g++)
        CHECK_INT(fsrs_rating_of_grade(g), expect[g]);
    CHECK_INT(fsrs_rating_of_grade(-1), 0);
    CHECK_INT(fsrs_rating_of_grade(6), 0);

    check_case = "R(S, S) is 0.9 and R(0, S) is 1";
    for (double s = 0.01; s < 40000; s *= 3.7) {
        check_close("R(S,S)", fsrs_retrievability(p, s, s), 0.9, 0);
        check_close("R(0,S)", fsrs_retrievability(p, 0, s), 1.0, 0);
    }
    check_case = "interval at retention 0.9 is S, capped";
    CHECK_INT(fsrs_interval(p, 10.0), 10);
    CHECK_INT(fsrs_interval(p, 0.2), 1);
    CHECK_INT(fsrs_interval(p, 1e6), FSRS_MAX_INTERVAL);
    struct fsrs_params low = *p;
    low.retention = 0.8;
    CHECK(fsrs_interval(&low, 10.0) > 10);

    check_case = "initial states";
    CHECK(fsrs_initial(p, FSRS_GOOD).stability == p->w[2]);
    CHECK(fsrs_initial(p, FSRS_AGAIN).difficulty == p->w[4]);
    CHECK(fsrs_initial(p, FSRS_EASY).difficulty == FSRS_D_MIN);
}

/* ---- the interface: found by name, and SM-2's part left alone ---- */

static void check_interface(void)
{
    const struct scheduler *fsrs = scheduler_find("fsrs");
    check_case = "scheduler_find(\"fsrs\")";
    CHECK(fsrs != NULL && fsrs == scheduler_fsrs());
    CHECK_STR(fsrs->name, "fsrs");
    CHECK(scheduler_find("sm2") == scheduler_sm2());
    CHECK(scheduler_find("fsrs5") == NULL);

    check_case = "FSRS moves only its part";
    struct scheduler_state st = {.sm2 = sm2_new()}, sm2_only;
    fsrs->initial(&st);
    CHECK(st.fsrs.memory.stability == 0.0);
    long due = -1, sm2_due = -1;
    CHECK_INT(fsrs->grade(fsrs, &st, 4, 100, &st, &due), 0);
    CHECK_INT(due, 100 + fsrs_interval(fsrs_default_params(), 2.3065));
    CHECK_INT(st.sm2.reps, 0);
    CHECK_INT(st.sm2.ef, SM2_EF_START);
    CHECK_INT(fsrs->grade(fsrs, &st, 6, 101, &st, &due), -1);
    CHECK_INT(fsrs->grade(fsrs, &st, 4, 99, &st, &due), -1);
    CHECK_INT(st.fsrs.last_day, 100);

    check_case = "SM-2 copies the FSRS part through, and stays SM-2";
    CHECK_INT(scheduler_sm2()->grade(scheduler_sm2(), &st, 5, 101, &sm2_only,
                                     &sm2_due),
              0);
    CHECK(sm2_only.fsrs.memory.stability == st.fsrs.memory.stability);
    CHECK(sm2_only.fsrs.memory.difficulty == st.fsrs.memory.difficulty);
    CHECK_INT(sm2_only.fsrs.last_day, 100);
    struct sm2 plain = sm2_review(sm2_new(), 5);
    CHECK_INT(sm2_only.sm2.interval, plain.interval);
    CHECK_INT(sm2_only.sm2.ef, plain.ef);
    CHECK_INT(sm2_due, 101 + plain.interval);
}

/* fsrs_fuzz: the spread of Anki and ts-fsrs, reproducible per card and
 * day, inside [2, max_interval], and nothing under 3 days. */
static void check_fuzz(void)
{
    check_case = "fuzz";
    struct fsrs_params p = *fsrs_default_params();
    p.fuzz = true;
    CHECK_INT(fsrs_fuzz(&p, 1, 7, 100), 1);
    CHECK_INT(fsrs_fuzz(&p, 2, 7, 100), 2);
    /* 10 days: spread 1 + 0.15 * 4.5 + 0.1 * 3 = 1.975, so 8..12 */
    long seen[64] = {0};
    for (int64_t card = 1; card <= 2000; card++) {
        long d = fsrs_fuzz(&p, 10, card, 500);
        CHECK(d >= 8 && d <= 12);
        seen[d]++;
        CHECK_INT(fsrs_fuzz(&p, 10, card, 500), d); /* the same again */
    }
    for (int d = 8; d <= 12; d++)
        CHECK(seen[d] > 300); /* each about 400 of 2000 */
    /* 100 days: 1 + 0.675 + 1.3 + 4 = 6.975, so 93..107 */
    long lo = 1000, hi = 0;
    for (long day = 0; day < 3000; day++) {
        long d = fsrs_fuzz(&p, 100, 42, day);
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    CHECK_INT(lo, 93);
    CHECK_INT(hi, 107);
    p.max_interval = 100;
    for (long day = 0; day < 300; day++)
        CHECK(fsrs_fuzz(&p, 100, 42, day) <= 100);
}

int main(void)
{
    check_fuzz();
    check_formulas();
    check_retrievability_table();
    check_histories();
    check_interface();
    return check_report("test_fsrs");
}
