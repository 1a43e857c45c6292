/* config.c: the config file parser.  See config.h. */
#include "rehearse/config.h"
#include "rehearse/fsrs.h"

#include "rehearse/util.h"

#include <stdbool.h>

#include <stdio.h>
#include <string.h>

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    c->new_per_day = 10;
    c->rollover_hour = 4;
    c->target_seconds = 120;
    c->reviews_per_day = 0;
    c->leech_threshold = 8; /* Anki's default */
    c->new_order = NEW_ORDER_INTERLEAVE;
    c->scheduler = CONFIG_SM2;
    c->desired_retention = FSRS_RETENTION;
    c->maximum_interval = FSRS_MAX_INTERVAL;
}

/* New cards of the decks a Python interview leans on most come first, so
 * a new user's first cards are Python, not "tell me about yourself". */
static const struct {
    const char *deck;
    int priority;
} default_priorities[] = {
    {"python-basics", 90}, {"data-structures-algorithms", 85},
    {"python-oop", 80},    {"databases", 70},
    {"web-backends", 70},  {"python-performance", 65},
    {"networking", 60},    {"data-engineering", 60},
    {"web-security", 55},  {"dev-practice", 50},
    {"behavioral", 20},
};

static const struct deck_config *find_deck_n(const struct config *c,
                                             const char *deck, size_t n)
{
    for (size_t i = 0; i < c->ndecks; i++)
        if (strlen(c->decks[i].id) == n && memcmp(c->decks[i].id, deck, n) == 0)
            return &c->decks[i];
    return NULL;
}

static const struct deck_config *find_deck(const struct config *c,
                                           const char *deck)
{
    return find_deck_n(c, deck, strlen(deck));
}

int config_deck_priority(const struct config *c, const char *deck)
{
    const struct deck_config *d = find_deck(c, deck);
    if (d && d->priority >= 0)
        return d->priority;
    for (size_t i = 0;
         i < sizeof default_priorities / sizeof default_priorities[0]; i++)
        if (strcmp(default_priorities[i].deck, deck) == 0)
            return default_priorities[i].priority;
    return 50;
}

int config_deck_new_limit(const struct config *c, const char *deck)
{
    const struct deck_config *d = find_deck(c, deck);
    return d ? d->new_per_day : -1;
}

static const struct {
    const char *key;
    size_t offset;
    int min, max;
} settings[] = {
    {"new_per_day", offsetof(struct config, new_per_day), 0, 1000},
    {"rollover_hour", offsetof(struct config, rollover_hour), 0, 23},
    {"target_seconds", offsetof(struct config, target_seconds), 10, 3600},
    {"reviews_per_day", offsetof(struct config, reviews_per_day), 0, 100000},
    {"leech_threshold", offsetof(struct config, leech_threshold), 1, 100},
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

static bool is(const char *key, size_t klen, const char *name)
{
    return strlen(name) == klen && memcmp(name, key, klen) == 0;
}

/* A whole number from min to max, or -1 with err set. */
static int number(const char *name, const char *val, size_t vlen, int min,
                  int max, unsigned lineno, int *out, struct config_error *err)
{
    int v;
    if (parse_int(val, vlen, &v) == 0 && v >= min && v <= max) {
        *out = v;
        return 0;
    }
    err->line = lineno;
    snprintf(err->message, sizeof err->message,
             "'%s' needs a whole number from %d to %d, not '%.*s'", name, min,
             max, (int)(vlen > 40 ? 40 : vlen), val);
    return -1;
}

static int set_order(const char *val, size_t vlen, unsigned lineno,
                     struct config *c, struct config_error *err)
{
    static const char *const names[] = {"interleave", "deck", "random"};
    for (int i = 0; i < 3; i++)
        if (is(val, vlen, names[i])) {
            c->new_order = (enum new_order)i;
            return 0;
        }
    return fail(err, lineno,
                "'new_order' is interleave, deck or random, not '%.*s'", val,
                vlen);
}

static int set_scheduler(const char *val, size_t vlen, unsigned lineno,
                         struct config *c, struct config_error *err)
{
    if (is(val, vlen, "sm2") || is(val, vlen, "fsrs")) {
        c->scheduler = is(val, vlen, "fsrs") ? CONFIG_FSRS : CONFIG_SM2;
        return 0;
    }
    return fail(err, lineno, "'scheduler' is sm2 or fsrs, not '%.*s'", val,
                vlen);
}

/* desired_retention: 0.70 to 0.99, written with a point and at most
 * four decimals ("0.9", "0.85"). */
static int set_retention(const char *val, size_t vlen, unsigned lineno,
                         struct config *c, struct config_error *err)
{
    long frac = 0, scale = 1;
    bool ok = vlen >= 3 && vlen <= 6 && val[0] == '0' && val[1] == '.';
    for (size_t i = 2; ok && i < vlen; i++) {
        ok = val[i] >= '0' && val[i] <= '9';
        frac = frac * 10 + (val[i] - '0');
        scale *= 10;
    }
    double r = ok ? (double)frac / (double)scale : 0.0;
    if (ok && r >= 0.70 - 1e-12 && r <= 0.99 + 1e-12) {
        c->desired_retention = r;
        return 0;
    }
    return fail(err, lineno,
                "'desired_retention' needs a number from 0.70 to 0.99, not "
                "'%.*s'",
                val, vlen);
}

/* deck.ID.priority or deck.ID.new_per_day; klen covers the whole key. */
static int set_deck(const char *key, size_t klen, const char *val, size_t vlen,
                    unsigned lineno, struct config *c, struct config_error *err)
{
    const char *id = key + 5, *dot = memchr(id, '.', klen - 5);
    size_t idlen = dot ? (size_t)(dot - id) : 0;
    if (dot == NULL || !valid_id(id, idlen))
        return fail(err, lineno, "unknown setting '%.*s'", key, klen);
    const char *what = dot + 1;
    size_t wlen = klen - 5 - idlen - 1;
    bool priority = is(what, wlen, "priority");
    if (!priority && !is(what, wlen, "new_per_day"))
        return fail(err, lineno, "unknown setting '%.*s'", key, klen);
    char name[80];
    snprintf(name, sizeof name, "%.*s", (int)klen, key);
    struct deck_config *d = (struct deck_config *)find_deck_n(c, id, idlen);
    if (d == NULL) {
        if (c->ndecks == CONFIG_MAX_DECKS)
            return fail(err, lineno, "too many deck settings%.*s", "", 0);
        d = &c->decks[c->ndecks++];
        snprintf(d->id, sizeof d->id, "%.*s", (int)idlen, id);
        d->priority = d->new_per_day = -1;
    }
    return number(name, val, vlen, 0, priority ? 100 : 1000, lineno,
                  priority ? &d->priority : &d->new_per_day, err);
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
    if (is(key, klen, "new_order"))
        return set_order(val, vlen, lineno, c, err);
    if (is(key, klen, "scheduler"))
        return set_scheduler(val, vlen, lineno, c, err);
    if (is(key, klen, "fuzz")) {
        if (!is(val, vlen, "on") && !is(val, vlen, "off"))
            return fail(err, lineno, "'fuzz' is on or off, not '%.*s'", val,
                        vlen);
        c->fuzz = is(val, vlen, "on");
        return 0;
    }
    if (is(key, klen, "desired_retention"))
        return set_retention(val, vlen, lineno, c, err);
    if (is(key, klen, "maximum_interval")) {
        int days;
        if (number("maximum_interval", val, vlen, 1, FSRS_MAX_INTERVAL, lineno,
                   &days, err))
            return -1;
        c->maximum_interval = days;
        return 0;
    }
    if (klen > 5 && memcmp(key, "deck.", 5) == 0)
        return set_deck(key, klen, val, vlen, lineno, c, err);
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
        if (is(key, klen, settings[i].key))
            return number(settings[i].key, val, vlen, settings[i].min,
                          settings[i].max, lineno,
                          (int *)((char *)c + settings[i].offset), err);
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
        /* No value can hold a '#' (numbers, words and ids), so a '#'
         * anywhere starts a comment, as in "new_per_day = 10  # weekdays". */
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
