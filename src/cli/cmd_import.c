/* cmd_import.c: `rehearse import DECK...`. */
#include "rehearse/cmd.h"
#include "rehearse/importer.h"
#include "rehearse/progress.h"
#include "rehearse/ui.h"
#include "rehearse/verify.h"

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
    struct import_terminal term;
    struct import_callbacks cb = {&term, show_progress, clear_progress,
                                  confirm_trust};
    struct import_opts o = {.callbacks = &cb};
    struct sign_pubkey offered;
    struct error err;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hp:", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (load_pubkey_file(optarg, &offered, &err)) {
                err.kind = ERROR_REFUSED;
                return report_error(&err);
            }
            o.offered = &offered;
            o.offered_path = optarg;
            break;
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
    ui_init(&term.ui);
    progress_init(&term.bar);
    if (!term.ui.tty_in)
        cb.confirm_trust = NULL; /* refuse, with the trust command as hint */
    struct store *st = app_open(app, false);
    o.collection = app->collection_path;
    int status = import_all(st, argv + optind, argc - optind, &o, app->now);
    app_close(app, st);
    return status;
}
