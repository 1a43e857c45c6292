/* lint.c: the deck linter behind `rehearse check`.  See lint.h. */
#include "rehearse/lint.h"

#include "lint_internal.h"
#include "rehearse/keypoints.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_words(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *lint_question_signature(const char *question)
{
    char *lower = xstrdup(question), **words = NULL;
    size_t n = 0, cap = 0;
    for (char *p = lower; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 'A' && c <= 'Z')
            *p = (char)(c - 'A' + 'a');
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '_' || c >= 0x80))
            *p = ' ';
    }
    for (char *w = strtok(lower, " "); w; w = strtok(NULL, " ")) {
        if (text_stop_word(w, strlen(w), TEXT_STOP_QUESTION))
            continue;
        words = xgrow(words, &cap, n + 1, sizeof *words);
        words[n++] = w;
    }
    if (n > 1)
        qsort(words, n, sizeof *words, compare_words);
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(words[i], words[i - 1]) != 0)
            sb_addf(&sb, "%s%s", sb.len ? " " : "", words[i]);
    free(words);
    free(lower);
    return sb.buf;
}

struct seen {
    char *key; /* "=" exact text, or "~" word signature */
    const char *file;
    unsigned line;
    char *card;
};

struct linter {
    struct seen *slots;
    size_t cap, count;
    struct overlaps *overlaps; /* cards across decks, by their words */
};

struct linter *linter_new(void)
{
    struct linter *l = xcalloc(1, sizeof(struct linter));
    l->overlaps = overlaps_new();
    return l;
}

/* An alternative that is empty or all spaces: "a /  / b", " / b". */
static bool empty_alternative(const char *key)
{
    for (const char *p = key; p;) {
        const char *slash = strstr(p, " / ");
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (strspn(p, " \t") >= n)
            return true;
        p = slash ? slash + 3 : NULL;
    }
    return false;
}

/* The Keys checks: an empty alternative, and a key point the card's own
 * answer does not cover, as keypoints_match judges it (a key the
 * reference answer itself would fail). */
static long check_keys(const char *file, const struct card *c, lint_fn fn,
                       void *ctx)
{
    char msg[400];
    long count = 0;
    bool *covered = xcalloc(c->nkeys + 1, sizeof *covered);
    keypoints_match(c->answer, c->keys, c->nkeys, covered);
    for (size_t k = 0; k < c->nkeys; k++) {
        if (empty_alternative(c->keys[k]))
            snprintf(msg, sizeof msg,
                     "key point '%.200s' of card '%s' has an empty "
                     "alternative (alternatives are separated by ' / ')",
                     c->keys[k], c->id);
        else if (!covered[k])
            snprintf(msg, sizeof msg,
                     "key point '%.200s' of card '%s' is not covered by "
                     "the card's own answer",
                     c->keys[k], c->id);
        else
            continue;
        fn(ctx, file, c->line, msg), count++;
    }
    free(covered);
    return count;
}

static struct seen *slot_for(struct linter *l, const char *key)
{
    size_t i = text_hash(key) & (l->cap - 1);
    while (l->slots[i].key && strcmp(l->slots[i].key, key) != 0)
        i = (i + 1) & (l->cap - 1);
    return &l->slots[i];
}

static void grow(struct linter *l)
{
    struct linter bigger = {
        xcalloc(l->cap ? l->cap * 2 : 256, sizeof(struct seen)),
        l->cap ? l->cap * 2 : 256, l->count, l->overlaps};
    for (size_t i = 0; i < l->cap; i++)
        if (l->slots[i].key)
            *slot_for(&bigger, l->slots[i].key) = l->slots[i];
    free(l->slots);
    *l = bigger;
}

/* Returns the earlier card with this key, or records this one. */
static const struct seen *remember(struct linter *l, char *key,
                                   const char *file, const struct card *c)
{
    if ((l->count + 1) * 2 > l->cap)
        grow(l);
    struct seen *s = slot_for(l, key);
    if (s->key) {
        free(key);
        return s;
    }
    *s = (struct seen){key, file, c->line, xstrdup(c->id)};
    l->count++;
    return NULL;
}

static bool declared(const struct deck *d, const char *tag)
{
    for (size_t i = 0; i < d->meta.ntags; i++)
        if (strcmp(d->meta.tags[i], tag) == 0)
            return true;
    return false;
}

static long duplicates(struct linter *l, const char *file, const struct card *c,
                       lint_fn fn, void *ctx)
{
    char msg[300];
    char *exact = xasprintf("=%s", c->question);
    char *sig = lint_question_signature(c->question);
    char *near = xasprintf("~%s", sig);
    free(sig);
    const struct seen *same = remember(l, exact, file, c);
    const struct seen *close = remember(l, near, file, c);
    const struct seen *earlier = same ? same : close;
    if (earlier == NULL)
        return 0;
    snprintf(msg, sizeof msg, "card '%s' %s '%s' (%s:%u)", c->id,
             same ? "repeats the question of"
                  : "is nearly the same question as",
             earlier->card, earlier->file, earlier->line);
    fn(ctx, file, c->line, msg);
    return 1;
}

long lint_deck(struct linter *l, const char *file, const struct deck *d,
               lint_fn fn, void *ctx)
{
    return lint_deck_source(l, file, NULL, 0, d, fn, ctx);
}

long lint_deck_source(struct linter *l, const char *file, const char *text,
                      size_t len, const struct deck *d, lint_fn fn, void *ctx)
{
    long count = 0;
    char msg[300];
    for (size_t i = 0; i < d->ncards; i++) {
        const struct card *c = &d->cards[i];
        if (c->nkeys == 0) {
            snprintf(msg, sizeof msg, "card '%s' has no 'Keys:' line", c->id);
            fn(ctx, file, c->line, msg), count++;
        }
        if (strlen(c->answer) > LINT_ANSWER_MAX) {
            snprintf(msg, sizeof msg,
                     "answer of card '%s' is %zu bytes, "
                     "over the %d-byte limit for a spoken answer",
                     c->id, strlen(c->answer), LINT_ANSWER_MAX);
            fn(ctx, file, c->line, msg), count++;
        }
        for (size_t t = 0; t < c->ntags; t++)
            if (!declared(d, c->tags[t])) {
                snprintf(msg, sizeof msg,
                         "card '%s' has tag '%s', which "
                         "the deck's 'tags:' does not declare",
                         c->id, c->tags[t]);
                fn(ctx, file, c->line, msg), count++;
            }
        count += check_keys(file, c, fn, ctx);
        long dup = duplicates(l, file, c, fn, ctx);
        count += dup;
        if (!dup) /* one warning for one pair is enough */
            count += overlaps_add(l->overlaps, file, d->meta.id, c, fn, ctx);
        else
            overlaps_add(l->overlaps, file, d->meta.id, c, NULL, NULL);
        count += lint_markdown(file, text, len, c, fn, ctx);
    }
    return count;
}

void linter_free(struct linter *l)
{
    for (size_t i = 0; i < l->cap; i++) {
        free(l->slots[i].key);
        free(l->slots[i].card);
    }
    free(l->slots);
    overlaps_free(l->overlaps);
    free(l);
}
