/* collection.c: finding, opening and upgrading the collection.  See
 * collection.h. */
#include "rehearse/collection.h"
#include "rehearse/backup.h"
#include "rehearse/paths.h"
#include "rehearse/replay.h"
#include "rehearse/util.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

/* A FIFO would hang SQLite's open and a directory gives only "unable to
 * open database file": say what is wrong before SQLite sees it. */
static int check_kind(const char *path, struct error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return errno == ENOENT
                   ? 0
                   : error_errno(err, ERROR_FAIL, "cannot open collection '%s'",
                                 path);
    if (S_ISDIR(st.st_mode))
        return error_set(err, ERROR_FAIL,
                         "collection '%s' is a directory, not a file", path);
    if (!S_ISREG(st.st_mode))
        return error_set(err, ERROR_FAIL,
                         "collection '%s' is not a regular file", path);
    return 0;
}

/* After the SQL of a migration to schema 5, in its transaction: FSRS's
 * columns, which SQL cannot compute, from each card's review log. */
static int fill_after_migration(void *ctx, struct store *st, int from)
{
    struct error *err = ctx;
    if (from >= 5)
        return 0;
    return replay_fill_all_fsrs(st, NULL, NULL, err);
}

int collection_migrate(struct store *st, struct error *err)
{
    err->message[0] = '\0';
    if (store_migrate(st, fill_after_migration, err) == 0)
        return 0;
    if (err->message[0] == '\0')
        error_set(err, ERROR_FAIL, "%s", store_error(st));
    return -1;
}

static int open_and_upgrade(const char *path, time_t now, struct store **out,
                            struct error *err)
{
    char msg[512];
    struct store *st;
    int rc = store_open(path, &st, msg, sizeof msg);
    if (rc != STORE_OK)
        return error_set(err, rc == STORE_NEWER ? ERROR_NEWER : ERROR_FAIL,
                         "%s: %s", path, msg);
    if (store_needs_backup_before_migrating(st) &&
        backup_now(st, path, "migration", now, NULL, err)) {
        store_close(st);
        return error_hint(err, "not upgrading the collection without a "
                               "backup");
    }
    struct error why;
    if (collection_migrate(st, &why)) {
        error_set(err, ERROR_FAIL, "%s: %s", path, why.message);
        store_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

int collection_open(const char *option, time_t now, struct store **st,
                    char **path, struct error *err)
{
    *st = NULL;
    *path = collection_path(option, err);
    if (*path == NULL)
        return -1;
    int rc = check_kind(*path, err);
    if (rc == 0 && make_parent_dirs(*path) != 0)
        rc = error_errno(err, ERROR_FAIL,
                         "cannot create the directory for '%s'", *path);
    if (rc == 0)
        rc = open_and_upgrade(*path, now, st, err);
    if (rc) {
        free(*path);
        *path = NULL;
    }
    return rc;
}
