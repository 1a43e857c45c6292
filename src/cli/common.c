/* common.c: what the subcommands share: opening the collection (with the
 * bundled decks and backups that come with it), usage text, filters and
 * number options.  See cmd.h. */
#include "rehearse/backup.h"
#include "rehearse/bundled.h"
#include "rehearse/cmd.h"
#include "rehearse/collection.h"
#include "rehearse/files.h"
#include "rehearse/paths.h"
#include "rehearse/render.h"
#include "rehearse/schedule.h"
#include "rehearse/text.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What an Anki package brought besides cards, and what it left out. */
static void print_anki_details(FILE *out, const struct import_result *r)
{
    if (r->reviews || r->suspended)
        fprintf(out, "  %ld past reviews, %ld cards suspended as in Anki\n",
                r->reviews, r->suspended);
    for (size_t i = 0; i <= IMPORT_MAX_SKIPS; i++) {
        const struct import_skip *k = &r->skips[i];
        if (k->count == 0)
            continue;
        struct strbuf why;
        sb_init(&why);
        render_safe(&why, k->reason, strlen(k->reason));
        fprintf(out, "  skipped %ld card%s: %s\n", k->count,
                k->count == 1 ? "" : "s", why.buf);
        sb_free(&why);
    }
}

void print_import_result(FILE *out, const struct import_result *r)
{
    struct strbuf who;
    sb_init(&who);
    if (r->signed_deck)
        render_safe(&who, r->signer_name, strlen(r->signer_name));
    if (r->outcome == IMPORT_UNCHANGED)
        fprintf(out, "'%s' v%ld is already up to date\n", r->deck, r->version);
    else if (r->outcome == IMPORT_UPDATED)
        fprintf(out,
                "updated '%s' v%ld -> v%ld: %ld added, %ld changed, %ld "
                "retired\n",
                r->deck, r->old_version, r->version, r->added, r->changed,
                r->retired);
    else
        fprintf(out, "imported '%s' v%ld: %ld cards%s%s\n", r->deck, r->version,
                r->added, r->signed_deck ? ", signed by " : "",
                r->signed_deck ? who.buf
                : r->anki      ? " (unsigned Anki package)"
                               : " (unsigned)");
    sb_free(&who);
    if (r->anki && r->outcome != IMPORT_UNCHANGED)
        print_anki_details(out, r);
}

void report_backup(const struct backup_result *res)
{
    if (res->prune_failures)
        warnx("%s", res->prune_error);
}

static char command_name[64] = "rehearse";

const char *begin_command(const char *name)
{
    snprintf(command_name, sizeof command_name, "rehearse %s", name);
    return command_name;
}

int usage(const char *text, bool ok)
{
    if (ok) {
        fputs(text, stdout);
        return EXIT_OK;
    }
    const char *nl = strchr(text, '\n');
    fprintf(stderr, "%.*s\n", nl ? (int)(nl - text) : (int)strlen(text), text);
    fprintf(stderr, "Try '%s --help' for more.\n", command_name);
    return EXIT_USAGE;
}

int parse_json_only(int argc, char **argv, const char *usage_text, bool *json)
{
    static const struct option opts[] = {{"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c != 'j')
            return usage(usage_text, c == 'h');
        *json = true;
    }
    return -1;
}

int parse_help_only(int argc, char **argv, const char *usage_text)
{
    static const struct option opts[] = {{"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
        return usage(usage_text, c == 'h');
    return -1;
}

long parse_count(const char *option, const char *value, long max)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || end == value || *end || v < 0 || v > max)
        die(EXIT_USAGE, "%s: '%s' is not a number from 0 to %ld", option, value,
            max);
    return v;
}

void filter_add(struct filter_args *fa, bool tag, const char *value)
{
    if (!valid_id(value, strlen(value)))
        die(EXIT_USAGE, "%s '%s': use 1-64 characters of a-z, 0-9 and '-'",
            tag ? "--tag" : "--deck", value);
    if (tag) {
        fa->f.tags = xgrow(fa->f.tags, &fa->tags_cap, fa->f.ntags + 1,
                           sizeof *fa->f.tags);
        fa->f.tags[fa->f.ntags++] = value;
    } else {
        fa->f.decks = xgrow(fa->f.decks, &fa->decks_cap, fa->f.ndecks + 1,
                            sizeof *fa->f.decks);
        fa->f.decks[fa->f.ndecks++] = value;
    }
}

/* The names a filter may use, and the closest to the one wanted. */
struct names {
    char **v;
    size_t count, cap;
};

static void add_name(void *ctx, const char *name)
{
    struct names *n = ctx;
    n->v = xgrow(n->v, &n->cap, n->count + 1, sizeof *n->v);
    n->v[n->count++] = xstrdup(name);
}

/* The closest name within a third of want's length (at least 2 edits), or
 * NULL; ties go to the first in order. */
static const char *closest(const struct names *n, const char *want)
{
    size_t len = strlen(want), limit = len / 3 > 2 ? len / 3 : 2;
    size_t best = limit + 1;
    const char *found = NULL;
    for (size_t i = 0; i < n->count; i++) {
        size_t d = text_distance(want, n->v[i], limit);
        if (d < best)
            best = d, found = n->v[i];
    }
    return found;
}

static void check_names(struct store *st, bool tag, const char **want,
                        size_t count)
{
    struct names n = {NULL, 0, 0};
    if (count && store_each_name(st, tag, add_name, &n))
        die(EXIT_FAIL, "%s", store_error(st));
    const char *flag = tag ? "--tag" : "--deck", *what = tag ? "card" : "deck";
    for (size_t i = 0; i < count; i++) {
        size_t j = 0;
        while (j < n.count && strcmp(n.v[j], want[i]) != 0)
            j++;
        if (j < n.count)
            continue;
        const char *like = closest(&n, want[i]);
        if (like)
            die(EXIT_FAIL, "%s '%s' matches no %s: did you mean '%s'?", flag,
                want[i], what, like);
        die(EXIT_FAIL, "%s '%s' matches no %s%s", flag, want[i], what,
            tag ? "" : " (rehearse decks lists them)");
    }
    for (size_t i = 0; i < n.count; i++)
        free(n.v[i]);
    free(n.v);
}

void filter_check(struct store *st, const struct filter_args *fa)
{
    check_names(st, false, fa->f.decks, fa->f.ndecks);
    check_names(st, true, fa->f.tags, fa->f.ntags);
}

void filter_free(struct filter_args *fa)
{
    free(fa->f.decks);
    free(fa->f.tags);
}

void load_config(struct config *c)
{
    config_defaults(c);
    char *path = xdg_path("CONFIG", "config");
    size_t len;
    struct error err;
    char *text = path ? read_file(path, "config", 1 << 16, &len, &err) : NULL;
    if (text == NULL && path && errno != ENOENT)
        report_error(&err);
    struct config_error cerr;
    if (text && config_parse(text, len, c, &cerr))
        die(EXIT_USAGE, "%s:%u: %s", path, cerr.line, cerr.message);
    free(text);
    free(path);
}

static void bundled_imported(void *ctx, const struct import_result *res)
{
    (void)ctx;
    print_import_result(stderr, res);
}

static void bundled_failed(void *ctx, const char *path, const struct error *err)
{
    (void)ctx;
    report_error(err);
    warnx("bundled deck '%s' was not imported", path);
}

struct store *app_open(struct app *app, bool bundled)
{
    struct error err;
    struct store *st;
    char *path;
    if (collection_open(app->collection, app->now, &st, &path, &err))
        exit(report_error(&err));
    free(app->collection_path);
    app->collection_path = path;
    if (collection_use_model(st, &app->config, &err))
        exit(report_error(&err));
    if (bundled) {
        static const struct bundled_callbacks cb = {NULL, bundled_imported,
                                                    bundled_failed};
        bundled_sync(st, app->collection_path, app->now, &cb);
    }
    return st;
}

void app_close(struct app *app, struct store *st)
{
    /* The day's backup comes after the command's output, so that a large
     * collection never delays the first question. */
    struct backup_result res;
    struct error err;
    fflush(stdout);
    if (backup_daily(st, app->collection_path, app->now, &res, &err))
        report_error(&err);
    else
        report_backup(&res);
    store_close(st);
}

/* A grade typed as one digit 0-5, spaces around it allowed.  Otherwise
 * says why the line is not one and returns -1. */
int parse_grade_line(const char *line)
{
    const char *p = line + strspn(line, " \t");
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (n == 1 && p[0] >= '0' && p[0] <= '0' + 5)
        return p[0] - '0';
    if (n > 0) {
        struct strbuf shown;
        sb_init(&shown);
        render_safe(&shown, p, n);
        printf("  grade 0-5, not '%s'\n", shown.buf);
        sb_free(&shown);
    }
    return -1;
}
