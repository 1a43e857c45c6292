/* termcaps.h: what the terminal can show, decided in one place.
 *
 * Pure: the caller reads the environment, the locale and the window size
 * and passes them in, so each rule is a function a test can call.  ui_init
 * (ui.h) is the one caller at run time; everything that writes colour or
 * box-drawing glyphs follows struct ui's answer. */
#ifndef REHEARSE_TERMCAPS_H
#define REHEARSE_TERMCAPS_H

#include <stdbool.h>

#define TERMCAPS_DEFAULT_WIDTH 80 /* when nothing says otherwise */

/* Colour (SGR) only when stdout is a terminal, NO_COLOR is unset or empty
 * (no-color.org), and TERM is set and not "dumb".  Either string may be
 * NULL (unset). */
bool termcaps_colour(bool tty_out, const char *no_color, const char *term);

/* Cursor control (a carriage return and "erase to end of line") on a
 * stream: only on a terminal whose TERM is set and not "dumb", which
 * cannot erase a line. */
bool termcaps_cursor(bool tty, const char *term);

/* Unicode glyphs (blocks, box drawing) only when the locale's codeset, as
 * nl_langinfo(CODESET) names it, is UTF-8 (any case, with or without the
 * dash).  NULL means unknown, which is ASCII. */
bool termcaps_unicode(const char *codeset);

/* The columns to lay out for: the terminal's own width when it reports
 * one (tty_columns > 0), else a positive COLUMNS, else 80.  Never below 1;
 * callers that need a minimum apply it themselves. */
int termcaps_width(int tty_columns, const char *columns);

#endif
