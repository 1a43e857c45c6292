/* render.c: Markdown-to-terminal rendering and control-character hygiene.
 *
 * The Markdown here is the subset deck answers use; anything else passes
 * through as text.  Widths count code points, which is right for the
 * Latin, Greek and Cyrillic text and the symbols decks contain; wide CJK
 * characters would wrap a little late, never break anything. */
#include "rehearse/render.h"
#include "rehearse/text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_CODE "\033[36m"
#define SGR_BLOCK "\033[33m"

void render_safe(struct strbuf *out, const char *text, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(text + i, n - i, &cp);
        if (len == 0) {
            sb_adds(out, "\xEF\xBF\xBD"); /* U+FFFD */
            i++;
            continue;
        }
        if (cp == '\t')
            sb_addc(out, ' ');
        else if (cp < 0x20 || cp == 0x7F)
            sb_addf(out, "^%c", (char)(cp ^ 0x40));
        else if (cp >= 0x80 && cp < 0xA0)
            sb_addf(out, "<U+%04X>", (unsigned)cp);
        else
            sb_add(out, text + i, len);
        i += len;
    }
}

size_t render_columns(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            cols++;
    return cols;
}

struct writer {
    struct strbuf *out;
    int width, indent, hang; /* hang: indent of continuation lines */
    size_t col;
    bool colour, code, bold;
};

static void pad(struct writer *w, int n)
{
    for (int i = 0; i < n; i++)
        sb_addc(w->out, ' ');
    w->col = (size_t)n;
}

static void restyle(struct writer *w)
{
    if (!w->colour)
        return;
    sb_adds(w->out, SGR_RESET);
    if (w->bold)
        sb_adds(w->out, SGR_BOLD);
    if (w->code)
        sb_adds(w->out, SGR_CODE);
}

static void newline(struct writer *w, int indent)
{
    if (w->colour && (w->code || w->bold))
        sb_adds(w->out, SGR_RESET);
    sb_addc(w->out, '\n');
    pad(w, indent);
    if (w->code || w->bold)
        restyle(w);
}

/* Visible columns of a word once its markers are dropped or kept. */
static size_t word_columns(const struct writer *w, const char *s, size_t n)
{
    size_t cols = render_columns(s, n);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '`' && w->colour)
            cols--;
        else if (s[i] == '*' && i + 1 < n && s[i + 1] == '*')
            cols -= 2, i++;
    }
    return cols;
}

static void emit_word(struct writer *w, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        bool tick = s[i] == '`';
        bool star = !w->code && s[i] == '*' && i + 1 < n && s[i + 1] == '*';
        if (!tick && !star)
            continue;
        render_safe(w->out, s + start, i - start);
        if (tick) {
            if (!w->colour)
                sb_addc(w->out, '`');
            w->code = !w->code;
        } else {
            w->bold = !w->bold;
            i++;
        }
        restyle(w);
        start = i + 1;
    }
    render_safe(w->out, s + start, n - start);
}

/* Writes a paragraph, wrapping at spaces. */
static void paragraph(struct writer *w, const char *text, size_t n)
{
    size_t i = 0;
    bool first = true;
    while (i < n) {
        while (i < n && text[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && text[j] != ' ')
            j++;
        if (j == i)
            break;
        size_t cols = word_columns(w, text + i, j - i);
        if (!first && w->col + 1 + cols > (size_t)w->width)
            newline(w, w->hang);
        else if (!first) {
            sb_addc(w->out, ' ');
            w->col++;
        }
        emit_word(w, text + i, j - i);
        w->col += cols;
        first = false;
        i = j;
    }
    if (w->colour && (w->code || w->bold))
        sb_adds(w->out, SGR_RESET);
    w->code = w->bold = false;
    sb_addc(w->out, '\n');
}

/* Length of a list marker ("- ", "* ", "12. ") at the start of s. */
static size_t list_marker(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
        return 2;
    size_t d = 0;
    while (d < n && d < 3 && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d > 0 && d + 1 < n && s[d] == '.' && s[d + 1] == ' ')
        return d + 2;
    return 0;
}

static bool is_fence(const char *s, size_t n)
{
    return n >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0);
}

static void code_line(struct writer *w, const char *s, size_t n)
{
    pad(w, w->indent + 4);
    if (w->colour)
        sb_adds(w->out, SGR_BLOCK);
    render_safe(w->out, s, n);
    if (w->colour)
        sb_adds(w->out, SGR_RESET);
    sb_addc(w->out, '\n');
}

/* Flushes the paragraph gathered so far. */
static void flush(struct writer *w, struct strbuf *para, size_t marker_len)
{
    if (para->len == 0)
        return;
    pad(w, w->indent);
    w->hang = w->indent + (int)marker_len;
    paragraph(w, para->buf, para->len);
    sb_reset(para);
}

void render_markdown(struct strbuf *out, const char *md, int width, int indent,
                     bool colour)
{
    struct writer w = {
        out, width < 20 ? 20 : width, indent, indent, 0, colour, false, false};
    struct strbuf para;
    sb_init(&para);
    size_t marker = 0;
    bool in_code = false;
    const char *p = md, *end = md + strlen(md);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        if (is_fence(line, n)) {
            flush(&w, &para, marker);
            in_code = !in_code;
            continue;
        }
        if (in_code) {
            code_line(&w, line, n);
            continue;
        }
        size_t lead = 0;
        while (lead < n && line[lead] == ' ')
            lead++;
        if (lead == n) {
            flush(&w, &para, marker);
            marker = 0;
            sb_addc(out, '\n');
            continue;
        }
        size_t m = list_marker(line + lead, n - lead);
        if (m || line[0] == '#') {
            flush(&w, &para, marker);
            marker = m + lead;
        }
        if (line[0] == '#') {
            size_t h = 0;
            while (h < n && line[h] == '#')
                h++;
            sb_adds(&para, "**");
            sb_add(&para, line + h, n - h);
            sb_adds(&para, "**");
            flush(&w, &para, 0);
            marker = 0;
            continue;
        }
        if (para.len)
            sb_addc(&para, ' ');
        sb_add(&para, line + (para.len ? lead : 0), n - (para.len ? lead : 0));
    }
    flush(&w, &para, marker);
    sb_free(&para);
}
