/* sign.h: minisign-compatible keys and signatures (libsodium only).
 *
 * Pure: text in, keys and signatures out; no files, no terminal.  The
 * formats are minisign's byte for byte (docs/deck-format.md), so the
 * standard minisign tool and rehearse verify each other's work.  Only the
 * prehashed "ED" algorithm is accepted: a legacy "Ed" signature is
 * refused, because a relabelled "ED" signature would verify as "Ed" over a
 * 64-byte file.  Parsing is strict: exact lengths, canonical base64, a
 * CRLF line ending tolerated, any other CR refused.
 *
 * Secret keys live in sodium_malloc memory; call sign_seckey_free. */
#ifndef REHEARSE_SIGN_H
#define REHEARSE_SIGN_H

#include "rehearse/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIGN_KEYID_BYTES 8
#define SIGN_PK_BYTES 32
#define SIGN_SK_BYTES 64
#define SIGN_SIG_BYTES 64
#define SIGN_COMMENT_MAX 1024 /* bytes in a comment line, as minisign */
#define SIGN_FILE_MAX 8192    /* bytes in a key or signature file */

struct sign_pubkey {
    uint8_t keyid[SIGN_KEYID_BYTES];
    uint8_t pk[SIGN_PK_BYTES];
};

struct sign_seckey {
    uint8_t keyid[SIGN_KEYID_BYTES];
    uint8_t sk[SIGN_SK_BYTES]; /* Ed25519 seed + public key */
};

struct sign_signature {
    uint8_t keyid[SIGN_KEYID_BYTES];
    uint8_t sig[SIGN_SIG_BYTES];
    uint8_t global_sig[SIGN_SIG_BYTES];
    char trusted_comment[SIGN_COMMENT_MAX + 1];
};

/* Must run once before anything else here. */
int sign_init(void);

/* The key id as minisign prints it: 16 upper-case hex digits. */
void sign_keyid_hex(const uint8_t keyid[SIGN_KEYID_BYTES], char out[17]);
/* Parses a key id back: 16 hex digits, or fewer as minisign prints an
 * id with leading zeros (they are put back), in either case. */
bool sign_keyid_parse(const char *hex, uint8_t keyid[SIGN_KEYID_BYTES]);

int sign_parse_pubkey(const char *text, size_t len, struct sign_pubkey *out,
                      struct error *err);
/* A public key file's text (two lines).  Free the result. */
char *sign_format_pubkey(const struct sign_pubkey *key);
/* The base64 line alone, as `minisign -P` takes it. */
char *sign_pubkey_base64(const struct sign_pubkey *key);

/* 1 if the secret key file needs a passphrase, 0 if not, -1 if malformed. */
int sign_seckey_encrypted(const char *text, size_t len, struct error *err);
/* Loads a secret key; passphrase is ignored for an unencrypted key.  On
 * success *out is sodium_malloc'd: free it with sign_seckey_free. */
int sign_parse_seckey(const char *text, size_t len, const char *passphrase,
                      struct sign_seckey **out, struct error *err);
/* A secret key file's text; encrypted when passphrase is non-NULL.  The
 * result is sodium_malloc'd: free it with sign_text_free. */
char *sign_format_seckey(const struct sign_seckey *key, const char *passphrase);
void sign_seckey_free(struct sign_seckey *key);
void sign_text_free(char *text);

/* A new key pair; *sk is sodium_malloc'd. */
void sign_keygen(struct sign_pubkey *pk, struct sign_seckey **sk);
/* The public half of a secret key. */
void sign_public_of(const struct sign_seckey *sk, struct sign_pubkey *pk);

int sign_parse_signature(const char *text, size_t len,
                         struct sign_signature *out, struct error *err);
/* Checks sig against key and message: key id, signature, then global
 * signature over the trusted comment.  0 when all hold. */
int sign_verify(const struct sign_signature *sig, const struct sign_pubkey *key,
                const uint8_t *msg, size_t len, struct error *err);
/* A signature file's text for msg.  Free the result. */
char *sign_create(const struct sign_seckey *key, const uint8_t *msg, size_t len,
                  const char *trusted_comment, const char *untrusted_comment);

/* Finds `name:` among the tab-separated fields of a trusted comment and
 * copies its value into out.  Returns false when absent or too long. */
bool sign_comment_field(const char *comment, const char *name, char *out,
                        size_t outlen);

#endif
