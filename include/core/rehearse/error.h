/* error.h: the one way code below cli/ reports failure.
 *
 * A function that can fail returns 0 on success and -1 on failure, and on
 * failure fills the caller's struct error: a kind and a message that can
 * stand alone ("'x.md': deck file is larger than 128 MiB": subject first,
 * lower case, no full stop, one line).  An optional hint says what to do
 * next.  Nothing below cli/ prints, prompts or exits: cli/ prints the
 * message (sanitised, since it quotes outside text) and turns the kind
 * into the exit status.  Parsers that report a position use their own
 * error structs (deck_error, config_error) under the same rule. */
#ifndef REHEARSE_ERROR_H
#define REHEARSE_ERROR_H

#include "rehearse/util.h"

#include <stddef.h>

enum error_kind {
    ERROR_FAIL = 1,    /* I/O, the collection, anything else: exit 1 */
    ERROR_USAGE = 2,   /* the command line or environment is wrong: exit 2 */
    ERROR_REFUSED = 3, /* a deck, key or signature was refused: exit 3 */
    ERROR_NEWER = 4,   /* the collection is from a newer rehearse: exit 4 */
};

struct error {
    enum error_kind kind;
    char message[1024];
    char hint[512]; /* "" or what the user can do about it */
};

/* Fills err (if non-NULL) and returns -1, so call sites can say
 * `return error_set(err, ERROR_FAIL, "...")`. */
int error_set(struct error *err, enum error_kind kind, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* The same, with ": strerror(errno)" appended. */
int error_errno(struct error *err, enum error_kind kind, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* Sets the hint of an error already set.  Returns -1. */
int error_hint(struct error *err, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Empties err. */
void error_clear(struct error *err);

#endif
