/* config.c: the config file parser.  See config.h. */
#include "rehearse/config.h"

#include <stdio.h>
#include <string.h>

void config_defaults(struct config *c)
{
    c->new_per_day = 10;
    c->rollover_hour = 4;
    c->target_seconds = 120;
}

static const struct {
    const char *key;
    size_t offset;
    int min, max;
} settings[] = {
    {"new_per_day", offsetof(struct config, new_per_day), 0, 1000},
    {"rollover_hour", offsetof(struct config, rollover_hour), 0, 23},
    {"target_seconds", offsetof(struct config, target_seconds), 10, 3600},
};

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                  (*s)[*n - 1] == '\r'))
        (*n)--;
}

static int fail(struct config_error *err, unsigned line, const char *msg,
                const char *key, size_t keylen)
{
    err->line = line;
    snprintf(err->message, sizeof err->message, msg,
             (int)(keylen > 40 ? 40 : keylen), key);
    return -1;
}

static int parse_int(const char *s, size_t n, int *out)
{
    long v = 0;
    if (n == 0 || n > 6)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = (int)v;
    return 0;
}

static int setting(const char *line, size_t n, unsigned lineno,
                   struct config *c, struct config_error *err)
{
    const char *eq = memchr(line, '=', n);
    if (eq == NULL)
        return fail(err, lineno, "expected 'key = value'%.*s", "", 0);
    const char *key = line, *val = eq + 1;
    size_t klen = (size_t)(eq - line), vlen = n - klen - 1;
    trim(&key, &klen);
    trim(&val, &vlen);
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        if (strlen(settings[i].key) != klen ||
            memcmp(settings[i].key, key, klen) != 0)
            continue;
        int v;
        if (parse_int(val, vlen, &v) || v < settings[i].min ||
            v > settings[i].max) {
            err->line = lineno;
            snprintf(err->message, sizeof err->message,
                     "'%s' needs a whole number from %d to %d, not '%.*s'",
                     settings[i].key, settings[i].min, settings[i].max,
                     (int)(vlen > 40 ? 40 : vlen), val);
            return -1;
        }
        *(int *)((char *)c + settings[i].offset) = v;
        return 0;
    }
    return fail(err, lineno, "unknown setting '%.*s'", key, klen);
}

int config_parse(const char *text, size_t len, struct config *c,
                 struct config_error *err)
{
    unsigned lineno = 0;
    const char *end = text + len;
    while (text < end) {
        const char *nl = memchr(text, '\n', (size_t)(end - text));
        const char *stop = nl ? nl : end;
        const char *line = text;
        size_t n = (size_t)(stop - text);
        lineno++;
        text = nl ? nl + 1 : end;
        if (memchr(line, '\0', n))
            return fail(err, lineno, "NUL byte%.*s", "", 0);
        /* Every value is a number, so a '#' anywhere starts a comment,
         * as in "new_per_day = 10   # weekdays". */
        const char *hash = memchr(line, '#', n);
        if (hash)
            n = (size_t)(hash - line);
        trim(&line, &n);
        if (n == 0)
            continue;
        if (setting(line, n, lineno, c, err))
            return -1;
    }
    return 0;
}
