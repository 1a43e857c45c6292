/* keypoints.h: does a typed answer mention a card's key points?
 *
 * Pure.  Both texts are folded with utf8proc (compatibility-composed, case
 * folded, accents and other marks stripped, look-alike punctuation lumped
 * together), so "Initialise", "INITIALISE" and "İnitialise" meet.  Then
 * they are cut into tokens:
 *
 * - a word is a run of letters, digits and marks, with an apostrophe
 *   inside kept ("isn't"); it is compared by its Snowball English stem
 *   (libstemmer), so "pops" meets "pop" and "initialises" "initialise";
 *   words of 5 letters or more also meet one typo away (Damerau-
 *   Levenshtein distance 1: "relaible", "initialize"), and a key word
 *   meets its abbreviation, a prefix of 4 letters or more at least two
 *   letters shorter ("curr" for "current", "config" for "configuration");
 * - a technical token is a run of words joined by _ - . / : with
 *   parenthesised groups (up to 32 bytes) right after a word, and a
 *   leading _ or :: allowed: `O(n log n)`, `SYN-ACK`, `3.12`, `__init__`,
 *   `HTTP/2`, `::1`.  It is kept whole (spaces and a trailing "()"
 *   dropped) and also yields its words.  A key's technical token is found
 *   when the answer has the same token, or (with two words or more) its
 *   words in a row: `SYN-ACK` meets "syn ack", `raise_for_status` meets
 *   "raise_for_status()".
 *
 * A key point may list alternatives separated by " / " (a slash with a
 * space on each side): `constant time / O(1)` is covered by either.  Each
 * alternative's content units are its technical tokens and its other
 * words that are not Snowball stop words (all its words, if every one
 * is).  An alternative is covered when the answer has, anywhere and in
 * any order, every unit; the first alternative (the key point as first
 * written, often an author's shorthand), when it has KEYPOINTS_LONG units
 * or more, needs only two thirds of them (rounded up), and every one that
 * is a number or notation: a word with a digit, a technical token with a
 * digit or a bracket (`pop(0)`, `O(n)`, `HTTP/2`), a number word
 * (`seven`) or a complexity word (`linear`).  So "list.pop(0) is O(1)"
 * does not cover `list pop(0) is O(n)`, though it has two of its three
 * units.
 *
 * Negation guard: a negator ("not", "no", "never", "without", "none",
 * "nor", "cannot", any "n't" word, or one typed without its apostrophe)
 * reaches the next 4 words (an "or" or "nor" among them reaches 4 more),
 * up to a clause break (. , ; : ! ? ( ) [ ] = >
 * | or one of "but", "vs", "versus", "whereas", "while", "so", "because",
 * "since", "then", "unlike", "instead"); answer words it reaches do not
 * count, and a key unit that the answer has only under a negator
 * contradicts the key: it is missed whatever the share of the other units.
 * So "TCP is not reliable" does not cover `reliable delivery`, nor "TCP is
 * connection-oriented, not reliable" `TCP connection-oriented reliable`.
 * A key that contains a negator itself (`not stable`) needs the answer to
 * negate one of its units too ("isn't stable"), or to use the word with a
 * negative prefix ("unstable"; un-, non-, and in- or im- before 5 letters
 * or more, both ways: "not mutable" covers `immutable`).  A negator
 * right before "matter", "help", "needed", "necessary", "required",
 * "work", "happen", "exist", "apply" or "count" (and their -s forms)
 * negates the 4 words before it in its clause instead: "transitive
 * dependencies don't matter" does not cover `transitive dependencies`.
 * A key whose negator reaches none of its units ("until it returns
 * nothing") needs a negator within 4 words after one of the words found.
 * "none" is not a negator unless "of" follows (Python's None), nor "not"
 * before "null", "exists", "like", "between" or "in" (SQL's operators),
 * nor "no" in "no matter", nor "not" and "nothing" after "or" ("all or
 * nothing", "whether or not").  Limits: it does not see a negation further back
 * ("nobody would call it reliable" is caught, "I would never say that
 * TCP is reliable" is not: six words), other negations after the words
 * ("reliability is overrated"), double negatives, or words that negate
 * by meaning ("lacks", "fails to", "drops").
 *
 * Beyond stems: a compound also meets one with the same words by stem
 * ("trade-offs", "trade-off") or a word that runs its words together
 * ("multithreaded"); two stems meet when the shorter, of 5 letters or
 * more, starts the longer, which adds at most 3 ("reliabl", "reliabil");
 * and a concept lexicon (concepts.h, built from tests/tools/synonyms.txt)
 * gives synonyms, shorthand, number words, acronyms and complexity
 * notation one concept: "mutate" / "modify" / "in place", "db" /
 * "database", "seven" / "7", "gc" / "garbage collector", "O(1)" /
 * "constant time".  A key's lexicon phrase is found only as its concept.
 *
 * It is a hint, not a verdict: it knows only the lexicon's synonyms, not
 * paraphrase, and cannot judge whether the point was made correctly
 * (docs/benchmarks.md has its precision and recall on hand-labelled answers).
 */
#ifndef REHEARSE_KEYPOINTS_H
#define REHEARSE_KEYPOINTS_H

#include <stdbool.h>
#include <stddef.h>

/* From this many content units, two thirds of them cover a key point. */
#define KEYPOINTS_LONG 3

/* One key point's result: covered or not, and the answer's words (folded)
 * that matched its best alternative, one per content unit found. */
struct keypoint_hit {
    bool covered;
    size_t nmatched;
    char **matched;
};

/* The distinct Snowball stems of text's content words (folded, stop
 * words of both lists dropped, one-letter words and technical tokens
 * left out), sorted; free them with keypoints_free.  For comparing two
 * texts' topics, as check's overlap warning does. */
char **keypoints_content_stems(const char *text, size_t *n);

/* The folded text the matcher compares (see above).  Free it. */
char *keypoints_normalise(const char *text);

/* Marks covered[i] for each of the n key points; returns how many are. */
int keypoints_match(const char *answer, char *const *keys, size_t n,
                    bool *covered);

/* The same with the matched words: fills hits[0..n) (free them with
 * keypoints_hits_free); returns how many key points are covered. */
int keypoints_explain(const char *answer, char *const *keys, size_t n,
                      struct keypoint_hit *hits);
void keypoints_hits_free(struct keypoint_hit *hits, size_t n);

/* Whether `hits` of `units` content units cover a key point (the rule
 * above). */
bool keypoints_enough(size_t hits, size_t units);

/* A grade (1-5) suggested by coverage: all covered 5, at least 3/4 4, at
 * least 1/2 3, any 2, none 1; -1 when there are no key points. */
int keypoints_suggest_grade(int covered, int total);

/* Splits newline-separated key points (as the store keeps them) into a
 * new array of new strings; *n gets the count.  Free with
 * keypoints_free. */
char **keypoints_split(const char *joined, size_t *n);
void keypoints_free(char **keys, size_t n);

/* Matches an answer against newline-separated key points.  Returns the
 * coverage as a JSON array of booleans (free it), with the counts; with
 * flags non-NULL, also the per-key results (free them). */
char *keypoints_coverage(const char *joined_keys, const char *answer,
                         int *total, int *covered, bool **flags);

#endif
