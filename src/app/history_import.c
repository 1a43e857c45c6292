/* history_import.c: past reviews into the log.  See history_import.h. */
#include "rehearse/history_import.h"
#include "rehearse/date.h"
#include "rehearse/replay.h"
#include "rehearse/schedule.h"
#include "rehearse/util.h"

#include <stdlib.h>

/* Whether the card's schedule already moved on `day`: known for the days
 * this import wrote, asked of the log for the days it had before. */
static int moved_on(struct store *st, int64_t card, long day, long moved_day,
                    long last_day, bool *moved)
{
    *moved = day == moved_day;
    if (!*moved && day <= last_day)
        return store_reviewed_on(st, card, day, moved);
    return 0;
}

int history_append(struct store *st, int64_t card, const struct card_history *h,
                   int rollover_hour, bool fresh, long *added,
                   struct error *err)
{
    /* SM-2 from the log, as rehearse would have graded it; FSRS is filled
     * in after from the same rows (replay_fill_fsrs). */
    const struct scheduler *sched = scheduler_sm2();
    struct scheduler_state state;
    sched->initial(&state);
    struct queued_card q = {.id = card, .sm = state.sm2, .due = -1};
    time_t last_at = -1;
    long last_day = -1, moved_day = -1;
    *added = 0;
    if (h->nreviews == 0)
        return 0;
    /* A card added by this import has no schedule or log to look up. */
    if (!fresh && (store_card_state(st, card, &q) ||
                   store_last_review(st, card, &last_at, &last_day)))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    state.sm2 = q.sm;
    long due = q.due;
    struct review *rows = xcalloc(h->nreviews ? h->nreviews : 1, sizeof *rows);
    for (size_t i = 0; i < h->nreviews; i++) {
        const struct past_review *p = &h->reviews[i];
        time_t at = (time_t)(p->at_ms / 1000);
        bool moved;
        if (at <= last_at || !scheduler_valid_grade(p->grade))
            continue;
        long day = clock_day(at, rollover_hour);
        if (moved_on(st, card, day, moved_day, last_day, &moved)) {
            free(rows);
            return error_set(err, ERROR_FAIL, "%s", store_error(st));
        }
        struct scheduler_state after = state;
        long due_after = due;
        if (!moved &&
            sched->grade(sched, &state, p->grade, day, &after, &due_after))
            continue;
        if (!moved)
            moved_day = day;
        rows[(*added)++] =
            (struct review){.card = card,
                            .kind = moved ? REVIEW_REPEAT : REVIEW_GRADE,
                            .grade = p->grade,
                            .at = at,
                            .day = day,
                            .duration_ms = p->duration_ms,
                            .before = state.sm2,
                            .after = after.sm2,
                            .due_before = due,
                            .due_after = due_after};
        state = after;
        due = due_after;
    }
    int rc = store_log_reviews(st, rows, (size_t)*added);
    free(rows);
    if (rc)
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    return *added ? replay_fill_fsrs(st, card, store_fsrs_params(st), err) : 0;
}
