/* deck_source.h: the formats a deck can arrive in, behind one interface.
 *
 * The import path (app/importer.c) reads a file's bytes, asks which
 * source recognises them (by content, never by file name), verifies the
 * signature over the bytes, and then lets the source stream the deck
 * header and cards into the collection.  The Markdown deck format is the
 * one source today; an Anki package reader is added by writing another
 * struct deck_source and listing it in deck_sources[] (deck_source.c). */
#ifndef REHEARSE_DECK_SOURCE_H
#define REHEARSE_DECK_SOURCE_H

#include "rehearse/deck.h"

#include <stdbool.h>
#include <stddef.h>

struct deck_source {
    const char *name; /* for messages: "Markdown deck" */
    /* True when bytes[0..len) look like this format. */
    bool (*recognises)(const char *bytes, size_t len);
    /* Streams the deck: h->meta once, then h->card for each card, in
     * order.  Returns as deck_parse does. */
    int (*parse)(const char *bytes, size_t len, const struct deck_handler *h,
                 void *ctx, struct deck_error *err);
};

/* The first source that recognises the bytes; the Markdown deck source,
 * whose parser gives the clearest error, when none does. */
const struct deck_source *deck_source_for(const char *bytes, size_t len);

/* Reads only the header of a deck in any source format into *meta (free
 * with deck_meta_free).  Returns 0, or -1 with err set. */
int deck_source_meta(const struct deck_source *src, const char *bytes,
                     size_t len, struct deck_meta *meta,
                     struct deck_error *err);

#endif
