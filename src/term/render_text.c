/* render_text.c: the byte-level half of rendering.  See render.h.
 *
 * Every byte the renderer writes, apart from its own SGR sequences and
 * prefixes, goes through render_safe, so the rules for what may reach a
 * terminal live in one function.  Widths come from utf8proc's tables, so
 * CJK counts two columns and combining marks none. */
#include "rehearse/text.h"
#include "render_impl.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Code points that change how the text around them reads without being
 * seen: bidi embeddings, overrides, isolates and marks (a "Trojan Source"
 * line reads differently from what it is), zero-width characters (two
 * identical-looking words that differ), and the Unicode line and paragraph
 * separators. */
static bool invisible(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2060 || cp == 0xFEFF ||
           cp == 0x061C || cp == 0x2028 || cp == 0x2029;
}

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
        else if ((cp >= 0x80 && cp < 0xA0) || invisible(cp))
            sb_addf(out, "<U+%04X>", (unsigned)cp);
        else
            sb_add(out, text + i, len);
        i += len;
    }
}

size_t render_columns(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            cols++, i++; /* shown as U+FFFD */
            continue;
        }
        int w = utf8proc_charwidth((utf8proc_int32_t)cp);
        cols += w > 0 ? (size_t)w : 0;
        i += len;
    }
    return cols;
}

/* The named entities answers are likely to use.  md4c hands over any
 * &name; verbatim; a name not listed here stays as written. */
static const struct {
    const char *name;
    uint32_t cp;
} entities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},
    {"trade", 0x2122}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026},
    {"laquo", 0xAB},   {"raquo", 0xBB},   {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"bull", 0x2022},  {"middot", 0xB7},
    {"times", 0xD7},   {"divide", 0xF7},  {"deg", 0xB0},     {"plusmn", 0xB1},
    {"micro", 0xB5},   {"para", 0xB6},    {"sect", 0xA7},    {"euro", 0x20AC},
    {"pound", 0xA3},   {"yen", 0xA5},     {"cent", 0xA2},    {"larr", 0x2190},
    {"uarr", 0x2191},  {"rarr", 0x2192},  {"darr", 0x2193},  {"harr", 0x2194},
    {"rArr", 0x21D2},  {"lArr", 0x21D0},  {"hArr", 0x21D4},  {"le", 0x2264},
    {"ge", 0x2265},    {"ne", 0x2260},    {"asymp", 0x2248}, {"infin", 0x221E},
    {"minus", 0x2212}, {"sum", 0x2211},   {"alpha", 0x3B1},  {"beta", 0x3B2},
    {"gamma", 0x3B3},  {"delta", 0x3B4},  {"lambda", 0x3BB}, {"mu", 0x3BC},
    {"pi", 0x3C0},     {"sigma", 0x3C3},  {"theta", 0x3B8},  {"check", 0x2713},
    {"shy", 0xAD},
};

static bool entity_code(const char *s, size_t n, uint32_t *cp)
{
    if (n >= 3 && s[0] == '#') {
        bool hex = s[1] == 'x' || s[1] == 'X';
        char *end;
        char digits[16];
        size_t k = n - 1 - hex;
        if (k == 0 || k >= sizeof digits)
            return false;
        memcpy(digits, s + 1 + hex, k);
        digits[k] = '\0';
        unsigned long v = strtoul(digits, &end, hex ? 16 : 10);
        if (*end != '\0')
            return false;
        bool bad = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF);
        *cp = bad ? 0xFFFD : (uint32_t)v;
        return true;
    }
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
        if (strlen(entities[i].name) == n &&
            memcmp(entities[i].name, s, n) == 0) {
            *cp = entities[i].cp;
            return true;
        }
    return false;
}

void render_entity(struct strbuf *out, const char *s, size_t n)
{
    uint32_t cp;
    if (n >= 3 && s[0] == '&' && s[n - 1] == ';' &&
        entity_code(s + 1, n - 2, &cp)) {
        char buf[4];
        sb_add(out, buf, utf8_encode(cp, buf));
    } else {
        sb_add(out, s, n);
    }
}
