/* keypoints_tokens.c: folding a text and cutting it into the tokens that
 * key-point matching compares (keypoints.h describes the rules): words
 * with their Snowball stems, technical tokens kept whole, the reach of
 * each negator, and the lexicon concepts of words and phrases. */
#include "concepts.h"
#include "keypoints_internal.h"
#include "rehearse/keypoints.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

static uint64_t hash_bytes(const char *s, size_t n, bool flag);
static void memo_grow(struct matcher *m);

/* The Snowball stem of w[0..n), from m's memo when the word was seen
 * before in this match (stemming is most of tokenising's cost). */
static char *stem_of(struct matcher *m, const char *w, size_t n)
{
    if (2 * (m->nmemo + 1) > m->memo_cap)
        memo_grow(m);
    size_t h = (size_t)hash_bytes(w, n, false);
    struct stem_memo *e;
    for (;; h++) {
        e = &m->memo[h & (m->memo_cap - 1)];
        if (e->form == NULL)
            break;
        if (e->n == n && memcmp(e->form, w, n) == 0)
            return xstrdup(e->stem);
    }
    const sb_symbol *s =
        m->stemmer ? sb_stemmer_stem(m->stemmer, (const sb_symbol *)w, (int)n)
                   : NULL;
    /* out of memory: the word unstemmed still matches */
    char *stem =
        s ? xstrndup((const char *)s, (size_t)sb_stemmer_length(m->stemmer))
          : xstrndup(w, n);
    *e = (struct stem_memo){xstrndup(w, n), n, xstrdup(stem)};
    m->nmemo++;
    return stem;
}

/* Doubles m's memo (it starts at 64 entries). */
static void memo_grow(struct matcher *m)
{
    struct stem_memo *old = m->memo;
    size_t old_cap = m->memo_cap;
    m->memo_cap = old_cap ? 2 * old_cap : 64;
    m->memo = xcalloc(m->memo_cap, sizeof *m->memo);
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].form == NULL)
            continue;
        size_t h = (size_t)hash_bytes(old[i].form, old[i].n, false);
        while (m->memo[h & (m->memo_cap - 1)].form)
            h++;
        m->memo[h & (m->memo_cap - 1)] = old[i];
    }
    free(old);
}

void matcher_init(struct matcher *m)
{
    *m = (struct matcher){.stemmer = sb_stemmer_new("english", NULL)};
}

void matcher_free(struct matcher *m)
{
    for (size_t i = 0; i < m->memo_cap; i++) {
        free(m->memo[i].form);
        free(m->memo[i].stem);
    }
    free(m->memo);
    if (m->stemmer)
        sb_stemmer_delete(m->stemmer);
}

/* The last word (not a technical token) of t, or NULL. */
static struct tok *last_word(struct toks *t)
{
    for (size_t i = t->n; i > 0; i--)
        if (!t->v[i - 1].compound)
            return &t->v[i - 1];
    return NULL;
}

/* Does negator word neg negate what follows when the next word is next?
 * Not when it is Python's None ("none" but "none of"), SQL's NOT NULL,
 * NOT EXISTS, NOT LIKE and NOT BETWEEN, which name operators, or "no
 * matter", which means "whatever".  (Nor is "not" or "nothing" after
 * "or": "all or nothing", "whether or not"; add_words sees to that.) */
static bool negates(const char *neg, const char *next)
{
    static const char *const sql[] = {"null", "exists", "like", "between",
                                      "in"};
    if (strcmp(neg, "none") == 0)
        return strcmp(next, "of") == 0;
    if (strcmp(neg, "no") == 0)
        return strcmp(next, "matter") != 0; /* "no matter how many" */
    if (strcmp(neg, "not") != 0)
        return true;
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
        if (strcmp(next, sql[i]) == 0)
            return false;
    return true;
}

/* Does word w, right after a negator, deny what came before it?
 * ("transitive dependencies don't matter", "locks aren't needed") */
static bool dismisses(const char *w)
{
    static const char *const words[] = {
        "apply",     "applies", "count",    "counts", "exist",  "exists",
        "happen",    "happens", "help",     "helps",  "matter", "matters",
        "necessary", "needed",  "required", "work",   "works",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    return false;
}

/* Marks the words of the clause before negator neg as negated, up to
 * NEGATION_WINDOW of them. */
static void negate_back(struct toks *t, const struct tok *neg)
{
    size_t at = (size_t)(neg - t->v), words = 0;
    while (at > t->clause && words < NEGATION_WINDOW) {
        struct tok *k = &t->v[--at];
        k->negated = true;
        words += !k->compound;
    }
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
        struct tok *prev = last_word(t);
        if (prev && prev->negator && !negates(prev->form, k.form)) {
            prev->negator = false;
            k.negated = false;
            *neg = 0;
        }
        if (prev && prev->negator && dismisses(k.form))
            negate_back(t, prev);
        k.negator =
            text_negator(k.form, (size_t)(w - s)) &&
            !(prev && strcmp(prev->form, "or") == 0 &&
              (strcmp(k.form, "not") == 0 || strcmp(k.form, "nothing") == 0));
        if (*neg > 0 &&
            (strcmp(k.form, "or") == 0 || strcmp(k.form, "nor") == 0))
            *neg = NEGATION_WINDOW + 1; /* "not a standard or a checklist" */
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

/* Does word w start a new clause, ending a negation?  ("not fast but
 * cheap", "401 for not logged in vs 403") */
static bool clause_word(const char *w)
{
    static const char *const words[] = {
        "but",     "vs",    "versus", "whereas", "while",   "so",
        "because", "since", "then",   "unlike",  "instead",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    return false;
}

/* Cuts folded text into tokens: each technical token first, then its
 * words.  A clause break (. , ; : ! ? ( ) [ ] = > |, or a word that
 * clause_word knows) ends a negation. */
void tokenise(struct matcher *m, const char *text, struct toks *t)
{
    int neg = 0;
    for (const char *p = text; *p;) {
        bool lead = word_char(p) || *p == '_' || (p[0] == ':' && p[1] == ':');
        if (!lead) {
            if (strchr(".,;:!?()[]=>|\n", *p)) {
                neg = 0;
                t->clause = t->n;
            }
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
        if (t->n && clause_word(t->v[t->n - 1].form)) {
            neg = 0;
            t->clause = t->n;
        }
        p = end;
    }
    struct tok *last = last_word(t);
    if (last && last->negator && !negates(last->form, ""))
        last->negator = false; /* "return None" */
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

/* FNV-1a over n bytes, mixed with a flag. */
static uint64_t hash_bytes(const char *s, size_t n, bool flag)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)flag;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* The smallest power of two of at least 2n, and at least 16. */
static size_t table_size(size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    return cap;
}

/* The positions, in text order, of the first token of each form (or,
 * with concept, each concept) and polarity among t's tokens that keep
 * accepts; *count gets their number.  A hash table of positions finds
 * the repeats. */
static size_t *first_of_each(const struct toks *t, bool concept, size_t *count)
{
    size_t cap = table_size(t->n), *slot = xcalloc(cap, sizeof *slot);
    size_t *at = xcalloc(t->n + 1, sizeof *at), kept = 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct tok *k = &t->v[i];
        const char *key = concept ? k->concept : k->form;
        if (concept ? key == NULL : k->compound)
            continue;
        size_t h = (size_t)hash_bytes(key, strlen(key), k->negated);
        for (;; h++) {
            size_t *e = &slot[h & (cap - 1)];
            if (*e == 0) { /* empty: positions are stored plus one */
                *e = i + 1;
                at[kept++] = i;
                break;
            }
            const struct tok *o = &t->v[*e - 1];
            if (o->negated == k->negated &&
                strcmp(concept ? o->concept : o->form, key) == 0)
                break; /* a repeat */
        }
    }
    free(slot);
    *count = kept;
    return at;
}

/* Matching scans these lists instead of every token: a 2,000-character
 * answer repeats most of its words, and a word's verdict depends only on
 * its form and its polarity. */
void index_answer(struct toks *t)
{
    t->words_at = first_of_each(t, false, &t->nwords);
    t->concepts = first_of_each(t, true, &t->nconcepts);
}

void toks_free(struct toks *t)
{
    free(t->words_at);
    free(t->concepts);
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].form);
        free(t->v[i].stem);
        free(t->v[i].phrase);
    }
    free(t->v);
}
