/* keyfiles.h: a new key pair written to disk, both files or neither. */
#ifndef REHEARSE_KEYFILES_H
#define REHEARSE_KEYFILES_H

#include "rehearse/error.h"
#include "rehearse/sign.h"

#include <stdbool.h>

/* Makes a key pair and writes the secret key (mode 0600, encrypted when
 * passphrase is non-NULL) to secpath and the public key to pubpath.
 * Each is written in full to a temporary file in its directory first and
 * put in place only when both are ready, so a failure leaves neither
 * file behind and nothing existing replaced.  Without force, an existing
 * file at either path is refused.  Returns 0 and fills *pk, or -1 with
 * err set. */
int keyfiles_create(const char *secpath, const char *pubpath,
                    const char *passphrase, bool force, struct sign_pubkey *pk,
                    struct error *err);

#endif
