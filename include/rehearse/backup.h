/* backup.h: automatic and manual backups of the collection.
 *
 * Copies go to $XDG_DATA_HOME/rehearse/backups/ (mode 0700) as
 * NAME-YYYYMMDD-HHMMSS-REASON.db, where NAME is the collection's file name
 * without ".db".  rehearse makes one before every schema migration and
 * every import, and one a day; it keeps the 10 newest and the newest of
 * each of the last 7 days, and deletes the rest. */
#ifndef REHEARSE_BACKUP_H
#define REHEARSE_BACKUP_H

#include "rehearse/store.h"

#include <time.h>

#define BACKUP_KEEP_LATEST 10
#define BACKUP_KEEP_DAYS 7

/* Makes a backup now; returns its path (free it) or NULL after printing
 * why not. */
char *backup_now(struct store *st, const char *collection, const char *reason,
                 time_t now);
/* Makes the day's backup unless one from today exists. */
void backup_daily(struct store *st, const char *collection, time_t now);
/* The backups directory (free it), or NULL without HOME or XDG_DATA_HOME. */
char *backup_dir(void);

#endif
