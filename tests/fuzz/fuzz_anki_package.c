/* fuzz_anki_package.c: libFuzzer target for the Anki package reader
 * (anki_package.h): zip, zstd, the SQLite collection and its note types,
 * all from the input bytes.
 *
 * Besides memory errors, it checks what the import path relies on: the
 * reader returns 0 or -1 (never a partial success), an error has a
 * message, the deck id is an id, and every card it hands out has a valid
 * id, a one-line question and an answer within the deck limits, valid
 * tags, and past reviews graded on the 0..5 scale, oldest first. */
#include "fuzz_check.h"
#include "rehearse/anki_package.h"
#include "rehearse/util.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_meta(void *ctx, const struct deck_meta *m, struct deck_error *e)
{
    (void)ctx;
    (void)e;
    FUZZ_CHECK(valid_id(m->id, strlen(m->id)));
    FUZZ_CHECK(m->version >= 1);
    return 0;
}

static int on_card(void *ctx, const struct card *c, struct deck_error *e)
{
    long *cards = ctx;
    (void)e;
    FUZZ_CHECK(++*cards <= DECK_MAX_CARDS);
    FUZZ_CHECK(valid_id(c->id, strlen(c->id)));
    FUZZ_CHECK(c->question[0] != '\0' && strchr(c->question, '\n') == NULL);
    FUZZ_CHECK(strlen(c->question) <= DECK_MAX_QUESTION);
    FUZZ_CHECK(c->answer[0] != '\0');
    FUZZ_CHECK(strlen(c->answer) <= DECK_MAX_ANSWER);
    FUZZ_CHECK(c->ntags <= DECK_MAX_TAGS);
    for (size_t i = 0; i < c->ntags; i++)
        FUZZ_CHECK(valid_id(c->tags[i], strlen(c->tags[i])));
    return 0;
}

static int on_history(void *ctx, const struct card *c,
                      const struct card_history *h, struct deck_error *e)
{
    (void)ctx;
    (void)c;
    (void)e;
    for (size_t i = 0; i < h->nreviews; i++) {
        FUZZ_CHECK(h->reviews[i].grade >= 0 && h->reviews[i].grade <= 5);
        FUZZ_CHECK(h->reviews[i].duration_ms >= 0);
        FUZZ_CHECK(i == 0 || h->reviews[i - 1].at_ms <= h->reviews[i].at_ms);
    }
    return 0;
}

static void on_skip(void *ctx, long count, const char *reason)
{
    (void)ctx;
    FUZZ_CHECK(count > 0 && reason[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct deck_handler h = {on_meta, on_card, on_history,
                                          on_skip};
    struct deck_error err;
    long cards = 0;
    const char *bytes = (const char *)data;
    if (!anki_package_source.recognises(bytes, size))
        return 0;
    int rc = anki_package_source.parse(bytes, size, &h, &cards, &err);
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc)
        FUZZ_CHECK(err.message[0] != '\0');
    return 0;
}
