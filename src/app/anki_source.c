/* anki_source.c: an Anki package streamed as a rehearse deck.  See
 * anki_package.h and docs/anki.md.
 *
 * The package becomes one deck, named after the deepest Anki deck that
 * holds all its cards (subdecks below it become card tags).  Each Anki
 * card of a usable note type becomes one rehearse card with the id
 * anki_card_id(guid, ord), so a newer package of the same notes updates
 * the same cards.  A card's review log follows it (h->history); cards
 * that cannot be shown are counted by reason (h->skipped), never written
 * in part. */
#include "rehearse/anki.h"
#include "rehearse/anki_db.h"
#include "rehearse/anki_package.h"
#include "rehearse/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct named_deck {
    int64_t id;
    char *name;
};

struct skip {
    char reason[240];
    long count;
};

struct reader {
    size_t len; /* of the package, for progress offsets */
    unsigned char *col;
    size_t col_len;
    struct anki_db *db;
    int ver;
    int64_t modified;
    struct anki_notetype *types;
    struct anki_shape *shapes;
    size_t ntypes, types_cap;
    struct named_deck *decks;
    size_t ndecks, decks_cap;
    int64_t *used; /* deck ids that hold cards */
    size_t nused, used_cap;
    char *root;
    struct anki_revlog_row *revlog;
    size_t nrevlog, revlog_cap;
    struct skip *skips;
    size_t nskips, skips_cap;
    long total, seen;
    struct past_review *hist;
    size_t hist_cap;
    const struct deck_handler *h;
    void *ctx;
    struct deck_error *err;
};

static int fail(struct reader *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
static int fail(struct reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err->message, sizeof r->err->message, fmt, ap);
    va_end(ap);
    r->err->line = 0;
    return -1;
}

static int db_failure(struct reader *r)
{
    return fail(r, "%s", anki_db_error(r->db));
}

static void skip(struct reader *r, const char *reason)
{
    for (size_t i = 0; i < r->nskips; i++)
        if (strcmp(r->skips[i].reason, reason) == 0) {
            r->skips[i].count++;
            return;
        }
    r->skips = xgrow(r->skips, &r->skips_cap, r->nskips + 1, sizeof *r->skips);
    snprintf(r->skips[r->nskips].reason, sizeof r->skips[0].reason, "%s",
             reason);
    r->skips[r->nskips++].count = 1;
}

/* ---- what is read before the cards ---- */

static int keep_notetype(void *ctx, struct anki_notetype *nt, bool *kept)
{
    struct reader *r = ctx;
    r->types = xgrow(r->types, &r->types_cap, r->ntypes + 1, sizeof *r->types);
    r->shapes = xrealloc(r->shapes, r->types_cap * sizeof *r->shapes);
    r->types[r->ntypes] = *nt;
    anki_shape_of(nt, &r->shapes[r->ntypes]);
    r->ntypes++;
    *kept = true;
    return 0;
}

static int keep_deck(void *ctx, int64_t id, const char *name)
{
    struct reader *r = ctx;
    r->decks = xgrow(r->decks, &r->decks_cap, r->ndecks + 1, sizeof *r->decks);
    r->decks[r->ndecks++] = (struct named_deck){id, xstrdup(name)};
    return 0;
}

static int keep_review(void *ctx, const struct anki_revlog_row *row)
{
    struct reader *r = ctx;
    r->revlog =
        xgrow(r->revlog, &r->revlog_cap, r->nrevlog + 1, sizeof *r->revlog);
    r->revlog[r->nrevlog++] = *row;
    return 0;
}

struct fields {
    const char *start[ANKI_MAX_FIELDS];
    size_t len[ANKI_MAX_FIELDS];
    size_t n;
};

static int split_fields(struct reader *r, const struct anki_card_row *row,
                        const struct anki_notetype *nt, struct fields *f)
{
    const char *p = row->fields, *end = row->fields + row->fields_len;
    char why[100];
    f->n = 0;
    /* Every field is checked, those beyond the type's too; the first
     * ANKI_MAX_FIELDS of the type's are kept. */
    for (size_t i = 0; p < end || i == 0; i++) {
        const char *sep = memchr(p, 0x1f, (size_t)(end - p));
        size_t len = (size_t)((sep ? sep : end) - p);
        if (!anki_text_ok(p, len, why, sizeof why))
            return fail(r, "note '%.40s', field '%.60s': %s", row->guid,
                        i < nt->nfields ? nt->fields[i] : "?", why);
        if (i < nt->nfields && i < ANKI_MAX_FIELDS) {
            f->start[f->n] = p;
            f->len[f->n++] = len;
        }
        if (sep == NULL)
            break;
        p = sep + 1;
    }
    return 0;
}

static const struct anki_notetype *notetype_of(const struct reader *r,
                                               int64_t id, size_t *index)
{
    for (size_t i = 0; i < r->ntypes; i++)
        if (r->types[i].id == id) {
            *index = i;
            return &r->types[i];
        }
    return NULL;
}

/* Pass one, before anything is written: counts the cards, notes the
 * decks they are in, and checks every field's text, so that a bad field
 * refuses the package before the import begins. */
static int count_card(void *ctx, const struct anki_card_row *row)
{
    struct reader *r = ctx;
    size_t t;
    struct fields f;
    const struct anki_notetype *nt = notetype_of(r, row->notetype, &t);
    if (nt && split_fields(r, row, nt, &f))
        return -1;
    r->total++;
    for (size_t i = r->nused; i > 0; i--)
        if (r->used[i - 1] == row->deck)
            return 0;
    r->used = xgrow(r->used, &r->used_cap, r->nused + 1, sizeof *r->used);
    r->used[r->nused++] = row->deck;
    return 0;
}

static const char *deck_name(const struct reader *r, int64_t id)
{
    for (size_t i = 0; i < r->ndecks; i++)
        if (r->decks[i].id == id)
            return r->decks[i].name;
    return "Default";
}

/* The deepest deck that holds every card: the common "::" prefix. */
static bool level_ends(const char *s)
{
    return *s == '\0' || strncmp(s, "::", 2) == 0;
}

static void find_root(struct reader *r)
{
    const char *first = r->nused    ? deck_name(r, r->used[0])
                        : r->ndecks ? r->decks[0].name
                                    : "Anki";
    size_t keep = strlen(first);
    for (size_t i = 1; i < r->nused; i++) {
        const char *name = deck_name(r, r->used[i]);
        size_t n = 0;
        while (n < keep && name[n] == first[n])
            n++;
        /* Back to a level both names end there: "Python" is not the
         * parent of "Python2". */
        while (n > 0 && !(level_ends(first + n) && level_ends(name + n)))
            n--;
        keep = n;
    }
    r->root = xstrndup(first, keep ? keep : strlen(first));
    if (keep == 0 && r->nused > 1) {
        free(r->root);
        r->root = xstrdup("Anki collection");
    }
}

static int read_collection(struct reader *r, const char *bytes, size_t len)
{
    char msg[256];
    if (anki_package_collection(bytes, len, &r->col, &r->col_len, r->err))
        return -1;
    if (anki_db_open(r->col, r->col_len, &r->db, msg, sizeof msg))
        return fail(r, "%s", msg);
    if (anki_db_version(r->db, &r->ver, &r->modified))
        return db_failure(r);
    if (r->ver != 11 && (r->ver < 15 || r->ver > 18))
        return fail(r,
                    "unknown Anki collection schema version %d (rehearse "
                    "reads 11 and 15-18)",
                    r->ver);
    char *dup = NULL;
    int found = anki_db_duplicate_guid(r->db, &dup);
    if (found > 0) {
        fail(r, "two notes share the guid '%.80s'", dup);
        free(dup);
        return -1;
    }
    if (found < 0 || anki_db_each_notetype(r->db, r->ver, keep_notetype, r) ||
        anki_db_each_deck(r->db, r->ver, keep_deck, r))
        return db_failure(r);
    if (anki_db_each_card(r->db, count_card, r))
        return r->err->message[0] ? -1 : db_failure(r);
    if (r->total > DECK_MAX_CARDS)
        return fail(r, "package has %ld cards; the limit is %d", r->total,
                    DECK_MAX_CARDS);
    find_root(r);
    return 0;
}

static int send_meta(struct reader *r)
{
    char id[ID_MAX + 1];
    anki_slug(r->root, id);
    struct deck_meta m = {
        id, r->root, (long)r->modified, "Anki package", "", "", NULL, 0};
    return r->h->meta ? r->h->meta(r->ctx, &m, r->err) : 0;
}

/* ---- one card ---- */

static char *field_copy(const struct fields *f, int i)
{
    return i >= 0 && (size_t)i < f->n ? xstrndup(f->start[i], f->len[i])
                                      : xstrdup("");
}

/* The HTML of the card's two sides, or NULL (skipped) with *why set. */
static int card_html(const struct anki_card_row *row,
                     const struct anki_notetype *nt, const struct anki_shape *s,
                     const struct fields *f, char **q, char **a,
                     const char **why)
{
    *q = *a = NULL;
    if (!nt->cloze) {
        if (row->ord < 0 || (size_t)row->ord >= nt->ntemplates) {
            *why = "cards whose card type is missing from the note type";
            return 1;
        }
        *q = field_copy(f, s->front[row->ord]);
        *a = field_copy(f, s->back[row->ord]);
        return 0;
    }
    if (row->ord < 0 || row->ord >= ANKI_MAX_CLOZE) {
        *why = "cloze cards whose deletion is missing from the note";
        return 1;
    }
    char *text = field_copy(f, s->text);
    *q = anki_cloze_side(text, row->ord + 1, false);
    char *answer = anki_cloze_side(text, row->ord + 1, true);
    free(text);
    if (*q == NULL || answer == NULL) {
        free(*q);
        free(answer);
        *q = NULL;
        *why = "cloze cards whose deletion is missing from the note";
        return 1;
    }
    char *extra = field_copy(f, s->extra);
    *a = *extra ? xasprintf("%s<div>%s</div>", answer, extra) : xstrdup(answer);
    free(extra);
    free(answer);
    return 0;
}

/* A heading is one line: a longer front keeps its first line of text as
 * the question and moves whole into the answer, above a rule. */
static void shape_question(char **q, char **a)
{
    if (strchr(*q, '\n') == NULL && strlen(*q) <= DECK_MAX_QUESTION)
        return;
    const char *line = *q;
    while (*line && (strncmp(line, "```", 3) == 0 || *line == '\n'))
        line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "";
    size_t n = strcspn(line, "\n");
    if (n > 200) {
        n = 200;
        while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80)
            n--;
    }
    char *head = n ? xasprintf("%.*s \xE2\x80\xA6", (int)n, line)
                   : xstrdup("(the question is in the answer)");
    char *answer = xasprintf("%s\n\n---\n\n%s", *q, *a);
    free(*q);
    free(*a);
    *q = head;
    *a = answer;
}

static int card_text(struct reader *r, const struct anki_card_row *row,
                     const struct anki_notetype *nt, const struct anki_shape *s,
                     char **q, char **a)
{
    struct fields f;
    char *qh, *ah, *qm = NULL, *am = NULL;
    const char *why = NULL;
    if (split_fields(r, row, nt, &f))
        return -1;
    if (card_html(row, nt, s, &f, &qh, &ah, &why) == 0) {
        if (anki_html_to_markdown(qh, strlen(qh), &qm) ||
            anki_html_to_markdown(ah, strlen(ah), &am))
            why = "cards whose HTML could not be parsed";
        else if (qm[0] == '\0')
            why = "cards with an empty front";
        else if (am[0] == '\0')
            why = "cards with an empty back";
        free(qh);
        free(ah);
    }
    if (why == NULL) {
        shape_question(&qm, &am);
        if (strlen(am) > DECK_MAX_ANSWER)
            why = "cards longer than 16384 bytes";
    }
    if (why) {
        free(qm);
        free(am);
        skip(r, why);
        return 1;
    }
    *q = qm;
    *a = am;
    return 0;
}

static bool has_alnum(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
            (*s >= '0' && *s <= '9'))
            return true;
    return false;
}

/* The note's tags and the card's subdeck, as rehearse tags. */
static size_t card_tags(const struct reader *r, const struct anki_card_row *row,
                        char tags[][ID_MAX + 1], size_t max)
{
    size_t n = 0;
    const char *deck = deck_name(r, row->deck);
    size_t root = strlen(r->root);
    if (strncmp(deck, r->root, root) == 0 && strncmp(deck + root, "::", 2) == 0)
        anki_slug(deck + root + 2, tags[n++]);
    for (const char *p = row->tags; *p && n < max;) {
        size_t len = strcspn(p, " ");
        char *tag = xstrndup(p, len), slug[ID_MAX + 1];
        anki_slug(tag, slug);
        bool seen = !has_alnum(tag); /* nothing to name it by */
        for (size_t i = 0; i < n && !seen; i++)
            seen = strcmp(tags[i], slug) == 0;
        if (!seen && len)
            snprintf(tags[n++], ID_MAX + 1, "%s", slug);
        free(tag);
        p += len;
        p += strspn(p, " ");
    }
    return n;
}

/* Anki's ease buttons on rehearse's 0..5 scale: again 1, hard 3, good 4,
 * easy 5 (docs/anki.md).  Manual reschedules (ease 0) are not reviews. */
static int send_history(struct reader *r, const struct anki_card_row *row,
                        const struct card *card)
{
    static const int grades[] = {-1, 1, 3, 4, 5};
    size_t lo = 0, hi = r->nrevlog, n = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->revlog[mid].card < row->id)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < r->nrevlog && r->revlog[i].card == row->id; i++) {
        const struct anki_revlog_row *v = &r->revlog[i];
        if (v->ease < 1 || v->ease > 4 || v->type < 0 || v->type > 3)
            continue;
        r->hist = xgrow(r->hist, &r->hist_cap, n + 1, sizeof *r->hist);
        r->hist[n++] = (struct past_review){v->id, grades[v->ease],
                                            v->time_ms > 0 ? v->time_ms : 0};
    }
    struct card_history h = {row->queue == -1, r->hist, n};
    return r->h->history ? r->h->history(r->ctx, card, &h, r->err) : 0;
}

static int send_card(void *ctx, const struct anki_card_row *row)
{
    struct reader *r = ctx;
    size_t t = 0;
    const struct anki_notetype *nt = notetype_of(r, row->notetype, &t);
    char *q = NULL, *a = NULL, id[32], reason[240];
    r->seen++;
    if (nt == NULL || !r->shapes[t].usable) {
        snprintf(reason, sizeof reason, "note type '%.80s': %.140s",
                 nt ? nt->name : "?",
                 nt ? r->shapes[t].reason : "missing from the collection");
        skip(r, reason);
        return 0;
    }
    int rc = card_text(r, row, nt, &r->shapes[t], &q, &a);
    if (rc)
        return rc < 0 ? -1 : 0;
    char tags[DECK_MAX_TAGS][ID_MAX + 1], *tagp[DECK_MAX_TAGS];
    size_t ntags = card_tags(r, row, tags, DECK_MAX_TAGS);
    for (size_t i = 0; i < ntags; i++)
        tagp[i] = tags[i];
    anki_card_id(row->guid, row->ord, id);
    struct card c = {
        .id = id, .question = q, .answer = a, .tags = tagp, .ntags = ntags};
    c.offset = (size_t)((double)r->seen / (double)r->total * (double)r->len);
    rc = r->h->card ? r->h->card(r->ctx, &c, r->err) : 0;
    if (rc == 0)
        rc = send_history(r, row, &c);
    free(q);
    free(a);
    return rc;
}

/* ---- the source ---- */

static void reader_free(struct reader *r)
{
    anki_db_close(r->db);
    free(r->col);
    for (size_t i = 0; i < r->ntypes; i++)
        anki_notetype_free(&r->types[i]);
    free(r->types);
    free(r->shapes);
    for (size_t i = 0; i < r->ndecks; i++)
        free(r->decks[i].name);
    free(r->decks);
    free(r->used);
    free(r->root);
    free(r->revlog);
    free(r->skips);
    free(r->hist);
}

static int anki_parse(const char *bytes, size_t len,
                      const struct deck_handler *h, void *ctx,
                      struct deck_error *err)
{
    struct reader r;
    memset(&r, 0, sizeof r);
    memset(err, 0, sizeof *err);
    r.len = len;
    r.h = h;
    r.ctx = ctx;
    r.err = err;
    int rc = read_collection(&r, bytes, len);
    if (rc == 0)
        rc = send_meta(&r);
    if (rc == 0 && (h->card || h->history) &&
        anki_db_each_revlog(r.db, keep_review, &r))
        rc = db_failure(&r);
    if (rc == 0 && (h->card || h->history)) {
        rc = anki_db_each_card(r.db, send_card, &r);
        if (rc == -1 && err->message[0] == '\0')
            db_failure(&r);
    }
    for (size_t i = 0; rc == 0 && h->skipped && i < r.nskips; i++)
        h->skipped(ctx, r.skips[i].count, r.skips[i].reason);
    reader_free(&r);
    return rc;
}

static bool anki_recognises(const char *bytes, size_t len)
{
    return len >= 4 && (memcmp(bytes, "PK\x03\x04", 4) == 0 ||
                        memcmp(bytes, "PK\x05\x06", 4) == 0);
}

const struct deck_source anki_package_source = {"Anki package", anki_recognises,
                                                anki_parse};

const struct deck_source *import_source_for(const char *bytes, size_t len)
{
    if (anki_package_source.recognises(bytes, len))
        return &anki_package_source;
    return deck_source_for(bytes, len);
}
