/* fuzz_config.c: libFuzzer target for the config file parser (config.h).
 *
 * Whatever the text, every setting stays inside its documented range, a
 * refusal names a line that exists, and parsing the same text twice gives
 * the same settings and the same verdict. */
#include "fuzz_check.h"
#include "rehearse/config.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_ranges(const struct config *c)
{
    FUZZ_CHECK(c->new_per_day >= 0 && c->new_per_day <= 1000);
    FUZZ_CHECK(c->rollover_hour >= 0 && c->rollover_hour <= 23);
    FUZZ_CHECK(c->target_seconds >= 10 && c->target_seconds <= 3600);
    FUZZ_CHECK(c->reviews_per_day >= 0 && c->reviews_per_day <= 100000);
    FUZZ_CHECK(c->leech_threshold >= 1 && c->leech_threshold <= 100);
    FUZZ_CHECK(c->new_order <= NEW_ORDER_RANDOM);
    FUZZ_CHECK(c->ndecks <= CONFIG_MAX_DECKS);
    for (size_t i = 0; i < c->ndecks; i++) {
        FUZZ_CHECK(c->decks[i].priority >= -1 && c->decks[i].priority <= 100);
        FUZZ_CHECK(c->decks[i].new_per_day >= -1 &&
                   c->decks[i].new_per_day <= 1000);
        FUZZ_CHECK(memchr(c->decks[i].id, '\0', sizeof c->decks[i].id));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    unsigned lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';

    struct config c;
    struct config_error err;
    memset(&err, 0, sizeof err);
    config_defaults(&c);
    check_ranges(&c);
    int r = config_parse(text, size, &c, &err);
    FUZZ_CHECK(r == 0 || r == -1);
    check_ranges(&c);
    if (r == -1) {
        FUZZ_CHECK(err.line >= 1 && err.line <= lines);
        FUZZ_CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
        FUZZ_CHECK(err.message[0] != '\0');
    }

    /* Settings apply over what is there: a second pass changes nothing. */
    struct config twice = c;
    struct config_error err2;
    memset(&err2, 0, sizeof err2);
    FUZZ_CHECK(config_parse(text, size, &twice, &err2) == r);
    if (r == 0)
        FUZZ_CHECK(memcmp(&twice, &c, sizeof c) == 0);
    else
        FUZZ_CHECK(err2.line == err.line &&
                   strcmp(err2.message, err.message) == 0);
    return 0;
}
