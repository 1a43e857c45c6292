/* lint.h: warnings for deck authors, beyond what the parser refuses.
 *
 * Pure.  Checks each card for missing key points, key points with an
 * empty " / " alternative, key points the card's own answer does not
 * cover (keypoints_match over the answer's Markdown source: a key the
 * reference answer itself would fail), answers over the spoken-answer
 * limit and tags the deck does not declare, and all cards
 * seen so far (across decks) for duplicate and near-duplicate questions.
 * Near-duplicates are found by hashing each question's set of significant
 * words, so checking n cards costs O(n), not O(n^2); across decks, cards
 * whose questions and key points share most of their words are reported
 * as overlapping (lint_similar.c says how alike, and why).  Each answer is also
 * parsed as Markdown (md4c, as the terminal renderer parses it) for what a
 * terminal cannot show well: HTML blocks and inline HTML (shown as literal
 * text), images (only their alt text and address show), tables wider than
 * LINT_TABLE_MAX columns (shown as records, not columns), and headings of
 * level 1 or 2 (they outrank the card's own "## " question; a "---" or
 * "===" line under a paragraph makes one by accident) or deeper than
 * level 4 (the terminal shows every level alike).  Each kind is reported
 * once per card, at the line where it first appears. */
#ifndef REHEARSE_LINT_H
#define REHEARSE_LINT_H

#include "rehearse/deck.h"

#include <stdbool.h>

#define LINT_ANSWER_MAX 1500 /* bytes: about two minutes spoken */
#define LINT_TABLE_MAX 80    /* columns a table may take, indent included */

typedef void (*lint_fn)(void *ctx, const char *file, unsigned line,
                        const char *message);

struct linter;
struct linter *linter_new(void);
/* Reports the warnings for one deck through fn.  `file` must outlive the
 * linter.  Returns the number of warnings. */
long lint_deck(struct linter *l, const char *file, const struct deck *d,
               lint_fn fn, void *ctx);
/* The same, with the deck's source text (as given to deck_load), so the
 * Markdown warnings name the line in the file; without it (text NULL)
 * they name the card's heading. */
long lint_deck_source(struct linter *l, const char *file, const char *text,
                      size_t len, const struct deck *d, lint_fn fn, void *ctx);
void linter_free(struct linter *l);

/* The Markdown warnings for one card's answer (see above).  text, len:
 * the deck's source, or NULL.  Returns the number of warnings. */
long lint_markdown(const char *file, const char *text, size_t len,
                   const struct card *c, lint_fn fn, void *ctx);

/* The signature used for near-duplicate detection: significant words of
 * the question, lower-cased and sorted, space-separated.  Free it. */
char *lint_question_signature(const char *question);

#endif
