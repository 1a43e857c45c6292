/* chart.h: the pieces of `rehearse stats`'s charts, as styled text.
 *
 * Pure: each function appends to a string and prints nothing, so cli
 * assembles the data and the terminal's styling stays in term.  With
 * colour the pieces use SGR and Unicode blocks; without, plain ASCII. */
#ifndef REHEARSE_CHART_H
#define REHEARSE_CHART_H

#include "rehearse/util.h"

#include <stdbool.h>

#define CHART_LEVELS 5 /* heatmap levels 0 (none) to 4 (most) */

/* One heatmap cell (one column wide) of level 0..4. */
void chart_cell(struct strbuf *out, int level, bool colour);
/* A horizontal bar n columns long. */
void chart_bar(struct strbuf *out, int n, bool colour);
/* One day of a column chart (two columns wide): filled or empty. */
void chart_column(struct strbuf *out, bool filled, bool colour);

#endif
