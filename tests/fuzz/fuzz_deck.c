/* fuzz_deck.c: libFuzzer target for the deck parser (deck.h).
 *
 * Each input is a deck file.  It goes through deck_load (every card copied
 * out, then freed), through deck_parse with callbacks that keep nothing,
 * and through deck_parse with a card callback that stops at the second
 * card.  Besides memory errors, the target checks what deck.h promises:
 * the three runs agree, and a deck that loads obeys every documented
 * limit and holds no control characters. */
#include "fuzz_check.h"
#include "rehearse/deck.h"
#include "rehearse/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ignore_meta(void *ctx, const struct deck_meta *meta,
                       struct deck_error *err)
{
    (void)ctx;
    (void)meta;
    (void)err;
    return 0;
}

static int ignore_card(void *ctx, const struct card *card,
                       struct deck_error *err)
{
    (void)ctx;
    (void)card;
    (void)err;
    return 0;
}

#define STOP_RESULT 7

struct stopper {
    size_t seen;
};

/* Refuses the second card, so the parse ends from inside a callback. */
static int stop_at_second(void *ctx, const struct card *card,
                          struct deck_error *err)
{
    struct stopper *s = ctx;
    if (++s->seen < 2)
        return 0;
    snprintf(err->message, sizeof err->message, "stopped at '%s'", card->id);
    return STOP_RESULT;
}

/* Lines in the input, counting a last line without a newline. */
static unsigned count_lines(const uint8_t *data, size_t size)
{
    unsigned n = 1;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '\n')
            n++;
    return n;
}

/* Text the parser hands out never holds C0 controls (tab excepted, and
 * newline where allowed), DEL, or C1 controls encoded in UTF-8. */
static void check_clean(const char *s, int allow_newline)
{
    FUZZ_CHECK(s != NULL);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        FUZZ_CHECK(*p >= 0x20 || *p == '\t' || (allow_newline && *p == '\n'));
        FUZZ_CHECK(*p != 0x7F);
        FUZZ_CHECK(!(p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0));
    }
}

static void check_tags(char *const *tags, size_t n)
{
    FUZZ_CHECK(n <= DECK_MAX_TAGS);
    FUZZ_CHECK(n == 0 || tags != NULL);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(valid_id(tags[i], strlen(tags[i])));
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void check_deck(const struct deck *d, unsigned lines)
{
    const struct deck_meta *m = &d->meta;
    FUZZ_CHECK(m->id != NULL && valid_id(m->id, strlen(m->id)));
    FUZZ_CHECK(m->title != NULL);
    check_clean(m->title, 0);
    check_clean(m->description, 0);
    check_clean(m->author, 0);
    check_clean(m->license, 0);
    FUZZ_CHECK(strlen(m->title) <= DECK_MAX_FIELD);
    FUZZ_CHECK(strlen(m->description) <= DECK_MAX_FIELD);
    FUZZ_CHECK(m->version >= 1);
    check_tags(m->tags, m->ntags);

    FUZZ_CHECK(d->ncards >= 1 && d->ncards <= DECK_MAX_CARDS);
    const char **ids = xcalloc(d->ncards, sizeof *ids);
    unsigned prev_line = 0;
    for (size_t i = 0; i < d->ncards; i++) {
        const struct card *c = &d->cards[i];
        FUZZ_CHECK(c->id != NULL && valid_id(c->id, strlen(c->id)));
        ids[i] = c->id;
        FUZZ_CHECK(c->question != NULL && c->question[0] != '\0');
        FUZZ_CHECK(strlen(c->question) <= DECK_MAX_QUESTION);
        check_clean(c->question, 0);
        FUZZ_CHECK(c->answer != NULL && c->answer[0] != '\0');
        /* deck.h: limits are enforced with an error, never exceeded
         * (corpus/deck/crash-answer-16385-bytes-accepted.md was a bug). */
        FUZZ_CHECK(strlen(c->answer) <= DECK_MAX_ANSWER);
        check_clean(c->answer, 1);
        check_tags(c->tags, c->ntags);
        FUZZ_CHECK(c->nkeys <= DECK_MAX_KEYS);
        for (size_t k = 0; k < c->nkeys; k++) {
            FUZZ_CHECK(c->keys[k][0] != '\0');
            FUZZ_CHECK(strchr(c->keys[k], ';') == NULL);
            check_clean(c->keys[k], 0);
        }
        FUZZ_CHECK(c->line > prev_line && c->line <= lines);
        prev_line = c->line;
    }
    /* Card ids are unique within a deck. */
    qsort(ids, d->ncards, sizeof *ids, compare_ids);
    for (size_t i = 1; i < d->ncards; i++)
        FUZZ_CHECK(strcmp(ids[i - 1], ids[i]) != 0);
    free(ids);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    unsigned lines = count_lines(data, size);

    struct deck deck;
    struct deck_error load_err;
    int loaded = deck_load(text, size, &deck, &load_err);
    FUZZ_CHECK(loaded == 0 || loaded == -1);
    FUZZ_CHECK(memchr(load_err.message, 0, sizeof load_err.message) != NULL);
    if (loaded == 0) {
        check_deck(&deck, lines);
    } else {
        FUZZ_CHECK(load_err.message[0] != '\0');
        FUZZ_CHECK(load_err.line <= lines);
        FUZZ_CHECK(deck.ncards == 0 && deck.cards == NULL);
    }

    /* The same text with callbacks that keep nothing: same verdict. */
    static const struct deck_handler ignore = {.meta = ignore_meta,
                                               .card = ignore_card};
    struct deck_error err;
    int parsed = deck_parse(text, size, &ignore, NULL, &err);
    FUZZ_CHECK(parsed == loaded);
    FUZZ_CHECK(err.line == load_err.line);
    FUZZ_CHECK(strcmp(err.message, load_err.message) == 0);

    /* A callback that refuses the second card ends the parse there. */
    static const struct deck_handler stop = {.meta = ignore_meta,
                                             .card = stop_at_second};
    struct stopper stopper = {0};
    int stopped = deck_parse(text, size, &stop, &stopper, &err);
    FUZZ_CHECK(stopped == 0 || stopped == -1 || stopped == STOP_RESULT);
    if (loaded == 0) {
        if (deck.ncards >= 2) {
            /* deck.h: the callback's non-zero result "becomes deck_parse's
             * result" (corpus/deck/crash-callback-result-lost.md was a
             * bug: start_card turned it into -1). */
            FUZZ_CHECK(stopped == STOP_RESULT);
            FUZZ_CHECK(stopped != 0);
            FUZZ_CHECK(err.line == deck.cards[1].line);
            FUZZ_CHECK(strstr(err.message, "stopped at") != NULL);
        } else {
            FUZZ_CHECK(stopped == 0);
        }
    }

    deck_free(&deck);
    return 0;
}
