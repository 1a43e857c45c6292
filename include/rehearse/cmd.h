/* cmd.h: the subcommands, one file each (src/cmd_<name>.c), and what they
 * share.  Each returns the process exit status. */
#ifndef REHEARSE_CMD_H
#define REHEARSE_CMD_H

#include "rehearse/config.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <time.h>

struct app {
    const char *collection; /* --collection, or NULL */
    char *collection_path;  /* the collection app_open opened */
    struct config config;
    time_t now;
    long today;
};

/* Opens the collection (creating it on first use), exiting with a
 * message when that fails.  With bundled set, first brings the bundled
 * decks up to date. */
struct store *app_open(struct app *app, bool bundled);

/* Makes the day's backup if none exists yet, then closes the collection. */
void app_close(struct app *app, struct store *st);

/* Prints usage text to stdout and returns 0 for --help, or prints the
 * short usage to stderr and returns EXIT_USAGE. */
int usage(const char *text, bool ok);

/* Collects --deck/--tag values (validated ids) into a filter. */
struct filter_args {
    struct filter f;
    size_t decks_cap, tags_cap;
};
void filter_add(struct filter_args *fa, bool tag, const char *value);
void filter_free(struct filter_args *fa);

/* True when a command without getopt was asked for -h or --help. */
bool wants_help(int argc, char **argv);

/* Parses a non-negative integer option; exits with a usage error. */
long parse_count(const char *option, const char *value, long max);

int cmd_backup(int argc, char **argv, struct app *app);
int cmd_restore(int argc, char **argv, struct app *app);
int cmd_cards(int argc, char **argv, struct app *app);
int cmd_check(int argc, char **argv, struct app *app);
int cmd_decks(int argc, char **argv, struct app *app);
int cmd_export(int argc, char **argv, struct app *app);
int cmd_import(int argc, char **argv, struct app *app);
int cmd_interview(int argc, char **argv, struct app *app);
int cmd_journal(int argc, char **argv, struct app *app);
int cmd_keygen(int argc, char **argv, struct app *app);
int cmd_keys(int argc, char **argv, struct app *app);
int cmd_sign(int argc, char **argv, struct app *app);
int cmd_stats(int argc, char **argv, struct app *app);
int cmd_study(int argc, char **argv, struct app *app);
int cmd_suspend(int argc, char **argv, struct app *app);
int cmd_trust(int argc, char **argv, struct app *app);
int cmd_unsuspend(int argc, char **argv, struct app *app);
int cmd_untrust(int argc, char **argv, struct app *app);
int cmd_verify(int argc, char **argv, struct app *app);

#endif
