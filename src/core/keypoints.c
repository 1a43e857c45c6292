/* keypoints.c: key-point coverage of typed answers.  See keypoints.h.
 *
 * Both texts are folded and cut into tokens (keypoints_tokens.c), each
 * word stemmed once per match.  A key point is a list of alternatives,
 * each a few content units; a unit is looked for among the answer's
 * distinct words (index_answer), in one pass for both polarities, and a
 * key's alternatives are tried only until one is covered.  The longest
 * bundled card (some 120 alternatives) against a 2,000-character answer
 * takes about 0.3-0.5 ms in a debug build (docs/benchmarks.md). */
#include "rehearse/keypoints.h"
#include "keypoints_internal.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

enum {
    FUZZY_MIN = 5,    /* letters a word needs for one-typo tolerance */
    ABBREV_MIN = 4,   /* letters a word's abbreviation must keep */
    ROOT_MIN = 5,     /* letters of a stem that others derive from */
    ROOT_EXTRA = 3,   /* letters a derivation may add to it */
    PREFIXED_MIN = 4, /* letters of a word a negative prefix may take */
    JOINED_MIN = 5,   /* letters of a word that runs a compound together */
};

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

/* Is word a word b with a negative prefix ("unstable", "nonzero",
 * "immutable", "invalid"), by stem?  The rest must have PREFIXED_MIN
 * letters, or more after "in" and "im", where most words that start so
 * are not negations ("inform", "import"). */
static bool prefixed(const struct tok *a, const struct tok *b)
{
    static const char *const prefixes[] = {"un", "non", "in", "im"};
    char c = a->form[0];
    if (!a->alpha || !b->alpha || (c != 'u' && c != 'n' && c != 'i') ||
        a->flen < b->flen + 2 || a->flen > b->flen + 3)
        return false; /* the cheap tests first: most pairs fail them */
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t n = strlen(prefixes[i]);
        size_t min = PREFIXED_MIN + (prefixes[i][0] == 'i');
        if (b->slen >= min && a->slen == b->slen + n &&
            strncmp(a->stem, prefixes[i], n) == 0 &&
            strcmp(a->stem + n, b->stem) == 0)
            return true;
        if (b->flen >= min && a->flen == b->flen + n &&
            strncmp(a->form, prefixes[i], n) == 0 &&
            strcmp(a->form + n, b->form) == 0)
            return true; /* "immutable": the stems differ ("immut") */
    }
    return false;
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
 * by stem?  ("multithreaded" meets "multi-threaded")  Not for a compound
 * with a bracket, nor a word under JOINED_MIN letters. */
static bool joined_parts(const struct toks *key, size_t u, const struct tok *a)
{
    size_t n = key->v[u].nparts, at = 0;
    if (n < 2 || u + n >= key->n || strchr(key->v[u].form, '(') ||
        a->flen < JOINED_MIN)
        return false; /* "O(n)" is not "on", nor "I/O" "io" */
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

/* Where a key unit was found: its first plain match (no negator reaches
 * it) and its first negated one, with the answer words each took. */
struct found {
    const struct tok *plain, *negated;
    size_t plain_run, negated_run;
};

static void note(struct found *f, const struct tok *a, bool negated, size_t run)
{
    if (negated && f->negated == NULL) {
        f->negated = a;
        f->negated_run = run;
    } else if (!negated && f->plain == NULL) {
        f->plain = a;
        f->plain_run = run;
    }
}

/* Notes the answer tokens of word k's concept (concept-bearing tokens
 * only, one of each concept and polarity). */
static void find_concept(const struct tok *k, const struct toks *ans,
                         struct found *f)
{
    for (size_t i = 0; i < ans->nconcepts; i++) {
        const struct tok *a = &ans->v[ans->concepts[i]];
        if (strcmp(a->concept, k->concept) == 0)
            note(f, a, a->negated, 1);
    }
}

/* Notes the answer words (one of each form and polarity) that word k
 * matches; a word with a negative prefix counts with the other
 * polarity ("unstable" for "not stable", "not mutable" for "immutable"). */
static void find_word(const struct tok *k, const struct toks *ans,
                      struct found *f)
{
    for (size_t i = 0; i < ans->nwords && !(f->plain && f->negated); i++) {
        const struct tok *a = &ans->v[ans->words_at[i]];
        if (prefixed(a, k) || prefixed(k, a))
            note(f, a, !a->negated, 1);
        else if (word_matches(k, a))
            note(f, a, a->negated, 1);
    }
}

/* Is answer compound a an attribute access that ends in compound k
 * ("list.__iadd__" for `__iadd__`, "obj.__dict__" for `__dict__`)? */
static bool attribute_of(const struct tok *a, const struct tok *k)
{
    return a->slen > k->slen + 1 && a->stem[a->slen - k->slen - 1] == '.' &&
           strcmp(a->stem + a->slen - k->slen, k->stem) == 0;
}

/* Is answer compound a a call of compound k, its arguments written
 * ("__aenter__(self)" for `__aenter__`)? */
static bool call_of(const struct tok *a, const struct tok *k)
{
    return a->slen > k->slen && a->stem[k->slen] == '(' &&
           strncmp(a->stem, k->stem, k->slen) == 0 && !strchr(k->stem, '(');
}

/* Notes where compound key->v[u] is: the same compound, one with the
 * same words, an attribute access ending in it or a call of it, a word
 * that runs its words together, or its words in a row. */
static void find_compound(const struct toks *key, size_t u,
                          const struct toks *ans, struct found *f)
{
    const struct tok *k = &key->v[u];
    for (size_t i = 0; i < ans->n && !(f->plain && f->negated); i++) {
        const struct tok *a = &ans->v[i];
        if (a->compound &&
            (strcmp(a->stem, k->stem) == 0 || same_parts(key, u, ans, i) ||
             attribute_of(a, k) || call_of(a, k)))
            note(f, a, a->negated, 1);
        else if (!a->compound && joined_parts(key, u, a))
            note(f, a, a->negated, 1);
        if (a->compound || k->nparts < 2 || i + k->nparts > ans->n)
            continue;
        size_t j = 0;
        while (j < k->nparts && !ans->v[i + j].compound &&
               strcmp(ans->v[i + j].stem, key->v[u + 1 + j].stem) == 0)
            j++;
        if (j == k->nparts)
            note(f, a, a->negated, j);
    }
}

/* Finds key unit key->v[u] in the answer (indexed by index_answer).  A
 * lexicon phrase is found only as its concept; a word as its concept or
 * by word_matches. */
static struct found find_unit(const struct toks *key, size_t u,
                              const struct toks *ans)
{
    struct found f = {0};
    const struct tok *k = &key->v[u];
    if (k->concept) {
        find_concept(k, ans, &f);
        if (f.plain || k->phrase)
            return f;
    }
    if (k->compound)
        find_compound(key, u, ans, &f);
    else
        find_word(k, ans, &f);
    return f;
}

/* What the negation guard learns while an alternative's units are found. */
struct polarity_check {
    bool guard;        /* the key has no negator: negated words do not count */
    bool contradicted; /* a unit was found only negated (with the guard) */
    bool negated_hit;  /* a unit was found negated (without the guard) */
};

/* Finds a key unit as the guard allows: with it, only where no negator
 * reaches, noting a unit found only under one; without it (the key says
 * "not ..."), preferably under a negator, noting that one was. */
static const struct tok *find_checked(const struct toks *key, size_t u,
                                      const struct toks *ans,
                                      struct polarity_check *pc, size_t *run)
{
    struct found f = find_unit(key, u, ans);
    if (pc->guard) {
        pc->contradicted |= f.plain == NULL && f.negated != NULL;
        *run = f.plain_run;
        return f.plain;
    }
    if (f.negated) {
        pc->negated_hit = true;
        *run = f.negated_run;
        return f.negated;
    }
    *run = f.plain_run;
    return f.plain;
}

/* Is k a unit already among the n at units (the same stem, or the same
 * phrase)?  "NULL = NULL is unknown" has two units, not three. */
static bool repeated(const struct toks *key, const size_t *units, size_t n,
                     const struct tok *k)
{
    for (size_t i = 0; i < n; i++) {
        const struct tok *u = &key->v[units[i]];
        if (u->compound == k->compound && strcmp(u->stem, k->stem) == 0 &&
            (u->phrase == NULL) == (k->phrase == NULL) &&
            (u->phrase == NULL || strcmp(u->phrase, k->phrase) == 0))
            return true;
    }
    return false;
}

/* The index of each content unit of a key alternative: compounds, and
 * words outside compounds that are not stop words (all words, when every
 * one is a stop word).  A repeated unit counts once.  Returns
 * the count. */
static size_t content_units(const struct toks *key, size_t *units)
{
    size_t n = 0;
    for (int all = 0; all < 2 && n == 0; all++)
        for (size_t i = 0; i < key->n; i++) {
            const struct tok *k = &key->v[i];
            if (!k->absorbed &&
                (all || k->compound || k->phrase ||
                 !text_stop_word(k->form, k->flen, TEXT_STOP_KEYPOINT)) &&
                !repeated(key, units, n, k))
                units[n++] = i;
            if (k->compound)
                i += k->nparts;
        }
    return n;
}

/* Is unit k a number or notation, which the share rule cannot spare: a
 * word with a digit, a technical token with a digit or a bracket
 * ("pop(0)", "O(n)", "HTTP/2"), or a word whose concept is a number or
 * a complexity class ("seven", "linear")? */
static bool essential(const struct tok *k)
{
    if (k->compound ? strpbrk(k->form, "(0123456789") != NULL : !k->alpha)
        return true;
    return k->concept && ((k->concept[0] >= '0' && k->concept[0] <= '9') ||
                          strncmp(k->concept, "o(", 2) == 0);
}

bool keypoints_enough(size_t hits, size_t units)
{
    if (units == 0)
        return false;
    if (units < KEYPOINTS_LONG)
        return hits == units;
    return 3 * hits >= 2 * units; /* at least ceil(2/3) */
}

/* Does a negator follow answer token a within NEGATION_WINDOW words?  For
 * a key whose negator comes last ("until it returns nothing"). */
static bool negator_follows(const struct toks *ans, const struct tok *a)
{
    for (size_t j = (size_t)(a - ans->v) + 1;
         j < ans->n && ans->v[j].pos <= a->pos + NEGATION_WINDOW; j++)
        if (ans->v[j].negator)
            return true;
    return false;
}

/* Matches one alternative; fills hit (matched forms, may be NULL).  With
 * whole, every content unit must be found (the share rule is for a key
 * point's first alternative only). */
static bool match_alternative(struct matcher *m, const char *alt, bool whole,
                              const struct toks *ans, struct keypoint_hit *hit)
{
    struct toks key = {0};
    char *folded = keypoints_normalise(alt);
    tokenise(m, folded, &key);
    free(folded);
    size_t *units = xcalloc(key.n + 1, sizeof *units);
    size_t nunits = content_units(&key, units), hits = 0;
    struct polarity_check pc = {.guard = true};
    for (size_t i = 0; i < key.n; i++)
        pc.guard &= !key.v[i].negator;
    bool trailing = !pc.guard; /* the key's negator reaches no unit */
    for (size_t u = 0; u < nunits; u++)
        trailing &= !key.v[units[u]].negated;
    hit->nmatched = 0;
    hit->matched = xcalloc(nunits + 1, sizeof *hit->matched);
    bool essential_missed = false;
    for (size_t u = 0; u < nunits; u++) {
        size_t run;
        const struct tok *a = find_checked(&key, units[u], ans, &pc, &run);
        if (a == NULL) {
            essential_missed |= essential(&key.v[units[u]]);
            continue;
        }
        pc.negated_hit |= trailing && negator_follows(ans, a);
        struct strbuf words;
        sb_init(&words);
        if (a->phrase)
            sb_adds(&words, a->phrase);
        for (size_t j = 0; !a->phrase && j < run; j++)
            sb_addf(&words, "%s%s", j ? " " : "", a[j].form);
        hit->matched[hit->nmatched++] = sb_detach(&words);
        hits++;
    }
    hit->covered = (whole ? hits == nunits && nunits > 0
                          : keypoints_enough(hits, nunits)) &&
                   !essential_missed && !pc.contradicted &&
                   (pc.guard || pc.negated_hit);
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

/* The alternatives of a key point: the parts between " / ", tried in
 * order until one is covered; the hit is the covered one, or else the
 * one that matched most units. */
static void match_key(struct matcher *m, const char *key,
                      const struct toks *ans, struct keypoint_hit *best)
{
    *best = (struct keypoint_hit){0};
    for (const char *p = key; p;) {
        const char *slash = strstr(p, " / ");
        char *alt = xstrndup(p, slash ? (size_t)(slash - p) : strlen(p));
        struct keypoint_hit h;
        match_alternative(m, alt, p != key, ans, &h);
        free(alt);
        if (best->matched == NULL || (h.covered && !best->covered) ||
            (h.covered == best->covered && h.nmatched > best->nmatched)) {
            hit_clear(best);
            *best = h;
        } else {
            hit_clear(&h);
        }
        p = slash && !best->covered ? slash + 3 : NULL;
    }
}

int keypoints_explain(const char *answer, char *const *keys, size_t n,
                      struct keypoint_hit *hits)
{
    struct matcher m;
    matcher_init(&m);
    struct toks ans = {0};
    char *folded = keypoints_normalise(answer);
    tokenise(&m, folded, &ans);
    free(folded);
    index_answer(&ans);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        match_key(&m, keys[i], &ans, &hits[i]);
        count += hits[i].covered;
    }
    toks_free(&ans);
    matcher_free(&m);
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
    struct matcher m;
    matcher_init(&m);
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
    matcher_free(&m);
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
