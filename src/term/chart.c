/* chart.c: heatmap cells, bars and column charts for `rehearse stats`.
 * See chart.h. */
#include "rehearse/chart.h"

#define SGR_RESET "\033[0m"

void chart_cell(struct strbuf *out, int level, const struct chart_style *st)
{
    static const char ascii[] = ".-+*#";
    static const char *const shaded[] = {"\u00b7", "\u2591", "\u2592", "\u2593",
                                         "\u2588"};
    static const char *const sgr[] = {"90", "2;32", "32", "1;32", "1;92"};
    if (level < 0)
        level = 0;
    if (level >= CHART_LEVELS)
        level = CHART_LEVELS - 1;
    char one[2] = {ascii[level], '\0'};
    /* With colour the shade tells the level, so one glyph serves. */
    const char *glyph = !st->unicode ? one
                        : st->colour ? (level ? "\u25a0" : "\u00b7")
                                     : shaded[level];
    if (st->colour)
        sb_addf(out, "\033[%sm%s" SGR_RESET, sgr[level], glyph);
    else
        sb_adds(out, glyph);
}

void chart_bar(struct strbuf *out, int n, const struct chart_style *st)
{
    if (st->colour)
        sb_adds(out, "\033[32m");
    for (int i = 0; i < n; i++)
        sb_adds(out, st->unicode ? "\u2588" : "#");
    if (st->colour)
        sb_adds(out, SGR_RESET);
}

void chart_column(struct strbuf *out, bool filled, int cols,
                  const struct chart_style *st)
{
    if (st->colour && filled)
        sb_adds(out, "\033[36m");
    for (int i = 0; i < cols; i++)
        sb_adds(out, !filled ? " " : st->unicode ? "\u2588" : "#");
    if (st->colour && filled)
        sb_adds(out, SGR_RESET);
}

void chart_meter(struct strbuf *out, int filled, int mark,
                 const struct chart_style *st)
{
    if (mark < 0) {
        chart_bar(out, filled, st);
        return;
    }
    chart_bar(out, filled < mark ? filled : mark, st);
    for (int i = filled; i < mark; i++)
        sb_addc(out, ' ');
    /* A thin line: on the bar it reads as a notch, past it as a post. */
    if (st->colour)
        sb_adds(out, "\033[1;33m");
    sb_adds(out, st->unicode ? "\u2503" : "|");
    if (st->colour)
        sb_adds(out, SGR_RESET);
    if (filled > mark + 1)
        chart_bar(out, filled - mark - 1, st);
}
