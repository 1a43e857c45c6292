/* test_text.c: the text helpers of text.h that typed answers and "did you
 * mean" suggestions rely on. */
#include "check.h"
#include "rehearse/text.h"

#include <stdlib.h>
#include <string.h>

static void repaired(const char *in, size_t n, const char *expected)
{
    char *out = utf8_repair(in, n);
    CHECK_STR(out, expected);
    free(out);
}

/* Every word of the lists, so that a list out of byte order (they are
 * binary-searched) fails here: the Snowball English stop words, the
 * negators typed without an apostrophe, the question stop words. */
static const char *const snowball[] = {
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
static const char *const negators[] = {
    "aint",  "arent",    "cannot", "cant",   "couldnt", "didnt",  "doesnt",
    "dont",  "hadnt",    "hasnt",  "havent", "isnt",    "mustnt", "neither",
    "never", "no",       "nobody", "none",   "nor",     "not",    "nothing",
    "shant", "shouldnt", "wasnt",  "werent", "without", "wont",   "wouldnt",
};
static const char *const question[] = {
    "a",          "an",     "and",  "are",     "between", "can",
    "difference", "do",     "does", "explain", "for",     "how",
    "in",         "is",     "it",   "its",     "of",      "on",
    "or",         "python", "the",  "to",      "what",    "when",
    "which",      "why",    "with", "would",   "you",     "your",
};

static void test_word_lists(void)
{
    check_case = "stop words and negators";
    for (size_t i = 0; i < sizeof snowball / sizeof *snowball; i++)
        CHECK(text_stop_word(snowball[i], strlen(snowball[i]),
                             TEXT_STOP_KEYPOINT));
    for (size_t i = 0; i < sizeof negators / sizeof *negators; i++)
        CHECK(text_negator(negators[i], strlen(negators[i])));
    for (size_t i = 0; i < sizeof question / sizeof *question; i++)
        CHECK(text_stop_word(question[i], strlen(question[i]),
                             TEXT_STOP_QUESTION));
    CHECK(text_stop_word("the end", 3, TEXT_STOP_KEYPOINT));
    CHECK(!text_stop_word("they", 2, TEXT_STOP_KEYPOINT)); /* "th" */
    CHECK(!text_stop_word("stack", 5, TEXT_STOP_KEYPOINT));
    CHECK(!text_stop_word("zzz", 3, TEXT_STOP_KEYPOINT));
    CHECK(!text_stop_word("", 0, TEXT_STOP_KEYPOINT));
    CHECK(text_negator("isn't", 5) && !text_negator("nothings", 8));
    CHECK(!text_stop_word("python", 6, TEXT_STOP_KEYPOINT));
}

int main(void)
{
    test_word_lists();
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
