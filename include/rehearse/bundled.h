/* bundled.h: the decks and release key that ship with rehearse. */
#ifndef REHEARSE_BUNDLED_H
#define REHEARSE_BUNDLED_H

#include "rehearse/sign.h"
#include "rehearse/store.h"

#include <time.h>

/* The project's release key (keys/rehearse.pub), built into the binary:
 * always trusted, as "rehearse project". */
const struct sign_pubkey *release_key(void);
#define RELEASE_KEY_NAME "rehearse project"

/* The directory of bundled decks: $REHEARSE_DECKDIR if set (empty means
 * none), else ../share/rehearse/decks beside the executable, else the
 * source tree's decks/.  Returns NULL when there is none. */
char *bundled_dir(void);

/* Imports or updates the bundled decks whose version is newer than the
 * collection's, through the verified import path.  Quiet unless a deck is
 * added or fails. */
void bundled_sync(struct store *st, const char *collection, time_t now);

#endif
