/* render.h: Markdown to terminal text, and safe printing of any text.
 *
 * Pure: text in, text out.  Nothing from a deck or key file reaches the
 * terminal raw: every C0/C1 control character and every escape sequence
 * is shown as a visible ^X or <U+XXXX> instead, and invalid UTF-8 becomes
 * U+FFFD, so a deck cannot move the cursor, retitle the window, fake a
 * line of rehearse's own output or hide a hyperlink. */
#ifndef REHEARSE_RENDER_H
#define REHEARSE_RENDER_H

#include "rehearse/util.h"

#include <stdbool.h>

/* Appends text[0..n) to out with controls made visible.  Tabs become a
 * space when keep_tabs is false. */
void render_safe(struct strbuf *out, const char *text, size_t n);

/* Renders a card's Markdown (paragraphs, lists, fenced code, inline code,
 * **bold**, headings) wrapped to `width` columns and indented by `indent`
 * spaces.  With colour, styles use ANSI SGR; without, the text stays
 * readable plain text (inline code keeps its backticks). */
void render_markdown(struct strbuf *out, const char *md, int width, int indent,
                     bool colour);

/* Display columns of a UTF-8 string (one per code point). */
size_t render_columns(const char *s, size_t n);

#endif
