/* fsrs_dual.h: FSRS-6's formulas on dual numbers, for the optimiser's
 * exact gradients (fsrs_optimize.c only).
 *
 * A dual carries a value and its 21 partial derivatives by the weights;
 * each operation applies the chain rule.  The formulas repeat fsrs.c's
 * term by term; tests/unit/test_fsrs_optimize.c holds the two to the same
 * values and the derivatives to finite differences, so they cannot
 * drift apart.  Inline, in a header, because the optimiser spends its
 * time here. */
#ifndef REHEARSE_FSRS_DUAL_H
#define REHEARSE_FSRS_DUAL_H

#include "rehearse/fsrs.h"

#include <math.h>
#include <string.h>

#define W FSRS_WEIGHTS

/* A value with its partial derivatives by each of the 21 weights. */
typedef struct {
    double v;
    double d[W];
} dual;

static inline dual d_const(double v)
{
    dual r;
    memset(&r, 0, sizeof r);
    r.v = v;
    return r;
}

static inline dual d_weight(const double *w, int i)
{
    dual r = d_const(w[i]);
    r.d[i] = 1.0;
    return r;
}

/* a * x + b * y for duals x, y: the one loop every operation below
 * reduces to, with the chain rule's factors in a and b. */
static inline dual d_lin(double v, double a, const dual *x, double b,
                         const dual *y)
{
    dual r;
    r.v = v;
    for (int i = 0; i < W; i++)
        r.d[i] = a * x->d[i] + b * y->d[i];
    return r;
}

static inline dual d_scale(double v, double a, const dual *x)
{
    dual r;
    r.v = v;
    for (int i = 0; i < W; i++)
        r.d[i] = a * x->d[i];
    return r;
}

static inline dual d_add(dual x, dual y)
{
    return d_lin(x.v + y.v, 1.0, &x, 1.0, &y);
}
static inline dual d_sub(dual x, dual y)
{
    return d_lin(x.v - y.v, 1.0, &x, -1.0, &y);
}
static inline dual d_mul(dual x, dual y)
{
    return d_lin(x.v * y.v, y.v, &x, x.v, &y);
}
static inline dual d_div(dual x, dual y)
{
    return d_lin(x.v / y.v, 1.0 / y.v, &x, -x.v / (y.v * y.v), &y);
}
static inline dual d_addk(dual x, double k)
{
    x.v += k;
    return x;
}
static inline dual d_mulk(dual x, double k)
{
    return d_scale(x.v * k, k, &x);
}
static inline dual d_exp(dual x)
{
    double e = exp(x.v);
    return d_scale(e, e, &x);
}
/* x^y, x > 0 */
static inline dual d_pow(dual x, dual y)
{
    double p = pow(x.v, y.v);
    return d_lin(p, p * y.v / x.v, &x, p * log(x.v), &y);
}
/* A clamped value moves with nothing. */
static inline dual d_clamp(dual x, double lo, double hi)
{
    if (x.v < lo)
        return d_const(lo);
    if (x.v > hi)
        return d_const(hi);
    return x;
}
static inline dual d_min(dual x, dual y)
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

static inline dual d_initial_difficulty(const struct dual_model *m, int rating)
{
    /* w4 - e^(w5 (G - 1)) + 1 */
    return d_addk(d_sub(m->w[4], d_exp(d_mulk(m->w[5], rating - 1))), 1.0);
}

static inline void dual_model_init(struct dual_model *m, const double *w)
{
    for (int i = 0; i < W; i++)
        m->w[i] = d_weight(w, i);
    m->neg_decay = d_mulk(m->w[20], -1.0);
    dual inv = d_div(d_const(-1.0), m->w[20]);
    m->factor = d_addk(d_pow(d_const(0.9), inv), -1.0);
    m->d0_easy = d_initial_difficulty(m, FSRS_EASY);
}

static inline dual d_retrievability(const struct dual_model *m, double t,
                                    dual s)
{
    dual base = d_addk(d_div(d_mulk(m->factor, t), s), 1.0);
    return d_pow(base, m->neg_decay);
}

static inline dual d_next_difficulty(const struct dual_model *m, dual d,
                                     int rating)
{
    /* damped = D + (-w6 (G - 3)) (10 - D) / 9 */
    dual delta = d_mulk(m->w[6], -(rating - 3));
    dual damped =
        d_add(d, d_mulk(d_mul(delta, d_addk(d_mulk(d, -1.0), 10.0)), 1 / 9.0));
    dual reverted = d_add(d_mul(m->w[7], m->d0_easy),
                          d_mul(d_addk(d_mulk(m->w[7], -1.0), 1.0), damped));
    return d_clamp(reverted, FSRS_D_MIN, FSRS_D_MAX);
}

static inline dual d_short_term(const struct dual_model *m, dual s, int rating)
{
    dual inc = d_mul(d_pow(s, d_mulk(m->w[19], -1.0)),
                     d_exp(d_mul(m->w[17], d_addk(m->w[18], rating - 3))));
    if (rating >= FSRS_HARD && inc.v < 1.0)
        inc = d_const(1.0);
    return d_clamp(d_mul(s, inc), FSRS_S_MIN, FSRS_S_MAX);
}

static inline dual d_recall_stability(const struct dual_model *m, dual s,
                                      dual d, dual r, int rating)
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

static inline dual d_forget_stability(const struct dual_model *m, dual s,
                                      dual d, dual r)
{
    const dual *w = m->w;
    dual f = d_mul(w[11], d_pow(d, d_mulk(w[12], -1.0)));
    f = d_mul(f, d_addk(d_pow(d_addk(s, 1.0), w[13]), -1.0));
    f = d_mul(f, d_exp(d_mul(w[14], d_addk(d_mulk(r, -1.0), 1.0))));
    dual cap = d_div(s, d_exp(d_mul(w[17], w[18])));
    return d_clamp(d_min(f, cap), FSRS_S_MIN, FSRS_S_MAX);
}

#undef W

#endif
