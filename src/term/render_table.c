/* render_table.c: Markdown tables for render.c.
 *
 * A table that fits the width is drawn as aligned columns under a rule.
 * One that does not would wrap into nonsense, so each body row becomes a
 * short record instead, one "Header: value" line per cell, records
 * separated by blank lines: longer, but it reads right at any width. */
#include "render_impl.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

struct table {
    unsigned cols, rows; /* rows include the header row */
    struct inl *cells;   /* rows * cols, row by row */
    int *align;          /* MD_ALIGN of each column, from the header */
    unsigned row;        /* rows begun so far */
    unsigned next;       /* the next cell's column in this row */
};

struct table *table_new(unsigned cols, unsigned rows)
{
    struct table *t = xcalloc(1, sizeof *t);
    t->cols = cols ? cols : 1;
    t->rows = rows ? rows : 1;
    t->cells = xcalloc((size_t)t->cols * t->rows, sizeof *t->cells);
    for (size_t i = 0; i < (size_t)t->cols * t->rows; i++)
        inl_init(&t->cells[i]);
    t->align = xcalloc(t->cols, sizeof *t->align);
    return t;
}

void table_row(struct table *t)
{
    t->row++;
    t->next = 0;
}

struct inl *table_cell(struct table *t, int align)
{
    if (t->row == 0 || t->row > t->rows || t->next >= t->cols)
        return NULL;
    if (t->row == 1)
        t->align[t->next] = align;
    return &t->cells[(size_t)(t->row - 1) * t->cols + t->next++];
}

void table_free(struct table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < (size_t)t->cols * t->rows; i++)
        inl_free(&t->cells[i]);
    free(t->cells);
    free(t->align);
    free(t);
}

static struct inl *cell(const struct table *t, unsigned row, unsigned col)
{
    return &t->cells[(size_t)row * t->cols + col];
}

static void spaces(struct writer *w, size_t n)
{
    set_style(w, 0);
    for (size_t i = 0; i < n; i++)
        sb_addc(w->out, ' ');
}

static void separator(struct writer *w, const char *plain, const char *fancy)
{
    set_style(w, ST_DIM);
    sb_adds(w->out, w->unicode ? fancy : plain);
    set_style(w, 0);
}

static void grid_row(struct writer *w, const struct table *t, unsigned row,
                     const size_t *width)
{
    line_start(w);
    for (unsigned c = 0; c < t->cols; c++) {
        const struct inl *in = cell(t, row, c);
        size_t cols = runs_width(in, 0, in->text.len);
        size_t gap = width[c] - cols, before = 0;
        if (t->align[c] == MD_ALIGN_RIGHT)
            before = gap;
        else if (t->align[c] == MD_ALIGN_CENTER)
            before = gap / 2;
        if (c > 0)
            separator(w, " | ", " \u2502 ");
        spaces(w, before);
        emit_runs(w, in, 0, in->text.len);
        if (c + 1 < t->cols)
            spaces(w, gap - before);
    }
    line_end(w);
}

static void grid(struct writer *w, const struct table *t, const size_t *width)
{
    grid_row(w, t, 0, width);
    line_start(w);
    set_style(w, ST_DIM);
    for (unsigned c = 0; c < t->cols; c++) {
        if (c > 0)
            sb_adds(w->out, w->unicode ? "\u2500\u253c\u2500" : "-+-");
        for (size_t i = 0; i < width[c]; i++)
            sb_adds(w->out, w->unicode ? "\u2500" : "-");
    }
    line_end(w);
    for (unsigned r = 1; r < t->rows; r++)
        grid_row(w, t, r, width);
}

static void append(struct inl *dst, const struct inl *src)
{
    for (size_t i = 0; i < src->text.len; i++)
        inl_add(dst, src->text.buf + i, 1, src->style[i]);
}

/* Too wide for columns: "Header: value" lines, a record per row. */
static void records(struct writer *w, const struct table *t)
{
    struct inl line;
    inl_init(&line);
    for (unsigned r = t->rows > 1 ? 1 : 0; r < t->rows; r++) {
        for (unsigned c = 0; c < t->cols; c++) {
            inl_reset(&line);
            append(&line, cell(t, 0, c));
            if (r > 0) {
                inl_add(&line, ": ", 2, 0);
                append(&line, cell(t, r, c));
            }
            box_push(w, BOX_HANG, "", "  ");
            layout(w, &line);
            box_pop(w);
        }
        w->need_blank = true;
        if (r + 1 < t->rows)
            block_start(w);
    }
    inl_free(&line);
}

void table_render(struct writer *w, struct table *t)
{
    size_t *width = xcalloc(t->cols, sizeof *width);
    size_t total = prefix_columns(w) + 3 * (t->cols - 1);
    for (unsigned c = 0; c < t->cols; c++) {
        for (unsigned r = 0; r < t->rows; r++) {
            const struct inl *in = cell(t, r, c);
            size_t cols = runs_width(in, 0, in->text.len);
            width[c] = cols > width[c] ? cols : width[c];
        }
        total += width[c];
    }
    if (total <= (size_t)w->width)
        grid(w, t, width);
    else
        records(w, t);
    free(width);
}
