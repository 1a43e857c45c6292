/* review_history_load.c: from the review log to review_history.h.
 *
 * The log is read once in log order with only the columns needed
 * (store_each_review_brief), then sorted by card: at a million reviews
 * that is faster than walking the card index, which would fetch each
 * row from the table a second time. */
#include "rehearse/review_history_load.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

struct brief_log {
    struct review_brief *rows;
    size_t count, cap;
};

static int collect_brief(void *ctx, const struct review_brief *r)
{
    struct brief_log *log = ctx;
    log->rows = xgrow(log->rows, &log->cap, log->count + 1, sizeof *log->rows);
    log->rows[log->count++] = *r;
    return 0;
}

static int by_card_then_id(const void *a, const void *b)
{
    const struct review_brief *x = a, *y = b;
    if (x->card != y->card)
        return x->card < y->card ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Marks, within one card's rows, the grades an undo took back: their
 * kind becomes REVIEW_UNDO too, so that neither is added.  An undo's
 * target precedes it in the same card. */
static void drop_undone(struct review_brief *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].kind != REVIEW_UNDO || rows[i].undoes == 0)
            continue;
        for (size_t k = i; k-- > 0;)
            if (rows[k].id == rows[i].undoes) {
                rows[k].kind = REVIEW_UNDO;
                break;
            }
    }
}

static void add_card(struct review_history *h, struct review_brief *rows,
                     size_t n)
{
    drop_undone(rows, n);
    review_history_begin_card(h);
    for (size_t i = 0; i < n; i++) {
        if (rows[i].kind != REVIEW_GRADE && rows[i].kind != REVIEW_REPEAT)
            continue;
        struct history_item item = {
            .day = rows[i].day,
            .grade = rows[i].grade,
            .sm2_interval = rows[i].interval_before,
            .repeat = rows[i].kind == REVIEW_REPEAT,
        };
        review_history_add(h, &item);
    }
}

int review_history_load(struct store *st, struct review_history *h,
                        struct error *err)
{
    struct brief_log log = {NULL, 0, 0};
    memset(h, 0, sizeof *h);
    if (store_each_review_brief(st, collect_brief, &log)) {
        free(log.rows);
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    }
    if (log.count > 1)
        qsort(log.rows, log.count, sizeof *log.rows, by_card_then_id);
    for (size_t start = 0, end; start < log.count; start = end) {
        for (end = start;
             end < log.count && log.rows[end].card == log.rows[start].card;
             end++)
            ;
        add_card(h, log.rows + start, end - start);
    }
    review_history_end(h);
    free(log.rows);
    return 0;
}
