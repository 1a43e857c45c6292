/* lint_internal.h: what lint.c shares with lint_similar.c. */
#ifndef REHEARSE_LINT_INTERNAL_H
#define REHEARSE_LINT_INTERNAL_H

#include "rehearse/lint.h"

#define LINT_OVERLAP_MIN 0.4 /* Jaccard similarity that counts as overlap */

struct overlaps;
struct overlaps *overlaps_new(void);
/* Records card c of `deck` and warns (returning 1) when an earlier card
 * of another deck overlaps it. */
long overlaps_add(struct overlaps *o, const char *file, const char *deck,
                  const struct card *c, lint_fn fn, void *ctx);
void overlaps_free(struct overlaps *o);

#endif
