/* test_lint.c: the Markdown warnings of `rehearse check` (lint.h). */
#include "check.h"
#include "rehearse/lint.h"

#include <stdio.h>

static char got[2048];

static void collect(void *ctx, const char *file, unsigned line,
                    const char *message)
{
    (void)ctx;
    size_t n = strlen(got);
    snprintf(got + n, sizeof got - n, "%s:%u: %s\n", file, line, message);
}

/* Lints one card whose heading is line 1 of "d.md" and whose answer
 * starts on line 3; returns what it reported. */
static const char *lint(const char *answer)
{
    static char text[2048];
    snprintf(text, sizeof text, "## Q {#q}\n\n%s\n", answer);
    struct card c = {0};
    c.id = "q";
    c.answer = (char *)answer;
    c.line = 1;
    got[0] = '\0';
    lint_markdown("d.md", text, strlen(text), &c, collect, NULL);
    return got;
}

int main(void)
{
    check_case = "plain Markdown is clean";
    CHECK_STR(lint("*a* `b`\n\n- c\n\n### Fine heading\n\n| x |\n|---|\n| 1 |"),
              "");
    check_case = "inline HTML, once per card, with its line";
    CHECK_STR(lint("a\n\nb <b>x</b> <i>y</i>"),
              "d.md:5: answer of card 'q' has inline HTML '<b>', which the "
              "terminal shows as text\n");
    check_case = "HTML block";
    CHECK_STR(lint("<div>\nx\n</div>"),
              "d.md:3: answer of card 'q' has an HTML block, which the "
              "terminal shows as text\n");
    check_case = "image";
    CHECK_STR(lint("see ![c](c.png)"),
              "d.md:3: answer of card 'q' has an image ('c.png'), which the "
              "terminal cannot show: only its text and address appear\n");
    check_case = "setext heading made by accident";
    CHECK_STR(lint("a\n\nText\n---"),
              "d.md:5: answer of card 'q' has a level-1 or level-2 heading, "
              "which outranks the card's question (a '---' or '===' line "
              "under text makes one)\n");
    check_case = "heading deeper than level 4";
    CHECK_STR(lint("##### deep"),
              "d.md:3: answer of card 'q' has a heading deeper than level 4, "
              "which the terminal shows like any other\n");
    check_case = "table wider than 80 columns";
    CHECK_STR(lint("| aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | "
                   "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb |\n|---|---|\n"
                   "| 1 | 2 |"),
              "d.md:3: answer of card 'q' has a table 85 columns wide, over "
              "80: the terminal shows it as one 'header: value' line per "
              "cell\n");
    check_case = "without the source, the heading's line";
    struct card c = {0};
    c.id = "q";
    c.answer = "<div>\n</div>";
    c.line = 7;
    got[0] = '\0';
    lint_markdown("d.md", NULL, 0, &c, collect, NULL);
    CHECK_STR(got, "d.md:7: answer of card 'q' has an HTML block, which the "
                   "terminal shows as text\n");
    return check_report("test_lint");
}
