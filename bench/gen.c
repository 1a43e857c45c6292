/* gen.c: deterministic benchmark data for rehearse.
 *
 *   rehearse-bench-gen deck --seed S --cards N --version V --out DIR
 *                      [--per-file M] [--change-every K]
 *   rehearse-bench-gen collection --seed S --cards C --reviews R --due D
 *                      --today YYYY-MM-DD --db PATH
 *   rehearse-bench-gen check --today YYYY-MM-DD --db PATH [--full]
 *
 * `deck` writes DIR/bench-NN.md (at most M cards each, default 25,000, so
 * that every file stays under the format's 32 MiB limit) and, for the
 * floors, the same rows as CSV: floor-cards.csv and floor-tags.csv in the
 * cards and card_tags column order (what `rehearse import` stores in an
 * empty collection), floor-decks.sql (the decks rows) and, for every
 * version, floor-update.csv and floor-update-tags.csv (the rows an update
 * touches).  Version V > 1 changes the answer of every K-th card (default
 * 10: 10 % of the cards) and nothing else.
 *
 * `collection` fills a collection that `rehearse decks` has just created
 * (schema only) with C cards in decks of at most 25,000, and exactly R
 * review-log rows spread over years: each studied card was first seen on
 * a day drawn from a span (found by bisection so that the histories add up
 * to R) and then reviewed on every due day, often on time, sometimes late,
 * with realistic grades, scheduled by rehearse's own sm2_review; a grade
 * below 4 is usually followed by a same-day 'repeat' row.  The `daily`
 * table holds exactly the per-day per-deck totals of that log.  Every card
 * is due after --today except D cards due on it or up to a week before
 * ("a day's worth").  2 % of the cards were never studied, 0.2 % are
 * suspended.
 *
 * `check` verifies what `collection` promises: daily agrees with the log,
 * every card's schedule is its last review's result, nothing is logged on
 * or after --today; it prints the number of cards due.  --full also checks
 * that each review starts where the previous one of its card ended.
 *
 * Everything is a function of --seed: the same seed gives the same bytes.
 * Assumes TZ=UTC, as the benchmark runner sets it. */
#include "rehearse/clock.h"
#include "rehearse/sm2.h"
#include "rehearse/util.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The schema the generated rows fit: rehearse's own (the collection is
 * made by `rehearse decks` first). */
#define BENCH_SCHEMA_VERSION 5

/* A tool, not the library: it may print and exit where it fails. */
enum { EXIT_FAIL = 1, EXIT_USAGE = 2 };

static NORETURN PRINTF_LIKE(2, 3) void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("rehearse-bench-gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(status);
}

#define DECK_CARDS_MAX 25000 /* cards per deck file and per generated deck */

/* ---- a small deterministic random generator (SplitMix64) ---- */

struct rng {
    uint64_t s;
};

static uint64_t rnext(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A stream of its own for each (seed, a, b, c): cards do not shift when
 * another card's text changes length. */
static struct rng rng_for(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    struct rng r = {seed};
    r.s = rnext(&r) ^ (a * 0xD6E8FEB86659FD93ULL);
    r.s = rnext(&r) ^ (b * 0xA0761D6478BD642FULL);
    r.s = rnext(&r) ^ (c * 0xE7037ED1A0B428DBULL);
    rnext(&r);
    return r;
}

static unsigned below(struct rng *r, unsigned n)
{
    return (unsigned)(rnext(r) % n);
}

static double unit(struct rng *r)
{
    return (double)(rnext(r) >> 11) * 0x1.0p-53;
}

#define PICK(r, list) ((list)[below((r), sizeof(list) / sizeof((list)[0]))])

/* ---- text that reads like interview material ---- */

static const char *const nouns[] = {
    "generator",
    "decorator",
    "list comprehension",
    "dictionary",
    "hash table",
    "closure",
    "context manager",
    "metaclass",
    "descriptor",
    "iterator",
    "coroutine",
    "event loop",
    "thread",
    "process",
    "global interpreter lock",
    "garbage collector",
    "reference count",
    "tuple",
    "set",
    "frozenset",
    "__slots__ declaration",
    "method resolution order",
    "mixin",
    "abstract base class",
    "dataclass",
    "type hint",
    "protocol",
    "module",
    "package",
    "virtual environment",
    "wheel",
    "unit test",
    "fixture",
    "mock object",
    "transaction",
    "index",
    "query plan",
    "socket",
    "TCP connection",
    "HTTP request",
    "cache",
    "queue",
    "heap",
    "binary search",
    "linked list",
    "balanced tree",
    "graph traversal",
    "recursive call",
    "memoised function",
    "connection pool",
    "lock",
    "semaphore",
    "future",
    "task",
    "exception",
    "traceback",
    "stack frame",
    "namespace",
    "import hook",
    "bytecode",
    "string",
    "bytes object",
    "slice",
    "default argument",
    "keyword argument",
    "property",
    "class method",
    "static method",
    "instance attribute",
    "class attribute",
    "weak reference",
    "shallow copy",
    "deep copy",
    "sorted view",
    "counter",
    "deque",
    "named tuple",
    "enum member",
    "pull request",
    "code review",
    "migration",
    "foreign key",
    "join",
    "deadlock",
    "race condition",
    "retry policy",
    "timeout",
    "load balancer",
};

static const char *const verbs[] = {
    "returns",   "holds",    "wraps",     "creates",  "calls",  "stores",
    "binds",     "releases", "yields",    "raises",   "copies", "iterates over",
    "caches",    "locks",    "schedules", "compares", "hashes", "closes",
    "reads",     "writes",   "evaluates", "resolves", "shares", "replaces",
    "blocks on", "updates",
};

static const char *const adjectives[] = {
    "mutable",    "immutable", "lazy",     "eager",     "thread-safe",
    "hashable",   "ordered",   "sorted",   "shallow",   "deep",
    "bound",      "abstract",  "concrete", "blocking",  "non-blocking",
    "idempotent", "stable",    "cheap",    "expensive", "long-lived",
    "temporary",  "nested",    "global",   "local",     "private",
};

static const char *const connectives[] = {
    "because", "so that", "unless",      "while",      "when",
    "after",   "before",  "even though", "as long as", "only if",
};

static const char *const complexities[] = {
    "1", "log n", "n", "n log n", "n\xc2\xb2", "k", "n + m",
};

static const char *const inline_code[] = {
    "`x is y`",
    "`dict.get`",
    "`__eq__`",
    "`functools.lru_cache`",
    "`with open(path) as f`",
    "`yield from`",
    "`sorted(items, key=len)`",
    "`__hash__`",
    "`copy.deepcopy`",
    "`asyncio.gather`",
    "`threading.Lock`",
    "`itertools.chain`",
    "`super().__init__()`",
    "`__enter__`",
    "`collections.Counter`",
    "`heapq.heappush`",
    "`bisect.insort`",
    "`SELECT ... FOR UPDATE`",
    "`git rebase -i`",
    "`pytest.fixture`",
};

static const char *const identifiers[] = {
    "items",  "total", "seen",  "cache",   "result", "queue", "node",
    "key",    "value", "count", "pending", "batch",  "rows",  "users",
    "orders", "path",  "buf",   "left",    "right",  "best",
};

static const char *const slug_words[] = {
    "generator", "decorator", "closure",   "context",  "metaclass", "iterator",
    "coroutine", "thread",    "process",   "gil",      "tuple",     "dict",
    "set",       "slots",     "mro",       "mixin",    "dataclass", "typing",
    "module",    "venv",      "test",      "mock",     "index",     "socket",
    "tcp",       "http",      "cache",     "queue",    "heap",      "search",
    "tree",      "graph",     "recursion", "pool",     "lock",      "future",
    "exception", "scope",     "bytes",     "slice",    "property",  "copy",
    "deque",     "enum",      "join",      "deadlock", "retry",     "timeout",
    "review",    "migration",
};

static const char *const tag_words[] = {
    "names",       "mutability",  "identity",        "iteration",
    "generators",  "functions",   "closures",        "decorators",
    "exceptions",  "classes",     "inheritance",     "protocols",
    "concurrency", "asyncio",     "memory",          "collections",
    "strings",     "typing",      "testing",         "packaging",
    "sql",         "indexes",     "networking",      "http",
    "algorithms",  "complexity",  "data-structures", "git",
    "design",      "behavioural",
};

static void add_sentence(struct rng *r, struct strbuf *sb)
{
    switch (below(r, 7)) {
    case 0:
        sb_addf(sb, "A %s %s %s the %s %s the %s %s it.", PICK(r, adjectives),
                PICK(r, nouns), PICK(r, verbs), PICK(r, nouns),
                PICK(r, connectives), PICK(r, nouns), PICK(r, verbs));
        break;
    case 1:
        sb_addf(sb,
                "In Python a %s %s a %s %s, which matters %s you pass "
                "it to a %s.",
                PICK(r, nouns), PICK(r, verbs), PICK(r, adjectives),
                PICK(r, nouns), PICK(r, connectives), PICK(r, nouns));
        break;
    case 2:
        sb_addf(sb,
                "The point to make is that the %s is %s: %s changes "
                "what %s does.",
                PICK(r, nouns), PICK(r, adjectives), PICK(r, inline_code),
                PICK(r, inline_code));
        break;
    case 3:
        sb_addf(sb,
                "Interviewers want to hear that a %s and a %s differ "
                "in how they handle a %s.",
                PICK(r, nouns), PICK(r, nouns), PICK(r, nouns));
        break;
    case 4:
        sb_addf(sb,
                "For example, %s %s the %s in O(%s) time, not "
                "O(%s).",
                PICK(r, inline_code), PICK(r, verbs), PICK(r, nouns),
                PICK(r, complexities), PICK(r, complexities));
        break;
    case 5:
        sb_addf(sb,
                "A common mistake is to treat the %s as %s; it is "
                "%s \xe2\x80\x94 check with %s.",
                PICK(r, nouns), PICK(r, adjectives), PICK(r, adjectives),
                PICK(r, inline_code));
        break;
    default:
        sb_addf(sb,
                "Mention the trade-off: a %s is %s, but a %s %s the "
                "%s for you.",
                PICK(r, nouns), PICK(r, adjectives), PICK(r, nouns),
                PICK(r, verbs), PICK(r, nouns));
        break;
    }
}

static void add_code(struct rng *r, struct strbuf *sb)
{
    const char *a = PICK(r, identifiers), *b = PICK(r, identifiers);
    const char *c = PICK(r, identifiers);
    switch (below(r, 3)) {
    case 0:
        sb_addf(sb,
                "```python\ndef %s_%s(%s):\n    %s = [x for x in %s if "
                "x]\n    return %s\n```",
                a, b, c, b, c, b);
        break;
    case 1:
        sb_addf(sb,
                "```python\n>>> %s = {}\n>>> %s.setdefault(\"%s\", "
                "[]).append(1)\n>>> %s\n{'%s': [1]}\n```",
                a, a, b, a, b);
        break;
    default:
        sb_addf(sb,
                "```python\nwith lock:\n    %s = %s.pop()\n    %s."
                "append(%s)\n```",
                a, b, c, a);
        break;
    }
}

static void add_list(struct rng *r, struct strbuf *sb)
{
    unsigned n = 2 + below(r, 3);
    for (unsigned i = 0; i < n; i++)
        sb_addf(sb, "%s- the %s %s the %s", i ? "\n" : "", PICK(r, nouns),
                PICK(r, verbs), PICK(r, nouns));
}

/* Appends a paragraph of words wrapped at 76 columns. */
static void add_wrapped(struct strbuf *sb, const char *text)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        if (col && col + 1 + n > 76) {
            sb_addc(sb, '\n');
            col = 0;
        } else if (col) {
            sb_addc(sb, ' ');
            col++;
        }
        sb_add(sb, p, n);
        col += n;
        p += n;
        while (*p == ' ')
            p++;
    }
}

/* An answer of 200-800 bytes: paragraphs, sometimes a list and a code
 * block.  No leading or trailing blank line, as rehearse stores it. */
static void gen_answer(struct rng *r, struct strbuf *out)
{
    size_t target = 200 + below(r, 601);
    bool code = below(r, 100) < 35, list = below(r, 100) < 25;
    struct strbuf para, unit_text;
    sb_init(&para);
    sb_init(&unit_text);
    sb_reset(out);
    int tries = 0;
    while (out->len < target && tries < 40) {
        sb_reset(&unit_text);
        bool block = false;
        if (code && out->len > 0 && below(r, 2)) {
            add_code(r, &unit_text);
            code = false;
            block = true;
        } else if (list && out->len > 0 && below(r, 2)) {
            add_list(r, &unit_text);
            list = false;
            block = true;
        } else {
            sb_reset(&para);
            unsigned n = 1 + below(r, 3);
            for (unsigned i = 0; i < n; i++) {
                if (i)
                    sb_addc(&para, ' ');
                add_sentence(r, &para);
            }
            add_wrapped(&unit_text, para.buf);
        }
        size_t sep = out->len ? 2 : 0;
        if (out->len + sep + unit_text.len > 800) {
            tries++;
            if (block)
                code = list = false;
            continue;
        }
        if (sep)
            sb_adds(out, "\n\n");
        sb_add(out, unit_text.buf, unit_text.len);
    }
    while (out->len < 200) { /* rare: pad with short sentences */
        sb_adds(out, out->len ? "\n\nSay why." : "Say why.");
    }
    sb_free(&para);
    sb_free(&unit_text);
}

static void gen_question(struct rng *r, struct strbuf *out)
{
    sb_reset(out);
    switch (below(r, 5)) {
    case 0:
        sb_addf(out, "What is the difference between a %s and a %s?",
                PICK(r, nouns), PICK(r, nouns));
        break;
    case 1:
        sb_addf(out, "How does a %s work in Python?", PICK(r, nouns));
        break;
    case 2:
        sb_addf(out, "When would you use a %s instead of a %s?", PICK(r, nouns),
                PICK(r, nouns));
        break;
    case 3:
        sb_addf(out, "Why is %s %s, and what follows from it?",
                PICK(r, inline_code), PICK(r, adjectives));
        break;
    default:
        sb_addf(out, "Explain the %s %s, with an example.", PICK(r, adjectives),
                PICK(r, nouns));
        break;
    }
}

/* Card ids: two words and the card's number, so they are unique. */
static void gen_slug(struct rng *r, unsigned long index, char *buf, size_t len)
{
    snprintf(buf, len, "%s-%s-%lx", PICK(r, slug_words), PICK(r, slug_words),
             index);
}

struct card_text {
    char slug[96];
    struct strbuf question, answer, tags, keys; /* tags ",", keys "\n" */
    struct strbuf tags_line, keys_line;         /* as written in the deck */
};

static void card_text_init(struct card_text *t)
{
    sb_init(&t->question);
    sb_init(&t->answer);
    sb_init(&t->tags);
    sb_init(&t->keys);
    sb_init(&t->tags_line);
    sb_init(&t->keys_line);
}

static void card_text_free(struct card_text *t)
{
    sb_free(&t->question);
    sb_free(&t->answer);
    sb_free(&t->tags);
    sb_free(&t->keys);
    sb_free(&t->tags_line);
    sb_free(&t->keys_line);
}

/* Card `index` of deck `deck`; `variant` > 0 gives a changed answer. */
static void gen_card(uint64_t seed, unsigned deck, unsigned long index,
                     unsigned variant, struct card_text *t)
{
    struct rng r = rng_for(seed, deck, index, 0);
    gen_slug(&r, index, t->slug, sizeof t->slug);
    gen_question(&r, &t->question);
    sb_reset(&t->tags);
    sb_reset(&t->tags_line);
    unsigned first = below(&r, 30), ntags = 1 + below(&r, 2);
    for (unsigned i = 0; i < ntags; i++) {
        const char *tag = tag_words[(first + i * 7) % 30];
        sb_addf(&t->tags, "%s%s", i ? "," : "", tag);
        sb_addf(&t->tags_line, "%s%s", i ? ", " : "", tag);
    }
    const char *level = below(&r, 2) ? "mid" : "junior";
    sb_addf(&t->tags, ",%s", level);
    sb_addf(&t->tags_line, ", %s", level);
    sb_reset(&t->keys);
    sb_reset(&t->keys_line);
    unsigned nkeys = 2 + below(&r, 3);
    for (unsigned i = 0; i < nkeys; i++) {
        char key[160];
        snprintf(key, sizeof key, "%s %s %s", PICK(&r, adjectives),
                 PICK(&r, nouns), PICK(&r, verbs));
        sb_addf(&t->keys, "%s%s", i ? "\n" : "", key);
        sb_addf(&t->keys_line, "%s%s", i ? "; " : "", key);
    }
    struct rng ra = rng_for(seed, deck, index, 1 + variant);
    gen_answer(&ra, &t->answer);
}

/* ---- CSV and files ---- */

static void csv_field(FILE *f, const char *s, bool last)
{
    if (strpbrk(s, ",\"\n\r")) {
        putc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                putc('"', f);
            putc(*s, f);
        }
        putc('"', f);
    } else
        fputs(s, f);
    putc(last ? '\n' : ',', f);
}

static FILE *open_out(const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        die(EXIT_FAIL, "cannot write '%s': %s", path, strerror(errno));
    free(path);
    return f;
}

static void close_out(FILE *f, const char *what)
{
    if (ferror(f) || fclose(f) != 0)
        die(EXIT_FAIL, "cannot write %s", what);
}

/* ---- options ---- */

struct opts {
    uint64_t seed;
    unsigned long cards, reviews, due, per_file, change_every;
    long version;
    const char *out, *db, *today;
    bool full;
};

static unsigned long parse_num(const char *opt, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *end)
        die(EXIT_USAGE, "%s: '%s' is not a number", opt, v);
    return (unsigned long)n;
}

static void parse_opts(int argc, char **argv, struct opts *o)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--full")) {
            o->full = true;
            continue;
        }
        if (i + 1 >= argc)
            die(EXIT_USAGE, "option '%s' needs a value", a);
        const char *v = argv[++i];
        if (!strcmp(a, "--seed"))
            o->seed = parse_num(a, v);
        else if (!strcmp(a, "--cards"))
            o->cards = parse_num(a, v);
        else if (!strcmp(a, "--reviews"))
            o->reviews = parse_num(a, v);
        else if (!strcmp(a, "--due"))
            o->due = parse_num(a, v);
        else if (!strcmp(a, "--per-file"))
            o->per_file = parse_num(a, v);
        else if (!strcmp(a, "--change-every"))
            o->change_every = parse_num(a, v);
        else if (!strcmp(a, "--version"))
            o->version = (long)parse_num(a, v);
        else if (!strcmp(a, "--out"))
            o->out = v;
        else if (!strcmp(a, "--db"))
            o->db = v;
        else if (!strcmp(a, "--today"))
            o->today = v;
        else
            die(EXIT_USAGE, "unknown option '%s'", a);
    }
}

static long parse_day(const char *text)
{
    int y, m, d;
    if (text == NULL || sscanf(text, "%4d-%2d-%2d", &y, &m, &d) != 3)
        die(EXIT_USAGE, "--today YYYY-MM-DD is required");
    return days_from_civil(y, m, d);
}

/* ---- deck files ---- */

static int cmd_deck(const struct opts *o)
{
    if (o->cards == 0 || o->out == NULL || o->version < 1)
        die(EXIT_USAGE, "deck needs --cards N, --version V and --out DIR");
    unsigned long per = o->per_file ? o->per_file : DECK_CARDS_MAX;
    unsigned long every = o->change_every ? o->change_every : 10;
    unsigned nfiles = (unsigned)((o->cards + per - 1) / per);
    if (mkdir(o->out, 0777) != 0 && errno != EEXIST)
        die(EXIT_FAIL, "cannot create '%s': %s", o->out, strerror(errno));
    FILE *cards = open_out(o->out, "floor-cards.csv");
    FILE *tags = open_out(o->out, "floor-tags.csv");
    FILE *decks = open_out(o->out, "floor-decks.sql");
    FILE *upd = open_out(o->out, "floor-update.csv");
    FILE *updtags = open_out(o->out, "floor-update-tags.csv");
    struct card_text t;
    card_text_init(&t);
    unsigned long done = 0, changed = 0;
    size_t bytes = 0, answer_bytes = 0;
    for (unsigned f = 0; f < nfiles; f++) {
        unsigned long n = o->cards - done < per ? o->cards - done : per;
        char name[64], id[32];
        snprintf(id, sizeof id, "bench-%02u", f + 1);
        snprintf(name, sizeof name, "%s.md", id);
        FILE *md = open_out(o->out, name);
        fprintf(md,
                "---\nid: %s\ntitle: Benchmark deck %u\nversion: %ld\n"
                "description: Generated interview questions for the "
                "benchmark (seed %llu).\nauthor: rehearse bench\nlicense: "
                "CC0-1.0\ntags: %s",
                id, f + 1, o->version, (unsigned long long)o->seed,
                tag_words[0]);
        for (size_t i = 1; i < sizeof tag_words / sizeof tag_words[0]; i++)
            fprintf(md, ", %s", tag_words[i]);
        fprintf(md,
                ", junior, mid\n---\n\n# Benchmark deck %u\n\n"
                "Questions generated for timing rehearse.\n",
                f + 1);
        fprintf(decks,
                "INSERT INTO decks(id, slug, title, version, description, "
                "author, license, tags, source_hash, publisher_key, "
                "generation, imported_at) VALUES (%u, '%s', 'Benchmark deck "
                "%u', %ld, 'Generated interview questions for the benchmark "
                "(seed %llu).', 'rehearse bench', 'CC0-1.0', '",
                f + 1, id, f + 1, o->version, (unsigned long long)o->seed);
        for (size_t i = 0; i < sizeof tag_words / sizeof tag_words[0]; i++)
            fprintf(decks, "%s%s", i ? "," : "", tag_words[i]);
        fprintf(decks, ",junior,mid', zeroblob(32), zeroblob(32), 1, "
                       "1772355600);\n");
        for (unsigned long i = 0; i < n; i++) {
            unsigned long index = done + i;
            bool change = o->version > 1 && index % every == every / 2;
            gen_card(o->seed, f, index, change ? (unsigned)o->version : 0, &t);
            changed += change;
            answer_bytes += t.answer.len;
            fprintf(md, "\n## %s {#%s}\n\n%s\n\nTags: %s\nKeys: %s\n",
                    t.question.buf, t.slug, t.answer.buf, t.tags_line.buf,
                    t.keys_line.buf);
            /* cards: id, deck_id, slug, question, answer, tags, keys,
             * position, generation, retired, suspended, reps, interval,
             * ef, lapses, due ('' for NULL: the shell's .import cannot
             * write NULL) */
            char num[32];
            snprintf(num, sizeof num, "%lu", index + 1);
            csv_field(cards, num, false);
            snprintf(num, sizeof num, "%u", f + 1);
            csv_field(cards, num, false);
            csv_field(cards, t.slug, false);
            csv_field(cards, t.question.buf, false);
            csv_field(cards, t.answer.buf, false);
            csv_field(cards, t.tags.buf, false);
            csv_field(cards, t.keys.buf, false);
            fprintf(cards, "%lu,1,0,0,0,0,250,0,\n", i);
            for (char *tag = t.tags.buf; tag;) {
                char *comma = strchr(tag, ',');
                fprintf(tags, "%.*s,%lu\n",
                        comma ? (int)(comma - tag) : (int)strlen(tag), tag,
                        index + 1);
                tag = comma ? comma + 1 : NULL;
            }
            /* update: deck, slug, question, answer, tags, keys, position,
             * changed */
            csv_field(upd, id, false);
            csv_field(upd, t.slug, false);
            csv_field(upd, t.question.buf, false);
            csv_field(upd, t.answer.buf, false);
            csv_field(upd, t.tags.buf, false);
            csv_field(upd, t.keys.buf, false);
            fprintf(upd, "%lu,%d\n", i, change);
            if (change)
                for (char *tag = t.tags.buf; tag;) {
                    char *comma = strchr(tag, ',');
                    fprintf(updtags, "%s,%s,%.*s\n", id, t.slug,
                            comma ? (int)(comma - tag) : (int)strlen(tag), tag);
                    tag = comma ? comma + 1 : NULL;
                }
        }
        bytes += (size_t)ftell(md);
        close_out(md, name);
        done += n;
    }
    close_out(cards, "floor-cards.csv");
    close_out(tags, "floor-tags.csv");
    close_out(decks, "floor-decks.sql");
    close_out(upd, "floor-update.csv");
    close_out(updtags, "floor-update-tags.csv");
    card_text_free(&t);
    printf("deck: %lu cards in %u file(s), %zu bytes, mean answer %zu bytes, "
           "%lu changed\n",
           o->cards, nfiles, bytes, answer_bytes / o->cards, changed);
    return 0;
}

/* ---- a collection with years of history ---- */

enum { KIND_REVIEW = 0, KIND_REPEAT = 1 };

struct logrow {
    uint32_t card; /* 1-based card id */
    int32_t day;
    int32_t tod; /* seconds into the day (UTC) */
    int32_t duration_ms;
    struct sm2 before, after;
    int32_t due_before, due_after; /* -1 for NULL */
    uint8_t kind, grade;
};

struct cardstate {
    struct sm2 sm;
    int32_t due; /* -1 while new */
    uint8_t suspended;
};

/* Grade odds in percent for 0..5: a first sight is harder; afterwards
 * 4 % of reviews fail and 6 % pass with difficulty.  With these, SM-2
 * histories averaging ten rows a card (R/C in the issue) start up to six
 * or seven years back, about what a decade of steady study gives. */
static int draw_grade(struct rng *r, bool first)
{
    static const int seen[6] = {1, 1, 2, 6, 40, 50};
    static const int fresh[6] = {4, 6, 10, 20, 35, 25};
    const int *odds = first ? fresh : seen;
    int x = (int)below(r, 100);
    for (int g = 0; g < 6; g++) {
        if (x < odds[g])
            return g;
        x -= odds[g];
    }
    return 5;
}

static int32_t draw_duration(struct rng *r)
{
    /* 4-60 s, most answers short. */
    double u = unit(r);
    return (int32_t)(4000 + u * u * 56000);
}

#define HISTORY_MAX 4096 /* log rows one card may have */

struct sim {
    uint64_t seed;
    long today; /* the benchmark day */
    long span;  /* cards were first studied up to this many days ago */
};

/* The review log of card `card` (1-based) for `attempt`, in absolute days:
 * first studied `age` days ago, then reviewed on each due day (sometimes a
 * little late) until its next due day is today or later; a grade below 4
 * is usually followed by a same-day 'repeat'.  A card in the due quota
 * ends due today or up to a week overdue; any other card ends due in the
 * future.  Writes up to HISTORY_MAX rows (rows may be NULL to count only)
 * and returns the count. */
static unsigned card_history(const struct sim *g, uint32_t card,
                             uint32_t attempt, bool quota, struct logrow *rows,
                             struct cardstate *end)
{
    static struct logrow scratch[HISTORY_MAX];
    struct logrow *w0 = rows ? rows : scratch;
    for (uint32_t sub = 0;; sub++) {
        struct rng r = rng_for(g->seed, card, attempt, 1 + sub);
        int32_t age = 1 + (int32_t)below(&r, (unsigned)g->span);
        struct sm2 s = sm2_new();
        int32_t due = -1, day = 0;
        unsigned n = 0;
        bool overflow = false;
        for (;;) {
            if (n + 2 > HISTORY_MAX) {
                overflow = true;
                break;
            }
            struct logrow *w = &w0[n++];
            memset(w, 0, sizeof *w);
            w->card = card;
            w->kind = KIND_REVIEW;
            int grade = draw_grade(&r, due < 0);
            w->day = day;
            w->tod = 6 * 3600 + (int32_t)below(&r, 14 * 3600);
            w->grade = (uint8_t)grade;
            w->duration_ms = draw_duration(&r);
            w->before = s;
            w->due_before = due;
            s = sm2_review(s, grade);
            due = day + s.interval;
            w->after = s;
            w->due_after = due;
            if (grade < SM2_WELL_KNOWN && below(&r, 100) < 80) {
                struct logrow *p = &w0[n++];
                memset(p, 0, sizeof *p);
                p->card = card;
                p->kind = KIND_REPEAT;
                p->day = day;
                p->tod = w->tod + w->duration_ms / 1000 + 60 +
                         (int32_t)below(&r, 900);
                p->grade =
                    (uint8_t)(below(&r, 100) < 75 ? 4 + below(&r, 2) : 3);
                p->duration_ms = draw_duration(&r);
                p->before = p->after = s;
                p->due_before = p->due_after = due;
            }
            if (due >= age)
                break; /* next due today or later: history ends here */
            unsigned late = below(&r, 100);
            int32_t next = due + (late < 75   ? 0
                                  : late < 95 ? 1 + (int32_t)below(&r, 3)
                                              : 4 + (int32_t)below(&r, 20));
            day = next < age ? next : due;
        }
        if (overflow)
            continue;
        /* Relative day `age` is today.  Move the history so the card is
         * due when it should be (moving it moves the day it was first
         * studied, nothing else). */
        int32_t shift;
        if (quota) {
            unsigned x = below(&r, 100);
            int32_t lag = x < 60 ? 0 : 1 + (int32_t)below(&r, 7);
            shift = age - due - lag; /* due on today - lag */
        } else if (due > age)
            shift = 0;
        else if (s.interval >= 2)
            shift = 1 + (int32_t)below(&r, (unsigned)s.interval - 1);
        else
            continue; /* failed yesterday: due today; draw another */
        int32_t base = (int32_t)g->today - age + shift;
        for (unsigned j = 0; j < n; j++) {
            w0[j].day += base;
            if (w0[j].due_before >= 0)
                w0[j].due_before += base;
            w0[j].due_after += base;
        }
        end->sm = s;
        end->due = due + base;
        return n;
    }
}

/* Mean log rows per card for a span, over a sample of cards. */
static double mean_rows(struct sim *g, long span, unsigned sample)
{
    struct cardstate end;
    long save = g->span;
    unsigned long sum = 0;
    g->span = span;
    for (unsigned i = 0; i < sample; i++)
        sum += card_history(g, 0x40000000u + i, 0, false, NULL, &end);
    g->span = save;
    return (double)sum / sample;
}

static int cmp_tod(const void *a, const void *b)
{
    const struct logrow *x = a, *y = b;
    if (x->tod != y->tod)
        return x->tod < y->tod ? -1 : 1;
    return x->card < y->card ? -1 : x->card > y->card;
}

static void check_sql(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die(EXIT_FAIL, "%s: %s", what, sqlite3_errmsg(db));
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    check_sql(db, sqlite3_prepare_v2(db, sql, -1, &s, NULL), sql);
    return s;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        die(EXIT_FAIL, "%s: %s", sql, err ? err : "?");
}

static void step_done(sqlite3 *db, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        die(EXIT_FAIL, "%s: %s", what, sqlite3_errmsg(db));
    sqlite3_reset(s);
}

static long query_long(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = prep(db, sql);
    long v = -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(s, 0);
    else
        die(EXIT_FAIL, "%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return v;
}

static void bind_day_or_null(sqlite3_stmt *s, int i, int32_t day)
{
    if (day >= 0)
        sqlite3_bind_int64(s, i, day);
    else
        sqlite3_bind_null(s, i);
}

static void progress(const char *what)
{
    static long long start;
    if (start == 0)
        start = clock_ms();
    fprintf(stderr, "  gen: %-14s %6.1f s\n", what,
            (double)(clock_ms() - start) / 1000.0);
}

struct daytotal {
    int64_t reviews, passed, time_ms;
    bool any;
};

static int cmd_collection(const struct opts *o)
{
    if (o->cards == 0 || o->db == NULL)
        die(EXIT_USAGE, "collection needs --cards C, --reviews R, --due D, "
                        "--today DAY and --db PATH");
    struct sim g = {o->seed, parse_day(o->today), 0};
    progress("start");
    const long today = g.today;
    const unsigned long ncards = o->cards, total = o->reviews;
    const unsigned ndecks =
        (unsigned)((ncards + DECK_CARDS_MAX - 1) / DECK_CARDS_MAX);
    const unsigned long per_deck = (ncards + ndecks - 1) / ndecks;

    /* Which cards were ever studied (2 % are still new), which are in the
     * due quota, which are suspended. */
    struct rng r = rng_for(o->seed, 0xC011, 0, 0);
    uint8_t *role = xcalloc(ncards, 1); /* 0 new, 1 seen, 2 seen and due */
    unsigned long nseen = 0;
    for (unsigned long i = 0; i < ncards; i++)
        if (below(&r, 1000) >= 20) {
            role[i] = 1;
            nseen++;
        }
    if (nseen == 0 || total < nseen)
        die(EXIT_USAGE, "need at least one review per studied card (%lu)",
            nseen);
    unsigned long due_wanted = o->due < nseen ? o->due : nseen, ndue = 0;
    while (ndue < due_wanted) {
        unsigned long i = (unsigned long)(rnext(&r) % ncards);
        if (role[i] == 1) {
            role[i] = 2;
            ndue++;
        }
    }

    /* How far back the first study goes, so that histories average R /
     * seen rows: bisection on the span. */
    double want_mean = (double)total / (double)nseen;
    long lo = 2, hi = 40 * 365;
    while (hi - lo > 1) {
        long mid = (lo + hi) / 2;
        if (mean_rows(&g, mid, 3000) < want_mean)
            lo = mid;
        else
            hi = mid;
    }
    g.span = hi;

    /* Every card's history, counted; then cards are redrawn one at a time
     * (another first-study day, other grades) until there are exactly R
     * rows. */
    uint32_t *attempt = xcalloc(ncards, sizeof *attempt);
    uint16_t *count = xcalloc(ncards, sizeof *count);
    struct cardstate end;
    unsigned long sum = 0;
    for (unsigned long i = 0; i < ncards; i++)
        if (role[i]) {
            count[i] = (uint16_t)card_history(&g, (uint32_t)(i + 1), 0,
                                              role[i] == 2, NULL, &end);
            sum += count[i];
        }
    unsigned long redraws = 0;
    while (sum != total) {
        if (++redraws > 200000000UL)
            die(EXIT_FAIL, "cannot reach %lu reviews (at %lu)", total, sum);
        unsigned long i = (unsigned long)(rnext(&r) % ncards);
        if (!role[i])
            continue;
        uint32_t a = attempt[i] + 1;
        unsigned c =
            card_history(&g, (uint32_t)(i + 1), a, role[i] == 2, NULL, &end);
        long diff = (long)total - (long)sum;
        long after = diff - ((long)c - (long)count[i]);
        if (labs(after) < labs(diff)) {
            sum = sum - count[i] + c;
            count[i] = (uint16_t)c;
            attempt[i] = a;
        }
    }

    /* Now write the histories out for real. */
    struct logrow *log = xmalloc((total ? total : 1) * sizeof *log);
    struct cardstate *cards = xcalloc(ncards, sizeof *cards);
    unsigned long at = 0;
    int32_t min_day = (int32_t)today, max_day = 0;
    for (unsigned long i = 0; i < ncards; i++) {
        struct rng cr = rng_for(o->seed, 0x515, i, 0);
        cards[i].sm = sm2_new();
        cards[i].due = -1;
        cards[i].suspended = role[i] != 2 && below(&cr, 1000) < 2;
        if (!role[i])
            continue;
        unsigned k = card_history(&g, (uint32_t)(i + 1), attempt[i],
                                  role[i] == 2, &log[at], &cards[i]);
        if (k != count[i])
            die(EXIT_FAIL, "internal error: history of card %lu changed",
                i + 1);
        for (unsigned j = 0; j < k; j++) {
            if (log[at + j].day < min_day)
                min_day = log[at + j].day;
            if (log[at + j].day > max_day)
                max_day = log[at + j].day;
        }
        at += k;
    }
    if (max_day >= today)
        die(EXIT_FAIL, "internal error: a review lands on day %d", max_day);
    free(attempt);
    free(count);

    /* Chronological ids: counting sort by day, then by time of day. */
    size_t ndays = (size_t)(max_day - min_day + 1);
    size_t *start = xcalloc(ndays + 1, sizeof *start);
    for (unsigned long j = 0; j < total; j++)
        start[log[j].day - min_day + 1]++;
    for (size_t d = 0; d < ndays; d++)
        start[d + 1] += start[d];
    struct logrow *sorted = xmalloc((total ? total : 1) * sizeof *sorted);
    size_t *fill = xmalloc((ndays + 1) * sizeof *fill);
    memcpy(fill, start, (ndays + 1) * sizeof *fill);
    for (unsigned long j = 0; j < total; j++)
        sorted[fill[log[j].day - min_day]++] = log[j];
    free(log);
    free(fill);
    for (size_t d = 0; d < ndays; d++)
        qsort(sorted + start[d], start[d + 1] - start[d], sizeof *sorted,
              cmp_tod);

    /* Write it all in one transaction. */
    sqlite3 *db;
    if (sqlite3_open_v2(o->db, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        die(EXIT_FAIL, "cannot open '%s': %s", o->db, sqlite3_errmsg(db));
    if (query_long(db, "PRAGMA user_version") != BENCH_SCHEMA_VERSION ||
        query_long(db, "SELECT count(*) FROM decks") != 0)
        die(EXIT_FAIL,
            "'%s' is not an empty rehearse collection of schema "
            "version %d (run 'rehearse decks' on a new path first)",
            o->db, BENCH_SCHEMA_VERSION);
    exec_sql(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                 "PRAGMA cache_size = -2000000; PRAGMA foreign_keys = OFF; "
                 "PRAGMA temp_store = MEMORY; BEGIN");
    /* Secondary indexes are dropped for the load and rebuilt from their
     * own definitions afterwards (sorting once beats 10M random inserts);
     * the schema ends up exactly as rehearse made it. */
    char *index_sql[32], *index_name[32];
    size_t nindex = 0;
    sqlite3_stmt *ix = prep(db, "SELECT name, sql FROM sqlite_schema WHERE "
                                "type = 'index' AND sql IS NOT NULL");
    while (sqlite3_step(ix) == SQLITE_ROW && nindex < 32) {
        index_name[nindex] = xasprintf(
            "DROP INDEX \"%s\"", (const char *)sqlite3_column_text(ix, 0));
        index_sql[nindex++] = xstrdup((const char *)sqlite3_column_text(ix, 1));
    }
    sqlite3_finalize(ix);
    for (size_t i = 0; i < nindex; i++) {
        exec_sql(db, index_name[i]);
        free(index_name[i]);
    }
    progress("simulated");
    sqlite3_stmt *ins_deck = prep(
        db, "INSERT INTO decks(id, slug, title, version, description, author,"
            " license, tags, source_hash, publisher_key, generation, "
            "imported_at) VALUES (?1, ?2, ?3, 3, 'Generated for the "
            "benchmark', 'rehearse bench', 'CC0-1.0', ?4, ?5, ?5, 3, ?6)");
    sqlite3_stmt *ins_card = prep(
        db, "INSERT INTO cards(id, deck_id, slug, question, answer, tags, "
            "keys, position, generation, retired, suspended, reps, interval,"
            " ef, lapses, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 3, 0, "
            "?9, ?10, ?11, ?12, ?13, ?14)");
    sqlite3_stmt *ins_tag =
        prep(db, "INSERT INTO card_tags(tag, card_id) VALUES (?1, ?2)");
    sqlite3_stmt *ins_review = prep(
        db, "INSERT INTO reviews(id, card_id, at, day, kind, grade, "
            "duration_ms, reps_before, interval_before, ef_before, "
            "lapses_before, due_before, reps_after, interval_after, ef_after,"
            " lapses_after, due_after, undoes) VALUES (?1, ?2, ?3, ?4, ?5, "
            "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, NULL)");
    sqlite3_stmt *ins_daily =
        prep(db, "INSERT INTO daily(day, deck_id, reviews, passed, time_ms) "
                 "VALUES (?1, ?2, ?3, ?4, ?5)");
    unsigned char publisher[32];
    for (int i = 0; i < 32; i++)
        publisher[i] = (unsigned char)rnext(&r);
    for (unsigned d = 0; d < ndecks; d++) {
        char slug[32], title[64], tags[1024] = "";
        snprintf(slug, sizeof slug, "bench-%02u", d + 1);
        snprintf(title, sizeof title, "Benchmark deck %u", d + 1);
        for (size_t i = 0; i < sizeof tag_words / sizeof tag_words[0]; i++) {
            strcat(tags, i ? "," : "");
            strcat(tags, tag_words[i]);
        }
        strcat(tags, ",junior,mid");
        sqlite3_bind_int64(ins_deck, 1, d + 1);
        sqlite3_bind_text(ins_deck, 2, slug, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_deck, 3, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_deck, 4, tags, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(ins_deck, 5, publisher, 32, SQLITE_STATIC);
        sqlite3_bind_int64(ins_deck, 6, (min_day - 1) * 86400LL + 36000);
        step_done(db, ins_deck, "insert deck");
    }
    struct card_text t;
    card_text_init(&t);
    for (unsigned long i = 0; i < ncards; i++) {
        unsigned deck = (unsigned)(i / per_deck);
        gen_card(o->seed, deck, i, 0, &t);
        const struct cardstate *c = &cards[i];
        sqlite3_bind_int64(ins_card, 1, (sqlite3_int64)i + 1);
        sqlite3_bind_int64(ins_card, 2, deck + 1);
        sqlite3_bind_text(ins_card, 3, t.slug, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_card, 4, t.question.buf, (int)t.question.len,
                          SQLITE_STATIC);
        sqlite3_bind_text(ins_card, 5, t.answer.buf, (int)t.answer.len,
                          SQLITE_STATIC);
        sqlite3_bind_text(ins_card, 6, t.tags.buf, (int)t.tags.len,
                          SQLITE_STATIC);
        sqlite3_bind_text(ins_card, 7, t.keys.buf, (int)t.keys.len,
                          SQLITE_STATIC);
        sqlite3_bind_int64(ins_card, 8, (sqlite3_int64)(i % per_deck));
        sqlite3_bind_int(ins_card, 9, c->suspended);
        sqlite3_bind_int(ins_card, 10, c->sm.reps);
        sqlite3_bind_int(ins_card, 11, c->sm.interval);
        sqlite3_bind_int(ins_card, 12, c->sm.ef);
        sqlite3_bind_int(ins_card, 13, c->sm.lapses);
        bind_day_or_null(ins_card, 14, c->due);
        step_done(db, ins_card, "insert card");
        for (char *tag = t.tags.buf; tag;) {
            char *comma = strchr(tag, ',');
            int n = comma ? (int)(comma - tag) : (int)strlen(tag);
            sqlite3_bind_text(ins_tag, 1, tag, n, SQLITE_STATIC);
            sqlite3_bind_int64(ins_tag, 2, (sqlite3_int64)i + 1);
            step_done(db, ins_tag, "insert tag");
            tag = comma ? comma + 1 : NULL;
        }
    }
    card_text_free(&t);
    progress("cards written");
    struct daytotal *daily = xcalloc(ndays * ndecks, sizeof *daily);
    for (unsigned long j = 0; j < total; j++) {
        const struct logrow *w = &sorted[j];
        sqlite3_bind_int64(ins_review, 1, (sqlite3_int64)j + 1);
        sqlite3_bind_int64(ins_review, 2, w->card);
        sqlite3_bind_int64(ins_review, 3,
                           (sqlite3_int64)w->day * 86400 + w->tod);
        sqlite3_bind_int64(ins_review, 4, w->day);
        sqlite3_bind_text(ins_review, 5,
                          w->kind == KIND_REVIEW ? "review" : "repeat", -1,
                          SQLITE_STATIC);
        sqlite3_bind_int(ins_review, 6, w->grade);
        sqlite3_bind_int(ins_review, 7, w->duration_ms);
        sqlite3_bind_int(ins_review, 8, w->before.reps);
        sqlite3_bind_int(ins_review, 9, w->before.interval);
        sqlite3_bind_int(ins_review, 10, w->before.ef);
        sqlite3_bind_int(ins_review, 11, w->before.lapses);
        bind_day_or_null(ins_review, 12, w->due_before);
        sqlite3_bind_int(ins_review, 13, w->after.reps);
        sqlite3_bind_int(ins_review, 14, w->after.interval);
        sqlite3_bind_int(ins_review, 15, w->after.ef);
        sqlite3_bind_int(ins_review, 16, w->after.lapses);
        bind_day_or_null(ins_review, 17, w->due_after);
        step_done(db, ins_review, "insert review");
        unsigned deck = (unsigned)((w->card - 1) / per_deck);
        struct daytotal *dt =
            &daily[(size_t)(w->day - min_day) * ndecks + deck];
        dt->any = true;
        dt->reviews += w->kind == KIND_REVIEW;
        dt->passed += w->kind == KIND_REVIEW && w->grade >= SM2_PASS;
        dt->time_ms += w->duration_ms;
    }
    unsigned long daily_rows = 0;
    for (size_t d = 0; d < ndays; d++)
        for (unsigned k = 0; k < ndecks; k++) {
            const struct daytotal *dt = &daily[d * ndecks + k];
            if (!dt->any)
                continue;
            sqlite3_bind_int64(ins_daily, 1, min_day + (int64_t)d);
            sqlite3_bind_int64(ins_daily, 2, k + 1);
            sqlite3_bind_int64(ins_daily, 3, dt->reviews);
            sqlite3_bind_int64(ins_daily, 4, dt->passed);
            sqlite3_bind_int64(ins_daily, 5, dt->time_ms);
            step_done(db, ins_daily, "insert daily");
            daily_rows++;
        }
    sqlite3_finalize(ins_deck);
    sqlite3_finalize(ins_card);
    sqlite3_finalize(ins_tag);
    sqlite3_finalize(ins_review);
    sqlite3_finalize(ins_daily);
    progress("rows written");
    for (size_t i = 0; i < nindex; i++) {
        exec_sql(db, index_sql[i]);
        free(index_sql[i]);
    }
    progress("indexes built");
    /* The per-card summary of the log (v5.sql) that store_record keeps:
     * the generated log has no undo, so a grouping gives it. */
    exec_sql(db, "CREATE TEMP TABLE summary AS SELECT card_id, sum(kind IN "
                 "('review', 'final')) AS n, max(id) AS last FROM reviews "
                 "WHERE grade IS NOT NULL GROUP BY card_id");
    exec_sql(db, "UPDATE cards SET seen = s.n, last_grade = r.grade, last_day "
                 "= r.day FROM summary s JOIN reviews r ON r.id = s.last "
                 "WHERE cards.id = s.card_id");
    exec_sql(db, "DROP TABLE summary");
    progress("summary filled");
    exec_sql(db, "COMMIT");
    exec_sql(db, "PRAGMA journal_mode = WAL");
    if (sqlite3_close(db) != SQLITE_OK)
        die(EXIT_FAIL, "cannot close '%s'", o->db);
    char first[11], last[11];
    clock_format_day(min_day, first);
    clock_format_day(max_day, last);
    printf("collection: %lu cards in %u decks (%lu studied, %lu due by %s), "
           "%lu log rows from %s to %s (first study up to %ld days back), "
           "%lu daily rows\n",
           ncards, ndecks, nseen, ndue, o->today, total, first, last, g.span,
           daily_rows);
    free(daily);
    free(sorted);
    free(start);
    free(cards);
    free(role);
    return 0;
}

/* ---- checks ---- */

static void expect_zero(sqlite3 *db, const char *what, const char *sql)
{
    long n = query_long(db, sql);
    if (n != 0)
        die(EXIT_FAIL, "check failed: %s (%ld rows)", what, n);
}

static int cmd_check(const struct opts *o)
{
    if (o->db == NULL)
        die(EXIT_USAGE, "check needs --db PATH and --today DAY");
    long today = parse_day(o->today);
    sqlite3 *db;
    if (sqlite3_open_v2(o->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        die(EXIT_FAIL, "cannot open '%s': %s", o->db, sqlite3_errmsg(db));
    exec_sql(db, "PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY");
    char *sql;
    sql = xasprintf("SELECT count(*) FROM reviews WHERE day >= %ld", today);
    expect_zero(db, "nothing is logged on or after today", sql);
    free(sql);
    /* The same totals as rehearse's schema migration computes, with the
     * card-to-deck map in memory rather than read from the big rows. */
    exec_sql(db, "CREATE TEMP TABLE deck_of(id INTEGER PRIMARY KEY, deck); "
                 "INSERT INTO deck_of SELECT id, deck_id FROM cards; "
                 "CREATE TEMP TABLE totals AS SELECT r.day, c.deck, "
                 "sum(r.kind = 'review'), sum(r.kind = 'review' AND r.grade "
                 ">= 3), sum(r.duration_ms) FROM reviews r JOIN deck_of c ON "
                 "c.id = r.card_id WHERE r.kind IN ('review', 'repeat') "
                 "GROUP BY r.day, c.deck");
    expect_zero(db, "card_states (kept by triggers) agree with the cards",
                "SELECT count(*) FROM card_states s WHERE s.n <> (SELECT "
                "count(*) FROM cards c WHERE c.deck_id = s.deck_id AND CASE "
                "WHEN c.retired THEN 'retired' WHEN c.suspended THEN "
                "'suspended' WHEN c.due IS NULL THEN 'new' WHEN c.interval < "
                "21 THEN 'learning' ELSE 'mature' END = s.state)");
    expect_zero(db, "daily holds the log's totals",
                "SELECT count(*) FROM (SELECT * FROM totals EXCEPT SELECT "
                "day, deck_id, reviews, passed, time_ms FROM daily)");
    expect_zero(db, "daily has no row the log lacks",
                "SELECT count(*) FROM (SELECT day, deck_id, reviews, passed,"
                " time_ms FROM daily EXCEPT SELECT * FROM totals)");
    expect_zero(db, "each card's schedule is its last review's result",
                "SELECT count(*) FROM cards c JOIN reviews r ON r.id = "
                "(SELECT max(id) FROM reviews WHERE card_id = c.id) WHERE "
                "r.reps_after <> c.reps OR r.interval_after <> c.interval OR "
                "r.ef_after <> c.ef OR r.lapses_after <> c.lapses OR "
                "r.due_after IS NOT c.due");
    expect_zero(db, "cards never reviewed are new",
                "SELECT count(*) FROM cards c WHERE c.due IS NOT NULL AND "
                "NOT EXISTS (SELECT 1 FROM reviews r WHERE r.card_id = c.id)");
    if (o->full)
        expect_zero(db, "each review starts where the card's last ended",
                    "SELECT count(*) FROM (SELECT reps_before, "
                    "interval_before, ef_before, lapses_before, due_before, "
                    "lag(reps_after) OVER w AS r, lag(interval_after) OVER w "
                    "AS i, lag(ef_after) OVER w AS e, lag(lapses_after) OVER "
                    "w AS l, lag(due_after) OVER w AS d, row_number() OVER w "
                    "AS n FROM reviews WINDOW w AS (PARTITION BY card_id "
                    "ORDER BY id)) WHERE n > 1 AND (reps_before <> r OR "
                    "interval_before <> i OR ef_before <> e OR lapses_before "
                    "<> l OR due_before IS NOT d)");
    sql = xasprintf("SELECT count(*) FROM cards WHERE due <= %ld AND "
                    "retired = 0 AND suspended = 0",
                    today);
    long due = query_long(db, sql);
    free(sql);
    printf("check: ok, %ld cards due on %s, %ld reviews, %ld cards\n", due,
           o->today, query_long(db, "SELECT count(*) FROM reviews"),
           query_long(db, "SELECT count(*) FROM cards"));
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    struct opts o;
    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.version = 1;
    /* One thread, no allocation statistics: a third faster loading. */
    sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (argc < 2)
        die(EXIT_USAGE, "usage: rehearse-bench-gen deck|collection|check "
                        "[options] (see bench/gen.c)");
    parse_opts(argc, argv, &o);
    if (!strcmp(argv[1], "deck"))
        return cmd_deck(&o);
    if (!strcmp(argv[1], "collection"))
        return cmd_collection(&o);
    if (!strcmp(argv[1], "check"))
        return cmd_check(&o);
    die(EXIT_USAGE, "unknown command '%s'", argv[1]);
}
