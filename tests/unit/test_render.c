/* test_render.c: Markdown rendering, and a catalogue of hostile strings
 * that must never reach the terminal raw. */
#include "check.h"
#include "rehearse/render.h"

static const char *const hostile[] = {
    "\x1b[2J\x1b[H",                          /* clear screen, home */
    "\x1b]0;pwned\x07",                       /* retitle the window */
    "\x1b]8;;http://evil.example/\x1b\\link", /* OSC 8 hyperlink */
    "ok\r\x1b[32msignature OK\x1b[0m",        /* overwrite a line */
    "\302\23331m",                            /* C1 CSI */
    "\x1bP+q\x1b\\",                          /* DCS query */
    "bell\x07 backspace\x08 del\x7f",
    "bad utf8 \xff\xfe",
};

static void no_raw_controls(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        CHECK(*p >= 0x20 || *p == '\n');
        CHECK(*p != 0x7f);
        if (*p == 0xC2)
            CHECK(!(p[1] >= 0x80 && p[1] < 0xA0));
    }
}

int main(void)
{
    struct strbuf out;
    sb_init(&out);
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        check_case = hostile[i];
        sb_reset(&out);
        render_safe(&out, hostile[i], strlen(hostile[i]));
        no_raw_controls(out.buf);
        sb_reset(&out);
        render_markdown(&out, hostile[i], 60, 2, false);
        no_raw_controls(out.buf);
    }
    check_case = "escape shown visibly";
    sb_reset(&out);
    render_safe(&out, "a\x1b[2Jb", 6);
    CHECK_STR(out.buf, "a^[[2Jb");

    check_case = "wrapping and lists, plain";
    sb_reset(&out);
    render_markdown(&out,
                    "Some **bold** words and `code` that go on long enough "
                    "to wrap.\n\n- item one\n- item two that is long enough "
                    "to wrap around\n\n```python\nx = 1\n```\nAfter.",
                    40, 2, false);
    CHECK_STR(out.buf, "  Some bold words and `code` that go on\n"
                       "  long enough to wrap.\n"
                       "\n"
                       "  - item one\n"
                       "  - item two that is long enough to wrap\n"
                       "    around\n"
                       "\n"
                       "      x = 1\n"
                       "  After.\n");

    check_case = "colour uses SGR only when asked";
    sb_reset(&out);
    render_markdown(&out, "`x`", 40, 0, true);
    CHECK_CONTAINS(out.buf, "\x1b[36m");
    sb_free(&out);
    return check_report("test_render");
}
