/* deck_source.c: the table of deck formats.  See deck_source.h. */
#include "rehearse/deck_source.h"

#include <string.h>

static bool markdown_recognises(const char *bytes, size_t len)
{
    static const char bom[] = "\xEF\xBB\xBF";
    if (len >= 3 && memcmp(bytes, bom, 3) == 0) {
        bytes += 3;
        len -= 3;
    }
    return len >= 3 && memcmp(bytes, "---", 3) == 0;
}

static const struct deck_source markdown = {"Markdown deck",
                                            markdown_recognises, deck_parse};

static const struct deck_source *const deck_sources[] = {&markdown};

const struct deck_source *deck_source_for(const char *bytes, size_t len)
{
    for (size_t i = 0; i < sizeof deck_sources / sizeof deck_sources[0]; i++)
        if (deck_sources[i]->recognises(bytes, len))
            return deck_sources[i];
    return &markdown;
}

static int copy_meta(void *ctx, const struct deck_meta *meta,
                     struct deck_error *err)
{
    (void)err;
    deck_meta_copy(ctx, meta);
    return 1; /* stop: the header is all we need */
}

int deck_source_meta(const struct deck_source *src, const char *bytes,
                     size_t len, struct deck_meta *meta, struct deck_error *err)
{
    static const struct deck_handler header = {.meta = copy_meta};
    memset(meta, 0, sizeof *meta);
    return src->parse(bytes, len, &header, meta, err) == 1 ? 0 : -1;
}
