/* fuzz_render.c: libFuzzer target for the terminal renderer (render.h).
 *
 * render.h promises that nothing from a deck reaches the terminal raw.
 * The input, as arbitrary bytes, is rendered as Markdown without colour
 * and with colour, and printed through render_safe; each output is then
 * checked, and a violation aborts:
 *   - no C0 control but '\n' (render_safe: none at all), no DEL;
 *   - valid UTF-8 with no C1 control (U+0080..U+009F), and no bidi
 *     control or zero-width character (shown as <U+XXXX> instead);
 *   - with colour, every ESC starts an SGR sequence ESC '[' [0-9;]* 'm',
 *     which only the renderer itself emits. */
#include "fuzz_check.h"
#include "rehearse/render.h"
#include "rehearse/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the well-formed UTF-8 sequence at s[0..n), or 0; *cp gets the
 * code point.  Written out here rather than borrowed from render.c, so the
 * check does not share the checked code's mistakes. */
static size_t utf8_length(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len;
    uint32_t c;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
        c = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        c = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        c = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3Fu);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10FFFF ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Length of an SGR sequence ESC '[' [0-9;]* 'm' at s, or 0. */
static size_t sgr_length(const unsigned char *s, size_t n)
{
    if (n < 3 || s[0] != 0x1B || s[1] != '[')
        return 0;
    for (size_t i = 2; i < n; i++) {
        if (s[i] == 'm')
            return i + 1;
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == ';'))
            return 0;
    }
    return 0;
}

enum { ALLOW_NEWLINE = 1, ALLOW_SGR = 2 };

static void check_output(const struct strbuf *out, int allow)
{
    FUZZ_CHECK(out->buf != NULL);
    FUZZ_CHECK(strlen(out->buf) == out->len);
    const unsigned char *s = (const unsigned char *)out->buf;
    size_t n = out->len;
    for (size_t i = 0; i < n;) {
        if (s[i] == 0x1B && (allow & ALLOW_SGR)) {
            size_t len = sgr_length(s + i, n - i);
            FUZZ_CHECK(len > 0); /* an ESC that does not start an SGR */
            i += len;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_length(s + i, n - i, &cp);
        FUZZ_CHECK(len > 0); /* bad UTF-8 */
        FUZZ_CHECK(cp >= 0x20 || (cp == '\n' && (allow & ALLOW_NEWLINE)));
        FUZZ_CHECK(cp != 0x7F);                      /* DEL */
        FUZZ_CHECK(cp < 0x80 || cp >= 0xA0);         /* C1 */
        FUZZ_CHECK(!(cp >= 0x200B && cp <= 0x200F)); /* zero-width */
        FUZZ_CHECK(!(cp >= 0x202A && cp <= 0x202E)); /* bidi */
        FUZZ_CHECK(!(cp >= 0x2066 && cp <= 0x2069)); /* isolates */
        FUZZ_CHECK(cp != 0x2060 && cp != 0xFEFF);    /* joiners */
        i += len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* render_markdown reads a C string: an embedded NUL ends it early. */
    char *md = xmalloc(size + 1);
    memcpy(md, data, size);
    md[size] = '\0';

    struct strbuf out;
    sb_init(&out);

    /* As a study session shows an answer on an 80-column terminal. */
    render_markdown(&out, md, 78, 2, false);
    check_output(&out, ALLOW_NEWLINE);

    /* With colour, at a width and indent picked from the input's size so
     * narrow wrapping gets exercised too (widths below 20 are clamped). */
    sb_reset(&out);
    render_markdown(&out, md, 10 + (int)(size % 90), (int)(size % 7), true);
    check_output(&out, ALLOW_NEWLINE | ALLOW_SGR);

    /* render_safe takes the whole input, NULs included, and turns every
     * control (newline too) into something visible. */
    sb_reset(&out);
    render_safe(&out, (const char *)data, size);
    check_output(&out, 0);
    FUZZ_CHECK(render_columns((const char *)data, size) <= size);

    sb_free(&out);
    free(md);
    return 0;
}
