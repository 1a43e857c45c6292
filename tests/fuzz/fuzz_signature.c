/* fuzz_signature.c: libFuzzer target for minisign signature files
 * (sign_parse_signature, sign_verify and sign_comment_field in sign.h).
 *
 * Two readings of each input:
 *   1. the whole input is a .minisig file; when it parses, it is verified
 *      against the built-in test key over the sample deck (and over the
 *      input itself), and the trusted comment's fields are looked up;
 *   2. a bundle: a public key file (2 lines), a signature file (4 lines),
 *      then the signed bytes; when key and signature parse, the signature
 *      is verified over those bytes.  Seeds in this form verify, so the
 *      fuzzer starts from inputs that pass every check. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strnlen */
#endif
#include "fuzz_check.h"
#include "fuzz_sign_data.h"
#include "rehearse/sign.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sign_pubkey test_key;
static struct sign_signature test_sig;

static void setup(void)
{
    fuzz_sign_setup(&test_key, &test_sig);
}

/* What sign.h promises of a parsed signature's trusted comment. */
static void check_comment(const struct sign_signature *sig)
{
    const char *c = sig->trusted_comment;
    size_t len = strnlen(c, sizeof sig->trusted_comment);
    FUZZ_CHECK(len <= SIGN_COMMENT_MAX);
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)c[i];
        FUZZ_CHECK((b >= 0x20 || b == '\t') && b != 0x7F);
    }
    static const char *const names[] = {"deck", "version", "timestamp", ""};
    static const size_t sizes[] = {1, 8, 65, SIGN_COMMENT_MAX + 1};
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            char value[SIGN_COMMENT_MAX + 1];
            memset(value, 'Z', sizeof value);
            if (!sign_comment_field(c, names[n], value, sizes[s]))
                continue;
            size_t vlen = strnlen(value, sizes[s]);
            FUZZ_CHECK(vlen < sizes[s]);             /* fits, terminated */
            FUZZ_CHECK(strstr(c, value) != NULL);    /* comes from c */
            FUZZ_CHECK(strchr(value, '\t') == NULL); /* one field only */
        }
    }
}

/* Offset just past the `n`th newline in data, or 0 if there are fewer. */
static size_t after_lines(const uint8_t *data, size_t size, int n)
{
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        const uint8_t *nl = memchr(data + at, '\n', size - at);
        if (nl == NULL)
            return 0;
        at = (size_t)(nl - data) + 1;
    }
    return at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    const char *text = (const char *)data;
    struct sign_signature sig;
    struct error err;

    /* 1. The input as one signature file.  Zeroed first, so the bytes past
     * the trusted comment's NUL compare equal to the reference's. */
    memset(&sig, 0, sizeof sig);
    err.message[0] = '\0';
    int r = sign_parse_signature(text, size, &sig, &err);
    if (r == 0) {
        check_comment(&sig);
        int v = sign_verify(&sig, &test_key, (const uint8_t *)fuzz_test_message,
                            strlen(fuzz_test_message), &err);
        if (memcmp(&sig, &test_sig, sizeof sig) == 0)
            FUZZ_CHECK(v == 0);
        (void)sign_verify(&sig, &test_key, data, size, &err);
    } else {
        FUZZ_CHECK(r == -1);
        FUZZ_CHECK(err.message[0] != '\0');
    }

    /* 2. The input as key file + signature file + signed bytes. */
    size_t key_end = after_lines(data, size, 2);
    if (key_end == 0)
        return 0;
    size_t sig_end = key_end + after_lines(data + key_end, size - key_end, 4);
    if (sig_end == key_end)
        return 0;
    struct sign_pubkey key;
    if (sign_parse_pubkey(text, key_end, &key, &err) != 0 ||
        sign_parse_signature(text + key_end, sig_end - key_end, &sig, &err) !=
            0)
        return 0;
    check_comment(&sig);
    (void)sign_verify(&sig, &key, data + sig_end, size - sig_end, &err);
    return 0;
}
