/* deck_mem.c: copying and freeing what the deck parser hands out, and
 * deck_load, which keeps a whole deck in memory (deck.h).  The parser
 * itself is deck.c. */
#include "rehearse/deck.h"

#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

static void free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

void card_free(struct card *c)
{
    free(c->id);
    free(c->question);
    free(c->answer);
    free_list(c->tags, c->ntags);
    free_list(c->keys, c->nkeys);
    for (size_t i = 0; i < c->nfollow_ups; i++) {
        free(c->follow_ups[i].question);
        free(c->follow_ups[i].answer);
    }
    free(c->follow_ups);
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
    dst->follow_ups = xcalloc(src->nfollow_ups ? src->nfollow_ups : 1,
                              sizeof *dst->follow_ups);
    for (size_t i = 0; i < src->nfollow_ups; i++)
        dst->follow_ups[i] =
            (struct follow_up){xstrdup(src->follow_ups[i].question),
                               xstrdup(src->follow_ups[i].answer)};
    dst->nfollow_ups = src->nfollow_ups;
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
