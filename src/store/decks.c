/* decks.c: what an import writes: a deck's row, its cards and tags, the
 * cards it no longer has, and changes of publisher.
 *
 * Workload: an import writes a whole deck in the caller's transaction,
 * one card at a time.  A card is found by (deck, card id) and keeps its
 * schedule and history however its text changes; a card the deck drops
 * is retired, never deleted, so its reviews still have a card. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_find_deck(struct store *st, const char *slug, struct stored_deck *out)
{
    static const char sql[] =
        "SELECT id, version, source_hash, publisher_key, origin = 'anki' "
        "FROM decks WHERE slug = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_text(s, 1, slug);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->rowid = sqlite3_column_int64(s, 0);
        out->version = sqlite3_column_int64(s, 1);
        db_column_blob(s, 2, out->hash, sizeof out->hash, &out->has_hash);
        db_column_blob(s, 3, out->publisher, sizeof out->publisher,
                       &out->signed_deck);
        out->anki = sqlite3_column_int(s, 4) != 0;
        sqlite3_reset(s);
        return 1;
    }
    return db_done(st, s, rc, "cannot read decks");
}

static const char insert_deck_sql[] =
    "INSERT INTO decks(slug, title, version, description, author, license, "
    "tags, source_hash, publisher_key, generation, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10) "
    "RETURNING id, generation";
static const char update_deck_sql[] =
    "UPDATE decks SET title = ?2, version = ?3, description = ?4, "
    "author = ?5, license = ?6, tags = ?7, source_hash = ?8, "
    "publisher_key = ?9, generation = generation + 1, imported_at = ?10 "
    "WHERE slug = ?1 RETURNING id, generation";

int store_put_deck(struct store *st, const struct deck_meta *m,
                   const unsigned char hash[32], const unsigned char *publisher,
                   time_t now, int64_t *rowid, long *generation)
{
    struct stored_deck old;
    int found = store_find_deck(st, m->id, &old);
    if (found < 0)
        return -1;
    sqlite3_stmt *s = db_prepare(st, found ? update_deck_sql : insert_deck_sql);
    if (s == NULL)
        return -1;
    char *tags = deck_join(m->tags, m->ntags, ",");
    db_bind_text(s, 1, m->id);
    db_bind_text(s, 2, m->title);
    sqlite3_bind_int64(s, 3, m->version);
    db_bind_text(s, 4, m->description);
    db_bind_text(s, 5, m->author);
    db_bind_text(s, 6, m->license);
    db_bind_text(s, 7, tags);
    db_bind_key(s, 8, hash, 32);
    db_bind_key(s, 9, publisher, STORE_KEY_BYTES);
    sqlite3_bind_int64(s, 10, (sqlite3_int64)now);
    free(tags);
    if (sqlite3_step(s) != SQLITE_ROW) {
        db_fail(st, "cannot write deck");
        sqlite3_reset(s);
        return -1;
    }
    *rowid = sqlite3_column_int64(s, 0);
    *generation = (long)sqlite3_column_int64(s, 1);
    return db_run(st, s, "cannot write deck");
}

static bool column_equals(sqlite3_stmt *s, int col, const char *text)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    return v != NULL && strcmp(v, text) == 0;
}

/* Replaces the card's tags with c's (a new card has none to delete).
 * One statement for all of them: tags are ids, so a JSON array of them
 * needs no escaping. */
static int put_tags(struct store *st, int64_t card, const struct card *c,
                    bool fresh)
{
    static const char delete_sql[] = "DELETE FROM card_tags WHERE card_id = ?1";
    static const char insert_sql[] =
        "INSERT OR IGNORE INTO card_tags(card_id, tag) SELECT ?1, value FROM "
        "json_each(?2)";
    sqlite3_stmt *s;
    if (!fresh) {
        if ((s = db_prepare(st, delete_sql)) == NULL)
            return -1;
        sqlite3_bind_int64(s, 1, card);
        if (db_run(st, s, "cannot write tags"))
            return -1;
    }
    if (c->ntags == 0)
        return 0;
    char *list = deck_join(c->tags, c->ntags, "\",\"");
    char *json = xasprintf("[\"%s\"]", list);
    free(list);
    if ((s = db_prepare(st, insert_sql)) == NULL) {
        free(json);
        return -1;
    }
    sqlite3_bind_int64(s, 1, card);
    db_bind_text(s, 2, json);
    int rc = db_run(st, s, "cannot write tags");
    free(json);
    return rc;
}

/* A card's lists as the cards table keeps them: tags comma-separated,
 * key points one a line, follow-ups a JSON array of {"q":..., "a":...}. */
struct card_text {
    char *tags, *keys, *follow_ups;
};

static void card_text_of(const struct card *c, struct card_text *t)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_addc(&sb, '[');
    for (size_t i = 0; i < c->nfollow_ups; i++) {
        sb_adds(&sb, i ? ",{\"q\":" : "{\"q\":");
        sb_add_json(&sb, c->follow_ups[i].question);
        sb_adds(&sb, ",\"a\":");
        sb_add_json(&sb, c->follow_ups[i].answer);
        sb_addc(&sb, '}');
    }
    sb_addc(&sb, ']');
    t->follow_ups = sb_detach(&sb);
    t->tags = deck_join(c->tags, c->ntags, ",");
    t->keys = deck_join(c->keys, c->nkeys, "\n");
}

static void card_text_free(struct card_text *t)
{
    free(t->tags);
    free(t->keys);
    free(t->follow_ups);
}

/* Looks the card up: 1 with *id and *same set when found, 0 when new,
 * -1 on error. */
static int find_card(struct store *st, int64_t deck, const struct card *c,
                     const struct card_text *t, int64_t *id, bool *same)
{
    static const char sql[] =
        "SELECT id, question, answer, tags, keys, followups "
        "FROM cards WHERE deck_id = ?1 AND slug = ?2";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, deck);
    db_bind_text(s, 2, c->id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *same = column_equals(s, 1, c->question) &&
                column_equals(s, 2, c->answer) &&
                column_equals(s, 3, t->tags) && column_equals(s, 4, t->keys) &&
                column_equals(s, 5, t->follow_ups);
        sqlite3_reset(s);
        return 1;
    }
    return db_done(st, s, rc, "cannot read cards");
}

/* An unchanged card: only its place in the deck and generation move. */
static int touch_card(struct store *st, int64_t id, long position,
                      long generation)
{
    static const char sql[] = "UPDATE cards SET position = ?2, generation = "
                              "?3, retired = 0 WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, position);
    sqlite3_bind_int64(s, 3, generation);
    return db_run(st, s, "cannot update card");
}

/* A changed card: new text, same schedule. */
static int update_card(struct store *st, int64_t id, long position,
                       long generation, const struct card *c,
                       const struct card_text *t)
{
    static const char sql[] =
        "UPDATE cards SET question = ?2, answer = ?3, tags = ?4, keys = ?5, "
        "position = ?6, generation = ?7, followups = ?8, retired = 0 "
        "WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    db_bind_text(s, 2, c->question);
    db_bind_text(s, 3, c->answer);
    db_bind_text(s, 4, t->tags);
    db_bind_text(s, 5, t->keys);
    sqlite3_bind_int64(s, 6, position);
    sqlite3_bind_int64(s, 7, generation);
    db_bind_text(s, 8, t->follow_ups);
    return db_run(st, s, "cannot write card");
}

/* A new card; *id gets its row id. */
static int insert_card(struct store *st, int64_t deck, long position,
                       long generation, const struct card *c,
                       const struct card_text *t, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO cards(deck_id, slug, question, answer, tags, keys, "
        "position, generation, followups) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9) RETURNING id";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, deck);
    db_bind_text(s, 2, c->id);
    db_bind_text(s, 3, c->question);
    db_bind_text(s, 4, c->answer);
    db_bind_text(s, 5, t->tags);
    db_bind_text(s, 6, t->keys);
    sqlite3_bind_int64(s, 7, position);
    sqlite3_bind_int64(s, 8, generation);
    db_bind_text(s, 9, t->follow_ups);
    if (sqlite3_step(s) != SQLITE_ROW) {
        db_fail(st, "cannot add card");
        sqlite3_reset(s);
        return -1;
    }
    *id = sqlite3_column_int64(s, 0);
    return db_run(st, s, "cannot add card");
}

int store_put_card(struct store *st, int64_t deck, long generation,
                   long position, const struct card *c,
                   enum card_change *change)
{
    struct card_text t;
    card_text_of(c, &t);
    int64_t id = 0;
    bool same = false;
    int rc = -1, found = find_card(st, deck, c, &t, &id, &same);
    if (found < 0)
        goto out;
    if (found && same) {
        *change = CARD_SAME;
        rc = touch_card(st, id, position, generation);
        goto out;
    }
    if (found ? update_card(st, id, position, generation, c, &t)
              : insert_card(st, deck, position, generation, c, &t, &id))
        goto out;
    if (put_tags(st, id, c, !found))
        goto out;
    *change = found ? CARD_CHANGED : CARD_ADDED;
    rc = 0;
out:
    card_text_free(&t);
    return rc;
}

int store_set_cache_size(struct store *st, int mib)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -1024 * mib);
    return db_exec(st, sql, "cannot size the page cache");
}

int store_set_deck_origin(struct store *st, int64_t deck, bool anki)
{
    static const char sql[] = "UPDATE decks SET origin = ?2 WHERE id = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, deck);
    db_bind_text(s, 2, anki ? "anki" : "rehearse");
    return db_run(st, s, "cannot write deck");
}

int store_card_rowid(struct store *st, int64_t deck, const char *slug,
                     int64_t *id)
{
    static const char sql[] =
        "SELECT id FROM cards WHERE deck_id = ?1 AND slug = ?2";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, deck);
    db_bind_text(s, 2, slug);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return 1;
    }
    return db_done(st, s, rc, "cannot read cards");
}

/* ---- many cards at once, for large imports ---- */

/* "INSERT ... VALUES (9 columns) x rows RETURNING id, slug", built once
 * for each row count and kept for the process. */
static const char *insert_cards_sql(size_t rows)
{
    static char *texts[STORE_BATCH + 1];
    if (texts[rows] == NULL) {
        struct strbuf sb;
        sb_init(&sb);
        sb_adds(&sb, "INSERT INTO cards(deck_id, slug, question, answer, "
                     "tags, keys, position, generation, followups) VALUES ");
        for (size_t i = 0; i < rows; i++)
            sb_adds(&sb, i ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)");
        sb_adds(&sb, " RETURNING id, slug");
        texts[rows] = sb_detach(&sb);
    }
    return texts[rows];
}

/* New cards c[idx[0..n)] in one statement, so that the full-text
 * index's triggers run for all of them before it flushes once (a
 * statement per card makes FTS5 write a segment per card).  ids[k] gets
 * the row id of c[idx[k]]. */
static int insert_cards(struct store *st, int64_t deck, long generation,
                        long first, const struct card *c, const size_t *idx,
                        size_t n, int64_t *ids)
{
    sqlite3_stmt *s = db_prepare(st, insert_cards_sql(n));
    if (s == NULL)
        return -1;
    for (size_t k = 0; k < n; k++) {
        const struct card *x = &c[idx[k]];
        int b = (int)(9 * k);
        struct card_text t;
        card_text_of(x, &t);
        sqlite3_bind_int64(s, b + 1, deck);
        db_bind_text(s, b + 2, x->id);
        db_bind_text(s, b + 3, x->question);
        db_bind_text(s, b + 4, x->answer);
        db_bind_text(s, b + 5, t.tags);
        db_bind_text(s, b + 6, t.keys);
        sqlite3_bind_int64(s, b + 7, first + (long)idx[k]);
        sqlite3_bind_int64(s, b + 8, generation);
        db_bind_text(s, b + 9, t.follow_ups);
        card_text_free(&t);
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *slug = db_column_text(s, 1);
        for (size_t k = 0; k < n; k++)
            if (strcmp(c[idx[k]].id, slug) == 0)
                ids[k] = sqlite3_column_int64(s, 0);
    }
    return db_done(st, s, rc, "cannot add cards");
}

int store_put_cards(struct store *st, int64_t deck, long generation, long first,
                    const struct card *c, size_t n, enum card_change *changes)
{
    size_t idx[STORE_BATCH], fresh = 0;
    int64_t ids[STORE_BATCH];
    if (n > STORE_BATCH)
        return db_failf(st, "at most %d cards at once", STORE_BATCH);
    for (size_t i = 0; i < n; i++) {
        struct card_text t;
        card_text_of(&c[i], &t);
        int64_t id = 0;
        bool same = false;
        long position = first + (long)i;
        int found = find_card(st, deck, &c[i], &t, &id, &same);
        int rc = found < 0 ? -1
                 : !found  ? 0
                 : same
                     ? touch_card(st, id, position, generation)
                     : update_card(st, id, position, generation, &c[i], &t) ||
                           put_tags(st, id, &c[i], false);
        card_text_free(&t);
        if (rc)
            return -1;
        changes[i] = !found ? CARD_ADDED : same ? CARD_SAME : CARD_CHANGED;
        if (!found)
            idx[fresh++] = i;
    }
    if (fresh == 0)
        return 0;
    if (insert_cards(st, deck, generation, first, c, idx, fresh, ids))
        return -1;
    for (size_t k = 0; k < fresh; k++)
        if (put_tags(st, ids[k], &c[idx[k]], true))
            return -1;
    return 0;
}

int store_retire_missing(struct store *st, int64_t deck, long generation,
                         long *count)
{
    static const char sql[] = "UPDATE cards SET retired = 1 WHERE deck_id = "
                              "?1 AND generation < ?2 AND retired = 0";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, deck);
    sqlite3_bind_int64(s, 2, generation);
    if (db_run(st, s, "cannot retire cards"))
        return -1;
    *count = sqlite3_changes(st->db);
    return 0;
}

int store_note_publisher_change(struct store *st, int64_t deck,
                                const unsigned char *old_key,
                                const unsigned char *new_key, time_t now)
{
    static const char sql[] =
        "INSERT INTO publisher_changes(deck_id, old_key, new_key, changed_at) "
        "VALUES (?1, ?2, ?3, ?4)";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, deck);
    db_bind_key(s, 2, old_key, STORE_KEY_BYTES);
    db_bind_key(s, 3, new_key, STORE_KEY_BYTES);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)now);
    return db_run(st, s, "cannot record publisher change");
}
