/* files.h: reading the files a user names (decks, keys, signatures,
 * config), refusing anything that is not a regular file before it can
 * hang the program (a FIFO) or mislead it (a directory). */
#ifndef REHEARSE_FILES_H
#define REHEARSE_FILES_H

#include "rehearse/error.h"

#include <stddef.h>

/* Reads the whole regular file at path, of at most `limit` bytes, into a
 * NUL-terminated buffer (free it) and sets *len.  On failure returns NULL
 * with err set, naming `what` ("deck", "signature") and the path; errno
 * stays as the failing call left it (ENOENT for a missing file). */
char *read_file(const char *path, const char *what, size_t limit, size_t *len,
                struct error *err);

#endif
