/* scheduler.c: the list of schedulers by name, and the replay of a card's
 * review log, which holds for every model.  Pure; see scheduler.h. */
#include "rehearse/scheduler.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

bool scheduler_valid_grade(int grade)
{
    return grade >= 0 && grade <= SCHED_GRADE_MAX;
}

const struct scheduler *scheduler_find(const char *name)
{
    const struct scheduler *all[] = {scheduler_sm2(), scheduler_fsrs()};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}

/* ---- both models at once ---- */

static void both_initial(struct scheduler_state *state)
{
    scheduler_sm2()->initial(state);
    scheduler_fsrs()->initial(state);
}

/* FSRS's table with the parameters of `self`. */
static struct scheduler fsrs_of(const struct scheduler *self)
{
    struct scheduler fsrs = *scheduler_fsrs();
    fsrs.fsrs = self->fsrs;
    return fsrs;
}

static int both_grade(const struct scheduler *self,
                      const struct scheduler_state *before, int grade,
                      long today, struct scheduler_state *after,
                      long *due_after)
{
    const struct scheduler *sm2 = scheduler_sm2();
    struct scheduler fsrs = fsrs_of(self);
    struct scheduler_state s;
    long sm2_due, fsrs_due;
    if (sm2->grade(sm2, before, grade, today, &s, &sm2_due) ||
        fsrs.grade(&fsrs, &s, grade, today, &s, &fsrs_due))
        return -1;
    *after = s;
    *due_after = sm2_due;
    return 0;
}

static int both_repeat(const struct scheduler *self,
                       const struct scheduler_state *before, int grade,
                       long today, struct scheduler_state *after)
{
    struct scheduler fsrs = fsrs_of(self);
    return fsrs.repeat(&fsrs, before, grade, today, after);
}

void scheduler_both(struct scheduler *out, const struct fsrs_params *params)
{
    *out = (struct scheduler){"both", both_initial, both_grade, both_repeat,
                              params};
}

/* Marks in undone[] each review an undo takes back.  Returns -1 when the
 * log cannot have been written by rehearse. */
static int mark_undone(const struct sched_event *log, size_t n, bool *undone)
{
    for (size_t i = 0; i < n; i++) {
        const struct sched_event *e = &log[i];
        if (e->kind == SCHED_GRADE || e->kind == SCHED_REPEAT ||
            e->kind == SCHED_FINAL) {
            if (!scheduler_valid_grade(e->grade))
                return -1;
            continue;
        }
        if (e->kind == SCHED_FORWARD)
            continue;
        if (e->kind != SCHED_UNDO || e->undoes < 0 || (size_t)e->undoes >= i)
            return -1;
        size_t k = (size_t)e->undoes;
        if (log[k].kind == SCHED_UNDO || undone[k])
            return -1;
        undone[k] = true;
    }
    return 0;
}

/* A bring-forward: each due day becomes `day` unless it is sooner. */
static void forward(struct scheduler_state *s, long *due, long day)
{
    if (*due < 0 || *due > day)
        *due = day;
    if (s->fsrs.due < 0 || s->fsrs.due > day)
        s->fsrs.due = day;
}

int scheduler_replay(const struct scheduler *sched,
                     const struct sched_event *log, size_t n,
                     struct scheduler_state *state, long *due)
{
    bool *undone = xcalloc(n ? n : 1, sizeof *undone);
    struct scheduler_state s = *state;
    long d = *due;
    int rc = mark_undone(log, n, undone);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (undone[i])
            continue;
        if (log[i].kind == SCHED_GRADE)
            rc = sched->grade(sched, &s, log[i].grade, log[i].day, &s, &d);
        else if (log[i].kind == SCHED_REPEAT && sched->repeat)
            rc = sched->repeat(sched, &s, log[i].grade, log[i].day, &s);
        else if (log[i].kind == SCHED_FORWARD)
            forward(&s, &d, log[i].day);
    }
    free(undone);
    if (rc == 0) {
        *state = s;
        *due = d;
    }
    return rc;
}
