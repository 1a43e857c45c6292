/* session.c: the study queue, and the one place a grade in a session
 * becomes a new schedule (through the session's scheduler).  Pure; see
 * session.h. */
#include "rehearse/session.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

void session_init(struct session *s, const struct scheduler *sched, long today)
{
    memset(s, 0, sizeof *s);
    s->sched = sched;
    s->today = today;
}

void session_free(struct session *s)
{
    free(s->queue);
    free(s->steps);
    memset(s, 0, sizeof *s);
}

void session_add(struct session *s, const struct session_card *card)
{
    s->queue = xgrow(s->queue, &s->cap, s->len + 1, sizeof *s->queue);
    s->queue[s->len++] = *card;
}

const struct session_card *session_current(const struct session *s)
{
    return s->head < s->len ? &s->queue[s->head] : NULL;
}

size_t session_left(const struct session *s)
{
    return s->len - s->head;
}

struct session_step *session_grade(struct session *s, int grade)
{
    struct session_card *c = &s->queue[s->head];
    s->steps = xgrow(s->steps, &s->steps_cap, s->nsteps + 1, sizeof *s->steps);
    struct session_step *step = &s->steps[s->nsteps++];
    memset(step, 0, sizeof *step);
    step->action = SESSION_GRADE;
    step->card = *c;
    step->grade = grade;
    step->moves = !c->moved && !c->early;
    step->after = c->state;
    step->due_after = c->due;
    if (step->moves)
        s->sched->grade(s->sched, &c->state, grade, s->today, &step->after,
                        &step->due_after);
    else if (!c->early && s->sched->repeat)
        s->sched->repeat(s->sched, &c->state, grade, s->today, &step->after);
    s->head++;
    step->requeued = grade < SCHED_WELL_KNOWN;
    if (step->requeued) {
        struct session_card again = {c->id, step->after, step->due_after,
                                     true,  true,        c->early};
        session_add(s, &again);
    }
    return step;
}

void session_drop(struct session *s, enum session_action why)
{
    if (s->head >= s->len)
        return;
    s->steps = xgrow(s->steps, &s->steps_cap, s->nsteps + 1, sizeof *s->steps);
    struct session_step *step = &s->steps[s->nsteps++];
    memset(step, 0, sizeof *step);
    step->action = why;
    step->card = s->queue[s->head++];
    step->grade = -1;
    step->after = step->card.state;
    step->due_after = step->card.due;
}

bool session_undo(struct session *s, struct session_step *undone)
{
    if (s->nsteps == 0 || s->head == 0)
        return false;
    struct session_step *step = &s->steps[--s->nsteps];
    /* Steps are undone last-first, so a requeued copy is still last. */
    if (step->requeued)
        s->len--;
    s->queue[--s->head] = step->card;
    *undone = *step;
    return true;
}

void session_put_front(struct session *s, const struct session_card *card)
{
    size_t keep = s->head;
    for (size_t i = s->head; i < s->len; i++)
        if (s->queue[i].id != card->id)
            s->queue[keep++] = s->queue[i];
    s->len = keep;
    if (s->head == 0) {
        s->queue = xgrow(s->queue, &s->cap, s->len + 1, sizeof *s->queue);
        memmove(s->queue + 1, s->queue, s->len * sizeof *s->queue);
        s->len++;
    } else {
        s->head--;
    }
    s->queue[s->head] = *card;
}

void session_count(const struct session *s, struct session_counts *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < s->nsteps; i++) {
        const struct session_step *step = &s->steps[i];
        if (step->action != SESSION_GRADE)
            continue;
        out->done += !step->requeued;
        if (!step->card.again) {
            out->reviewed++;
            out->correct += step->grade >= SCHED_PASS;
        }
    }
    for (size_t i = s->head; i < s->len; i++) {
        out->again += s->queue[i].moved;
        out->left += !s->queue[i].moved;
    }
}
