/* report.c: how cli/ speaks to the user about failures.  Every message
 * quotes outside text (paths, deck ids, key names), so all of it passes
 * through render_safe before it reaches the terminal. */
#include "rehearse/cmd.h"
#include "rehearse/render.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_safe(const char *text)
{
    struct strbuf sb;
    sb_init(&sb);
    render_safe(&sb, text, strlen(text));
    fputs(sb.buf, stderr);
    sb_free(&sb);
}

static void vwarn(const char *fmt, va_list ap, int errnum)
{
    char message[2048];
    vsnprintf(message, sizeof message, fmt, ap);
    fflush(stdout);
    fputs("rehearse: ", stderr);
    put_safe(message);
    if (errnum)
        fprintf(stderr, ": %s", strerror(errnum));
    fputc('\n', stderr);
}

void warnx(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap, 0);
    va_end(ap);
}

void warn_errno(const char *fmt, ...)
{
    int errnum = errno;
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap, errnum);
    va_end(ap);
}

void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap, 0);
    va_end(ap);
    exit(status);
}

int exit_status(enum error_kind kind)
{
    switch (kind) {
    case ERROR_USAGE:
        return EXIT_USAGE;
    case ERROR_REFUSED:
        return EXIT_DATA;
    case ERROR_NEWER:
        return EXIT_NEWER_DB;
    case ERROR_FAIL:
        break;
    }
    return EXIT_FAIL;
}

/* The hint is ours, several lines indented by two spaces; each line
 * still goes through the sanitiser, since it may quote a path. */
static void put_hint(const char *hint)
{
    while (*hint) {
        const char *nl = strchr(hint, '\n');
        size_t n = nl ? (size_t)(nl - hint) : strlen(hint);
        char *line = xstrndup(hint, n);
        fputs("  ", stderr);
        put_safe(line);
        fputc('\n', stderr);
        free(line);
        hint += n + (nl != NULL);
    }
}

int report_error(const struct error *err)
{
    fflush(stdout);
    fputs("rehearse: ", stderr);
    put_safe(err->message[0] ? err->message : "unknown error");
    fputc('\n', stderr);
    put_hint(err->hint);
    return exit_status(err->kind);
}

static void out_of_memory(void)
{
    fputs("rehearse: out of memory\n", stderr);
    exit(EXIT_FAIL);
}

void report_init(void)
{
    util_set_oom_handler(out_of_memory);
}
