/* test_render.c: Markdown rendering, and a catalogue of hostile strings
 * that must never reach the terminal raw. */
#include "check.h"
#include "rehearse/chart.h"
#include "rehearse/render.h"
#include "rehearse/termcaps.h"

#include <stdbool.h>

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

/* Renders md and returns the text (valid until the next call). */
static const char *md(const char *src, int width, int indent, bool colour)
{
    static struct strbuf out;
    if (out.buf == NULL)
        sb_init(&out);
    sb_reset(&out);
    render_markdown(&out, src, width, indent, colour);
    return out.buf;
}

static const char *safe(const char *s)
{
    static struct strbuf out;
    if (out.buf == NULL)
        sb_init(&out);
    sb_reset(&out);
    render_safe(&out, s, strlen(s));
    return out.buf;
}

static void sanitiser(void)
{
    check_case = "bidi override shown";
    CHECK_STR(safe("abc\u202Edef"), "abc<U+202E>def");
    check_case = "bidi isolates shown";
    CHECK_STR(safe("\u2066x\u2069"), "<U+2066>x<U+2069>");
    check_case = "zero-width characters shown";
    CHECK_STR(safe("a\u200Bb\u200Dc\u2060d\uFEFFe"),
              "a<U+200B>b<U+200D>c<U+2060>d<U+FEFF>e");
    check_case = "C1 control shown";
    CHECK_STR(safe("\xC2\x9B"), "<U+009B>");
    check_case = "invalid UTF-8 becomes U+FFFD";
    CHECK_STR(safe("a\xC3("), "a\xEF\xBF\xBD(");
    check_case = "controls in Markdown are shown, even in code";
    CHECK_STR(md("a\x1b[2J `b\x07` \xE2\x80\xAE", 40, 0, false),
              "a^[[2J `b^G` <U+202E>\n");
    check_case = "controls in a code block are shown";
    CHECK_STR(md("```\nx\x1b]0;t\x07\n```", 40, 0, false), "    x^[]0;t^G\n");
}

static void widths(void)
{
    check_case = "wide CJK counts two columns";
    CHECK_INT(render_columns("\xE4\xB8\xAD\xE6\x96\x87", 6), 4);
    check_case = "combining mark counts none";
    CHECK_INT(render_columns("e\xCC\x81", 3), 1);
    check_case = "invalid byte counts one";
    CHECK_INT(render_columns("\xFF", 1), 1);
    check_case = "CJK wraps by display width";
    CHECK_STR(md("\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD"
                 "\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD"
                 " \xE4\xB8\xAD\xE4\xB8\xAD",
                 20, 0, false),
              "\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD"
              "\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\n"
              "\xE4\xB8\xAD\xE4\xB8\xAD\n");
}

static void inline_spans(void)
{
    check_case = "emphasis, plain: markers dropped";
    CHECK_STR(md("*a* _b_ **c** __d__", 40, 0, false), "a b c d\n");
    check_case = "emphasis, colour: italic and bold SGR";
    CHECK_STR(md("*a* **b**", 40, 0, true),
              "\x1b[3ma\x1b[0m \x1b[1mb\x1b[0m\n");
    check_case = "inline code, plain keeps backticks; colour is cyan";
    CHECK_STR(md("`x`", 40, 0, false), "`x`\n");
    CHECK_STR(md("`x`", 40, 0, true), "\x1b[36mx\x1b[0m\n");
    check_case = "link: text then URL";
    CHECK_STR(md("[docs](https://e.org/d)", 40, 0, false),
              "docs (https://e.org/d)\n");
    check_case = "autolink: the URL once";
    CHECK_STR(md("<https://e.org>", 40, 0, false), "https://e.org\n");
    check_case = "e-mail autolink: the address once";
    CHECK_STR(md("<a@e.org>", 40, 0, false), "a@e.org\n");
    check_case = "image: alt text and source";
    CHECK_STR(md("![a cat](cat.png)", 40, 0, false),
              "[image: a cat] (cat.png)\n");
    check_case = "entities decoded, unknown kept";
    CHECK_STR(md("&amp; &lt;b&gt; &#65; &#x263A; &nosuch;", 40, 0, false),
              "& <b> A \xE2\x98\xBA &nosuch;\n");
    check_case = "entity for a control is still shown";
    CHECK_STR(md("a&#27;b", 40, 0, false), "a^[b\n");
    check_case = "inline HTML is literal text";
    CHECK_STR(md("a <b>bold</b> c", 40, 0, false), "a <b>bold</b> c\n");
    check_case = "hard and soft breaks";
    CHECK_STR(md("one\ntwo\\\nthree  \nfour", 40, 0, false),
              "one two\nthree\nfour\n");
    check_case = "strikethrough, plain keeps tildes";
    CHECK_STR(md("~~old~~ new", 40, 0, false), "~~old~~ new\n");
}

static void blocks(void)
{
    check_case = "heading: bold, plain without hashes";
    CHECK_STR(md("## Title\ntext", 40, 0, false), "Title\n\ntext\n");
    CHECK_STR(md("# T", 40, 0, true), "\x1b[1mT\x1b[0m\n");
    check_case = "fenced code: indentation kept, never wrapped";
    CHECK_STR(md("```\ndef f():\n        return 'a very long line that does "
                 "not wrap'\n```",
                 20, 2, false),
              "      def f():\n"
              "              return 'a very long line that does not "
              "wrap'\n");
    check_case = "fenced code: tabs to stops of four";
    CHECK_STR(md("```\n\tx\nab\ty\n```", 40, 0, false),
              "        x\n    ab  y\n");
    check_case = "indented code block";
    CHECK_STR(md("text\n\n    a\n      b", 40, 0, false),
              "text\n\n    a\n      b\n");
    check_case = "block quote: a bar on every line, plain";
    CHECK_STR(md("> one two three four five six\n>\n> seven", 20, 0, false),
              "> one two three four\n> five six\n>\n> seven\n");
    check_case = "block quote, colour: a dim box-drawing bar";
    CHECK_STR(md("> q", 40, 0, true), "\x1b[2m\xE2\x94\x82\x1b[0m q\n");
    check_case = "horizontal rule";
    CHECK_STR(md("a\n\n---\n\nb", 20, 2, false),
              "  a\n\n  ------------------\n\n  b\n");
    check_case = "HTML block passed as literal text";
    CHECK_STR(md("<div>\n*x*\n</div>", 40, 0, false), "<div>\n*x*\n</div>\n");
}

static void lists(void)
{
    check_case = "nested list, continuation lines indented";
    CHECK_STR(
        md("- one\n  - two three four five six seven\n- eight", 20, 0, false),
        "- one\n  - two three four\n    five six seven\n- eight\n");
    check_case = "numbered list from its start number";
    CHECK_STR(md("3. a\n4. b b b b b b b b b b b b", 20, 0, false),
              "3. a\n4. b b b b b b b b b\n   b b b\n");
    check_case = "ordered list nested in a bullet";
    CHECK_STR(md("- x\n  1. y\n  2. z", 40, 0, false), "- x\n  1. y\n  2. z\n");
    check_case = "loose list: a blank line between items";
    CHECK_STR(md("- a\n\n- b", 40, 0, false), "- a\n\n- b\n");
    check_case = "task list";
    CHECK_STR(md("- [x] done\n- [ ] not", 40, 0, false),
              "- [x] done\n- [ ] not\n");
    check_case = "code block inside a list item";
    CHECK_STR(md("- a\n\n  ```\n  x\n  ```", 40, 0, false), "- a\n\n      x\n");
}

static void tables(void)
{
    check_case = "table that fits: aligned columns";
    CHECK_STR(md("| a | bb | c |\n|:--|:-:|--:|\n| xxx | y | 1 |\n"
                 "| z | w | 22 |",
                 40, 0, false),
              "a   | bb |  c\n"
              "----+----+---\n"
              "xxx | y  |  1\n"
              "z   | w  | 22\n");
    check_case = "table too wide: one header: value line per cell";
    CHECK_STR(md("| name | meaning |\n|---|---|\n| x | a long meaning "
                 "here |\n| y | b |",
                 24, 0, false),
              "name: x\n"
              "meaning: a long meaning\n"
              "  here\n"
              "\n"
              "name: y\n"
              "meaning: b\n");
}

static void charts(void)
{
    struct strbuf sb;
    sb_init(&sb);
    const struct chart_style ascii = {false, false}, blocks = {false, true};
    const struct chart_style colour = {true, true},
                             colour_ascii = {true, false};
    check_case = "chart pieces, plain ASCII";
    for (int l = 0; l < CHART_LEVELS; l++)
        chart_cell(&sb, l, &ascii);
    chart_bar(&sb, 3, &ascii);
    chart_column(&sb, true, 2, &ascii);
    chart_column(&sb, false, 2, &ascii);
    chart_column(&sb, true, 1, &ascii);
    CHECK_STR(sb.buf, ".-+*######  #");
    check_case = "chart pieces, colour: SGR around blocks";
    sb_reset(&sb);
    chart_cell(&sb, 4, &colour);
    chart_bar(&sb, 1, &colour);
    CHECK_STR(sb.buf, "\x1b[1;92m\xE2\x96\xA0\x1b[0m"
                      "\x1b[32m\xE2\x96\x88\x1b[0m");
    check_case = "chart pieces, colour in a non-UTF-8 locale: SGR, ASCII";
    sb_reset(&sb);
    chart_cell(&sb, 4, &colour_ascii);
    chart_bar(&sb, 1, &colour_ascii);
    CHECK_STR(sb.buf, "\x1b[1;92m#\x1b[0m\x1b[32m#\x1b[0m");
    check_case = "chart pieces, UTF-8 without colour: shades tell the level";
    sb_reset(&sb);
    for (int l = 0; l < CHART_LEVELS; l++)
        chart_cell(&sb, l, &blocks);
    CHECK_STR(sb.buf, "\xC2\xB7\xE2\x96\x91\xE2\x96\x92\xE2\x96\x93"
                      "\xE2\x96\x88");
    sb_free(&sb);
}

/* Renders md with glyphs and colour chosen apart. */
static const char *md_opts(const char *src, int width, bool colour,
                           bool unicode)
{
    static struct strbuf out;
    if (out.buf == NULL)
        sb_init(&out);
    sb_reset(&out);
    struct render_opts o = {width, 0, colour, unicode};
    render_markdown_opts(&out, src, &o);
    return out.buf;
}

static void glyphs(void)
{
    check_case = "UTF-8 without colour: box drawing, no SGR";
    CHECK_STR(md_opts("> q\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |", 20,
                      false, true),
              "\xE2\x94\x82 q\n\n" /* │ q */
              "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
              "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
              "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
              "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
              "\n\n"
              "a \xE2\x94\x82 b\n"
              "\xE2\x94\x80\xE2\x94\x80\xE2\x94\xBC\xE2\x94\x80\xE2\x94\x80\n"
              "1 \xE2\x94\x82 2\n");
    check_case = "colour in a non-UTF-8 locale: SGR, ASCII glyphs";
    CHECK_STR(md_opts("> q\n\n---", 20, true, false),
              "\x1b[2m>\x1b[0m q\n\n\x1b[2m--------------------\x1b[0m\n");
    check_case = "a rule fills the width it is given";
    CHECK_STR(md_opts("---", 30, false, false),
              "------------------------------\n");
}

static void terminal_rules(void)
{
    check_case = "cursor control: a terminal whose TERM can erase a line";
    CHECK(termcaps_cursor(true, "xterm"));
    CHECK(!termcaps_cursor(true, "dumb"));
    CHECK(!termcaps_cursor(true, NULL));
    CHECK(!termcaps_cursor(true, ""));
    CHECK(!termcaps_cursor(false, "xterm"));

    check_case = "colour: a terminal, NO_COLOR unset or empty, TERM usable";
    CHECK(termcaps_colour(true, NULL, "xterm-256color"));
    CHECK(termcaps_colour(true, "", "screen"));
    CHECK(!termcaps_colour(false, NULL, "xterm"));
    CHECK(!termcaps_colour(true, "1", "xterm"));
    CHECK(!termcaps_colour(true, "0", "xterm")); /* any value but empty */
    CHECK(!termcaps_colour(true, NULL, "dumb"));
    CHECK(!termcaps_colour(true, NULL, NULL));
    CHECK(!termcaps_colour(true, NULL, ""));
    check_case = "glyphs only for a UTF-8 codeset";
    CHECK(termcaps_unicode("UTF-8"));
    CHECK(termcaps_unicode("utf8"));
    CHECK(!termcaps_unicode("ANSI_X3.4-1968"));
    CHECK(!termcaps_unicode("ISO-8859-1"));
    CHECK(!termcaps_unicode("UTF-16"));
    CHECK(!termcaps_unicode(""));
    CHECK(!termcaps_unicode(NULL));
    check_case = "width: the terminal's, else COLUMNS, else 80";
    CHECK_INT(termcaps_width(132, "40"), 132);
    CHECK_INT(termcaps_width(0, "40"), 40);
    CHECK_INT(termcaps_width(0, "200"), 200);
    CHECK_INT(termcaps_width(0, NULL), 80);
    CHECK_INT(termcaps_width(0, "wide"), 80);
    CHECK_INT(termcaps_width(0, "-5"), 80);
    CHECK_INT(termcaps_width(0, "0"), 80);
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
                       "\n"
                       "  After.\n");

    check_case = "colour uses SGR only when asked";
    sb_reset(&out);
    render_markdown(&out, "`x`", 40, 0, true);
    CHECK_CONTAINS(out.buf, "\x1b[36m");
    sb_free(&out);
    sanitiser();
    widths();
    inline_spans();
    blocks();
    lists();
    tables();
    charts();
    glyphs();
    terminal_rules();
    return check_report("test_render");
}
