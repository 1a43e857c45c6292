/* anki_db.h: reading the SQLite collection inside an Anki package.
 *
 * The collection arrives as bytes in memory (app/anki_package.c takes it
 * out of the zip, and out of zstd for current packages); SQLite opens
 * those very bytes with sqlite3_deserialize, read-only, so nothing is
 * written to disk.  Both layouts are read: the legacy one (schema 11:
 * note types and decks as JSON in the col row, read with SQLite's own
 * JSON functions) and the current one (schemas 15-18: notetypes, fields,
 * templates and decks tables, configs as protobuf).  Every function
 * returns 0, or -1 with the reason in anki_db_error(); a callback's
 * non-zero return stops a walk and becomes its result. */
#ifndef REHEARSE_ANKI_DB_H
#define REHEARSE_ANKI_DB_H

#include "rehearse/anki.h"

#include <stddef.h>
#include <stdint.h>

struct anki_db;

/* Opens bytes[0..len), which must stay valid and unchanged until
 * anki_db_close (the header's journal bytes may be set to rollback mode
 * first, so a WAL-mode file opens in memory).  Checks that it is an
 * SQLite file that passes quick_check and has Anki's tables.  On failure
 * *out is NULL and msg says why. */
int anki_db_open(unsigned char *bytes, size_t len, struct anki_db **out,
                 char *msg, size_t msglen);
void anki_db_close(struct anki_db *db);
const char *anki_db_error(struct anki_db *db);

/* The schema version (col.ver), and the package's last change in Unix
 * seconds (the latest of the collection, note and review times). */
int anki_db_version(struct anki_db *db, int *ver, int64_t *modified);

/* Each note type with its fields and templates, in id order.  The
 * callback may keep *nt (it then owns the strings); else they are freed
 * after it returns. */
typedef int (*anki_notetype_fn)(void *ctx, struct anki_notetype *nt,
                                bool *kept);
int anki_db_each_notetype(struct anki_db *db, int ver, anki_notetype_fn fn,
                          void *ctx);

/* Each deck, its name with "::" between the levels. */
typedef int (*anki_deck_fn)(void *ctx, int64_t id, const char *name);
int anki_db_each_deck(struct anki_db *db, int ver, anki_deck_fn fn, void *ctx);

struct anki_card_row {
    int64_t id, note, notetype;
    int64_t deck; /* the home deck (a filtered deck's card: where from) */
    int ord;      /* template index, or cloze number - 1 */
    int queue;    /* -1 suspended, -2/-3 buried, else scheduled */
    const char *guid, *fields, *tags; /* fields: separated by 0x1f */
    size_t fields_len;
};
typedef int (*anki_card_fn)(void *ctx, const struct anki_card_row *row);
/* Each card with its note, by note id then ordinal. */
int anki_db_each_card(struct anki_db *db, anki_card_fn fn, void *ctx);

struct anki_revlog_row {
    int64_t id; /* when, in Unix milliseconds */
    int64_t card;
    int ease; /* 1 again, 2 hard, 3 good, 4 easy; 0 a manual change */
    int type; /* 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual */
    long time_ms;
};
typedef int (*anki_revlog_fn)(void *ctx, const struct anki_revlog_row *row);
/* Each review, by card then time. */
int anki_db_each_revlog(struct anki_db *db, anki_revlog_fn fn, void *ctx);

/* 1 with the guid (malloc'd) of a note whose guid another note shares,
 * 0 when guids are unique, -1 on error. */
int anki_db_duplicate_guid(struct anki_db *db, char **guid);

#endif
