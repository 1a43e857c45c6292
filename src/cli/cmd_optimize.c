/* cmd_optimize.c: `rehearse optimize`, FSRS-6's weights fitted to your
 * own reviews (the work is src/app/optimize.c and src/core/fsrs_*.c). */
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/optimize.h"
#include "rehearse/progress.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char optimize_usage[] =
    "usage: rehearse optimize [--dry-run] [--json]\n"
    "       rehearse optimize --reset\n"
    "\n"
    "Fits FSRS-6's 21 weights to your own review history, as Anki's\n"
    "optimiser (fsrs-rs) does, and adopts them only when they predict your\n"
    "recall better than the weights in use (a lower log loss over the same\n"
    "reviews).  Needs at least 400 reviews made on a later day than the\n"
    "card's previous one.  The fitted weights are kept in the collection;\n"
    "every card's FSRS state is recomputed with them.  They set due days\n"
    "when the config says scheduler = fsrs, and always feed the plan's\n"
    "predicted recall and cards --json.  SM-2 is never changed.\n"
    "\n"
    "  --dry-run   fit and print the losses; store nothing\n"
    "  --json      print the result as JSON\n"
    "  --reset     go back to FSRS-6's default weights\n";

struct optimize_args {
    bool dry_run, json, reset;
};

static int parse(int argc, char **argv, struct optimize_args *a)
{
    static const struct option opts[] = {{"dry-run", no_argument, 0, 'n'},
                                         {"json", no_argument, 0, 'j'},
                                         {"reset", no_argument, 0, 'r'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'n')
            a->dry_run = true;
        else if (c == 'j')
            a->json = true;
        else if (c == 'r')
            a->reset = true;
        else
            return usage(optimize_usage, c == 'h');
    }
    if (optind != argc || (a->reset && (a->dry_run || a->json)))
        return usage(optimize_usage, false);
    return -1;
}

struct fit_progress {
    struct progress_bar bar;
    long long started;
};

static void show_progress(void *ctx, long done, long total)
{
    struct fit_progress *p = ctx;
    /* the reviews being fitted, not the passes over them */
    progress_update(&p->bar, "fitting FSRS", (size_t)done, (size_t)total,
                    total / FSRS_FIT_EPOCHS, "reviews",
                    clock_ms() - p->started);
}

static void print_json(const struct optimize_result *r, bool dry_run)
{
    printf("{\"reviews\":%ld,\"predicted\":%ld,\"cards\":%ld,"
           "\"current\":\"%s\",\"current_loss\":%.6f,\"fitted_loss\":%.6f,"
           "\"adopted\":%s,\"dry_run\":%s,\"weights\":[",
           r->reviews, r->fit.items, r->fit.cards,
           r->had_fitted ? "fitted" : "defaults", r->current_loss, r->fit.loss,
           r->adopted ? "true" : "false", dry_run ? "true" : "false");
    for (int i = 0; i < FSRS_WEIGHTS; i++)
        printf("%s%.6g", i ? "," : "", r->fit.w[i]);
    printf("]}\n");
}

/* The weights as many to a line as the width holds, continuation lines
 * under the first weight. */
static void print_weights(const double *w, int width)
{
    static const char head[] = "  weights: ";
    int per_line = (width - (int)strlen(head)) / 9; /* " 100.0000," */
    per_line = per_line < 1 ? 1 : per_line;
    fputs(head, stdout);
    for (int i = 0; i < FSRS_WEIGHTS; i++) {
        bool last = i + 1 == FSRS_WEIGHTS, wrap = (i + 1) % per_line == 0;
        printf(" %.4f%s", w[i], last ? "\n" : wrap ? ",\n" : ",");
        if (wrap && !last)
            printf("%*s", (int)strlen(head), "");
    }
}

static void print_text(const struct optimize_result *r, bool dry_run)
{
    int width = ui_stdout_width();
    char *line =
        xasprintf("Fitted FSRS-6 to %ld reviews (%ld predicted, of %ld cards).",
                  r->reviews, r->fit.items, r->fit.cards);
    print_wrapped(width, line);
    free(line);
    line = xasprintf("  log loss, lower is better: %s weights %.4f, "
                     "fitted %.4f",
                     r->had_fitted ? "current fitted" : "default",
                     r->current_loss, r->fit.loss);
    print_wrapped(width, line);
    free(line);
    print_weights(r->fit.w, width);
    print_wrapped(width, r->adopted ? "Adopted: FSRS now uses these weights."
                         : dry_run
                             ? "Nothing stored (--dry-run)."
                             : "Kept the weights in use: the fit does not "
                               "predict your reviews better.");
}

int cmd_optimize(int argc, char **argv, struct app *app)
{
    struct optimize_args a = {false, false, false};
    int rc = parse(argc, argv, &a);
    if (rc >= 0)
        return rc;
    struct store *st = app_open(app, false);
    struct error err;
    if (a.reset) {
        bool removed = false;
        if (optimize_reset(st, &app->config, &removed, &err))
            rc = report_error(&err);
        else
            fprintf(stderr, removed ? "FSRS is back to its default weights\n"
                                    : "FSRS already uses its default "
                                      "weights\n");
        app_close(app, st);
        return rc < 0 ? EXIT_OK : rc;
    }
    struct fit_progress progress = {.started = clock_ms()};
    progress_init(&progress.bar);
    struct optimize_result r;
    int failed = optimize_collection(st, &app->config, a.dry_run, app->now,
                                     show_progress, &progress, &r, &err);
    progress_clear(&progress.bar);
    if (failed)
        rc = report_error(&err);
    else if (a.json)
        print_json(&r, a.dry_run);
    else
        print_text(&r, a.dry_run);
    app_close(app, st);
    return failed ? rc : EXIT_OK;
}
