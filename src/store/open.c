/* open.c: opening a collection, deciding whether it is ours, and
 * bringing its schema up to date.
 *
 * A file is touched only when it is a rehearse collection (application_id
 * 'RHRS') of a version this build understands, or an empty file.  The
 * schema is the migrations in src/store/schema/, v1.sql first, built into
 * the library by embed.cmake; user_version says how many have run.
 * Durability: WAL with synchronous=FULL, so a committed answer survives a
 * crash and a power cut; the cost is one fsync per answer. */
#include "internal.h"
#include "schema_sql.h"

#include "rehearse/fsrs.h"

#include <stdio.h>
#include <stdlib.h>

_Static_assert(sizeof schema_migrations / sizeof schema_migrations[0] ==
                   STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* Decides whether the file is a collection we may touch.  Nothing here
 * writes, so a refused file is left exactly as it was.  Used by
 * store_check_file (backup.c) too. */
int db_check_identity(struct store *st, int *version)
{
    int app = 0, tables = 0;
    if (db_pragma_int(st, "PRAGMA application_id", &app) ||
        db_pragma_int(st, "PRAGMA user_version", version) ||
        db_pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables))
        return STORE_FAILED;
    if (app != APPLICATION_ID && (app != 0 || tables != 0)) {
        db_failf(st, "not a rehearse collection (refusing to touch it)");
        return STORE_FAILED;
    }
    if (*version > STORE_SCHEMA_VERSION) {
        db_failf(st,
                 "collection has schema version %d, newer than this "
                 "rehearse understands (%d): upgrade rehearse; the file was "
                 "not touched",
                 *version, STORE_SCHEMA_VERSION);
        return STORE_NEWER;
    }
    return STORE_OK;
}

/* fsrs_r(t, S): FSRS-6's retrievability t days after a review of
 * stability S, with the parameters in use (store_fsrs_params: the decay
 * w20 matters); NULL when either is NULL or S is not positive.  For
 * `cards --json` and the plan's predicted recall. */
static void sql_fsrs_r(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
        sqlite3_value_type(argv[1]) == SQLITE_NULL ||
        sqlite3_value_double(argv[1]) <= 0.0) {
        sqlite3_result_null(ctx);
        return;
    }
    const struct store *st = sqlite3_user_data(ctx);
    sqlite3_result_double(
        ctx, fsrs_retrievability(&st->fsrs, sqlite3_value_double(argv[0]),
                                 sqlite3_value_double(argv[1])));
}

int store_open(const char *path, struct store **out, char *msg, size_t msglen)
{
    struct store *st = xcalloc(1, sizeof *st);
    int version = 0, rc = STORE_FAILED;
    st->fsrs = *fsrs_default_params();
    *out = NULL;
    char *name = db_plain_name(path);
    int opened = sqlite3_open_v2(name, &st->db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                     SQLITE_OPEN_NOFOLLOW,
                                 NULL);
    free(name);
    if (opened != SQLITE_OK) {
        db_fail(st, "cannot open collection");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    if (sqlite3_create_function_v2(st->db, "fsrs_r", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC, st,
                                   sql_fsrs_r, NULL, NULL, NULL) != SQLITE_OK) {
        db_fail(st, "cannot open collection");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 10000);
    if ((rc = db_check_identity(st, &version)) != STORE_OK)
        goto fail;
    rc = STORE_FAILED;
    if (db_exec(st, "PRAGMA journal_mode = WAL", "cannot enable WAL") ||
        db_exec(st, "PRAGMA synchronous = FULL", "cannot set durability") ||
        db_exec(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys"))
        goto fail;
    st->version = version;
    *out = st;
    return STORE_OK;
fail:
    snprintf(msg, msglen, "%s", st->error);
    store_close(st);
    return rc;
}

bool store_needs_backup_before_migrating(const struct store *st)
{
    return st->version > 0 && st->version < STORE_SCHEMA_VERSION;
}

static int set_version(struct store *st, const char *pragma, int value)
{
    char *sql = xasprintf("PRAGMA %s = %d", pragma, value);
    int rc = db_exec(st, sql, "cannot upgrade the collection");
    free(sql);
    return rc;
}

/* Fails when the migrations left a row pointing at nothing. */
static int check_foreign_keys(struct store *st)
{
    int orphans = 0;
    if (db_pragma_int(st, "SELECT count(*) FROM pragma_foreign_key_check",
                      &orphans))
        return -1;
    if (orphans)
        return db_failf(st,
                        "cannot upgrade the collection: %d rows refer to "
                        "missing rows (nothing was changed)",
                        orphans);
    return 0;
}

/* Runs the migrations from user_version up, in one transaction.  Foreign
 * keys are off meanwhile, as SQLite requires for rebuilding a table
 * (a DROP would otherwise trip the rows that refer to it); they are
 * checked before committing instead. */
static int migrate(struct store *st, store_migrated_fn fn, void *ctx)
{
    if (db_exec(st, "PRAGMA foreign_keys = OFF", "cannot upgrade") ||
        db_exec(st, "BEGIN IMMEDIATE", "cannot lock the collection"))
        goto fail;
    /* Another process may have migrated while we waited for the lock. */
    int version = 0;
    if (db_pragma_int(st, "PRAGMA user_version", &version))
        goto fail;
    int from = version;
    for (; version < STORE_SCHEMA_VERSION; version++) {
        if (db_exec(st, schema_migrations[version],
                    "cannot upgrade the collection") ||
            set_version(st, "user_version", version + 1))
            goto fail;
    }
    if ((from < STORE_SCHEMA_VERSION && fn && fn(ctx, st, from)) ||
        check_foreign_keys(st) ||
        set_version(st, "application_id", APPLICATION_ID) ||
        db_exec(st, "COMMIT", "cannot upgrade the collection") ||
        db_exec(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys"))
        goto fail;
    return 0;
fail:
    store_rollback(st);
    sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return -1;
}

int store_migrate(struct store *st, store_migrated_fn fn, void *ctx)
{
    if (st->version == STORE_SCHEMA_VERSION)
        return 0;
    if (migrate(st, fn, ctx))
        return -1;
    st->version = STORE_SCHEMA_VERSION;
    return 0;
}

void store_close(struct store *st)
{
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->ncache; i++)
        sqlite3_finalize(st->cache[i].stmt);
    free(st->cache);
    sqlite3_close(st->db);
    free(st);
}
