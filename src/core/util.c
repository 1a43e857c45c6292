/* util.c: allocation that cannot fail, growable strings and id syntax:
 * the vocabulary every layer shares. */
#include "rehearse/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*oom_handler)(void);

void util_set_oom_handler(void (*handler)(void))
{
    oom_handler = handler;
}

/* The program cannot go on without memory.  cli/ installs a handler that
 * says so and exits; without one (tests, fuzzers) this aborts. */
static NORETURN void out_of_memory(void)
{
    if (oom_handler)
        oom_handler();
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

void *xgrow(void *ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return ptr;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / size)
            out_of_memory();
        n *= 2;
    }
    *cap = n;
    return xrealloc(ptr, n * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    struct strbuf sb;
    va_list ap;
    sb_init(&sb);
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb.buf = xgrow(sb.buf, &sb.cap, (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(sb.buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return sb.buf;
}

void sb_init(struct strbuf *sb)
{
    sb->buf = NULL;
    sb->len = 0;
    sb->cap = 0;
    sb->buf = xgrow(sb->buf, &sb->cap, 1, 1);
    sb->buf[0] = '\0';
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
    sb->buf = xgrow(sb->buf, &sb->cap, sb->len + n + 1, 1);
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
    sb_add(sb, &c, 1);
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb->buf = xgrow(sb->buf, &sb->cap, sb->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void sb_reset(struct strbuf *sb)
{
    sb->len = 0;
    sb->buf[0] = '\0';
}

char *sb_detach(struct strbuf *sb)
{
    char *p = sb->buf;
    sb->buf = NULL; /* nothing left to free; sb_init before reusing it */
    sb->len = sb->cap = 0;
    return p;
}

void sb_free(struct strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

bool valid_id(const char *s, size_t len)
{
    if (len == 0 || len > ID_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

void sb_add_json(struct strbuf *sb, const char *s)
{
    sb_addc(sb, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sb_addf(sb, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            sb_addf(sb, "\\u%04x", c);
        else
            sb_addc(sb, (char)c);
    }
    sb_addc(sb, '"');
}

uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
