/* listing.c: the one copy of what the listing commands share: the JSON or
 * table choice, opening and closing the collection, and names made safe
 * to print.  See listing.h. */
#include "rehearse/listing.h"
#include "rehearse/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void add_card_name(struct strbuf *sb, const char *deck, const char *card)
{
    render_safe(sb, deck, strlen(deck));
    sb_addc(sb, '/');
    render_safe(sb, card, strlen(card));
}

const char *safe_text(struct strbuf *sb, const char *text)
{
    sb_reset(sb);
    render_safe(sb, text, strlen(text));
    return sb->buf;
}

int print_listing(struct app *app, const struct listing *l, const void *query,
                  bool json)
{
    struct store *st = app_open(app, true);
    int rc;
    if (l->check)
        l->check(st, query);
    if (json) {
        char *out = NULL;
        if ((rc = l->json(st, app->today, query, &out)) == 0)
            puts(out);
        free(out);
    } else {
        struct strbuf line;
        sb_init(&line);
        rc = l->table(st, app->today, query, &line);
        sb_free(&line);
    }
    if (rc)
        die(EXIT_FAIL, "%s", store_error(st));
    app_close(app, st);
    return EXIT_OK;
}
