/* bundled.h: the decks that ship with rehearse, kept up to date in every
 * collection through the ordinary import path. */
#ifndef REHEARSE_BUNDLED_H
#define REHEARSE_BUNDLED_H

#include "rehearse/error.h"
#include "rehearse/importer.h"
#include "rehearse/store.h"

#include <time.h>

/* The directory of bundled decks: $REHEARSE_DECKDIR if set (empty means
 * none), else ../share/rehearse/decks beside the executable, else the
 * source tree's decks/.  Returns NULL when there is none. */
char *bundled_dir(void);

/* What bundled_sync tells its caller about each deck it did not skip. */
struct bundled_callbacks {
    void *ctx;
    /* A deck was added or updated. */
    void (*imported)(void *ctx, const struct import_result *res);
    /* A deck could not be imported; the others go on.  A refusal is
     * reported once per collection, not on every command. */
    void (*failed)(void *ctx, const char *path, const struct error *err);
};

/* Imports or updates the bundled decks whose version is newer than the
 * collection's, through the verified import path. */
void bundled_sync(struct store *st, const char *collection, time_t now,
                  const struct bundled_callbacks *cb);

#endif
