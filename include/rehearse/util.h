/* util.h: the small vocabulary every module shares.
 *
 * Allocation wrappers never return NULL: running out of memory ends the
 * program with a message, so call sites stay flat.  Errors meant for the
 * user go through die()/warnx() and are prefixed with "rehearse: ". */
#ifndef REHEARSE_UTIL_H
#define REHEARSE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Exit statuses, documented in rehearse(1) and the README. */
enum {
    EXIT_OK = 0,
    EXIT_FAIL = 1,     /* a command failed: I/O, collection, refused input */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_DATA = 3,     /* a deck, key or signature was refused */
    EXIT_NEWER_DB = 4, /* the collection was written by a newer rehearse */
};

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of `*cap` elements of `size` bytes to hold `need`. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Prints "rehearse: MESSAGE" to stderr.  warn_errno appends strerror. */
void warnx(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warn_errno(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void die(int status, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* A growable, always NUL-terminated byte string. */
struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
};
void sb_init(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_reset(struct strbuf *sb);
/* Hands the buffer to the caller (who frees it) and empties sb. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* Reads a whole regular file of at most `limit` bytes into a NUL-terminated
 * buffer.  Returns NULL with errno set (EFBIG past the limit). */
char *read_file(const char *path, size_t limit, size_t *len);

/* True when s is a valid id: 1..64 characters of [a-z0-9-]. */
bool valid_id(const char *s, size_t len);
#define ID_MAX 64

#endif
