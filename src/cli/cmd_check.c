/* cmd_check.c: `rehearse check DECK...`, the deck linter. */
#include "rehearse/cmd.h"
#include "rehearse/deck.h"
#include "rehearse/files.h"
#include "rehearse/lint.h"
#include "rehearse/listing.h"
#include "rehearse/render.h"
#include "rehearse/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char check_usage[] =
    "usage: rehearse check DECK...\n"
    "\n"
    "Lints deck files: reports everything import would refuse, then warns\n"
    "about cards without 'Keys:', answers over 1500 bytes, tags the deck's\n"
    "front matter does not declare, duplicate or near-duplicate\n"
    "questions across all the decks given, Markdown the terminal cannot\n"
    "show well (HTML, images, tables over 80 columns, headings of level\n"
    "1-2 or deeper than 4), key points with an empty ' / ' alternative,\n"
    "and key points the card's own answer does not cover, as 'rehearse\n"
    "match' judges it.  (--strict-keys, which used to turn that last\n"
    "check on, is still accepted and changes nothing.)  Exit status 0\n"
    "when clean, 1 with warnings, 3 when a deck would be refused.\n";

/* FILE:LINE: KIND: MESSAGE, as compilers write it, for editors; both the
 * file name and the message are outside text. */
static void print_diagnostic(FILE *out, struct strbuf *safe, const char *file,
                             unsigned line, const char *kind,
                             const char *message)
{
    fprintf(out, "%s:%u: %s: ", safe_text(safe, file), line, kind);
    fprintf(out, "%s\n", safe_text(safe, message));
}

static void print_warning(void *ctx, const char *file, unsigned line,
                          const char *message)
{
    print_diagnostic(stdout, ctx, file, line, "warning", message);
}

static void print_error(struct strbuf *safe, const char *file, unsigned line,
                        const char *message)
{
    fflush(stdout);
    print_diagnostic(stderr, safe, file, line, "error", message);
}

int cmd_check(int argc, char **argv, struct app *app)
{
    (void)app;
    static const struct option opts[] = {{"strict-keys", no_argument, 0, 's'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
        if (c != 's') /* --strict-keys: always on now */
            return usage(check_usage, c == 'h');
    if (optind == argc)
        return usage(check_usage, false);
    struct linter *l = linter_new();
    struct strbuf safe;
    sb_init(&safe);
    long warnings = 0, cards = 0;
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        size_t len;
        struct error ferr;
        char *text = read_file(argv[i], "deck", DECK_MAX_BYTES, &len, &ferr);
        struct deck d;
        struct deck_error err;
        if (text == NULL) {
            report_error(&ferr);
            status = EXIT_DATA;
            continue;
        }
        if (deck_load(text, len, &d, &err) != 0) {
            print_error(&safe, argv[i], err.line, err.message);
            status = EXIT_DATA;
        } else {
            warnings += lint_deck_source(l, argv[i], text, len, &d,
                                         print_warning, &safe);
            cards += (long)d.ncards;
            deck_free(&d);
        }
        free(text);
    }
    printf("%d deck%s, %ld cards, %ld warning%s\n", argc - optind,
           argc - optind == 1 ? "" : "s", cards, warnings,
           warnings == 1 ? "" : "s");
    sb_free(&safe);
    linter_free(l);
    if (status == EXIT_OK && warnings)
        status = EXIT_FAIL;
    return status;
}
