/* fsrs_optimize.c: fitting FSRS-6's weights to a review history, as
 * fsrs-rs fits them (fsrs_optimize.h; docs/scheduling.md, "Fitting the
 * weights").  Written here from fsrs-rs's documented method and
 * constants; the committed runs of fsrs-rs itself (tests/data/fsrs/
 * train-*) are what tests/unit/test_fsrs_optimize.c holds this to. */
#include "rehearse/fsrs_optimize.h"
#include "fsrs_dual.h"
#include "fsrs_fit.h"
#include "rehearse/util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define W FSRS_WEIGHTS

/* ---- training constants (fsrs-rs's) ---- */

enum {
    EPOCHS = FSRS_FIT_EPOCHS,
    BATCH_ITEMS = 512, /* items per mini-batch, at least */
    MAX_SEQ = 256,     /* an item longer than this many reviews is not
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
static const uint64_t SHUFFLE_SEED = 2023;
static const double PI = 3.14159265358979323846;

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

/* ---- training ---- */

/* A seeded shuffle (splitmix64), so a fit is reproducible. */
static void shuffle(size_t *v, size_t n, uint64_t *state)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(splitmix64(state) % i);
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
    long items; /* items trained on */
    double start[W];
    int epochs;
    long batch_items;
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
static void choose_items(struct training *tr, const struct pretrain_result *pre)
{
    const struct review_history *h = tr->h;
    tr->weights = xcalloc(h->nitems ? h->nitems : 1, sizeof *tr->weights);
    tr->cards = xcalloc(h->ncards ? h->ncards : 1, sizeof *tr->cards);
    tr->ncards = 0;
    for (size_t c = 0; c < h->ncards; c++) {
        if (pre->card_dropped[c])
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
    /* Items past a card's MAX_SEQ-th review are weighed, then left out
     * (their neighbours keep their weights). */
    for (size_t c = 0; c < tr->ncards; c++) {
        size_t from = h->start[tr->cards[c]], to = h->start[tr->cards[c] + 1];
        for (size_t k = from + MAX_SEQ; k < to; k++)
            if (tr->weights[k] > 0.0f) {
                tr->weights[k] = 0.0f;
                tr->items--;
            }
    }
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
 * tr->batch_items items, takes one Adam step.  Returns the items used. */
static long train_batch(const struct training *tr, const size_t *order,
                        size_t *next, struct adam *adam, double w[W], double lr)
{
    const struct review_history *h = tr->h;
    struct dual_model *m = xcalloc(1, sizeof *m);
    double grad[W] = {0};
    long items = 0;
    dual_model_init(m, w);
    while (*next < tr->ncards && items < tr->batch_items) {
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

/* The epochs (five) over the cards in a fresh shuffled order each, the
 * learning rate falling along a cosine over all the steps; the weights
 * after the best epoch (by the objective; a later one must be strictly
 * better) are kept in best, and with no epochs the starting weights. */
static void train(const struct training *tr, double best[W],
                  fsrs_progress_fn progress, void *ctx)
{
    double w[W];
    memcpy(w, tr->start, sizeof w);
    memcpy(best, tr->start, sizeof w);
    double best_objective = INFINITY;
    struct adam adam;
    memset(&adam, 0, sizeof adam);
    size_t *order = xcalloc(tr->ncards, sizeof *order);
    for (size_t i = 0; i < tr->ncards; i++)
        order[i] = i;
    uint64_t seed = SHUFFLE_SEED;
    long steps = (tr->items / tr->batch_items + 1) * tr->epochs, step = 0;
    long done = 0;
    for (int epoch = 0; epoch < tr->epochs; epoch++) {
        shuffle(order, tr->ncards, &seed);
        for (size_t next = 0; next < tr->ncards;) {
            double lr = LEARNING_RATE * 0.5 *
                        (1.0 + cos(PI * (double)step / (double)steps));
            step += step < steps;
            done += train_batch(tr, order, &next, &adam, w, lr);
            if (progress)
                progress(ctx, done, tr->items * tr->epochs);
        }
        double o = objective(tr, w);
        if (o < best_objective) {
            best_objective = o;
            memcpy(best, w, sizeof w);
        }
    }
    free(order);
}

int fsrs_optimize(const struct review_history *h, const double start[W],
                  fsrs_progress_fn progress, void *ctx, struct fsrs_fit *fit)
{
    static const struct fsrs_fit_options defaults = {EPOCHS, BATCH_ITEMS};
    return fsrs_optimize_with(h, start, &defaults, progress, ctx, fit);
}

int fsrs_optimize_with(const struct review_history *h, const double start[W],
                       const struct fsrs_fit_options *opts,
                       fsrs_progress_fn progress, void *ctx,
                       struct fsrs_fit *fit)
{
    memset(fit, 0, sizeof *fit);
    memcpy(fit->w, start, sizeof fit->w);
    fit->start_loss = fsrs_log_loss(h, start, &fit->items);
    fit->loss = fit->start_loss;
    if (fit->items < FSRS_FIT_MIN_ITEMS)
        return -1;

    struct pretrain_result pre;
    fsrs_pretrain(h, &pre);

    struct training tr = {
        .h = h, .epochs = opts->epochs, .batch_items = opts->batch_items};
    memcpy(tr.start, start, sizeof tr.start);
    if (pre.any)
        memcpy(tr.start, pre.s0, sizeof pre.s0);
    fsrs_clip_weights(tr.start);
    choose_items(&tr, &pre);
    fit->cards = (long)tr.ncards;
    fit->trained = tr.items;

    train(&tr, fit->w, progress, ctx);
    bool known[4] = {true, true, true, true};
    fsrs_make_monotonic(fit->w, known, pre.count);
    fsrs_clip_weights(fit->w);
    long items;
    fit->loss = fsrs_log_loss(h, fit->w, &items);

    free(tr.weights);
    free(tr.cards);
    free(pre.card_dropped);
    return 0;
}
