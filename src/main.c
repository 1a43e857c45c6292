/* main.c: global options, the command table, and what commands share. */
#include "rehearse/backup.h"
#include "rehearse/bundled.h"
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/paths.h"
#include "rehearse/sign.h"
#include "rehearse/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char main_usage[] =
    "usage: rehearse [--collection PATH] [COMMAND] [ARGS...]\n"
    "\n"
    "Drill technical interview questions with spaced repetition (SM-2).\n"
    "With no command, runs today's study session.\n"
    "\n"
    "commands:\n"
    "  study          today's session: due reviews, then new cards\n"
    "  import DECK... add decks or update them to a newer version\n"
    "  decks          list decks with new, due and suspended counts\n"
    "  cards          list cards with their schedules\n"
    "  interview      a mock interview against the clock\n"
    "  journal        re-read the answers you typed\n"
    "  stats          heatmap, forecast, retention, streaks\n"
    "  export         a deck as Anki TSV or as a deck file\n"
    "  suspend CARD   stop showing a card; unsuspend CARD to undo\n"
    "  check DECK...  lint deck files for authors\n"
    "  backup         copy the collection; restore FILE puts a copy back\n"
    "  keygen         make a signing key pair\n"
    "  sign DECK...   sign decks (writes DECK.minisig)\n"
    "  verify DECK... verify deck signatures\n"
    "  trust PUBKEY   trust a publisher's key; untrust KEYID; keys\n"
    "\n"
    "options:\n"
    "  --collection PATH  use this collection (also $REHEARSE_COLLECTION)\n"
    "  -h, --help         show this help; COMMAND --help for a command\n"
    "  -V, --version      show the version\n"
    "\n"
    "exit status: 0 success, 1 failure, 2 usage error, 3 deck, key or\n"
    "signature refused, 4 collection from a newer rehearse.\n";

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv, struct app *app);
} commands[] = {
    {"backup", cmd_backup},       {"cards", cmd_cards},
    {"check", cmd_check},         {"restore", cmd_restore},
    {"decks", cmd_decks},         {"export", cmd_export},
    {"import", cmd_import},       {"interview", cmd_interview},
    {"journal", cmd_journal},     {"keygen", cmd_keygen},
    {"keys", cmd_keys},           {"sign", cmd_sign},
    {"stats", cmd_stats},         {"study", cmd_study},
    {"suspend", cmd_suspend},     {"trust", cmd_trust},
    {"unsuspend", cmd_unsuspend}, {"untrust", cmd_untrust},
    {"verify", cmd_verify},
};

int usage(const char *text, bool ok)
{
    if (ok) {
        fputs(text, stdout);
        return EXIT_OK;
    }
    const char *nl = strchr(text, '\n');
    fprintf(stderr, "%.*s\n", nl ? (int)(nl - text) : (int)strlen(text), text);
    fprintf(stderr, "Try '--help' for more.\n");
    return EXIT_USAGE;
}

bool wants_help(int argc, char **argv)
{
    return argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"));
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

void filter_free(struct filter_args *fa)
{
    free(fa->f.decks);
    free(fa->f.tags);
}

static void load_config(struct config *c)
{
    config_defaults(c);
    char *path = xdg_path("CONFIG", "config");
    size_t len;
    char *text = path ? read_file(path, 1 << 16, &len) : NULL;
    if (text == NULL && path && errno != ENOENT)
        warn_errno("cannot read '%s'", path);
    struct config_error err;
    if (text && config_parse(text, len, c, &err))
        die(EXIT_USAGE, "%s:%u: %s", path, err.line, err.message);
    free(text);
    free(path);
}

struct store *app_open(struct app *app, bool bundled)
{
    char *path = collection_path(app->collection);
    char msg[512];
    struct store *st;
    if (make_parent_dirs(path) != 0)
        die(EXIT_FAIL, "cannot create the directory for '%s': %s", path,
            strerror(errno));
    int rc = store_open(path, &st, msg, sizeof msg);
    if (rc != STORE_OK)
        die(rc == STORE_NEWER ? EXIT_NEWER_DB : EXIT_FAIL, "%s: %s", path, msg);
    bool existing = store_needs_backup_before_migrating(st);
    if (existing) {
        char *copy = backup_now(st, path, "migration", app->now);
        if (copy == NULL)
            die(EXIT_FAIL,
                "%s: not upgrading the collection without a "
                "backup",
                path);
        free(copy);
    }
    if (store_migrate(st))
        die(EXIT_FAIL, "%s: %s", path, store_error(st));
    free(app->collection_path);
    app->collection_path = path;
    if (bundled)
        bundled_sync(st, app->collection_path, app->now);
    return st;
}

void app_close(struct app *app, struct store *st)
{
    /* The day's backup comes after the command's output, so that a large
     * collection never delays the first question. */
    fflush(stdout);
    backup_daily(st, app->collection_path, app->now);
    store_close(st);
}

static int finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "rehearse: write error on standard output: %s\n",
                strerror(errno));
        return EXIT_FAIL;
    }
    return status;
}

int main(int argc, char **argv)
{
    struct app app = {NULL, NULL, {0, 0, 0}, 0, 0};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
            return finish(usage(main_usage, true));
        if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            printf("rehearse %s\n", REHEARSE_VERSION);
            return finish(EXIT_OK);
        }
        if (!strcmp(a, "--collection") && i + 1 < argc)
            app.collection = argv[++i];
        else if (!strncmp(a, "--collection=", 13))
            app.collection = a + 13;
        else
            break; /* study's own options, as in 'rehearse --new 5' */
    }
    /* Past a file-size limit, let writes fail with EFBIG (SQLite reports
     * it and rolls back) rather than the process dying mid-transaction. */
    signal(SIGXFSZ, SIG_IGN);
    if (sign_init() != 0)
        die(EXIT_FAIL, "cannot initialise libsodium");
    load_config(&app.config);
    app.now = clock_now();
    app.today = clock_day(app.now, app.config.rollover_hour);
    int status;
    if (i == argc || argv[i][0] == '-') {
        /* No command: study, passing the remaining options through. */
        argv[i - 1] = "study";
        status = cmd_study(argc - i + 1, argv + i - 1, &app);
    } else {
        const struct command *cmd = NULL;
        for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
            if (strcmp(argv[i], commands[c].name) == 0)
                cmd = &commands[c];
        if (cmd == NULL) {
            warnx("'%s' is not a rehearse command; see 'rehearse --help'",
                  argv[i]);
            return EXIT_USAGE;
        }
        status = cmd->run(argc - i, argv + i, &app);
    }
    free(app.collection_path);
    return finish(status);
}
