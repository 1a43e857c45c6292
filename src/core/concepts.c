/* concepts.c: lookups in the concept lexicon.  See concepts.h.
 *
 * The table is sorted, so a phrase is a bsearch away; a longer phrase is
 * only tried while some row starts with the units so far, which keeps the
 * cost for an ordinary word to two searches. */
#include "concepts.h"

#include <stdlib.h>
#include <string.h>

enum { PHRASE_MAX = 160 };

static int compare_row(const void *key, const void *row)
{
    return strcmp(key, ((const struct synonym *)row)->phrase);
}

/* Does some row's phrase start with prefix? (The first row not before it
 * is the only candidate.) */
static bool has_prefix(const char *prefix)
{
    size_t lo = 0, hi = synonyms_count, n = strlen(prefix);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(synonyms[mid].phrase, prefix) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < synonyms_count && strncmp(synonyms[lo].phrase, prefix, n) == 0;
}

const char *concepts_lookup(const char *const *units, size_t n, size_t *used)
{
    char phrase[PHRASE_MAX];
    size_t len = 0;
    const char *best = NULL;
    *used = 0;
    for (size_t i = 0; i < n && i < CONCEPTS_MAX_WORDS; i++) {
        size_t w = strlen(units[i]);
        if (len + w + 2 > sizeof phrase)
            break;
        if (i)
            phrase[len++] = ' ';
        memcpy(phrase + len, units[i], w + 1);
        len += w;
        const struct synonym *row = bsearch(phrase, synonyms, synonyms_count,
                                            sizeof *synonyms, compare_row);
        if (row) {
            best = row->concept;
            *used = i + 1;
        }
        phrase[len] = ' ';
        phrase[len + 1] = '\0';
        bool more = has_prefix(phrase);
        phrase[len] = '\0';
        if (!more)
            break;
    }
    return best;
}
