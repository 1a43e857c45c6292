/* backup.c: copies of the collection: backing up, checking a copy, and
 * restoring one.
 *
 * All three use SQLite's online backup API or a read-only connection, so
 * a backup is a consistent snapshot even while another process writes,
 * and checking a file never changes it.  A backup is left in rollback
 * (DELETE) journal mode, not the collection's WAL mode, so that the copy
 * is one self-contained file that a read-only open cannot spawn -wal and
 * -shm files beside. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    sqlite3 *out = NULL;
    char *name = db_plain_name(dest);
    int rc = -1;
    if (sqlite3_open_v2(name, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL) == SQLITE_OK &&
        copy_database(out, st->db) == 0 &&
        sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) ==
            SQLITE_OK)
        rc = 0;
    else
        db_failf(st, "cannot back up to '%s': %s", dest,
                 sqlite3_errmsg(out ? out : st->db));
    sqlite3_close(out);
    free(name);
    return rc;
}

/* 0 when `sql` (integrity_check, foreign_key_check) answers as a sound
 * database does; else -1 with the reason set. */
static int sound(struct store *probe, const char *sql, const char *want,
                 const char *failure)
{
    sqlite3_stmt *s = NULL;
    int step = SQLITE_ERROR, ok = 0;
    if (sqlite3_prepare_v2(probe->db, sql, -1, &s, NULL) == SQLITE_OK)
        step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        ok = want && strcmp(db_column_text(s, 0), want) == 0;
    else
        ok = step == SQLITE_DONE && want == NULL;
    sqlite3_finalize(s);
    return ok ? 0 : db_failf(probe, "%s", failure);
}

/* What a restore needs of its source: a rehearse collection this version
 * can read, with tables, that passes SQLite's own checks. */
static int check_collection(struct store *probe)
{
    int app = 0, version = 0, tables = 0;
    if (db_pragma_int(probe, "PRAGMA application_id", &app) ||
        db_pragma_int(probe, "PRAGMA user_version", &version) ||
        db_pragma_int(probe, "SELECT count(*) FROM sqlite_schema", &tables))
        return -1;
    if (app != APPLICATION_ID)
        return db_failf(probe, "not a rehearse collection");
    if (version > STORE_SCHEMA_VERSION)
        return db_failf(probe,
                        "schema version %d is newer than this rehearse "
                        "understands (%d)",
                        version, STORE_SCHEMA_VERSION);
    if (version < 1 || tables == 0)
        return db_failf(probe, "empty: no collection in it");
    if (sound(probe, "PRAGMA integrity_check", "ok",
              "fails SQLite's integrity check") ||
        sound(probe, "PRAGMA foreign_key_check", NULL,
              "fails SQLite's foreign key check"))
        return -1;
    return 0;
}

static int open_readonly(const char *path, sqlite3 **db)
{
    char *uri = db_readonly_uri(path);
    int rc =
        sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    return rc;
}

int store_check_file(const char *path, char *msg, size_t len)
{
    struct store probe = {0};
    struct stat st;
    int rc = -1;
    if (stat(path, &st) != 0)
        snprintf(probe.error, sizeof probe.error, "cannot read it: %s",
                 strerror(errno));
    else if (!S_ISREG(st.st_mode))
        snprintf(probe.error, sizeof probe.error, "not a regular file");
    else if (open_readonly(path, &probe.db) != SQLITE_OK)
        db_fail(&probe, "cannot open");
    else
        rc = check_collection(&probe);
    snprintf(msg, len, "%s", probe.error);
    sqlite3_close(probe.db);
    return rc;
}

int store_restore(struct store *st, const char *src)
{
    sqlite3 *in = NULL;
    int rc = -1;
    if (open_readonly(src, &in) == SQLITE_OK &&
        copy_database(st->db, in) == 0 &&
        db_pragma_int(st, "PRAGMA user_version", &st->version) == 0)
        rc = 0;
    else
        db_failf(st, "cannot restore '%s': %s", src,
                 sqlite3_errmsg(in ? in : st->db));
    sqlite3_close(in);
    return rc;
}
