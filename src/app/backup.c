/* backup.c: naming, scheduling and pruning backups; the copying itself is
 * store_backup (SQLite's online backup API).  See backup.h. */
#include "rehearse/backup.h"
#include "rehearse/paths.h"
#include "rehearse/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *backup_dir(const char *collection)
{
    char *usual = xdg_path("DATA", "collection.db");
    bool is_usual = usual && strcmp(usual, collection) == 0;
    free(usual);
    if (is_usual)
        return xdg_path("DATA", "backups");
    return xasprintf("%s.backups", collection);
}

/* "collection-3fa2b9c1" for ".../collection.db": the file name for people
 * and the identity for pruning, so that two collections of one name never
 * prune each other's backups.  A collection from before schema 4 has no
 * identity yet: its backups (made before the upgrade) say "00000000" and
 * are never pruned by the upgraded collection. */
static char *backup_prefix(struct store *st, const char *collection)
{
    const char *slash = strrchr(collection, '/');
    const char *name = slash ? slash + 1 : collection;
    size_t n = strlen(name);
    char id[STORE_IDENTITY_LEN + 1];
    if (n > 3 && strcmp(name + n - 3, ".db") == 0)
        n -= 3;
    if (store_identity(st, id) != 0 || id[0] == '\0')
        snprintf(id, sizeof id, "00000000");
    return xasprintf("%.*s-%.8s", (int)n, name, id);
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
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return b && stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void delete_backup(const char *path, struct backup_result *res)
{
    if (unlink(path) != 0 && res->prune_failures++ == 0)
        snprintf(res->prune_error, sizeof res->prune_error,
                 "cannot remove old backup '%s': %s", path, strerror(errno));
}

/* Keeps the newest BACKUP_KEEP_LATEST and the newest backup of each of the
 * last BACKUP_KEEP_DAYS dates, and `spare` (a file being restored);
 * deletes the others.  It runs only after a backup was written, synced
 * and published, so the newest backup, which it always keeps, is one
 * known to be sound. */
static void prune(const char *dir, const char *base, time_t now,
                  const char *spare, struct backup_result *res)
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
        char *path = xasprintf("%s/%s", dir, l.names[i]);
        if (!keep && !same_file(path, spare))
            delete_backup(path, res);
        free(path);
    }
    free_listing(&l);
}

/* fsync of the file and of its directory: a backup that only reached
 * the page cache is not one yet. */
static int sync_path(const char *path, bool directory)
{
    int fd =
        open(path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* A partial copy lives under a dot name that no listing counts; one left
 * by a killed process (its pid gone) is removed by the next backup. */
static void remove_stale_partials(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        long pid;
        char *end;
        if (strncmp(e->d_name, ".partial-", 9) != 0)
            continue;
        pid = strtol(e->d_name + 9, &end, 10);
        if (*end != '-' || pid <= 0 ||
            (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
            char *path = xasprintf("%s/%s", dir, e->d_name);
            unlink(path);
            free(path);
        }
    }
    closedir(d);
}

/* The next free sequence number for backups named PREFIX-NNN-*: one more
 * than the highest there, so that names sort in the order made. */
static long next_sequence(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = strlen(prefix);
    long next = 0;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char *end;
        if (strncmp(e->d_name, prefix, n) != 0)
            continue;
        long seq = strtol(e->d_name + n, &end, 10);
        if (end == e->d_name + n + 3 && *end == '-' && seq >= next)
            next = seq + 1;
    }
    closedir(d);
    return next;
}

/* Links the finished copy under a name no other backup has: the time
 * (rehearse's clock, so a pinned REHEARSE_NOW dates it), then a sequence
 * number within that second.  link() never replaces an existing file,
 * unlike rename(), so two processes cannot take the same name. */
static char *publish(const char *dir, const char *base, const char *partial,
                     const char *reason, time_t now, struct error *err)
{
    struct tm tm;
    char stamp[32];
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *prefix = xasprintf("%s-%s-", base, stamp);
    for (long seq = next_sequence(dir, prefix); seq < 1000; seq++) {
        char *path = xasprintf("%s/%s%03ld-%s.db", dir, prefix, seq, reason);
        if (link(partial, path) == 0) {
            free(prefix);
            return path;
        }
        int e = errno;
        free(path);
        if (e != EEXIST) {
            free(prefix);
            errno = e;
            return error_errno(err, ERROR_FAIL,
                               "cannot name the backup in '%s'", dir),
                   NULL;
        }
    }
    free(prefix);
    error_set(err, ERROR_FAIL, "more than 1000 backups in one second in '%s'",
              dir);
    return NULL;
}

/* Copies the collection to a partial file, syncs it, and publishes it. */
static char *write_backup(struct store *st, const char *dir, const char *base,
                          const char *reason, time_t now, struct error *err)
{
    static long counter;
    char *partial = xasprintf("%s/.partial-%ld-%ld-%s.db", dir, (long)getpid(),
                              ++counter, base);
    char *journal = xasprintf("%s-journal", partial);
    char *path = NULL;
    if (store_backup(st, partial) != 0)
        error_set(err, ERROR_FAIL, "%s", store_error(st));
    else if (sync_path(partial, false) != 0)
        error_errno(err, ERROR_FAIL, "cannot sync backup '%s'", partial);
    else if ((path = publish(dir, base, partial, reason, now, err)) != NULL &&
             sync_path(dir, true) != 0) {
        error_errno(err, ERROR_FAIL, "cannot sync '%s'", dir);
        unlink(path);
        free(path);
        path = NULL;
    }
    unlink(partial);
    unlink(journal);
    free(journal);
    free(partial);
    return path;
}

int backup_now(struct store *st, const char *collection, const char *reason,
               time_t now, struct backup_result *res, struct error *err)
{
    return backup_sparing(st, collection, reason, now, NULL, res, err);
}

int backup_sparing(struct store *st, const char *collection, const char *reason,
                   time_t now, const char *spare, struct backup_result *res,
                   struct error *err)
{
    struct backup_result ignored;
    res = res ? res : &ignored;
    memset(res, 0, sizeof *res);
    char *dir = backup_dir(collection);
    if (dir == NULL)
        return error_set(err, ERROR_FAIL,
                         "no backup made: set HOME or XDG_DATA_HOME");
    char *probe = xasprintf("%s/x", dir);
    int made = make_parent_dirs(probe);
    free(probe);
    char *base = backup_prefix(st, collection), *path = NULL;
    if (made != 0)
        error_errno(err, ERROR_FAIL, "cannot create '%s'", dir);
    else {
        remove_stale_partials(dir);
        path = write_backup(st, dir, base, reason, now, err);
    }
    if (path) {
        snprintf(res->path, sizeof res->path, "%s", path);
        prune(dir, base, now, spare, res);
    }
    int rc = path ? 0 : -1;
    free(path);
    free(base);
    free(dir);
    return rc;
}

int backup_daily(struct store *st, const char *collection, time_t now,
                 struct backup_result *res, struct error *err)
{
    char *dir = backup_dir(collection), today[9];
    if (res)
        memset(res, 0, sizeof *res);
    if (dir == NULL)
        return 0;
    char *base = backup_prefix(st, collection);
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
