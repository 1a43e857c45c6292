/* main.c: global options and the one alphabetical command table.  What
 * commands share is in common.c. */
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/sign.h"

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
    "  show CARD      a card in full: answer, key points, note, history\n"
    "  search WORD... find cards by the words of questions, answers, notes\n"
    "  note CARD      write your own note on a card (in $EDITOR)\n"
    "  interview      a mock interview against the clock\n"
    "  plan           a goal with a date: rehearse plan --date YYYY-MM-DD\n"
    "  optimize       fit FSRS-6's weights to your own reviews\n"
    "  journal        re-read the answers you typed\n"
    "  stats          heatmap, forecast, retention, streaks\n"
    "  export         a deck as Anki TSV or as a deck file\n"
    "  suspend CARD   stop showing a card; unsuspend CARD to undo\n"
    "  check DECK...  lint deck files for authors\n"
    "  match CARD     check a typed answer (stdin) against a card's key "
    "points\n"
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
    /* Alphabetical, one command a line. */
    // clang-format off
    {"backup", cmd_backup},
    {"cards", cmd_cards},
    {"check", cmd_check},
    {"decks", cmd_decks},
    {"export", cmd_export},
    {"import", cmd_import},
    {"interview", cmd_interview},
    {"journal", cmd_journal},
    {"keygen", cmd_keygen},
    {"keys", cmd_keys},
    {"match", cmd_match},
    {"note", cmd_note},
    {"optimize", cmd_optimize},
    {"plan", cmd_plan},
    {"restore", cmd_restore},
    {"search", cmd_search},
    {"show", cmd_show},
    {"sign", cmd_sign},
    {"stats", cmd_stats},
    {"study", cmd_study},
    {"suspend", cmd_suspend},
    {"trust", cmd_trust},
    {"unsuspend", cmd_unsuspend},
    {"untrust", cmd_untrust},
    {"verify", cmd_verify},
    // clang-format on
};

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
    struct app app = {0};
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
    report_init();
    struct error err;
    if (clock_init(&err))
        return report_error(&err);
    if (sign_init() != 0)
        die(EXIT_FAIL, "cannot initialise libsodium");
    load_config(&app.config);
    app.now = clock_now();
    app.today = clock_day(app.now, app.config.rollover_hour);
    int status;
    if (i == argc || argv[i][0] == '-') {
        /* No command: study, passing the remaining options through. */
        argv[i - 1] = (char *)begin_command("study");
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
        argv[i] = (char *)begin_command(cmd->name);
        status = cmd->run(argc - i, argv + i, &app);
    }
    free(app.collection_path);
    return finish(status);
}
