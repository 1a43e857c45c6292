/* verify.c: deck signatures against the release key and the keyring.
 * See verify.h; the format rules are in docs/deck-format.md. */
#include "rehearse/verify.h"
#include "rehearse/files.h"
#include "rehearse/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* keys/rehearse.pub, checked against that file by a test. */
static const char release_pub[] =
    "untrusted comment: minisign public key 497DC794021F7FAA\n"
    "RWSqfx8ClMd9SaADaSQRl4/yivL3jYZD24Gko2hM8B77vXQxKcz2y2AT\n";

const struct sign_pubkey *release_key(void)
{
    static struct sign_pubkey key;
    static bool parsed;
    if (!parsed) {
        struct error err;
        /* A constant of this file: failing to parse it is a build bug. */
        if (sign_parse_pubkey(release_pub, strlen(release_pub), &key, &err))
            abort();
        parsed = true;
    }
    return &key;
}

int load_pubkey_file(const char *path, struct sign_pubkey *key,
                     struct error *err)
{
    size_t len;
    struct error serr;
    char *text = read_file(path, "public key", SIGN_FILE_MAX, &len, err);
    if (text == NULL)
        return -1;
    int rc = 0;
    if (sign_parse_pubkey(text, len, key, &serr))
        rc = error_set(err, ERROR_REFUSED, "%s: %s", path, serr.message);
    free(text);
    return rc;
}

struct key_search {
    const struct sign_signature *sig;
    const char *text;
    size_t len;
    struct verified *out;
    bool found;
    struct error last; /* why the last candidate failed */
};

static bool try_key(struct key_search *s, const struct sign_pubkey *key,
                    const char *name)
{
    if (memcmp(key->keyid, s->sig->keyid, SIGN_KEYID_BYTES) != 0)
        return false;
    if (sign_verify(s->sig, key, (const uint8_t *)s->text, s->len, &s->last))
        return false;
    s->out->signer = *key;
    snprintf(s->out->signer_name, sizeof s->out->signer_name, "%s", name);
    s->found = true;
    return true;
}

static int search_keyring(void *ctx, const struct trusted_key *k)
{
    struct key_search *s = ctx;
    struct sign_pubkey pk;
    memcpy(pk.keyid, k->key_id, SIGN_KEYID_BYTES);
    memcpy(pk.pk, k->public_key, SIGN_PK_BYTES);
    if (!s->found)
        try_key(s, &pk, k->name);
    return 0; /* a non-zero return would end the listing as an error */
}

/* The trusted comment must name this very deck and version. */
static int check_binding(const char *sigpath, const struct sign_signature *s,
                         const struct deck_meta *m, struct error *err)
{
    char deck[ID_MAX + 1], version[24], want[24];
    snprintf(want, sizeof want, "%ld", m->version);
    if (!sign_comment_field(s->trusted_comment, "deck", deck, sizeof deck) ||
        !sign_comment_field(s->trusted_comment, "version", version,
                            sizeof version))
        return error_set(err, ERROR_REFUSED,
                         "%s: trusted comment has no 'deck:' and 'version:' "
                         "fields",
                         sigpath);
    if (strcmp(deck, m->id) != 0)
        return error_set(err, ERROR_REFUSED,
                         "%s: signature is for deck '%s', but the file is "
                         "deck '%s'",
                         sigpath, deck, m->id);
    if (strcmp(version, want) != 0)
        return error_set(err, ERROR_REFUSED,
                         "%s: signature is for version %s, but the file is "
                         "version %s",
                         sigpath, version, want);
    return 0;
}

static int search(struct store *st, struct key_search *s,
                  const struct sign_pubkey *key, const char *sigpath,
                  struct error *err)
{
    if (key) {
        if (!try_key(s, key, ""))
            return error_set(err, ERROR_REFUSED, "%s: %s", sigpath,
                             s->last.message[0] ? s->last.message
                                                : "not signed by this key");
        return 0;
    }
    if (try_key(s, release_key(), RELEASE_KEY_NAME))
        return 0;
    if (store_each_key(st, search_keyring, s) < 0)
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    if (s->found)
        return 0;
    if (s->last.message[0])
        return error_set(err, ERROR_REFUSED, "%s: %s", sigpath,
                         s->last.message);
    char hex[17];
    sign_keyid_hex(s->sig->keyid, hex);
    error_set(err, ERROR_REFUSED,
              "'%s' is signed by key %s, which you do not trust", sigpath, hex);
    return error_hint(err,
                      "get the publisher's public key file and, if you trust "
                      "it, run:\n    rehearse trust PUBLISHER.pub --name "
                      "'Publisher'");
}

int verify_deck(struct store *st, const char *path, const char *text,
                size_t len, const struct deck_meta *meta,
                const struct sign_pubkey *key, struct verified *out,
                struct error *err)
{
    char *sigpath = xasprintf("%s.minisig", path);
    size_t siglen;
    char *sigtext =
        read_file(sigpath, "signature", SIGN_FILE_MAX, &siglen, err);
    struct key_search s = {&out->sig, text, len, out, false, {0}};
    struct error serr;
    int rc = -1;
    memset(out, 0, sizeof *out);
    if (sigtext == NULL)
        err->kind = ERROR_REFUSED;
    else if (sign_parse_signature(sigtext, siglen, &out->sig, &serr))
        error_set(err, ERROR_REFUSED, "%s: %s", sigpath, serr.message);
    else if (search(st, &s, key, sigpath, err) == 0)
        rc = check_binding(sigpath, &out->sig, meta, err);
    free(sigtext);
    free(sigpath);
    return rc;
}
