/* identity.c: what makes this collection itself: its identity, which
 * names its backups, and the notices it has already given. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

int store_identity(struct store *st, char out[STORE_IDENTITY_LEN + 1])
{
    static const char sql[] = "SELECT id FROM identity LIMIT 1";
    out[0] = '\0';
    if (st->version < 4)
        return 0; /* before schema 4 there is none yet */
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        snprintf(out, STORE_IDENTITY_LEN + 1, "%s", db_column_text(s, 0));
    return db_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
                   "cannot read the collection's identity");
}

int store_notice_once(struct store *st, const char *message, time_t now)
{
    static const char sql[] = "INSERT INTO notices (message, at) "
                              "VALUES (?1, ?2) ON CONFLICT DO NOTHING";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, message, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
    if (db_run(st, s, "cannot record a notice"))
        return -1;
    return sqlite3_changes(st->db) == 1;
}
