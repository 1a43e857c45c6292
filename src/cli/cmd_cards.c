/* cmd_cards.c: `rehearse cards`, each card's schedule as a table or as
 * JSON, for looking at what the scheduler made of a deck. */
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>

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

struct cards_query {
    const struct filter_args *filter;
    bool due_only;
};

static void print_card(void *ctx, const struct card_row *r)
{
    struct strbuf *line = ctx;
    sb_reset(line);
    add_card_name(line, r->deck, r->id);
    printf("%-50s %-9s %-10s %5d %4d.%02d %4d %4d\n", line->buf, r->state,
           *r->due ? r->due : "-", r->interval, r->ef / 100, r->ef % 100,
           r->reps, r->lapses);
}

static int cards_table(struct store *st, long today, const void *query,
                       struct strbuf *line)
{
    const struct cards_query *q = query;
    printf("%-50s %-9s %-10s %5s %7s %4s %4s\n", "CARD", "STATE", "DUE", "IVL",
           "EF", "REPS", "LAPS");
    return store_each_card(st, today, &q->filter->f, q->due_only, print_card,
                           line);
}

static int cards_json(struct store *st, long today, const void *query,
                      char **json)
{
    const struct cards_query *q = query;
    return store_cards_json(st, today, &q->filter->f, q->due_only, json);
}

static void cards_check(struct store *st, const void *query)
{
    const struct cards_query *q = query;
    filter_check(st, q->filter);
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
    static const struct listing cards = {cards_json, cards_table, cards_check};
    struct cards_query q = {&fa, due};
    int rc = print_listing(app, &cards, &q, json);
    filter_free(&fa);
    return rc;
}
