/* cmd_cards.c: `rehearse cards`, each card's schedule as a table or as
 * JSON, for looking at what the scheduler made of a deck. */
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char cards_usage[] =
    "usage: rehearse cards [--deck ID]... [--tag TAG]... [--due] [--leeches]\n"
    "                      [--flagged] [--json]\n"
    "\n"
    "Lists cards with their state (new, learning: interval < 21 days,\n"
    "mature, suspended), due date, interval, E-factor, repetitions and\n"
    "lapses, and the question, cut to the width of the terminal.  Retired\n"
    "cards are not listed.\n"
    "\n"
    "  --deck ID   only this deck (repeatable)\n"
    "  --tag TAG   only cards with this tag (repeatable)\n"
    "  --due       only cards due today\n"
    "  --leeches   only leeches: cards forgotten leech_threshold times\n"
    "              (default 8)\n"
    "  --flagged   only cards marked with :flag\n"
    "  --json      a JSON array instead of a table\n";

struct cards_query {
    const struct filter_args *filter;
    struct card_select select;
};

/* The table: CARD as wide as the longest name, the schedule, then the
 * question cut to what the terminal has left (never under 20 columns:
 * a narrower window wraps, as it would the fixed columns). */
struct cards_table {
    struct strbuf *line;
    int name_width, question_width;
};

/* Columns of the fields between CARD and QUESTION, spaces included. */
#define SCHEDULE_COLUMNS 47

static void measure_card(void *ctx, const struct card_row *r)
{
    struct cards_table *t = ctx;
    int n = (int)(strlen(r->deck) + 1 + strlen(r->id)); /* ids are ASCII */
    if (n > t->name_width)
        t->name_width = n;
}

static void print_card(void *ctx, const struct card_row *r)
{
    struct cards_table *t = ctx;
    struct strbuf *line = t->line;
    sb_reset(line);
    add_card_name(line, r->deck, r->id);
    printf("%-*s %-9s %-10s %5d %4d.%02d %4d %4d  ", t->name_width, line->buf,
           r->state, *r->due ? r->due : "-", r->interval, r->ef / 100,
           r->ef % 100, r->reps, r->lapses);
    sb_reset(line);
    add_one_line(line, r->question);
    puts(fit_columns(line, t->question_width));
}

static int cards_table(struct store *st, long today, const void *query,
                       struct strbuf *line)
{
    const struct cards_query *q = query;
    struct cards_table t = {line, 4, 0};
    if (store_each_card(st, today, &q->filter->f, &q->select, measure_card,
                        &t))
        return -1;
    struct ui ui;
    ui_init(&ui);
    t.question_width = ui_width(&ui) - t.name_width - SCHEDULE_COLUMNS;
    if (t.question_width < 20)
        t.question_width = 20;
    printf("%-*s %-9s %-10s %5s %7s %4s %4s  %s\n", t.name_width, "CARD",
           "STATE", "DUE", "IVL", "EF", "REPS", "LAPS", "QUESTION");
    return store_each_card(st, today, &q->filter->f, &q->select, print_card,
                           &t);
}

static int cards_json(struct store *st, long today, const void *query,
                      char **json)
{
    const struct cards_query *q = query;
    return store_cards_json(st, today, &q->filter->f, &q->select, json);
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
        {"leeches", no_argument, 0, 'L'},    {"flagged", no_argument, 0, 'F'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    struct cards_query q = {&fa, {0}};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:", opts, NULL)) != -1) {
        if (c == 'd' || c == 't')
            filter_add(&fa, c == 't', optarg);
        else if (c == 'u')
            q.select.due_only = true;
        else if (c == 'L')
            q.select.leech_threshold = app->config.leech_threshold;
        else if (c == 'F')
            q.select.flagged = true;
        else if (c == 'j')
            json = true;
        else
            return usage(cards_usage, c == 'h');
    }
    if (optind != argc)
        return usage(cards_usage, false);
    static const struct listing cards = {cards_json, cards_table, cards_check};
    int rc = print_listing(app, &cards, &q, json);
    filter_free(&fa);
    return rc;
}
