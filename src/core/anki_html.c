/* anki_html.c: an Anki field's HTML as rehearse Markdown.  See anki.h.
 *
 * libxml2's HTML parser builds the tree (it is the one that copes with the
 * tag soup Anki's editor and shared decks produce: unclosed <div>s, stray
 * </b>, entities without semicolons); this file only walks it.  The walk
 * writes through one small state machine so that whitespace, line breaks
 * and emphasis markers land where CommonMark reads them as intended:
 * whitespace is held back until the next visible character (so "<b>x </b>"
 * closes its "**" before the space), a break is held back until there is
 * content after it (so trailing <br>s vanish), and an emphasis marker is
 * held back until its element shows something. */
#include "rehearse/anki.h"
#include "rehearse/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

/* Deeper elements are dropped: the walk is recursive, and no real field
 * nests anywhere near this deep. */
#define MAX_DEPTH 200

enum brk { BRK_NONE, BRK_LINE, BRK_ITEM, BRK_PARA };

struct md {
    struct strbuf out;
    struct strbuf prefix; /* continuation indent of list items */
    struct strbuf marks;  /* emphasis markers waiting for content */
    size_t open;          /* emphasis characters written and not closed */
    enum brk brk;
    bool space;       /* whitespace waiting for the next character */
    bool line_start;  /* nothing written on this line yet */
    bool line_digits; /* only digits written on this line so far */
    char bullet[24];  /* list marker waiting for the item's content */
    size_t bullet_at; /* prefix length outside the item */
};

static void write_break(struct md *w)
{
    static const char *const text[] = {"", "\\\n", "\n", "\n\n"};
    while (w->out.len && w->out.buf[w->out.len - 1] == ' ')
        w->out.buf[--w->out.len] = '\0';
    sb_adds(&w->out, text[w->brk]);
    if (w->bullet[0]) {
        sb_add(&w->out, w->prefix.buf, w->bullet_at);
        sb_adds(&w->out, w->bullet);
        w->bullet[0] = '\0';
    } else {
        sb_add(&w->out, w->prefix.buf, w->prefix.len);
    }
}

/* Everything held back, before a visible character. */
static void begin_content(struct md *w)
{
    if (w->out.len == 0 && w->bullet[0]) {
        sb_adds(&w->out, w->bullet);
        w->bullet[0] = '\0';
        w->line_start = false;
    } else if (w->brk != BRK_NONE && w->out.len > 0) {
        /* Emphasis cannot span a paragraph: close it, reopen after. */
        for (size_t i = 0; i < w->open; i++)
            sb_addc(&w->out, '*');
        write_break(w);
        for (size_t i = 0; i < w->open; i++)
            sb_addc(&w->out, '*');
        w->line_start = w->open == 0 && w->bullet[0] == '\0';
        w->line_digits = true;
        w->space = false;
    }
    if (w->out.len > 0 && w->out.buf[w->out.len - 1] != '\n' && w->space &&
        !w->line_start)
        sb_addc(&w->out, ' ');
    w->brk = BRK_NONE;
    w->space = false;
    if (w->marks.len) {
        sb_add(&w->out, w->marks.buf, w->marks.len);
        w->open += w->marks.len;
        sb_reset(&w->marks);
        w->line_start = false;
    }
}

static void put_escaped(struct md *w, char c)
{
    bool escape = strchr("\\`*_[]<>|~&", c) != NULL ||
                  (w->line_start && strchr("#+-=", c) != NULL) ||
                  (w->line_digits && !w->line_start && strchr(".)", c));
    if (escape)
        sb_addc(&w->out, '\\');
    sb_addc(&w->out, c);
    w->line_digits = w->line_digits && c >= '0' && c <= '9';
    w->line_start = false;
}

/* Visible text, whitespace collapsed (a no-break space counts as one). */
static void put_text(struct md *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            w->space = true;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            w->space = true;
            i++;
        } else {
            begin_content(w);
            put_escaped(w, (char)c);
        }
    }
}

/* Text, with Anki's [sound:FILE] tags shown as placeholders. */
static void put_field_text(struct md *w, const char *s)
{
    const char *tag;
    while ((tag = strstr(s, "[sound:")) != NULL) {
        const char *end = strchr(tag, ']');
        if (end == NULL)
            break;
        put_text(w, s, (size_t)(tag - s));
        put_text(w, "\xE2\x9F\xA6sound: ", 10);
        put_text(w, tag + 7, (size_t)(end - tag - 7));
        put_text(w, "\xE2\x9F\xA7", 3);
        s = end + 1;
    }
    put_text(w, s, strlen(s));
}

static bool is(const xmlNode *n, const char *name)
{
    return xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static bool is_block(const xmlNode *n)
{
    static const char *const names[] = {
        "div",    "p",      "h1",      "h2",        "h3", "h4",
        "h5",     "h6",     "tr",      "table",     "hr", "section",
        "header", "footer", "article", "aside",     "dl", "dt",
        "dd",     "center", "figure",  "blockquote"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (is(n, names[i]))
            return true;
    return false;
}

static void raise_brk(struct md *w, enum brk b)
{
    if (w->brk < b)
        w->brk = b;
}

/* The raw text under n: for code, where nothing is escaped.  In a block
 * (pre) line breaks are kept; inline, they are spaces. */
static void raw_text(const xmlNode *n, struct strbuf *sb, bool block, int depth)
{
    for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const char *p = (const char *)c->content; p && *p; p++) {
                if (*p == '\r')
                    continue;
                if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
                    p++, sb_addc(sb, ' ');
                else if (!block && (*p == '\n' || *p == '\t'))
                    sb_addc(sb, ' ');
                else
                    sb_addc(sb, *p);
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            if (block && (is(c, "br") || (is_block(c) && sb->len)))
                sb_addc(sb, '\n');
            raw_text(c, sb, block, depth + 1);
        }
    }
}

/* The longest run of backticks in s, plus one (at least min). */
static size_t fence_length(const char *s, size_t min)
{
    size_t best = 0, run = 0;
    for (; *s; s++) {
        run = *s == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best + 1 > min ? best + 1 : min;
}

static void put_inline_code(struct md *w, const xmlNode *n, int depth)
{
    struct strbuf code;
    sb_init(&code);
    raw_text(n, &code, false, depth);
    if (code.len) {
        size_t fence = fence_length(code.buf, 1);
        bool pad = code.buf[0] == '`' || code.buf[code.len - 1] == '`' ||
                   code.buf[0] == ' ';
        begin_content(w);
        for (size_t i = 0; i < fence; i++)
            sb_addc(&w->out, '`');
        sb_adds(&w->out, pad ? " " : "");
        sb_add(&w->out, code.buf, code.len);
        sb_adds(&w->out, pad ? " " : "");
        for (size_t i = 0; i < fence; i++)
            sb_addc(&w->out, '`');
        w->line_start = w->line_digits = false;
    }
    sb_free(&code);
}

static bool lang_char(char c)
{
    return strchr("+#-_", c) || ((c | 32) >= 'a' && (c | 32) <= 'z') ||
           (c >= '0' && c <= '9');
}

/* "language-python" or "lang-python" on n or its first child. */
static void code_language(const xmlNode *n, char *lang, size_t cap)
{
    lang[0] = '\0';
    for (int i = 0; n && i < 2; i++, n = n->children) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class");
        const char *p = cls ? strstr((const char *)cls, "lang") : NULL;
        if (p && (p = strchr(p, '-')) != NULL) {
            size_t k = 0;
            for (p++; *p && k + 1 < cap && lang_char(*p); p++)
                lang[k++] = *p;
            lang[k] = '\0';
        }
        xmlFree(cls);
        if (lang[0])
            return;
    }
}

/* A fenced code block, indentation and blank lines inside kept. */
static void put_pre(struct md *w, const xmlNode *n, int depth)
{
    struct strbuf code;
    char lang[32];
    sb_init(&code);
    raw_text(n, &code, true, depth);
    size_t start = code.len && code.buf[0] == '\n';
    while (code.len > start && strchr(" \n", code.buf[code.len - 1]))
        code.buf[--code.len] = '\0';
    if (code.len > start) {
        code_language(n, lang, sizeof lang);
        size_t fence = fence_length(code.buf, 3);
        raise_brk(w, BRK_PARA);
        size_t open = w->open;
        w->open = 0; /* emphasis does not reach into code */
        begin_content(w);
        for (size_t i = 0; i < fence; i++)
            sb_addc(&w->out, '`');
        sb_adds(&w->out, lang);
        for (const char *p = code.buf + start; *p; p++) {
            if (p == code.buf + start || p[-1] == '\n') {
                sb_addc(&w->out, '\n');
                sb_add(&w->out, w->prefix.buf, w->prefix.len);
            }
            if (*p != '\n')
                sb_addc(&w->out, *p);
        }
        sb_addc(&w->out, '\n');
        sb_add(&w->out, w->prefix.buf, w->prefix.len);
        for (size_t i = 0; i < fence; i++)
            sb_addc(&w->out, '`');
        w->open = open;
        raise_brk(w, BRK_PARA);
    }
    sb_free(&code);
}

static void walk(struct md *w, const xmlNode *n, int depth);

static void put_emphasis(struct md *w, const xmlNode *n, const char *mark,
                         int depth)
{
    size_t pending = w->marks.len, open = w->open;
    sb_adds(&w->marks, mark);
    walk(w, n, depth + 1);
    if (w->marks.len > pending) {
        /* Nothing shown: drop the marker. */
        w->marks.len = pending;
        w->marks.buf[pending] = '\0';
    } else if (w->open > open) {
        size_t k =
            strlen(mark) < w->open - open ? strlen(mark) : w->open - open;
        for (size_t i = 0; i < k; i++)
            sb_addc(&w->out, '*');
        w->open -= k;
    }
}

static void put_list(struct md *w, const xmlNode *n, int depth)
{
    bool ordered = is(n, "ol");
    long number = 0;
    raise_brk(w, w->prefix.len ? BRK_ITEM : BRK_PARA);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !is(c, "li")) {
            walk(w, c, depth + 1);
            continue;
        }
        raise_brk(w, BRK_ITEM);
        if (ordered)
            snprintf(w->bullet, sizeof w->bullet, "%ld. ", ++number);
        else
            snprintf(w->bullet, sizeof w->bullet, "- ");
        size_t outer = w->prefix.len;
        w->bullet_at = outer;
        for (size_t i = strlen(w->bullet); i > 0; i--)
            sb_addc(&w->prefix, ' ');
        walk(w, c, depth + 1);
        w->bullet[0] = '\0';
        w->prefix.len = outer;
        w->prefix.buf[outer] = '\0';
    }
    raise_brk(w, BRK_PARA);
}

/* A destination Markdown reads back as written: spaces, parentheses and
 * angle brackets percent-encoded. */
static void put_url(struct md *w, const char *url)
{
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= ' ' || strchr("()<>\\", *p))
            sb_addf(&w->out, "%%%02X", *p);
        else
            sb_addc(&w->out, (char)*p);
    }
}

static void put_link(struct md *w, const xmlNode *n, int depth)
{
    xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
    const char *url = (const char *)href;
    bool web = url && (strncmp(url, "http://", 7) == 0 ||
                       strncmp(url, "https://", 8) == 0 ||
                       strncmp(url, "mailto:", 7) == 0);
    if (!web) {
        walk(w, n, depth + 1);
    } else {
        struct strbuf text;
        sb_init(&text);
        raw_text(n, &text, false, depth);
        begin_content(w);
        sb_addc(&w->out, '[');
        w->line_start = w->line_digits = false;
        put_text(w, text.len ? text.buf : url,
                 text.len ? text.len : strlen(url));
        sb_adds(&w->out, "](");
        put_url(w, url);
        sb_addc(&w->out, ')');
        sb_free(&text);
    }
    xmlFree(href);
}

static void put_image(struct md *w, const xmlNode *n)
{
    xmlChar *src = xmlGetProp(n, (const xmlChar *)"src");
    put_text(w, "\xE2\x9F\xA6image", 8);
    if (src && *src) {
        put_text(w, ": ", 2);
        put_text(w, (const char *)src, strlen((const char *)src));
    }
    put_text(w, "\xE2\x9F\xA7", 3);
    xmlFree(src);
}

static void element(struct md *w, const xmlNode *n, int depth)
{
    if (is(n, "script") || is(n, "style") || is(n, "head") || is(n, "title"))
        return;
    if (is(n, "br")) {
        raise_brk(w, BRK_LINE);
    } else if (is(n, "b") || is(n, "strong")) {
        put_emphasis(w, n, "**", depth);
    } else if (is(n, "i") || is(n, "em") || is(n, "u")) {
        put_emphasis(w, n, "*", depth);
    } else if (is(n, "code") || is(n, "kbd") || is(n, "tt")) {
        put_inline_code(w, n, depth);
    } else if (is(n, "pre")) {
        put_pre(w, n, depth);
    } else if (is(n, "ul") || is(n, "ol")) {
        put_list(w, n, depth);
    } else if (is(n, "a")) {
        put_link(w, n, depth);
    } else if (is(n, "img")) {
        put_image(w, n);
    } else if (is_block(n) || is(n, "li")) {
        raise_brk(w, BRK_PARA);
        walk(w, n, depth + 1);
        raise_brk(w, BRK_PARA);
    } else {
        if (is(n, "td") || is(n, "th"))
            w->space = true;
        walk(w, n, depth + 1);
    }
}

static void walk(struct md *w, const xmlNode *n, int depth)
{
    if (depth >= MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            put_field_text(w, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE)
            element(w, c, depth);
    }
}

/* Character references can name controls (&#3;, &#x85;): they are
 * dropped, like the carriage returns of CRLF text, so the Markdown holds
 * only tab and newline below U+0020.  Invalid UTF-8 is left for the
 * caller's check (anki_text_ok) to refuse. */
static void drop_controls(struct strbuf *sb)
{
    size_t k = 0;
    for (size_t i = 0; i < sb->len; i++) {
        unsigned char c = (unsigned char)sb->buf[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            continue;
        if (c == 0xC2 && i + 1 < sb->len &&
            (unsigned char)sb->buf[i + 1] >= 0x80 &&
            (unsigned char)sb->buf[i + 1] < 0xA0) {
            i++;
            continue;
        }
        sb->buf[k++] = (char)c;
    }
    sb->len = k;
    sb->buf[k] = '\0';
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int anki_html_to_markdown(const char *html, size_t len, char **md)
{
    struct md w;
    *md = NULL;
    if (len > ANKI_MAX_HTML)
        return -1;
    memset(&w, 0, sizeof w);
    sb_init(&w.out);
    sb_init(&w.prefix);
    sb_init(&w.marks);
    w.line_start = w.line_digits = true;
    if (len > 0) {
        xmlSetGenericErrorFunc(NULL, quiet);
        htmlDocPtr doc = htmlReadMemory(
            html, (int)len, NULL, "UTF-8",
            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_NODEFDTD);
        if (doc == NULL) {
            sb_free(&w.out);
            sb_free(&w.prefix);
            sb_free(&w.marks);
            return -1;
        }
        walk(&w, (const xmlNode *)doc, 0);
        xmlFreeDoc(doc);
    }
    for (size_t i = 0; i < w.open; i++)
        sb_addc(&w.out, '*');
    drop_controls(&w.out);
    /* A hard break is only written before content, so what trails is
     * plain whitespace. */
    while (w.out.len && strchr(" \n", w.out.buf[w.out.len - 1]))
        w.out.buf[--w.out.len] = '\0';
    sb_free(&w.prefix);
    sb_free(&w.marks);
    *md = sb_detach(&w.out);
    return 0;
}
