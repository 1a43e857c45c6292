/* newcards.h: which new cards a session introduces, in the order the
 * config asks for (new_order, deck.ID.priority, deck.ID.new_per_day). */
#ifndef REHEARSE_NEWCARDS_H
#define REHEARSE_NEWCARDS_H

#include "rehearse/config.h"
#include "rehearse/error.h"
#include "rehearse/store.h"

#include <stdbool.h>

struct new_cards_query {
    long limit; /* cards at most */
    const struct filter *filter;
    bool selected;    /* only cards the interview goal selects */
    bool deck_limits; /* apply deck.ID.new_per_day for today */
    long today;
};

/* Calls fn for up to q->limit new cards, in the order to show them:
 * decks by priority, one card from each in turn (interleave), deck after
 * deck (deck), or shuffled (random).  Returns 0, or -1 with err set. */
int new_cards_each(struct store *st, const struct config *c,
                   const struct new_cards_query *q, queued_fn fn, void *ctx,
                   struct error *err);

#endif
