/* schedule.c: copies between the store's rows and the scheduler's state,
 * in one place for every command that grades.  See schedule.h. */
#include "rehearse/schedule.h"
#include "rehearse/fsrs_weights.h"
#include "rehearse/replay.h"

#include <string.h>

const struct scheduler *collection_scheduler(const struct store *st,
                                             struct collection_model *m)
{
    /* The store's own parameters, not a copy: when another process fits
     * new weights, watch_weights switches them for every later grade. */
    scheduler_both(&m->sched, store_fsrs_params(st));
    return &m->sched;
}

/* The weights stored in the collection now (its fitted ones, or FSRS-6's
 * defaults) into w. */
static int stored_weights(struct store *st, double w[FSRS_WEIGHTS])
{
    struct fitted_weights fitted;
    bool present;
    if (store_fitted_weights_get(st, &fitted, &present))
        return -1;
    memcpy(w, present ? fitted.w : fsrs_default_params()->w,
           FSRS_WEIGHTS * sizeof *w);
    return 0;
}

/* What the record hook remembers (one collection a process). */
static struct {
    long data_version; /* when the weights were last read */
    bool changed;      /* they changed since the collection was opened */
} watch;

/* store_record's hook.  A session holds its cards' FSRS states from when
 * it started; if `rehearse optimize` has changed the weights since, those
 * states and the weights this process grades with are stale.  Another
 * process's commit moves PRAGMA data_version, so the weights are read
 * again only then.  Once they have changed, the new ones are used and
 * every card graded from then on has its FSRS recomputed from its log in
 * the grade's own transaction, as optimize recomputed the others. */
static int watch_weights(void *ctx, struct store *st, int64_t card)
{
    (void)ctx;
    long version;
    if (store_data_version(st, &version))
        return -1;
    if (version != watch.data_version) {
        watch.data_version = version;
        struct fsrs_params p = *store_fsrs_params(st);
        if (stored_weights(st, p.w))
            return -1;
        if (memcmp(p.w, store_fsrs_params(st)->w, sizeof p.w) != 0) {
            store_set_fsrs_params(st, &p);
            watch.changed = true;
        }
    }
    struct error err;
    return watch.changed
               ? replay_fill_fsrs(st, card, store_fsrs_params(st), &err)
               : 0;
}

int collection_use_model(struct store *st, const struct config *c,
                         struct error *err)
{
    struct fsrs_params p = *fsrs_default_params();
    if (store_data_version(st, &watch.data_version) || stored_weights(st, p.w))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    watch.changed = false;
    p.retention = c->desired_retention;
    p.max_interval = c->maximum_interval;
    p.fuzz = c->fuzz;
    store_set_fsrs_params(st, &p);
    store_set_due_model(st, c->scheduler == CONFIG_FSRS);
    store_set_record_hook(st, watch_weights, NULL);
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
