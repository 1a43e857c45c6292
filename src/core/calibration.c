/* calibration.c: log loss, RMSE(bins) and AUC of each memory model over
 * a review history (calibration.h), for `rehearse stats --calibration`.
 *
 * The metrics follow srs-benchmark's definitions (its evaluate() and
 * rmse_matrix() in utils.py, and the review features of
 * features/base.py), so that a user's numbers can be set beside the
 * published ones; docs/scheduling.md gives the details and where each
 * comes from.  Written for a million reviews: one walk over the history
 * per pass, constant work per review, and one sort per model for AUC. */
#include "rehearse/calibration.h"
#include "rehearse/util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CALIB_CELLS (CALIB_ELAPSED_BINS * CALIB_NTH_BINS * CALIB_LAPSE_BINS)

void calib_acc_init(struct calib_acc *a)
{
    memset(a, 0, sizeof *a);
    a->cells = xcalloc(CALIB_CELLS, sizeof *a->cells);
}

/* floor(log(x) / log(base)) within [0, limit - 1], x >= 1. */
static int log_bin(long x, double base, int limit)
{
    int e = (int)floor(log((double)x) / log(base));
    return e < 0 ? 0 : e >= limit ? limit - 1 : e;
}

/* srs-benchmark groups reviews by rounded powers of 3.62, 1.89 and 1.73;
 * distinct exponents always round to distinct values at these bases, so
 * grouping by the exponents makes the same groups. */
static size_t cell_of(const struct calib_review *r)
{
    size_t e = (size_t)log_bin(r->elapsed, 3.62, CALIB_ELAPSED_BINS);
    size_t n = (size_t)log_bin(r->nth, 1.89, CALIB_NTH_BINS);
    size_t l = r->lapses <= 0
                   ? 0
                   : 1 + (size_t)log_bin(r->lapses, 1.73, CALIB_LAPSE_BINS - 1);
    return (e * CALIB_NTH_BINS + n) * CALIB_LAPSE_BINS + l;
}

/* A probability's bits: for doubles >= +0 they order as the numbers do,
 * which lets AUC sort them by radix. */
static void push(uint64_t **v, size_t *n, size_t *cap, double p)
{
    uint64_t key;
    memcpy(&key, &p, sizeof key);
    *v = xgrow(*v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = key;
}

static void add_to(struct calib_cell *c, double p, bool recalled)
{
    c->predicted += p;
    c->recalled += recalled;
    c->reviews++;
}

void calib_acc_add(struct calib_acc *a, double p, const struct calib_review *r)
{
    p = p > 0.0 ? (p < 1.0 ? p : 1.0) : 0.0; /* NaN and -0 become +0 */
    double clipped = p < DBL_EPSILON         ? DBL_EPSILON
                     : p > 1.0 - DBL_EPSILON ? 1.0 - DBL_EPSILON
                                             : p;
    a->loss -= r->recalled ? log(clipped) : log(1.0 - clipped);
    a->reviews++;
    if (r->recalled)
        push(&a->pass, &a->npass, &a->pass_cap, p);
    else
        push(&a->fail, &a->nfail, &a->fail_cap, p);
    add_to(&a->cells[cell_of(r)], p, r->recalled);
    int tenth = (int)(p * CALIB_CHART_BINS);
    tenth = tenth < 0                   ? 0
            : tenth >= CALIB_CHART_BINS ? CALIB_CHART_BINS - 1
                                        : tenth;
    add_to(&a->chart[tenth], p, r->recalled);
}

/* Sorts keys ascending: a least-significant-digit radix sort, 16 bits a
 * pass, skipping a pass where every key has the same digit (most of the
 * top bits of numbers in [0, 1]).  Over a million reviews (800k judged)
 * it took judging the models from 0.66-0.85 s with qsort to 0.56-0.65 s. */
static void sort_keys(uint64_t *v, size_t n)
{
    enum { DIGIT = 16, BUCKETS = 1 << DIGIT };
    size_t *count = xmalloc(BUCKETS * sizeof *count);
    uint64_t *tmp = xmalloc((n ? n : 1) * sizeof *tmp), *from = v, *to = tmp;
    for (int shift = 0; shift < 64; shift += DIGIT) {
        memset(count, 0, BUCKETS * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(from[i] >> shift) & (BUCKETS - 1)]++;
        if (n == 0 || count[(from[0] >> shift) & (BUCKETS - 1)] == n)
            continue; /* one digit for all: this pass would change nothing */
        for (size_t d = 0, sum = 0; d < BUCKETS; d++) {
            size_t k = count[d];
            count[d] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            to[count[(from[i] >> shift) & (BUCKETS - 1)]++] = from[i];
        uint64_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != v)
        memcpy(v, from, n * sizeof *v);
    free(tmp);
    free(count);
}

/* The Mann-Whitney count over sorted lists: for each recalled review,
 * the forgotten ones predicted lower, plus half of those predicted the
 * same, over all pairs. */
static double auc_of(struct calib_acc *a)
{
    sort_keys(a->pass, a->npass);
    sort_keys(a->fail, a->nfail);
    double wins = 0.0;
    size_t below = 0, upto = 0;
    for (size_t i = 0; i < a->npass; i++) {
        uint64_t p = a->pass[i];
        while (below < a->nfail && a->fail[below] < p)
            below++;
        if (upto < below)
            upto = below;
        while (upto < a->nfail && a->fail[upto] <= p)
            upto++;
        wins += (double)below + 0.5 * (double)(upto - below);
    }
    return wins / ((double)a->npass * (double)a->nfail);
}

static double rmse_bins_of(const struct calib_acc *a)
{
    double sum = 0.0;
    for (size_t i = 0; i < CALIB_CELLS; i++) {
        const struct calib_cell *c = &a->cells[i];
        if (c->reviews == 0)
            continue;
        double gap = (c->predicted - c->recalled) / (double)c->reviews;
        sum += (double)c->reviews * gap * gap;
    }
    return sqrt(sum / (double)a->reviews);
}

void calib_acc_finish(struct calib_acc *a, struct calib_metrics *out)
{
    memset(out, 0, sizeof *out);
    out->reviews = a->reviews;
    if (a->reviews > 0) {
        out->log_loss = a->loss / (double)a->reviews;
        out->rmse_bins = rmse_bins_of(a);
    }
    out->auc_defined = a->npass > 0 && a->nfail > 0;
    if (out->auc_defined)
        out->auc = auc_of(a);
    for (int i = 0; i < CALIB_CHART_BINS; i++) {
        const struct calib_cell *c = &a->chart[i];
        out->chart[i].reviews = c->reviews;
        if (c->reviews > 0) {
            out->chart[i].predicted = c->predicted / (double)c->reviews;
            out->chart[i].actual = c->recalled / (double)c->reviews;
        }
    }
    free(a->pass);
    free(a->fail);
    free(a->cells);
    memset(a, 0, sizeof *a);
}

/* ---- walking the history ---- */

struct judge {
    const struct fsrs_params *params[2]; /* default, fitted (or NULL) */
    bool counting; /* the first pass: only count the judged reviews */
    long reviews, recalled;
    double average; /* the recall rate, once counted */
    struct calib_acc acc[CALIB_MODELS];
};

/* One card's models as the walk reaches each of its items. */
struct card_walk {
    struct fsrs_memory memory[2]; /* as params[] */
    bool graded;   /* a grade (not only repeats) so far: FSRS has started */
    long last_day; /* the previous item's day */
    long sm2_day;  /* the previous grade's: SM-2 ignores repeats */
    long nth, lapses;
};

static void predict(struct judge *j, struct card_walk *c,
                    const struct history_item *it)
{
    struct calib_review r = {
        .elapsed = it->day - c->last_day,
        .nth = ++c->nth,
        .lapses = c->lapses,
        .recalled = it->grade >= 3,
    };
    if (!r.recalled)
        c->lapses++;
    if (j->counting) {
        j->reviews++;
        j->recalled += r.recalled;
        return;
    }
    /* SM-2 meant R = 0.9 when the interval is up: srs-benchmark's
     * conversion, R = 0.9^(t / I). */
    double interval = it->sm2_interval >= 1 ? it->sm2_interval : 1;
    double t = (double)(it->day - c->sm2_day);
    calib_acc_add(&j->acc[CALIB_SM2], pow(0.9, t / interval), &r);
    for (int k = 0; k < 2; k++)
        if (j->params[k])
            calib_acc_add(&j->acc[CALIB_FSRS_DEFAULT + k],
                          fsrs_retrievability(j->params[k], (double)r.elapsed,
                                              c->memory[k].stability),
                          &r);
    calib_acc_add(&j->acc[CALIB_AVERAGE], j->average, &r);
}

/* Moves the card's models past one item, as studying moved them. */
static void learn(struct judge *j, struct card_walk *c,
                  const struct history_item *it, int rating)
{
    long elapsed =
        c->graded && it->day > c->last_day ? it->day - c->last_day : 0;
    for (int k = 0; k < 2 && !j->counting; k++)
        if (j->params[k])
            c->memory[k] = fsrs_next(j->params[k], c->memory[k], elapsed,
                                     (enum fsrs_rating)rating);
    c->last_day = it->day;
    if (!it->repeat)
        c->sm2_day = it->day;
}

static void walk_card(struct judge *j, const struct history_item *items,
                      size_t n)
{
    struct card_walk c;
    memset(&c, 0, sizeof c);
    c.nth = 1; /* the card's first grade is review 1 */
    for (size_t i = 0; i < n; i++) {
        const struct history_item *it = &items[i];
        int rating = fsrs_rating_of_grade(it->grade);
        /* A repeat before any grade moves nothing, as in the scheduler. */
        if (rating == 0 || (it->repeat && !c.graded))
            continue;
        if (c.graded && it->day > c.last_day)
            predict(j, &c, it);
        learn(j, &c, it, rating);
        c.graded = true;
    }
}

static void walk(struct judge *j, const struct review_history *h)
{
    for (size_t i = 0; i < h->ncards; i++)
        walk_card(j, h->items + h->start[i], h->start[i + 1] - h->start[i]);
}

void calibration_judge(const struct review_history *h,
                       const struct fsrs_params *fsrs,
                       const struct fsrs_params *fitted,
                       struct calib_report *out)
{
    struct judge j;
    memset(&j, 0, sizeof j);
    memset(out, 0, sizeof *out);
    j.params[0] = fsrs;
    j.params[1] = fitted;
    /* The average baseline needs the recall rate before it can predict:
     * a first pass counts, the second judges every model. */
    j.counting = true;
    walk(&j, h);
    j.average = j.reviews ? (double)j.recalled / (double)j.reviews : 0.0;
    j.counting = false;
    for (int m = 0; m < CALIB_MODELS; m++)
        calib_acc_init(&j.acc[m]);
    walk(&j, h);
    out->reviews = j.reviews;
    out->recalled = j.recalled;
    for (int m = 0; m < CALIB_MODELS; m++) {
        out->judged[m] = m != CALIB_FSRS_FITTED || fitted != NULL;
        calib_acc_finish(&j.acc[m], &out->model[m]);
    }
}

const char *calib_model_name(enum calib_model m)
{
    static const char *const names[] = {"SM-2", "FSRS-6 default",
                                        "FSRS-6 fitted", "average"};
    return (unsigned)m < CALIB_MODELS ? names[m] : "?";
}

const char *calib_model_id(enum calib_model m)
{
    static const char *const ids[] = {"sm2", "fsrs6_default", "fsrs6_fitted",
                                      "average"};
    return (unsigned)m < CALIB_MODELS ? ids[m] : "?";
}
