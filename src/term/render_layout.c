/* render_layout.c: lines, prefixes, styles and word wrapping for the
 * Markdown renderer (render.c).
 *
 * Inline text arrives here gathered with a style per byte (struct inl)
 * and leaves as lines: words wrapped at the width, each line prefixed by
 * the quote bars and list markers of the blocks around it.  Nothing is
 * written unsanitised: the only bytes that do not pass through
 * render_safe are spaces, the box prefixes and the SGR sequences
 * set_style writes. */
#include "render_impl.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SGR_RESET "\033[0m"

void inl_init(struct inl *in)
{
    sb_init(&in->text);
    in->style = NULL;
    in->cap = 0;
}

void inl_add(struct inl *in, const char *s, size_t n, unsigned style)
{
    size_t at = in->text.len;
    sb_add(&in->text, s, n);
    in->style = xgrow(in->style, &in->cap, in->text.len + 1, 1);
    memset(in->style + at, (int)style, n);
}

void inl_reset(struct inl *in)
{
    sb_reset(&in->text);
}

void inl_free(struct inl *in)
{
    sb_free(&in->text);
    free(in->style);
}

/* Switches the output to style s: a reset, then one SGR sequence. */
void set_style(struct writer *w, unsigned s)
{
    static const struct {
        unsigned bits;
        const char *code;
    } codes[] = {{ST_STRONG | ST_HEAD, "1"},
                 {ST_DIM, "2"},
                 {ST_EM, "3"},
                 {ST_URL, "4"},
                 {ST_DEL, "9"},
                 {ST_BLOCK, "33"},
                 {ST_CODE, "36"}};
    if (!w->colour || s == w->cur)
        return;
    if (w->cur)
        sb_adds(w->out, SGR_RESET);
    w->cur = s;
    if (s == 0)
        return;
    sb_adds(w->out, "\033[");
    const char *sep = "";
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (s & codes[i].bits) {
            sb_addf(w->out, "%s%s", sep, codes[i].code);
            sep = ";";
        }
    sb_addc(w->out, 'm');
}

/* A quote's bar, dimmed when colouring, and the space after it. */
static size_t quote_bar(struct writer *w, const struct box *b)
{
    set_style(w, ST_DIM);
    sb_adds(w->out, b->first);
    set_style(w, 0);
    sb_addc(w->out, ' ');
    return render_columns(b->first, strlen(b->first)) + 1;
}

size_t line_start(struct writer *w)
{
    for (int i = 0; i < w->indent; i++)
        sb_addc(w->out, ' ');
    size_t cols = (size_t)w->indent;
    int n = w->depth < RENDER_DEPTH ? w->depth : RENDER_DEPTH;
    for (int i = 0; i < n; i++) {
        struct box *b = &w->boxes[i];
        if (b->kind == BOX_QUOTE) {
            cols += quote_bar(w, b);
        } else {
            const char *p = b->started ? b->rest : b->first;
            sb_adds(w->out, p);
            cols += render_columns(p, strlen(p));
        }
        b->started = true;
    }
    w->any = true;
    return cols;
}

size_t prefix_columns(const struct writer *w)
{
    size_t cols = (size_t)w->indent;
    int n = w->depth < RENDER_DEPTH ? w->depth : RENDER_DEPTH;
    for (int i = 0; i < n; i++) {
        const struct box *b = &w->boxes[i];
        const char *p = b->kind == BOX_QUOTE ? b->first
                        : b->started         ? b->rest
                                             : b->first;
        cols += render_columns(p, strlen(p)) + (b->kind == BOX_QUOTE);
    }
    return cols;
}

void line_end(struct writer *w)
{
    set_style(w, 0);
    sb_addc(w->out, '\n');
}

/* A blank line keeps the quote bars around it, and nothing else. */
static void blank_line(struct writer *w)
{
    size_t mark = w->out->len;
    int n = w->depth < RENDER_DEPTH ? w->depth : RENDER_DEPTH;
    for (int i = 0; i < n; i++)
        if (w->boxes[i].kind == BOX_QUOTE) {
            for (int k = 0; k < w->indent; k++)
                sb_addc(w->out, ' ');
            for (int k = 0; k < n; k++) {
                struct box *b = &w->boxes[k];
                if (b->kind == BOX_QUOTE)
                    quote_bar(w, b);
                else
                    sb_adds(w->out, b->rest);
            }
            break;
        }
    while (w->out->len > mark && w->out->buf[w->out->len - 1] == ' ')
        w->out->buf[--w->out->len] = '\0';
    sb_addc(w->out, '\n');
}

void block_start(struct writer *w)
{
    if (w->need_blank && w->any)
        blank_line(w);
    w->need_blank = false;
}

void emit_runs(struct writer *w, const struct inl *in, size_t from, size_t to)
{
    while (from < to) {
        size_t end = from + 1;
        while (end < to && in->style[end] == in->style[from])
            end++;
        set_style(w, in->style[from]);
        render_safe(w->out, in->text.buf + from, end - from);
        from = end;
    }
}

size_t runs_width(const struct inl *in, size_t from, size_t to)
{
    struct strbuf tmp;
    sb_init(&tmp);
    render_safe(&tmp, in->text.buf + from, to - from);
    size_t cols = render_columns(tmp.buf, tmp.len);
    sb_free(&tmp);
    return cols;
}

void layout(struct writer *w, const struct inl *in)
{
    const char *t = in->text.buf;
    size_t n = in->text.len, i = 0, col = 0;
    bool open = false;
    while (i < n) {
        if (t[i] == ' ') {
            i++;
            continue;
        }
        if (t[i] == '\n') { /* a hard break */
            if (!open)
                line_start(w);
            line_end(w);
            open = false;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && t[j] != ' ' && t[j] != '\n')
            j++;
        size_t cols = runs_width(in, i, j);
        if (!open) {
            col = line_start(w);
            open = true;
        } else if (col + 1 + cols > (size_t)w->width) {
            line_end(w);
            col = line_start(w);
        } else { /* the space keeps a style both neighbours share */
            set_style(w, in->style[i - 1] & in->style[i]);
            sb_addc(w->out, ' ');
            col++;
        }
        emit_runs(w, in, i, j);
        col += cols;
        i = j;
    }
    if (open)
        line_end(w);
}

void box_push(struct writer *w, enum box_kind kind, const char *first,
              const char *rest)
{
    if (w->depth < RENDER_DEPTH) {
        struct box *b = &w->boxes[w->depth];
        b->kind = kind;
        snprintf(b->first, sizeof b->first, "%s", first);
        snprintf(b->rest, sizeof b->rest, "%s", rest);
        b->started = false;
    }
    w->depth++;
}

void box_pop(struct writer *w)
{
    if (w->depth > 0)
        w->depth--;
}
