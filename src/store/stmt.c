/* stmt.c: statements, errors and transactions, shared by every file of
 * the store.
 *
 * Workload: a daily session runs the same few dozen statements hundreds
 * of times, so each is prepared once per process (SQLITE_PREPARE_
 * PERSISTENT) and kept in a small cache keyed by the address of its
 * text.  A linear search of about 50 pointers costs far less than the
 * step that follows it, so the cache is a plain array. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_fail(struct store *st, const char *what)
{
    int code = sqlite3_extended_errcode(st->db);
    bool space = code == SQLITE_FULL || code == SQLITE_IOERR_WRITE ||
                 code == SQLITE_IOERR_FSYNC || code == SQLITE_IOERR_TRUNCATE;
    snprintf(st->error, sizeof st->error, "%s: %s%s", what,
             sqlite3_errmsg(st->db),
             space ? " (is the disk full? nothing was changed)" : "");
    return -1;
}

int db_failf(struct store *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->error, sizeof st->error, fmt, ap);
    va_end(ap);
    return -1;
}

const char *store_error(struct store *st)
{
    return st->error;
}

sqlite3_stmt *db_prepare(struct store *st, const char *sql)
{
    for (size_t i = 0; i < st->ncache; i++) {
        if (st->cache[i].sql == sql) {
            sqlite3_stmt *s = st->cache[i].stmt;
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return s;
        }
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                           NULL) != SQLITE_OK) {
        db_fail(st, "cannot use the collection");
        sqlite3_finalize(s);
        return NULL;
    }
    st->cache =
        xgrow(st->cache, &st->cache_cap, st->ncache + 1, sizeof *st->cache);
    st->cache[st->ncache++] = (struct cached_stmt){sql, s};
    return s;
}

int db_run(struct store *st, sqlite3_stmt *s, const char *what)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE) {
        db_fail(st, what);
        sqlite3_reset(s);
        return -1;
    }
    sqlite3_reset(s);
    return 0;
}

int db_single_int(struct store *st, sqlite3_stmt *s, long *out, long if_null)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_type(s, 0) == SQLITE_NULL
                   ? if_null
                   : (long)sqlite3_column_int64(s, 0);
    else
        db_fail(st, "cannot read collection");
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : -1;
}

int db_json(struct store *st, sqlite3_stmt *s, char **json)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *json = db_column_dup(s, 0);
    else
        db_fail(st, "cannot list");
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : -1;
}

int db_done(struct store *st, sqlite3_stmt *s, int rc, const char *what)
{
    if (rc != SQLITE_DONE)
        db_fail(st, what);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int db_exec(struct store *st, const char *sql, const char *what)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(st, what);
    return 0;
}

int db_pragma_int(struct store *st, const char *sql, int *value)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot use the collection");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int(s, 0);
    else
        db_fail(st, "cannot use the collection");
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : -1;
}

void db_bind_text(sqlite3_stmt *s, int i, const char *text)
{
    sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

void db_bind_key(sqlite3_stmt *s, int i, const unsigned char *key, int len)
{
    if (key)
        sqlite3_bind_blob(s, i, key, len, SQLITE_TRANSIENT);
}

void db_bind_day(sqlite3_stmt *s, int i, long day)
{
    if (day >= 0)
        sqlite3_bind_int64(s, i, day);
}

static char *json_list(const char **items, size_t n)
{
    if (n == 0)
        return NULL;
    struct strbuf sb;
    sb_init(&sb);
    sb_addc(&sb, '[');
    for (size_t i = 0; i < n; i++)
        sb_addf(&sb, "%s\"%s\"", i ? "," : "", items[i]);
    sb_addc(&sb, ']');
    return sb.buf;
}

void db_bind_filter(sqlite3_stmt *s, const struct filter *f)
{
    if (f == NULL)
        return;
    char *decks = json_list(f->decks, f->ndecks);
    char *tags = json_list(f->tags, f->ntags);
    if (decks)
        sqlite3_bind_text(s, 1, decks, -1, free);
    if (tags)
        sqlite3_bind_text(s, 2, tags, -1, free);
}

bool db_has_tags(const struct filter *f)
{
    return f && f->ntags > 0;
}

const char *db_column_text(sqlite3_stmt *s, int col)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    return v ? v : "";
}

char *db_column_dup(sqlite3_stmt *s, int col)
{
    return xstrdup(db_column_text(s, col));
}

void db_column_blob(sqlite3_stmt *s, int col, unsigned char *dst, size_t len,
                    bool *present)
{
    int n = sqlite3_column_bytes(s, col);
    const void *p = sqlite3_column_blob(s, col);
    *present = p != NULL && (size_t)n == len;
    if (*present)
        memcpy(dst, p, len);
}

void db_read_queued(sqlite3_stmt *s, struct queued_card *q)
{
    q->id = sqlite3_column_int64(s, 0);
    q->sm = (struct sm2){sqlite3_column_int(s, 1), sqlite3_column_int(s, 2),
                         sqlite3_column_int(s, 3), sqlite3_column_int(s, 4)};
    q->due = (long)sqlite3_column_int64(s, 5);
    db_read_fsrs(s, 6, &q->fsrs);
}

void db_read_fsrs(sqlite3_stmt *s, int i, struct fsrs_card *f)
{
    f->memory.stability = sqlite3_column_double(s, i);
    f->memory.difficulty = sqlite3_column_double(s, i + 1);
    f->last_day = (long)sqlite3_column_int64(s, i + 2);
    f->due = (long)sqlite3_column_int64(s, i + 3);
}

void db_bind_fsrs(sqlite3_stmt *s, int i, const struct fsrs_card *f)
{
    if (f->memory.stability > 0.0) {
        sqlite3_bind_double(s, i, f->memory.stability);
        sqlite3_bind_double(s, i + 1, f->memory.difficulty);
        sqlite3_bind_int64(s, i + 2, f->last_day);
    } else {
        sqlite3_bind_null(s, i);
        sqlite3_bind_null(s, i + 1);
        sqlite3_bind_null(s, i + 2);
    }
    db_bind_day(s, i + 3, f->due);
}

/* ---- transactions ---- */

int store_begin(struct store *st)
{
    static const char sql[] = "BEGIN IMMEDIATE";
    sqlite3_stmt *s = db_prepare(st, sql);
    return s ? db_run(st, s, "cannot start a transaction") : -1;
}

int store_commit(struct store *st)
{
    static const char sql[] = "COMMIT";
    sqlite3_stmt *s = db_prepare(st, sql);
    return s ? db_run(st, s, "cannot commit") : -1;
}

void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}
