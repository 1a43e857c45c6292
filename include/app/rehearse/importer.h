/* importer.h: the one path every deck takes into the collection.
 *
 * read the file -> recognise its format (deck_source.h) -> verify the
 * signature before anything is written (verify.h) -> back up -> check
 * publisher pinning and version -> write, in one transaction, with any
 * trust the user granted on the way.  Bundled decks and user imports go
 * through the same code.  Nothing here prints or prompts: progress and
 * the one question (trust an offered key?) go through the callbacks the
 * caller supplies, and the outcome comes back in struct import_result. */
#ifndef REHEARSE_IMPORTER_H
#define REHEARSE_IMPORTER_H

#include "rehearse/backup.h"
#include "rehearse/error.h"
#include "rehearse/sign.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct import_progress {
    const char *deck;     /* its id */
    size_t done, total;   /* bytes of the deck file parsed so far */
    long cards;           /* written so far */
    long long elapsed_ms; /* since writing began */
};

struct import_callbacks {
    void *ctx;
    /* Called every 256 cards while a deck is written; may be NULL. */
    void (*progress)(void *ctx, const struct import_progress *p);
    /* Called once the bar may be cleared (the deck is written). */
    void (*progress_done)(void *ctx);
    /* Asked whether to trust the offered key, which signs this deck;
     * NULL (no terminal) refuses with a hint. */
    bool (*confirm_trust)(void *ctx, const char *keyid_hex,
                          const char *pubkey_base64);
};

struct import_opts {
    bool allow_unsigned;   /* accept a deck with no .minisig */
    bool allow_downgrade;  /* accept a lower version */
    bool new_publisher;    /* accept a different signing key */
    bool strict_publisher; /* an unsigned stored deck is pinned too */
    const struct sign_pubkey *offered; /* -p: a key to consider */
    const char *offered_path;
    const char *collection; /* non-NULL: back up before writing */
    /* Anki packages (anki_package.h): */
    const char *deck_id; /* the deck id to use instead of the deck name's */
    bool no_history;     /* import the notes, not the review log */
    int rollover_hour;   /* for the study days of past reviews */
    const struct import_callbacks *callbacks; /* may be NULL */
};

enum import_outcome { IMPORT_ADDED, IMPORT_UPDATED, IMPORT_UNCHANGED };

#define IMPORT_MAX_SKIPS 8 /* reasons told apart; later ones are summed */

struct import_skip {
    long count;
    char reason[240];
};

struct import_result {
    enum import_outcome outcome;
    char deck[65];
    long version, old_version; /* old_version for IMPORT_UPDATED */
    long added, changed, retired;
    bool signed_deck;
    bool anki;      /* from an Anki package */
    long reviews;   /* past reviews written (Anki packages) */
    long suspended; /* cards that arrived suspended */
    struct import_skip skips[IMPORT_MAX_SKIPS + 1]; /* cards left out */
    size_t nskips;
    bool trusted_now;            /* the offered key was added to the keyring */
    char signer_name[256];       /* when signed_deck */
    struct backup_result backup; /* the copy made first, if any */
};

/* Imports one deck file.  Returns 0 and fills *res, or -1 with err set
 * (ERROR_REFUSED for a refused deck, ERROR_FAIL for a collection or I/O
 * error); the collection is unchanged unless the result is 0. */
int import_file(struct store *st, const char *path, const struct import_opts *o,
                time_t now, struct import_result *res, struct error *err);

#endif
