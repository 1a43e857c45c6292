/* backup.h: automatic and manual backups of the collection.
 *
 * Copies go to $XDG_DATA_HOME/rehearse/backups/ (mode 0700) as
 * NAME-YYYYMMDD-HHMMSS-NNN-REASON.db (NNN counts the backups made in that
 * second, so no two share a name and names sort in the order made), where NAME is the collection's file name
 * without ".db".  rehearse makes one before every schema migration and
 * every import, and one a day; it keeps the 10 newest and the newest of
 * each of the last 7 days, and deletes the rest (only ever right after a
 * new, sound backup).  A copy is written under a dot name, synced, and
 * only then linked under its backup name, so an interrupted backup leaves
 * nothing that looks like one. */
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
int backup_sparing(struct store *st, const char *collection,
                   const char *reason, time_t now, const char *spare,
                   struct backup_result *res, struct error *err);
/* Makes the day's backup unless one from today exists. */
int backup_daily(struct store *st, const char *collection, time_t now,
                 struct backup_result *res, struct error *err);
/* The backups directory (free it), or NULL without HOME or XDG_DATA_HOME. */
char *backup_dir(void);

#endif
