/* deck.c: the deck parser.  See deck.h and docs/deck-format.md.
 *
 * The parser walks the text one line at a time.  Each line is checked
 * (UTF-8, no control characters, length) before anything looks at it, so
 * later stages can treat lines as clean text. */
#include "rehearse/deck.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A set of the card ids seen so far: open addressing, so a deck of n cards
 * costs O(n) to check for duplicates, not O(n^2). */
struct idset {
    char **slots;
    size_t cap, count;
};

/* Adds id; returns false if it was already present. */
static bool idset_add(struct idset *set, const char *id)
{
    if ((set->count + 1) * 2 > set->cap) {
        struct idset bigger = {
            xcalloc(set->cap ? set->cap * 2 : 64, sizeof(char *)),
            set->cap ? set->cap * 2 : 64, 0};
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i])
                idset_add(&bigger, set->slots[i]);
        for (size_t i = 0; i < set->cap; i++)
            free(set->slots[i]);
        free(set->slots);
        *set = bigger;
    }
    size_t i = text_hash(id) & (set->cap - 1);
    while (set->slots[i]) {
        if (strcmp(set->slots[i], id) == 0)
            return false;
        i = (i + 1) & (set->cap - 1);
    }
    set->slots[i] = xstrdup(id);
    set->count++;
    return true;
}

static void idset_free(struct idset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i]);
    free(set->slots);
}

struct parser {
    const char *text, *end, *next; /* next: start of the following line */
    const char *line;              /* current line, without newline */
    size_t len;
    unsigned lineno;
    struct deck_error *err;
    const struct deck_handler *h;
    void *ctx;
    struct deck_meta meta;
    struct card card; /* the card being read; id NULL between cards */
    struct strbuf answer;
    size_t blank_run; /* blank lines held back inside an answer */
    bool seen_tags, seen_keys;
    size_t ncards;
    struct idset ids;
    unsigned fence_line; /* 0 outside a code fence */
    char fence_char;
    size_t fence_len;
};

static int fail(struct parser *p, unsigned line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

static int fail(struct parser *p, unsigned line, const char *fmt, ...)
{
    va_list ap;
    p->err->line = line;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    return -1;
}

/* Checks the current line: valid UTF-8, no control characters but tab. */
static int check_line_text(struct parser *p)
{
    for (size_t i = 0; i < p->len;) {
        uint32_t cp;
        size_t n = utf8_decode(p->line + i, p->len - i, &cp);
        if (n == 0)
            return fail(p, p->lineno, "invalid UTF-8 at column %zu", i + 1);
        if (cp == 0)
            return fail(p, p->lineno, "NUL byte at column %zu", i + 1);
        if (cp == '\r')
            return fail(p, p->lineno,
                        "carriage return at column %zu (only a CRLF line "
                        "ending is allowed)",
                        i + 1);
        if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0))
            return fail(p, p->lineno, "control character U+%04X at column %zu",
                        (unsigned)cp, i + 1);
        i += n;
    }
    return 0;
}

/* Advances to the next line.  Returns 1 with p->line set, 0 at the end of
 * the text, -1 on an invalid line. */
static int next_line(struct parser *p)
{
    if (p->next >= p->end)
        return 0;
    p->line = p->next;
    const char *nl = memchr(p->line, '\n', (size_t)(p->end - p->line));
    const char *stop = nl ? nl : p->end;
    p->next = nl ? nl + 1 : p->end;
    p->len = (size_t)(stop - p->line);
    if (nl && p->len > 0 && p->line[p->len - 1] == '\r')
        p->len--;
    p->lineno++;
    if (p->len > DECK_MAX_LINE)
        return fail(p, p->lineno, "line is longer than %d bytes",
                    DECK_MAX_LINE);
    return check_line_text(p) ? -1 : 1;
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

static void free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

/* Splits s on sep into trimmed, non-empty items.  With ids set, each item
 * must be a valid tag.  Returns -1 with the error set. */
static int split_list(struct parser *p, const char *s, size_t n, char sep,
                      bool ids, size_t max, char ***out, size_t *count)
{
    size_t cap = 0;
    *out = NULL;
    *count = 0;
    while (n > 0) {
        const char *cut = memchr(s, sep, n);
        size_t item_len = cut ? (size_t)(cut - s) : n;
        const char *item = s;
        size_t len = item_len;
        trim(&item, &len);
        if (len == 0)
            return fail(p, p->lineno, "empty item in list");
        if (ids && !valid_id(item, len))
            return fail(p, p->lineno,
                        "bad tag '%.*s': use 1-64 characters of a-z, 0-9 "
                        "and '-'",
                        (int)(len > 64 ? 64 : len), item);
        if (*count == max)
            return fail(p, p->lineno, "more than %zu items in list", max);
        *out = xgrow(*out, &cap, *count + 1, sizeof(char *));
        (*out)[(*count)++] = xstrndup(item, len);
        if (!cut)
            break;
        s = cut + 1;
        n -= item_len + 1;
        if (n == 0)
            return fail(p, p->lineno, "empty item in list");
    }
    return 0;
}

static const char *const meta_keys[] = {
    "id", "title", "version", "description", "author", "license", "tags"};
enum { META_KEYS = sizeof meta_keys / sizeof meta_keys[0] };

static int meta_field(struct parser *p, int which, const char *v, size_t n,
                      unsigned *seen)
{
    if (*seen & (1u << which))
        return fail(p, p->lineno, "front matter key '%s' appears twice",
                    meta_keys[which]);
    *seen |= 1u << which;
    if (n > DECK_MAX_FIELD)
        return fail(p, p->lineno, "value of '%s' is longer than %d bytes",
                    meta_keys[which], DECK_MAX_FIELD);
    struct deck_meta *m = &p->meta;
    switch (which) {
    case 0:
        if (!valid_id(v, n))
            return fail(p, p->lineno,
                        "bad deck id '%.*s': use 1-64 characters of a-z, "
                        "0-9 and '-'",
                        (int)(n > 64 ? 64 : n), v);
        m->id = xstrndup(v, n);
        return 0;
    case 2: {
        long version = 0;
        for (size_t i = 0; i < n; i++) {
            if (v[i] < '0' || v[i] > '9' || version > 100000000)
                return fail(p, p->lineno, "version must be a positive integer");
            version = version * 10 + (v[i] - '0');
        }
        if (n == 0 || version < 1 || v[0] == '0')
            return fail(p, p->lineno, "version must be a positive integer");
        m->version = version;
        return 0;
    }
    case 6:
        return split_list(p, v, n, ',', true, DECK_MAX_TAGS, &m->tags,
                          &m->ntags);
    }
    char **slot = which == 1   ? &m->title
                  : which == 3 ? &m->description
                  : which == 4 ? &m->author
                               : &m->license;
    free(*slot);
    *slot = xstrndup(v, n);
    return 0;
}

static int meta_line(struct parser *p, unsigned *seen)
{
    const char *colon = memchr(p->line, ':', p->len);
    if (colon == NULL)
        return fail(p, p->lineno, "expected 'key: value' in front matter");
    size_t klen = (size_t)(colon - p->line);
    for (int i = 0; i < META_KEYS; i++) {
        if (strlen(meta_keys[i]) == klen &&
            memcmp(meta_keys[i], p->line, klen) == 0) {
            const char *v = colon + 1;
            size_t n = p->len - klen - 1;
            trim(&v, &n);
            return meta_field(p, i, v, n, seen);
        }
    }
    return fail(p, p->lineno, "unknown front matter key '%.*s'",
                (int)(klen > 40 ? 40 : klen), p->line);
}

static int front_matter(struct parser *p)
{
    int r = next_line(p);
    if (r < 0)
        return -1;
    /* A byte-order mark is harmless; editors on some systems add one. */
    if (r > 0 && starts_with(p->line, p->len, "\xEF\xBB\xBF")) {
        p->line += 3;
        p->len -= 3;
    }
    if (r == 0 || p->len != 3 || memcmp(p->line, "---", 3) != 0)
        return fail(p, 1,
                    "missing front matter: the first line must be "
                    "'---'");
    unsigned seen = 0, start = p->lineno;
    p->meta.description = xstrdup("");
    p->meta.author = xstrdup("");
    p->meta.license = xstrdup("");
    for (;;) {
        if ((r = next_line(p)) < 0)
            return -1;
        if (r == 0)
            return fail(p, start, "front matter is not closed by '---'");
        if (p->len == 3 && memcmp(p->line, "---", 3) == 0)
            break;
        if (is_blank(p->line, p->len))
            continue;
        if (meta_line(p, &seen))
            return -1;
    }
    static const int required[] = {0, 1, 2};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!(seen & (1u << required[i])))
            return fail(p, p->lineno, "front matter has no '%s'",
                        meta_keys[required[i]]);
    if (p->h && p->h->meta)
        return p->h->meta(p->ctx, &p->meta, p->err);
    return 0;
}

/* A fence opens with three or more backticks or tildes. */
static bool fence_open(struct parser *p)
{
    if (p->len < 3 || (p->line[0] != '`' && p->line[0] != '~'))
        return false;
    size_t n = 0;
    while (n < p->len && p->line[n] == p->line[0])
        n++;
    if (n < 3)
        return false;
    p->fence_char = p->line[0];
    p->fence_len = n;
    p->fence_line = p->lineno;
    return true;
}

static bool fence_close(struct parser *p)
{
    size_t n = 0;
    while (n < p->len && p->line[n] == p->fence_char)
        n++;
    return n >= p->fence_len && is_blank(p->line + n, p->len - n);
}

static int answer_line(struct parser *p)
{
    bool blank = is_blank(p->line, p->len) && !p->fence_line;
    if (blank) {
        if (p->answer.len > 0)
            p->blank_run++;
        return 0;
    }
    /* Held-back blank lines, the joining newline, then the line. */
    size_t grown = p->answer.len + p->blank_run + (p->answer.len > 0) + p->len;
    if (grown > DECK_MAX_ANSWER)
        return fail(p, p->card.line,
                    "answer of card '%s' is longer than %d bytes", p->card.id,
                    DECK_MAX_ANSWER);
    for (; p->blank_run; p->blank_run--)
        sb_addc(&p->answer, '\n');
    if (p->answer.len > 0)
        sb_addc(&p->answer, '\n');
    sb_add(&p->answer, p->line, p->len);
    return 0;
}

static int finish_card(struct parser *p)
{
    struct card *c = &p->card;
    int r = 0;
    if (c->id == NULL)
        return 0;
    if (p->answer.len == 0)
        r = fail(p, c->line, "card '%s' has no answer", c->id);
    if (r == 0 && p->h && p->h->card) {
        c->answer = p->answer.buf;
        r = p->h->card(p->ctx, c, p->err);
        if (r && p->err->line == 0)
            p->err->line = c->line;
        c->answer = NULL;
    }
    card_free(c);
    sb_reset(&p->answer);
    p->blank_run = 0;
    return r;
}

static int start_card(struct parser *p)
{
    int r = finish_card(p);
    if (r)
        return r; /* -1, or a callback's own result */
    const char *h = p->line + 3;
    size_t n = p->len - 3;
    trim(&h, &n);
    const char *open = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (h[i] == '{' && h[i + 1] == '#')
            open = h + i;
    if (n == 0 || h[n - 1] != '}' || open == NULL)
        return fail(p, p->lineno,
                    "card heading must end with an id like '{#card-id}'");
    const char *id = open + 2;
    size_t idlen = (size_t)(h + n - 1 - id);
    if (!valid_id(id, idlen))
        return fail(p, p->lineno,
                    "bad card id '%.*s': use 1-64 characters of a-z, 0-9 "
                    "and '-'",
                    (int)(idlen > 64 ? 64 : idlen), id);
    size_t qlen = (size_t)(open - h);
    trim(&h, &qlen);
    if (qlen == 0)
        return fail(p, p->lineno, "card '%.*s' has no question", (int)idlen,
                    id);
    if (qlen > DECK_MAX_QUESTION)
        return fail(p, p->lineno, "question is longer than %d bytes",
                    DECK_MAX_QUESTION);
    if (++p->ncards > DECK_MAX_CARDS)
        return fail(p, p->lineno, "deck has more than %d cards",
                    DECK_MAX_CARDS);
    p->card.id = xstrndup(id, idlen);
    if (!idset_add(&p->ids, p->card.id))
        return fail(p, p->lineno, "duplicate card id '%s'", p->card.id);
    p->card.question = xstrndup(h, qlen);
    p->card.line = p->lineno;
    p->card.offset = (size_t)(p->line - p->text);
    p->seen_tags = p->seen_keys = false;
    return 0;
}

static int card_field(struct parser *p, bool keys)
{
    if (p->card.id == NULL)
        return fail(p, p->lineno, "'%s' line outside a card",
                    keys ? "Keys:" : "Tags:");
    bool *seen = keys ? &p->seen_keys : &p->seen_tags;
    if (*seen)
        return fail(p, p->lineno, "card '%s' has a second '%s' line",
                    p->card.id, keys ? "Keys:" : "Tags:");
    *seen = true;
    const char *v = p->line + 5;
    size_t n = p->len - 5;
    trim(&v, &n);
    if (keys)
        return split_list(p, v, n, ';', false, DECK_MAX_KEYS, &p->card.keys,
                          &p->card.nkeys);
    return split_list(p, v, n, ',', true, DECK_MAX_TAGS, &p->card.tags,
                      &p->card.ntags);
}

static int body_line(struct parser *p)
{
    if (p->fence_line) {
        if (fence_close(p))
            p->fence_line = 0;
        return p->card.id ? answer_line(p) : 0;
    }
    if (starts_with(p->line, p->len, "## "))
        return start_card(p);
    if (starts_with(p->line, p->len, "Tags:"))
        return card_field(p, false);
    if (starts_with(p->line, p->len, "Keys:"))
        return card_field(p, true);
    fence_open(p);
    return p->card.id ? answer_line(p) : 0;
}

int deck_parse(const char *text, size_t len, const struct deck_handler *h,
               void *ctx, struct deck_error *err)
{
    struct parser p;
    memset(&p, 0, sizeof p);
    p.text = p.next = text;
    p.end = text + len;
    p.err = err;
    p.h = h;
    p.ctx = ctx;
    err->line = 0;
    err->message[0] = '\0';
    sb_init(&p.answer);
    int r;
    if (len > DECK_MAX_BYTES) {
        r = fail(&p, 0, "file is larger than %u bytes", DECK_MAX_BYTES);
        goto out;
    }
    if ((r = front_matter(&p)) != 0)
        goto out;
    int more;
    while ((more = next_line(&p)) > 0)
        if ((r = body_line(&p)) != 0)
            goto out;
    if (more < 0) {
        r = -1;
        goto out;
    }
    if (p.fence_line)
        r = fail(&p, p.fence_line, "code fence is never closed");
    else if ((r = finish_card(&p)) == 0 && p.ncards == 0)
        r = fail(&p, p.lineno, "deck has no cards");
out:
    card_free(&p.card);
    deck_meta_free(&p.meta);
    sb_free(&p.answer);
    idset_free(&p.ids);
    return r;
}

void card_free(struct card *c)
{
    free(c->id);
    free(c->question);
    free(c->answer);
    free_list(c->tags, c->ntags);
    free_list(c->keys, c->nkeys);
    memset(c, 0, sizeof *c);
}

void deck_meta_free(struct deck_meta *m)
{
    free(m->id);
    free(m->title);
    free(m->description);
    free(m->author);
    free(m->license);
    free_list(m->tags, m->ntags);
    memset(m, 0, sizeof *m);
}

static char **copy_list(char *const *items, size_t n)
{
    char **out = xcalloc(n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        out[i] = xstrdup(items[i]);
    return out;
}

static char *copy_str(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void deck_meta_copy(struct deck_meta *dst, const struct deck_meta *src)
{
    dst->id = copy_str(src->id);
    dst->title = copy_str(src->title);
    dst->version = src->version;
    dst->description = copy_str(src->description);
    dst->author = copy_str(src->author);
    dst->license = copy_str(src->license);
    dst->tags = copy_list(src->tags, src->ntags);
    dst->ntags = src->ntags;
}

void card_copy(struct card *dst, const struct card *src)
{
    dst->id = copy_str(src->id);
    dst->question = copy_str(src->question);
    dst->answer = copy_str(src->answer);
    dst->tags = copy_list(src->tags, src->ntags);
    dst->ntags = src->ntags;
    dst->keys = copy_list(src->keys, src->nkeys);
    dst->nkeys = src->nkeys;
    dst->line = src->line;
    dst->offset = src->offset;
}

struct loader {
    struct deck *deck;
    size_t cap;
};

static int load_meta(void *ctx, const struct deck_meta *meta,
                     struct deck_error *err)
{
    (void)err;
    struct loader *l = ctx;
    deck_meta_copy(&l->deck->meta, meta);
    return 0;
}

static int load_card(void *ctx, const struct card *card, struct deck_error *err)
{
    (void)err;
    struct loader *l = ctx;
    struct deck *d = l->deck;
    d->cards = xgrow(d->cards, &l->cap, d->ncards + 1, sizeof *d->cards);
    card_copy(&d->cards[d->ncards++], card);
    return 0;
}

int deck_load(const char *text, size_t len, struct deck *out,
              struct deck_error *err)
{
    static const struct deck_handler loader = {.meta = load_meta,
                                               .card = load_card};
    struct loader l = {out, 0};
    memset(out, 0, sizeof *out);
    int r = deck_parse(text, len, &loader, &l, err);
    if (r)
        deck_free(out);
    return r;
}

void deck_free(struct deck *d)
{
    for (size_t i = 0; i < d->ncards; i++)
        card_free(&d->cards[i]);
    free(d->cards);
    deck_meta_free(&d->meta);
    memset(d, 0, sizeof *d);
}

char *deck_join(char *const *items, size_t n, const char *sep)
{
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_adds(&sb, sep);
        sb_adds(&sb, items[i]);
    }
    return sb.buf;
}
