/* fsrs_optimize.c: fitting FSRS-6's weights to a review history, as
 * fsrs-rs fits them (fsrs_optimize.h; docs/scheduling.md, "Fitting the
 * weights").  Written here from fsrs-rs's documented method and
 * constants; the committed runs of fsrs-rs itself (tests/data/fsrs/
 * train-*) are what tests/unit/test_fsrs_optimize.c holds this to. */
#include "rehearse/fsrs_optimize.h"
#include "rehearse/util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define W FSRS_WEIGHTS

/* ---- training constants (fsrs-rs's) ---- */

enum {
    EPOCHS = 5,
    BATCH_ITEMS = 512, /* items per mini-batch, at least */
    MAX_SEQ = 64,      /* an item longer than this many reviews is not
                          trained on (it is still evaluated) */
};
static const double LEARNING_RATE = 4e-2;
static const double ADAM_BETA1 = 0.9, ADAM_BETA2 = 0.999, ADAM_EPS = 1e-8;
static const double PENALTY_GAMMA = 1.0; /* weight of the L2 pull back */
/* How far each weight typically varies between users: the L2 penalty
 * measures a weight's move from its start in these units. */
static const double WEIGHT_STDDEV[W] = {
    6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,  0.12, 0.39, 0.18, 0.33,
    0.3,  0.09, 0.16,  0.57,  0.25, 1.03, 0.31, 0.32, 0.14, 0.27};
static const double INIT_S_MIN = 0.1, INIT_S_MAX = 100.0;
static const uint64_t SHUFFLE_SEED = 2023;
static const double PI = 3.14159265358979323846;

/* ---- forward-mode automatic differentiation ---- */

/* A value with its partial derivatives by each of the 21 weights. */
typedef struct {
    double v;
    double d[W];
} dual;

static dual d_const(double v)
{
    dual r;
    memset(&r, 0, sizeof r);
    r.v = v;
    return r;
}

static dual d_weight(const double *w, int i)
{
    dual r = d_const(w[i]);
    r.d[i] = 1.0;
    return r;
}

/* a * x + b * y for duals x, y: the one loop every operation below
 * reduces to, with the chain rule's factors in a and b. */
static dual d_lin(double v, double a, const dual *x, double b, const dual *y)
{
    dual r;
    r.v = v;
    for (int i = 0; i < W; i++)
        r.d[i] = a * x->d[i] + b * y->d[i];
    return r;
}

static dual d_scale(double v, double a, const dual *x)
{
    dual r;
    r.v = v;
    for (int i = 0; i < W; i++)
        r.d[i] = a * x->d[i];
    return r;
}

static dual d_add(dual x, dual y)
{
    return d_lin(x.v + y.v, 1.0, &x, 1.0, &y);
}
static dual d_sub(dual x, dual y)
{
    return d_lin(x.v - y.v, 1.0, &x, -1.0, &y);
}
static dual d_mul(dual x, dual y)
{
    return d_lin(x.v * y.v, y.v, &x, x.v, &y);
}
static dual d_div(dual x, dual y)
{
    return d_lin(x.v / y.v, 1.0 / y.v, &x, -x.v / (y.v * y.v), &y);
}
static dual d_addk(dual x, double k)
{
    x.v += k;
    return x;
}
static dual d_mulk(dual x, double k)
{
    return d_scale(x.v * k, k, &x);
}
static dual d_exp(dual x)
{
    double e = exp(x.v);
    return d_scale(e, e, &x);
}
/* x^y, x > 0 */
static dual d_pow(dual x, dual y)
{
    double p = pow(x.v, y.v);
    return d_lin(p, p * y.v / x.v, &x, p * log(x.v), &y);
}
/* A clamped value moves with nothing. */
static dual d_clamp(dual x, double lo, double hi)
{
    if (x.v < lo)
        return d_const(lo);
    if (x.v > hi)
        return d_const(hi);
    return x;
}
static dual d_min(dual x, dual y)
{
    return x.v <= y.v ? x : y;
}

/* ---- FSRS-6 on duals: the formulas of fsrs.c, term by term ---- */

/* What stays the same through a step of training: the weights as
 * duals, and the two expressions that depend on the weights alone. */
struct dual_model {
    dual w[W];
    dual factor;    /* F = 0.9^(-1/w20) - 1 */
    dual d0_easy;   /* D0(Easy), unclamped */
    dual neg_decay; /* -w20 */
};

static dual d_initial_difficulty(const struct dual_model *m, int rating)
{
    /* w4 - e^(w5 (G - 1)) + 1 */
    return d_addk(d_sub(m->w[4], d_exp(d_mulk(m->w[5], rating - 1))), 1.0);
}

static void dual_model_init(struct dual_model *m, const double *w)
{
    for (int i = 0; i < W; i++)
        m->w[i] = d_weight(w, i);
    m->neg_decay = d_mulk(m->w[20], -1.0);
    dual inv = d_div(d_const(-1.0), m->w[20]);
    m->factor = d_addk(d_pow(d_const(0.9), inv), -1.0);
    m->d0_easy = d_initial_difficulty(m, FSRS_EASY);
}

static dual d_retrievability(const struct dual_model *m, double t, dual s)
{
    dual base = d_addk(d_div(d_mulk(m->factor, t), s), 1.0);
    return d_pow(base, m->neg_decay);
}

static dual d_next_difficulty(const struct dual_model *m, dual d, int rating)
{
    /* damped = D + (-w6 (G - 3)) (10 - D) / 9 */
    dual delta = d_mulk(m->w[6], -(rating - 3));
    dual damped =
        d_add(d, d_mulk(d_mul(delta, d_addk(d_mulk(d, -1.0), 10.0)), 1 / 9.0));
    dual reverted = d_add(d_mul(m->w[7], m->d0_easy),
                          d_mul(d_addk(d_mulk(m->w[7], -1.0), 1.0), damped));
    return d_clamp(reverted, FSRS_D_MIN, FSRS_D_MAX);
}

static dual d_short_term(const struct dual_model *m, dual s, int rating)
{
    dual inc = d_mul(d_pow(s, d_mulk(m->w[19], -1.0)),
                     d_exp(d_mul(m->w[17], d_addk(m->w[18], rating - 3))));
    if (rating >= FSRS_HARD && inc.v < 1.0)
        inc = d_const(1.0);
    return d_clamp(d_mul(s, inc), FSRS_S_MIN, FSRS_S_MAX);
}

static dual d_recall_stability(const struct dual_model *m, dual s, dual d,
                               dual r, int rating)
{
    const dual *w = m->w;
    dual grow = d_mul(d_exp(w[8]), d_addk(d_mulk(d, -1.0), 11.0));
    grow = d_mul(grow, d_pow(s, d_mulk(w[9], -1.0)));
    grow = d_mul(grow,
                 d_addk(d_exp(d_mul(w[10], d_addk(d_mulk(r, -1.0), 1.0))), -1));
    if (rating == FSRS_HARD)
        grow = d_mul(grow, w[15]);
    if (rating == FSRS_EASY)
        grow = d_mul(grow, w[16]);
    return d_clamp(d_mul(s, d_addk(grow, 1.0)), FSRS_S_MIN, FSRS_S_MAX);
}

static dual d_forget_stability(const struct dual_model *m, dual s, dual d,
                               dual r)
{
    const dual *w = m->w;
    dual f = d_mul(w[11], d_pow(d, d_mulk(w[12], -1.0)));
    f = d_mul(f, d_addk(d_pow(d_addk(s, 1.0), w[13]), -1.0));
    f = d_mul(f, d_exp(d_mul(w[14], d_addk(d_mulk(r, -1.0), 1.0))));
    dual cap = d_div(s, d_exp(d_mul(w[17], w[18])));
    return d_clamp(d_min(f, cap), FSRS_S_MIN, FSRS_S_MAX);
}

/* ---- walking one card's history ---- */

static long elapsed_days(const struct history_item *it, size_t k)
{
    if (k == 0)
        return 0;
    long days = it[k].day - it[k - 1].day;
    return days > 0 ? days : 0; /* an out-of-order log counts as same-day */
}

static int rating_at(const struct history_item *it, size_t k)
{
    int rating = fsrs_rating_of_grade(it[k].grade);
    return rating ? rating : FSRS_AGAIN;
}

/* The log loss of predicting y with probability r, kept finite. */
static double log_loss_of(double r, bool y)
{
    const double eps = 1e-9;
    r = r < eps ? eps : r > 1.0 - eps ? 1.0 - eps : r;
    return y ? -log(r) : -log(1.0 - r);
}

/* Per item position in h->items: its weight in training (0: not
 * trained on). */
typedef float item_weight;

/* The sum of weight x log loss over one card's items (weights NULL: all
 * 1), with plain doubles, through fsrs.c's own formulas. */
static double card_loss(const struct fsrs_params *p,
                        const struct history_item *it, size_t n,
                        const item_weight *weights, long *items)
{
    struct fsrs_memory mem = {0.0, 0.0};
    double sum = 0.0;
    for (size_t k = 0; k < n; k++) {
        long t = elapsed_days(it, k);
        int rating = rating_at(it, k);
        if (k > 0 && t > 0) {
            double weight = weights ? weights[k] : 1.0;
            if (weight > 0.0) {
                double r = fsrs_retrievability(p, (double)t, mem.stability);
                sum += weight * log_loss_of(r, rating > FSRS_AGAIN);
                ++*items;
            }
        }
        mem = fsrs_next(p, mem, t, (enum fsrs_rating)rating);
    }
    return sum;
}

/* The same walk on duals: adds d(sum)/dw to grad, returns the sum. */
static double card_gradient(const struct dual_model *m,
                            const struct history_item *it, size_t n,
                            const item_weight *weights, double grad[W])
{
    dual s = d_const(0.0), d = d_const(0.0);
    double sum = 0.0;
    for (size_t k = 0; k < n && k < MAX_SEQ; k++) {
        long t = elapsed_days(it, k);
        int rating = rating_at(it, k);
        if (k == 0) {
            s = d_clamp(m->w[rating - 1], FSRS_S_MIN, FSRS_S_MAX);
            d = d_clamp(d_initial_difficulty(m, rating), FSRS_D_MIN,
                        FSRS_D_MAX);
            continue;
        }
        if (t == 0) {
            s = d_short_term(m, s, rating);
            d = d_next_difficulty(m, d, rating);
            continue;
        }
        dual r = d_retrievability(m, (double)t, s);
        if (weights[k] > 0.0f) {
            bool y = rating > FSRS_AGAIN;
            double rv = r.v < 1e-9 ? 1e-9 : r.v > 1 - 1e-9 ? 1 - 1e-9 : r.v;
            double dloss = y ? -1.0 / rv : 1.0 / (1.0 - rv); /* dL/dR */
            sum += weights[k] * log_loss_of(r.v, y);
            for (int i = 0; i < W; i++)
                grad[i] += weights[k] * dloss * r.d[i];
        }
        dual s_next = rating == FSRS_AGAIN
                          ? d_forget_stability(m, s, d, r)
                          : d_recall_stability(m, s, d, r, rating);
        d = d_next_difficulty(m, d, rating);
        s = s_next;
    }
    return sum;
}

static struct fsrs_params params_of(const double w[W])
{
    struct fsrs_params p = *fsrs_default_params();
    memcpy(p.w, w, sizeof p.w);
    return p;
}

double fsrs_log_loss(const struct review_history *h, const double w[W],
                     long *items)
{
    struct fsrs_params p = params_of(w);
    double sum = 0.0;
    *items = 0;
    for (size_t c = 0; c < h->ncards; c++) {
        size_t from = h->start[c], to = h->start[c + 1];
        sum += card_loss(&p, h->items + from, to - from, NULL, items);
    }
    return *items ? sum / (double)*items : 0.0;
}

double fsrs_log_loss_gradient(const struct review_history *h, const double w[W],
                              double grad[W])
{
    struct dual_model *m = xcalloc(1, sizeof *m);
    item_weight *ones = xcalloc(h->nitems ? h->nitems : 1, sizeof *ones);
    for (size_t i = 0; i < h->nitems; i++)
        ones[i] = 1.0f;
    dual_model_init(m, w);
    memset(grad, 0, W * sizeof *grad);
    double sum = 0.0;
    long items = 0;
    for (size_t c = 0; c < h->ncards; c++) {
        size_t from = h->start[c], to = h->start[c + 1];
        sum += card_gradient(m, h->items + from, to - from, ones + from, grad);
        for (size_t k = from + 1; k < to && k - from < MAX_SEQ; k++)
            items += elapsed_days(h->items + from, k - from) > 0;
    }
    for (int i = 0; items && i < W; i++)
        grad[i] /= (double)items;
    free(ones);
    free(m);
    return items ? sum / (double)items : 0.0;
}

/* ---- clipping ---- */

void fsrs_clip_weights(double w[W])
{
    static const double lo[W] = {
        FSRS_S_MIN, FSRS_S_MIN, FSRS_S_MIN, FSRS_S_MIN, FSRS_D_MIN, 0.001,
        0.001,      0.001,      0.0,        0.0,        0.001,      0.001,
        0.001,      0.001,      0.0,        0.0,        1.0,        0.0,
        0.0,        0.01,       0.1};
    static const double hi[W] = {
        100.0, 100.0, 100.0, 100.0, FSRS_D_MAX, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0,   0.25,  0.9,   4.0,   1.0,        6.0, 2.0, 2.0,  0.8, 0.8};
    for (int i = 0; i < W; i++)
        w[i] = w[i] < lo[i] ? lo[i] : w[i] > hi[i] ? hi[i] : w[i];
}

/* ---- pretraining: the initial stabilities ---- */

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
    bool *card_dropped; /* per card: its first interval is an outlier */
};

static void collect_firsts(const struct review_history *h,
                           struct pretrain_data *pd)
{
    pd->firsts = xcalloc(h->ncards ? h->ncards : 1, sizeof *pd->firsts);
    pd->card_dropped = xcalloc(h->ncards ? h->ncards : 1, sizeof(bool));
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
 * the square root of its size, plus a gentle pull to the default. */
static double pretrain_loss(const struct interval_group *g, size_t n,
                            double smoothed_total, double average, double s,
                            double default_s, const struct fsrs_params *p)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (g[i].dropped)
            continue;
        double recall = (double)g[i].recalled / (double)g[i].count;
        /* Laplace smoothing towards the overall average */
        recall = (recall * smoothed_total + average) / (smoothed_total + 1);
        double r = fsrs_retrievability(p, (double)g[i].days, s);
        sum += sqrt((double)g[i].count) *
               -(recall * log(r) + (1 - recall) * log(1 - r));
    }
    return sum + fabs(s - default_s) / 16.0;
}

/* Ternary search: the loss is unimodal in s over [0.1, 100]. */
static double search_stability(const struct interval_group *g, size_t n,
                               double average, double default_s,
                               const struct fsrs_params *p)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        if (!g[i].dropped)
            total += (double)g[i].count;
    double lo = INIT_S_MIN, hi = INIT_S_MAX;
    for (int iter = 0; iter < 200 && hi - lo > 1e-7; iter++) {
        double m1 = lo + (hi - lo) / 3.0, m2 = hi - (hi - lo) / 3.0;
        if (pretrain_loss(g, n, total, average, m1, default_s, p) <
            pretrain_loss(g, n, total, average, m2, default_s, p))
            hi = m2;
        else
            lo = m1;
    }
    return (lo + hi) / 2.0;
}

/* Keeps S0 increasing with the rating: where two disagree, the one with
 * fewer first intervals behind it gives way. */
static void make_monotonic(double s0[4], const bool known[4],
                           const long count[4])
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
 *   log S(Hard) = 0.6 log S(Again) + 0.4 log S(Good)
 *   log S(Good) = 0.4 log S(Hard) + 0.6 log S(Easy)
 * One known rating scales the defaults; two solve both relations; three
 * use the relation that names the missing one.  Returns -1 with none. */
static int fill_missing(double s0[4], const bool known[4],
                        const double defaults[4])
{
    static const double rel[2][4] = {{0.6, -1.0, 0.4, 0.0},
                                     {0.0, 0.4, -1.0, 0.6}};
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

struct pretrain_result {
    double s0[4];
    long count[4]; /* first intervals behind each rating's S0 */
    bool any;      /* false: no first intervals at all */
};

/* Groups one rating's first intervals firsts[from..to), drops its
 * outliers (marking their cards), and searches its S0. */
static void pretrain_rating(struct pretrain_data *pd, size_t from, size_t to,
                            double average, const struct fsrs_params *p,
                            struct pretrain_result *out, bool *known)
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
    long kept = 0;
    for (size_t i = 0; i < ng; i++)
        kept += g[i].dropped ? 0 : g[i].count;
    /* mark the cards whose first interval fell in a dropped group */
    for (size_t i = from; i < to; i++)
        for (size_t j = 0; j < ng; j++)
            if (g[j].days == pd->firsts[i].days) {
                pd->card_dropped[pd->firsts[i].card] = g[j].dropped;
                break;
            }
    if (kept > 0) {
        out->s0[rating - 1] =
            search_stability(g, ng, average, p->w[rating - 1], p);
        out->count[rating - 1] = kept;
        *known = true;
    }
    free(g);
}

static void pretrain(struct pretrain_data *pd, double average,
                     const struct fsrs_params *p, struct pretrain_result *out)
{
    bool known[4] = {false, false, false, false};
    memset(out, 0, sizeof *out);
    for (size_t from = 0, to; from < pd->nfirsts; from = to) {
        for (to = from; to < pd->nfirsts && pd->firsts[to].first_rating ==
                                                pd->firsts[from].first_rating;
             to++)
            ;
        pretrain_rating(pd, from, to, average, p, out,
                        &known[pd->firsts[from].first_rating - 1]);
    }
    make_monotonic(out->s0, known, out->count);
    out->any = fill_missing(out->s0, known, fsrs_default_params()->w) == 0;
    for (int i = 0; out->any && i < 4; i++)
        out->s0[i] = out->s0[i] < INIT_S_MIN   ? INIT_S_MIN
                     : out->s0[i] > INIT_S_MAX ? INIT_S_MAX
                                               : out->s0[i];
}

/* ---- training ---- */

/* splitmix64: a seeded shuffle, so a fit is reproducible. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void shuffle(size_t *v, size_t n, uint64_t *state)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(next_random(state) % i);
        size_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

struct training {
    const struct review_history *h;
    item_weight *weights; /* per item position; 0 for non-items */
    size_t *cards;        /* the cards trained on */
    size_t ncards;
    long items; /* trained items, weighted or not */
    double start[W];
};

/* Newer reviews count more: the k-th of n training items in time order
 * weighs 0.25 + 0.75 (k / (n - 1))^3. */
static void weigh_by_recency(struct training *tr)
{
    const struct review_history *h = tr->h;
    long lo = 0, hi = 0, n = 0;
    bool first = true;
    for (size_t c = 0; c < tr->ncards; c++)
        for (size_t k = h->start[tr->cards[c]] + 1;
             k < h->start[tr->cards[c] + 1]; k++)
            if (tr->weights[k] > 0.0f) {
                long day = h->items[k].day;
                lo = first || day < lo ? day : lo;
                hi = first || day > hi ? day : hi;
                first = false;
                n++;
            }
    tr->items = n;
    if (n == 0)
        return;
    /* counting sort by day: rank = items on earlier days + order within */
    size_t span = (size_t)(hi - lo) + 1;
    long *before = xcalloc(span + 1, sizeof *before);
    for (size_t c = 0; c < tr->ncards; c++)
        for (size_t k = h->start[tr->cards[c]] + 1;
             k < h->start[tr->cards[c] + 1]; k++)
            if (tr->weights[k] > 0.0f)
                before[h->items[k].day - lo + 1]++;
    for (size_t i = 1; i <= span; i++)
        before[i] += before[i - 1];
    double last = n > 1 ? (double)(n - 1) : 1.0;
    for (size_t c = 0; c < tr->ncards; c++)
        for (size_t k = h->start[tr->cards[c]] + 1;
             k < h->start[tr->cards[c] + 1]; k++)
            if (tr->weights[k] > 0.0f) {
                double rank = (double)before[h->items[k].day - lo]++;
                double x = rank / last;
                tr->weights[k] = (item_weight)(0.25 + 0.75 * x * x * x);
            }
    free(before);
}

/* Marks the training items: every item of a card whose first interval
 * was not an outlier. */
static void choose_items(struct training *tr, const struct pretrain_data *pd)
{
    const struct review_history *h = tr->h;
    tr->weights = xcalloc(h->nitems ? h->nitems : 1, sizeof *tr->weights);
    tr->cards = xcalloc(h->ncards ? h->ncards : 1, sizeof *tr->cards);
    tr->ncards = 0;
    for (size_t c = 0; c < h->ncards; c++) {
        if (pd->card_dropped[c])
            continue;
        bool any = false;
        const struct history_item *it = h->items + h->start[c];
        for (size_t k = 1; k < h->start[c + 1] - h->start[c]; k++)
            if (elapsed_days(it, k) > 0) {
                tr->weights[h->start[c] + k] = 1.0f;
                any = true;
            }
        if (any)
            tr->cards[tr->ncards++] = c;
    }
    weigh_by_recency(tr);
}

/* sum of ((w - start) / stddev)^2, and its gradient scaled by `scale` */
static double penalty(const double w[W], const double start[W], double scale,
                      double grad[W])
{
    double sum = 0.0;
    for (int i = 0; i < W; i++) {
        double z = (w[i] - start[i]) / WEIGHT_STDDEV[i];
        sum += z * z;
        if (grad)
            grad[i] += scale * 2.0 * z / WEIGHT_STDDEV[i];
    }
    return sum;
}

/* The training objective over every training item: weighted log loss
 * plus the penalty, per item.  What picks the best epoch. */
static double objective(const struct training *tr, const double w[W])
{
    struct fsrs_params p = params_of(w);
    const struct review_history *h = tr->h;
    double sum = 0.0;
    long items = 0;
    for (size_t c = 0; c < tr->ncards; c++) {
        size_t from = h->start[tr->cards[c]], to = h->start[tr->cards[c] + 1];
        size_t n = to - from < MAX_SEQ ? to - from : MAX_SEQ;
        sum += card_loss(&p, h->items + from, n, tr->weights + from, &items);
    }
    sum += PENALTY_GAMMA * penalty(w, tr->start, 0.0, NULL);
    return items ? sum / (double)items : 0.0;
}

struct adam {
    double m[W], v[W];
    long t;
};

static void adam_step(struct adam *a, double w[W], const double grad[W],
                      double lr)
{
    a->t++;
    double c1 = 1.0 - pow(ADAM_BETA1, (double)a->t);
    double c2 = 1.0 - pow(ADAM_BETA2, (double)a->t);
    for (int i = 0; i < W; i++) {
        double g = isfinite(grad[i]) ? grad[i] : 0.0;
        a->m[i] = ADAM_BETA1 * a->m[i] + (1 - ADAM_BETA1) * g;
        a->v[i] = ADAM_BETA2 * a->v[i] + (1 - ADAM_BETA2) * g * g;
        w[i] -= lr * (a->m[i] / c1) / (sqrt(a->v[i] / c2) + ADAM_EPS);
    }
    fsrs_clip_weights(w);
}

/* One mini-batch from cards order[*next ..]: adds cards until it holds
 * BATCH_ITEMS items, takes one Adam step.  Returns the items used. */
static long train_batch(const struct training *tr, const size_t *order,
                        size_t *next, struct adam *adam, double w[W], double lr)
{
    const struct review_history *h = tr->h;
    struct dual_model *m = xcalloc(1, sizeof *m);
    double grad[W] = {0};
    long items = 0;
    dual_model_init(m, w);
    while (*next < tr->ncards && items < BATCH_ITEMS) {
        size_t c = tr->cards[order[(*next)++]];
        size_t from = h->start[c], to = h->start[c + 1];
        card_gradient(m, h->items + from, to - from, tr->weights + from, grad);
        for (size_t k = from + 1; k < to && k - from < MAX_SEQ; k++)
            items += tr->weights[k] > 0.0f;
    }
    penalty(w, tr->start,
            PENALTY_GAMMA * (double)items / (double)(tr->items ? tr->items : 1),
            grad);
    adam_step(adam, w, grad, lr);
    free(m);
    return items;
}

/* Five epochs over the cards in a fresh shuffled order each, the
 * learning rate falling along a cosine over all the steps; the weights
 * after the best epoch (by the objective) are kept in best. */
static void train(const struct training *tr, double best[W],
                  fsrs_progress_fn progress, void *ctx)
{
    double w[W];
    memcpy(w, tr->start, sizeof w);
    memcpy(best, tr->start, sizeof w);
    double best_objective = objective(tr, w);
    struct adam adam;
    memset(&adam, 0, sizeof adam);
    size_t *order = xcalloc(tr->ncards, sizeof *order);
    for (size_t i = 0; i < tr->ncards; i++)
        order[i] = i;
    uint64_t seed = SHUFFLE_SEED;
    long steps = (tr->items / BATCH_ITEMS + 1) * EPOCHS, step = 0, done = 0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        shuffle(order, tr->ncards, &seed);
        for (size_t next = 0; next < tr->ncards;) {
            double lr = LEARNING_RATE * 0.5 *
                        (1.0 + cos(PI * (double)step / (double)steps));
            step += step < steps;
            done += train_batch(tr, order, &next, &adam, w, lr);
            if (progress)
                progress(ctx, done, tr->items * EPOCHS);
        }
        double o = objective(tr, w);
        if (o < best_objective) {
            best_objective = o;
            memcpy(best, w, sizeof w);
        }
    }
    free(order);
}

static double average_recall(const struct review_history *h)
{
    long items = 0, recalled = 0;
    for (size_t c = 0; c < h->ncards; c++) {
        const struct history_item *it = h->items + h->start[c];
        for (size_t k = 1; k < h->start[c + 1] - h->start[c]; k++)
            if (elapsed_days(it, k) > 0) {
                items++;
                recalled += rating_at(it, k) > FSRS_AGAIN;
            }
    }
    return items ? (double)recalled / (double)items : 0.0;
}

int fsrs_optimize(const struct review_history *h, const double start[W],
                  fsrs_progress_fn progress, void *ctx, struct fsrs_fit *fit)
{
    memset(fit, 0, sizeof *fit);
    memcpy(fit->w, start, sizeof fit->w);
    fit->start_loss = fsrs_log_loss(h, start, &fit->items);
    fit->loss = fit->start_loss;
    if (fit->items < FSRS_FIT_MIN_ITEMS)
        return -1;

    struct fsrs_params p = params_of(start);
    struct pretrain_data pd;
    struct pretrain_result pre;
    collect_firsts(h, &pd);
    pretrain(&pd, average_recall(h), &p, &pre);

    struct training tr = {.h = h};
    memcpy(tr.start, start, sizeof tr.start);
    if (pre.any)
        memcpy(tr.start, pre.s0, sizeof pre.s0);
    fsrs_clip_weights(tr.start);
    choose_items(&tr, &pd);
    fit->cards = (long)tr.ncards;

    train(&tr, fit->w, progress, ctx);
    bool known[4] = {true, true, true, true};
    make_monotonic(fit->w, known, pre.count);
    fsrs_clip_weights(fit->w);
    long items;
    fit->loss = fsrs_log_loss(h, fit->w, &items);

    free(tr.weights);
    free(tr.cards);
    free(pd.firsts);
    free(pd.card_dropped);
    return 0;
}
