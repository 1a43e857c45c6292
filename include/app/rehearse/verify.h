/* verify.h: the one verification step every deck passes before it is
 * written, and the keys it trusts.
 *
 * A signature is good when it verifies against the offered key, or else
 * against the project's release key or a key in the collection's keyring
 * (matched on the full public key, the key id only narrows the search),
 * and when its trusted comment names this deck's id and version, so that
 * a signature cannot be replayed onto another deck or version. */
#ifndef REHEARSE_VERIFY_H
#define REHEARSE_VERIFY_H

#include "rehearse/deck.h"
#include "rehearse/error.h"
#include "rehearse/sign.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <stddef.h>

/* The project's release key (keys/rehearse.pub), built into the binary:
 * always trusted, as "rehearse project". */
const struct sign_pubkey *release_key(void);
#define RELEASE_KEY_NAME "rehearse project"

/* Reads and parses a public key file.  Returns 0, or -1 with err set
 * (ERROR_REFUSED for a malformed key, ERROR_FAIL when unreadable). */
int load_pubkey_file(const char *path, struct sign_pubkey *key,
                     struct error *err);

struct verified {
    struct sign_signature sig;
    struct sign_pubkey signer;
    char signer_name[256]; /* keyring name, RELEASE_KEY_NAME, or "" */
};

/* Verifies path.minisig over text[0..len) and its binding to meta.  With
 * key non-NULL only that key is tried.  Returns 0 and fills *out, or -1
 * with err set: ERROR_REFUSED for a bad, untrusted or misbound signature
 * (then err->hint may say how to trust the key), ERROR_FAIL when the
 * keyring cannot be read. */
int verify_deck(struct store *st, const char *path, const char *text,
                size_t len, const struct deck_meta *meta,
                const struct sign_pubkey *key, struct verified *out,
                struct error *err);

#endif
