/* export.c: a deck as it was imported, for `rehearse export`: its front
 * matter once, then each live card in deck order.  Retired cards stay in
 * the collection for their history but are not part of the deck. */
#include "internal.h"

#include <stdlib.h>

static void free_export_deck(struct export_deck *d)
{
    free((char *)d->id);
    free((char *)d->title);
    free((char *)d->description);
    free((char *)d->author);
    free((char *)d->license);
    free((char *)d->tags);
}

/* Reads the deck's front matter into *deck (free with free_export_deck)
 * and its row id into *id. */
static int deck_meta(struct store *st, const char *slug,
                     struct export_deck *deck, int64_t *id)
{
    static const char sql[] =
        "SELECT slug, title, version, description, author, license, tags, "
        "id, EXISTS (SELECT 1 FROM notes n JOIN cards c ON c.id = n.card_id "
        "WHERE c.deck_id = decks.id AND c.retired = 0) FROM decks "
        "WHERE slug = ?1";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_text(s, 1, slug);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            return db_done(st, s, rc, "cannot read decks");
        sqlite3_reset(s);
        return db_failf(st, "no deck '%s'", slug);
    }
    *deck = (struct export_deck){db_column_dup(s, 0),
                                 db_column_dup(s, 1),
                                 db_column_dup(s, 3),
                                 db_column_dup(s, 4),
                                 db_column_dup(s, 5),
                                 db_column_dup(s, 6),
                                 (long)sqlite3_column_int64(s, 2),
                                 sqlite3_column_int(s, 8) != 0};
    *id = sqlite3_column_int64(s, 7);
    sqlite3_reset(s);
    return 0;
}

int store_export_deck(struct store *st, const char *slug, export_fn fn,
                      void *ctx)
{
    static const char sql[] =
        "SELECT c.slug, c.question, c.answer, c.tags, c.keys, "
        "coalesce(n.body, ''), coalesce((SELECT group_concat('- ' || "
        "json_extract(f.value, '$.q') || char(10) || '  ' || "
        "json_extract(f.value, '$.a'), char(10)) FROM json_each(c.followups) "
        "f), '') FROM cards c LEFT JOIN notes n ON n.card_id = c.id WHERE "
        "c.deck_id = ?1 AND c.retired = 0 ORDER BY c.position";
    struct export_deck deck;
    int64_t id = 0;
    if (deck_meta(st, slug, &deck, &id))
        return -1;
    fn(ctx, &deck, NULL);
    free_export_deck(&deck);
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct export_card card = {db_column_text(s, 0), db_column_text(s, 1),
                                   db_column_text(s, 2), db_column_text(s, 3),
                                   db_column_text(s, 4), db_column_text(s, 5),
                                   db_column_text(s, 6)};
        fn(ctx, NULL, &card);
    }
    return db_done(st, s, rc, "cannot read cards");
}
