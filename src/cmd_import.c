/* cmd_import.c: `rehearse import DECK...`. */
#include "rehearse/cmd.h"
#include "rehearse/importer.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char import_usage[] =
    "usage: rehearse import [options] DECK...\n"
    "\n"
    "Adds decks to the collection, or updates them to a newer version.\n"
    "Each DECK needs a signature DECK.minisig from a trusted publisher.\n"
    "Cards keep their schedules across updates; removed cards are retired\n"
    "with their history.  Each deck is imported whole or not at all.\n"
    "\n"
    "  -p, --pubkey FILE   the publisher's public key, for a deck signed by\n"
    "                      a key you do not trust yet (asked on a terminal)\n"
    "  --allow-unsigned    accept decks without a signature (your own)\n"
    "  --allow-downgrade   accept a version older than the installed one\n"
    "  --new-publisher     accept a deck signed by a different publisher\n";

int cmd_import(int argc, char **argv, struct app *app)
{
    enum { UNSIGNED = 256, DOWNGRADE, PUBLISHER };
    static const struct option opts[] = {
        {"pubkey", required_argument, 0, 'p'},
        {"allow-unsigned", no_argument, 0, UNSIGNED},
        {"allow-downgrade", no_argument, 0, DOWNGRADE},
        {"new-publisher", no_argument, 0, PUBLISHER},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    struct ui ui;
    struct import_opts o = {.ui = &ui};
    struct sign_pubkey offered;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hp:", opts, NULL)) != -1) {
        switch (c) {
        case 'p': {
            size_t len;
            struct sign_error err;
            char *text = read_file(optarg, SIGN_FILE_MAX, &len);
            if (text == NULL)
                die(EXIT_DATA, "cannot read public key '%s'", optarg);
            if (sign_parse_pubkey(text, len, &offered, &err))
                die(EXIT_DATA, "%s: %s", optarg, err.message);
            free(text);
            o.offered = &offered;
            o.offered_path = optarg;
            break;
        }
        case UNSIGNED:
            o.allow_unsigned = true;
            break;
        case DOWNGRADE:
            o.allow_downgrade = true;
            break;
        case PUBLISHER:
            o.new_publisher = true;
            break;
        default:
            return usage(import_usage, c == 'h');
        }
    }
    if (optind == argc)
        return usage(import_usage, false);
    ui_init(&ui);
    struct store *st = app_open(app, false);
    o.collection = app->collection_path;
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        int rc = import_file(st, argv[i], &o, app->now);
        if (rc != EXIT_OK && status == EXIT_OK)
            status = rc;
    }
    app_close(app, st);
    return status;
}
