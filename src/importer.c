/* importer.c: verify, then write, one deck at a time.  See importer.h. */
#include "rehearse/importer.h"
#include "rehearse/backup.h"
#include "rehearse/bundled.h"
#include "rehearse/clock.h"
#include "rehearse/deck.h"
#include "rehearse/render.h"
#include "rehearse/util.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What we learn about the deck before writing anything. */
struct candidate {
    const char *path;
    struct deck_meta meta;
    unsigned char hash[32];
    bool signed_deck;
    struct sign_pubkey signer;
    char *signer_name;
};

int read_meta(void *ctx, const struct deck_meta *meta, struct deck_error *err)
{
    (void)err;
    deck_meta_copy(ctx, meta);
    return 1; /* stop: the header is all we need for now */
}

static void report_deck_error(const char *path, const struct deck_error *e)
{
    struct strbuf safe;
    sb_init(&safe);
    render_safe(&safe, e->message, strlen(e->message));
    if (e->line)
        fprintf(stderr, "%s:%u: %s\n", path, e->line, safe.buf);
    else
        fprintf(stderr, "%s: %s\n", path, safe.buf);
    sb_free(&safe);
}

static void print_trust_hint(const char *sigpath, const char *keyhex)
{
    fprintf(stderr,
            "rehearse: '%s' is signed by key %s, which you do not trust\n"
            "  get the publisher's public key file and, if you trust it, "
            "run:\n    rehearse trust PUBLISHER.pub --name 'Publisher'\n",
            sigpath, keyhex);
}

static int try_key(const struct sign_signature *sig,
                   const struct sign_pubkey *key, const char *text, size_t len,
                   struct sign_error *err)
{
    return sign_verify(sig, key, (const uint8_t *)text, len, err);
}

struct key_search {
    const struct sign_signature *sig;
    const char *text;
    size_t len;
    struct sign_pubkey found;
    char *name;
    bool ok;
    struct sign_error err;
};

static int search_key(void *ctx, const struct trusted_key *k)
{
    struct key_search *s = ctx;
    if (s->ok || memcmp(k->key_id, s->sig->keyid, SIGN_KEYID_BYTES) != 0)
        return 0;
    struct sign_pubkey pk;
    memcpy(pk.keyid, k->key_id, SIGN_KEYID_BYTES);
    memcpy(pk.pk, k->public_key, SIGN_PK_BYTES);
    if (try_key(s->sig, &pk, s->text, s->len, &s->err) == 0) {
        s->found = pk;
        s->name = xstrdup(k->name);
        s->ok = true;
    }
    return 0;
}

int verify_deck_file(struct store *st, const char *path, const char *text,
                     size_t len, const struct sign_pubkey *key,
                     struct sign_signature *sig, struct sign_pubkey *signer,
                     char **name)
{
    char *sigpath = xasprintf("%s.minisig", path);
    size_t siglen;
    char *sigtext = read_file(sigpath, SIGN_FILE_MAX, &siglen);
    struct sign_error err = {""};
    int rc = EXIT_DATA;
    char hex[17];
    if (sigtext == NULL) {
        warn_errno("cannot read signature '%s'", sigpath);
        goto out;
    }
    if (sign_parse_signature(sigtext, siglen, sig, &err)) {
        warnx("%s: %s", sigpath, err.message);
        goto out;
    }
    sign_keyid_hex(sig->keyid, hex);
    if (key) {
        if (try_key(sig, key, text, len, &err)) {
            warnx("%s: %s", sigpath, err.message);
            goto out;
        }
        *signer = *key;
        if (name)
            *name = NULL;
        rc = EXIT_OK;
        goto out;
    }
    struct key_search s = {sig, text, len, {{0}, {0}}, NULL, false, {""}};
    const struct sign_pubkey *release = release_key();
    if (memcmp(release->keyid, sig->keyid, SIGN_KEYID_BYTES) == 0 &&
        try_key(sig, release, text, len, &s.err) == 0) {
        s.found = *release;
        s.name = xstrdup(RELEASE_KEY_NAME);
        s.ok = true;
    }
    if (!s.ok && store_each_key(st, search_key, &s)) {
        warnx("%s: %s", path, store_error(st));
        rc = EXIT_FAIL;
        goto out;
    }
    if (!s.ok) {
        if (s.err.message[0])
            warnx("%s: %s", sigpath, s.err.message);
        else
            print_trust_hint(sigpath, hex);
        goto out;
    }
    *signer = s.found;
    if (name)
        *name = s.name;
    else
        free(s.name);
    rc = EXIT_OK;
out:
    free(sigtext);
    free(sigpath);
    return rc;
}

/* The signature's trusted comment must name this very deck and version,
 * so a valid signature of another deck or an older version cannot be
 * replayed onto this file. */
int check_binding(const char *sigpath, const struct sign_signature *s,
                  const struct deck_meta *m)
{
    char deck[ID_MAX + 1], version[24], want[24];
    snprintf(want, sizeof want, "%ld", m->version);
    if (!sign_comment_field(s->trusted_comment, "deck", deck, sizeof deck) ||
        !sign_comment_field(s->trusted_comment, "version", version,
                            sizeof version)) {
        warnx("%s: trusted comment has no 'deck:' and 'version:' fields",
              sigpath);
        return EXIT_DATA;
    }
    if (strcmp(deck, m->id) != 0) {
        warnx("%s: signature is for deck '%s', but the file is deck '%s'",
              sigpath, deck, m->id);
        return EXIT_DATA;
    }
    if (strcmp(version, want) != 0) {
        warnx("%s: signature is for version %s, but the file is version %s",
              sigpath, version, want);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* An unknown key offered with -p: on a terminal, ask; otherwise refuse. */
static int offer_trust(struct store *st, const struct import_opts *o,
                       const struct sign_pubkey *key, time_t now)
{
    char hex[17], *b64 = sign_pubkey_base64(key);
    sign_keyid_hex(key->keyid, hex);
    int rc = EXIT_DATA;
    if (o->ui == NULL || !o->ui->tty_in) {
        warnx("key %s from '%s' is not trusted; to trust it run:\n"
              "    rehearse trust '%s' --name 'Publisher'",
              hex, o->offered_path, o->offered_path);
        goto out;
    }
    printf("This deck is signed by a key you do not trust yet:\n"
           "  key id      %s\n  public key  %s\n",
           hex, b64);
    if (!ui_confirm(o->ui, "Trust this publisher from now on?")) {
        warnx("not trusted; nothing imported");
        goto out;
    }
    if (store_trust(st, key->keyid, key->pk, hex, now) < 0) {
        warnx("%s: %s", o->offered_path, store_error(st));
        rc = EXIT_FAIL;
        goto out;
    }
    rc = EXIT_OK;
out:
    free(b64);
    return rc;
}

static int verify(struct store *st, const char *text, size_t len,
                  const struct import_opts *o, struct candidate *c, time_t now)
{
    char *sigpath = xasprintf("%s.minisig", c->path);
    struct sign_signature sig;
    int rc;
    if (access(sigpath, F_OK) != 0 && errno == ENOENT) {
        if (o->allow_unsigned)
            rc = EXIT_OK;
        else {
            warnx("'%s' has no signature '%s' (use --allow-unsigned only for "
                  "decks you wrote yourself)",
                  c->path, sigpath);
            rc = EXIT_DATA;
        }
        free(sigpath);
        return rc;
    }
    rc = verify_deck_file(st, c->path, text, len, NULL, &sig, &c->signer,
                          &c->signer_name);
    if (rc == EXIT_DATA && o->offered) {
        /* Not trusted yet: does the offered key sign it? */
        rc = verify_deck_file(st, c->path, text, len, o->offered, &sig,
                              &c->signer, NULL);
        if (rc == EXIT_OK)
            rc = offer_trust(st, o, o->offered, now);
        if (rc == EXIT_OK)
            c->signer_name = xstrdup("a newly trusted key");
    }
    if (rc == EXIT_OK)
        rc = check_binding(sigpath, &sig, &c->meta);
    c->signed_deck = rc == EXIT_OK;
    free(sigpath);
    return rc;
}

/* Publisher pinning, rollback and conflict rules against what is stored. */
static int check_against(struct store *st, const struct candidate *c,
                         const struct import_opts *o, bool *unchanged,
                         bool *publisher_changed)
{
    struct stored_deck old;
    int found = store_find_deck(st, c->meta.id, &old);
    *unchanged = *publisher_changed = false;
    if (found < 0) {
        warnx("%s: %s", c->path, store_error(st));
        return EXIT_FAIL;
    }
    if (!found)
        return EXIT_OK;
    bool same_key = old.signed_deck == c->signed_deck &&
                    (!old.signed_deck ||
                     memcmp(old.publisher, c->signer.pk, SIGN_PK_BYTES) == 0);
    if (!same_key && old.signed_deck) {
        if (!o->new_publisher) {
            warnx("%s: deck '%s' came from another publisher; refusing to "
                  "replace it (--new-publisher accepts the change)",
                  c->path, c->meta.id);
            return EXIT_DATA;
        }
        *publisher_changed = true;
    }
    if (c->meta.version < old.version && !o->allow_downgrade) {
        warnx("%s: version %ld is older than the installed version %ld of "
              "'%s' (--allow-downgrade accepts it)",
              c->path, c->meta.version, old.version, c->meta.id);
        return EXIT_DATA;
    }
    if (c->meta.version == old.version) {
        if (old.has_hash && memcmp(old.hash, c->hash, 32) == 0 && same_key) {
            *unchanged = true;
            return EXIT_OK;
        }
        if (!o->allow_downgrade) {
            warnx("%s: version %ld of '%s' is already installed with "
                  "different content; refusing the conflict (bump the "
                  "version)",
                  c->path, c->meta.version, c->meta.id);
            return EXIT_DATA;
        }
    }
    return EXIT_OK;
}

struct writer {
    struct store *st;
    int64_t deck;
    long generation, position, added, changed;
    bool failed;
    const char *deck_id;
    size_t size; /* of the deck file, for the progress bar */
    long long started_ms;
    bool bar; /* a progress bar is on the terminal */
};

/* After a second, a progress bar on a terminal: imports of large decks
 * should not look stuck.  Checked every 256 cards to keep it cheap. */
static void progress(struct writer *w, size_t offset)
{
    if ((w->position & 255) != 0 || !isatty(STDERR_FILENO))
        return;
    if (!w->bar && clock_ms() - w->started_ms < 1000)
        return;
    int pct = w->size ? (int)(offset * 100 / w->size) : 0;
    char bar[31];
    memset(bar, '#', (size_t)pct * 30 / 100);
    memset(bar + pct * 30 / 100, '.', 30 - (size_t)pct * 30 / 100);
    bar[30] = '\0';
    fprintf(stderr, "\r  importing %s [%s] %3d%%, %ld cards", w->deck_id, bar,
            pct, w->position);
    w->bar = true;
}

static void progress_done(struct writer *w)
{
    if (w->bar)
        fputs("\r\033[K", stderr);
}

static int write_card(void *ctx, const struct card *card,
                      struct deck_error *err)
{
    struct writer *w = ctx;
    enum card_change change;
    if (store_put_card(w->st, w->deck, w->generation, w->position++, card,
                       &change)) {
        snprintf(err->message, sizeof err->message, "%s", store_error(w->st));
        w->failed = true;
        return -2;
    }
    w->added += change == CARD_ADDED;
    w->changed += change == CARD_CHANGED;
    progress(w, card->offset);
    return 0;
}

static int write_deck(struct store *st, const char *text, size_t len,
                      const struct candidate *c, const struct import_opts *o,
                      bool publisher_changed, time_t now)
{
    static const struct deck_handler handler = {NULL, write_card};
    struct writer w = {st,    0,          0,   0,          0,    0,
                       false, c->meta.id, len, clock_ms(), false};
    struct stored_deck old;
    struct deck_error err;
    long retired = 0;
    int found = store_find_deck(st, c->meta.id, &old);
    if (found < 0 ||
        store_put_deck(st, &c->meta, c->hash,
                       c->signed_deck ? c->signer.pk : NULL, now, &w.deck,
                       &w.generation) ||
        (publisher_changed &&
         store_note_publisher_change(st, w.deck, old.publisher, c->signer.pk,
                                     now))) {
        warnx("%s: %s", c->path, store_error(st));
        return EXIT_FAIL;
    }
    int r = deck_parse(text, len, &handler, &w, &err);
    progress_done(&w);
    if (r) {
        report_deck_error(c->path, &err);
        return w.failed ? EXIT_FAIL : EXIT_DATA;
    }
    if (store_retire_missing(st, w.deck, w.generation, &retired)) {
        warnx("%s: %s", c->path, store_error(st));
        return EXIT_FAIL;
    }
    if (o->quiet)
        return EXIT_OK;
    if (found)
        printf("updated '%s' v%ld -> v%ld: %ld added, %ld changed, %ld "
               "retired\n",
               c->meta.id, old.version, c->meta.version, w.added, w.changed,
               retired);
    else
        printf("imported '%s' v%ld: %ld cards%s%s\n", c->meta.id,
               c->meta.version, w.added, c->signed_deck ? ", signed by " : "",
               c->signed_deck ? c->signer_name : " (unsigned)");
    return EXIT_OK;
}

/* The very bytes already imported (and verified then) need no work:
 * returns EXIT_OK when so, EXIT_DATA to go on with the import. */
static int already_installed(struct store *st, const struct candidate *c,
                             const struct import_opts *o)
{
    struct stored_deck old;
    int found = store_find_deck(st, c->meta.id, &old);
    if (found < 0) {
        warnx("%s: %s", c->path, store_error(st));
        return EXIT_FAIL;
    }
    if (!found || old.version != c->meta.version || !old.has_hash ||
        memcmp(old.hash, c->hash, sizeof old.hash) != 0)
        return EXIT_DATA;
    if (!o->quiet && !o->quiet_unchanged)
        printf("'%s' v%ld is already up to date\n", c->meta.id,
               c->meta.version);
    return EXIT_OK;
}

int import_file(struct store *st, const char *path, const struct import_opts *o,
                time_t now)
{
    static const struct deck_handler header = {read_meta, NULL};
    struct candidate c;
    memset(&c, 0, sizeof c);
    c.path = path;
    size_t len;
    char *text = read_file(path, DECK_MAX_BYTES, &len);
    struct deck_error err;
    bool unchanged, publisher_changed;
    int rc = EXIT_DATA;
    if (text == NULL) {
        if (errno == EFBIG)
            warnx("%s: deck file is larger than %u bytes", path,
                  DECK_MAX_BYTES);
        else
            warn_errno("cannot read '%s'", path);
        return EXIT_DATA;
    }
    int r = deck_parse(text, len, &header, &c.meta, &err);
    if (r != 1) {
        report_deck_error(path, &err);
        goto out;
    }
    crypto_generichash(c.hash, sizeof c.hash, (const uint8_t *)text, len, NULL,
                       0);
    if ((rc = already_installed(st, &c, o)) != EXIT_DATA)
        goto out;
    if ((rc = verify(st, text, len, o, &c, now)) != EXIT_OK)
        goto out;
    if (o->collection) {
        char *copy = backup_now(st, o->collection, "import", now);
        if (copy == NULL) {
            rc = EXIT_FAIL;
            goto out;
        }
        free(copy);
    }
    if (store_begin(st)) {
        warnx("%s: %s", c.path, store_error(st));
        rc = EXIT_FAIL;
        goto out;
    }
    rc = check_against(st, &c, o, &unchanged, &publisher_changed);
    if (rc == EXIT_OK && unchanged) {
        if (!o->quiet)
            printf("'%s' v%ld is already up to date\n", c.meta.id,
                   c.meta.version);
    } else if (rc == EXIT_OK)
        rc = write_deck(st, text, len, &c, o, publisher_changed, now);
    if (rc == EXIT_OK && store_commit(st)) {
        warnx("%s: %s", c.path, store_error(st));
        rc = EXIT_FAIL;
    }
    if (rc != EXIT_OK)
        store_rollback(st);
out:
    free(text);
    free(c.signer_name);
    deck_meta_free(&c.meta);
    return rc;
}
