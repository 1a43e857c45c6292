/* cmd_decks.c: `rehearse decks`, what each deck holds and is due, and
 * whether it is signed, as a table or as JSON. */
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>

static const char decks_usage[] =
    "usage: rehearse decks [--json]\n"
    "\n"
    "Lists each deck: id, version, cards, new, due today, suspended, and\n"
    "whether it is signed (ANKI: an unsigned Anki package).\n"
    "\n"
    "  --json   a JSON array instead of a table\n";

static void print_deck(void *ctx, const struct deck_row *r)
{
    struct strbuf *line = ctx;
    printf("%-28s %4ld %6ld %6ld %6ld %6ld  %-8s ", safe_text(line, r->id),
           r->version, r->cards, r->new_cards, r->due, r->suspended,
           r->signed_deck ? "signed"
           : r->anki      ? "ANKI"
                          : "UNSIGNED");
    puts(safe_text(line, r->title));
}

static int decks_table(struct store *st, long today, const void *query,
                       struct strbuf *line)
{
    (void)query;
    printf("%-28s %4s %6s %6s %6s %6s  %-8s %s\n", "DECK", "VER", "CARDS",
           "NEW", "DUE", "SUSP", "SIGNED", "TITLE");
    return store_each_deck(st, today, print_deck, line);
}

static int decks_json(struct store *st, long today, const void *query,
                      char **json)
{
    (void)query;
    return store_decks_json(st, today, json);
}

int cmd_decks(int argc, char **argv, struct app *app)
{
    bool json = false;
    int rc = parse_json_only(argc, argv, decks_usage, &json);
    if (rc >= 0)
        return rc;
    if (optind != argc)
        return usage(decks_usage, false);
    static const struct listing decks = {decks_json, decks_table, NULL};
    return print_listing(app, &decks, NULL, json);
}
