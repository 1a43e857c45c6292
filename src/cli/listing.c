/* listing.c: the one copy of what the listing commands share: the JSON or
 * table choice, opening and closing the collection, and names made safe
 * to print.  See listing.h. */
#include "rehearse/listing.h"
#include "rehearse/render.h"
#include "rehearse/text.h"

#include <stdint.h>
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

void add_one_line(struct strbuf *sb, const char *text)
{
    while (*text) {
        size_t n = strcspn(text, "\t\r\n");
        render_safe(sb, text, n);
        text += n;
        if (*text) {
            text += strspn(text, "\t\r\n");
            sb_addc(sb, ' ');
        }
    }
}

const char *fit_columns(struct strbuf *sb, int width)
{
    if (width < 0)
        width = 0;
    if (render_columns(sb->buf, sb->len) <= (size_t)width)
        return sb->buf;
    size_t cols = 0, cut = 0, room = width > 3 ? (size_t)width - 3 : 0;
    for (size_t i = 0; i < sb->len;) {
        uint32_t cp;
        size_t len = utf8_decode(sb->buf + i, sb->len - i, &cp);
        len = len ? len : 1;
        size_t w = render_columns(sb->buf + i, len);
        if (cols + w > room)
            break;
        cols += w;
        i += len;
        cut = i;
    }
    sb->len = cut;
    sb->buf[cut] = '\0';
    sb_add(sb, "...", width >= 3 ? 3 : (size_t)width);
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

void print_wrapped(int width, const char *text)
{
    size_t indent = strspn(text, " "), col = indent;
    printf("%.*s", (int)indent, text);
    for (const char *p = text + indent; *p; p += strspn(p, " ")) {
        size_t n = strcspn(p, " "), cols = render_columns(p, n);
        if (col > indent && col + 1 + cols > (size_t)width) {
            printf("\n%*s", (int)indent + 2, "");
            col = indent + 2;
        } else if (col > indent) {
            putchar(' ');
            col++;
        }
        printf("%.*s", (int)n, p);
        col += cols;
        p += n;
    }
    putchar('\n');
}
