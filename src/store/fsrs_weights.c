/* fsrs_weights.c: the one row of fitted FSRS-6 weights (fsrs_weights.h).
 *
 * The weights travel as a JSON array: written with 17 significant digits,
 * so a double reads back exactly, and read through json_each, so no C
 * code here parses JSON. */
#include "rehearse/fsrs_weights.h"
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int store_fitted_weights_get(struct store *st, struct fitted_weights *out,
                             bool *present)
{
    static const char sql[] =
        "SELECT j.value, f.reviews, f.loss, f.previous_loss, f.fitted_at "
        "FROM fsrs_weights f, json_each(f.weights) j ORDER BY j.key";
    memset(out, 0, sizeof *out);
    *present = false;
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    int rc, n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < FSRS_WEIGHTS) {
        out->w[n++] = sqlite3_column_double(s, 0);
        out->reviews = (long)sqlite3_column_int64(s, 1);
        out->loss = sqlite3_column_double(s, 2);
        out->previous_loss = sqlite3_column_double(s, 3);
        out->fitted_at = (time_t)sqlite3_column_int64(s, 4);
    }
    if (rc == SQLITE_ROW)
        rc = SQLITE_DONE; /* the CHECK keeps it at 21; never read past */
    if (db_done(st, s, rc, "cannot read the fitted FSRS weights"))
        return -1;
    *present = n == FSRS_WEIGHTS;
    return 0;
}

int store_fitted_weights_set(struct store *st, const struct fitted_weights *in)
{
    static const char sql[] =
        "INSERT INTO fsrs_weights (id, weights, reviews, loss, previous_loss,"
        " fitted_at) VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO "
        "UPDATE SET weights = excluded.weights, reviews = excluded.reviews, "
        "loss = excluded.loss, previous_loss = excluded.previous_loss, "
        "fitted_at = excluded.fitted_at";
    char json[FSRS_WEIGHTS * 26 + 4];
    size_t used = 0;
    json[used++] = '[';
    for (int i = 0; i < FSRS_WEIGHTS; i++) {
        if (!isfinite(in->w[i]))
            return db_failf(st, "FSRS weight w%d is not a finite number", i);
        used += (size_t)snprintf(json + used, sizeof json - used, "%s%.17g",
                                 i ? "," : "", in->w[i]);
    }
    snprintf(json + used, sizeof json - used, "]");
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_text(s, 1, json);
    sqlite3_bind_int64(s, 2, in->reviews);
    sqlite3_bind_double(s, 3, in->loss);
    sqlite3_bind_double(s, 4, in->previous_loss);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)in->fitted_at);
    return db_run(st, s, "cannot save the fitted FSRS weights");
}

int store_fitted_weights_clear(struct store *st, bool *removed)
{
    static const char sql[] = "DELETE FROM fsrs_weights";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    if (db_run(st, s, "cannot remove the fitted FSRS weights"))
        return -1;
    *removed = sqlite3_changes(st->db) > 0;
    return 0;
}
