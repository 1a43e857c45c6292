/* review_history.c: the growable arrays behind review_history.h. */
#include "rehearse/review_history.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

static void push_start(struct review_history *h, size_t at)
{
    h->start = xgrow(h->start, &h->start_cap, h->ncards + 2, sizeof *h->start);
    h->start[h->ncards] = at;
}

void review_history_begin_card(struct review_history *h)
{
    /* A card begun with no items since the last begin is dropped: every
     * card in the history has at least one item. */
    if (h->ncards > 0 && h->start[h->ncards - 1] == h->nitems) {
        return;
    }
    push_start(h, h->nitems);
    h->ncards++;
}

void review_history_add(struct review_history *h,
                        const struct history_item *item)
{
    h->items = xgrow(h->items, &h->items_cap, h->nitems + 1, sizeof *h->items);
    h->items[h->nitems++] = *item;
}

void review_history_end(struct review_history *h)
{
    if (h->ncards > 0 && h->start[h->ncards - 1] == h->nitems)
        h->ncards--; /* the last card got no items */
    push_start(h, h->nitems);
}

void review_history_free(struct review_history *h)
{
    free(h->items);
    free(h->start);
    memset(h, 0, sizeof *h);
}
