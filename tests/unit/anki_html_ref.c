/* anki_html_ref.c: the reference for tests/e2e/anki_export.sh.
 *
 *   anki_html_ref DECK.md
 *
 * For each card of the deck writes its id, the HTML md4c makes of its
 * question and of its answer, and its tags (space-separated), each ended
 * by a NUL byte, so that the test can compare what `export --format anki`
 * wrote, as read back by Python's csv module, with md4c's own output.
 * Calls md4c-html directly, in the dialect the cards are written in
 * (text.h), raw HTML escaped, with one trailing newline removed. */
#include "rehearse/deck.h"
#include "rehearse/text.h"

#include <md4c-html.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(const MD_CHAR *text, MD_SIZE size, void *ctx)
{
    fwrite(text, 1, size, ctx);
}

static void html(const char *md)
{
    /* md4c ends each block with a newline; the export drops the last. */
    char *tmp = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&tmp, &len);
    md_html(md, (MD_SIZE)strlen(md), put, mem,
            text_markdown_flags() | MD_FLAG_NOHTML, 0);
    fclose(mem);
    while (len && tmp[len - 1] == '\n')
        len--;
    fwrite(tmp, 1, len, stdout);
    putchar('\0');
    free(tmp);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: anki_html_ref DECK.md\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    static char buf[DECK_MAX_BYTES / 16];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    struct deck d;
    struct deck_error err;
    if (n == 0 || deck_load(buf, n, &d, &err)) {
        fprintf(stderr, "anki_html_ref: %s: cannot load\n", argv[1]);
        return 1;
    }
    for (size_t i = 0; i < d.ncards; i++) {
        fputs(d.cards[i].id, stdout);
        putchar('\0');
        html(d.cards[i].question);
        html(d.cards[i].answer);
        for (size_t t = 0; t < d.cards[i].ntags; t++)
            printf("%s%s", t ? " " : "", d.cards[i].tags[t]);
        putchar('\0');
    }
    deck_free(&d);
    return 0;
}
