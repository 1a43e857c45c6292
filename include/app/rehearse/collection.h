/* collection.h: opening the user's collection, the first step of almost
 * every command: find it, refuse what is not a collection file, open it,
 * back it up before a schema upgrade, and upgrade it. */
#ifndef REHEARSE_COLLECTION_H
#define REHEARSE_COLLECTION_H

#include "rehearse/error.h"
#include "rehearse/store.h"

#include <time.h>

/* Opens the collection at `option` (--collection), else
 * $REHEARSE_COLLECTION, else the XDG data path, creating it on first use.
 * On success *st is open and migrated and *path (free it) names the file.
 * On failure returns -1 with err set (ERROR_NEWER for a collection from a
 * newer rehearse) and the file is as it was. */
int collection_open(const char *option, time_t now, struct store **st,
                    char **path, struct error *err);

/* Brings an open collection's schema up to date (store_migrate), filling
 * in from the review log what SQL cannot compute (FSRS's state, for a
 * collection older than schema 5), all in one transaction.  0, or -1 with
 * err set and the file as it was. */
int collection_migrate(struct store *st, struct error *err);

#endif
