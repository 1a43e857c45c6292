/* optimize.c: fit, compare, adopt (optimize.h). */
#include "rehearse/optimize.h"
#include "rehearse/fsrs_weights.h"
#include "rehearse/replay.h"
#include "rehearse/review_history_load.h"
#include "rehearse/schedule.h"

#include <string.h>

/* Stores `fitted` (NULL: removes the fitted weights) and refills every
 * card's FSRS state with what is then in use, all in one transaction. */
static int switch_weights(struct store *st, const struct config *c,
                          const struct fitted_weights *fitted,
                          struct error *err)
{
    struct fsrs_params before = *store_fsrs_params(st);
    bool removed;
    if (store_begin(st))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    int rc = fitted ? store_fitted_weights_set(st, fitted)
                    : store_fitted_weights_clear(st, &removed);
    if (rc)
        error_set(err, ERROR_FAIL, "%s", store_error(st));
    else
        rc = collection_use_model(st, c, err);
    if (rc == 0)
        rc = replay_fill_all_fsrs(st, store_fsrs_params(st), NULL, err);
    if (rc == 0 && store_commit(st))
        rc = error_set(err, ERROR_FAIL, "%s", store_error(st));
    if (rc) {
        store_rollback(st);
        store_set_fsrs_params(st, &before);
    }
    return rc;
}

int optimize_collection(struct store *st, const struct config *c, bool dry_run,
                        time_t now, fsrs_progress_fn progress, void *ctx,
                        struct optimize_result *out, struct error *err)
{
    struct fitted_weights in_use;
    struct review_history h;
    memset(out, 0, sizeof *out);
    if (store_fitted_weights_get(st, &in_use, &out->had_fitted))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    if (review_history_load(st, &h, err))
        return -1;
    out->reviews = (long)h.nitems;
    /* The fit starts from the defaults and reports their loss: with no
     * fitted weights in use that is the current loss already. */
    int fitted =
        fsrs_optimize(&h, fsrs_default_params()->w, progress, ctx, &out->fit);
    long items;
    out->current_loss =
        out->had_fitted ? fsrs_log_loss(&h, store_fsrs_params(st)->w, &items)
                        : out->fit.start_loss;
    review_history_free(&h);
    if (fitted != 0) {
        error_set(err, ERROR_FAIL,
                  "fitting FSRS needs at least %d reviews made on a later "
                  "day than the card's previous review; this collection "
                  "has %ld",
                  FSRS_FIT_MIN_ITEMS, out->fit.items);
        error_hint(err, "keep studying: FSRS-6's default weights are in use "
                        "until then");
        return -1;
    }
    if (dry_run || !(out->fit.loss < out->current_loss))
        return 0;
    struct fitted_weights next = {.reviews = out->fit.items,
                                  .loss = out->fit.loss,
                                  .previous_loss = out->current_loss,
                                  .fitted_at = now};
    memcpy(next.w, out->fit.w, sizeof next.w);
    if (switch_weights(st, c, &next, err))
        return -1;
    out->adopted = true;
    return 0;
}

int optimize_reset(struct store *st, const struct config *c, bool *removed,
                   struct error *err)
{
    struct fitted_weights in_use;
    if (store_fitted_weights_get(st, &in_use, removed))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    return *removed ? switch_weights(st, c, NULL, err) : 0;
}
