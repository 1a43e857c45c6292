/* keypoints.h: does a typed answer mention a card's key points?
 *
 * Pure.  Both texts are normalised (ASCII letters lower-cased, every other
 * ASCII character but digits turned into a space, runs of spaces merged).
 * A key point is covered when its normalised phrase appears in the answer
 * on word boundaries, or, failing that, when every significant word of it
 * (stop words like "the" and "of" dropped) appears in the answer as a
 * word, a trailing plural "s" ignored.  It is a hint, not a verdict: it
 * cannot see synonyms or judge whether the point was made correctly. */
#ifndef REHEARSE_KEYPOINTS_H
#define REHEARSE_KEYPOINTS_H

#include <stdbool.h>
#include <stddef.h>

/* Normalised copy of text, with one space at each end.  Free it. */
char *keypoints_normalise(const char *text);

/* Marks covered[i] for each of the n key points; returns how many are. */
int keypoints_match(const char *answer, char *const *keys, size_t n,
                    bool *covered);

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
