/* backup.h: automatic and manual backups of the collection.
 *
 * The usual collection's copies go to $XDG_DATA_HOME/rehearse/backups/;
 * those of a collection named with --collection or $REHEARSE_COLLECTION go
 * beside it, to COLLECTION.backups/, so that scripts and tests never fill
 * the real home.  Directories are made with mode 0700.  A copy is named
 * NAME-IDENT-YYYYMMDD-HHMMSS-NNN-REASON.db: NAME is the collection's file
 * name without ".db", IDENT the first 8 hex digits of its identity (see
 * store_identity), NNN numbers the copies made within one second, so no
 * two share a name and names sort in the order made.  rehearse makes one
 * before every schema migration, import and restore, and one a day; it
 * keeps the 10 newest and the newest of each of the last 7 days, and
 * deletes the rest (only ever right after a new, sound backup).  A copy
 * is written under a dot name, synced, and only then linked under its
 * backup name, so an interrupted backup leaves nothing that looks like
 * one. */
#ifndef REHEARSE_BACKUP_H
#define REHEARSE_BACKUP_H

#include "rehearse/error.h"
#include "rehearse/store.h"

#include <stdbool.h>
#include <time.h>

#define BACKUP_KEEP_LATEST 10
#define BACKUP_KEEP_DAYS 7

struct backup_result {
    char path[4096];       /* the copy made, or "" when none was needed */
    int prune_failures;    /* old backups that could not be deleted */
    char prune_error[512]; /* why the first of them could not */
};

/* Makes a backup now and prunes old ones.  Returns 0 and fills *res
 * (which may be NULL), or -1 with err set when no copy was made. */
int backup_now(struct store *st, const char *collection, const char *reason,
               time_t now, struct backup_result *res, struct error *err);
/* The same, but pruning never deletes the file `spare` (the file a
 * restore is about to read). */
int backup_sparing(struct store *st, const char *collection, const char *reason,
                   time_t now, const char *spare, struct backup_result *res,
                   struct error *err);
/* Makes the day's backup unless one from today exists. */
int backup_daily(struct store *st, const char *collection, time_t now,
                 struct backup_result *res, struct error *err);
/* The directory of the backups of `collection` (free it), or NULL for the
 * usual collection without HOME or XDG_DATA_HOME. */
char *backup_dir(const char *collection);

#endif
