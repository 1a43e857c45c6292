/* fuzz_pubkey.c: libFuzzer target for minisign public key files
 * (sign_parse_pubkey in sign.h).
 *
 * A key that parses must survive a round trip: the parser accepts only
 * canonical base64, so sign_pubkey_base64 gives back the input's second
 * line byte for byte, and sign_format_pubkey's text parses to the same
 * key.  The key is then used to check a known signature, which holds only
 * for the test key it was made with. */
#include "fuzz_check.h"
#include "fuzz_sign_data.h"
#include "rehearse/sign.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sign_pubkey test_key;
static struct sign_signature test_sig;

static void setup(void)
{
    fuzz_sign_setup(&test_key, &test_sig);
}

/* The second line of text, without its LF or CRLF. */
static const char *second_line(const char *text, size_t size, size_t *len)
{
    const char *nl = memchr(text, '\n', size);
    FUZZ_CHECK(nl != NULL); /* a key that parsed has two lines */
    const char *line = nl + 1, *end = text + size;
    const char *nl2 = memchr(line, '\n', (size_t)(end - line));
    *len = (size_t)((nl2 ? nl2 : end) - line);
    if (nl2 && *len > 0 && line[*len - 1] == '\r')
        (*len)--;
    return line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    const char *text = (const char *)data;
    struct sign_pubkey key;
    struct error err;
    err.message[0] = '\0';
    int r = sign_parse_pubkey(text, size, &key, &err);
    if (r != 0) {
        FUZZ_CHECK(r == -1);
        FUZZ_CHECK(err.message[0] != '\0');
        return 0;
    }

    /* Canonical base64: re-encoding gives the very line that was read. */
    size_t len;
    const char *line = second_line(text, size, &len);
    char *b64 = sign_pubkey_base64(&key);
    FUZZ_CHECK(b64 != NULL);
    FUZZ_CHECK(strlen(b64) == len && memcmp(b64, line, len) == 0);
    free(b64);

    /* The formatted key file parses back to the same key. */
    char *file = sign_format_pubkey(&key);
    FUZZ_CHECK(file != NULL);
    struct sign_pubkey again;
    FUZZ_CHECK(sign_parse_pubkey(file, strlen(file), &again, &err) == 0);
    FUZZ_CHECK(memcmp(&again, &key, sizeof key) == 0);
    free(file);

    /* The key id prints as 16 hex digits and parses back. */
    char hex[17];
    uint8_t keyid[SIGN_KEYID_BYTES];
    sign_keyid_hex(key.keyid, hex);
    FUZZ_CHECK(strlen(hex) == 16);
    FUZZ_CHECK(sign_keyid_parse(hex, keyid));
    FUZZ_CHECK(memcmp(keyid, key.keyid, sizeof keyid) == 0);

    /* The known signature verifies under the test key and no other. */
    int v = sign_verify(&test_sig, &key, (const uint8_t *)fuzz_test_message,
                        strlen(fuzz_test_message), &err);
    bool same = memcmp(&key, &test_key, sizeof key) == 0;
    FUZZ_CHECK(same ? v == 0 : v != 0);
    return 0;
}
