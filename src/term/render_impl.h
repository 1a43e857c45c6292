/* render_impl.h: what render.c, render_table.c and render_text.c share.
 *
 * Private to src/term.  render.c turns md4c's callbacks into blocks and
 * styled inline text; render_layout.c wraps it into prefixed lines;
 * render_table.c lays out tables; render_text.c is the byte-level hygiene
 * and width measurement every byte of output passes through. */
#ifndef REHEARSE_RENDER_IMPL_H
#define REHEARSE_RENDER_IMPL_H

#include "rehearse/render.h"
#include "rehearse/util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Styles of inline text, one byte per byte of text (struct inl). */
enum {
    ST_EM = 1,
    ST_STRONG = 2,
    ST_CODE = 4,
    ST_URL = 8,
    ST_DEL = 16,
    ST_HEAD = 32,
    ST_BLOCK = 64, /* a code block's lines */
    ST_DIM = 128,  /* quote bars and rules */
};

/* Inline text gathered for one paragraph, heading or table cell: the raw
 * bytes (not yet sanitised; '\n' is a hard break) and each byte's style. */
struct inl {
    struct strbuf text;
    unsigned char *style; /* text.len entries */
    size_t cap;
};

void inl_init(struct inl *in);
void inl_add(struct inl *in, const char *s, size_t n, unsigned style);
void inl_reset(struct inl *in);
void inl_free(struct inl *in);

/* A container that prefixes the lines inside it: a block quote's bar, a
 * list item's marker (first line) and its indentation (the others). */
enum box_kind { BOX_QUOTE, BOX_ITEM, BOX_HANG };
struct box {
    enum box_kind kind;
    char first[24], rest[24]; /* prefixes, at most 16 columns */
    bool started;             /* its first line is out */
};

#define RENDER_DEPTH 32 /* deeper nesting renders without more prefixes */

struct table; /* render_table.c */

struct writer {
    struct strbuf *out;
    int width;  /* columns of a whole line, indent included (>= 20) */
    int indent; /* spaces before every line */
    bool colour;
    bool unicode; /* box-drawing glyphs, else ASCII */
    struct box boxes[RENDER_DEPTH];
    int depth;       /* may exceed RENDER_DEPTH: only the first are drawn */
    unsigned cur;    /* style the output is in now (colour only) */
    bool need_blank; /* a blank line goes before the next block */
    bool any;        /* a line has been written */
};

/* Starts a line: the indent and every box's prefix.  Returns the columns
 * used.  end_line resets the style and writes the newline. */
size_t line_start(struct writer *w);
/* The columns line_start would use now. */
size_t prefix_columns(const struct writer *w);
void line_end(struct writer *w);
/* Switches the output to style s (colour only). */
void set_style(struct writer *w, unsigned s);
/* Writes the blank line a pending need_blank asks for. */
void block_start(struct writer *w);
/* Writes in[from..to) sanitised, with its styles (colour only). */
void emit_runs(struct writer *w, const struct inl *in, size_t from, size_t to);
/* Display columns of in[from..to) once sanitised. */
size_t runs_width(const struct inl *in, size_t from, size_t to);
/* Lays out a paragraph: words wrapped at the width, '\n' a hard break. */
void layout(struct writer *w, const struct inl *in);
void box_push(struct writer *w, enum box_kind kind, const char *first,
              const char *rest);
void box_pop(struct writer *w);

/* Tables: begun with the table's shape, cells filled in order, laid out
 * when the table ends.  table_row begins each row; table_cell returns the
 * inline buffer for the next cell (NULL when md4c sends more cells than the
 * table has). */
struct table *table_new(unsigned cols, unsigned rows);
void table_row(struct table *t);
struct inl *table_cell(struct table *t, int align);
void table_render(struct writer *w, struct table *t);
void table_free(struct table *t);

/* Decodes an entity ("&amp;", "&#169;", "&#x1F600;") into out.  Unknown
 * names stay as written; a code point of 0, a surrogate or one past
 * U+10FFFF becomes U+FFFD. */
void render_entity(struct strbuf *out, const char *s, size_t n);

#endif
