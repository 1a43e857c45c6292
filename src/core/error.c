/* error.c: filling a struct error.  See error.h for the convention. */
#include "rehearse/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void vfill(struct error *err, enum error_kind kind, int errnum,
                  const char *fmt, va_list ap)
{
    err->kind = kind;
    err->hint[0] = '\0';
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    if (errnum) {
        size_t n = strlen(err->message);
        snprintf(err->message + n, sizeof err->message - n, ": %s",
                 strerror(errnum));
    }
}

int error_set(struct error *err, enum error_kind kind, const char *fmt, ...)
{
    if (err == NULL)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vfill(err, kind, 0, fmt, ap);
    va_end(ap);
    return -1;
}

int error_errno(struct error *err, enum error_kind kind, const char *fmt, ...)
{
    int errnum = errno;
    if (err == NULL)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vfill(err, kind, errnum, fmt, ap);
    va_end(ap);
    return -1;
}

int error_hint(struct error *err, const char *fmt, ...)
{
    if (err == NULL)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->hint, sizeof err->hint, fmt, ap);
    va_end(ap);
    return -1;
}

void error_clear(struct error *err)
{
    err->kind = ERROR_FAIL;
    err->message[0] = err->hint[0] = '\0';
}
