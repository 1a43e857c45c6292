/* backup.c: naming, scheduling and pruning backups; the copying itself is
 * store_backup (SQLite's online backup API).  See backup.h. */
#include "rehearse/backup.h"
#include "rehearse/paths.h"
#include "rehearse/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *backup_dir(void)
{
    return xdg_path("DATA", "backups");
}

/* "collection" for ".../collection.db". */
static char *base_name(const char *collection)
{
    const char *slash = strrchr(collection, '/');
    const char *name = slash ? slash + 1 : collection;
    size_t n = strlen(name);
    if (n > 3 && strcmp(name + n - 3, ".db") == 0)
        n -= 3;
    return xstrndup(name, n);
}

struct listing {
    char **names; /* sorted: oldest first, since names embed the time */
    size_t count, cap;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The backups of this collection: NAME-YYYYMMDD-HHMMSS-*.db */
static void list_backups(const char *dir, const char *base, struct listing *l)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = strlen(base);
    memset(l, 0, sizeof *l);
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        const char *s = e->d_name;
        if (strncmp(s, base, n) != 0 || s[n] != '-' || strlen(s) < n + 20 ||
            strspn(s + n + 1, "0123456789") != 8 || s[n + 9] != '-' ||
            strcmp(s + strlen(s) - 3, ".db") != 0)
            continue;
        l->names = xgrow(l->names, &l->cap, l->count + 1, sizeof *l->names);
        l->names[l->count++] = xstrdup(s);
    }
    closedir(d);
    if (l->count > 1)
        qsort(l->names, l->count, sizeof *l->names, by_name);
}

static void free_listing(struct listing *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->names[i]);
    free(l->names);
}

/* Keeps the newest BACKUP_KEEP_LATEST and the newest backup of each of the
 * last BACKUP_KEEP_DAYS dates; deletes the others. */
static void prune(const char *dir, const char *base, time_t now,
                  struct backup_result *res)
{
    struct listing l;
    list_backups(dir, base, &l);
    size_t n = strlen(base);
    char recent[BACKUP_KEEP_DAYS][9];
    for (int d = 0; d < BACKUP_KEEP_DAYS; d++) {
        time_t t = now - (time_t)d * 86400;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(recent[d], sizeof recent[d], "%Y%m%d", &tm);
    }
    for (size_t i = 0; i < l.count; i++) {
        const char *date = l.names[i] + n + 1;
        bool keep = i + BACKUP_KEEP_LATEST >= l.count;
        bool newest_of_day =
            i + 1 == l.count || strncmp(l.names[i + 1] + n + 1, date, 8) != 0;
        for (int d = 0; d < BACKUP_KEEP_DAYS && !keep; d++)
            keep = newest_of_day && strncmp(date, recent[d], 8) == 0;
        if (!keep) {
            char *path = xasprintf("%s/%s", dir, l.names[i]);
            if (unlink(path) != 0 && res->prune_failures++ == 0)
                snprintf(res->prune_error, sizeof res->prune_error,
                         "cannot remove old backup '%s': %s", path,
                         strerror(errno));
            free(path);
        }
    }
    free_listing(&l);
}

int backup_now(struct store *st, const char *collection, const char *reason,
               time_t now, struct backup_result *res, struct error *err)
{
    struct backup_result ignored;
    res = res ? res : &ignored;
    memset(res, 0, sizeof *res);
    char *dir = backup_dir(), stamp[32];
    if (dir == NULL)
        return error_set(err, ERROR_FAIL,
                         "no backup made: set HOME or XDG_DATA_HOME");
    char *probe = xasprintf("%s/x", dir);
    int made = make_parent_dirs(probe);
    free(probe);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *base = base_name(collection);
    char *path = xasprintf("%s/%s-%s-%s.db", dir, base, stamp, reason);
    int rc = 0;
    /* Two backups in one second (an import of several decks): the later
     * replaces the earlier, which it contains. */
    unlink(path);
    if (made != 0)
        rc = error_errno(err, ERROR_FAIL, "cannot create '%s'", dir);
    else if (store_backup(st, path) != 0)
        rc = error_set(err, ERROR_FAIL, "%s", store_error(st));
    if (rc)
        unlink(path);
    else {
        snprintf(res->path, sizeof res->path, "%s", path);
        prune(dir, base, now, res);
    }
    free(path);
    free(base);
    free(dir);
    return rc;
}

int backup_daily(struct store *st, const char *collection, time_t now,
                 struct backup_result *res, struct error *err)
{
    char *dir = backup_dir(), today[9];
    if (res)
        memset(res, 0, sizeof *res);
    if (dir == NULL)
        return 0;
    char *base = base_name(collection);
    struct listing l;
    list_backups(dir, base, &l);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y%m%d", &tm);
    bool have = false;
    for (size_t i = 0; i < l.count && !have; i++)
        have = strncmp(l.names[i] + strlen(base) + 1, today, 8) == 0;
    int rc = have ? 0 : backup_now(st, collection, "daily", now, res, err);
    free_listing(&l);
    free(base);
    free(dir);
    return rc;
}
