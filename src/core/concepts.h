/* concepts.h: the concept lexicon of key-point matching (internal to core).
 *
 * A concept is a class of words and phrases that a fair interviewer takes
 * for the same thing: a synonym ("mutate", "modify", "in place"), a
 * shorthand ("db", "fn", "cols"), a number word ("seven", "7"), notation
 * ("O(1)", "constant time").  synonyms.c holds the table, generated from
 * tests/tools/synonyms.txt; concepts.c searches it. */
#ifndef REHEARSE_CONCEPTS_H
#define REHEARSE_CONCEPTS_H

#include <stdbool.h>
#include <stddef.h>

/* The most units (stems or technical tokens) a phrase of the table has. */
#define CONCEPTS_MAX_WORDS 4

struct synonym {
    const char *phrase;  /* stems joined by single spaces */
    const char *concept; /* the stem(s) of the group's first entry */
};

extern const struct synonym synonyms[];
extern const size_t synonyms_count;

/* The concept of the longest phrase of the table that starts at units[0]
 * (n units available, each a stem or technical token), or NULL; *used is
 * how many units it took. */
const char *concepts_lookup(const char *const *units, size_t n, size_t *used);

#endif
