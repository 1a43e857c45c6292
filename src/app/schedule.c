/* schedule.c: copies between the store's rows and the scheduler's state,
 * in one place for every command that grades.  See schedule.h. */
#include "rehearse/schedule.h"
#include "rehearse/fsrs_weights.h"

#include <string.h>

const struct scheduler *collection_scheduler(const struct store *st,
                                             struct collection_model *m)
{
    m->fsrs = *store_fsrs_params(st);
    scheduler_both(&m->sched, &m->fsrs);
    return &m->sched;
}

int collection_use_model(struct store *st, const struct config *c,
                         struct error *err)
{
    struct fitted_weights fitted;
    bool present;
    if (store_fitted_weights_get(st, &fitted, &present))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    struct fsrs_params p = *fsrs_default_params();
    if (present)
        memcpy(p.w, fitted.w, sizeof p.w);
    p.retention = c->desired_retention;
    p.max_interval = c->maximum_interval;
    p.fuzz = c->fuzz;
    store_set_fsrs_params(st, &p);
    store_set_due_model(st, c->scheduler == CONFIG_FSRS);
    return 0;
}

struct session_card session_card_of(const struct queued_card *q, bool moved)
{
    struct session_card c = {.id = q->id, .due = q->due, .moved = moved};
    c.state.sm2 = q->sm;
    c.state.fsrs = q->fsrs;
    c.state.card = q->id;
    return c;
}

struct review review_of_step(const struct session_step *step, long day,
                             time_t at, long duration_ms)
{
    return (struct review){
        .card = step->card.id,
        .kind = step->card.early ? REVIEW_FINAL
                : step->moves    ? REVIEW_GRADE
                                 : REVIEW_REPEAT,
        .grade = step->grade,
        .at = at,
        .day = day,
        .duration_ms = duration_ms,
        .before = step->card.state.sm2,
        .after = step->after.sm2,
        .due_before = step->card.due,
        .due_after = step->due_after,
        .fsrs_before = step->card.state.fsrs,
        .fsrs_after = step->after.fsrs,
    };
}

struct review review_of_undo(const struct session_step *step, long day,
                             time_t at)
{
    return (struct review){
        .card = step->card.id,
        .kind = REVIEW_UNDO,
        .grade = -1,
        .at = at,
        .day = day,
        .before = step->after.sm2,
        .after = step->card.state.sm2,
        .due_before = step->due_after,
        .due_after = step->card.due,
        .undoes = step->review_id,
        .fsrs_before = step->after.fsrs,
        .fsrs_after = step->card.state.fsrs,
    };
}
