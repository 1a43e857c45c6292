/* interview_report.c: the report at the end of `rehearse interview`: a
 * line per topic with the key points missed, the follow-ups, the weakest
 * answers and what to drill.  See interview_report.h. */
#include "rehearse/interview_report.h"

#include "rehearse/date.h"
#include "rehearse/listing.h"
#include "rehearse/render.h"
#include "rehearse/scheduler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void format_clock(long ms, char *buf, size_t len)
{
    /* Minutes fit an int for any answer a person can type. */
    long s = ms / 1000;
    snprintf(buf, len, "%d:%02d", (int)(s / 60 % 100000), (int)(s % 60));
}

static int weaker(const void *a, const void *b)
{
    const struct result *x = a, *y = b;
    if (x->grade != y->grade)
        return x->grade - y->grade;
    long cx = x->keys_total ? x->keys_covered * 100 / x->keys_total : 100;
    long cy = y->keys_total ? y->keys_covered * 100 / y->keys_total : 100;
    if (cx != cy)
        return cx < cy ? -1 : 1;
    return x->ms > y->ms ? -1 : x->ms < y->ms;
}

static int by_deck(const void *a, const void *b)
{
    return strcmp(((const struct result *)a)->deck,
                  ((const struct result *)b)->deck);
}

/* Under a topic's line, the key points its answers missed, card by
 * card (deck text, so through the sanitiser). */
static void print_missed(const struct result *r, size_t n)
{
    struct strbuf safe;
    sb_init(&safe);
    for (size_t i = 0; i < n; i++)
        if (r[i].missed) {
            sb_reset(&safe);
            render_safe(&safe, r[i].missed, strlen(r[i].missed));
            printf("    missed in %s: %s\n", r[i].card, safe.buf);
        }
    sb_free(&safe);
}

/* A line per deck: questions, mean grade, key points, times. */
static void report_topics(const struct interview_results *iv)
{
    char mean[16], slow[16], keystr[24];
    qsort(iv->results, iv->nresults, sizeof *iv->results, by_deck);
    printf("\nInterview report: %zu question%s\n\n%-28s %3s %6s %7s %6s %8s\n",
           iv->nresults, iv->nresults == 1 ? "" : "s", "TOPIC", "QS", "GRADE",
           "KEYS", "MEAN", "SLOWEST");
    for (size_t i = 0, j; i < iv->nresults; i = j) {
        long grades = 0, keys = 0, covered = 0, ms = 0, slowest = 0;
        for (j = i; j < iv->nresults &&
                    !strcmp(iv->results[j].deck, iv->results[i].deck);
             j++) {
            const struct result *r = &iv->results[j];
            grades += r->grade;
            keys += r->keys_total;
            covered += r->keys_covered;
            ms += r->ms;
            slowest = r->ms > slowest ? r->ms : slowest;
        }
        long count = (long)(j - i);
        format_clock(ms / count, mean, sizeof mean);
        format_clock(slowest, slow, sizeof slow);
        snprintf(keystr, sizeof keystr, "%ld/%ld", covered, keys);
        printf("%-28s %3ld %6.1f %7s %6s %8s\n", iv->results[i].deck, count,
               (double)grades / (double)count, keystr, mean, slow);
        print_missed(iv->results + i, j - i);
    }
}

/* The three weakest answers, and what to study for those below a 4. */
static void report_weakest(const struct interview_results *iv)
{
    char mean[16];
    qsort(iv->results, iv->nresults, sizeof *iv->results, weaker);
    puts("\nWeakest answers:");
    for (size_t i = 0; i < iv->nresults && i < 3; i++) {
        const struct result *r = &iv->results[i];
        format_clock(r->ms, mean, sizeof mean);
        printf("  %zu. %s/%s: grade %d, %d/%d key points, %s\n", i + 1, r->deck,
               r->card, r->grade, r->keys_covered, r->keys_total, mean);
    }
    puts("\nWhat to drill next:");
    bool any = false;
    for (size_t i = 0; i < iv->nresults && i < 3; i++) {
        const struct result *r = &iv->results[i];
        if (r->grade >= SCHED_WELL_KNOWN)
            continue;
        any = true;
        if (r->tag)
            printf("  rehearse study --deck %s --tag %s\n", r->deck, r->tag);
        else
            printf("  rehearse study --deck %s\n", r->deck);
    }
    if (!any)
        puts("  nothing below a 4: try a longer interview or other topics");
    for (size_t i = 0; i < iv->nresults; i++)
        if (iv->results[i].missed) {
            puts("  rehearse interview --drill   (the cards with the most "
                 "missed key points first)");
            break;
        }
}

void interview_report(const struct interview_results *iv)
{
    if (iv->nresults == 0) {
        puts("\nNo questions answered.");
        return;
    }
    report_topics(iv);
    if (iv->follow_ups > 0)
        printf("\nFollow-ups: %ld asked, mean grade %.1f.\n", iv->follow_ups,
               (double)iv->follow_up_grades / (double)iv->follow_ups);
    report_weakest(iv);
    char day[11];
    clock_format_day(iv->today, day);
    printf("\nRead your answers again with: rehearse journal --since %s\n",
           day);
}

void interview_results_free(struct result *results, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(results[i].deck);
        free(results[i].card);
        free(results[i].tag);
        free(results[i].missed);
    }
    free(results);
}
