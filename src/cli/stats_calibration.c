/* stats_calibration.c: `rehearse stats --calibration`: how well each
 * memory model predicted your own recall, every review predicted from
 * the reviews of its card before it (core/calibration.c), as a table
 * beside a chart of predicted against actual recall, or as JSON.
 *
 * SM-2 was the default scheduler and FSRS-6 the new one: this is where a
 * user can see, on their own history and by srs-benchmark's measures,
 * which of them knows their memory better.  docs/scheduling.md
 * ("Reading the calibration table") explains the numbers. */
#include "rehearse/stats_calibration.h"

#include "rehearse/calibration.h"
#include "rehearse/chart.h"
#include "rehearse/fsrs_weights.h"
#include "rehearse/listing.h"
#include "rehearse/render.h"
#include "rehearse/review_history_load.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define METER_MAX 40 /* the chart's bars at their widest, in columns */
#define ROW_HEAD 25  /* "  90-100% 1234567   93% " before a bar */

/* Prints text wrapped to `width` columns (print_wrapped). */
static void say(int width, const char *text)
{
    print_wrapped(width, text);
}

static void print_table(const struct calib_report *r, int width)
{
    /* 14 + 9 + 11 + 6 = 40 columns; the reviews column when it fits */
    bool count = width >= 49;
    printf("%-14s %8s %10s %5s%s\n", "model", "log loss", "RMSE(bins)", "AUC",
           count ? "   reviews" : "");
    for (int m = 0; m < CALIB_MODELS; m++) {
        const struct calib_metrics *x = &r->model[m];
        if (!r->judged[m])
            continue;
        char auc[16] = "    -";
        if (x->auc_defined)
            snprintf(auc, sizeof auc, "%5.3f", x->auc);
        printf("%-14s %8.4f %10.4f %s", calib_model_name((enum calib_model)m),
               x->log_loss, x->rmse_bins, auc);
        if (count)
            printf(" %9ld", x->reviews);
        putchar('\n');
    }
}

/* The model the chart shows: the lowest log loss but the average's. */
static enum calib_model best_model(const struct calib_report *r)
{
    enum calib_model best = CALIB_SM2;
    for (int m = CALIB_SM2; m < CALIB_AVERAGE; m++)
        if (r->judged[m] &&
            r->model[m].log_loss < r->model[best].log_loss - 1e-12)
            best = (enum calib_model)m;
    return best;
}

static long percent(double share)
{
    return (long)(share * 100.0 + 0.5);
}

static void chart_row(int bin, const struct calib_chart_bin *b, int cells,
                      const struct chart_style *st, struct strbuf *sb)
{
    char label[16];
    snprintf(label, sizeof label, "%d-%d%%", bin * 10, bin * 10 + 10);
    int filled = (int)(b->actual * cells + 0.5);
    int mark = (int)(b->predicted * cells);
    mark = mark >= cells ? cells - 1 : mark;
    printf("  %-7s %7ld %4ld%% ", label, b->reviews, percent(b->actual));
    chart_meter(sb, filled, mark, st);
    puts(sb->buf);
    sb_reset(sb);
}

static void print_chart(const struct calib_report *r, const struct ui *ui,
                        int width)
{
    enum calib_model m = best_model(r);
    struct chart_style st = {ui->colour, ui->unicode};
    int cells = width - ROW_HEAD < METER_MAX ? width - ROW_HEAD : METER_MAX;
    cells = cells < 10 ? 10 : cells;
    char *title = xasprintf("Predicted against actual recall, %s (the "
                            "lowest log loss), by predicted recall:",
                            calib_model_name(m));
    putchar('\n');
    say(width, title);
    free(title);
    struct strbuf sb;
    sb_init(&sb);
    printf("  %s recalled, %s the mean prediction\n",
           ui->unicode ? "\u2588" : "#", ui->unicode ? "\u2503" : "|");
    printf("  %-7s %7s %5s\n", "bin", "reviews", "actual");
    for (int i = CALIB_CHART_BINS - 1; i >= 0; i--)
        if (r->model[m].chart[i].reviews > 0)
            chart_row(i, &r->model[m].chart[i], cells, &st, &sb);
    sb_free(&sb);
}

static void print_text(const struct calib_report *r)
{
    struct ui ui;
    ui_init(&ui);
    int width = ui_width(&ui);
    if (r->reviews < CALIB_MIN_REVIEWS) {
        char *few = xasprintf("Too few reviews to judge the models yet: %ld "
                              "came a day or more after their card's "
                              "previous review, and it takes %d.",
                              r->reviews, CALIB_MIN_REVIEWS);
        say(width, few);
        free(few);
        return;
    }
    char *head = xasprintf(
        "How well each model predicted your recall: %ld reviews, each from "
        "the reviews of its card before it (%.1f%% recalled).",
        r->reviews, 100.0 * (double)r->recalled / (double)r->reviews);
    say(width, head);
    free(head);
    putchar('\n');
    print_table(r, width);
    putchar('\n');
    say(width, "Lower log loss and RMSE(bins) are better, and higher AUC "
               "(0.5 is chance). See \"Reading the calibration table\" in "
               "docs/scheduling.md.");
    if (r->judged[CALIB_FSRS_FITTED])
        say(width, "The fitted weights were fitted to these same reviews, "
                   "which flatters them.");
    print_chart(r, &ui, width);
}

static void json_model(struct strbuf *sb, const struct calib_report *r,
                       enum calib_model m)
{
    const struct calib_metrics *x = &r->model[m];
    sb_addf(sb, "{\"model\":\"%s\",\"name\":\"%s\",\"log_loss\":%.6f,",
            calib_model_id(m), calib_model_name(m), x->log_loss);
    sb_addf(sb, "\"rmse_bins\":%.6f,\"auc\":", x->rmse_bins);
    if (x->auc_defined)
        sb_addf(sb, "%.6f", x->auc);
    else
        sb_adds(sb, "null");
    sb_addf(sb, ",\"reviews\":%ld,\"bins\":[", x->reviews);
    bool first = true;
    for (int i = 0; i < CALIB_CHART_BINS; i++) {
        const struct calib_chart_bin *b = &x->chart[i];
        if (b->reviews == 0)
            continue;
        sb_addf(sb,
                "%s{\"from\":%.1f,\"to\":%.1f,\"reviews\":%ld,"
                "\"predicted\":%.6f,\"actual\":%.6f}",
                first ? "" : ",", i / 10.0, (i + 1) / 10.0, b->reviews,
                b->predicted, b->actual);
        first = false;
    }
    sb_adds(sb, "]}");
}

/* Numbers and fixed names only, so JSON by hand is safe. */
static void print_json(const struct calib_report *r, bool enough)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_addf(&sb,
            "{\"reviews\":%ld,\"recalled\":%ld,\"minimum_reviews\":%d,"
            "\"fitted_weights\":%s,\"models\":[",
            r->reviews, r->recalled, CALIB_MIN_REVIEWS,
            r->judged[CALIB_FSRS_FITTED] ? "true" : "false");
    bool first = true;
    for (int m = 0; m < CALIB_MODELS && enough; m++) {
        if (!r->judged[m])
            continue;
        if (!first)
            sb_addc(&sb, ',');
        json_model(&sb, r, (enum calib_model)m);
        first = false;
    }
    sb_adds(&sb, "]}");
    puts(sb.buf);
    sb_free(&sb);
}

/* The fitted weights as FSRS parameters, or NULL when there are none. */
static int fitted_params(struct store *st, struct fsrs_params *out,
                         const struct fsrs_params **p)
{
    struct fitted_weights fw;
    bool present;
    *p = NULL;
    if (store_fitted_weights_get(st, &fw, &present))
        return -1;
    if (present) {
        *out = *fsrs_default_params();
        memcpy(out->w, fw.w, sizeof out->w);
        *p = out;
    }
    return 0;
}

int stats_calibration(struct store *st, const struct filter *f, bool json,
                      struct error *err)
{
    struct fsrs_params fitted;
    const struct fsrs_params *fp;
    if (fitted_params(st, &fitted, &fp))
        return error_set(err, ERROR_FAIL, "%s", store_error(st));
    struct review_history h;
    if (review_history_load_filtered(st, f, &h, err))
        return -1;
    struct calib_report r;
    calibration_judge(&h, fsrs_default_params(), fp, &r);
    review_history_free(&h);
    if (json)
        print_json(&r, r.reviews >= CALIB_MIN_REVIEWS);
    else
        print_text(&r);
    return 0;
}
