/* test_text.c: the text helpers of text.h that typed answers and "did you
 * mean" suggestions rely on. */
#include "check.h"
#include "rehearse/text.h"

#include <stdlib.h>

static void repaired(const char *in, size_t n, const char *expected)
{
    char *out = utf8_repair(in, n);
    CHECK_STR(out, expected);
    free(out);
}

int main(void)
{
    check_case = "valid UTF-8 is kept as it is";
    repaired("caf\xC3\xA9 \xE2\x80\xAE", 9, "caf\xC3\xA9 \xE2\x80\xAE");
    check_case = "empty";
    repaired("", 0, "");
    check_case = "each bad byte becomes U+FFFD";
    repaired("a\xFF\xFE"
             "b",
             4,
             "a\xEF\xBF\xBD\xEF\xBF\xBD"
             "b");
    check_case = "a truncated sequence at the end";
    repaired("x\xE2\x80", 3, "x\xEF\xBF\xBD\xEF\xBF\xBD");
    check_case = "an overlong slash and a surrogate";
    repaired("\xC0\xAF\xED\xA0\x80", 5,
             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");

    check_case = "distance";
    CHECK_INT(text_distance("networking", "networking", 3), 0);
    CHECK_INT(text_distance("netwrking", "networking", 3), 1);
    CHECK_INT(text_distance("kitten", "sitting", 3), 3);
    CHECK_INT(text_distance("", "abc", 5), 3);
    CHECK_INT(text_distance("abc", "", 5), 3);
    check_case = "distance over the limit";
    CHECK_INT(text_distance("kitten", "sitting", 2), 3);
    CHECK_INT(text_distance("python", "rust-x", 1), 2);
    return check_report("test_text");
}
