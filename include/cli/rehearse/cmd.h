/* cmd.h: the subcommands, one file each (src/cli/cmd_<name>.c), and what
 * they share (src/cli/common.c, src/cli/report.c).  Each returns the
 * process exit status.  cli/ is the only layer that prints results and
 * messages, reads argv and picks exit statuses. */
#ifndef REHEARSE_CMD_H
#define REHEARSE_CMD_H

#include "rehearse/config.h"
#include "rehearse/error.h"
#include "rehearse/importer.h"
#include "rehearse/store.h"
#include "rehearse/util.h"

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

/* Exit statuses, documented in rehearse(1) and the README. */
enum {
    EXIT_OK = 0,
    EXIT_FAIL = 1,     /* a command failed: I/O, collection, refused input */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_DATA = 3,     /* a deck, key or signature was refused */
    EXIT_NEWER_DB = 4, /* the collection was written by a newer rehearse */
};

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

/* Prints "rehearse: MESSAGE" to stderr, with outside text made visible
 * (render_safe).  warn_errno appends strerror(errno); die exits. */
void warnx(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warn_errno(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void die(int status, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Prints err (and its hint) and returns the exit status for its kind. */
int report_error(const struct error *err);
/* The exit status for an error kind. */
int exit_status(enum error_kind kind);
/* Installs the out-of-memory handler and whatever else main needs first. */
void report_init(void);

/* Prints what an import did, as "imported 'x' v3: 12 cards, signed by
 * NAME", to out. */
void print_import_result(FILE *out, const struct import_result *res);

/* Warns about old backups that could not be pruned. */
struct backup_result;
void report_backup(const struct backup_result *res);
/* Reads $XDG_CONFIG_HOME/rehearse/config over the defaults; exits with a
 * message naming the file and line when it is malformed. */
void load_config(struct config *c);

/* Prints usage text to stdout and returns 0 for --help, or prints the
 * short usage to stderr and returns EXIT_USAGE. */
int usage(const char *text, bool ok);

/* Collects --deck/--tag values (validated ids) into a filter. */
struct filter_args {
    struct filter f;
    size_t decks_cap, tags_cap;
};
void filter_add(struct filter_args *fa, bool tag, const char *value);
/* Exits with EXIT_FAIL when a --deck names no deck or a --tag no card's
 * tag, suggesting the closest one there is ("did you mean"). */
void filter_check(struct store *st, const struct filter_args *fa);
void filter_free(struct filter_args *fa);

/* Names the running command, "rehearse NAME", for getopt's messages and
 * usage(); returns that string, which main puts in argv[0]. */
const char *begin_command(const char *name);

/* For a command whose only option is -h/--help: parses with getopt_long,
 * so "--" ends options and an unknown option is a usage error.  Returns
 * -1 to go on (operands from argv[optind]) or the exit status. */
int parse_help_only(int argc, char **argv, const char *usage_text);
/* The same for a command whose options are --json and -h/--help. */
int parse_json_only(int argc, char **argv, const char *usage_text, bool *json);

/* A grade typed as one digit 0-5, spaces around it allowed (study and
 * interview prompts).  Otherwise says why the line is not one and
 * returns -1. */
int parse_grade_line(const char *line);

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
int cmd_match(int argc, char **argv, struct app *app);
int cmd_note(int argc, char **argv, struct app *app);
int cmd_optimize(int argc, char **argv, struct app *app);
int cmd_plan(int argc, char **argv, struct app *app);
int cmd_search(int argc, char **argv, struct app *app);
int cmd_show(int argc, char **argv, struct app *app);
int cmd_sign(int argc, char **argv, struct app *app);
int cmd_stats(int argc, char **argv, struct app *app);
int cmd_study(int argc, char **argv, struct app *app);
int cmd_suspend(int argc, char **argv, struct app *app);
int cmd_trust(int argc, char **argv, struct app *app);
int cmd_unsuspend(int argc, char **argv, struct app *app);
int cmd_untrust(int argc, char **argv, struct app *app);
int cmd_verify(int argc, char **argv, struct app *app);

#endif
