/* sign.c: minisign's key and signature formats over libsodium.
 *
 * Layouts (all integers little-endian):
 *   public key  "Ed" | keyid[8] | pk[32]                          42 bytes
 *   secret key  "Ed" | kdf[2] | "B2" | salt[32] | ops[8] | mem[8]
 *               | keyid[8] | sk[64] | checksum[32]               158 bytes
 *               (kdf "Sc": keyid..checksum XORed with scrypt output;
 *                kdf 0: plain, checksum may be all zero)
 *   signature   "ED" | keyid[8] | sig[64]                         74 bytes
 *               then the global signature over sig | trusted comment. */
#include "rehearse/sign.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define PK_BIN 42
#define SK_BIN 158
#define SK_SECRET_OFF 54 /* keyid | sk | checksum: the encrypted part */
#define SK_SECRET_LEN 104
#define SIG_BIN 74
#define UNTRUSTED "untrusted comment: "
#define TRUSTED "trusted comment: "
#define KDF_OPS_MAX 1073741824ULL /* refuse absurd, hostile KDF costs */
#define KDF_MEM_MAX 2147483648ULL /* 2 GiB; minisign uses 1 GiB */

/* Every malformed key or signature is refused input. */
static int fail(struct error *err, const char *msg)
{
    return error_set(err, ERROR_REFUSED, "%s", msg);
}

int sign_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

void sign_keyid_hex(const uint8_t keyid[SIGN_KEYID_BYTES], char out[17])
{
    static const char hex[] = "0123456789ABCDEF";
    for (int i = 0; i < SIGN_KEYID_BYTES; i++) {
        uint8_t b = keyid[SIGN_KEYID_BYTES - 1 - i];
        out[2 * i] = hex[b >> 4];
        out[2 * i + 1] = hex[b & 15];
    }
    out[16] = '\0';
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* minisign prints a key id as a 64-bit number in hex, so one id in 16
 * comes out with fewer than 16 digits (its leading zeros dropped): accept
 * 1 to 16 digits and pad on the left. */
bool sign_keyid_parse(const char *hex, uint8_t keyid[SIGN_KEYID_BYTES])
{
    size_t n = strlen(hex);
    char padded[17];
    if (n == 0 || n > 16)
        return false;
    memset(padded, '0', 16 - n);
    memcpy(padded + 16 - n, hex, n + 1);
    for (int i = 0; i < SIGN_KEYID_BYTES; i++) {
        int hi = hex_digit(padded[2 * i]), lo = hex_digit(padded[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        keyid[SIGN_KEYID_BYTES - 1 - i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/* The lines of a key or signature file. */
struct lines {
    const char *at[4];
    size_t len[4];
};

/* Splits text into exactly `want` lines.  Each ends in LF or CRLF (the
 * last may lack one); nothing may follow; no CR or NUL elsewhere. */
static int split_lines(const char *text, size_t len, size_t want,
                       struct lines *out, struct error *err)
{
    if (len > SIGN_FILE_MAX)
        return fail(err, "file is too large");
    size_t n = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        if (n == want)
            return fail(err, "unexpected text after the last line");
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = (size_t)((nl ? nl : end) - p);
        if (nl && l > 0 && p[l - 1] == '\r')
            l--;
        if (memchr(p, '\r', l) || memchr(p, '\0', l))
            return fail(err, "stray carriage return or NUL in a line");
        out->at[n] = p;
        out->len[n++] = l;
        p = nl ? nl + 1 : end;
    }
    if (n != want)
        return fail(err, "file is truncated: too few lines");
    return 0;
}

/* Decodes exactly `want` bytes of canonical base64 (re-encoding must give
 * back the same text, which rules out stray padding bits). */
static int decode_b64(const char *s, size_t n, uint8_t *out, size_t want,
                      struct error *err)
{
    size_t got = 0;
    const char *stop = NULL;
    if (n != sodium_base64_ENCODED_LEN(want, sodium_base64_VARIANT_ORIGINAL) -
                 1 ||
        sodium_base642bin(out, want, s, n, NULL, &got, &stop,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        stop != s + n || got != want)
        return fail(err, "malformed base64 line (wrong length or "
                         "characters)");
    char again[sodium_base64_ENCODED_LEN(SK_BIN,
                                         sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(again, sizeof again, out, want,
                      sodium_base64_VARIANT_ORIGINAL);
    int canonical = memcmp(again, s, n) == 0;
    sodium_memzero(again, sizeof again);
    return canonical ? 0 : fail(err, "non-canonical base64");
}

static int check_comment(const char *s, size_t n, const char *prefix, bool tabs,
                         struct error *err)
{
    size_t k = strlen(prefix);
    if (n < k || memcmp(s, prefix, k) != 0) {
        return error_set(err, ERROR_REFUSED,
                         "expected a line starting with '%s'", prefix);
    }
    if (n - k > SIGN_COMMENT_MAX)
        return fail(err, "comment line is too long");
    for (size_t i = k; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && !(tabs && c == '\t')) || c == 0x7F)
            return fail(err, "control character in a comment line");
    }
    return 0;
}

static char *b64_line(const uint8_t *bin, size_t n)
{
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *s = sodium_malloc(len);
    if (s == NULL)
        return NULL;
    sodium_bin2base64(s, len, bin, n, sodium_base64_VARIANT_ORIGINAL);
    return s;
}

/* ---- public keys ---- */

int sign_parse_pubkey(const char *text, size_t len, struct sign_pubkey *out,
                      struct error *err)
{
    struct lines l;
    uint8_t bin[PK_BIN];
    if (split_lines(text, len, 2, &l, err) ||
        check_comment(l.at[0], l.len[0], UNTRUSTED, true, err) ||
        decode_b64(l.at[1], l.len[1], bin, sizeof bin, err))
        return -1;
    if (memcmp(bin, "Ed", 2) != 0)
        return fail(err, "unsupported public key algorithm");
    memcpy(out->keyid, bin + 2, SIGN_KEYID_BYTES);
    memcpy(out->pk, bin + 2 + SIGN_KEYID_BYTES, SIGN_PK_BYTES);
    return 0;
}

char *sign_pubkey_base64(const struct sign_pubkey *key)
{
    uint8_t bin[PK_BIN];
    memcpy(bin, "Ed", 2);
    memcpy(bin + 2, key->keyid, SIGN_KEYID_BYTES);
    memcpy(bin + 2 + SIGN_KEYID_BYTES, key->pk, SIGN_PK_BYTES);
    char *line = b64_line(bin, sizeof bin);
    char *copy = line ? strdup(line) : NULL;
    sodium_free(line);
    return copy;
}

char *sign_format_pubkey(const struct sign_pubkey *key)
{
    char hex[17], *line = sign_pubkey_base64(key);
    if (line == NULL)
        return NULL;
    sign_keyid_hex(key->keyid, hex);
    size_t n = strlen(line) + 64;
    char *text = malloc(n);
    if (text)
        snprintf(text, n, UNTRUSTED "minisign public key %s\n%s\n", hex, line);
    free(line);
    return text;
}

/* ---- secret keys ---- */

static void checksum(const uint8_t *secret, uint8_t out[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, (const uint8_t *)"Ed", 2);
    crypto_generichash_update(&st, secret, SIGN_KEYID_BYTES + SIGN_SK_BYTES);
    crypto_generichash_final(&st, out, 32);
    sodium_memzero(&st, sizeof st);
}

static uint64_t load64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void store64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

/* XORs the secret part with the scrypt stream for passphrase. */
static int kdf_xor(uint8_t *bin, const char *passphrase)
{
    uint8_t *stream = sodium_malloc(SK_SECRET_LEN);
    if (stream == NULL)
        return -1;
    int rc = crypto_pwhash_scryptsalsa208sha256(
        stream, SK_SECRET_LEN, passphrase, strlen(passphrase), bin + 6,
        load64(bin + 38), (size_t)load64(bin + 46));
    for (size_t i = 0; rc == 0 && i < SK_SECRET_LEN; i++)
        bin[SK_SECRET_OFF + i] ^= stream[i];
    sodium_free(stream);
    return rc;
}

/* Decodes a secret key file into a sodium_malloc'd 158-byte buffer. */
static uint8_t *decode_seckey(const char *text, size_t len, struct error *err)
{
    struct lines l;
    if (split_lines(text, len, 2, &l, err) ||
        check_comment(l.at[0], l.len[0], UNTRUSTED, true, err))
        return NULL;
    uint8_t *bin = sodium_malloc(SK_BIN);
    if (bin == NULL) {
        fail(err, "out of secure memory");
        return NULL;
    }
    if (decode_b64(l.at[1], l.len[1], bin, SK_BIN, err))
        goto bad;
    if (memcmp(bin, "Ed", 2) != 0 || memcmp(bin + 4, "B2", 2) != 0) {
        fail(err, "unsupported secret key algorithm");
        goto bad;
    }
    if (memcmp(bin + 2, "Sc", 2) != 0 && memcmp(bin + 2, "\0\0", 2) != 0) {
        fail(err, "unsupported key derivation function");
        goto bad;
    }
    if (memcmp(bin + 2, "Sc", 2) == 0 &&
        (load64(bin + 38) > KDF_OPS_MAX || load64(bin + 46) > KDF_MEM_MAX)) {
        fail(err, "key derivation parameters are out of range");
        goto bad;
    }
    return bin;
bad:
    sodium_free(bin);
    return NULL;
}

int sign_seckey_encrypted(const char *text, size_t len, struct error *err)
{
    uint8_t *bin = decode_seckey(text, len, err);
    if (bin == NULL)
        return -1;
    int encrypted = memcmp(bin + 2, "Sc", 2) == 0;
    sodium_free(bin);
    return encrypted;
}

int sign_parse_seckey(const char *text, size_t len, const char *passphrase,
                      struct sign_seckey **out, struct error *err)
{
    uint8_t *bin = decode_seckey(text, len, err), sum[32];
    *out = NULL;
    if (bin == NULL)
        return -1;
    bool encrypted = memcmp(bin + 2, "Sc", 2) == 0;
    if (encrypted && (passphrase == NULL || kdf_xor(bin, passphrase) != 0)) {
        sodium_free(bin);
        return fail(err, "cannot derive the key from the passphrase");
    }
    const uint8_t *secret = bin + SK_SECRET_OFF;
    const uint8_t *stored = secret + SIGN_KEYID_BYTES + SIGN_SK_BYTES;
    checksum(secret, sum);
    static const uint8_t zero[32];
    bool ok = sodium_memcmp(sum, stored, 32) == 0 ||
              (!encrypted && sodium_memcmp(stored, zero, 32) == 0);
    sodium_memzero(sum, sizeof sum);
    if (!ok) {
        sodium_free(bin);
        return fail(err, encrypted ? "wrong passphrase (key checksum "
                                     "does not match)"
                                   : "secret key checksum does not match");
    }
    struct sign_seckey *key = sodium_malloc(sizeof *key);
    if (key == NULL) {
        sodium_free(bin);
        return fail(err, "out of secure memory");
    }
    memcpy(key->keyid, secret, SIGN_KEYID_BYTES);
    memcpy(key->sk, secret + SIGN_KEYID_BYTES, SIGN_SK_BYTES);
    sodium_free(bin);
    *out = key;
    return 0;
}

char *sign_format_seckey(const struct sign_seckey *key, const char *passphrase)
{
    uint8_t *bin = sodium_malloc(SK_BIN);
    if (bin == NULL)
        return NULL;
    memset(bin, 0, SK_BIN);
    memcpy(bin, "Ed", 2);
    memcpy(bin + 4, "B2", 2);
    uint8_t *secret = bin + SK_SECRET_OFF;
    memcpy(secret, key->keyid, SIGN_KEYID_BYTES);
    memcpy(secret + SIGN_KEYID_BYTES, key->sk, SIGN_SK_BYTES);
    checksum(secret, secret + SIGN_KEYID_BYTES + SIGN_SK_BYTES);
    if (passphrase) {
        memcpy(bin + 2, "Sc", 2);
        randombytes_buf(bin + 6, 32);
        store64(bin + 38,
                crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE);
        store64(bin + 46,
                crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE);
        if (kdf_xor(bin, passphrase) != 0) {
            sodium_free(bin);
            return NULL;
        }
    }
    char *line = b64_line(bin, SK_BIN);
    sodium_free(bin);
    if (line == NULL)
        return NULL;
    const char *comment = passphrase ? "rehearse encrypted secret key"
                                     : "rehearse secret key (unencrypted)";
    size_t n = strlen(UNTRUSTED) + strlen(comment) + strlen(line) + 3;
    char *text = sodium_malloc(n);
    if (text)
        snprintf(text, n, UNTRUSTED "%s\n%s\n", comment, line);
    sodium_free(line);
    return text;
}

void sign_seckey_free(struct sign_seckey *key)
{
    sodium_free(key); /* wipes before freeing */
}

void sign_text_free(char *text)
{
    sodium_free(text);
}

void sign_keygen(struct sign_pubkey *pk, struct sign_seckey **sk)
{
    *sk = sodium_malloc(sizeof **sk);
    if (*sk == NULL)
        abort();
    crypto_sign_keypair(pk->pk, (*sk)->sk);
    randombytes_buf(pk->keyid, SIGN_KEYID_BYTES);
    memcpy((*sk)->keyid, pk->keyid, SIGN_KEYID_BYTES);
}

void sign_public_of(const struct sign_seckey *sk, struct sign_pubkey *pk)
{
    memcpy(pk->keyid, sk->keyid, SIGN_KEYID_BYTES);
    crypto_sign_ed25519_sk_to_pk(pk->pk, sk->sk);
}

/* ---- signatures ---- */

int sign_parse_signature(const char *text, size_t len,
                         struct sign_signature *out, struct error *err)
{
    struct lines l;
    uint8_t bin[SIG_BIN];
    if (split_lines(text, len, 4, &l, err) ||
        check_comment(l.at[0], l.len[0], UNTRUSTED, true, err) ||
        decode_b64(l.at[1], l.len[1], bin, sizeof bin, err) ||
        check_comment(l.at[2], l.len[2], TRUSTED, true, err) ||
        decode_b64(l.at[3], l.len[3], out->global_sig, SIGN_SIG_BYTES, err))
        return -1;
    if (memcmp(bin, "Ed", 2) == 0)
        return fail(err, "legacy 'Ed' signature refused: sign with the "
                         "prehashed 'ED' algorithm (minisign 0.11's "
                         "default)");
    if (memcmp(bin, "ED", 2) != 0)
        return fail(err, "unsupported signature algorithm");
    memcpy(out->keyid, bin + 2, SIGN_KEYID_BYTES);
    memcpy(out->sig, bin + 2 + SIGN_KEYID_BYTES, SIGN_SIG_BYTES);
    size_t k = strlen(TRUSTED);
    memcpy(out->trusted_comment, l.at[2] + k, l.len[2] - k);
    out->trusted_comment[l.len[2] - k] = '\0';
    return 0;
}

static void prehash(const uint8_t *msg, size_t len, uint8_t out[64])
{
    crypto_generichash(out, 64, msg, len, NULL, 0);
}

int sign_verify(const struct sign_signature *sig, const struct sign_pubkey *key,
                const uint8_t *msg, size_t len, struct error *err)
{
    if (memcmp(sig->keyid, key->keyid, SIGN_KEYID_BYTES) != 0)
        return fail(err, "signed by a different key (key id does not "
                         "match)");
    uint8_t hash[64];
    prehash(msg, len, hash);
    if (crypto_sign_verify_detached(sig->sig, hash, sizeof hash, key->pk))
        return fail(err, "bad signature: the file was changed or the "
                         "signature does not belong to it");
    size_t tlen = strlen(sig->trusted_comment);
    uint8_t global[SIGN_SIG_BYTES + SIGN_COMMENT_MAX];
    memcpy(global, sig->sig, SIGN_SIG_BYTES);
    memcpy(global + SIGN_SIG_BYTES, sig->trusted_comment, tlen);
    if (crypto_sign_verify_detached(sig->global_sig, global,
                                    SIGN_SIG_BYTES + tlen, key->pk))
        return fail(err, "bad global signature: the trusted comment was "
                         "changed");
    return 0;
}

char *sign_create(const struct sign_seckey *key, const uint8_t *msg, size_t len,
                  const char *trusted_comment, const char *untrusted_comment)
{
    size_t tlen = strlen(trusted_comment);
    if (tlen > SIGN_COMMENT_MAX || strlen(untrusted_comment) > SIGN_COMMENT_MAX)
        return NULL;
    uint8_t hash[64], bin[SIG_BIN];
    uint8_t global[SIGN_SIG_BYTES + SIGN_COMMENT_MAX], gsig[SIGN_SIG_BYTES];
    prehash(msg, len, hash);
    memcpy(bin, "ED", 2);
    memcpy(bin + 2, key->keyid, SIGN_KEYID_BYTES);
    crypto_sign_detached(bin + 2 + SIGN_KEYID_BYTES, NULL, hash, sizeof hash,
                         key->sk);
    memcpy(global, bin + 2 + SIGN_KEYID_BYTES, SIGN_SIG_BYTES);
    memcpy(global + SIGN_SIG_BYTES, trusted_comment, tlen);
    crypto_sign_detached(gsig, NULL, global, SIGN_SIG_BYTES + tlen, key->sk);
    char *l1 = b64_line(bin, sizeof bin), *l2 = b64_line(gsig, sizeof gsig);
    size_t n = strlen(untrusted_comment) + tlen + 300;
    char *text = l1 && l2 ? malloc(n) : NULL;
    if (text)
        snprintf(text, n, UNTRUSTED "%s\n%s\n" TRUSTED "%s\n%s\n",
                 untrusted_comment, l1, trusted_comment, l2);
    sodium_free(l1);
    sodium_free(l2);
    return text;
}

bool sign_comment_field(const char *comment, const char *name, char *out,
                        size_t outlen)
{
    size_t k = strlen(name);
    for (const char *p = comment; p && *p;) {
        const char *tab = strchr(p, '\t');
        size_t n = tab ? (size_t)(tab - p) : strlen(p);
        if (n > k && memcmp(p, name, k) == 0 && p[k] == ':') {
            if (n - k - 1 >= outlen)
                return false;
            memcpy(out, p + k + 1, n - k - 1);
            out[n - k - 1] = '\0';
            return true;
        }
        p = tab ? tab + 1 : NULL;
    }
    return false;
}
