/* chart.h: the pieces of `rehearse stats`'s charts, as styled text.
 *
 * Pure: each function appends to a string and prints nothing, so cli
 * assembles the data and the terminal's styling stays in term.  Colour
 * (SGR) and glyphs (Unicode blocks, else ASCII) are chosen separately, as
 * struct ui decides them (ui.h). */
#ifndef REHEARSE_CHART_H
#define REHEARSE_CHART_H

#include "rehearse/util.h"

#include <stdbool.h>

#define CHART_LEVELS 5 /* heatmap levels 0 (none) to 4 (most) */

struct chart_style {
    bool colour;  /* SGR colours */
    bool unicode; /* Unicode blocks; ASCII otherwise */
};

/* One heatmap cell (one column wide) of level 0..4.  Without colour the
 * level shows in the glyph itself: ".-+*#", or a dot and shades. */
void chart_cell(struct strbuf *out, int level, const struct chart_style *st);
/* A horizontal bar n columns long. */
void chart_bar(struct strbuf *out, int n, const struct chart_style *st);
/* One day of a column chart, `cols` (1 or 2) columns wide: filled or
 * empty. */
void chart_column(struct strbuf *out, bool filled, int cols,
                  const struct chart_style *st);
/* A bar of `filled` columns with a mark in column `mark` (0-based; -1
 * for none), drawn over the bar or past its end: an actual share beside
 * a predicted one.  Nothing follows the last column drawn. */
void chart_meter(struct strbuf *out, int filled, int mark,
                 const struct chart_style *st);

#endif
