/* lint.h: warnings for deck authors, beyond what the parser refuses.
 *
 * Pure.  Checks each card for missing key points, answers over the
 * spoken-answer limit and tags the deck does not declare, and all cards
 * seen so far (across decks) for duplicate and near-duplicate questions.
 * Near-duplicates are found by hashing each question's set of significant
 * words, so checking n cards costs O(n), not O(n^2). */
#ifndef REHEARSE_LINT_H
#define REHEARSE_LINT_H

#include "rehearse/deck.h"

#define LINT_ANSWER_MAX 1500 /* bytes: about two minutes spoken */

typedef void (*lint_fn)(void *ctx, const char *file, unsigned line,
                        const char *message);

struct linter;
struct linter *linter_new(void);
/* Reports the warnings for one deck through fn.  `file` must outlive the
 * linter.  Returns the number of warnings. */
long lint_deck(struct linter *l, const char *file, const struct deck *d,
               lint_fn fn, void *ctx);
void linter_free(struct linter *l);

/* The signature used for near-duplicate detection: significant words of
 * the question, lower-cased and sorted, space-separated.  Free it. */
char *lint_question_signature(const char *question);

#endif
