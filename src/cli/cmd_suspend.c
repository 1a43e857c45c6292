/* cmd_suspend.c: `rehearse suspend CARD...` and `rehearse unsuspend`. */
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char suspend_usage[] =
    "usage: rehearse suspend CARD...\n"
    "       rehearse unsuspend CARD...\n"
    "\n"
    "Suspends cards (they are never shown) or brings them back.  CARD is\n"
    "DECK/CARD-ID, or CARD-ID alone when only one deck has it.\n";

static int set_suspended(int argc, char **argv, struct app *app, bool on)
{
    int rc = parse_help_only(argc, argv, suspend_usage);
    if (rc >= 0)
        return rc;
    if (optind == argc)
        return usage(suspend_usage, false);
    struct store *st = app_open(app, false);
    struct strbuf safe;
    sb_init(&safe);
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        int64_t card;
        if (store_find_card(st, argv[i], &card) ||
            store_set_suspended(st, card, on)) {
            warnx("%s", store_error(st));
            status = EXIT_FAIL;
            continue;
        }
        /* argv[i] matched a card, so it is an id; shown safe all the same */
        printf("%s %s\n", on ? "suspended" : "unsuspended",
               safe_text(&safe, argv[i]));
    }
    sb_free(&safe);
    app_close(app, st);
    return status;
}

int cmd_suspend(int argc, char **argv, struct app *app)
{
    return set_suspended(argc, argv, app, true);
}

int cmd_unsuspend(int argc, char **argv, struct app *app)
{
    return set_suspended(argc, argv, app, false);
}
