/* render.h: Markdown to terminal text, and safe printing of any text.
 *
 * Pure: text in, text out.  Nothing from a deck or key file reaches the
 * terminal raw: every C0/C1 control character and every escape sequence
 * is shown as a visible ^X or <U+XXXX> instead, and invalid UTF-8 becomes
 * U+FFFD, so a deck cannot move the cursor, retitle the window, fake a
 * line of rehearse's own output or hide a hyperlink.  Bidi overrides,
 * embeddings, isolates and marks and zero-width characters are shown as
 * <U+XXXX> too, so text cannot read differently from what it is. */
#ifndef REHEARSE_RENDER_H
#define REHEARSE_RENDER_H

#include "rehearse/util.h"

#include <stdbool.h>

/* Appends text[0..n) to out with controls and invisible characters made
 * visible.  A tab becomes a space. */
void render_safe(struct strbuf *out, const char *text, size_t n);

struct render_opts {
    int width;    /* display columns of a line, indent included (>= 20) */
    int indent;   /* spaces before every line (>= 0) */
    bool colour;  /* styles as ANSI SGR */
    bool unicode; /* box drawing for quote bars, rules and table lines */
};

/* Renders a card's Markdown (CommonMark through md4c, with tables,
 * strikethrough and task lists; docs/deck-format.md lists what shows how)
 * wrapped to o->width display columns and indented by o->indent spaces.
 * With colour, styles use ANSI SGR and nothing else; without, the text
 * stays readable plain text (inline code keeps its backticks, emphasis
 * markers are dropped).  Without unicode every line is ASCII apart from
 * the card's own text: '>' for a quote bar, '-' and '|' for rules. */
void render_markdown_opts(struct strbuf *out, const char *md,
                          const struct render_opts *o);
/* The same with glyphs following colour, as before render_opts: Unicode
 * with colour, ASCII without. */
void render_markdown(struct strbuf *out, const char *md, int width, int indent,
                     bool colour);

/* Display columns of a UTF-8 string as a terminal shows it: East Asian
 * wide characters count two, combining marks and other zero-width code
 * points none, each invalid byte one (it is shown as U+FFFD).  Controls
 * count none, so measure text after render_safe to know its width on
 * screen.  Never more than n. */
size_t render_columns(const char *s, size_t n);

#endif
