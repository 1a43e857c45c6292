/* cmd_stats.c: `rehearse stats`, progress drawn in the terminal.
 *
 * Everything is read from the per-day totals the store keeps up to date
 * with each answer, so the cost does not grow with the review log (a tag
 * filter is the exception: it needs card-level detail from the log).
 * Charts fit 80 columns; colour only on a terminal without NO_COLOR, and
 * plain ASCII otherwise. */
#include "rehearse/chart.h"
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAT_WEEKS 26
#define FORECAST_DAYS 30
#define RETENTION_WEEKS 12
#define HISTORY_DAYS (HEAT_WEEKS * 7)

static const char stats_usage[] =
    "usage: rehearse stats [--deck ID]... [--tag TAG]... [--json]\n"
    "\n"
    "Your progress: reviews per day over 26 weeks (a heatmap), cards due\n"
    "over the next 30 days, retention (share of reviews graded 3 or more)\n"
    "per week and per deck, cards by state, study streaks and time spent.\n"
    "\n"
    "  --deck ID   only this deck (repeatable)\n"
    "  --tag TAG   only cards with this tag (repeatable)\n"
    "  --json      everything as one JSON object\n";

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

/* The chart pieces come styled from term (chart.h); this only prints. */
static void cell(const struct ui *ui, int l)
{
    struct strbuf sb;
    sb_init(&sb);
    chart_cell(&sb, l, &(struct chart_style){ui->colour, ui->unicode});
    fputs(sb.buf, stdout);
    sb_free(&sb);
}

static void heatmap(const struct ui *ui, const struct stats *s)
{
    static const char *const names[] = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
    long max = max_of(s->per_day, HISTORY_DAYS + 7), total = 0;
    for (size_t i = 0; i < HISTORY_DAYS + 7; i++)
        total += s->per_day[i];
    printf("Reviews per day, last %d weeks (%ld in all)\n", HEAT_WEEKS, total);
    for (int row = 0; row < 7; row++) {
        printf("  %-4s", names[row]);
        for (int w = 0; w < HEAT_WEEKS; w++) {
            long day = s->first + w * 7 + row;
            if (day > s->today)
                fputs("  ", stdout);
            else {
                putchar(' ');
                cell(ui, level(s->per_day[day - s->first], max));
            }
        }
        putchar('\n');
    }
    fputs("      less", stdout);
    for (int l = 0; l <= 4; l++) {
        putchar(' ');
        cell(ui, l);
    }
    printf(" more   (top: %ld a day)\n\n", max);
}

static void forecast(const struct ui *ui, const struct stats *s)
{
    const int height = 6;
    long max = max_of(s->forecast, FORECAST_DAYS), total = 0;
    for (int i = 0; i < FORECAST_DAYS; i++)
        total += s->forecast[i];
    printf("Cards due, next %d days (%ld in all, %ld today)\n", FORECAST_DAYS,
           total, s->forecast[0]);
    struct strbuf line;
    sb_init(&line);
    for (int row = height; row >= 1; row--) {
        if (row == height)
            printf("  %5ld |", max);
        else
            fputs("        |", stdout);
        for (int d = 0; d < FORECAST_DAYS; d++) {
            long h = max ? (s->forecast[d] * height + max - 1) / max : 0;
            chart_column(&line, h >= row, 2,
                         &(struct chart_style){ui->colour, ui->unicode});
        }
        puts(line.buf);
        sb_reset(&line);
    }
    fputs("        +", stdout);
    for (int d = 0; d < FORECAST_DAYS; d++)
        fputs("--", stdout);
    fputs("\n         ", stdout);
    for (int d = 0; d < FORECAST_DAYS; d += 5) {
        int y, m, day;
        civil_from_days(s->today + d, &y, &m, &day);
        printf("%02d/%02d     ", m, day);
    }
    puts("\n");
    sb_free(&line);
}

static void bar(const struct ui *ui, long percent)
{
    struct strbuf sb;
    sb_init(&sb);
    chart_bar(&sb, (int)(percent / 5),
              &(struct chart_style){ui->colour, ui->unicode});
    fputs(sb.buf, stdout);
    sb_free(&sb);
}

static void retention(const struct ui *ui, const struct stats *s)
{
    long first_week = week_start(s->today) - 7 * (RETENTION_WEEKS - 1);
    char date[11];
    puts("Retention (reviews graded 3 or more), by week");
    for (int w = 0; w < RETENTION_WEEKS; w++) {
        clock_format_day(first_week + 7 * w, date);
        if (s->week_reviews[w] == 0) {
            printf("  %s  %5d reviews     -\n", date, 0);
            continue;
        }
        long pct = s->week_passed[w] * 100 / s->week_reviews[w];
        printf("  %s  %5ld reviews  %3ld%% ", date, s->week_reviews[w], pct);
        bar(ui, pct);
        putchar('\n');
    }
    puts("\nRetention by deck, same 12 weeks");
    if (s->ndecks == 0)
        puts("  no reviews yet");
    for (size_t i = 0; i < s->ndecks; i++) {
        long pct = s->decks[i].passed * 100 / s->decks[i].reviews;
        printf("  %-28s %5ld reviews  %3ld%% ", s->decks[i].deck,
               s->decks[i].reviews, pct);
        bar(ui, pct / 2);
        putchar('\n');
    }
    putchar('\n');
}

static void summary(const struct stats *s)
{
    const struct state_counts *c = &s->states;
    printf("Cards: %ld new, %ld learning (interval under 21 days), %ld "
           "mature, %ld suspended\n",
           c->new_cards, c->learning, c->mature, c->suspended);
    printf("Streak: %ld day%s now, longest %ld\n", s->streak,
           s->streak == 1 ? "" : "s", s->longest);
    printf("Time: %ldm%02lds today, %ldm%02lds this week\n",
           s->time_today / 60000, s->time_today / 1000 % 60,
           s->time_week / 60000, s->time_week / 1000 % 60);
}

/* JSON by hand is safe here: numbers, dates and validated deck ids only. */
static void print_json(const struct stats *s)
{
    char date[11];
    clock_format_day(s->today, date);
    printf("{\"today\":\"%s\",\"heatmap\":[", date);
    for (long d = s->first; d <= s->today; d++) {
        clock_format_day(d, date);
        printf("%s{\"date\":\"%s\",\"reviews\":%ld}", d == s->first ? "" : ",",
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

int cmd_stats(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"deck", required_argument, 0, 'd'},
                                         {"tag", required_argument, 0, 't'},
                                         {"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:", opts, NULL)) != -1) {
        if (c == 'd' || c == 't')
            filter_add(&fa, c == 't', optarg);
        else if (c == 'j')
            json = true;
        else {
            filter_free(&fa);
            return usage(stats_usage, c == 'h');
        }
    }
    if (optind != argc) {
        filter_free(&fa);
        return usage(stats_usage, false);
    }
    struct store *st = app_open(app, false);
    struct stats *s = xcalloc(1, sizeof *s);
    s->today = app->today;
    s->first = week_start(app->today) - 7 * (HEAT_WEEKS - 1);
    collect(st, &fa.f, s);
    if (json)
        print_json(s);
    else {
        struct ui ui;
        ui_init(&ui);
        heatmap(&ui, s);
        forecast(&ui, s);
        retention(&ui, s);
        summary(s);
    }
    for (size_t i = 0; i < s->ndecks; i++)
        free((char *)s->decks[i].deck);
    free(s->decks);
    free(s);
    app_close(app, st);
    filter_free(&fa);
    return EXIT_OK;
}
