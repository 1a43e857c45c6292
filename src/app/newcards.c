/* newcards.c: the order new cards come in.  See newcards.h.
 *
 * Interleaving reads a few cards from each deck (cards_deck_new serves
 * each read from the index) and deals them out in priority order, so the
 * cost is a handful of small queries, not a sort of every new card. */
#include "rehearse/newcards.h"

#include "rehearse/goal.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

struct deck_cards {
    int64_t id;
    const char *slug;
    int priority;
    struct queued_card *cards;
    size_t n, cap;
};

static int collect(void *ctx, const struct queued_card *q)
{
    struct deck_cards *d = ctx;
    d->cards = xgrow(d->cards, &d->cap, d->n + 1, sizeof *d->cards);
    d->cards[d->n++] = *q;
    return 0;
}

static int by_priority(const void *a, const void *b)
{
    const struct deck_cards *x = a, *y = b;
    if (x->priority != y->priority)
        return y->priority - x->priority;
    return (x->id > y->id) - (x->id < y->id);
}

/* How many new cards the deck may still give today. */
static int deck_room(struct store *st, const struct config *c,
                     const struct new_cards_query *q,
                     const struct deck_cards *d, long *room)
{
    int limit = config_deck_new_limit(c, d->slug);
    long seen = 0;
    *room = q->limit;
    if (!q->deck_limits || limit < 0)
        return 0;
    if (store_new_seen_in(st, d->id, q->today, &seen))
        return -1;
    long left = limit > seen ? limit - seen : 0;
    *room = left < *room ? left : *room;
    return 0;
}

/* Deals the decks' cards out to fn: round by round, or deck by deck. */
static void deal(struct deck_cards *decks, size_t n, enum new_order order,
                 long limit, queued_fn fn, void *ctx)
{
    long given = 0;
    if (order == NEW_ORDER_DECK) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < decks[i].n && given < limit; j++, given++)
                fn(ctx, &decks[i].cards[j]);
        return;
    }
    for (size_t round = 0; given < limit; round++) {
        bool any = false;
        for (size_t i = 0; i < n && given < limit; i++)
            if (round < decks[i].n) {
                fn(ctx, &decks[i].cards[round]);
                given++;
                any = true;
            }
        if (!any)
            break;
    }
}

static int fill_decks(struct store *st, const struct config *c,
                      const struct new_cards_query *q, struct deck_cards *decks,
                      size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long room;
        if (deck_room(st, c, q, &decks[i], &room))
            return -1;
        if (room > 0 && store_each_new_in(st, decks[i].id, room, q->filter,
                                          q->selected, collect, &decks[i]))
            return -1;
    }
    return 0;
}

static bool any_deck_limit(const struct config *c)
{
    for (size_t i = 0; i < c->ndecks; i++)
        if (c->decks[i].new_per_day >= 0)
            return true;
    return false;
}

int new_cards_each(struct store *st, const struct config *c,
                   const struct new_cards_query *q, queued_fn fn, void *ctx,
                   struct error *err)
{
    if (q->limit <= 0)
        return 0;
    /* Random order draws from every deck at once, so it cannot keep
     * per-deck limits: with one set, the decks are interleaved instead. */
    if (c->new_order == NEW_ORDER_RANDOM &&
        (!q->deck_limits || !any_deck_limit(c))) {
        if (store_each_new_random(st, q->limit, q->filter, q->selected, fn,
                                  ctx))
            return error_set(err, ERROR_FAIL, "%s", store_error(st));
        return 0;
    }
    int64_t *ids;
    char **slugs;
    size_t n;
    if (store_new_decks(st, q->filter, q->selected, &ids, &slugs, &n))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    struct deck_cards *decks = xcalloc(n ? n : 1, sizeof *decks);
    for (size_t i = 0; i < n; i++) {
        decks[i].id = ids[i];
        decks[i].slug = slugs[i];
        decks[i].priority = config_deck_priority(c, slugs[i]);
    }
    qsort(decks, n, sizeof *decks, by_priority);
    int rc = fill_decks(st, c, q, decks, n);
    if (rc)
        error_set(err, ERROR_FAIL, "%s", store_error(st));
    else
        deal(decks, n, c->new_order, q->limit, fn, ctx);
    for (size_t i = 0; i < n; i++) {
        free(decks[i].cards);
        free(slugs[i]);
    }
    free(decks);
    free(slugs);
    free(ids);
    return rc;
}
