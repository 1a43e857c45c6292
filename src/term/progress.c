/* progress.c: the progress bar.  See progress.h. */
#include "rehearse/progress.h"
#include "rehearse/termcaps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BAR_WIDTH 30

void progress_init(struct progress_bar *bar)
{
    bar->enabled = termcaps_cursor(isatty(STDERR_FILENO), getenv("TERM"));
    bar->shown = false;
}

void progress_update(struct progress_bar *bar, const char *label, size_t done,
                     size_t total, long count, const char *unit,
                     long long elapsed_ms)
{
    if (!bar->enabled || (!bar->shown && elapsed_ms < 1000))
        return;
    int pct = total ? (int)(done * 100 / total) : 0;
    pct = pct > 100 ? 100 : pct;
    char cells[BAR_WIDTH + 1];
    size_t filled = (size_t)pct * BAR_WIDTH / 100;
    memset(cells, '#', filled);
    memset(cells + filled, '.', BAR_WIDTH - filled);
    cells[BAR_WIDTH] = '\0';
    fprintf(stderr, "\r  %s [%s] %3d%%, %ld %s", label, cells, pct, count,
            unit);
    bar->shown = true;
}

void progress_clear(struct progress_bar *bar)
{
    if (bar->shown)
        fputs("\r\033[K", stderr);
    bar->shown = false;
}
