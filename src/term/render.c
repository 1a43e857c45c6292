/* render.c: a card's Markdown to terminal text, through md4c.
 *
 * md4c parses (CommonMark plus tables, strikethrough, task lists and bare
 * URLs) and calls back for each block, span and run of text.  Text is
 * gathered with its styles until the block that holds it ends, then laid
 * out by render_layout.c; code and HTML blocks are kept line for line,
 * never wrapped; tables go to render_table.c.  Blocks are separated by a
 * blank line, except the items of a tight list. */
#include "rehearse/text.h"
#include "render_impl.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"
#define LINK_DEPTH 8
#define TAB_STOP 4 /* a tab in a code block reaches the next multiple */

struct list {
    bool ordered, tight;
    unsigned next; /* the next item's number */
    char delim;    /* '.' or ')' */
};

struct link {
    size_t start; /* where its text begins in the target */
    char *href;
    bool image;
};

struct render {
    struct writer w;
    struct inl inl;     /* the paragraph, heading or tight item being read */
    struct inl discard; /* cells past a table's column count */
    struct inl *target; /* where text goes: &inl or a table cell */
    unsigned counts[8]; /* open spans per style bit */
    unsigned style;     /* the styles of the spans open now */
    struct list lists[RENDER_DEPTH];
    int nlists; /* may exceed RENDER_DEPTH */
    struct link links[LINK_DEPTH];
    int nlinks;          /* may exceed LINK_DEPTH */
    int verbatim;        /* MD_BLOCK_CODE or MD_BLOCK_HTML while in one */
    struct strbuf verb;  /* that block's text */
    struct table *table; /* the table being read, or NULL */
};

static void span_on(struct render *r, unsigned bit)
{
    for (int i = 0; i < 8; i++)
        if (bit == 1u << i && r->counts[i]++ == 0)
            r->style |= bit;
}

static void span_off(struct render *r, unsigned bit)
{
    for (int i = 0; i < 8; i++)
        if (bit == 1u << i && r->counts[i] > 0 && --r->counts[i] == 0)
            r->style &= ~bit;
}

static void add(struct render *r, const char *s, unsigned style)
{
    inl_add(r->target, s, strlen(s), style);
}

/* Lays out the inline text gathered so far, if there is any. */
static void flush(struct render *r)
{
    struct inl *in = &r->inl;
    size_t i = 0;
    while (i < in->text.len && in->text.buf[i] == ' ')
        i++;
    if (i < in->text.len) {
        block_start(&r->w);
        layout(&r->w, in);
    }
    inl_reset(in);
}

static void item_push(struct render *r, const MD_BLOCK_LI_DETAIL *d)
{
    char first[24], rest[24];
    struct list *l = r->nlists > 0 && r->nlists <= RENDER_DEPTH
                         ? &r->lists[r->nlists - 1]
                         : NULL;
    if (l && l->ordered)
        snprintf(first, sizeof first, "%u%c ", l->next++, l->delim);
    else
        snprintf(first, sizeof first, "- ");
    if (d->is_task) {
        size_t n = strlen(first);
        snprintf(first + n, sizeof first - n, "[%c] ",
                 d->task_mark == ' ' ? ' ' : 'x');
    }
    size_t n = strlen(first);
    memset(rest, ' ', n);
    rest[n] = '\0';
    box_push(&r->w, BOX_ITEM, first, rest);
}

static void item_pop(struct render *r)
{
    struct writer *w = &r->w;
    flush(r);
    if (w->depth <= RENDER_DEPTH && !w->boxes[w->depth - 1].started) {
        block_start(w); /* an empty item still shows its marker */
        line_start(w);
        line_end(w);
    }
    box_pop(w);
    bool tight = r->nlists > 0 && r->nlists <= RENDER_DEPTH &&
                 r->lists[r->nlists - 1].tight;
    w->need_blank = !tight;
}

static void list_push(struct render *r, bool ordered, void *detail)
{
    if (r->nlists < RENDER_DEPTH) {
        struct list *l = &r->lists[r->nlists];
        if (ordered) {
            const MD_BLOCK_OL_DETAIL *d = detail;
            *l = (struct list){true, d->is_tight, d->start, d->mark_delimiter};
        } else {
            const MD_BLOCK_UL_DETAIL *d = detail;
            *l = (struct list){false, d->is_tight, 0, 0};
        }
    }
    r->nlists++;
}

/* One line of a code block, indented as a block, tabs expanded. */
static void code_line(struct writer *w, const char *s, size_t n)
{
    struct strbuf line;
    sb_init(&line);
    size_t col = 0;
    for (size_t i = 0; i < n;) {
        const char *tab = memchr(s + i, '\t', n - i);
        size_t len = tab ? (size_t)(tab - (s + i)) : n - i;
        size_t at = line.len;
        render_safe(&line, s + i, len);
        col += render_columns(line.buf + at, line.len - at);
        i += len;
        if (tab) {
            do
                sb_addc(&line, ' ');
            while (++col % TAB_STOP);
            i++;
        }
    }
    sb_adds(w->out, "    ");
    set_style(w, ST_BLOCK);
    sb_add(w->out, line.buf, line.len);
    sb_free(&line);
}

/* A code block (indented, coloured) or an HTML block (as written). */
static void verbatim_out(struct render *r)
{
    struct writer *w = &r->w;
    const char *s = r->verb.buf;
    size_t n = r->verb.len;
    block_start(w);
    while (n > 0) {
        const char *nl = memchr(s, '\n', n);
        size_t len = nl ? (size_t)(nl - s) : n;
        line_start(w);
        if (r->verbatim == MD_BLOCK_CODE)
            code_line(w, s, len);
        else
            render_safe(w->out, s, len);
        line_end(w);
        s += len + (nl != NULL);
        n -= len + (nl != NULL);
    }
    sb_reset(&r->verb);
    r->verbatim = 0;
    w->need_blank = true;
}

static void rule(struct writer *w)
{
    block_start(w);
    size_t col = line_start(w);
    size_t n = (size_t)w->width > col + 3 ? (size_t)w->width - col : 3;
    set_style(w, ST_DIM);
    for (size_t i = 0; i < n; i++)
        sb_adds(w->out, w->unicode ? "\u2500" : "-");
    line_end(w);
    w->need_blank = true;
}

static void table_start(struct render *r, const MD_BLOCK_TABLE_DETAIL *d)
{
    block_start(&r->w);
    table_free(r->table);
    r->table = table_new(d->col_count, d->head_row_count + d->body_row_count);
}

static void cell_start(struct render *r, const MD_BLOCK_TD_DETAIL *d)
{
    struct inl *cell = r->table ? table_cell(r->table, d->align) : NULL;
    r->target = cell ? cell : &r->discard;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct render *r = ud;
    if (type != MD_BLOCK_TH && type != MD_BLOCK_TD)
        flush(r);
    switch (type) {
    case MD_BLOCK_QUOTE:
        block_start(&r->w);
        box_push(&r->w, BOX_QUOTE, r->w.unicode ? "\u2502" : ">", "");
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        list_push(r, type == MD_BLOCK_OL, detail);
        break;
    case MD_BLOCK_LI:
        item_push(r, detail);
        break;
    case MD_BLOCK_HR:
        rule(&r->w);
        break;
    case MD_BLOCK_H:
        span_on(r, ST_HEAD);
        break;
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
        r->verbatim = (int)type;
        break;
    case MD_BLOCK_TABLE:
        table_start(r, detail);
        break;
    case MD_BLOCK_TR:
        if (r->table)
            table_row(r->table);
        break;
    case MD_BLOCK_TH:
        span_on(r, ST_STRONG);
        cell_start(r, detail);
        break;
    case MD_BLOCK_TD:
        cell_start(r, detail);
        break;
    default:
        break;
    }
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct render *r = ud;
    (void)detail;
    if (type != MD_BLOCK_TH && type != MD_BLOCK_TD)
        flush(r);
    switch (type) {
    case MD_BLOCK_QUOTE:
        box_pop(&r->w);
        r->w.need_blank = true;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        r->nlists--;
        r->w.need_blank = true;
        break;
    case MD_BLOCK_LI:
        item_pop(r);
        break;
    case MD_BLOCK_H:
        span_off(r, ST_HEAD);
        r->w.need_blank = true;
        break;
    case MD_BLOCK_P:
        r->w.need_blank = true;
        break;
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
        verbatim_out(r);
        break;
    case MD_BLOCK_TABLE:
        if (r->table)
            table_render(&r->w, r->table);
        table_free(r->table);
        r->table = NULL;
        r->w.need_blank = true;
        break;
    case MD_BLOCK_TH:
        span_off(r, ST_STRONG);
        r->target = &r->inl;
        break;
    case MD_BLOCK_TD:
        inl_reset(&r->discard);
        r->target = &r->inl;
        break;
    default:
        break;
    }
    return 0;
}

/* An attribute (a link's or image's URL) with its entities decoded. */
static char *attribute(const MD_ATTRIBUTE *a)
{
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; a->size && a->substr_offsets[i] < a->size; i++) {
        MD_OFFSET at = a->substr_offsets[i], end = a->substr_offsets[i + 1];
        if (a->substr_types[i] == MD_TEXT_ENTITY)
            render_entity(&sb, a->text + at, end - at);
        else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
            sb_adds(&sb, REPLACEMENT);
        else
            sb_add(&sb, a->text + at, end - at);
    }
    return sb.buf; /* the caller frees it */
}

static void link_push(struct render *r, const MD_ATTRIBUTE *href, bool image)
{
    if (r->nlinks < LINK_DEPTH)
        r->links[r->nlinks] =
            (struct link){r->target->text.len, attribute(href), image};
    r->nlinks++;
    if (image)
        add(r, "[image: ", r->style);
}

/* Ends a link or image: the URL follows its text, unless it is the
 * text (an autolink) or an e-mail address's mailto: form of it. */
static void link_pop(struct render *r)
{
    if (r->nlinks == 0 || --r->nlinks >= LINK_DEPTH)
        return;
    struct link *l = &r->links[r->nlinks];
    if (l->image)
        add(r, "]", r->style);
    const char *text = r->target->text.buf + l->start;
    size_t n = r->target->text.len - l->start;
    const char *url = l->href;
    bool same = strlen(url) == n && memcmp(url, text, n) == 0;
    if (strncmp(url, "mailto:", 7) == 0 && strlen(url + 7) == n &&
        memcmp(url + 7, text, n) == 0)
        same = true;
    if (!same && url[0]) {
        add(r, " (", r->style);
        add(r, url, r->style | ST_URL);
        add(r, ")", r->style);
    }
    free(l->href);
}

static int span(MD_SPANTYPE type, void *detail, void *ud, bool enter)
{
    struct render *r = ud;
    const char *mark = type == MD_SPAN_CODE  ? "`"
                       : type == MD_SPAN_DEL ? "~~"
                                             : NULL;
    unsigned bit = type == MD_SPAN_EM       ? ST_EM
                   : type == MD_SPAN_STRONG ? ST_STRONG
                   : type == MD_SPAN_CODE   ? ST_CODE
                   : type == MD_SPAN_DEL    ? ST_DEL
                                            : 0;
    if (bit && enter)
        span_on(r, bit);
    if (mark && !r->w.colour)
        add(r, mark, r->style);
    if (bit && !enter)
        span_off(r, bit);
    if (type == MD_SPAN_A && enter)
        link_push(r, &((MD_SPAN_A_DETAIL *)detail)->href, false);
    else if (type == MD_SPAN_IMG && enter)
        link_push(r, &((MD_SPAN_IMG_DETAIL *)detail)->src, true);
    else if ((type == MD_SPAN_A || type == MD_SPAN_IMG) && !enter)
        link_pop(r);
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    return span(type, detail, ud, true);
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    return span(type, detail, ud, false);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *ud)
{
    struct render *r = ud;
    struct inl *in = r->target;
    if (r->verbatim) {
        sb_add(&r->verb, type == MD_TEXT_NULLCHAR ? REPLACEMENT : s,
               type == MD_TEXT_NULLCHAR ? 3 : n);
        return 0;
    }
    size_t at = in->text.len;
    if (type == MD_TEXT_BR) {
        bool one_line = r->table || (r->style & ST_HEAD);
        add(r, one_line ? " " : "\n", r->style);
        return 0;
    }
    if (type == MD_TEXT_SOFTBR || type == MD_TEXT_NULLCHAR) {
        add(r, type == MD_TEXT_SOFTBR ? " " : REPLACEMENT, r->style);
    } else if (type == MD_TEXT_ENTITY) {
        struct strbuf e;
        sb_init(&e);
        render_entity(&e, s, n);
        inl_add(in, e.buf, e.len, r->style);
        sb_free(&e);
    } else {
        inl_add(in, s, n, r->style);
    }
    for (size_t i = at; i < in->text.len; i++) /* only BR breaks a line */
        if (in->text.buf[i] == '\n')
            in->text.buf[i] = ' ';
    return 0;
}

/* What md4c could not parse (it ran out of memory) is shown as lines. */
static void fallback(struct writer *w, const char *md)
{
    for (const char *p = md; *p;) {
        size_t n = strcspn(p, "\n");
        line_start(w);
        render_safe(w->out, p, n);
        line_end(w);
        p += n + (p[n] == '\n');
    }
}

void render_markdown(struct strbuf *out, const char *md, int width, int indent,
                     bool colour)
{
    struct render_opts o = {width, indent, colour, colour};
    render_markdown_opts(out, md, &o);
}

void render_markdown_opts(struct strbuf *out, const char *md,
                          const struct render_opts *o)
{
    MD_PARSER parser = {0};
    parser.flags = text_markdown_flags();
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    struct render r = {0};
    r.w = (struct writer){.out = out,
                          .width = o->width < 20 ? 20 : o->width,
                          .indent = o->indent < 0 ? 0 : o->indent,
                          .colour = o->colour,
                          .unicode = o->unicode};
    inl_init(&r.inl);
    inl_init(&r.discard);
    sb_init(&r.verb);
    r.target = &r.inl;
    size_t mark = out->len, n = strlen(md);
    if (n > 0xFFFFFFFFu || md_parse(md, (MD_SIZE)n, &parser, &r) != 0) {
        out->len = mark;
        out->buf[mark] = '\0';
        r.w.depth = 0;
        fallback(&r.w, md);
    }
    for (int i = 0; i < r.nlinks && i < LINK_DEPTH; i++)
        free(r.links[i].href);
    table_free(r.table);
    inl_free(&r.inl);
    inl_free(&r.discard);
    sb_free(&r.verb);
}
