/* text.c: shared text helpers.  See text.h.
 *
 * These replace copies that lived in deck.c, lint.c, keypoints.c and the
 * terminal renderer, so a fix to one (a stricter decoder, a new stop
 * word) reaches every user. */
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <md4c.h>
#include <string.h>

size_t utf8_decode(const char *text, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0)
        len = 2, c = s[0] & 0x1F, min = 0x80;
    else if ((s[0] & 0xF0) == 0xE0)
        len = 3, c = s[0] & 0x0F, min = 0x800;
    else if ((s[0] & 0xF8) == 0xF0)
        len = 4, c = s[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *utf8_repair(const char *s, size_t n)
{
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            sb_adds(&sb, "\xEF\xBF\xBD"); /* U+FFFD */
            i++;
        } else {
            sb_add(&sb, s + i, len);
            i += len;
        }
    }
    sb_add(&sb, "", 0); /* an empty s still gives a string */
    return sb_detach(&sb);
}

/* Two rows of the table, the row for each prefix of a; stops early once
 * every entry of a row is over the limit. */
size_t text_distance(const char *a, const char *b, size_t limit)
{
    enum { MAX = 256 };
    size_t prev[MAX + 1], cur[MAX + 1];
    size_t na = strlen(a), nb = strlen(b);
    if (na > MAX || nb > MAX)
        return limit + 1;
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t best = cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] =
                sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            best = cur[j] < best ? cur[j] : best;
        }
        if (best > limit)
            return limit + 1;
        memcpy(prev, cur, (nb + 1) * sizeof *prev);
    }
    return prev[nb] > limit ? limit + 1 : prev[nb];
}

uint64_t text_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* One list, each word marked with the uses it serves.  The two uses kept
 * their own words when the lists were merged, so neither behaves
 * differently: "python" or "explain" would make a key point like "explain
 * the GIL" too easy to cover, and "that" or "from" tell questions apart
 * no better than they tell answers apart. */
#define K TEXT_STOP_KEYPOINT
#define Q TEXT_STOP_QUESTION
static const struct {
    const char *word;
    unsigned use;
} stop_words[] = {
    {"a", K | Q},   {"an", K | Q},   {"and", K | Q},    {"are", K | Q},
    {"as", K},      {"at", K},       {"be", K},         {"between", Q},
    {"by", K},      {"can", Q},      {"difference", Q}, {"do", Q},
    {"does", Q},    {"explain", Q},  {"for", K | Q},    {"from", K},
    {"how", Q},     {"in", K | Q},   {"is", K | Q},     {"it", K | Q},
    {"its", K | Q}, {"of", K | Q},   {"on", K | Q},     {"or", K | Q},
    {"python", Q},  {"that", K},     {"the", K | Q},    {"this", K},
    {"to", K | Q},  {"what", Q},     {"when", Q},       {"which", Q},
    {"why", Q},     {"with", K | Q}, {"would", Q},      {"you", Q},
    {"your", Q},
};
#undef K
#undef Q

bool text_stop_word(const char *w, size_t n, unsigned use)
{
    for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
        if ((stop_words[i].use & use) && strlen(stop_words[i].word) == n &&
            memcmp(stop_words[i].word, w, n) == 0)
            return true;
    return false;
}

unsigned text_markdown_flags(void)
{
    return MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
           MD_FLAG_PERMISSIVEURLAUTOLINKS;
}
