/* importer.h: the one path every deck takes into the collection.
 *
 * read file -> verify signature (before anything is written) -> check
 * publisher pinning and version -> parse and write, in one transaction.
 * Bundled decks and user imports go through the same code.  Messages go
 * to stdout (what happened) and stderr (why something was refused). */
#ifndef REHEARSE_IMPORTER_H
#define REHEARSE_IMPORTER_H

#include "rehearse/sign.h"
#include "rehearse/store.h"
#include "rehearse/ui.h"

#include <stdbool.h>
#include <time.h>

struct import_opts {
    bool allow_unsigned;  /* accept a deck with no .minisig */
    bool allow_downgrade; /* accept a lower version */
    bool new_publisher;   /* accept a different signing key */
    bool quiet;           /* print nothing on success */
    bool quiet_unchanged; /* say nothing of decks already up to date */
    const struct sign_pubkey *offered; /* -p: a key to consider */
    const char *offered_path;
    const struct ui *ui;    /* non-NULL: may ask on the terminal */
    const char *collection; /* for naming the backup made before writing */
};

/* Imports one deck file.  Returns an exit status (EXIT_OK, EXIT_DATA for a
 * refused deck, EXIT_FAIL for a collection error); the collection is
 * unchanged unless the result is EXIT_OK. */
int import_file(struct store *st, const char *path, const struct import_opts *o,
                time_t now);

/* Verifies path's signature against `key` alone, or, when key is NULL,
 * against the trusted keyring and the release key.  On success fills the
 * signature and, if name is non-NULL, the publisher's name (malloc'd). */
int verify_deck_file(struct store *st, const char *path, const char *text,
                     size_t len, const struct sign_pubkey *key,
                     struct sign_signature *sig, struct sign_pubkey *signer,
                     char **name);

/* EXIT_OK when the signature's trusted comment names this deck id and
 * version (so it cannot be replayed onto another deck or version). */
int check_binding(const char *sigpath, const struct sign_signature *sig,
                  const struct deck_meta *meta);

/* A deck_handler.meta callback that copies the header into a struct
 * deck_meta and stops the parse (deck_parse then returns 1). */
int read_meta(void *ctx, const struct deck_meta *meta, struct deck_error *err);

#endif
