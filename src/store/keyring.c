/* keyring.c: the publishers whose signed decks this collection trusts.
 *
 * Keys are minisign-format Ed25519 public keys (32 bytes) with the 8-byte
 * id minisign shows; the public key is unique, the id need not be (two
 * publishers could collide), so untrusting by id removes every match;
 * `rehearse untrust` asks for the public key (store_untrust_key) when an
 * id names more than one. */
#include "internal.h"

int store_each_key(struct store *st, key_fn fn, void *ctx)
{
    static const char sql[] = "SELECT key_id, public_key, name, added_at "
                              "FROM keyring ORDER BY name, added_at";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct trusted_key k;
        bool ok_id, ok_key;
        db_column_blob(s, 0, k.key_id, sizeof k.key_id, &ok_id);
        db_column_blob(s, 1, k.public_key, sizeof k.public_key, &ok_key);
        k.name = (char *)sqlite3_column_text(s, 2);
        k.added = (time_t)sqlite3_column_int64(s, 3);
        if (ok_id && ok_key && fn(ctx, &k)) {
            sqlite3_reset(s);
            return db_failf(st, "stopped reading the keyring");
        }
    }
    return db_done(st, s, rc, "cannot read keyring");
}

int store_key_trusted(struct store *st, const unsigned char *public_key,
                      char **name)
{
    static const char sql[] = "SELECT name FROM keyring WHERE public_key = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_key(s, 1, public_key, STORE_KEY_BYTES);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (name)
            *name = db_column_dup(s, 0);
        sqlite3_reset(s);
        return 1;
    }
    return db_done(st, s, rc, "cannot read keyring");
}

int store_trust(struct store *st, const unsigned char key_id[8],
                const unsigned char *public_key, const char *name, time_t now)
{
    static const char sql[] =
        "INSERT INTO keyring(key_id, public_key, name, added_at) VALUES (?1, "
        "?2, ?3, ?4) ON CONFLICT(public_key) DO NOTHING";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_key(s, 1, key_id, 8);
    db_bind_key(s, 2, public_key, STORE_KEY_BYTES);
    db_bind_text(s, 3, name);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)now);
    if (db_run(st, s, "cannot add key"))
        return -1;
    return sqlite3_changes(st->db) == 0;
}

int store_untrust(struct store *st, const unsigned char key_id[8],
                  long *removed)
{
    static const char sql[] = "DELETE FROM keyring WHERE key_id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_key(s, 1, key_id, 8);
    if (db_run(st, s, "cannot remove key"))
        return -1;
    *removed = sqlite3_changes(st->db);
    return 0;
}

int store_untrust_key(struct store *st, const unsigned char *public_key,
                      long *removed)
{
    static const char sql[] = "DELETE FROM keyring WHERE public_key = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_key(s, 1, public_key, STORE_KEY_BYTES);
    if (db_run(st, s, "cannot remove key"))
        return -1;
    *removed = sqlite3_changes(st->db);
    return 0;
}
