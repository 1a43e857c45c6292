/* cmd_stats.c: `rehearse stats`, progress drawn in the terminal.
 *
 * Everything is read from the per-day totals the store keeps up to date
 * with each answer, so the cost does not grow with the review log (a tag
 * filter is the exception: it needs card-level detail from the log).
 * Charts use the width the terminal has (COLUMNS when stdout is not one):
 * more weeks of heatmap when wide, one column a day and shorter rows when
 * narrow, and no line wider than the width from 40 columns up.  Colour
 * and Unicode blocks as struct ui decides (ui.h), plain ASCII otherwise. */
#include "rehearse/chart.h"
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/render.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include "rehearse/stats_calibration.h"
#include "rehearse/stats_grader.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAT_WEEKS_MAX 52 /* the heatmap shows as many weeks as fit */
#define JSON_WEEKS 26     /* --json always gives these, at any width */
#define FORECAST_DAYS 30
#define RETENTION_WEEKS 12
#define HISTORY_DAYS (HEAT_WEEKS_MAX * 7)

static const char stats_usage[] =
    "usage: rehearse stats [--deck ID]... [--tag TAG]... [--grader | "
    "--calibration]\n"
    "                      [--json]\n"
    "\n"
    "Your progress: reviews per day (a heatmap of as many weeks as the\n"
    "terminal fits, up to 52), cards due over the next 30 days, retention\n"
    "(share of reviews graded 3 or more) per week and per deck, cards by\n"
    "state, study streaks and time spent.  --json gives 26 weeks.\n"
    "\n"
    "  --deck ID   only this deck (repeatable)\n"
    "  --tag TAG   only cards with this tag (repeatable)\n"
    "  --grader    how your grades of typed answers compare with the\n"
    "              suggested grades, per deck\n"
    "  --calibration\n"
    "              how well SM-2, FSRS-6 and your average recall predicted\n"
    "              each review from the ones before it: log loss,\n"
    "              RMSE(bins) and AUC, and a chart of predicted against\n"
    "              actual recall\n"
    "  --json      everything as one JSON object\n";

/* "review " or "reviews": one width, so the columns after it stay put. */
static const char *plural_reviews(long n)
{
    return n == 1 ? "review " : "reviews";
}

struct stats {
    long today, first; /* first: oldest day of the heatmap (a Monday) */
    long per_day[HISTORY_DAYS + 7];
    long week_reviews[RETENTION_WEEKS], week_passed[RETENTION_WEEKS];
    long forecast[FORECAST_DAYS];
    struct state_counts states;
    long streak, longest, time_today, time_week;
    long last_active, run; /* for the streak scan */
    struct deck_retention *decks;
    size_t ndecks, decks_cap;
};

static long weekday(long day) /* 0 = Monday */
{
    return (day % 7 + 7 + 3) % 7;
}

static long week_start(long day)
{
    return day - weekday(day);
}

static void add_day(void *ctx, const struct day_total *d)
{
    struct stats *s = ctx;
    if (d->day >= s->first && d->day <= s->today)
        s->per_day[d->day - s->first] = d->reviews;
    long first_week = week_start(s->today) - 7 * (RETENTION_WEEKS - 1);
    if (d->day >= first_week && d->day <= s->today) {
        long w = (d->day - first_week) / 7;
        s->week_reviews[w] += d->reviews;
        s->week_passed[w] += d->passed;
    }
    if (d->day == s->today)
        s->time_today += d->time_ms;
    if (d->day >= week_start(s->today) && d->day <= s->today)
        s->time_week += d->time_ms;
}

/* Days arrive oldest first: count runs of consecutive active days. */
static void add_streak_day(void *ctx, const struct day_total *d)
{
    struct stats *s = ctx;
    if (d->reviews <= 0 || d->day > s->today)
        return;
    s->run = d->day == s->last_active + 1 ? s->run + 1 : 1;
    s->last_active = d->day;
    if (s->run > s->longest)
        s->longest = s->run;
}

static void add_deck(void *ctx, const struct deck_retention *r)
{
    struct stats *s = ctx;
    s->decks = xgrow(s->decks, &s->decks_cap, s->ndecks + 1, sizeof *s->decks);
    s->decks[s->ndecks++] =
        (struct deck_retention){xstrdup(r->deck), r->reviews, r->passed};
}

static void collect(struct store *st, const struct filter *f, struct stats *s)
{
    long retention_from = week_start(s->today) - 7 * (RETENTION_WEEKS - 1);
    s->last_active = -2;
    if (store_each_day(st, f,
                       s->first < retention_from ? s->first : retention_from,
                       s->today, add_day, s) ||
        store_each_day(st, f, 0, s->today, add_streak_day, s) ||
        store_each_deck_retention(st, f, retention_from, s->today, add_deck,
                                  s) ||
        store_due_forecast(st, f, s->today, FORECAST_DAYS, s->forecast) ||
        store_state_counts(st, f, &s->states))
        die(EXIT_FAIL, "%s", store_error(st));
    /* The streak is alive if the last study day is today or yesterday. */
    s->streak = s->last_active >= s->today - 1 ? s->run : 0;
}

static long max_of(const long *v, size_t n)
{
    long m = 0;
    for (size_t i = 0; i < n; i++)
        m = v[i] > m ? v[i] : m;
    return m;
}

/* Level 0..4 of a count against the maximum. */
static int level(long count, long max)
{
    if (count <= 0 || max <= 0)
        return 0;
    int l = (int)((count * 4 + max - 1) / max);
    return l > 4 ? 4 : l;
}

/* What the charts are drawn for: the terminal's style and its width now. */
struct view {
    struct chart_style st;
    int width; /* display columns; every line stays within it */
};

/* Prints text (freed here), wrapped to the view's width (print_wrapped). */
static void say(const struct view *v, char *text)
{
    print_wrapped(v->width, text);
    free(text);
}

static void put_piece(struct strbuf *sb)
{
    fputs(sb->buf, stdout);
    sb_reset(sb);
}

/* As many weeks as fit beside the day names, at least 4, at most 52. */
static int heat_weeks(const struct view *v)
{
    int weeks = (v->width - 6) / 2;
    return weeks < 4 ? 4 : weeks > HEAT_WEEKS_MAX ? HEAT_WEEKS_MAX : weeks;
}

static void heat_legend(const struct view *v, struct strbuf *sb, long max)
{
    fputs("      less", stdout);
    for (int l = 0; l < CHART_LEVELS; l++) {
        sb_addc(sb, ' ');
        chart_cell(sb, l, &v->st);
    }
    sb_adds(sb, " more");
    put_piece(sb);
    char *top = xasprintf("(top: %ld a day)", max);
    /* the legend is 25 columns; the note goes below when it cannot fit */
    printf("%s%s\n\n",
           25 + 3 + (int)strlen(top) <= v->width ? "   " : "\n      ", top);
    free(top);
}

static void heatmap(const struct view *v, const struct stats *s)
{
    static const char *const names[] = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
    int weeks = heat_weeks(v);
    long from = week_start(s->today) - 7 * (weeks - 1) - s->first;
    long max =
        max_of(s->per_day + from, (size_t)(s->today - s->first - from + 1));
    long total = 0;
    for (long d = from; d <= s->today - s->first; d++)
        total += s->per_day[d];
    say(v,
        xasprintf("Reviews per day, last %d weeks (%ld in all)", weeks, total));
    struct strbuf sb;
    sb_init(&sb);
    for (int row = 0; row < 7; row++) {
        printf("  %-4s", names[row]);
        for (int w = 0; w < weeks; w++) {
            long day = s->first + from + w * 7 + row;
            if (day > s->today)
                break;
            sb_addc(&sb, ' ');
            chart_cell(&sb, level(s->per_day[day - s->first], max), &v->st);
        }
        put_piece(&sb);
        putchar('\n');
    }
    heat_legend(v, &sb, max);
    sb_free(&sb);
}

/* The dates under the forecast, every `every` days from today. */
static void forecast_dates(const struct stats *s, int cols, int every)
{
    fputs("         ", stdout);
    for (int d = 0; d < FORECAST_DAYS; d += every) {
        int y, m, day;
        civil_from_days(s->today + d, &y, &m, &day);
        printf("%02d/%02d", m, day);
        if (d + every < FORECAST_DAYS)
            printf("%*s", every * cols - 5, "");
    }
    puts("\n");
}

static void forecast(const struct view *v, const struct stats *s)
{
    const int height = 6;
    /* two columns a day when 30 of them fit beside the axis, else one */
    int cols = v->width >= 9 + 2 * FORECAST_DAYS ? 2 : 1;
    long max = max_of(s->forecast, FORECAST_DAYS), total = 0;
    for (int i = 0; i < FORECAST_DAYS; i++)
        total += s->forecast[i];
    say(v, xasprintf("Cards due, next %d days (%ld in all, %ld today)",
                     FORECAST_DAYS, total, s->forecast[0]));
    struct strbuf line;
    sb_init(&line);
    for (int row = height; row >= 1; row--) {
        if (row == height)
            printf("  %5ld |", max);
        else
            fputs("        |", stdout);
        for (int d = 0; d < FORECAST_DAYS; d++) {
            long h = max ? (s->forecast[d] * height + max - 1) / max : 0;
            chart_column(&line, h >= row, cols, &v->st);
        }
        while (line.len > 0 && line.buf[line.len - 1] == ' ')
            line.buf[--line.len] = '\0';
        puts(line.buf);
        sb_reset(&line);
    }
    sb_free(&line);
    fputs("        +", stdout);
    for (int d = 0; d < FORECAST_DAYS * cols; d++)
        putchar('-');
    putchar('\n');
    forecast_dates(s, cols, cols == 2 ? 5 : 10);
}

/* A bar of percent% of `max` columns. */
static void bar(const struct view *v, long percent, int max)
{
    struct strbuf sb;
    sb_init(&sb);
    chart_bar(&sb, (int)(percent * (max > 0 ? max : 0) / 100), &v->st);
    put_piece(&sb);
    sb_free(&sb);
}

static void retention_weeks(const struct view *v, const struct stats *s)
{
    /* wide: "  DATE  NNNNN reviews  PPP% " then 20 columns of bar (54);
     * narrow: "  DATE NNNNN PPP% " then what is left (24 + bar) */
    bool wide = v->width >= 54;
    int bar_max = wide ? 20 : v->width - 24 < 20 ? v->width - 24 : 20;
    long first_week = week_start(s->today) - 7 * (RETENTION_WEEKS - 1);
    char date[11];
    say(v, xstrdup("Retention (reviews graded 3 or more), by week"));
    for (int w = 0; w < RETENTION_WEEKS; w++) {
        clock_format_day(first_week + 7 * w, date);
        printf(wide ? "  %s  %5ld %s  " : "  %s %5ld ", date,
               s->week_reviews[w], plural_reviews(s->week_reviews[w]));
        if (s->week_reviews[w] == 0) {
            puts("   -");
            continue;
        }
        long pct = s->week_passed[w] * 100 / s->week_reviews[w];
        printf("%3ld%% ", pct);
        bar(v, pct, bar_max);
        putchar('\n');
    }
    putchar('\n');
}

/* A deck's id on lines of its own, cut to the width (ids have no
 * spaces, and are ASCII: one column a byte). */
static void deck_id_lines(const struct view *v, const char *id)
{
    int room = v->width - 2 > 1 ? v->width - 2 : 1;
    for (size_t n = strlen(id); n > 0;) {
        int part = n < (size_t)room ? (int)n : room;
        printf("  %.*s\n", part, id);
        id += part;
        n -= (size_t)part;
    }
}

static void retention_decks(const struct view *v, const struct stats *s)
{
    say(v, xstrdup("Retention by deck, same 12 weeks"));
    if (s->ndecks == 0)
        puts("  no reviews yet");
    for (size_t i = 0; i < s->ndecks; i++) {
        const struct deck_retention *d = &s->decks[i];
        long pct = d->passed * 100 / d->reviews;
        /* "  ID(28) NNNNN reviews  PPP% " and 10 of bar: 61 columns */
        if (v->width >= 61 && strlen(d->deck) <= 28) {
            printf("  %-28s %5ld %s  %3ld%% ", d->deck, d->reviews,
                   plural_reviews(d->reviews), pct);
            bar(v, pct, 10);
        } else {
            deck_id_lines(v, d->deck);
            printf("    %5ld %s  %3ld%% ", d->reviews,
                   plural_reviews(d->reviews), pct);
            bar(v, pct, v->width - 24 < 10 ? v->width - 24 : 10);
        }
        putchar('\n');
    }
    putchar('\n');
}

static void summary(const struct view *v, const struct stats *s)
{
    const struct state_counts *c = &s->states;
    say(v, xasprintf("Cards: %ld new, %ld learning (interval under 21 days), "
                     "%ld mature, %ld suspended",
                     c->new_cards, c->learning, c->mature, c->suspended));
    say(v, xasprintf("Streak: %ld day%s now, longest %ld", s->streak,
                     s->streak == 1 ? "" : "s", s->longest));
    say(v, xasprintf("Time: %ldm%02lds today, %ldm%02lds this week",
                     s->time_today / 60000, s->time_today / 1000 % 60,
                     s->time_week / 60000, s->time_week / 1000 % 60));
}

/* JSON by hand is safe here: numbers, dates and validated deck ids only. */
static void print_json(const struct stats *s)
{
    char date[11];
    clock_format_day(s->today, date);
    printf("{\"today\":\"%s\",\"heatmap\":[", date);
    long from = week_start(s->today) - 7 * (JSON_WEEKS - 1);
    for (long d = from; d <= s->today; d++) {
        clock_format_day(d, date);
        printf("%s{\"date\":\"%s\",\"reviews\":%ld}", d == from ? "" : ",",
               date, s->per_day[d - s->first]);
    }
    fputs("],\"forecast\":[", stdout);
    for (int i = 0; i < FORECAST_DAYS; i++) {
        clock_format_day(s->today + i, date);
        printf("%s{\"date\":\"%s\",\"due\":%ld}", i ? "," : "", date,
               s->forecast[i]);
    }
    fputs("],\"retention_by_week\":[", stdout);
    long first_week = week_start(s->today) - 7 * (RETENTION_WEEKS - 1);
    for (int w = 0; w < RETENTION_WEEKS; w++) {
        clock_format_day(first_week + 7 * w, date);
        printf("%s{\"week\":\"%s\",\"reviews\":%ld,\"passed\":%ld}",
               w ? "," : "", date, s->week_reviews[w], s->week_passed[w]);
    }
    fputs("],\"retention_by_deck\":[", stdout);
    for (size_t i = 0; i < s->ndecks; i++)
        printf("%s{\"deck\":\"%s\",\"reviews\":%ld,\"passed\":%ld}",
               i ? "," : "", s->decks[i].deck, s->decks[i].reviews,
               s->decks[i].passed);
    const struct state_counts *c = &s->states;
    printf("],\"states\":{\"new\":%ld,\"learning\":%ld,\"mature\":%ld,"
           "\"suspended\":%ld},\"streak\":{\"current\":%ld,\"longest\":%ld},"
           "\"time_ms\":{\"today\":%ld,\"week\":%ld}}\n",
           c->new_cards, c->learning, c->mature, c->suspended, s->streak,
           s->longest, s->time_today, s->time_week);
}

/* The progress report: stats without --grader or --calibration. */
static void progress(struct store *st, const struct filter *f, long today,
                     bool json)
{
    struct stats *s = xcalloc(1, sizeof *s);
    s->today = today;
    s->first = week_start(today) - 7 * (HEAT_WEEKS_MAX - 1);
    collect(st, f, s);
    if (json)
        print_json(s);
    else {
        struct ui ui;
        ui_init(&ui);
        struct view v = {{ui.colour, ui.unicode}, ui_width(&ui)};
        heatmap(&v, s);
        forecast(&v, s);
        retention_weeks(&v, s);
        retention_decks(&v, s);
        summary(&v, s);
    }
    for (size_t i = 0; i < s->ndecks; i++)
        free((char *)s->decks[i].deck);
    free(s->decks);
    free(s);
}

/* Runs the report `mode` names ('g' --grader, 'c' --calibration, 0 the
 * progress report) and returns the exit status. */
static int run_report(struct store *st, const struct filter *f,
                      const struct app *app, int mode, bool json)
{
    if (mode == 'c') {
        struct error err;
        return stats_calibration(st, f, json, &err) ? report_error(&err)
                                                    : EXIT_OK;
    }
    if (mode == 'g') {
        if (stats_grader(st, f, app->config.target_seconds * 1000L, json))
            die(EXIT_FAIL, "%s", store_error(st));
        return EXIT_OK;
    }
    progress(st, f, app->today, json);
    return EXIT_OK;
}

int cmd_stats(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"deck", required_argument, 0, 'd'},
                                         {"tag", required_argument, 0, 't'},
                                         {"json", no_argument, 0, 'j'},
                                         {"grader", no_argument, 0, 'g'},
                                         {"calibration", no_argument, 0, 'c'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    bool json = false, clash = false;
    int c, mode = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:", opts, NULL)) != -1) {
        if (c == 'd' || c == 't')
            filter_add(&fa, c == 't', optarg);
        else if (c == 'j')
            json = true;
        else if (c == 'g' || c == 'c') {
            clash = clash || (mode != 0 && mode != c);
            mode = c;
        } else {
            filter_free(&fa);
            return usage(stats_usage, c == 'h');
        }
    }
    if (optind != argc || clash) {
        filter_free(&fa);
        return usage(stats_usage, false);
    }
    struct store *st = app_open(app, false);
    filter_check(st, &fa);
    int status = run_report(st, &fa.f, app, mode, json);
    app_close(app, st);
    filter_free(&fa);
    return status;
}
