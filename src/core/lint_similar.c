/* lint_similar.c: the cross-deck overlap warning of `rehearse check`.
 *
 * Two cards in different decks overlap when the content words of their
 * questions and key points (each key point's first alternative: the
 * others are ways of saying it, not more of the topic), stemmed, are at
 * least LINT_OVERLAP_MIN alike
 * (Jaccard: shared words over all words).  Over the bundled decks 0.4
 * picked out the pairs a review had found by hand (sorted vs list.sort,
 * keyset pagination, top-n per group, safe and idempotent methods) and no
 * pair that only shared a topic.  Cards of one deck are left to the
 * exact and word-signature checks of lint.c: a deck may well hold "merge
 * sort" beside "heap sort".
 *
 * Cost: an inverted index from word to the cards holding it, so a card is
 * compared only with cards sharing a word; checking every bundled deck
 * stays well under a second. */
#include "lint_internal.h"

#include "rehearse/keypoints.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct postings {
    char *word;
    size_t *cards, n, cap;
};

struct overlap_card {
    const char *file; /* outlives the linter (lint.h) */
    char *deck, *id;
    unsigned line;
    size_t nwords;
};

struct overlaps {
    struct overlap_card *cards;
    size_t ncards, cards_cap;
    struct postings *index; /* open addressing on word */
    size_t index_cap, nwords;
    size_t *shared; /* per card, words shared with the card being added */
    size_t shared_cap;
};

struct overlaps *overlaps_new(void)
{
    return xcalloc(1, sizeof(struct overlaps));
}

static struct postings *slot(struct postings *index, size_t cap,
                             const char *word)
{
    size_t i = text_hash(word) & (cap - 1);
    while (index[i].word && strcmp(index[i].word, word) != 0)
        i = (i + 1) & (cap - 1);
    return &index[i];
}

static struct postings *postings_for(struct overlaps *o, const char *word)
{
    if ((o->nwords + 1) * 2 > o->index_cap) {
        size_t cap = o->index_cap ? o->index_cap * 2 : 1024;
        struct postings *bigger = xcalloc(cap, sizeof *bigger);
        for (size_t i = 0; i < o->index_cap; i++)
            if (o->index[i].word)
                *slot(bigger, cap, o->index[i].word) = o->index[i];
        free(o->index);
        o->index = bigger;
        o->index_cap = cap;
    }
    struct postings *p = slot(o->index, o->index_cap, word);
    if (p->word == NULL) {
        p->word = xstrdup(word);
        o->nwords++;
    }
    return p;
}

/* The earlier card of another deck most like this one, or NULL. */
static const struct overlap_card *most_alike(struct overlaps *o,
                                             const char *deck, char **words,
                                             size_t n, size_t *common)
{
    o->shared =
        xgrow(o->shared, &o->shared_cap, o->ncards + 1, sizeof *o->shared);
    memset(o->shared, 0, o->ncards * sizeof *o->shared);
    for (size_t w = 0; w < n; w++) {
        const struct postings *p = postings_for(o, words[w]);
        for (size_t i = 0; i < p->n; i++)
            o->shared[p->cards[i]]++;
    }
    const struct overlap_card *best = NULL;
    double best_score = 0;
    for (size_t i = 0; i < o->ncards; i++) {
        size_t both = o->shared[i];
        if (both == 0 || strcmp(o->cards[i].deck, deck) == 0)
            continue;
        double score = (double)both / (double)(n + o->cards[i].nwords - both);
        if (score >= LINT_OVERLAP_MIN && score > best_score) {
            best = &o->cards[i];
            best_score = score;
            *common = both;
        }
    }
    return best;
}

static char *card_words_text(const struct card *c)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_adds(&sb, c->question);
    for (size_t k = 0; k < c->nkeys; k++) {
        const char *slash = strstr(c->keys[k], " / ");
        sb_addc(&sb, '\n');
        sb_add(&sb, c->keys[k],
               slash ? (size_t)(slash - c->keys[k]) : strlen(c->keys[k]));
    }
    return sb_detach(&sb);
}

long overlaps_add(struct overlaps *o, const char *file, const char *deck,
                  const struct card *c, lint_fn fn, void *ctx)
{
    char *text = card_words_text(c);
    size_t n, common = 0;
    char **words = keypoints_content_stems(text, &n);
    free(text);
    const struct overlap_card *other =
        n ? most_alike(o, deck, words, n, &common) : NULL;
    if (other && fn) {
        char msg[400];
        snprintf(msg, sizeof msg,
                 "card '%s' overlaps '%s/%s' (%s:%u): %zu of their words in "
                 "common; merge them or make each about its own angle",
                 c->id, other->deck, other->id, other->file, other->line,
                 common);
        fn(ctx, file, c->line, msg);
    }
    for (size_t w = 0; w < n; w++) {
        struct postings *p = postings_for(o, words[w]);
        p->cards = xgrow(p->cards, &p->cap, p->n + 1, sizeof *p->cards);
        p->cards[p->n++] = o->ncards;
    }
    o->cards = xgrow(o->cards, &o->cards_cap, o->ncards + 1, sizeof *o->cards);
    o->cards[o->ncards++] =
        (struct overlap_card){file, xstrdup(deck), xstrdup(c->id), c->line, n};
    keypoints_free(words, n);
    return other != NULL && fn != NULL;
}

void overlaps_free(struct overlaps *o)
{
    if (o == NULL)
        return;
    for (size_t i = 0; i < o->index_cap; i++) {
        free(o->index[i].word);
        free(o->index[i].cards);
    }
    for (size_t i = 0; i < o->ncards; i++) {
        free(o->cards[i].deck);
        free(o->cards[i].id);
    }
    free(o->index);
    free(o->cards);
    free(o->shared);
    free(o);
}
