/* keypoints.c: key-point coverage of typed answers.  See keypoints.h.
 *
 * Both texts are folded (utf8proc), cut into words and technical tokens,
 * and each word stemmed once (Snowball English, libstemmer).  A key point
 * is then a few content units, each looked for among the answer's tokens;
 * with a few dozen units and a few hundred tokens a plain scan is fast
 * enough (docs/benchmarks.md: well under 1 ms for the longest card against a
 * 2,000-character answer), so there is no index. */
#include "rehearse/keypoints.h"
#include "concepts.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
    NEGATION_WINDOW = 4, /* words after a negator that it reaches */
    FUZZY_MIN = 5,       /* letters a word needs for one-typo tolerance */
    GROUP_MAX = 32,      /* bytes a parenthesised group may take */
    ABBREV_MIN = 4,      /* letters a word's abbreviation must keep */
    ROOT_MIN = 5,        /* letters of a stem that others derive from */
    ROOT_EXTRA = 3,      /* letters a derivation may add to it */
};

struct tok {
    char *form;          /* folded, as typed */
    char *stem;          /* Snowball stem; a compound's form without "()" */
    size_t flen, slen;   /* their lengths */
    size_t pos;          /* index of its (first) word among the text's words */
    size_t nparts;       /* a compound's words; 1 for a word */
    bool compound;       /* O(n log n), SYN-ACK, __init__: kept whole */
    bool negated;        /* within NEGATION_WINDOW words after a negator */
    bool alpha;          /* letters only, so a typo may be forgiven */
    bool negator;        /* "not", "never", "isn't"... */
    bool absorbed;       /* a later unit of a lexicon phrase (concepts.h) */
    const char *concept; /* its lexicon concept (of the phrase it heads) */
    char *phrase;        /* the phrase it heads, as typed, or NULL */
};

struct toks {
    struct tok *v;
    size_t n, cap, words;
};

struct matcher {
    struct sb_stemmer *stemmer;
};

char *keypoints_normalise(const char *text)
{
    char *valid = utf8_repair(text, strlen(text));
    unsigned char high = 0;
    for (const char *p = valid; *p; p++)
        high |= (unsigned char)*p;
    if (high < 0x80) { /* ASCII: utf8proc would only fold the case */
        for (char *p = valid; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        return valid;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)valid, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                         UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK | UTF8PROC_LUMP);
    if (n < 0) { /* only out of memory: valid is valid UTF-8 */
        free(out);
        return valid;
    }
    free(valid);
    return (char *)out;
}

/* The length of the word character at s (a letter, digit or mark), or 0. */
static size_t word_char(const char *s)
{
    unsigned char c = (unsigned char)*s;
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9');
    uint32_t cp; /* 4 is safe: decoding stops at the terminating NUL */
    size_t len = utf8_decode(s, 4, &cp);
    if (len == 0)
        return 0;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO) ? len
                                                                        : 0;
}

/* The end of the word at s: word characters, with an apostrophe between
 * two of them kept ("isn't", "o'clock"). */
static const char *word_end(const char *s)
{
    for (size_t len; (len = word_char(s)) || (*s == '\'' && word_char(s + 1));)
        s += len ? len : 1;
    return s;
}

/* The end of the parenthesised group at s (at its "("), or s. */
static const char *group_end(const char *s)
{
    int depth = 0;
    for (const char *p = s; *p && *p != '\n' && p - s < GROUP_MAX; p++) {
        depth += (*p == '(') - (*p == ')');
        if (depth == 0)
            return p + 1;
    }
    return s;
}

/* The end of the technical token at s: words joined by _ - . / : (a
 * joiner only counts before a word, an underscore, a colon or a group)
 * and parenthesised groups right after a word.  `_` and `::` may lead. */
static const char *compound_end(const char *s)
{
    const char *p = s;
    for (;;) {
        const char *w = word_end(p);
        if (w > p || *p == '_') {
            p = w > p ? w : p + 1;
            continue;
        }
        if (*p == '(' && p > s && group_end(p) > p) {
            p = group_end(p);
            continue;
        }
        if (*p && strchr("_-./:", *p) &&
            (word_char(p + 1) || (p[1] && strchr("_:(", p[1])))) {
            p++;
            continue;
        }
        return p;
    }
}

static void add_tok(struct toks *t, struct tok k)
{
    k.flen = strlen(k.form);
    k.slen = strlen(k.stem);
    t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
    t->v[t->n++] = k;
}

static char *stem_of(struct matcher *m, const char *w, size_t n)
{
    const sb_symbol *s =
        m->stemmer ? sb_stemmer_stem(m->stemmer, (const sb_symbol *)w, (int)n)
                   : NULL;
    if (s == NULL) /* out of memory: the word unstemmed still matches */
        return xstrndup(w, n);
    return xstrndup((const char *)s, (size_t)sb_stemmer_length(m->stemmer));
}

/* Adds the words of s[0..n) to t; *neg counts down the negation window. */
static void add_words(struct matcher *m, struct toks *t, const char *s,
                      const char *end, int *neg)
{
    while (s < end) {
        const char *w = word_end(s);
        if (w == s) {
            s++;
            continue;
        }
        struct tok k = {.form = xstrndup(s, (size_t)(w - s)),
                        .stem = stem_of(m, s, (size_t)(w - s)),
                        .pos = t->words++,
                        .nparts = 1,
                        .negated = *neg > 0,
                        .alpha = true};
        for (const char *p = k.form; *p; p++)
            k.alpha &= !(*p >= '0' && *p <= '9');
        k.negator = text_negator(k.form, (size_t)(w - s));
        *neg = k.negator ? NEGATION_WINDOW : *neg - (*neg > 0);
        add_tok(t, k);
        s = w;
    }
}

/* Does s[0..end) hold a joiner or a bracket, so it may be a compound? */
static bool joined(const char *s, const char *end)
{
    for (; s < end; s++)
        if (strchr("_-./:()", *s) && *s)
            return true;
    return false;
}

/* A compound's form: its text without spaces or a trailing "()". */
static char *compound_form(const char *s, const char *end)
{
    struct strbuf sb;
    sb_init(&sb);
    for (; s < end; s++)
        if (*s != ' ')
            sb_addc(&sb, *s);
    if (sb.len > 2 && strcmp(sb.buf + sb.len - 2, "()") == 0)
        sb.buf[sb.len -= 2] = '\0';
    return sb_detach(&sb);
}

static void apply_concepts(struct toks *t);

/* Cuts folded text into tokens: each technical token first, then its
 * words.  A clause break (. , ; : ! ? or "but") ends a negation. */
static void tokenise(struct matcher *m, const char *text, struct toks *t)
{
    int neg = 0;
    for (const char *p = text; *p;) {
        bool lead = word_char(p) || *p == '_' || (p[0] == ':' && p[1] == ':');
        if (!lead) {
            if (strchr(".,;:!?\n", *p))
                neg = 0;
            p++;
            continue;
        }
        const char *end = compound_end(p);
        size_t first = t->n;
        char *form = joined(p, end) ? compound_form(p, end) : NULL;
        if (form && strcspn(form, "_-./:()") < strlen(form))
            add_tok(t, (struct tok){.form = form,
                                    .stem = xstrdup(form),
                                    .pos = t->words,
                                    .compound = true,
                                    .negated = neg > 0});
        else
            free(form); /* a word, or a call: "replace()" */
        add_words(m, t, p, end, &neg);
        if (first < t->n && t->v[first].compound)
            t->v[first].nparts = t->n - first - 1;
        if (t->n && strcmp(t->v[t->n - 1].form, "but") == 0)
            neg = 0;
        p = end;
    }
    apply_concepts(t);
}

/* Gives each unit (a word, or a technical token without its words) the
 * concept of the longest lexicon phrase it starts; a phrase's later units
 * are absorbed into its first. */
static void apply_concepts(struct toks *t)
{
    size_t *view = xcalloc(t->n + 1, sizeof *view), n = 0;
    const char **stems = xcalloc(t->n + 1, sizeof *stems);
    for (size_t i = 0; i < t->n;
         i += t->v[i].compound ? t->v[i].nparts + 1 : 1) {
        view[n] = i;
        stems[n++] = t->v[i].stem;
    }
    for (size_t i = 0, used; i < n; i += used ? used : 1) {
        struct tok *head = &t->v[view[i]];
        head->concept = concepts_lookup(stems + i, n - i, &used);
        if (used < 2)
            continue;
        struct strbuf sb;
        sb_init(&sb);
        for (size_t j = 0; j < used; j++) {
            sb_addf(&sb, "%s%s", j ? " " : "", t->v[view[i + j]].form);
            t->v[view[i + j]].absorbed = j > 0;
        }
        head->phrase = sb_detach(&sb);
    }
    free(view);
    free(stems);
}

static void toks_free(struct toks *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].form);
        free(t->v[i].stem);
        free(t->v[i].phrase);
    }
    free(t->v);
}

/* Are stems a (na letters) and b (nb) one word's derivations: the
 * shorter, of ROOT_MIN letters or more, starts the longer, which has at
 * most ROOT_EXTRA more?  ("reliabl"/"reliabil", "determinist"/"determin") */
static bool same_root(const char *a, size_t na, const char *b, size_t nb)
{
    size_t shorter = na < nb ? na : nb, longer = na < nb ? nb : na;
    return shorter >= ROOT_MIN && longer - shorter <= ROOT_EXTRA &&
           strncmp(a, b, shorter) == 0;
}

/* Do the words of answer token a match key word k?  Lengths are compared
 * first: most pairs differ in them by more than any rule allows. */
static bool word_matches(const struct tok *k, const struct tok *a)
{
    if (k->slen == a->slen && strcmp(k->stem, a->stem) == 0)
        return true;
    if (!k->alpha || !a->alpha)
        return false;
    if (a->flen >= ABBREV_MIN && k->flen >= a->flen + 2 &&
        strncmp(k->form, a->form, a->flen) == 0)
        return true; /* "curr" for "current", "config" for "configuration" */
    if (same_root(k->stem, k->slen, a->stem, a->slen))
        return true;
    if (k->flen < FUZZY_MIN || a->flen < FUZZY_MIN)
        return false;
    return text_one_edit(k->stem, k->slen, a->stem, a->slen) ||
           text_one_edit(k->form, k->flen, a->form, a->flen);
}

/* Do compounds t->v[i] and u->v[j] have the same words, by stem?
 * ("trade-offs" meets "trade-off", "short-circuits" "short-circuit") */
static bool same_parts(const struct toks *t, size_t i, const struct toks *u,
                       size_t j)
{
    size_t n = t->v[i].nparts;
    if (n == 0 || n != u->v[j].nparts || i + n >= t->n || j + n >= u->n)
        return false;
    for (size_t p = 1; p <= n; p++)
        if (strcmp(t->v[i + p].stem, u->v[j + p].stem) != 0)
            return false;
    return true;
}

/* Is word a the words of compound key->v[u] run together, its last word
 * by stem?  ("multithreaded" meets "multi-threaded") */
static bool joined_parts(const struct toks *key, size_t u, const struct tok *a)
{
    size_t n = key->v[u].nparts, at = 0;
    if (n < 2 || u + n >= key->n)
        return false;
    for (size_t p = 1; p < n; p++) {
        size_t len = key->v[u + p].flen;
        if (strncmp(a->form + at, key->v[u + p].form, len) != 0)
            return false;
        at += len;
    }
    const struct tok *last = &key->v[u + n];
    return strcmp(a->form + at, last->form) == 0 ||
           (a->slen > at && strcmp(a->stem + at, last->stem) == 0);
}

/* The first answer token (not negated, with guard) of the concept. */
static const struct tok *find_concept(const char *concept,
                                      const struct toks *ans, bool guard)
{
    for (size_t i = 0; i < ans->n; i++) {
        const struct tok *a = &ans->v[i];
        if (a->concept && !(guard && a->negated) &&
            strcmp(a->concept, concept) == 0)
            return a;
    }
    return NULL;
}

/* Finds key unit key->v[u] in the answer; returns the answer token that
 * matched, or NULL, with *run the number of answer words it took: a
 * compound matches the same compound, or its words in a row. */
static const struct tok *find_unit(const struct toks *key, size_t u,
                                   const struct toks *ans, bool guard,
                                   size_t *run)
{
    *run = 1;
    const struct tok *k = &key->v[u];
    if (k->concept) {
        const struct tok *a = find_concept(k->concept, ans, guard);
        if (a || k->phrase)
            return a;
    }
    for (size_t i = 0; i < ans->n; i++) {
        const struct tok *a = &ans->v[i];
        if (guard && a->negated)
            continue;
        if (!k->compound) {
            if (!a->compound && word_matches(k, a))
                return a;
            continue;
        }
        if (a->compound &&
            (strcmp(a->stem, k->stem) == 0 || same_parts(key, u, ans, i)))
            return a;
        if (!a->compound && joined_parts(key, u, a))
            return a;
        if (a->compound || k->nparts < 2 || i + k->nparts > ans->n)
            continue;
        size_t j = 0;
        while (j < k->nparts && !ans->v[i + j].compound &&
               strcmp(ans->v[i + j].stem, key->v[u + 1 + j].stem) == 0)
            j++;
        if (j == k->nparts) {
            *run = j;
            return a;
        }
    }
    return NULL;
}

/* The index of each content unit of a key alternative: compounds, and
 * words outside compounds that are not stop words (all words, when every
 * one is a stop word).  Returns the count. */
static size_t content_units(const struct toks *key, size_t *units)
{
    size_t n = 0;
    for (int all = 0; all < 2 && n == 0; all++)
        for (size_t i = 0; i < key->n; i++) {
            const struct tok *k = &key->v[i];
            if (!k->absorbed &&
                (all || k->compound || k->phrase ||
                 !text_stop_word(k->form, k->flen, TEXT_STOP_KEYPOINT)))
                units[n++] = i;
            if (k->compound)
                i += k->nparts;
        }
    return n;
}

bool keypoints_enough(size_t hits, size_t units)
{
    if (units == 0)
        return false;
    if (units < KEYPOINTS_LONG)
        return hits == units;
    return 3 * hits >= 2 * units; /* at least ceil(2/3) */
}

/* Matches one alternative; fills hit (matched forms, may be NULL). */
static bool match_alternative(struct matcher *m, const char *alt,
                              const struct toks *ans, struct keypoint_hit *hit)
{
    struct toks key = {0};
    char *folded = keypoints_normalise(alt);
    tokenise(m, folded, &key);
    free(folded);
    size_t *units = xcalloc(key.n + 1, sizeof *units);
    size_t nunits = content_units(&key, units), hits = 0;
    bool guard = true;
    for (size_t i = 0; i < key.n; i++)
        guard &= !key.v[i].negator;
    hit->nmatched = 0;
    hit->matched = xcalloc(nunits + 1, sizeof *hit->matched);
    for (size_t u = 0; u < nunits; u++) {
        size_t run;
        const struct tok *a = find_unit(&key, units[u], ans, guard, &run);
        if (a == NULL)
            continue;
        struct strbuf words;
        sb_init(&words);
        if (a->phrase)
            sb_adds(&words, a->phrase);
        for (size_t j = 0; !a->phrase && j < run; j++)
            sb_addf(&words, "%s%s", j ? " " : "", a[j].form);
        hit->matched[hit->nmatched++] = sb_detach(&words);
        hits++;
    }
    hit->covered = keypoints_enough(hits, nunits);
    free(units);
    toks_free(&key);
    return hit->covered;
}

static void hit_clear(struct keypoint_hit *hit)
{
    for (size_t i = 0; i < hit->nmatched; i++)
        free(hit->matched[i]);
    free(hit->matched);
    *hit = (struct keypoint_hit){0};
}

/* The alternatives of a key point: the parts between " / ". */
static void match_key(struct matcher *m, const char *key,
                      const struct toks *ans, struct keypoint_hit *best)
{
    *best = (struct keypoint_hit){0};
    for (const char *p = key; p;) {
        const char *slash = strstr(p, " / ");
        char *alt = xstrndup(p, slash ? (size_t)(slash - p) : strlen(p));
        struct keypoint_hit h;
        match_alternative(m, alt, ans, &h);
        free(alt);
        if (best->matched == NULL || (h.covered && !best->covered) ||
            (h.covered == best->covered && h.nmatched > best->nmatched)) {
            hit_clear(best);
            *best = h;
        } else {
            hit_clear(&h);
        }
        p = slash ? slash + 3 : NULL;
    }
}

int keypoints_explain(const char *answer, char *const *keys, size_t n,
                      struct keypoint_hit *hits)
{
    struct matcher m = {sb_stemmer_new("english", NULL)};
    struct toks ans = {0};
    char *folded = keypoints_normalise(answer);
    tokenise(&m, folded, &ans);
    free(folded);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        match_key(&m, keys[i], &ans, &hits[i]);
        count += hits[i].covered;
    }
    toks_free(&ans);
    if (m.stemmer)
        sb_stemmer_delete(m.stemmer);
    return count;
}

void keypoints_hits_free(struct keypoint_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        hit_clear(&hits[i]);
}

int keypoints_match(const char *answer, char *const *keys, size_t n,
                    bool *covered)
{
    struct keypoint_hit *hits = xcalloc(n ? n : 1, sizeof *hits);
    int count = keypoints_explain(answer, keys, n, hits);
    for (size_t i = 0; i < n; i++)
        covered[i] = hits[i].covered;
    keypoints_hits_free(hits, n);
    free(hits);
    return count;
}

int keypoints_suggest_grade(int covered, int total)
{
    if (total <= 0)
        return -1;
    if (covered >= total)
        return 5;
    if (4 * covered >= 3 * total)
        return 4;
    if (2 * covered >= total)
        return 3;
    return covered > 0 ? 2 : 1;
}

char **keypoints_split(const char *joined, size_t *n)
{
    size_t cap = 0;
    char **keys = NULL;
    *n = 0;
    for (const char *p = joined; *p;) {
        size_t len = strcspn(p, "\n");
        if (len) {
            keys = xgrow(keys, &cap, *n + 1, sizeof *keys);
            keys[(*n)++] = xstrndup(p, len);
        }
        p += len + (p[len] == '\n');
    }
    return keys;
}

void keypoints_free(char **keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

char *keypoints_coverage(const char *joined_keys, const char *answer,
                         int *total, int *covered, bool **flags)
{
    size_t n;
    char **keys = keypoints_split(joined_keys, &n);
    bool *hit = xcalloc(n ? n : 1, sizeof *hit);
    *covered = keypoints_match(answer, keys, n, hit);
    *total = (int)n;
    struct strbuf json;
    sb_init(&json);
    sb_addc(&json, '[');
    for (size_t i = 0; i < n; i++)
        sb_adds(&json, i ? (hit[i] ? ",true" : ",false")
                         : (hit[i] ? "true" : "false"));
    sb_addc(&json, ']');
    keypoints_free(keys, n);
    if (flags)
        *flags = hit;
    else
        free(hit);
    return json.buf;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **keypoints_content_stems(const char *text, size_t *n)
{
    struct matcher m = {sb_stemmer_new("english", NULL)};
    struct toks t = {0};
    char *folded = keypoints_normalise(text);
    tokenise(&m, folded, &t);
    free(folded);
    char **stems = xcalloc(t.n + 1, sizeof *stems);
    size_t count = 0;
    for (size_t i = 0; i < t.n; i++)
        if (!t.v[i].compound && strlen(t.v[i].form) > 1 &&
            !text_stop_word(t.v[i].form, strlen(t.v[i].form),
                            TEXT_STOP_KEYPOINT | TEXT_STOP_QUESTION))
            stems[count++] = xstrdup(t.v[i].stem);
    toks_free(&t);
    if (m.stemmer)
        sb_stemmer_delete(m.stemmer);
    qsort(stems, count, sizeof *stems, compare_strings);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (kept && strcmp(stems[kept - 1], stems[i]) == 0)
            free(stems[i]);
        else
            stems[kept++] = stems[i];
    }
    *n = kept;
    return stems;
}
