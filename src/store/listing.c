/* listing.c: decks and cards as `rehearse decks` and `rehearse cards`
 * list them, as rows or as JSON, and the candidates an interview chooses
 * from.
 *
 * The JSON is built by SQLite's own JSON functions from the same row
 * queries the table views read, so the two can never disagree. */
#include "internal.h"

/* Deck rows with their counts for day ?1, from the trigger-kept
 * card_states (due needs the day, so it counts cards). */
#define DECK_STATE(name)                                                       \
    "(SELECT n FROM card_states s WHERE s.deck_id = d.id AND s.state = '" name \
    "')"
#define DECK_ROWS(DUE)                                                         \
    "SELECT d.slug, d.title, d.version, d.publisher_key IS NOT NULL AS "       \
    "signed, d.origin = 'anki' AS anki, (SELECT coalesce(sum(n), 0) FROM "     \
    "card_states s WHERE "                                                     \
    "s.deck_id = d.id AND s.state <> 'retired') AS cards, " DECK_STATE(        \
        "new") " AS new, (SELECT count(*) FROM cards c WHERE c.deck_id = "     \
               "d.id AND c." DUE " <= ?1 AND" LIVE                             \
               ") AS due, " DECK_STATE("suspended") " AS "                     \
                                                    "suspended, " DECK_STATE(  \
                                                        "retired") " AS "      \
                                                                   "retired "  \
                                                                   "FROM "     \
                                                                   "decks d "  \
                                                                   "ORDER "    \
                                                                   "BY d.slug"

/* Card rows (not retired), all or only those due by day ?3 when ?4,
 * with at least ?5 lapses when ?5 > 0, flagged when ?6; with the due day
 * of the model the queue reads (DUE) and FSRS's state: the
 * retrievability is for day ?3 (fsrs_r, registered in open.c). */
#define CARD_ROWS(DUE)                                                         \
    "SELECT d.slug AS deck, c.slug AS id, c.question, c.state, CASE WHEN "     \
    "c." DUE " IS NULL THEN NULL ELSE date(c." DUE " * 86400, 'unixepoch') "   \
    "END AS due, c.interval, c.ef, c.reps, c.lapses, c.id AS rowid, "          \
    "c.fsrs_stability AS stability, c.fsrs_difficulty AS difficulty, "         \
    "fsrs_r(max(?3 - c.fsrs_day, 0), c.fsrs_stability) AS retrievability "     \
    "FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired = 0 AND "   \
    "(?4 = 0 OR (c." DUE " <= ?3 AND" LIVE ")) AND (?5 = 0 OR c.lapses >= "    \
    "?5) AND (?6 = 0 OR c.flagged = 1)" FILTER " ORDER BY d.slug, c.position"

int store_decks_json(struct store *st, long today, char **json)
{
#define DECKS_JSON(DUE)                                                        \
    "SELECT json_group_array(json_object('id', slug, 'title', title, "         \
    "'version', version, 'signed', json(CASE WHEN signed THEN 'true' "         \
    "ELSE 'false' END), 'origin', CASE WHEN anki THEN 'anki package' "         \
    "ELSE 'deck file' END, 'cards', cards, 'new', new, 'due', due, "           \
    "'suspended', suspended, 'retired', retired)) FROM (" DECK_ROWS(DUE) ")"
    static const char sm2[] = DECKS_JSON("due"),
                      fsrs[] = DECKS_JSON("fsrs_due");
    sqlite3_stmt *s = db_prepare(st, st->fsrs_due ? fsrs : sm2);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, today);
    return db_json(st, s, json);
}

static void bind_select(sqlite3_stmt *s, const struct card_select *sel)
{
    sqlite3_bind_int(s, 4, sel->due_only);
    sqlite3_bind_int(s, 5, sel->leech_threshold);
    sqlite3_bind_int(s, 6, sel->flagged);
}

int store_cards_json(struct store *st, long today, const struct filter *f,
                     const struct card_select *sel, char **json)
{
#define CARDS_JSON(DUE)                                                        \
    "SELECT json_group_array(json_object('deck', deck, 'id', id, "             \
    "'question', question, 'state', state, 'due', due, 'interval', "           \
    "interval, 'ef', ef / 100.0, 'repetitions', reps, 'lapses', lapses, "      \
    "'stability', stability, 'difficulty', difficulty, 'retrievability', "     \
    "retrievability, 'tags', json('[' || coalesce((SELECT "                    \
    "group_concat(json_quote(t.tag)) FROM card_tags t WHERE t.card_id = "      \
    "rowid), '') || ']'))) FROM (" CARD_ROWS(DUE) ")"
    static const char sm2[] = CARDS_JSON("due"),
                      fsrs[] = CARDS_JSON("fsrs_due");
    sqlite3_stmt *s = db_prepare(st, st->fsrs_due ? fsrs : sm2);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    bind_select(s, sel);
    return db_json(st, s, json);
}

int store_each_deck(struct store *st, long today, deck_row_fn fn, void *ctx)
{
    static const char sm2[] = DECK_ROWS("due"), fsrs[] = DECK_ROWS("fsrs_due");
    sqlite3_stmt *s = db_prepare(st, st->fsrs_due ? fsrs : sm2);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, today);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct deck_row r = {db_column_text(s, 0),
                             db_column_text(s, 1),
                             (long)sqlite3_column_int64(s, 2),
                             sqlite3_column_int(s, 3) != 0,
                             (long)sqlite3_column_int64(s, 5),
                             (long)sqlite3_column_int64(s, 6),
                             (long)sqlite3_column_int64(s, 7),
                             (long)sqlite3_column_int64(s, 8),
                             (long)sqlite3_column_int64(s, 9),
                             sqlite3_column_int(s, 4) != 0};
        fn(ctx, &r);
    }
    return db_done(st, s, rc, "cannot list decks");
}

int store_each_card(struct store *st, long today, const struct filter *f,
                    const struct card_select *sel, card_row_fn fn, void *ctx)
{
    static const char sm2[] = CARD_ROWS("due"), fsrs[] = CARD_ROWS("fsrs_due");
    sqlite3_stmt *s = db_prepare(st, st->fsrs_due ? fsrs : sm2);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    sqlite3_bind_int64(s, 3, today);
    bind_select(s, sel);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct card_row r = {db_column_text(s, 0),     db_column_text(s, 1),
                             db_column_text(s, 2),     db_column_text(s, 3),
                             db_column_text(s, 4),     sqlite3_column_int(s, 5),
                             sqlite3_column_int(s, 6), sqlite3_column_int(s, 7),
                             sqlite3_column_int(s, 8)};
        fn(ctx, &r);
    }
    return db_done(st, s, rc, "cannot list cards");
}

int store_each_candidate(struct store *st, const struct filter *f,
                         candidate_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT c.id, d.slug, c.ef, c.lapses, c.due IS NOT NULL, "
        "coalesce((SELECT avg(a.duration_ms) FROM answers a WHERE a.card_id "
        "= c.id), 0) FROM cards c JOIN decks d ON d.id = c.deck_id "
        "WHERE" LIVE FILTER " ORDER BY c.id";
    sqlite3_stmt *s = db_prepare(st, sql);
    if (s == NULL)
        return -1;
    db_bind_filter(s, f);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct candidate_row r = {
            sqlite3_column_int64(s, 0),    db_column_text(s, 1),
            sqlite3_column_int(s, 2),      sqlite3_column_int(s, 3),
            sqlite3_column_int(s, 4) != 0, (long)sqlite3_column_int64(s, 5)};
        fn(ctx, &r);
    }
    return db_done(st, s, rc, "cannot read cards");
}

int store_each_name(struct store *st, bool tags, name_fn fn, void *ctx)
{
    static const char deck_sql[] = "SELECT slug FROM decks ORDER BY slug";
    static const char tag_sql[] =
        "SELECT DISTINCT tag FROM card_tags ORDER BY tag";
    sqlite3_stmt *s = db_prepare(st, tags ? tag_sql : deck_sql);
    if (s == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, db_column_text(s, 0));
    return db_done(st, s, rc, tags ? "cannot list tags" : "cannot list decks");
}
