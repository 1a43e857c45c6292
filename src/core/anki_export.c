/* anki_export.c: cards in the text format Anki's importer reads.  See
 * anki.h.
 *
 * Fields are HTML (#html:true), made by md4c's own HTML renderer from the
 * card's Markdown, in the dialect the terminal renders (text.h), with raw
 * HTML in the Markdown escaped rather than passed on.  A field is quoted
 * as CSV quotes (Anki's reader and Python's csv module agree on it): in
 * double quotes, a quote doubled, so tabs and newlines, which keep a
 * <pre> block's indentation and lines, stay inside the field. */
#include "rehearse/anki.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <md4c-html.h>
#include <md4c.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void collect(const MD_CHAR *text, MD_SIZE size, void *ctx)
{
    sb_add(ctx, text, size);
}

char *anki_markdown_html(const char *md)
{
    struct strbuf sb;
    sb_init(&sb);
    if (md_html(md, (MD_SIZE)strlen(md), collect, &sb,
                text_markdown_flags() | MD_FLAG_NOHTML, 0) != 0)
        sb_reset(&sb); /* md4c fails only when out of memory */
    while (sb.len && sb.buf[sb.len - 1] == '\n')
        sb.buf[--sb.len] = '\0';
    return sb_detach(&sb);
}

void anki_export_guid(const char *deck, const char *card, char out[20])
{
    unsigned char h[9];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const unsigned char *)"rehearse/", 9);
    crypto_generichash_update(&st, (const unsigned char *)deck, strlen(deck));
    crypto_generichash_update(&st, (const unsigned char *)"/", 1);
    crypto_generichash_update(&st, (const unsigned char *)card, strlen(card));
    crypto_generichash_final(&st, h, sizeof h);
    out[0] = 'r';
    for (size_t i = 0; i < sizeof h; i++)
        snprintf(out + 1 + 2 * i, 3, "%02x", h[i]);
}

void anki_text_field(struct strbuf *sb, const char *s)
{
    sb_addc(sb, '"');
    for (; *s; s++) {
        if (*s == '"')
            sb_addc(sb, '"');
        if (*s != '\r')
            sb_addc(sb, *s);
    }
    sb_addc(sb, '"');
}
