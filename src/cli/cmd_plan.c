/* cmd_plan.c: `rehearse plan`, a goal with a date: sets it, shows how far
 * along it is and whether the daily budget is enough, or ends it.  The
 * arithmetic is src/core/plan.c; the numbers come from plan_report. */
#include "rehearse/cmd.h"
#include "rehearse/date.h"
#include "rehearse/listing.h"
#include "rehearse/plan_report.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char plan_usage[] =
    "usage: rehearse plan --date YYYY-MM-DD [--deck ID]... [--tag TAG]...\n"
    "                     [--minutes N]\n"
    "       rehearse plan [--json]\n"
    "       rehearse plan --clear\n"
    "\n"
    "Prepares you for an interview on a date.  With --date, sets the goal\n"
    "(replacing any other): every selected card is introduced by three\n"
    "days before the date, and in the last three days a final pass shows\n"
    "each selected card SM-2 would not show before it, weakest first.\n"
    "`rehearse study` follows the plan while it is set; it ends by itself\n"
    "after its date.  Without options, shows the goal's progress.\n"
    "\n"
    "  --date DATE   the interview's date, after today\n"
    "  --deck ID     select this deck (repeatable; default every deck)\n"
    "  --tag TAG     select cards with this tag (repeatable)\n"
    "  --minutes N   the daily time budget (default 30)\n"
    "  --json        print the progress as JSON\n"
    "  --clear       end the goal now\n";

struct plan_args {
    const char *date;
    int minutes;
    bool json, clear, setting;
    struct filter_args fa;
};

/* A calendar date as a study day; exits with a usage error otherwise. */
static long parse_date(const char *text)
{
    int y, m, d, end = 0;
    if (strlen(text) != 10 ||
        sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 || end != 10 ||
        m < 1 || m > 12 || d < 1 || d > 31)
        die(EXIT_USAGE, "--date needs a date as YYYY-MM-DD, not '%s'", text);
    long day = days_from_civil(y, m, d);
    int cy, cm, cd;
    civil_from_days(day, &cy, &cm, &cd);
    if (cy != y || cm != m || cd != d)
        die(EXIT_USAGE, "there is no date '%s'", text);
    return day;
}

static void parse_args(int argc, char **argv, struct plan_args *a)
{
    static const struct option opts[] = {{"date", required_argument, 0, 'D'},
                                         {"deck", required_argument, 0, 'd'},
                                         {"tag", required_argument, 0, 't'},
                                         {"minutes", required_argument, 0, 'm'},
                                         {"json", no_argument, 0, 'j'},
                                         {"clear", no_argument, 0, 'c'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'D')
            a->date = optarg;
        else if (c == 'd' || c == 't')
            filter_add(&a->fa, c == 't', optarg), a->setting = true;
        else if (c == 'm')
            a->minutes = (int)parse_count("--minutes", optarg, 1440),
            a->setting = true;
        else if (c == 'j')
            a->json = true;
        else if (c == 'c')
            a->clear = true;
        else
            exit(usage(plan_usage, c == 'h'));
    }
    if (optind != argc || (a->setting && a->date == NULL) ||
        (a->clear && (a->date || a->json)) || (a->date && a->json))
        exit(usage(plan_usage, false));
    if (a->minutes == 0)
        die(EXIT_USAGE, "--minutes needs at least 1");
}

static const char *weekday(long day)
{
    static const char names[7][4] = {"Thu", "Fri", "Sat", "Sun",
                                     "Mon", "Tue", "Wed"};
    return names[((day % 7) + 7) % 7]; /* day 0, 1970-01-01, a Thursday */
}

static void print_selection(const struct goal *g, struct strbuf *safe)
{
    fputs("Selection: ", stdout);
    if (g->ndecks == 0)
        fputs("every deck", stdout);
    for (size_t i = 0; i < g->ndecks; i++)
        printf("%s%s", i ? ", " : "decks ", safe_text(safe, g->decks[i]));
    if (g->ntags == 0)
        fputs("; every tag", stdout);
    for (size_t i = 0; i < g->ntags; i++)
        printf("%s%s", i ? ", " : "; tags ", safe_text(safe, g->tags[i]));
    fputs(".\n\n", stdout);
}

/* "87%", or "-" before any card of it was reviewed. */
static const char *recall_text(const struct plan_deck *d, char buf[8])
{
    if (d->recall < 0)
        return "-";
    snprintf(buf, 8, "%d%%", (int)(d->recall * 100 + 0.5));
    return buf;
}

static void print_row(const struct plan_deck *d, const char *name, int width,
                      struct strbuf *safe)
{
    char recall[8];
    printf("%-*s %8ld %6ld %6ld %6ld %6ld %7s\n", width, safe_text(safe, name),
           d->selected, d->seen_once, d->seen_twice, d->weak, d->new_cards,
           recall_text(d, recall));
}

/* A deck a line in columns; on a terminal too narrow for them, the deck
 * on a line of its own and its numbers, labelled, under it. */
static void print_table(const struct plan_report *r, int columns,
                        struct strbuf *safe)
{
    int width = 5;
    for (size_t i = 0; i < r->ndecks; i++) {
        int n = (int)strlen(r->decks[i].deck);
        width = n > width ? n : width;
    }
    if (r->ndecks == 0) {
        puts("(no live card matches the selection)");
        return;
    }
    if (width + 48 > columns) {
        for (size_t i = 0; i <= r->ndecks; i++) {
            const struct plan_deck *d =
                i < r->ndecks ? &r->decks[i] : &r->total;
            if (i == r->ndecks && r->ndecks == 1)
                break;
            char recall[8];
            printf("%s\n  %ld sel %ld seen %ld twice %ld weak %ld new\n"
                   "  recall on the day %s\n",
                   i < r->ndecks ? safe_text(safe, d->deck) : "total",
                   d->selected, d->seen_once, d->seen_twice, d->weak,
                   d->new_cards, recall_text(d, recall));
        }
        return;
    }
    printf("%-*s %8s %6s %6s %6s %6s %7s\n", width, "deck", "selected",
           "seen", "twice", "weak", "new", "recall");
    for (size_t i = 0; i < r->ndecks; i++)
        print_row(&r->decks[i], r->decks[i].deck, width, safe);
    if (r->ndecks > 1)
        print_row(&r->total, "total", width, safe);
}

/* What would meet the goal, when the budget does not. */
static void print_remedies(const struct plan_report *r, struct strbuf *safe)
{
    char date[11];
    printf("Not on track: the busiest day ahead needs about %ld cards, "
           "%ld more than %d minutes hold.\nWhat would meet it: "
           "--minutes %ld",
           r->day.load, r->day.load - r->day.capacity, r->goal.minutes,
           r->day.minutes_needed);
    for (size_t i = 0; i < r->ndrop; i++)
        printf("%s%s", i ? " and " : "; or leave out ",
               safe_text(safe, r->drop[i]));
    if (r->later_day >= 0) {
        clock_format_day(r->later_day, date);
        printf("; or a date from %s", date);
    }
    puts(".");
}

static void print_today(const struct plan_report *r)
{
    char date[11];
    const struct plan_day *day = &r->day;
    printf("\nToday: %ld due review%s, %ld new card%s", r->in.due_today,
           r->in.due_today == 1 ? "" : "s", day->new_quota,
           day->new_quota == 1 ? "" : "s");
    if (day->final_phase)
        printf(", %ld final-pass card%s (%ld left in the pass)",
               day->final_quota, day->final_quota == 1 ? "" : "s",
               r->in.final_left);
    clock_format_day(day->final_from, date);
    printf(".\n%s %s.\n",
           day->final_phase ? "The final pass began on"
                            : "The final pass begins on",
           date);
    printf("Pace: %ld s a card (%s), so %d minutes hold %ld cards.\n",
           r->in.seconds_per_card,
           r->samples >= PLAN_MIN_SAMPLES ? "the median of your last reviews"
                                          : "a first guess: too few reviews "
                                            "yet",
           r->goal.minutes, day->capacity);
}

static void print_text(const struct plan_report *r, int columns)
{
    struct strbuf safe;
    char date[11];
    sb_init(&safe);
    clock_format_day(r->goal.day, date);
    if (r->ended) {
        printf("The goal for %s has ended; rehearse study is back to plain "
               "SM-2 (rehearse plan --date sets a new one).\n",
               date);
        sb_free(&safe);
        return;
    }
    long left = r->day.days_left;
    printf("Goal: an interview on %s %s, ", weekday(r->goal.day), date);
    if (left == 0)
        fputs("today. Good luck!", stdout);
    else
        printf("in %ld day%s", left, left == 1 ? "" : "s");
    printf("; %d minutes a day.\n", r->goal.minutes);
    print_selection(&r->goal, &safe);
    print_table(r, columns, &safe);
    if (r->total.recall >= 0)
        puts("(recall: FSRS-6's predicted chance of recalling a reviewed card "
             "on the day, if you studied no more)");
    print_today(r);
    if (r->day.on_track)
        puts("On track: the busiest day ahead fits the budget.");
    else
        print_remedies(r, &safe);
    sb_free(&safe);
}

static void json_deck(struct strbuf *sb, const struct plan_deck *d)
{
    sb_addf(sb,
            "\"selected\":%ld,\"seen\":%ld,\"seen_twice\":%ld,\"weak\":%ld,"
            "\"new\":%ld,\"final_left\":%ld,\"predicted_recall\":",
            d->selected, d->seen_once, d->seen_twice, d->weak, d->new_cards,
            d->final_left);
    if (d->recall < 0)
        sb_adds(sb, "null}");
    else
        sb_addf(sb, "%.4f}", d->recall);
}

static void json_goal(struct strbuf *sb, const struct plan_report *r)
{
    char date[11];
    clock_format_day(r->goal.day, date);
    sb_addf(sb,
            "{\"date\":\"%s\",\"ended\":%s,\"days_left\":%ld,"
            "\"minutes\":%d,\"decks\":[",
            date, r->ended ? "true" : "false", r->day.days_left,
            r->goal.minutes);
    for (size_t i = 0; i < r->goal.ndecks; i++) {
        sb_adds(sb, i ? "," : "");
        sb_add_json(sb, r->goal.decks[i]);
    }
    sb_adds(sb, "],\"tags\":[");
    for (size_t i = 0; i < r->goal.ntags; i++) {
        sb_adds(sb, i ? "," : "");
        sb_add_json(sb, r->goal.tags[i]);
    }
    sb_adds(sb, "],\"progress\":[");
    for (size_t i = 0; i < r->ndecks; i++) {
        sb_adds(sb, i ? ",{\"deck\":" : "{\"deck\":");
        sb_add_json(sb, r->decks[i].deck);
        sb_addc(sb, ',');
        json_deck(sb, &r->decks[i]);
    }
    sb_adds(sb, "],\"total\":{");
    json_deck(sb, &r->total);
    sb_addc(sb, '}');
}

static void print_json(const struct plan_report *r)
{
    struct strbuf sb;
    char date[11];
    sb_init(&sb);
    if (!r->present) {
        puts("{\"goal\":null}");
        sb_free(&sb);
        return;
    }
    sb_adds(&sb, "{\"goal\":");
    json_goal(&sb, r);
    const struct plan_day *d = &r->day;
    clock_format_day(d->final_from, date);
    sb_addf(&sb,
            ",\"today\":{\"due\":%ld,\"new\":%ld,\"final\":%ld,"
            "\"final_from\":\"%s\",\"final_phase\":%s},\"seconds_per_card\":"
            "%ld,\"capacity\":%ld,\"load\":%ld,\"on_track\":%s,"
            "\"minutes_needed\":%ld,\"later_date\":",
            r->in.due_today, d->new_quota, d->final_quota, date,
            d->final_phase ? "true" : "false", r->in.seconds_per_card,
            d->capacity, d->load, d->on_track ? "true" : "false",
            d->minutes_needed);
    if (r->later_day >= 0) {
        clock_format_day(r->later_day, date);
        sb_addf(&sb, "\"%s\"", date);
    } else
        sb_adds(&sb, "null");
    sb_adds(&sb, ",\"leave_out\":[");
    for (size_t i = 0; i < r->ndrop; i++) {
        sb_adds(&sb, i ? "," : "");
        sb_add_json(&sb, r->drop[i]);
    }
    sb_adds(&sb, "]}");
    puts(sb.buf);
    sb_free(&sb);
}

static void set_goal(struct store *st, struct app *app, struct plan_args *a)
{
    long day = parse_date(a->date);
    if (day <= app->today) {
        char today[11];
        clock_format_day(app->today, today);
        die(EXIT_USAGE, "the interview date '%s' is not after today (%s)",
            a->date, today);
    }
    filter_check(st, &a->fa);
    struct goal g = {.day = day,
                     .minutes = a->minutes > 0 ? a->minutes : 30,
                     .set_at = app->now,
                     .set_day = app->today,
                     .decks = (char **)a->fa.f.decks,
                     .ndecks = a->fa.f.ndecks,
                     .tags = (char **)a->fa.f.tags,
                     .ntags = a->fa.f.ntags};
    if (store_goal_set(st, &g))
        die(EXIT_FAIL, "cannot set the goal: %s", store_error(st));
}

int cmd_plan(int argc, char **argv, struct app *app)
{
    struct plan_args a = {.minutes = -1};
    parse_args(argc, argv, &a);
    struct store *st = app_open(app, true);
    if (a.clear) {
        if (store_goal_clear(st))
            die(EXIT_FAIL, "cannot clear the goal: %s", store_error(st));
        puts("The goal is cleared; rehearse study is plain SM-2 again.");
    } else {
        if (a.date)
            set_goal(st, app, &a);
        struct plan_report r;
        struct error err;
        if (plan_report_load(st, app->today, &r, &err))
            exit(report_error(&err));
        if (a.json)
            print_json(&r);
        else if (!r.present)
            puts("No goal is set: rehearse plan --date YYYY-MM-DD sets "
                 "one.");
        else {
            struct ui ui;
            ui_init(&ui);
            print_text(&r, ui_width(&ui));
        }
        plan_report_free(&r);
    }
    app_close(app, st);
    filter_free(&a.fa);
    return EXIT_OK;
}
