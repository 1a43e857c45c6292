/* util.h: the small vocabulary every module shares.
 *
 * Allocation wrappers never return NULL: running out of memory ends the
 * program (through the handler cli/ installs), so call sites stay flat.
 * Errors are reported as error.h describes. */
#ifndef REHEARSE_UTIL_H
#define REHEARSE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* splitmix64: the next of a seeded sequence of well-mixed 64-bit
 * numbers, advancing *state.  Reproducible shuffles and draws (the
 * interview's choice, the optimiser's batches, FSRS's fuzz); not for
 * secrets. */
uint64_t splitmix64(uint64_t *state);

/* Called when an allocation fails; it must not return.  Without one,
 * a failed allocation aborts. */
void util_set_oom_handler(void (*handler)(void));

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
/* Appends s as a JSON string, quoted, with '"', '\\' and control
 * characters escaped (s is valid UTF-8: the caller checked it). */
void sb_add_json(struct strbuf *sb, const char *s);
/* Hands the buffer to the caller (who frees it); sb then holds nothing
 * and needs sb_init before it is used again. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* True when s is a valid id: 1..64 characters of [a-z0-9-]. */
bool valid_id(const char *s, size_t len);
#define ID_MAX 64

#endif
