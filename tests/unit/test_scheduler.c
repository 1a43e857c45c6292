/* test_scheduler.c: the scheduler interface gives what sm2.h gives, and
 * replaying a review log gives what the session queue made of it. */
#include "check.h"
#include "rehearse/scheduler.h"
#include "rehearse/session.h"

#include <stdbool.h>

#define NSTEPS(a) (sizeof(a) / sizeof(a)[0])

/* ---- the interface against sm2_review ---- */

struct run {
    const char *name;
    struct sm2 start;
    int grades[12];
    int ngrades;
};

static const struct run runs[] = {
    {"new, all fives", {0, 0, 250, 0}, {5, 5, 5, 5, 5, 5}, 6},
    {"new, all fours", {0, 0, 250, 0}, {4, 4, 4, 4, 4}, 5},
    {"new, all threes", {0, 0, 250, 0}, {3, 3, 3, 3, 3}, 5},
    {"down to the floor and back", {0, 0, 250, 0}, {0, 0, 1, 0, 5, 5, 5}, 7},
    {"lapses mid-run", {0, 0, 250, 0}, {5, 4, 2, 4, 5, 1, 3, 4, 5}, 9},
    {"30 x 1.7 is 51", {3, 30, 170, 0}, {4, 4}, 2},
    {"a long run fails", {5, 100, 200, 2}, {1, 5, 5, 5}, 4},
    {"every grade once", {2, 6, 180, 1}, {0, 1, 2, 3, 4, 5}, 6},
};

static void check_same_as_sm2(const struct run *r)
{
    const struct scheduler *sched = scheduler_sm2();
    struct sm2 plain = r->start;
    struct scheduler_state st = {.sm2 = r->start};
    long day = 1000, due = -1;
    check_case = r->name;
    for (int k = 0; k < r->ngrades; k++) {
        plain = sm2_review(plain, r->grades[k]);
        CHECK_INT(sched->grade(sched, &st, r->grades[k], day, &st, &due), 0);
        CHECK_INT(st.sm2.reps, plain.reps);
        CHECK_INT(st.sm2.interval, plain.interval);
        CHECK_INT(st.sm2.ef, plain.ef);
        CHECK_INT(st.sm2.lapses, plain.lapses);
        CHECK_INT(due, day + plain.interval);
        day = due;
    }
}

static void check_interface(void)
{
    for (size_t i = 0; i < NSTEPS(runs); i++)
        check_same_as_sm2(&runs[i]);

    check_case = "lookup by name";
    CHECK(scheduler_find("sm2") == scheduler_sm2());
    CHECK(scheduler_find("fsrs") == scheduler_fsrs());
    CHECK_STR(scheduler_sm2()->name, "sm2");

    check_case = "a new card";
    struct scheduler_state st;
    scheduler_sm2()->initial(&st);
    CHECK_INT(st.sm2.reps, 0);
    CHECK_INT(st.sm2.interval, 0);
    CHECK_INT(st.sm2.ef, SM2_EF_START);
    CHECK_INT(st.sm2.lapses, 0);

    check_case = "a grade off the scale changes nothing";
    struct scheduler_state after = st;
    long due = 77;
    CHECK_INT(scheduler_sm2()->grade(scheduler_sm2(), &st, 6, 10, &after, &due),
              -1);
    CHECK_INT(
        scheduler_sm2()->grade(scheduler_sm2(), &st, -1, 10, &after, &due), -1);
    CHECK_INT(after.sm2.ef, SM2_EF_START);
    CHECK_INT(due, 77);
}

/* ---- replay against the session queue ---- */

#define UNDO -1

/* What the user did, in order: a grade on a day, or :undo. */
struct action {
    long day;
    int grade; /* 0..5 or UNDO */
};

/* 30 days of one card: a same-day repeat on day 0, a lapse on day 22
 * with repeats (one of them undone), and on day 23 a grade undone and
 * given again. */
static const struct action script[] = {
    {0, 3},  {0, 4},                                   /* grade, repeat */
    {1, 5},  {7, 4},  {22, 2},    {22, 2}, {22, UNDO}, /* lapse, repeat, undo */
    {22, 4}, {23, 5}, {23, UNDO}, {23, 3}, {23, 5},    /* undo a moving grade */
    {24, 4}, {30, 5},
};

/* The log the session should write for it. */
static const struct sched_event expected_log[] = {
    {SCHED_GRADE, 3, 0, 0},  {SCHED_REPEAT, 4, 0, 0},  {SCHED_GRADE, 5, 1, 0},
    {SCHED_GRADE, 4, 7, 0},  {SCHED_GRADE, 2, 22, 0},  {SCHED_REPEAT, 2, 22, 0},
    {SCHED_UNDO, 0, 22, 5},  {SCHED_REPEAT, 4, 22, 0}, {SCHED_GRADE, 5, 23, 0},
    {SCHED_UNDO, 0, 23, 8},  {SCHED_GRADE, 3, 23, 0},  {SCHED_REPEAT, 5, 23, 0},
    {SCHED_GRADE, 4, 24, 0}, {SCHED_GRADE, 5, 30, 0},
};

struct card {
    struct scheduler_state state;
    long due;
};

/* Plays the script through the session queue, one session a day, as
 * `rehearse study` would, writing the review log as it goes. */
static size_t play(struct card *card, struct sched_event *log)
{
    struct session s;
    size_t n = 0, stack[NSTEPS(script)], depth = 0;
    session_init(&s, scheduler_sm2(), script[0].day);
    for (size_t i = 0; i < NSTEPS(script); i++) {
        const struct action *a = &script[i];
        if (i == 0 || a->day != s.today) {
            session_free(&s);
            session_init(&s, scheduler_sm2(), a->day);
            struct session_card c = {1,     card->state, card->due,
                                     false, false,       false};
            session_add(&s, &c);
            depth = 0;
        }
        struct session_step step;
        if (a->grade == UNDO) {
            CHECK(session_undo(&s, &step));
            card->state = step.card.state;
            card->due = step.card.due;
            log[n++] = (struct sched_event){SCHED_UNDO, 0, a->day,
                                            (long)stack[--depth]};
            continue;
        }
        step = *session_grade(&s, a->grade);
        card->state = step.after;
        card->due = step.due_after;
        stack[depth++] = n;
        log[n++] = (struct sched_event){step.moves ? SCHED_GRADE : SCHED_REPEAT,
                                        a->grade, a->day, 0};
    }
    session_free(&s);
    return n;
}

static void check_replay(void)
{
    check_case = "the session writes the scripted log";
    struct card played;
    scheduler_sm2()->initial(&played.state);
    played.due = -1;
    struct sched_event log[NSTEPS(script)];
    size_t n = play(&played, log);
    CHECK_INT(n, NSTEPS(expected_log));
    for (size_t i = 0; i < n && i < NSTEPS(expected_log); i++) {
        static char name[64];
        snprintf(name, sizeof name, "the session's log, review %zu", i);
        check_case = name;
        CHECK_INT(log[i].kind, expected_log[i].kind);
        CHECK_INT(log[i].day, expected_log[i].day);
        if (log[i].kind == SCHED_UNDO)
            CHECK_INT(log[i].undoes, expected_log[i].undoes);
        else
            CHECK_INT(log[i].grade, expected_log[i].grade);
    }

    /* By hand: day 0 3 (1, 2.36), day 1 5 (6, 2.46), day 7 4 (15),
     * day 22 2 (lapse: 1, 2.14), day 23 3 (1, 2.00), day 24 4 (6),
     * day 30 5 (ceil(6 x 2.00) = 12, 2.10): due on day 42. */
    check_case = "replay of 30 days";
    struct scheduler_state st;
    scheduler_sm2()->initial(&st);
    long due = -1;
    CHECK_INT(scheduler_replay(scheduler_sm2(), expected_log,
                               NSTEPS(expected_log), &st, &due),
              0);
    CHECK_INT(st.sm2.reps, 3);
    CHECK_INT(st.sm2.interval, 12);
    CHECK_INT(st.sm2.ef, 210);
    CHECK_INT(st.sm2.lapses, 1);
    CHECK_INT(due, 42);

    check_case = "replay equals what the session left";
    CHECK_INT(played.state.sm2.reps, st.sm2.reps);
    CHECK_INT(played.state.sm2.interval, st.sm2.interval);
    CHECK_INT(played.state.sm2.ef, st.sm2.ef);
    CHECK_INT(played.state.sm2.lapses, st.sm2.lapses);
    CHECK_INT(played.due, due);
}

/* A log rehearse cannot have written is refused, the state untouched. */
static void check_refused(const char *name, const struct sched_event *log,
                          size_t n)
{
    check_case = name;
    struct scheduler_state st = {.sm2 = {2, 6, 236, 0}};
    long due = 50;
    CHECK_INT(scheduler_replay(scheduler_sm2(), log, n, &st, &due), -1);
    CHECK_INT(st.sm2.reps, 2);
    CHECK_INT(st.sm2.interval, 6);
    CHECK_INT(st.sm2.ef, 236);
    CHECK_INT(due, 50);
}

static void check_replay_edges(void)
{
    check_case = "an empty log leaves the state";
    struct scheduler_state st = {.sm2 = {2, 6, 236, 0}};
    long due = 50;
    CHECK_INT(scheduler_replay(scheduler_sm2(), NULL, 0, &st, &due), 0);
    CHECK_INT(st.sm2.interval, 6);
    CHECK_INT(due, 50);

    check_case = "repeats alone move nothing";
    const struct sched_event repeats[] = {{SCHED_REPEAT, 1, 50, 0},
                                          {SCHED_REPEAT, 5, 50, 0}};
    CHECK_INT(scheduler_replay(scheduler_sm2(), repeats, 2, &st, &due), 0);
    CHECK_INT(st.sm2.ef, 236);
    CHECK_INT(due, 50);

    check_case = "an undone grade counts for nothing";
    const struct sched_event undone[] = {{SCHED_GRADE, 0, 50, 0},
                                         {SCHED_UNDO, 0, 50, 0},
                                         {SCHED_GRADE, 5, 50, 0}};
    CHECK_INT(scheduler_replay(scheduler_sm2(), undone, 3, &st, &due), 0);
    CHECK_INT(st.sm2.reps, 3);
    CHECK_INT(st.sm2.interval, 15); /* ceil(6 x 2.36) */
    CHECK_INT(st.sm2.ef, 246);
    CHECK_INT(st.sm2.lapses, 0);
    CHECK_INT(due, 65);

    const struct sched_event off_scale[] = {{SCHED_GRADE, 6, 50, 0}};
    check_refused("a grade off the scale", off_scale, 1);
    const struct sched_event later[] = {{SCHED_UNDO, 0, 50, 1},
                                        {SCHED_GRADE, 5, 50, 0}};
    check_refused("an undo of a later review", later, 2);
    const struct sched_event itself[] = {{SCHED_UNDO, 0, 50, 0}};
    check_refused("an undo of itself", itself, 1);
    const struct sched_event of_undo[] = {{SCHED_GRADE, 5, 50, 0},
                                          {SCHED_UNDO, 0, 50, 0},
                                          {SCHED_UNDO, 0, 50, 1}};
    check_refused("an undo of an undo", of_undo, 3);
    const struct sched_event twice[] = {{SCHED_GRADE, 5, 50, 0},
                                        {SCHED_UNDO, 0, 50, 0},
                                        {SCHED_UNDO, 0, 50, 0}};
    check_refused("a review undone twice", twice, 3);
    const struct sched_event negative[] = {{SCHED_UNDO, 0, 50, -1}};
    check_refused("an undo of no review", negative, 1);
}

/* scheduler_both: SM-2 exactly as alone, FSRS exactly as alone, in one
 * state; repeats move FSRS only; a final-pass grade moves nothing. */
static void check_both(void)
{
    struct scheduler both;
    scheduler_both(&both, NULL);
    const struct scheduler *sm2 = scheduler_sm2(), *fsrs = scheduler_fsrs();
    struct scheduler_state st, a, b;
    long due = 0, sm2_due = 0, fsrs_due = 0;
    check_case = "both: a new card is new to both";
    both.initial(&st);
    CHECK_INT(st.sm2.ef, SM2_EF_START);
    CHECK(st.fsrs.memory.stability == 0.0);
    CHECK_INT(st.fsrs.due, -1);
    check_case = "both: each model as if alone";
    a = b = st;
    const int grades[] = {4, 5, 2, 3, 4};
    for (int i = 0; i < 5; i++) {
        long day = 10 + 3 * i;
        CHECK_INT(both.grade(&both, &st, grades[i], day, &st, &due), 0);
        CHECK_INT(sm2->grade(sm2, &a, grades[i], day, &a, &sm2_due), 0);
        CHECK_INT(fsrs->grade(fsrs, &b, grades[i], day, &b, &fsrs_due), 0);
        CHECK_INT(due, sm2_due);
        CHECK(memcmp(&st.sm2, &a.sm2, sizeof a.sm2) == 0);
        CHECK(st.fsrs.memory.stability == b.fsrs.memory.stability);
        CHECK(st.fsrs.memory.difficulty == b.fsrs.memory.difficulty);
        CHECK_INT(st.fsrs.due, fsrs_due);
        CHECK_INT(st.fsrs.last_day, day);
    }
    check_case = "both: a repeat moves FSRS (short-term) and not SM-2";
    struct scheduler_state r;
    CHECK_INT(both.repeat(&both, &st, 1, 22, &r), 0);
    CHECK(memcmp(&r.sm2, &st.sm2, sizeof st.sm2) == 0);
    struct fsrs_memory m =
        fsrs_next(fsrs_default_params(), st.fsrs.memory, 0, FSRS_AGAIN);
    CHECK(r.fsrs.memory.stability == m.stability);
    CHECK(r.fsrs.memory.stability < st.fsrs.memory.stability);
    CHECK_INT(r.fsrs.due,
              22 + fsrs_interval(fsrs_default_params(), m.stability));
    CHECK_INT(both.repeat(&both, &st, 7, 22, &r), -1);
    check_case = "both: desired retention moves only FSRS's due day";
    struct fsrs_params low = *fsrs_default_params();
    low.retention = 0.7;
    struct scheduler loose;
    scheduler_both(&loose, &low);
    struct scheduler_state x, y;
    long dx, dy;
    CHECK_INT(both.grade(&both, &st, 4, 40, &x, &dx), 0);
    CHECK_INT(loose.grade(&loose, &st, 4, 40, &y, &dy), 0);
    CHECK_INT(dx, dy);
    CHECK(y.fsrs.due > x.fsrs.due);
    CHECK(x.fsrs.memory.stability == y.fsrs.memory.stability);
    check_case = "both: replay of grades, repeats, finals, forwards";
    const struct sched_event log[] = {{SCHED_GRADE, 2, 100, 0},
                                      {SCHED_REPEAT, 4, 100, 0},
                                      {SCHED_FINAL, 5, 101, 0},
                                      {SCHED_GRADE, 4, 101, 0},
                                      {SCHED_FORWARD, -1, 102, 0}};
    struct scheduler_state p, q;
    long pd = -1, qd = -1;
    both.initial(&p);
    both.initial(&q);
    CHECK_INT(scheduler_replay(&both, log, 5, &p, &pd), 0);
    CHECK_INT(both.grade(&both, &q, 2, 100, &q, &qd), 0);
    CHECK_INT(both.repeat(&both, &q, 4, 100, &q), 0);
    CHECK_INT(both.grade(&both, &q, 4, 101, &q, &qd), 0);
    CHECK(p.fsrs.memory.stability == q.fsrs.memory.stability);
    CHECK(memcmp(&p.sm2, &q.sm2, sizeof q.sm2) == 0);
    CHECK_INT(pd, 102);
    CHECK_INT(p.fsrs.due, 102);
    check_case = "both: SM-2's replay ignores the repeat";
    struct scheduler_state s2 = {.sm2 = sm2_new()};
    long s2d = -1;
    CHECK_INT(scheduler_replay(sm2, log, 4, &s2, &s2d), 0);
    CHECK(memcmp(&s2.sm2, &p.sm2, sizeof s2.sm2) == 0);
}

int main(void)
{
    check_both();
    check_interface();
    check_replay();
    check_replay_edges();
    return check_report("test_scheduler");
}
