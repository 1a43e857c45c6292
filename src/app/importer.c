/* importer.c: verify, then write, one deck at a time.  See importer.h. */
#include "rehearse/importer.h"
#include "rehearse/anki_package.h"
#include "rehearse/backup.h"
#include "rehearse/clock.h"
#include "rehearse/deck_source.h"
#include "rehearse/files.h"
#include "rehearse/history_import.h"
#include "rehearse/notes.h"
#include "rehearse/util.h"
#include "rehearse/verify.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What we learn about the deck before writing anything. */
struct candidate {
    const char *path;
    const char *text;
    size_t len;
    const struct deck_source *source;
    struct deck_meta meta;
    unsigned char hash[32];
    bool signed_deck;
    bool anki;          /* an Anki package: no signature, origin 'anki' */
    bool trust_offered; /* add the offered key to the keyring on commit */
    struct verified v;
};

static int deck_failure(struct error *err, enum error_kind kind,
                        const char *path, const struct deck_error *e)
{
    if (e->line)
        return error_set(err, kind, "%s:%u: %s", path, e->line, e->message);
    return error_set(err, kind, "%s: %s", path, e->message);
}

static int store_failure(struct error *err, const char *path, struct store *st)
{
    return error_set(err, ERROR_FAIL, "%s: %s", path, store_error(st));
}

/* An untrusted key offered with -p that does sign the deck: the user may
 * accept it (the key is written with the deck, in its transaction). */
static int offer_trust(const struct import_opts *o, struct candidate *c,
                       struct error *err)
{
    const struct import_callbacks *cb = o->callbacks;
    char hex[17];
    sign_keyid_hex(o->offered->keyid, hex);
    if (cb == NULL || cb->confirm_trust == NULL) {
        error_set(err, ERROR_REFUSED, "key %s from '%s' is not trusted", hex,
                  o->offered_path);
        return error_hint(err,
                          "to trust it run:\n    rehearse trust '%s' "
                          "--name 'Publisher'",
                          o->offered_path);
    }
    char *b64 = sign_pubkey_base64(o->offered);
    bool yes = cb->confirm_trust(cb->ctx, hex, b64);
    free(b64);
    if (!yes)
        return error_set(err, ERROR_REFUSED, "not trusted; nothing imported");
    c->trust_offered = true;
    snprintf(c->v.signer_name, sizeof c->v.signer_name, "%s", hex);
    return 0;
}

static int verify(struct store *st, const struct import_opts *o,
                  struct candidate *c, struct error *err)
{
    if (c->anki)
        return 0; /* an Anki package has no signature to check */
    char *sigpath = xasprintf("%s.minisig", c->path);
    bool missing = access(sigpath, F_OK) != 0 && errno == ENOENT;
    int rc = 0;
    if (missing && !o->allow_unsigned) {
        error_set(err, ERROR_REFUSED, "'%s' has no signature '%s'", c->path,
                  sigpath);
        rc = error_hint(err, "use --allow-unsigned only for decks you wrote "
                             "yourself");
    }
    free(sigpath);
    if (missing)
        return rc;
    rc = verify_deck(st, c->path, c->text, c->len, &c->meta, NULL, &c->v, err);
    if (rc && err->kind == ERROR_REFUSED && o->offered) {
        struct error second;
        /* Not trusted yet: does the offered key sign it? */
        if (verify_deck(st, c->path, c->text, c->len, &c->meta, o->offered,
                        &c->v, &second) == 0)
            rc = offer_trust(o, c, err);
    }
    c->signed_deck = rc == 0;
    if (rc == 0)
        error_clear(err); /* the keyring's refusal, overruled by -p */
    return rc;
}

/* Publisher pinning, rollback and conflict rules against what is stored. */
static int check_against(struct store *st, const struct candidate *c,
                         const struct import_opts *o,
                         const struct stored_deck *old, bool *unchanged,
                         bool *publisher_changed, struct error *err)
{
    *unchanged = *publisher_changed = false;
    bool same_key = old->signed_deck == c->signed_deck &&
                    (!old->signed_deck || memcmp(old->publisher, c->v.signer.pk,
                                                 SIGN_PK_BYTES) == 0);
    (void)st;
    if (old->anki != c->anki && !o->new_publisher)
        return error_set(err, ERROR_REFUSED,
                         "%s: deck '%s' came from %s; refusing to replace it "
                         "with %s (--new-publisher accepts the change)",
                         c->path, c->meta.id,
                         old->anki ? "an Anki package" : "a deck file",
                         c->anki ? "an Anki package" : "a deck file");
    if (!same_key && (old->signed_deck || o->strict_publisher)) {
        if (!o->new_publisher)
            return error_set(err, ERROR_REFUSED,
                             "%s: deck '%s' came from another publisher; "
                             "refusing to replace it (--new-publisher accepts "
                             "the change)",
                             c->path, c->meta.id);
        *publisher_changed = true;
    }
    if (c->meta.version < old->version && !o->allow_downgrade)
        return error_set(err, ERROR_REFUSED,
                         "%s: version %ld is older than the installed version "
                         "%ld of '%s' (--allow-downgrade accepts it)",
                         c->path, c->meta.version, old->version, c->meta.id);
    if (c->meta.version == old->version) {
        if (old->has_hash && memcmp(old->hash, c->hash, 32) == 0 && same_key) {
            *unchanged = true;
            return 0;
        }
        if (!o->allow_downgrade)
            return error_set(err, ERROR_REFUSED,
                             "%s: version %ld of '%s' is already installed "
                             "with different content; refusing the conflict "
                             "(bump the version)",
                             c->path, c->meta.version, c->meta.id);
    }
    return 0;
}

/* A card held back for the next batch (Anki packages: store_put_cards
 * writes new cards in one statement), with its history. */
struct pending {
    struct card card;
    struct past_review *reviews;
    struct card_history h;
    bool has_history;
};

struct writer {
    struct store *st;
    const struct import_opts *o;
    bool batch; /* hold cards back and write them STORE_BATCH at a time */
    struct pending buf[STORE_BATCH];
    size_t nbuf;
    struct import_result *res;
    struct error *err;
    enum card_change last; /* of the card just written */
    const struct import_callbacks *cb;
    struct import_progress progress;
    long long started_ms;
    int64_t deck;
    long generation, position, added, changed;
    bool failed;
};

static int store_fails(struct writer *w, struct deck_error *err)
{
    snprintf(err->message, sizeof err->message, "%s", store_error(w->st));
    w->failed = true;
    return -2;
}

/* Counts what happened to the card just written, and reports progress. */
static void card_written(struct writer *w, enum card_change change,
                         size_t offset)
{
    w->last = change;
    w->added += change == CARD_ADDED;
    w->changed += change == CARD_CHANGED;
    /* Every 256 cards keeps the callback's cost out of the profile. */
    if ((++w->position & 255) == 0 && w->cb && w->cb->progress) {
        w->progress.done = offset;
        w->progress.cards = w->position;
        w->progress.elapsed_ms = clock_ms() - w->started_ms;
        w->cb->progress(w->cb->ctx, &w->progress);
    }
}

static int flush_batch(struct writer *w, struct deck_error *err);

static int write_card(void *ctx, const struct card *card,
                      struct deck_error *err)
{
    struct writer *w = ctx;
    enum card_change change;
    if (w->batch) {
        if (w->nbuf == STORE_BATCH && flush_batch(w, err))
            return -2;
        struct pending *p = &w->buf[w->nbuf++];
        memset(p, 0, sizeof *p);
        card_copy(&p->card, card);
        p->card.offset = card->offset;
        return 0;
    }
    if (store_put_card(w->st, w->deck, w->generation, w->position, card,
                       &change))
        return store_fails(w, err);
    card_written(w, change, card->offset);
    return 0;
}

/* A card's past reviews (and whether it arrived suspended). */
static int apply_history(struct writer *w, const struct card *card,
                         const struct card_history *h, struct deck_error *err)
{
    int64_t id;
    long added = 0;
    int found = store_card_rowid(w->st, w->deck, card->id, &id);
    if (found <= 0) {
        if (found < 0)
            return store_fails(w, err);
        snprintf(err->message, sizeof err->message, "card vanished");
        w->failed = true;
        return -2;
    }
    /* Suspension comes with a card once: later imports leave it as the
     * user has set it in rehearse since. */
    if (w->last == CARD_ADDED && h->suspended) {
        w->res->suspended++;
        if (store_set_suspended(w->st, id, true))
            return store_fails(w, err);
    }
    if (w->o->no_history)
        return 0;
    if (history_append(w->st, id, h, w->o->rollover_hour, w->last == CARD_ADDED,
                       &added, w->err)) {
        snprintf(err->message, sizeof err->message, "%.250s", w->err->message);
        w->failed = true;
        return -2;
    }
    w->res->reviews += added;
    return 0;
}

static int write_history(void *ctx, const struct card *card,
                         const struct card_history *h, struct deck_error *err)
{
    struct writer *w = ctx;
    if (!w->batch)
        return apply_history(w, card, h, err);
    struct pending *p = &w->buf[w->nbuf - 1];
    p->reviews = xcalloc(h->nreviews ? h->nreviews : 1, sizeof *p->reviews);
    if (h->nreviews) /* reviews may be NULL when there are none */
        memcpy(p->reviews, h->reviews, h->nreviews * sizeof *p->reviews);
    p->h = (struct card_history){h->suspended, p->reviews, h->nreviews};
    p->has_history = true;
    return 0;
}

static void drop_batch(struct writer *w)
{
    for (size_t i = 0; i < w->nbuf; i++) {
        card_free(&w->buf[i].card);
        free(w->buf[i].reviews);
    }
    w->nbuf = 0;
}

/* Writes the held cards, then their histories, in order. */
static int flush_batch(struct writer *w, struct deck_error *err)
{
    struct card cards[STORE_BATCH];
    enum card_change changes[STORE_BATCH];
    int rc = 0;
    for (size_t i = 0; i < w->nbuf; i++)
        cards[i] = w->buf[i].card;
    if (w->nbuf && store_put_cards(w->st, w->deck, w->generation, w->position,
                                   cards, w->nbuf, changes))
        rc = store_fails(w, err);
    for (size_t i = 0; i < w->nbuf && rc == 0; i++) {
        card_written(w, changes[i], w->buf[i].card.offset);
        if (w->buf[i].has_history)
            rc = apply_history(w, &w->buf[i].card, &w->buf[i].h, err);
    }
    drop_batch(w);
    return rc;
}

static void note_skip(void *ctx, long count, const char *reason)
{
    struct writer *w = ctx;
    struct import_result *res = w->res;
    if (res->nskips == IMPORT_MAX_SKIPS) {
        res->skips[IMPORT_MAX_SKIPS].count += count;
        snprintf(res->skips[IMPORT_MAX_SKIPS].reason,
                 sizeof res->skips[0].reason, "other reasons");
        return;
    }
    res->skips[res->nskips].count = count;
    snprintf(res->skips[res->nskips].reason, sizeof res->skips[0].reason, "%s",
             reason);
    res->nskips++;
}

static int write_cards(struct store *st, const struct candidate *c,
                       const struct import_opts *o, int64_t deck,
                       long generation, struct writer *w,
                       struct import_result *res, struct error *err)
{
    static const struct deck_handler handler = {NULL, write_card, write_history,
                                                note_skip};
    struct deck_error derr;
    memset(w, 0, sizeof *w);
    w->o = o;
    w->res = res;
    w->err = err;
    w->st = st;
    w->deck = deck;
    w->generation = generation;
    w->cb = o->callbacks;
    w->progress.deck = c->meta.id;
    w->progress.total = c->len;
    w->started_ms = clock_ms();
    w->batch = c->anki;
    int rc = c->source->parse(c->text, c->len, &handler, w, &derr);
    if (rc == 0)
        rc = flush_batch(w, &derr);
    drop_batch(w);
    return rc == 0 ? 0
                   : deck_failure(err, w->failed ? ERROR_FAIL : ERROR_REFUSED,
                                  c->path, &derr);
}

static int write_deck(struct store *st, const struct candidate *c,
                      const struct import_opts *o,
                      const struct stored_deck *old, bool found,
                      bool publisher_changed, time_t now,
                      struct import_result *res, struct error *err)
{
    struct writer w;
    long retired = 0;
    const unsigned char *pk = c->signed_deck ? c->v.signer.pk : NULL;
    int64_t deck;
    long generation;
    if ((c->trust_offered && store_trust(st, o->offered->keyid, o->offered->pk,
                                         c->v.signer_name, now) < 0) ||
        store_put_deck(st, &c->meta, c->hash, pk, now, &deck, &generation) ||
        store_set_deck_origin(st, deck, c->anki) ||
        (publisher_changed &&
         store_note_publisher_change(st, deck, old->publisher, pk, now)))
        return store_failure(err, c->path, st);
    int rc = write_cards(st, c, o, deck, generation, &w, res, err);
    if (o->callbacks && o->callbacks->progress_done)
        o->callbacks->progress_done(o->callbacks->ctx);
    if (rc)
        return rc;
    if (store_retire_missing(st, deck, generation, &retired))
        return store_failure(err, c->path, st);
    res->outcome = found ? IMPORT_UPDATED : IMPORT_ADDED;
    res->old_version = found ? old->version : 0;
    res->added = w.added;
    res->changed = w.changed;
    res->retired = retired;
    return 0;
}

/* The very bytes already imported (and verified then) need no work. */
static int already_installed(struct store *st, const struct candidate *c,
                             bool *yes, struct error *err)
{
    struct stored_deck old;
    int found = store_find_deck(st, c->meta.id, &old);
    if (found < 0)
        return store_failure(err, c->path, st);
    *yes = found && old.version == c->meta.version && old.has_hash &&
           memcmp(old.hash, c->hash, sizeof old.hash) == 0;
    return 0;
}

/* Reads the file and everything learnt from it before any write. */
static int examine(const char *path, const struct import_opts *o,
                   struct candidate *c, struct error *err)
{
    struct deck_error derr;
    memset(c, 0, sizeof *c);
    c->path = path;
    c->text = read_file(path, "deck", DECK_MAX_BYTES, &c->len, err);
    if (c->text == NULL) {
        err->kind = ERROR_REFUSED;
        return -1;
    }
    c->source = import_source_for(c->text, c->len);
    c->anki = c->source == &anki_package_source;
    if (deck_source_meta(c->source, c->text, c->len, &c->meta, &derr))
        return deck_failure(err, ERROR_REFUSED, path, &derr);
    if (o->deck_id && !c->anki)
        return error_set(err, ERROR_USAGE,
                         "%s: --deck-id is for Anki packages; a deck file "
                         "names its own id",
                         path);
    if (o->deck_id) {
        free(c->meta.id);
        c->meta.id = xstrdup(o->deck_id);
    }
    crypto_generichash(c->hash, sizeof c->hash, (const uint8_t *)c->text,
                       c->len, NULL, 0);
    return 0;
}

/* Inside the transaction: the rules, then the writes. */
static int apply(struct store *st, const struct candidate *c,
                 const struct import_opts *o, time_t now,
                 struct import_result *res, struct error *err)
{
    struct stored_deck old;
    bool unchanged, publisher_changed;
    int found = store_find_deck(st, c->meta.id, &old);
    if (found < 0)
        return store_failure(err, c->path, st);
    if (found &&
        check_against(st, c, o, &old, &unchanged, &publisher_changed, err))
        return -1;
    if (found && unchanged) {
        res->outcome = IMPORT_UNCHANGED;
        return 0;
    }
    return write_deck(st, c, o, &old, found, found && publisher_changed, now,
                      res, err);
}

static int import_candidate(struct store *st, struct candidate *c,
                            const struct import_opts *o, time_t now,
                            struct import_result *res, struct error *err)
{
    bool current = false;
    if (already_installed(st, c, &current, err))
        return -1;
    if (current) {
        res->outcome = IMPORT_UNCHANGED;
        return 0;
    }
    if (verify(st, o, c, err))
        return -1;
    res->signed_deck = c->signed_deck;
    res->trusted_now = c->trust_offered;
    snprintf(res->signer_name, sizeof res->signer_name, "%s",
             c->trust_offered ? "a newly trusted key" : c->v.signer_name);
    if (o->collection &&
        backup_now(st, o->collection, "import", now, &res->backup, err))
        return -1;
    /* An Anki package's history is the big write: 32 MiB of page cache
     * keeps 50k reviews from spilling (within the memory budget). */
    if ((c->anki && store_set_cache_size(st, 32)) || store_begin(st))
        return store_failure(err, c->path, st);
    if (store_defer_index(st) == 0 && apply(st, c, o, now, res, err) == 0 &&
        store_index_deferred(st) == 0 && store_commit(st) == 0)
        return 0;
    if (err->message[0] == '\0')
        store_failure(err, c->path, st);
    store_rollback(st);
    return -1;
}

int import_file(struct store *st, const char *path, const struct import_opts *o,
                time_t now, struct import_result *res, struct error *err)
{
    struct candidate c;
    memset(res, 0, sizeof *res);
    error_clear(err);
    int rc = examine(path, o, &c, err);
    if (rc == 0) {
        snprintf(res->deck, sizeof res->deck, "%s", c.meta.id);
        res->version = c.meta.version;
        res->anki = c.anki;
        rc = import_candidate(st, &c, o, now, res, err);
    }
    free((char *)c.text);
    deck_meta_free(&c.meta);
    return rc;
}
