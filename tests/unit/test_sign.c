/* test_sign.c: minisign formats, round trips and a tamper catalogue.
 * Each tampered case must be refused with its own message. */
#include "check.h"
#include "rehearse/sign.h"

#include <sodium.h>
#include <stdlib.h>

static const uint8_t deck[] = "---\nid: x\ntitle: X\nversion: 1\n---\n"
                              "## Q {#q}\nA\n";
static const char comment[] = "deck:x\tversion:1\ttimestamp:1700000000";

/* Returns a copy of text with line `n` (0-based) replaced. */
static char *replace_line(const char *text, int n, const char *line)
{
    char *out = malloc(strlen(text) + strlen(line) + 1);
    const char *p = text;
    char *o = out;
    for (int i = 0; *p; i++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (i == n) {
            strcpy(o, line);
            o += strlen(line);
        } else {
            memcpy(o, p, len);
            o += len;
        }
        if (nl)
            *o++ = '\n';
        p = nl ? nl + 1 : p + len;
    }
    *o = '\0';
    return out;
}

/* Decodes line n, lets `edit` change the bytes, and re-encodes it. */
static char *edit_binary_line(const char *text, int n, size_t binlen,
                              void (*edit)(uint8_t *))
{
    const char *p = text;
    for (int i = 0; i < n; i++)
        p = strchr(p, '\n') + 1;
    size_t len = strcspn(p, "\n");
    uint8_t bin[200];
    size_t got;
    sodium_base642bin(bin, sizeof bin, p, len, NULL, &got, NULL,
                      sodium_base64_VARIANT_ORIGINAL);
    CHECK_INT(got, binlen);
    edit(bin);
    char line[300];
    sodium_bin2base64(line, sizeof line, bin, binlen,
                      sodium_base64_VARIANT_ORIGINAL);
    return replace_line(text, n, line);
}

static void to_legacy(uint8_t *b)
{
    b[1] = 'd';
}
static void flip_sig(uint8_t *b)
{
    b[20] ^= 1;
}
static void flip_global(uint8_t *b)
{
    b[5] ^= 0x80;
}
static void zero_checksum(uint8_t *b)
{
    memset(b + 126, 0, 32);
}

static int verify_text(const char *sigtext, const struct sign_pubkey *pk,
                       const uint8_t *msg, size_t len, struct error *err)
{
    struct sign_signature sig;
    if (sign_parse_signature(sigtext, strlen(sigtext), &sig, err))
        return -1;
    return sign_verify(&sig, pk, msg, len, err);
}

static void expect_refused(const char *name, const char *sigtext,
                           const struct sign_pubkey *pk, const uint8_t *msg,
                           size_t len, const char *message)
{
    struct error err = {0};
    check_case = name;
    CHECK_INT(verify_text(sigtext, pk, msg, len, &err), -1);
    CHECK_CONTAINS(err.message, message);
}

static void tamper_catalogue(const struct sign_pubkey *pk,
                             const struct sign_seckey *sk)
{
    struct error err;
    char *good = sign_create(sk, deck, sizeof deck - 1, comment, "c");
    check_case = "good signature verifies";
    CHECK_INT(verify_text(good, pk, deck, sizeof deck - 1, &err), 0);

    uint8_t changed[sizeof deck];
    memcpy(changed, deck, sizeof deck);
    changed[30] ^= 1;
    expect_refused("one bit flipped in the deck", good, pk, changed,
                   sizeof deck - 1, "bad signature");

    char *t = edit_binary_line(good, 1, 74, flip_sig);
    expect_refused("one bit flipped in the signature", t, pk, deck,
                   sizeof deck - 1, "bad signature");
    free(t);

    t = edit_binary_line(good, 3, 64, flip_global);
    expect_refused("one bit flipped in the global signature", t, pk, deck,
                   sizeof deck - 1, "bad global signature");
    free(t);

    t = replace_line(good, 2,
                     "trusted comment: deck:x\tversion:2\ttimestamp:1");
    expect_refused("trusted comment changed", t, pk, deck, sizeof deck - 1,
                   "trusted comment was changed");
    free(t);

    t = edit_binary_line(good, 1, 74, to_legacy);
    expect_refused("legacy Ed signature", t, pk, deck, sizeof deck - 1,
                   "legacy 'Ed' signature refused");
    free(t);

    struct sign_pubkey other;
    struct sign_seckey *other_sk;
    sign_keygen(&other, &other_sk);
    expect_refused("key id does not match", good, &other, deck, sizeof deck - 1,
                   "key id does not match");
    struct sign_pubkey same_id = other;
    memcpy(same_id.keyid, pk->keyid, SIGN_KEYID_BYTES);
    expect_refused("same key id, different key", good, &same_id, deck,
                   sizeof deck - 1, "bad signature");
    sign_seckey_free(other_sk);

    char *cut = strdup(good);
    *strrchr(cut, 't') = '\0'; /* inside the trusted comment line */
    *(strstr(cut, "trusted comment") - 1) = '\0';
    expect_refused("truncated file", cut, pk, deck, sizeof deck - 1,
                   "truncated");
    free(cut);

    char longline[1200] = "trusted comment: ";
    memset(longline + 17, 'x', 1100);
    t = replace_line(good, 2, longline);
    expect_refused("over-long line", t, pk, deck, sizeof deck - 1, "too long");
    free(t);

    t = strdup(good);
    char *sigline = strchr(t, '\n') + 1;
    char *last = sigline + 98; /* last base64 digit: 2 spare bits */
    *last = *last == 'A' ? 'B' : (char)(*last == 'z' ? 'y' : *last + 1);
    expect_refused("non-canonical base64", t, pk, deck, sizeof deck - 1,
                   "base64");
    free(t);

    t = malloc(strlen(good) * 2);
    char *o = t;
    for (const char *p = good; *p; p++) {
        if (*p == '\n')
            *o++ = '\r';
        *o++ = *p;
    }
    *o = '\0';
    check_case = "CRLF line endings are accepted";
    CHECK_INT(verify_text(t, pk, deck, sizeof deck - 1, &err), 0);
    free(t);

    t = replace_line(good, 0, "untrusted comment: a\rb");
    expect_refused("a CR inside a line", t, pk, deck, sizeof deck - 1,
                   "carriage return");
    free(t);

    t = malloc(strlen(good) + 8);
    strcpy(t, good);
    strcat(t, "extra\n");
    expect_refused("text after the last line", t, pk, deck, sizeof deck - 1,
                   "unexpected text");
    free(t);
    free(good);
}

static void key_files(const struct sign_pubkey *pk,
                      const struct sign_seckey *sk)
{
    struct error err;
    struct sign_pubkey pk2;
    check_case = "public key round trip";
    char *text = sign_format_pubkey(pk);
    CHECK_INT(sign_parse_pubkey(text, strlen(text), &pk2, &err), 0);
    CHECK(memcmp(&pk2, pk, sizeof pk2) == 0);
    char hex[17];
    uint8_t id[8];
    sign_keyid_hex(pk->keyid, hex);
    CHECK_CONTAINS(text, hex);
    CHECK(sign_keyid_parse(hex, id) && memcmp(id, pk->keyid, 8) == 0);
    free(text);

    check_case = "unencrypted secret key round trip";
    char *sec = sign_format_seckey(sk, NULL);
    struct sign_seckey *back;
    CHECK_INT(sign_seckey_encrypted(sec, strlen(sec), &err), 0);
    CHECK_INT(sign_parse_seckey(sec, strlen(sec), NULL, &back, &err), 0);
    CHECK(back && memcmp(back, sk, sizeof *back) == 0);
    sign_seckey_free(back);

    check_case = "minisign 0.11 unencrypted key with a zero checksum";
    char *zeroed = edit_binary_line(sec, 1, 158, zero_checksum);
    CHECK_INT(sign_parse_seckey(zeroed, strlen(zeroed), NULL, &back, &err), 0);
    sign_seckey_free(back);
    free(zeroed);
    sign_text_free(sec);

    check_case = "encrypted secret key: right and wrong passphrase";
    sec = sign_format_seckey(sk, "correct horse");
    CHECK_INT(sign_seckey_encrypted(sec, strlen(sec), &err), 1);
    CHECK_INT(sign_parse_seckey(sec, strlen(sec), "correct horse", &back, &err),
              0);
    CHECK(back && memcmp(back, sk, sizeof *back) == 0);
    sign_seckey_free(back);
    CHECK_INT(sign_parse_seckey(sec, strlen(sec), "wrong", &back, &err), -1);
    CHECK_CONTAINS(err.message, "wrong passphrase");
    sign_text_free(sec);
}

int main(void)
{
    if (sign_init() != 0)
        return 2;
    struct sign_pubkey pk;
    struct sign_seckey *sk;
    sign_keygen(&pk, &sk);
    tamper_catalogue(&pk, sk);
    key_files(&pk, sk);

    check_case = "key id as minisign prints it, leading zeros dropped";
    uint8_t id[8], want[8] = {0xAA, 0x7F, 0x1F, 0x02, 0x94, 0xC7, 0x7D, 0x09};
    CHECK(sign_keyid_parse("97DC794021F7FAA", id) && !memcmp(id, want, 8));
    CHECK(sign_keyid_parse("097dc794021f7faa", id) && !memcmp(id, want, 8));
    uint8_t small[8] = {0x01};
    CHECK(sign_keyid_parse("1", id) && !memcmp(id, small, 8));
    CHECK(!sign_keyid_parse("", id));
    CHECK(!sign_keyid_parse("10000000000000000", id));
    CHECK(!sign_keyid_parse("12G4", id));

    char value[64];
    check_case = "trusted comment fields";
    CHECK(sign_comment_field(comment, "deck", value, sizeof value));
    CHECK_STR(value, "x");
    CHECK(sign_comment_field(comment, "version", value, sizeof value));
    CHECK_STR(value, "1");
    CHECK(!sign_comment_field(comment, "dec", value, sizeof value));
    sign_seckey_free(sk);
    return check_report("test_sign");
}
