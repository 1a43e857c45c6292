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
 * (snowballstem.org, algorithms/english/stop.txt), grouped here by kind
 * rather than in the project's order.  The negating ones ("not", "no",
 * "nor", "isn't"...) are stop words too: text_negator deals with them. */
static const char *const snowball_stop_words[] = {
    /* pronouns */
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "that",
    "these",
    "those",
    /* be, have, do and the modals */
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "would",
    "should",
    "could",
    "ought",
    /* contractions */
    "i'm",
    "you're",
    "he's",
    "she's",
    "it's",
    "we're",
    "they're",
    "i've",
    "you've",
    "we've",
    "they've",
    "i'd",
    "you'd",
    "he'd",
    "she'd",
    "we'd",
    "they'd",
    "i'll",
    "you'll",
    "he'll",
    "she'll",
    "we'll",
    "they'll",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "doesn't",
    "don't",
    "didn't",
    "won't",
    "wouldn't",
    "shan't",
    "shouldn't",
    "can't",
    "cannot",
    "couldn't",
    "mustn't",
    "let's",
    "that's",
    "who's",
    "what's",
    "here's",
    "there's",
    "when's",
    "where's",
    "why's",
    "how's",
    /* articles, conjunctions, prepositions */
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    /* adverbs and determiners */
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
};

static bool in_list(const char *const *list, size_t count, const char *w,
                    size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (n && list[i][0] == w[0] && strncmp(list[i], w, n) == 0 &&
            list[i][n] == '\0')
            return true;
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
        "not",     "no",     "never",   "without",  "none",  "nor",
        "neither", "cannot", "nothing", "nobody",   "isnt",  "arent",
        "wasnt",   "werent", "dont",    "doesnt",   "didnt", "wont",
        "wouldnt", "cant",   "couldnt", "shouldnt", "hasnt", "havent",
        "hadnt",   "mustnt", "shant",   "aint",
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
