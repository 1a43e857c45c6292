/* backup.c: copies of the collection: backing up, checking a copy, and
 * restoring one.
 *
 * All three use SQLite's online backup API or a read-only connection, so
 * a backup is a consistent snapshot even while another process writes,
 * and checking a file never changes it. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies database `from` into `to`: a consistent snapshot even while
 * other processes write. */
static int copy_database(sqlite3 *to, sqlite3 *from)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (b == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
           rc == SQLITE_LOCKED)
        sqlite3_sleep(50);
    return sqlite3_backup_finish(b) == SQLITE_OK && rc == SQLITE_DONE ? 0 : -1;
}

int store_backup(struct store *st, const char *dest)
{
    sqlite3 *out;
    int rc = -1;
    if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL) == SQLITE_OK &&
        copy_database(out, st->db) == 0)
        rc = 0;
    else
        db_failf(st, "cannot back up to '%s': %s", dest,
                 sqlite3_errmsg(out ? out : st->db));
    sqlite3_close(out);
    return rc;
}

/* 0 when integrity_check says "ok"; else -1 with the reason set. */
static int integrity(struct store *probe)
{
    sqlite3_stmt *s = NULL;
    int ok = 0;
    if (sqlite3_prepare_v2(probe->db, "PRAGMA integrity_check", -1, &s, NULL) ==
            SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        ok = strcmp(db_column_text(s, 0), "ok") == 0;
    sqlite3_finalize(s);
    return ok ? 0 : db_failf(probe, "fails SQLite's integrity check");
}

int store_check_file(const char *path, char *msg, size_t len)
{
    struct store probe = {0};
    int version = 0, rc = -1;
    char *uri = xasprintf("file:%s?mode=ro", path);
    if (sqlite3_open_v2(uri, &probe.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        NULL) != SQLITE_OK)
        db_fail(&probe, "cannot open");
    else if (db_check_identity(&probe, &version) == STORE_OK) {
        if (version == 0)
            db_failf(&probe, "empty: no collection");
        else
            rc = integrity(&probe);
    }
    snprintf(msg, len, "%s", probe.error);
    sqlite3_close(probe.db);
    free(uri);
    return rc;
}

int store_restore(struct store *st, const char *src)
{
    sqlite3 *in;
    char *uri = xasprintf("file:%s?mode=ro", src);
    int rc = -1;
    if (sqlite3_open_v2(uri, &in, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        NULL) == SQLITE_OK &&
        copy_database(st->db, in) == 0 &&
        db_pragma_int(st, "PRAGMA user_version", &st->version) == 0)
        rc = 0;
    else
        db_fail(st, "cannot restore");
    sqlite3_close(in);
    free(uri);
    return rc;
}
