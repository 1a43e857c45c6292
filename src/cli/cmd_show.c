/* cmd_show.c: `rehearse show CARD`, one card in full: question, rendered
 * reference answer, key points, tags, the user's note, its schedule and
 * everything that happened to it, for looking an answer up without
 * starting a session. */
#include "rehearse/annotate.h"
#include "rehearse/cmd.h"
#include "rehearse/date.h"
#include "rehearse/keypoints.h"
#include "rehearse/listing.h"
#include "rehearse/notes.h"
#include "rehearse/render.h"
#include "rehearse/ui.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char show_usage[] =
    "usage: rehearse show [--json] CARD\n"
    "\n"
    "Prints a card: its question, the reference answer (rendered), key\n"
    "points, tags, your note, its schedule, and its history: each review\n"
    "(date, grade, interval after, kind) with the answer typed for it, and\n"
    "interview answers.  CARD is DECK/CARD-ID, or CARD-ID alone when only\n"
    "one deck has it.\n"
    "\n"
    "  --json   one JSON object instead\n";

struct shown {
    struct ui ui;
    struct strbuf line;
    size_t rows;
};

static void print_standing(const struct card_standing *c)
{
    char due[11] = "-";
    if (c->due >= 0)
        clock_format_day(c->due, due);
    printf("  %s, due %s, interval %d day%s, EF %d.%02d, %d repetition%s, %d "
           "lapse%s\n",
           c->state, c->due >= 0 ? due : "-", c->interval,
           c->interval == 1 ? "" : "s", c->ef / 100, c->ef % 100, c->reps,
           c->reps == 1 ? "" : "s", c->lapses, c->lapses == 1 ? "" : "s");
}

static void print_keys(struct shown *sh, const char *joined, const char *tags)
{
    size_t n;
    char **keys = keypoints_split(joined, &n);
    if (n)
        puts("  Key points:");
    for (size_t i = 0; i < n; i++)
        printf("    - %s\n", safe_text(&sh->line, keys[i]));
    keypoints_free(keys, n);
    if (*tags)
        printf("  Tags: %s\n", safe_text(&sh->line, tags));
}

/* One line per event; a typed answer under it, one line, cut short. */
static void print_event(void *ctx, const struct history_row *r)
{
    struct shown *sh = ctx;
    char date[11], grade[16] = "-", ivl[32] = "";
    clock_format_day(r->day, date);
    if (sh->rows++ == 0)
        ui_styled(&sh->ui, UI_DIM, "  --- history ---\n");
    if (r->grade >= 0)
        snprintf(grade, sizeof grade, "%d", r->grade);
    if (r->interval >= 0)
        snprintf(ivl, sizeof ivl, "%ldd", r->interval);
    printf("  %s  %-9s grade %-2s %s\n", date, r->kind, grade, *ivl ? ivl : "");
    if (r->answer && *r->answer) {
        int width = ui_width(&sh->ui) - 8;
        sb_reset(&sh->line);
        add_one_line(&sh->line, r->answer);
        printf("      > %s\n", fit_columns(&sh->line, width > 10 ? width : 10));
    }
}

static void print_card(struct store *st, int64_t card,
                       const struct card_view *v)
{
    struct shown sh = {.rows = 0};
    ui_init(&sh.ui);
    sb_init(&sh.line);
    struct card_standing standing;
    char *note = NULL;
    if (store_card_standing(st, card, &standing) ||
        store_note_get(st, card, &note))
        die(EXIT_FAIL, "%s", store_error(st));
    add_card_name(&sh.line, v->deck, v->id);
    sb_addc(&sh.line, '\n');
    ui_styled(&sh.ui, UI_DIM, sh.line.buf);
    char *q = xasprintf("**%s**", v->question);
    ui_markdown(&sh.ui, q, 2);
    free(q);
    ui_styled(&sh.ui, UI_DIM, "  --- reference answer ---\n");
    ui_markdown(&sh.ui, v->answer, 2);
    print_keys(&sh, v->keys, v->tags);
    note_print(&sh.ui, note);
    ui_styled(&sh.ui, UI_DIM, "  --- schedule ---\n");
    print_standing(&standing);
    if (store_each_history(st, card, print_event, &sh))
        die(EXIT_FAIL, "%s", store_error(st));
    if (sh.rows == 0)
        puts("  never reviewed");
    free(note);
    sb_free(&sh.line);
}

int cmd_show(int argc, char **argv, struct app *app)
{
    bool json = false;
    int rc = parse_json_only(argc, argv, show_usage, &json);
    if (rc >= 0)
        return rc;
    if (optind + 1 != argc)
        return usage(show_usage, false);
    struct store *st = app_open(app, false);
    int64_t card;
    struct card_view v;
    if (store_find_card(st, argv[optind], &card) ||
        store_card_view(st, card, &v))
        die(EXIT_FAIL, "%s", store_error(st));
    if (json) {
        char *out = NULL;
        if (store_card_json(st, card, v.keys, &out))
            die(EXIT_FAIL, "%s", store_error(st));
        puts(out);
        free(out);
    } else
        print_card(st, card, &v);
    card_view_free(&v);
    app_close(app, st);
    return EXIT_OK;
}
