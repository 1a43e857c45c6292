/* review_history_load.c: from the review log to review_history.h.
 *
 * The log is read once in log order with only the columns needed
 * (store_each_review_brief), then grouped by card: at a million reviews
 * that is faster than walking the card index, which would fetch each
 * row from the table a second time.  A deck or tag filter keeps the rows
 * of its cards only, found by binary search in the list of their ids. */
#include "rehearse/review_history_load.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

struct brief_log {
    struct review_brief *rows;
    size_t count, cap;
    int64_t *keep; /* the filter's cards, ascending; NULL keeps all */
    size_t nkeep, keep_cap;
};

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int collect_brief(void *ctx, const struct review_brief *r)
{
    struct brief_log *log = ctx;
    if (log->keep &&
        !bsearch(&r->card, log->keep, log->nkeep, sizeof *log->keep, by_id))
        return 0;
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

static void add_sorted(struct review_history *h, struct brief_log *log)
{
    if (log->count > 1)
        qsort(log->rows, log->count, sizeof *log->rows, by_card_then_id);
    for (size_t start = 0, end; start < log->count; start = end) {
        for (end = start;
             end < log->count && log->rows[end].card == log->rows[start].card;
             end++)
            ;
        add_card(h, log->rows + start, end - start);
    }
}

/* The highest card id when the ids suit a counting sort (card ids are
 * rowids: from 1, with few gaps; here at most four a row read), else 0. */
static int64_t dense_max(const struct brief_log *log)
{
    int64_t max = 0;
    for (size_t i = 0; i < log->count; i++) {
        if (log->rows[i].card < 0)
            return 0;
        max = log->rows[i].card > max ? log->rows[i].card : max;
    }
    return max <= 4 * (int64_t)log->count + 1024 ? max : 0;
}

/* The same as add_sorted without comparing: the rows arrive in log
 * order, so counting each card's rows and placing every row in its
 * card's run keeps that order.  Measured at a million rows (100k cards,
 * release build): the whole load went from 1.3-1.45 s with qsort to
 * 0.78-0.95 s, most of what is left being the scan of the log. */
static void add_dense(struct review_history *h, struct brief_log *log,
                      int64_t max)
{
    size_t n = log->count, slots = (size_t)max + 2;
    size_t *start = xcalloc(slots, sizeof *start);
    for (size_t i = 0; i < n; i++)
        start[log->rows[i].card + 1]++;
    for (size_t c = 1; c < slots; c++)
        start[c] += start[c - 1];
    size_t *next = xmalloc(slots * sizeof *next);
    size_t *order = xmalloc(n * sizeof *order);
    memcpy(next, start, slots * sizeof *next);
    for (size_t i = 0; i < n; i++)
        order[next[log->rows[i].card]++] = i;
    free(next);
    struct review_brief *rows = NULL;
    size_t cap = 0;
    for (size_t c = 0; c + 1 < slots; c++) {
        size_t k = start[c + 1] - start[c];
        if (k == 0)
            continue;
        rows = xgrow(rows, &cap, k, sizeof *rows);
        for (size_t j = 0; j < k; j++)
            rows[j] = log->rows[order[start[c] + j]];
        add_card(h, rows, k);
    }
    free(rows);
    free(order);
    free(start);
}

static int collect_card(void *ctx, int64_t card)
{
    struct brief_log *log = ctx;
    log->keep =
        xgrow(log->keep, &log->keep_cap, log->nkeep + 1, sizeof *log->keep);
    log->keep[log->nkeep++] = card;
    return 0;
}

/* The log's rows, of the filter's cards only when it names decks or
 * tags (the store lists those cards by id, so keep is sorted). */
static int read_log(struct store *st, const struct filter *f,
                    struct brief_log *log)
{
    if (f && (f->ndecks > 0 || f->ntags > 0)) {
        log->keep = xmalloc(sizeof *log->keep); /* empty, but not NULL */
        log->keep_cap = 1;
        if (store_each_card_in(st, f, collect_card, log))
            return -1;
    }
    return store_each_review_brief(st, collect_brief, log);
}

int review_history_load(struct store *st, struct review_history *h,
                        struct error *err)
{
    return review_history_load_filtered(st, NULL, h, err);
}

int review_history_load_filtered(struct store *st, const struct filter *f,
                                 struct review_history *h, struct error *err)
{
    struct brief_log log;
    memset(&log, 0, sizeof log);
    memset(h, 0, sizeof *h);
    int rc = read_log(st, f, &log);
    free(log.keep);
    if (rc) {
        free(log.rows);
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    }
    int64_t max = dense_max(&log);
    if (max > 0)
        add_dense(h, &log, max);
    else
        add_sorted(h, &log);
    review_history_end(h);
    free(log.rows);
    return 0;
}
