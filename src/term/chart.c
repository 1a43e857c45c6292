/* chart.c: heatmap cells, bars and column charts for `rehearse stats`.
 * See chart.h. */
#include "rehearse/chart.h"

#define SGR_RESET "\033[0m"

void chart_cell(struct strbuf *out, int level, bool colour)
{
    static const char plain[] = ".-+*#";
    static const char *const shades[] = {"90", "2;32", "32", "1;32", "1;92"};
    if (level < 0)
        level = 0;
    if (level >= CHART_LEVELS)
        level = CHART_LEVELS - 1;
    if (colour)
        sb_addf(out, "\033[%sm%s" SGR_RESET, shades[level],
                level ? "\u25a0" : "\u00b7");
    else
        sb_addc(out, plain[level]);
}

void chart_bar(struct strbuf *out, int n, bool colour)
{
    if (colour)
        sb_adds(out, "\033[32m");
    for (int i = 0; i < n; i++)
        sb_adds(out, colour ? "\u2588" : "#");
    if (colour)
        sb_adds(out, SGR_RESET);
}

void chart_column(struct strbuf *out, bool filled, bool colour)
{
    if (colour && filled)
        sb_adds(out, "\033[36m\u2588\u2588" SGR_RESET);
    else
        sb_adds(out, filled ? "##" : "  ");
}
