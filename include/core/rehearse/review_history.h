/* review_history.h: every card's reviews as a memory model sees them,
 * for fitting FSRS's weights (fsrs_optimize.h) and for judging how well
 * each model predicts recall (calibration).
 *
 * Only what moved a memory stays: grades and same-day repeats, in the
 * order given.  A grade that was undone is gone with its undo; a
 * bring-forward or a final-pass grade moved no model and is not here.
 * The loader that fills this from a collection is app/review_history.h;
 * tests fill it by hand. */
#ifndef REHEARSE_REVIEW_HISTORY_H
#define REHEARSE_REVIEW_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

struct history_item {
    long day;         /* study day */
    int grade;        /* 0..5; recalled when >= 3 */
    int sm2_interval; /* SM-2's interval before this review, days */
    bool repeat;      /* a same-day repeat: moves FSRS (short-term), not
                         SM-2 */
};

/* Card i's items are items[start[i] .. start[i + 1]), oldest first;
 * start has ncards + 1 entries.  Cards are in no particular order. */
struct review_history {
    struct history_item *items;
    size_t nitems, items_cap;
    size_t *start;
    size_t ncards, start_cap;
};

/* Opens card after card: begin a card, then add its items. */
void review_history_begin_card(struct review_history *h);
void review_history_add(struct review_history *h,
                        const struct history_item *item);
/* Ends the last card (call once, after the last item). */
void review_history_end(struct review_history *h);
void review_history_free(struct review_history *h);

#endif
