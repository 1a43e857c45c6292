/* fsrs_pretrain.c: the first step of fitting FSRS-6 (fsrs_fit.h): the
 * stability after a card's first rating, w0..w3, read off the recall at
 * each card's first review on a later day.  As fsrs-rs does it: group
 * by first rating and days waited, drop the rarest waits as outliers,
 * smooth each group's recall towards the average, search the stability
 * whose forgetting curve fits the groups best, then make the four agree
 * in order and fill in ratings nobody used. */
#include "fsrs_fit.h"
#include "rehearse/util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double INIT_S_MIN = 0.001, INIT_S_MAX = 100.0;

/* A card's first long-term review: what pretraining learns from. */
struct first_interval {
    int first_rating; /* the card's first rating */
    long days;        /* days before its first review on a later day */
    bool recalled;
    size_t card;
};

static int by_rating_then_days(const void *a, const void *b)
{
    const struct first_interval *x = a, *y = b;
    if (x->first_rating != y->first_rating)
        return x->first_rating - y->first_rating;
    return (x->days > y->days) - (x->days < y->days);
}

/* One (first rating, days) group of first intervals. */
struct interval_group {
    long days;
    long count, recalled;
    bool dropped;
};

struct pretrain_data {
    struct first_interval *firsts; /* sorted by rating, then days */
    size_t nfirsts;
};

static void collect_firsts(const struct review_history *h,
                           struct pretrain_data *pd)
{
    pd->firsts = xcalloc(h->ncards ? h->ncards : 1, sizeof *pd->firsts);
    pd->nfirsts = 0;
    for (size_t c = 0; c < h->ncards; c++) {
        const struct history_item *it = h->items + h->start[c];
        size_t n = h->start[c + 1] - h->start[c];
        for (size_t k = 1; k < n; k++) {
            long t = elapsed_days(it, k);
            if (t == 0)
                continue;
            pd->firsts[pd->nfirsts++] = (struct first_interval){
                rating_at(it, 0), t, rating_at(it, k) > FSRS_AGAIN, c};
            break;
        }
    }
    qsort(pd->firsts, pd->nfirsts, sizeof *pd->firsts, by_rating_then_days);
}

/* Smallest groups first, and of equal size the shorter wait first: the
 * order in which outliers are dropped. */
static int by_size_then_days(const void *a, const void *b)
{
    const struct interval_group *x = a, *y = b;
    if (x->count != y->count)
        return (x->count > y->count) - (x->count < y->count);
    return (x->days > y->days) - (x->days < y->days);
}

/* Drops, for one first rating, the rarest waits until 5% of its first
 * intervals (at least 20) are gone, and any group left with fewer than
 * six or waiting implausibly long (over 100 days; 365 after an Easy). */
static void drop_outliers(struct interval_group *g, size_t n, int rating)
{
    long total = 0, removed = 0;
    for (size_t i = 0; i < n; i++)
        total += g[i].count;
    long quota = total / 20 > 20 ? total / 20 : 20;
    long longest = rating == FSRS_EASY ? 365 : 100;
    qsort(g, n, sizeof *g, by_size_then_days);
    for (size_t i = 0; i < n; i++) {
        if (removed + g[i].count < quota) {
            removed += g[i].count;
            g[i].dropped = true;
        } else {
            g[i].dropped = g[i].count < 6 || g[i].days > longest;
        }
    }
}

/* The log loss of groups g[0..n) against stability s, each weighted by
 * its size, plus a gentle pull to the default.  The curve is FSRS-6's
 * with the default decay, whatever the weights being fitted. */
static double pretrain_loss(const struct interval_group *g, size_t n,
                            double average, double s, double default_s)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (g[i].dropped)
            continue;
        /* Laplace smoothing: one extra review at the average recall */
        double recall =
            ((double)g[i].recalled + average) / ((double)g[i].count + 1.0);
        double r =
            fsrs_retrievability(fsrs_default_params(), (double)g[i].days, s);
        sum +=
            (double)g[i].count * -(recall * log(r) + (1 - recall) * log(1 - r));
    }
    return sum + fabs(s - default_s) / 16.0;
}

/* Ternary search over [INIT_S_MIN, INIT_S_MAX], on which the loss has
 * one minimum, until the interval stops shrinking. */
static double search_stability(const struct interval_group *g, size_t n,
                               double average, double default_s)
{
    double lo = INIT_S_MIN, hi = INIT_S_MAX;
    for (int iter = 0; iter < 1000 && hi - lo > DBL_EPSILON; iter++) {
        double m1 = lo + (hi - lo) / 3.0, m2 = hi - (hi - lo) / 3.0;
        if (pretrain_loss(g, n, average, m1, default_s) <
            pretrain_loss(g, n, average, m2, default_s))
            hi = m2;
        else
            lo = m1;
    }
    return (lo + hi) / 2.0;
}

void fsrs_make_monotonic(double s0[4], const bool known[4], const long count[4])
{
    static const int pairs[6][2] = {{0, 1}, {1, 2}, {2, 3},
                                    {0, 2}, {1, 3}, {0, 3}};
    for (int i = 0; i < 6; i++) {
        int a = pairs[i][0], b = pairs[i][1];
        if (!known[a] || !known[b] || s0[a] <= s0[b])
            continue;
        if (count[a] > count[b])
            s0[b] = s0[a];
        else
            s0[a] = s0[b];
    }
}

/* Fills in the S0 of ratings without data, in log space, from two
 * relations fsrs-rs assumes between neighbours:
 *   log S(Hard) = 0.41 log S(Again) + 0.59 log S(Good)
 *   log S(Good) = 0.46 log S(Hard) + 0.54 log S(Easy)
 * One known rating scales the defaults; two solve both relations; three
 * use the relation that names the missing one.  Returns -1 with none. */
static int fill_missing(double s0[4], const bool known[4],
                        const double defaults[4])
{
    static const double rel[2][4] = {{0.41, -1.0, 0.59, 0.0},
                                     {0.0, 0.46, -1.0, 0.54}};
    int missing[4], nmissing = 0, any = -1;
    double l[4];
    for (int i = 0; i < 4; i++) {
        l[i] = known[i] ? log(s0[i]) : 0.0;
        if (known[i])
            any = i;
        else
            missing[nmissing++] = i;
    }
    if (nmissing == 4)
        return -1;
    if (nmissing == 3) {
        for (int i = 0; i < 4; i++)
            s0[i] = defaults[i] * s0[any] / defaults[any];
        return 0;
    }
    /* the constant part of each relation: its known terms */
    double c[2] = {0.0, 0.0};
    for (int e = 0; e < 2; e++)
        for (int i = 0; i < 4; i++)
            if (known[i])
                c[e] += rel[e][i] * l[i];
    if (nmissing == 1) {
        int u = missing[0], e = u <= 1 ? 0 : 1;
        l[u] = -c[e] / rel[e][u];
    } else if (nmissing == 2) {
        int u = missing[0], v = missing[1];
        double a = rel[0][u], b = rel[0][v], cc = rel[1][u], dd = rel[1][v];
        double det = a * dd - b * cc;
        l[u] = (-c[0] * dd + b * c[1]) / det;
        l[v] = (-a * c[1] + cc * c[0]) / det;
    }
    for (int i = 0; i < 4; i++)
        s0[i] = exp(l[i]);
    return 0;
}

/* One first rating's groups of first intervals, outliers marked. */
struct rating_groups {
    struct interval_group *g;
    size_t n;
    long kept; /* first intervals in groups kept */
};

/* Groups one rating's first intervals firsts[from..to) by days waited,
 * drops its outliers and marks the cards whose first interval fell in a
 * dropped group. */
static void group_rating(const struct pretrain_data *pd, size_t from, size_t to,
                         struct rating_groups *rg, bool *card_dropped)
{
    int rating = pd->firsts[from].first_rating;
    struct interval_group *g = xcalloc(to - from, sizeof *g);
    size_t ng = 0;
    for (size_t i = from; i < to; i++) {
        if (ng == 0 || g[ng - 1].days != pd->firsts[i].days)
            g[ng++] = (struct interval_group){pd->firsts[i].days, 0, 0, false};
        g[ng - 1].count++;
        g[ng - 1].recalled += pd->firsts[i].recalled;
    }
    drop_outliers(g, ng, rating);
    rg->g = g;
    rg->n = ng;
    rg->kept = 0;
    for (size_t i = 0; i < ng; i++)
        rg->kept += g[i].dropped ? 0 : g[i].count;
    for (size_t i = from; i < to; i++)
        for (size_t j = 0; j < ng; j++)
            if (g[j].days == pd->firsts[i].days) {
                card_dropped[pd->firsts[i].card] = g[j].dropped;
                break;
            }
}

/* The recall over every item of the cards training keeps. */
static double average_recall(const struct review_history *h,
                             const bool *card_dropped)
{
    long items = 0, recalled = 0;
    for (size_t c = 0; c < h->ncards; c++) {
        if (card_dropped[c])
            continue;
        const struct history_item *it = h->items + h->start[c];
        for (size_t k = 1; k < h->start[c + 1] - h->start[c]; k++)
            if (elapsed_days(it, k) > 0) {
                items++;
                recalled += rating_at(it, k) > FSRS_AGAIN;
            }
    }
    return items ? (double)recalled / (double)items : 0.0;
}

void fsrs_pretrain(const struct review_history *h, struct pretrain_result *out)
{
    bool known[4] = {false, false, false, false};
    struct rating_groups groups[4];
    struct pretrain_data pd;
    memset(out, 0, sizeof *out);
    memset(groups, 0, sizeof groups);
    out->card_dropped = xcalloc(h->ncards ? h->ncards : 1, sizeof(bool));
    collect_firsts(h, &pd);
    for (size_t from = 0, to; from < pd.nfirsts; from = to) {
        int rating = pd.firsts[from].first_rating;
        for (to = from; to < pd.nfirsts && pd.firsts[to].first_rating == rating;
             to++)
            ;
        group_rating(&pd, from, to, &groups[rating - 1], out->card_dropped);
    }
    free(pd.firsts);
    out->average = average_recall(h, out->card_dropped);
    for (int r = 0; r < 4; r++) {
        if (groups[r].kept > 0) {
            out->s0[r] =
                search_stability(groups[r].g, groups[r].n, out->average,
                                 fsrs_default_params()->w[r]);
            out->count[r] = groups[r].kept;
            known[r] = true;
        }
        free(groups[r].g);
    }
    fsrs_make_monotonic(out->s0, known, out->count);
    out->any = fill_missing(out->s0, known, fsrs_default_params()->w) == 0;
    for (int i = 0; out->any && i < 4; i++)
        out->s0[i] = out->s0[i] < INIT_S_MIN   ? INIT_S_MIN
                     : out->s0[i] > INIT_S_MAX ? INIT_S_MAX
                                               : out->s0[i];
}
