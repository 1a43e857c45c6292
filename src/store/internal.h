/* internal.h: what the files of src/store share, and nothing else sees.
 *
 * The store is split by concern (opening, decks, the queue, history,
 * the journal, statistics, listings, export, the keyring), and every
 * file needs the same few things: the struct store itself, a cache of
 * prepared statements, and helpers that bind parameters and read columns
 * the same way everywhere.
 *
 * Errors: every function here that can fail returns -1 (or NULL) with
 * st->error set; a public function that returns -1 has always set it. */
#ifndef REHEARSE_STORE_INTERNAL_H
#define REHEARSE_STORE_INTERNAL_H

#include "rehearse/store.h"
#include "rehearse/util.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* One prepared statement, keyed by the address of its SQL text: each
 * statement's text is a static array next to the code that binds it, so
 * the address is unique and stable for the life of the process. */
struct cached_stmt {
    const char *sql;
    sqlite3_stmt *stmt;
};

struct store {
    sqlite3 *db;
    int version;                   /* schema version found on opening */
    bool fsrs_due;                 /* the queue reads fsrs_due, not due */
    struct fsrs_params fsrs;       /* what fsrs_r and the app's FSRS use */
    store_record_hook record_hook; /* store_set_record_hook's */
    void *record_hook_ctx;
    struct cached_stmt *cache; /* about 50 entries once warm */
    size_t ncache, cache_cap;
    char error[512]; /* the last failure; see store_error() */
};

/* 'RHRS' in the database header marks a rehearse collection. */
#define APPLICATION_ID 0x52485253

/* A name for sqlite3_open_v2 that means exactly the file at path (free
 * it); see names.c. */
char *db_plain_name(const char *path);
/* A read-only "file:" URI for path with every special byte escaped. */
char *db_readonly_uri(const char *path);

/* Sets st->error to "what: SQLite's message" (with a hint when the disk
 * is full).  Returns -1. */
int db_fail(struct store *st, const char *what);
/* Sets st->error from a format.  Returns -1. */
int db_failf(struct store *st, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* The statement for `sql` (a static array: see struct cached_stmt),
 * prepared on first use, then reset with its bindings cleared.  NULL with
 * st->error set when SQLite cannot prepare it (a damaged or foreign
 * schema, or no memory). */
sqlite3_stmt *db_prepare(struct store *st, const char *sql);
/* Steps s to the end, ignoring rows.  0, or -1 with "what: ..." set. */
int db_run(struct store *st, sqlite3_stmt *s, const char *what);
/* Steps s once and reads column 0 as an integer into *out (if_null when
 * NULL).  0, or -1 with the error set when there is no row. */
int db_single_int(struct store *st, sqlite3_stmt *s, long *out, long if_null);
/* Steps s once and copies column 0 (a JSON text) into *json (malloc'd). */
int db_json(struct store *st, sqlite3_stmt *s, char **json);
/* The end of a row loop: 0 when SQLite said DONE, else -1 with "what". */
int db_done(struct store *st, sqlite3_stmt *s, int rc, const char *what);

/* Runs sql (several statements) outside the cache.  0 or -1. */
int db_exec(struct store *st, const char *sql, const char *what);
/* Reads the single integer a pragma or count returns.  0 or -1. */
int db_pragma_int(struct store *st, const char *sql, int *value);

void db_bind_text(sqlite3_stmt *s, int i, const char *text);
/* Binds len bytes of key, or NULL when key is NULL. */
void db_bind_key(sqlite3_stmt *s, int i, const unsigned char *key, int len);
/* Binds a study day, or NULL when day < 0 ("new"). */
void db_bind_day(sqlite3_stmt *s, int i, long day);
/* Binds the filter to ?1 (deck ids) and ?2 (tags), as JSON arrays, or
 * leaves them NULL for "all".  Ids are validated, so quoting is safe. */
void db_bind_filter(sqlite3_stmt *s, const struct filter *f);
bool db_has_tags(const struct filter *f);

/* Column readers: text never NULL ("" instead). */
const char *db_column_text(sqlite3_stmt *s, int col);
char *db_column_dup(sqlite3_stmt *s, int col);
/* Copies a blob of exactly len bytes; *present says whether it was. */
void db_column_blob(sqlite3_stmt *s, int col, unsigned char *dst, size_t len,
                    bool *present);

/* The columns struct queued_card is read from, and the reader. */
#define QUEUED_COLUMNS                                                         \
    "c.id, c.reps, c.interval, c.ef, c.lapses, coalesce(c.due, -1), "          \
    "coalesce(c.fsrs_stability, 0), coalesce(c.fsrs_difficulty, 0), "          \
    "coalesce(c.fsrs_day, -1), coalesce(c.fsrs_due, -1)"
void db_read_queued(sqlite3_stmt *s, struct queued_card *q);
/* Reads an FSRS state from columns i .. i+3 (stability, difficulty, day,
 * due, coalesced as QUEUED_COLUMNS does), and binds one to ?i .. ?i+3,
 * NULL for what FSRS has not set. */
void db_read_fsrs(sqlite3_stmt *s, int i, struct fsrs_card *f);
void db_bind_fsrs(sqlite3_stmt *s, int i, const struct fsrs_card *f);
/* Steps s, calling fn with each row read as a queued card; a non-zero
 * return from fn stops early with an error.  Resets s. */
int db_each_queued(struct store *st, sqlite3_stmt *s, queued_fn fn, void *ctx);

/* Cards that can be studied.  Written with the columns rather than
 * cards.state so that the partial indexes (cards_deck_due) still apply. */
#define LIVE " c.retired = 0 AND c.suspended = 0"

/* The filter clause shared by the card queries: ?1 is a JSON array of
 * deck ids or NULL, ?2 a JSON array of tags or NULL. */
#define FILTER                                                                 \
    " AND (?1 IS NULL OR c.deck_id IN (SELECT d2.id FROM decks d2 WHERE "      \
    "d2.slug IN (SELECT value FROM json_each(?1))))"                           \
    " AND (?2 IS NULL OR c.id IN (SELECT t.card_id FROM card_tags t WHERE "    \
    "t.tag IN (SELECT value FROM json_each(?2))))"

/* Whether the open file is a collection this build may use (open.c):
 * STORE_OK with *version set, or STORE_FAILED / STORE_NEWER with the
 * error set.  Reads only. */
int db_check_identity(struct store *st, int *version);

/* Files a typed answer in the journal (journal.c), inside the caller's
 * transaction; review is the review it belongs to, or 0. */
int journal_insert(struct store *st, const struct journal_entry *a,
                   int64_t review);

#endif
