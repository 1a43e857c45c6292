/* cmd_cards.c: `rehearse cards`. */
#include "rehearse/cmd.h"
#include "rehearse/render.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char cards_usage[] =
    "usage: rehearse cards [--deck ID]... [--tag TAG]... [--due] [--json]\n"
    "\n"
    "Lists cards with their state (new, learning: interval < 21 days,\n"
    "mature, suspended), due date, interval, E-factor, repetitions and\n"
    "lapses.  Retired cards are not listed.\n"
    "\n"
    "  --deck ID   only this deck (repeatable)\n"
    "  --tag TAG   only cards with this tag (repeatable)\n"
    "  --due       only cards due today\n"
    "  --json      a JSON array instead of a table\n";

static void print_card(void *ctx, const struct card_row *r)
{
    struct strbuf *line = ctx;
    sb_reset(line);
    render_safe(line, r->deck, strlen(r->deck));
    sb_addc(line, '/');
    render_safe(line, r->id, strlen(r->id));
    printf("%-50s %-9s %-10s %5d %4d.%02d %4d %4d\n", line->buf, r->state,
           *r->due ? r->due : "-", r->interval, r->ef / 100, r->ef % 100,
           r->reps, r->lapses);
}

int cmd_cards(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {
        {"deck", required_argument, 0, 'd'}, {"tag", required_argument, 0, 't'},
        {"due", no_argument, 0, 'u'},        {"json", no_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    bool json = false, due = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:", opts, NULL)) != -1) {
        if (c == 'd' || c == 't')
            filter_add(&fa, c == 't', optarg);
        else if (c == 'u')
            due = true;
        else if (c == 'j')
            json = true;
        else
            return usage(cards_usage, c == 'h');
    }
    if (optind != argc)
        return usage(cards_usage, false);
    struct store *st = app_open(app, true);
    int rc;
    if (json) {
        char *out = NULL;
        if ((rc = store_cards_json(st, app->today, &fa.f, due, &out)) == 0)
            puts(out);
        free(out);
    } else {
        struct strbuf line;
        sb_init(&line);
        printf("%-50s %-9s %-10s %5s %7s %4s %4s\n", "CARD", "STATE", "DUE",
               "IVL", "EF", "REPS", "LAPS");
        rc = store_each_card(st, app->today, &fa.f, due, print_card, &line);
        sb_free(&line);
    }
    if (rc)
        die(EXIT_FAIL, "%s", store_error(st));
    app_close(app, st);
    filter_free(&fa);
    return EXIT_OK;
}
