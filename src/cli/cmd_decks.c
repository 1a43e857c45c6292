/* cmd_decks.c: `rehearse decks`. */
#include "rehearse/cmd.h"
#include "rehearse/render.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char decks_usage[] =
    "usage: rehearse decks [--json]\n"
    "\n"
    "Lists each deck: id, version, cards, new, due today, suspended, and\n"
    "whether it is signed.\n"
    "\n"
    "  --json   a JSON array instead of a table\n";

static void print_deck(void *ctx, const struct deck_row *r)
{
    struct strbuf *line = ctx;
    sb_reset(line);
    render_safe(line, r->id, strlen(r->id));
    printf("%-28s %4ld %6ld %6ld %6ld %6ld  %-8s ", line->buf, r->version,
           r->cards, r->new_cards, r->due, r->suspended,
           r->signed_deck ? "signed" : "UNSIGNED");
    sb_reset(line);
    render_safe(line, r->title, strlen(r->title));
    puts(line->buf);
}

int cmd_decks(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'j')
            json = true;
        else
            return usage(decks_usage, c == 'h');
    }
    if (optind != argc)
        return usage(decks_usage, false);
    struct store *st = app_open(app, true);
    int rc;
    if (json) {
        char *out = NULL;
        if ((rc = store_decks_json(st, app->today, &out)) == 0)
            puts(out);
        free(out);
    } else {
        struct strbuf line;
        sb_init(&line);
        printf("%-28s %4s %6s %6s %6s %6s  %-8s %s\n", "DECK", "VER", "CARDS",
               "NEW", "DUE", "SUSP", "SIGNED", "TITLE");
        rc = store_each_deck(st, app->today, print_deck, &line);
        sb_free(&line);
    }
    if (rc)
        die(EXIT_FAIL, "%s", store_error(st));
    app_close(app, st);
    return EXIT_OK;
}
