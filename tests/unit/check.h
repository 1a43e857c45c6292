/* check.h: the smallest test harness that says what it expected. */
#ifndef REHEARSE_CHECK_H
#define REHEARSE_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static const char *check_case = "";

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: [%s] check failed: %s\n", __FILE__,        \
                    __LINE__, check_case, #cond);                              \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

#define CHECK_INT(actual, expected)                                            \
    do {                                                                       \
        long long a_ = (long long)(actual), e_ = (long long)(expected);        \
        if (a_ != e_) {                                                        \
            fprintf(stderr, "%s:%d: [%s] %s: expected %lld, got %lld\n",       \
                    __FILE__, __LINE__, check_case, #actual, e_, a_);          \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

#define CHECK_STR(actual, expected)                                            \
    do {                                                                       \
        const char *a_ = (actual), *e_ = (expected);                           \
        if (a_ == NULL || strcmp(a_, e_) != 0) {                               \
            fprintf(stderr, "%s:%d: [%s] %s: expected \"%s\", got \"%s\"\n",   \
                    __FILE__, __LINE__, check_case, #actual, e_,               \
                    a_ ? a_ : "(null)");                                       \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

#define CHECK_CONTAINS(actual, needle)                                         \
    do {                                                                       \
        const char *a_ = (actual), *n_ = (needle);                             \
        if (a_ == NULL || strstr(a_, n_) == NULL) {                            \
            fprintf(stderr,                                                    \
                    "%s:%d: [%s] %s: expected to contain \"%s\", "             \
                    "got \"%s\"\n",                                            \
                    __FILE__, __LINE__, check_case, #actual, n_,               \
                    a_ ? a_ : "(null)");                                       \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

static int check_report(const char *name)
{
    if (check_failures)
        fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    else
        printf("%s: all checks passed\n", name);
    return check_failures != 0;
}

#endif
