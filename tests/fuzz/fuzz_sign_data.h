/* fuzz_sign_data.h: a throwaway test key pair's public half, a small deck,
 * and that deck's signature, for the signing fuzz targets.
 *
 * Made for these tests only, with `rehearse keygen -W` and `rehearse sign`.
 * The unencrypted secret half is a seed, corpus/seckey/rehearse-keygen-W.key:
 * a throwaway key that signs nothing real, not the project's release key.
 * `minisign -Vm msg.md -p pub` accepts this signature, so what the fuzzer
 * mutates starts from files the real tools agree on. */
#ifndef REHEARSE_FUZZ_SIGN_DATA_H
#define REHEARSE_FUZZ_SIGN_DATA_H

#include "fuzz_check.h"
#include "rehearse/sign.h"

#include <stdbool.h>
#include <string.h>

static const char fuzz_test_pubkey[] =
    "untrusted comment: minisign public key 8A07A0029B1B83EF\n"
    "RWTvgxubAqAHirgxGJlZjX/3zTdwgHZjJ6IJkLktk8yoljIwOf6EVSjn\n";

static const char fuzz_test_message[] =
    "---\n"
    "id: fuzz-sample\n"
    "title: Fuzzing sample\n"
    "version: 2\n"
    "tags: basics, junior\n"
    "---\n"
    "\n"
    "## What does `is` compare? {#is-vs-eq}\n"
    "\n"
    "Identity: whether two names refer to the **same object**.\n"
    "\n"
    "Tags: basics, junior\n"
    "Keys: identity not equality; `__eq__` decides equality\n";

static const char fuzz_test_signature[] =
    "untrusted comment: signature from rehearse secret key\n"
    "RUTvgxubAqAHimewinKoJwPpIuEnB0SF39+4/TiFl3orUjEOX/54w7huCBw/GLmUIZmN6sU"
    "Kh/7LNK+xlQwNL9bAtOBoc1hQrgA=\n"
    "trusted comment: deck:fuzz-sample\tversion:2\ttimestamp:1795461668\n"
    "fY2fuYzo+ATbyZrfdTZYFYYKxzaJnZRnZ1lHgDPyiKPcdJ9VnpmhfkfG4A44qgWDkHzmUwp"
    "3FATIiyX3MC0eDA==\n";

/* Parses the test key and signature above, once per process. */
static inline void fuzz_sign_setup(struct sign_pubkey *key,
                                   struct sign_signature *sig)
{
    static bool ready;
    struct error err;
    if (ready)
        return;
    FUZZ_CHECK(sign_init() == 0);
    FUZZ_CHECK(sign_parse_pubkey(fuzz_test_pubkey, strlen(fuzz_test_pubkey),
                                 key, &err) == 0);
    FUZZ_CHECK(sign_parse_signature(fuzz_test_signature,
                                    strlen(fuzz_test_signature), sig,
                                    &err) == 0);
    ready = true;
}

#endif
