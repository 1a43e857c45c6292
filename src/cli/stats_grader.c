/* stats_grader.c: `rehearse stats --grader`: how your own grades compare
 * with the grades the key-point matcher suggests, per deck.  A
 * suggestion is a hint at the prompt; this shows whether it is a useful
 * one for you (or whether you grade yourself kindly). */
#include "rehearse/stats_grader.h"

#include "rehearse/interview.h"
#include "rehearse/keypoints.h"
#include "rehearse/listing.h"
#include "rehearse/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct agreement {
    char *deck;
    long answers, exact, within_one, higher, lower;
};

struct tally {
    struct agreement *decks;
    size_t n, cap;
    long target_ms;
};

static void add_answer(void *ctx, const struct graded_answer *g)
{
    struct tally *t = ctx;
    if (t->n == 0 || strcmp(t->decks[t->n - 1].deck, g->deck) != 0) {
        t->decks = xgrow(t->decks, &t->cap, t->n + 1, sizeof *t->decks);
        t->decks[t->n++] = (struct agreement){.deck = xstrdup(g->deck)};
    }
    struct agreement *a = &t->decks[t->n - 1];
    int hint = g->interview
                   ? interview_suggest_grade(g->keys_covered, g->keys_total,
                                             g->duration_ms, t->target_ms)
                   : keypoints_suggest_grade(g->keys_covered, g->keys_total);
    int gap = g->grade - hint;
    a->answers++;
    a->exact += gap == 0;
    a->within_one += gap >= -1 && gap <= 1;
    a->higher += gap > 0;
    a->lower += gap < 0;
}

static void add_to(struct agreement *sum, const struct agreement *a)
{
    sum->answers += a->answers;
    sum->exact += a->exact;
    sum->within_one += a->within_one;
    sum->higher += a->higher;
    sum->lower += a->lower;
}

static long percent(long part, long whole)
{
    return whole ? (part * 100 + whole / 2) / whole : 0;
}

static void print_row(const struct agreement *a, const char *name, int width,
                      struct strbuf *safe)
{
    printf("%-*s %7ld %7ld%% %6ld%% %7ld %7ld\n", width, safe_text(safe, name),
           a->answers, percent(a->within_one, a->answers),
           percent(a->exact, a->answers), a->higher, a->lower);
}

static void print_table(const struct tally *t, const struct agreement *all)
{
    struct strbuf safe;
    sb_init(&safe);
    int width = 5;
    for (size_t i = 0; i < t->n; i++) {
        int n = (int)strlen(t->decks[i].deck);
        width = n > width ? n : width;
    }
    puts("Your grades beside the suggested ones (typed answers with key "
         "points):");
    printf("%-*s %7s %8s %7s %7s %7s\n", width, "deck", "answers", "within1",
           "exact", "higher", "lower");
    for (size_t i = 0; i < t->n; i++)
        print_row(&t->decks[i], t->decks[i].deck, width, &safe);
    if (t->n > 1)
        print_row(all, "total", width, &safe);
    if (all->higher > 2 * all->lower && all->answers >= 20)
        puts("You often grade above the suggestion: check the key points "
             "you missed before giving a 4 or 5.");
    sb_free(&safe);
}

static void print_json(const struct tally *t, const struct agreement *all)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_adds(&sb, "{\"decks\":[");
    for (size_t i = 0; i <= t->n; i++) {
        const struct agreement *a = i < t->n ? &t->decks[i] : all;
        if (i == t->n)
            sb_adds(&sb, "],\"total\":{");
        else {
            sb_adds(&sb, i ? ",{\"deck\":" : "{\"deck\":");
            sb_add_json(&sb, a->deck);
            sb_addc(&sb, ',');
        }
        sb_addf(&sb,
                "\"answers\":%ld,\"within_one\":%ld,\"exact\":%ld,"
                "\"higher\":%ld,\"lower\":%ld}",
                a->answers, a->within_one, a->exact, a->higher, a->lower);
    }
    sb_addc(&sb, '}');
    puts(sb.buf);
    sb_free(&sb);
}

int stats_grader(struct store *st, const struct filter *f, long target_ms,
                 bool json)
{
    struct tally t = {.target_ms = target_ms};
    if (store_each_graded_answer(st, f, add_answer, &t))
        return -1;
    struct agreement all = {0};
    for (size_t i = 0; i < t.n; i++)
        add_to(&all, &t.decks[i]);
    if (json)
        print_json(&t, &all);
    else if (t.n == 0)
        puts("No typed answers with key points yet: type your answers in "
             "study or interview to compare your grades with the "
             "suggested ones.");
    else
        print_table(&t, &all);
    for (size_t i = 0; i < t.n; i++)
        free(t.decks[i].deck);
    free(t.decks);
    return 0;
}
