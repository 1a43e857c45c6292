/* termcaps.c: the rules for colour, glyphs and width.  See termcaps.h.
 *
 * Why these rules: NO_COLOR is the convention users set to turn colour
 * off everywhere; TERM=dumb is what Emacs shells, some CI logs and
 * editors' terminals say when they cannot interpret escape sequences; and
 * a terminal in a non-UTF-8 locale shows box-drawing bytes as mojibake,
 * so those get ASCII. */
#include "rehearse/termcaps.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

bool termcaps_colour(bool tty_out, const char *no_color, const char *term)
{
    if (!tty_out || (no_color && *no_color))
        return false;
    return term && *term && strcmp(term, "dumb") != 0;
}

bool termcaps_unicode(const char *codeset)
{
    static const char want[] = "utf8";
    size_t k = 0;
    if (codeset == NULL)
        return false;
    for (const char *p = codeset; *p; p++) {
        if (*p == '-' || *p == '_')
            continue;
        if (k == sizeof want - 1 || tolower((unsigned char)*p) != want[k])
            return false;
        k++;
    }
    return k == sizeof want - 1;
}

int termcaps_width(int tty_columns, const char *columns)
{
    if (tty_columns > 0)
        return tty_columns;
    if (columns && *columns) {
        char *end;
        long n = strtol(columns, &end, 10);
        if (*end == '\0' && n > 0 && n <= 10000)
            return (int)n;
    }
    return TERMCAPS_DEFAULT_WIDTH;
}

bool termcaps_cursor(bool tty, const char *term)
{
    return tty && term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
}
