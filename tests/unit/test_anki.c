/* test_anki.c: the pure part of reading Anki notes (anki.h): HTML to
 * Markdown, note type shapes from templates, cloze sides, names. */
#include "check.h"
#include "rehearse/anki.h"

#include <stdlib.h>

static void converts(const char *html, const char *expected)
{
    char *md = NULL;
    CHECK_INT(anki_html_to_markdown(html, strlen(html), &md), 0);
    CHECK_STR(md, expected);
    free(md);
}

static void html_cases(void)
{
    check_case = "plain text and entities";
    converts("a &amp; b &lt;c&gt; &quot;d&quot;", "a \\& b \\<c\\> \"d\"");
    check_case = "bold, italic, underline";
    converts("<b>bold</b> <i>it</i> <u>under</u> <strong>s</strong>",
             "**bold** *it* *under* **s**");
    check_case = "space inside emphasis moves outside";
    converts("x<b> y </b>z", "x **y** z");
    check_case = "empty emphasis vanishes";
    converts("a<b> </b>b", "a b");
    check_case = "line breaks, trailing ones dropped";
    converts("one<br>two<br/><br>", "one\\\ntwo");
    check_case = "divs are paragraphs";
    converts("<div>one</div><div>two</div>", "one\n\ntwo");
    check_case = "pre keeps indentation";
    converts("<pre><code class=\"language-python\">def f():\n    return 1\n"
             "</code></pre>",
             "```python\ndef f():\n    return 1\n```");
    check_case = "pre with br and nbsp";
    converts("<pre>if x:<br>&nbsp;&nbsp;&nbsp;&nbsp;y()</pre>",
             "```\nif x:\n    y()\n```");
    check_case = "inline code is not escaped";
    converts("call <code>f(*args)</code> now", "call `f(*args)` now");
    check_case = "code with backticks";
    converts("<code>a`b</code>", "``a`b``");
    check_case = "lists";
    converts("<ul><li>one</li><li>two</li></ul><ol><li>x</li><li>y</li></ol>",
             "- one\n- two\n\n1. x\n2. y");
    check_case = "links";
    converts("see <a href=\"https://docs.python.org/3/ (x)\">the docs</a>",
             "see [the docs](https://docs.python.org/3/%20%28x%29)");
    check_case = "javascript links keep only their text";
    converts("<a href=\"javascript:alert(1)\">x</a>", "x");
    check_case = "images and sounds become placeholders";
    converts("<img src=\"a_b.png\"> [sound:hello.mp3]",
             "\xE2\x9F\xA6image: a\\_b.png\xE2\x9F\xA7 "
             "\xE2\x9F\xA6sound: hello.mp3\xE2\x9F\xA7");
    check_case = "markdown-looking text is escaped";
    converts("# not a heading", "\\# not a heading");
    converts("1. not a list", "1\\. not a list");
    converts("- not a list either *x* _y_",
             "\\- not a list either \\*x\\* \\_y\\_");
    check_case = "script and style are dropped";
    converts("a<script>alert(1)</script><style>p{}</style>b", "ab");
    check_case = "unknown tags keep their text";
    converts("<span style=\"color:red\">red</span> <font>f</font>", "red f");
    check_case = "bold across divs is closed per paragraph";
    converts("<b><div>x</div><div>y</div></b>", "**x**\n\n**y**");
    check_case = "character references to controls are dropped";
    converts("a&#3;b&#x85;c\r\nd", "abc d");
    check_case = "empty";
    converts("", "");
    converts("<br><div></div>", "");
}

static struct anki_notetype make(const char *name, bool cloze,
                                 const char *const *fields, size_t nf,
                                 const char *const *fmts, size_t nt)
{
    struct anki_notetype t = {0};
    t.name = strdup(name);
    t.cloze = cloze;
    t.fields = calloc(nf, sizeof *t.fields);
    for (size_t i = 0; i < nf; i++)
        t.fields[i] = strdup(fields[i]);
    t.nfields = nf;
    t.templates = calloc(nt, sizeof *t.templates);
    for (size_t i = 0; i < nt; i++) {
        t.templates[i].name = strdup("Card");
        t.templates[i].qfmt = strdup(fmts[2 * i]);
        t.templates[i].afmt = strdup(fmts[2 * i + 1]);
    }
    t.ntemplates = nt;
    return t;
}

static void shape_cases(void)
{
    static const char *const fb[] = {"Front", "Back"};
    static const char *const opt[] = {"Front", "Back", "Add Reverse"};
    static const char *const basic[] = {"{{Front}}",
                                        "{{FrontSide}}<hr id=answer>{{Back}}"};
    static const char *const reversed[] = {
        "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}", "{{Back}}",
        "{{FrontSide}}<hr id=answer>{{Front}}"};
    static const char *const optional[] = {
        "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}",
        "{{#Add Reverse}}{{Back}}{{/Add Reverse}}",
        "{{FrontSide}}<hr id=answer>{{Front}}"};
    static const char *const typein[] = {
        "{{Front}}\n\n{{type:Back}}", "{{Front}}<hr id=answer>{{type:Back}}"};
    static const char *const three[] = {"{{Front}} {{Back}}", "{{Back}}"};
    static const char *const cz[] = {"Text", "Back Extra"};
    static const char *const cloze[] = {"{{cloze:Text}}",
                                        "{{cloze:Text}}<br>{{Back Extra}}"};
    struct anki_shape s;
    struct anki_notetype t;

    check_case = "Basic";
    t = make("Basic", false, fb, 2, basic, 1);
    anki_shape_of(&t, &s);
    CHECK(s.usable);
    CHECK_INT(s.front[0], 0);
    CHECK_INT(s.back[0], 1);
    anki_notetype_free(&t);

    check_case = "Basic (and reversed card)";
    t = make("R", false, fb, 2, reversed, 2);
    anki_shape_of(&t, &s);
    CHECK(s.usable);
    CHECK_INT(s.front[1], 1);
    CHECK_INT(s.back[1], 0);
    anki_notetype_free(&t);

    check_case = "Basic (optional reversed card)";
    t = make("O", false, opt, 3, optional, 2);
    anki_shape_of(&t, &s);
    CHECK(s.usable);
    CHECK_INT(s.front[1], 1);
    CHECK_INT(s.back[1], 0);
    anki_notetype_free(&t);

    check_case = "Basic (type in the answer)";
    t = make("T", false, fb, 2, typein, 1);
    anki_shape_of(&t, &s);
    CHECK(s.usable);
    CHECK_INT(s.front[0], 0);
    CHECK_INT(s.back[0], 1);
    anki_notetype_free(&t);

    check_case = "two fields on the front is refused";
    t = make("X", false, fb, 2, three, 1);
    anki_shape_of(&t, &s);
    CHECK(!s.usable);
    CHECK_CONTAINS(s.reason, "shows 2 fields on its front");
    anki_notetype_free(&t);

    check_case = "Cloze";
    t = make("Cloze", true, cz, 2, cloze, 1);
    anki_shape_of(&t, &s);
    CHECK(s.usable);
    CHECK_INT(s.text, 0);
    CHECK_INT(s.extra, 1);
    anki_notetype_free(&t);
}

static void cloze_cases(void)
{
    const char *text =
        "{{c1::Guido::who}} wrote {{c2::Python}} in {{c3::1991}}";
    char *q, *a;
    check_case = "cloze question with a hint";
    q = anki_cloze_side(text, 1, false);
    CHECK_STR(q, "[who] wrote Python in 1991");
    free(q);
    check_case = "cloze question without a hint";
    q = anki_cloze_side(text, 2, false);
    CHECK_STR(q, "Guido wrote [...] in 1991");
    free(q);
    check_case = "cloze answer";
    a = anki_cloze_side(text, 2, true);
    CHECK_STR(a, "Guido wrote <b>Python</b> in 1991");
    free(a);
    check_case = "missing cloze number";
    CHECK(anki_cloze_side(text, 4, false) == NULL);
    check_case = "unclosed deletion stays literal";
    q = anki_cloze_side("{{c1::x}} {{c1::y", 1, false);
    CHECK_STR(q, "[...] {{c1::y");
    free(q);
}

static void name_cases(void)
{
    char slug[65], id[32], why[100];
    check_case = "slug of a subdeck";
    anki_slug("Python::Data Structures", slug);
    CHECK_STR(slug, "python-data-structures");
    anki_slug("日本語", slug);
    CHECK_STR(slug, "anki");
    check_case = "card ids are stable and distinct";
    anki_card_id("f:J8}q0!x^", 0, id);
    char id2[32];
    anki_card_id("f:J8}q0!x^", 1, id2);
    CHECK(strlen(id) == 19 && id[0] == 'a');
    CHECK(strcmp(id, id2) != 0);
    CHECK(strncmp(id, id2, 17) == 0);
    check_case = "text checks";
    CHECK(anki_text_ok("caf\xC3\xA9\t\n", 7, why, sizeof why));
    CHECK(!anki_text_ok("a\x03", 2, why, sizeof why));
    CHECK_CONTAINS(why, "U+0003");
    CHECK(!anki_text_ok("a\xFF", 2, why, sizeof why));
    CHECK_CONTAINS(why, "invalid UTF-8");
}

static void proto_cases(void)
{
    /* field 1 varint 1; field 2 "ab"; field 3 fixed32 */
    static const unsigned char msg[] = {0x08, 0x01, 0x12, 0x02, 'a', 'b',
                                        0x1d, 1,    2,    3,    4};
    uint64_t v;
    const unsigned char *p;
    size_t n;
    check_case = "protobuf fields";
    CHECK_INT(anki_proto_varint(msg, sizeof msg, 1, &v), 1);
    CHECK_INT(v, 1);
    CHECK_INT(anki_proto_bytes(msg, sizeof msg, 2, &p, &n), 1);
    CHECK_INT(n, 2);
    CHECK_INT(anki_proto_varint(msg, sizeof msg, 9, &v), 0);
    CHECK_INT(anki_proto_bytes(msg, 4, 2, &p, &n), -1);
}

int main(void)
{
    html_cases();
    shape_cases();
    cloze_cases();
    name_cases();
    proto_cases();
    return check_report("test_anki");
}
