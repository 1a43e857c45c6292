/* cmd_backup.c: `rehearse backup` and `rehearse restore FILE`. */
#include "rehearse/backup.h"
#include "rehearse/cmd.h"
#include "rehearse/collection.h"
#include "rehearse/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char backup_usage[] =
    "usage: rehearse backup\n"
    "       rehearse restore FILE\n"
    "\n"
    "backup copies the collection, consistently even while it is in use,\n"
    "into $XDG_DATA_HOME/rehearse/backups/.  rehearse also backs up by\n"
    "itself before every import and schema upgrade and once a day, keeping\n"
    "the 10 newest copies and the newest of each of the last 7 days.\n"
    "\n"
    "restore checks that FILE is a sound rehearse collection, backs up the\n"
    "current one, then replaces it with FILE's contents.\n";

int cmd_backup(int argc, char **argv, struct app *app)
{
    int status = parse_help_only(argc, argv, backup_usage);
    if (status >= 0)
        return status;
    if (optind != argc)
        return usage(backup_usage, false);
    struct store *st = app_open(app, false);
    struct backup_result res;
    struct error err;
    int rc =
        backup_now(st, app->collection_path, "manual", app->now, &res, &err);
    app_close(app, st);
    if (rc)
        return report_error(&err);
    report_backup(&res);
    printf("backed up to %s\n", res.path);
    return EXIT_OK;
}

int cmd_restore(int argc, char **argv, struct app *app)
{
    int status = parse_help_only(argc, argv, backup_usage);
    if (status >= 0)
        return status;
    if (optind + 1 != argc)
        return usage(backup_usage, false);
    const char *source = argv[optind];
    char msg[512];
    if (access(source, F_OK) != 0)
        die(EXIT_FAIL, "cannot restore '%s': %s", source, strerror(errno));
    if (store_check_file(source, msg, sizeof msg) != 0)
        die(EXIT_DATA, "%s: %s; the collection was not touched", source, msg);
    struct store *st = app_open(app, false);
    struct backup_result saved;
    struct error err;
    if (backup_sparing(st, app->collection_path, "before-restore", app->now,
                       source, &saved, &err)) {
        report_error(&err);
        die(EXIT_FAIL, "not restoring without a backup of the current "
                       "collection");
    }
    if (store_restore(st, source))
        die(EXIT_FAIL, "%s; your collection is unchanged or in %s",
            store_error(st), saved.path);
    if (collection_migrate(st, &err))
        die(EXIT_FAIL, "%s; your collection is unchanged or in %s", err.message,
            saved.path);
    printf("restored %s (the previous collection is in %s)\n", source,
           saved.path);
    app_close(app, st);
    return EXIT_OK;
}
