/* anki_db.c: an Anki collection, read from memory.  See anki_db.h.
 *
 * Workload: one import reads every note, card and review of a package
 * once, in key order, so each query is a single scan; 10k notes and 50k
 * reviews take well under a second (docs/benchmarks.md).  The file comes
 * from outside, so the connection is defensive: the bytes are opened
 * read-only, the schema is not trusted (no functions from views or
 * triggers), the tables read must be real tables, and the whole file
 * passes quick_check before anything is read. */
#include "rehearse/anki_db.h"
#include "rehearse/util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct anki_db {
    sqlite3 *db;
    char error[256];
};

static int fail(struct anki_db *a, const char *what)
{
    snprintf(a->error, sizeof a->error, "%s: %s", what, sqlite3_errmsg(a->db));
    return -1;
}

const char *anki_db_error(struct anki_db *db)
{
    return db->error;
}

static sqlite3_stmt *prepare(struct anki_db *a, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(a->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fail(a, "collection");
        return NULL;
    }
    return s;
}

/* Steps s to its end; 0, or -1 naming what. */
static int finish(struct anki_db *a, sqlite3_stmt *s, int rc, const char *what)
{
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        fail(a, what);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static const char *column_text(sqlite3_stmt *s, int col)
{
    const char *t = (const char *)sqlite3_column_text(s, col);
    return t ? t : "";
}

static char *dup_column(sqlite3_stmt *s, int col)
{
    const char *t = (const char *)sqlite3_column_text(s, col);
    return xstrdup(t ? t : "");
}

static int check_tables(struct anki_db *a)
{
    static const char sql[] =
        "SELECT (SELECT quick_check FROM pragma_quick_check LIMIT 1), "
        "(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name "
        "IN ('col', 'notes', 'cards', 'revlog'))";
    sqlite3_stmt *s = prepare(a, sql);
    if (s == NULL)
        return -1;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW)
        return finish(a, s, rc, "collection");
    const char *check = (const char *)sqlite3_column_text(s, 0);
    int tables = sqlite3_column_int(s, 1);
    if (check == NULL || strcmp(check, "ok") != 0)
        snprintf(a->error, sizeof a->error, "collection is damaged: %.200s",
                 check ? check : "?");
    else if (tables != 4)
        snprintf(a->error, sizeof a->error,
                 "not an Anki collection (no col, notes, cards and revlog "
                 "tables)");
    else
        a->error[0] = '\0';
    sqlite3_finalize(s);
    return a->error[0] ? -1 : 0;
}

int anki_db_open(unsigned char *bytes, size_t len, struct anki_db **out,
                 char *msg, size_t msglen)
{
    struct anki_db *a = xcalloc(1, sizeof *a);
    *out = NULL;
    if (len < 100 || memcmp(bytes, "SQLite format 3", 16) != 0) {
        snprintf(msg, msglen, "collection is not an SQLite database");
        free(a);
        return -1;
    }
    if (bytes[18] == 2 && bytes[19] == 2)
        bytes[18] = bytes[19] = 1; /* WAL needs a file; rollback does not */
    int rc = sqlite3_open_v2(":memory:", &a->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_db_config(a->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
        sqlite3_db_config(a->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
        sqlite3_limit(a->db, SQLITE_LIMIT_LENGTH, ANKI_MAX_HTML * 64);
        rc = sqlite3_deserialize(a->db, "main", bytes, (sqlite3_int64)len,
                                 (sqlite3_int64)len,
                                 SQLITE_DESERIALIZE_READONLY);
    }
    if (rc != SQLITE_OK || check_tables(a)) {
        int code = sqlite3_errcode(a->db);
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
            snprintf(msg, msglen, "collection is damaged: %s",
                     sqlite3_errmsg(a->db));
        else
            snprintf(msg, msglen, "%s",
                     a->error[0] ? a->error : sqlite3_errmsg(a->db));
        anki_db_close(a);
        return -1;
    }
    *out = a;
    return 0;
}

void anki_db_close(struct anki_db *db)
{
    if (db == NULL)
        return;
    sqlite3_close(db->db);
    free(db);
}

/* Note times are seconds in Anki, milliseconds in some third-party
 * writers: a value past the year 5138 in seconds is taken as ms. */
int anki_db_version(struct anki_db *a, int *ver, int64_t *modified)
{
    static const char sql[] =
        "SELECT ver, max(1, mod / 1000, coalesce((SELECT max(CASE WHEN mod > "
        "100000000000 THEN mod / 1000 ELSE mod END) FROM notes), 0), "
        "coalesce((SELECT max(id) FROM revlog), 0) / 1000) FROM col LIMIT 1";
    sqlite3_stmt *s = prepare(a, sql);
    if (s == NULL)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *ver = sqlite3_column_int(s, 0);
        *modified = sqlite3_column_int64(s, 1);
    } else if (rc == SQLITE_DONE) {
        sqlite3_finalize(s);
        snprintf(a->error, sizeof a->error, "collection has no col row");
        return -1;
    }
    return finish(a, s, rc, "cannot read the col row");
}

/* ---- note types ---- */

static void add_field(struct anki_notetype *nt, size_t *cap, char *name)
{
    nt->fields = xgrow(nt->fields, cap, nt->nfields + 1, sizeof *nt->fields);
    nt->fields[nt->nfields++] = name;
}

static void add_template(struct anki_notetype *nt, size_t *cap, char *name,
                         char *qfmt, char *afmt)
{
    nt->templates =
        xgrow(nt->templates, cap, nt->ntemplates + 1, sizeof *nt->templates);
    nt->templates[nt->ntemplates++] = (struct anki_template){name, qfmt, afmt};
}

/* Fields or templates (by ord) of one legacy model, from its JSON. */
static int legacy_parts(struct anki_db *a, struct anki_notetype *nt,
                        const char *flds, const char *tmpls)
{
    static const char sql[] =
        "SELECT json_extract(value, '$.name'), json_extract(value, "
        "'$.qfmt'), json_extract(value, '$.afmt') FROM json_each(?1) "
        "ORDER BY json_extract(value, '$.ord')";
    size_t cap = 0;
    for (int pass = 0; pass < 2; pass++) {
        sqlite3_stmt *s = prepare(a, sql);
        if (s == NULL)
            return -1;
        sqlite3_bind_text(s, 1, pass ? tmpls : flds, -1, SQLITE_STATIC);
        int rc;
        cap = 0;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
               nt->nfields <= ANKI_MAX_FIELDS &&
               nt->ntemplates <= ANKI_MAX_TEMPLATES) {
            if (pass == 0)
                add_field(nt, &cap, dup_column(s, 0));
            else
                add_template(nt, &cap, dup_column(s, 0), dup_column(s, 1),
                             dup_column(s, 2));
        }
        if (finish(a, s, rc, "cannot read the note types"))
            return -1;
    }
    return 0;
}

static int legacy_notetypes(struct anki_db *a, anki_notetype_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT CAST(m.key AS INTEGER), json_extract(m.value, '$.name'), "
        "json_extract(m.value, '$.type'), json_extract(m.value, '$.flds'), "
        "json_extract(m.value, '$.tmpls') FROM col, json_each(col.models) m "
        "ORDER BY 1";
    sqlite3_stmt *s = prepare(a, sql);
    if (s == NULL)
        return -1;
    int rc, stop = 0;
    while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct anki_notetype nt = {0};
        bool kept = false;
        nt.id = sqlite3_column_int64(s, 0);
        nt.name = dup_column(s, 1);
        nt.cloze = sqlite3_column_int(s, 2) == 1;
        const char *flds = (const char *)sqlite3_column_text(s, 3);
        const char *tmpls = (const char *)sqlite3_column_text(s, 4);
        stop = legacy_parts(a, &nt, flds ? flds : "[]", tmpls ? tmpls : "[]");
        if (stop == 0)
            stop = fn(ctx, &nt, &kept);
        if (!kept)
            anki_notetype_free(&nt);
    }
    if (stop)
        sqlite3_finalize(s);
    return stop ? stop : finish(a, s, rc, "cannot read the note types");
}

/* Fields (pass 0) and templates (pass 1) of a schema-18 note type. */
static int table_parts(struct anki_db *a, struct anki_notetype *nt)
{
    static const char *const sql[] = {
        "SELECT name, NULL FROM fields WHERE ntid = ?1 ORDER BY ord",
        "SELECT name, config FROM templates WHERE ntid = ?1 ORDER BY ord"};
    for (int pass = 0; pass < 2; pass++) {
        sqlite3_stmt *s = prepare(a, sql[pass]);
        if (s == NULL)
            return -1;
        sqlite3_bind_int64(s, 1, nt->id);
        size_t cap = 0;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
               nt->nfields <= ANKI_MAX_FIELDS &&
               nt->ntemplates <= ANKI_MAX_TEMPLATES) {
            if (pass == 0) {
                add_field(nt, &cap, dup_column(s, 0));
                continue;
            }
            const unsigned char *blob = sqlite3_column_blob(s, 1), *q, *an;
            size_t len = (size_t)sqlite3_column_bytes(s, 1), ql, al;
            if (anki_proto_bytes(blob, len, 1, &q, &ql) < 0 ||
                anki_proto_bytes(blob, len, 2, &an, &al) < 0) {
                sqlite3_finalize(s);
                snprintf(a->error, sizeof a->error,
                         "note type '%.80s': template config is not "
                         "protobuf",
                         nt->name);
                return -1;
            }
            add_template(nt, &cap, dup_column(s, 0),
                         q ? xstrndup((const char *)q, ql) : xstrdup(""),
                         an ? xstrndup((const char *)an, al) : xstrdup(""));
        }
        if (finish(a, s, rc, "cannot read the note types"))
            return -1;
    }
    return 0;
}

static int table_notetypes(struct anki_db *a, anki_notetype_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT id, name, config FROM notetypes ORDER BY id";
    sqlite3_stmt *s = prepare(a, sql);
    if (s == NULL)
        return -1;
    int rc, stop = 0;
    while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct anki_notetype nt = {0};
        bool kept = false;
        uint64_t kind = 0;
        nt.id = sqlite3_column_int64(s, 0);
        nt.name = dup_column(s, 1);
        if (anki_proto_varint(sqlite3_column_blob(s, 2),
                              (size_t)sqlite3_column_bytes(s, 2), 1,
                              &kind) < 0) {
            snprintf(a->error, sizeof a->error,
                     "note type '%.80s': config is not protobuf", nt.name);
            stop = -1;
        }
        nt.cloze = kind == 1;
        if (stop == 0)
            stop = table_parts(a, &nt);
        if (stop == 0)
            stop = fn(ctx, &nt, &kept);
        if (!kept)
            anki_notetype_free(&nt);
    }
    if (stop)
        sqlite3_finalize(s);
    return stop ? stop : finish(a, s, rc, "cannot read the note types");
}

int anki_db_each_notetype(struct anki_db *db, int ver, anki_notetype_fn fn,
                          void *ctx)
{
    return ver >= 15 ? table_notetypes(db, fn, ctx)
                     : legacy_notetypes(db, fn, ctx);
}

/* ---- decks, cards, reviews ---- */

int anki_db_each_deck(struct anki_db *a, int ver, anki_deck_fn fn, void *ctx)
{
    static const char legacy_sql[] =
        "SELECT CAST(d.key AS INTEGER), json_extract(d.value, '$.name') "
        "FROM col, json_each(col.decks) d ORDER BY 1";
    static const char table_sql[] =
        "SELECT id, replace(name, char(31), '::') FROM decks ORDER BY id";
    sqlite3_stmt *s = prepare(a, ver >= 15 ? table_sql : legacy_sql);
    if (s == NULL)
        return -1;
    int rc, stop = 0;
    while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 1);
        stop = fn(ctx, sqlite3_column_int64(s, 0), name ? name : "");
    }
    if (stop)
        sqlite3_finalize(s);
    return stop ? stop : finish(a, s, rc, "cannot read the decks");
}

int anki_db_each_card(struct anki_db *a, anki_card_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT c.id, c.nid, n.mid, CASE WHEN c.odid != 0 THEN c.odid ELSE "
        "c.did END, c.ord, c.queue, n.guid, n.flds, n.tags FROM cards c "
        "JOIN notes n ON n.id = c.nid ORDER BY n.id, c.ord";
    sqlite3_stmt *s = prepare(a, sql);
    if (s == NULL)
        return -1;
    int rc, stop = 0;
    while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct anki_card_row r;
        r.id = sqlite3_column_int64(s, 0);
        r.note = sqlite3_column_int64(s, 1);
        r.notetype = sqlite3_column_int64(s, 2);
        r.deck = sqlite3_column_int64(s, 3);
        r.ord = sqlite3_column_int(s, 4);
        r.queue = sqlite3_column_int(s, 5);
        r.guid = column_text(s, 6);
        r.fields = column_text(s, 7);
        r.fields_len = (size_t)sqlite3_column_bytes(s, 7);
        r.tags = column_text(s, 8);
        stop = fn(ctx, &r);
    }
    if (stop)
        sqlite3_finalize(s);
    return stop ? stop : finish(a, s, rc, "cannot read the cards");
}

int anki_db_each_revlog(struct anki_db *a, anki_revlog_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT id, cid, ease, type, time FROM revlog ORDER BY cid, id";
    sqlite3_stmt *s = prepare(a, sql);
    if (s == NULL)
        return -1;
    int rc, stop = 0;
    while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct anki_revlog_row r = {
            sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
            sqlite3_column_int(s, 2), sqlite3_column_int(s, 3),
            (long)sqlite3_column_int64(s, 4)};
        stop = fn(ctx, &r);
    }
    if (stop)
        sqlite3_finalize(s);
    return stop ? stop : finish(a, s, rc, "cannot read the review log");
}

int anki_db_duplicate_guid(struct anki_db *a, char **guid)
{
    static const char sql[] =
        "SELECT guid FROM notes GROUP BY guid HAVING count(*) > 1 LIMIT 1";
    sqlite3_stmt *s = prepare(a, sql);
    if (s == NULL)
        return -1;
    *guid = NULL;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *guid = dup_column(s, 0);
    if (finish(a, s, rc, "cannot read the notes"))
        return -1;
    return *guid != NULL;
}
