/* fuzz_seckey.c: libFuzzer target for minisign secret key files
 * (sign_seckey_encrypted and sign_parse_seckey in sign.h).
 *
 * sign_parse_seckey is only ever called without a passphrase, so an
 * encrypted key is refused before any scrypt work: each input costs
 * microseconds, not a 1 GiB key derivation.  An unencrypted key that
 * parses must round-trip through sign_format_seckey, and must make a
 * signature that sign_parse_signature reads back; when its public half is
 * the one its seed implies, that signature must verify. */
#include "fuzz_check.h"
#include "fuzz_sign_data.h"
#include "rehearse/sign.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void setup(void)
{
    static bool ready;
    if (!ready) {
        FUZZ_CHECK(sign_init() == 0);
        ready = true;
    }
}

/* Signs the sample deck with key and checks what comes out. */
static void check_signing(const struct sign_seckey *key)
{
    const uint8_t *msg = (const uint8_t *)fuzz_test_message;
    size_t msglen = strlen(fuzz_test_message);
    char *text = sign_create(key, msg, msglen, "deck:fuzz-sample\tversion:2",
                             "fuzz target");
    FUZZ_CHECK(text != NULL);
    struct sign_signature sig;
    struct error err;
    FUZZ_CHECK(sign_parse_signature(text, strlen(text), &sig, &err) == 0);
    FUZZ_CHECK(memcmp(sig.keyid, key->keyid, SIGN_KEYID_BYTES) == 0);
    FUZZ_CHECK(strcmp(sig.trusted_comment, "deck:fuzz-sample\tversion:2") == 0);
    free(text);

    /* An Ed25519 secret key is seed | public key; a file may pair a seed
     * with some other public key, and then nothing verifies.  When the
     * halves agree, the signature must verify. */
    uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk, key->sk);
    sodium_memzero(sk, sizeof sk);
    if (memcmp(pk, key->sk + crypto_sign_SEEDBYTES, sizeof pk) != 0)
        return;
    struct sign_pubkey pub;
    sign_public_of(key, &pub);
    FUZZ_CHECK(memcmp(pub.pk, pk, sizeof pk) == 0);
    FUZZ_CHECK(sign_verify(&sig, &pub, msg, msglen, &err) == 0);
    /* ...and not over another message. */
    FUZZ_CHECK(sign_verify(&sig, &pub, msg, msglen - 1, &err) != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    const char *text = (const char *)data;
    struct error err;
    err.message[0] = '\0';
    int encrypted = sign_seckey_encrypted(text, size, &err);
    FUZZ_CHECK(encrypted >= -1 && encrypted <= 1);
    if (encrypted == -1)
        FUZZ_CHECK(err.message[0] != '\0');

    /* Never a passphrase: no scrypt runs, whatever the file asks for. */
    struct sign_seckey *key = NULL;
    int r = sign_parse_seckey(text, size, NULL, &key, &err);
    if (encrypted != 0) {
        /* Malformed, or encrypted and so needing the passphrase we withheld. */
        FUZZ_CHECK(r == -1 && key == NULL);
        return 0;
    }
    if (r != 0) {
        FUZZ_CHECK(r == -1 && key == NULL);
        FUZZ_CHECK(err.message[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(key != NULL);

    /* Written back out unencrypted, it reads back as the same key. */
    char *again = sign_format_seckey(key, NULL);
    FUZZ_CHECK(again != NULL);
    FUZZ_CHECK(sign_seckey_encrypted(again, strlen(again), &err) == 0);
    struct sign_seckey *copy = NULL;
    FUZZ_CHECK(sign_parse_seckey(again, strlen(again), NULL, &copy, &err) == 0);
    FUZZ_CHECK(memcmp(copy->keyid, key->keyid, SIGN_KEYID_BYTES) == 0);
    FUZZ_CHECK(memcmp(copy->sk, key->sk, SIGN_SK_BYTES) == 0);
    sign_seckey_free(copy);
    sign_text_free(again);

    check_signing(key);
    sign_seckey_free(key);
    return 0;
}
