/* progress.h: a progress bar on stderr for work that takes a while.
 *
 * It appears only when stderr is a terminal that can erase a line (TERM
 * set and not "dumb") and the work has run for a
 * second (a quick import should not flash a bar), and it is cleared, not
 * left behind, when the work ends. */
#ifndef REHEARSE_PROGRESS_H
#define REHEARSE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress_bar {
    bool enabled; /* stderr is a terminal */
    bool shown;   /* a bar is on the screen now */
};

void progress_init(struct progress_bar *bar);
/* Redraws "  LABEL [####....] 42%, COUNT UNIT" once elapsed_ms >= 1000.
 * label must be safe to print (a deck id). */
void progress_update(struct progress_bar *bar, const char *label, size_t done,
                     size_t total, long count, const char *unit,
                     long long elapsed_ms);
/* Erases the bar, if one is shown. */
void progress_clear(struct progress_bar *bar);

#endif
