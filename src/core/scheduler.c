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

/* Marks in undone[] each review an undo takes back.  Returns -1 when the
 * log cannot have been written by rehearse. */
static int mark_undone(const struct sched_event *log, size_t n, bool *undone)
{
    for (size_t i = 0; i < n; i++) {
        const struct sched_event *e = &log[i];
        if (e->kind == SCHED_GRADE || e->kind == SCHED_REPEAT) {
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
            rc = sched->grade(&s, log[i].grade, log[i].day, &s, &d);
        else if (log[i].kind == SCHED_FORWARD && (d < 0 || d > log[i].day))
            d = log[i].day;
    }
    free(undone);
    if (rc == 0) {
        *state = s;
        *due = d;
    }
    return rc;
}
