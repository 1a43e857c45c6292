/* lint_markdown.c: the Markdown half of `rehearse check`.  See lint.h.
 *
 * The answer is parsed with md4c and the same extensions the terminal
 * renderer enables, so what is warned about is what the renderer will
 * meet.  md4c reports no positions, but the text it hands back points
 * into the answer, and the answer's lines are the file's lines in order
 * (the parser only drops leading blank lines and the Tags:/Keys: lines),
 * so a position in the answer maps back to a line of the file. */
#include "rehearse/lint.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <md4c.h>
#include <stdio.h>
#include <string.h>

#define TABLE_COLS 64 /* columns measured; wider tables warn anyway */

enum { /* kinds of warning, each reported once per card */
       W_HTML_BLOCK = 1,
       W_HTML_INLINE = 2,
       W_IMAGE = 4,
       W_TABLE = 8,
       W_HEADING_HIGH = 16,
       W_HEADING_DEEP = 32,
};

struct md_lint {
    const char *file, *text; /* text: the deck source, or NULL */
    size_t len;
    const struct card *c;
    lint_fn fn;
    void *ctx;
    long count;
    unsigned warned;   /* W_* kinds reported for this card */
    size_t at;         /* offset in the answer of the latest text */
    char pending[200]; /* a warning waiting for its position */
    bool in_table, in_cell, in_html;
    size_t table_at; /* offset of the table's first text */
    unsigned col;    /* the cell's column in its row */
    size_t cell, width[TABLE_COLS];
    unsigned cols;
};

/* The file line of answer line k, found by walking the file's lines from
 * the heading and matching the answer's lines in order. */
static unsigned file_line(const struct md_lint *m, size_t k)
{
    const char *a = m->c->answer, *p = m->text + m->c->offset;
    const char *end = m->text + m->len;
    unsigned line = m->c->line;
    size_t i = 0;
    p = memchr(p, '\n', (size_t)(end - p));
    while (p && p + 1 < end) {
        p++, line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        size_t an = strcspn(a, "\n");
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n == an && memcmp(p, a, n) == 0) {
            if (i++ == k)
                return line;
            a += an + (a[an] == '\n');
        }
        p = nl;
    }
    return m->c->line;
}

static unsigned line_of(const struct md_lint *m, size_t offset)
{
    if (m->text == NULL || m->c->offset >= m->len)
        return m->c->line;
    size_t k = 0;
    for (size_t i = 0; i < offset && m->c->answer[i]; i++)
        k += m->c->answer[i] == '\n';
    return file_line(m, k);
}

static void warn(struct md_lint *m, unsigned kind, size_t offset,
                 const char *what)
{
    char msg[300];
    if (m->warned & kind)
        return;
    m->warned |= kind;
    snprintf(msg, sizeof msg, "answer of card '%s' has %s", m->c->id, what);
    m->fn(m->ctx, m->file, line_of(m, offset), msg);
    m->count++;
}

/* A warning whose position is the next text md4c hands over. */
static void later(struct md_lint *m, unsigned kind, const char *what)
{
    if (!(m->warned & kind) && m->pending[0] == '\0')
        snprintf(m->pending, sizeof m->pending, "%c%s", (char)('0' + kind),
                 what);
}

static void settle(struct md_lint *m)
{
    if (m->pending[0]) {
        warn(m, (unsigned)(m->pending[0] - '0'), m->at, m->pending + 1);
        m->pending[0] = '\0';
    }
}

static void heading(struct md_lint *m, unsigned level)
{
    if (level <= 2)
        later(m, W_HEADING_HIGH,
              "a level-1 or level-2 heading, which outranks the card's "
              "question (a '---' or '===' line under text makes one)");
    else if (level > 4)
        later(m, W_HEADING_DEEP,
              "a heading deeper than level 4, which the terminal shows "
              "like any other");
}

static void table_end(struct md_lint *m)
{
    size_t total = 2 + 3 * (m->cols ? m->cols - 1 : 0); /* indent, " | " */
    for (unsigned i = 0; i < m->cols && i < TABLE_COLS; i++)
        total += m->width[i];
    if (m->cols > TABLE_COLS || total > LINT_TABLE_MAX) {
        char what[160];
        snprintf(what, sizeof what,
                 "a table %zu columns wide, over %d: the terminal shows "
                 "it as one 'header: value' line per cell",
                 total, LINT_TABLE_MAX);
        warn(m, W_TABLE, m->table_at, what);
    }
    m->in_table = false;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct md_lint *m = ud;
    settle(m);
    m->in_html = type == MD_BLOCK_HTML;
    if (type == MD_BLOCK_HTML)
        later(m, W_HTML_BLOCK,
              "an HTML block, which the terminal shows as text");
    else if (type == MD_BLOCK_H)
        heading(m, ((MD_BLOCK_H_DETAIL *)detail)->level);
    else if (type == MD_BLOCK_TABLE) {
        m->in_table = true;
        m->table_at = (size_t)-1;
        m->cols = ((MD_BLOCK_TABLE_DETAIL *)detail)->col_count;
        memset(m->width, 0, sizeof m->width);
    } else if (type == MD_BLOCK_TR)
        m->col = 0;
    else if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
        m->in_cell = true, m->cell = 0;
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct md_lint *m = ud;
    (void)detail;
    settle(m);
    if (type == MD_BLOCK_TH || type == MD_BLOCK_TD) {
        if (m->col < TABLE_COLS && m->cell > m->width[m->col])
            m->width[m->col] = m->cell;
        m->col++;
        m->in_cell = false;
    } else if (type == MD_BLOCK_TABLE) {
        table_end(m);
    }
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct md_lint *m = ud;
    settle(m);
    if (type == MD_SPAN_IMG) {
        const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *)detail)->src;
        char what[160];
        snprintf(what, sizeof what,
                 "an image ('%.*s'), which the terminal cannot show: only "
                 "its text and address appear",
                 (int)(src->size > 60 ? 60 : src->size), src->text);
        later(m, W_IMAGE, what);
    }
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)type, (void)detail;
    settle(ud);
    return 0;
}

/* Code points, an estimate of columns (core has no width tables). */
static size_t columns(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n; cols++) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        i += len ? len : 1;
    }
    return cols;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *ud)
{
    struct md_lint *m = ud;
    const char *answer = m->c->answer;
    if (s >= answer && s <= answer + strlen(answer))
        m->at = (size_t)(s - answer);
    settle(m);
    if (m->in_table && m->table_at == (size_t)-1)
        m->table_at = m->at;
    if (m->in_cell)
        m->cell += columns(s, n);
    if (type == MD_TEXT_HTML && !m->in_html) {
        char what[160];
        snprintf(what, sizeof what,
                 "inline HTML '%.*s', which the terminal shows as text",
                 (int)(n > 40 ? 40 : n), s);
        warn(m, W_HTML_INLINE, m->at, what);
    }
    return 0;
}

long lint_markdown(const char *file, const char *text_, size_t len,
                   const struct card *c, lint_fn fn, void *ctx)
{
    MD_PARSER parser = {0};
    parser.flags = text_markdown_flags();
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    struct md_lint m = {
        .file = file, .text = text_, .len = len, .c = c, .fn = fn, .ctx = ctx};
    md_parse(c->answer, (MD_SIZE)strlen(c->answer), &parser, &m);
    settle(&m);
    return m.count;
}
