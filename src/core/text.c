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

/* Question signatures drop function words and the words every interview
 * question uses: "that" or "from" tell questions apart no better than
 * they tell answers apart, and "python" or "explain" not at all. */
static const char *const question_stop_words[] = {
    "a",          "an",     "and",  "are",     "between", "can",
    "difference", "do",     "does", "explain", "for",     "how",
    "in",         "is",     "it",   "its",     "of",      "on",
    "or",         "python", "the",  "to",      "what",    "when",
    "which",      "why",    "with", "would",   "you",     "your",
};

/* Key-point matching drops the Snowball project's English stop words
 * (snowballstem.org, algorithms/english/stop.txt), here in byte order
 * for a binary search (tests/unit/test_text.c checks every one).  The
 * negating ones ("not", "no", "nor", "isn't"...) are stop words too:
 * text_negator deals with them. */
static const char *const snowball_stop_words[] = {
    "a",          "about",     "above",     "after",   "again",    "against",
    "all",        "am",        "an",        "and",     "any",      "are",
    "aren't",     "as",        "at",        "be",      "because",  "been",
    "before",     "being",     "below",     "between", "both",     "but",
    "by",         "can't",     "cannot",    "could",   "couldn't", "did",
    "didn't",     "do",        "does",      "doesn't", "doing",    "don't",
    "down",       "during",    "each",      "few",     "for",      "from",
    "further",    "had",       "hadn't",    "has",     "hasn't",   "have",
    "haven't",    "having",    "he",        "he'd",    "he'll",    "he's",
    "her",        "here",      "here's",    "hers",    "herself",  "him",
    "himself",    "his",       "how",       "how's",   "i",        "i'd",
    "i'll",       "i'm",       "i've",      "if",      "in",       "into",
    "is",         "isn't",     "it",        "it's",    "its",      "itself",
    "let's",      "me",        "more",      "most",    "mustn't",  "my",
    "myself",     "no",        "nor",       "not",     "of",       "off",
    "on",         "once",      "only",      "or",      "other",    "ought",
    "our",        "ours",      "ourselves", "out",     "over",     "own",
    "same",       "shan't",    "she",       "she'd",   "she'll",   "she's",
    "should",     "shouldn't", "so",        "some",    "such",     "than",
    "that",       "that's",    "the",       "their",   "theirs",   "them",
    "themselves", "then",      "there",     "there's", "these",    "they",
    "they'd",     "they'll",   "they're",   "they've", "this",     "those",
    "through",    "to",        "too",       "under",   "until",    "up",
    "very",       "was",       "wasn't",    "we",      "we'd",     "we'll",
    "we're",      "we've",     "were",      "weren't", "what",     "what's",
    "when",       "when's",    "where",     "where's", "which",    "while",
    "who",        "who's",     "whom",      "why",     "why's",    "with",
    "won't",      "would",     "wouldn't",  "you",     "you'd",    "you'll",
    "you're",     "you've",    "your",      "yours",   "yourself", "yourselves",
};

/* Is w[0..n) one of the count words of list, which is in byte order? */
static bool in_list(const char *const *list, size_t count, const char *w,
                    size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(list[mid], w, n);
        if (c == 0 && list[mid][n] != '\0')
            c = 1; /* list[mid] is longer, so it sorts after w */
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

bool text_stop_word(const char *w, size_t n, unsigned use)
{
#define COUNT(a) (sizeof(a) / sizeof(a)[0])
    return ((use & TEXT_STOP_QUESTION) &&
            in_list(question_stop_words, COUNT(question_stop_words), w, n)) ||
           ((use & TEXT_STOP_KEYPOINT) &&
            in_list(snowball_stop_words, COUNT(snowball_stop_words), w, n));
}

bool text_negator(const char *w, size_t n)
{
    static const char *const negators[] = {
        /* in byte order */
        "aint",  "arent",    "cannot", "cant",   "couldnt", "didnt",  "doesnt",
        "dont",  "hadnt",    "hasnt",  "havent", "isnt",    "mustnt", "neither",
        "never", "no",       "nobody", "none",   "nor",     "not",    "nothing",
        "shant", "shouldnt", "wasnt",  "werent", "without", "wont",   "wouldnt",
    };
    if (n >= 3 && memcmp(w + n - 3, "n't", 3) == 0)
        return true;
    return in_list(negators, COUNT(negators), w, n);
#undef COUNT
}

/* One pass from each end: the common prefix and suffix leave at most two
 * bytes on each side, which decide it. */
bool text_one_edit(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > nb + 1 || nb > na + 1)
        return false;
    size_t pre = 0, suf = 0;
    while (pre < na && pre < nb && a[pre] == b[pre])
        pre++;
    while (suf < na - pre && suf < nb - pre &&
           a[na - 1 - suf] == b[nb - 1 - suf])
        suf++;
    size_t ra = na - pre - suf, rb = nb - pre - suf;
    if (ra + rb <= 1 || (ra == 1 && rb == 1))
        return true; /* equal, one insertion, deletion or substitution */
    return ra == 2 && rb == 2 && a[pre] == b[pre + 1] &&
           a[pre + 1] == b[pre]; /* two neighbours swapped */
}

unsigned text_markdown_flags(void)
{
    return MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
           MD_FLAG_PERMISSIVEURLAUTOLINKS;
}
