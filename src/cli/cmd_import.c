/* cmd_import.c: `rehearse import DECK...`. */
#include "rehearse/cmd.h"
#include "rehearse/importer.h"
#include "rehearse/progress.h"
#include "rehearse/ui.h"
#include "rehearse/verify.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char import_usage[] =
    "usage: rehearse import [options] DECK...\n"
    "\n"
    "Adds decks to the collection, or updates them to a newer version.\n"
    "Each DECK needs a signature DECK.minisig from a trusted publisher.\n"
    "Cards keep their schedules across updates; removed cards are retired\n"
    "with their history.  Each deck is imported whole or not at all.\n"
    "\n"
    "An Anki package (.apkg or .colpkg, recognised by content) is imported\n"
    "as one unsigned deck named after its Anki deck, with its review\n"
    "history; importing a newer package of the same notes updates it.\n"
    "\n"
    "  -p, --pubkey FILE   the publisher's public key, for a deck signed by\n"
    "                      a key you do not trust yet (asked on a terminal)\n"
    "  --allow-unsigned    accept decks without a signature (your own)\n"
    "  --allow-downgrade   accept a version older than the installed one\n"
    "  --new-publisher     accept a deck signed by a different publisher\n"
    "                      (or an Anki package over a deck file, and back)\n"
    "  --deck-id ID        Anki packages: the deck id to use\n"
    "  --no-history        Anki packages: import the notes, not the reviews\n";

struct import_terminal {
    struct ui ui;
    struct progress_bar bar;
};

static void show_progress(void *ctx, const struct import_progress *p)
{
    struct import_terminal *t = ctx;
    char label[96];
    snprintf(label, sizeof label, "importing %s", p->deck);
    progress_update(&t->bar, label, p->done, p->total, p->cards, "cards",
                    p->elapsed_ms);
}

static void clear_progress(void *ctx)
{
    struct import_terminal *t = ctx;
    progress_clear(&t->bar);
}

static bool confirm_trust(void *ctx, const char *keyid, const char *pubkey)
{
    struct import_terminal *t = ctx;
    printf("This deck is signed by a key you do not trust yet:\n"
           "  key id      %s\n  public key  %s\n",
           keyid, pubkey);
    return ui_confirm(&t->ui, "Trust this publisher from now on?");
}

/* One backup before the first deck that changes the collection is
 * enough: it holds everything the later ones would. */
static int import_all(struct store *st, char **paths, int count,
                      struct import_opts *o, time_t now)
{
    int status = EXIT_OK;
    for (int i = 0; i < count; i++) {
        struct import_result res;
        struct error err;
        int rc = EXIT_OK;
        if (import_file(st, paths[i], o, now, &res, &err))
            rc = report_error(&err);
        else {
            report_backup(&res.backup);
            print_import_result(stdout, &res);
            if (res.backup.path[0])
                o->collection = NULL;
        }
        if (rc != EXIT_OK && status == EXIT_OK)
            status = rc;
    }
    return status;
}

enum { UNSIGNED = 256, DOWNGRADE, PUBLISHER, DECK_ID, NO_HISTORY };

/* One option into *o: -1 to go on, else the exit status. */
static int take_option(int c, struct import_opts *o,
                       struct sign_pubkey *offered)
{
    struct error err;
    switch (c) {
    case 'p':
        if (load_pubkey_file(optarg, offered, &err)) {
            err.kind = ERROR_REFUSED;
            return report_error(&err);
        }
        o->offered = offered;
        o->offered_path = optarg;
        return -1;
    case UNSIGNED:
        o->allow_unsigned = true;
        return -1;
    case DOWNGRADE:
        o->allow_downgrade = true;
        return -1;
    case PUBLISHER:
        o->new_publisher = true;
        return -1;
    case DECK_ID:
        if (!valid_id(optarg, strlen(optarg)))
            die(EXIT_USAGE,
                "--deck-id: '%s' is not an id (1-64 of a-z, 0-9 "
                "and -)",
                optarg);
        o->deck_id = optarg;
        return -1;
    case NO_HISTORY:
        o->no_history = true;
        return -1;
    default:
        return usage(import_usage, c == 'h');
    }
}

int cmd_import(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {
        {"pubkey", required_argument, 0, 'p'},
        {"allow-unsigned", no_argument, 0, UNSIGNED},
        {"allow-downgrade", no_argument, 0, DOWNGRADE},
        {"new-publisher", no_argument, 0, PUBLISHER},
        {"deck-id", required_argument, 0, DECK_ID},
        {"no-history", no_argument, 0, NO_HISTORY},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    struct import_terminal term;
    struct import_callbacks cb = {&term, show_progress, clear_progress,
                                  confirm_trust};
    struct import_opts o = {.callbacks = &cb};
    struct sign_pubkey offered;
    int c, status;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hp:", opts, NULL)) != -1)
        if ((status = take_option(c, &o, &offered)) >= 0)
            return status;
    if (optind == argc)
        return usage(import_usage, false);
    ui_init(&term.ui);
    progress_init(&term.bar);
    if (!term.ui.tty_in)
        cb.confirm_trust = NULL; /* refuse, with the trust command as hint */
    struct store *st = app_open(app, false);
    o.collection = app->collection_path;
    o.rollover_hour = app->config.rollover_hour;
    status = import_all(st, argv + optind, argc - optind, &o, app->now);
    app_close(app, st);
    return status;
}
