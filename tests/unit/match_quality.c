/* match_quality.c: precision and recall of key-point matching over the
 * hand-labelled answers (tests/data/answers/labelled.jsonl).
 *
 * Usage: match_quality [--errors] FILE [MIN_PRECISION MIN_RECALL]
 *
 * Runs keypoints_match on every labelled answer and compares each key's
 * verdict with the human label.  Prints the confusion counts, precision
 * and recall of "covered" for the whole file and for each half of a fixed
 * pseudo-random split (by a hash of the answer): the "tune" half is the
 * one the matcher was tuned on, the "held-out" half was only measured.
 * With thresholds, exits 1 when the whole file falls below either.  With
 * --errors (or MATCH_QUALITY_SHOW in the environment), also prints each
 * mistake on the tune half, with its card and kind (never the held-out
 * half, so tuning cannot peek at it).
 *
 * The JSON reader handles what the file holds (objects, arrays, strings
 * with escapes, true/false, numbers skipped), nothing more. */
#include "rehearse/keypoints.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct labelled {
    char *answer;
    char *kind;
    char *card; /* DECK/CARD */
    char **keys;
    bool *covered;
    size_t n, cap;
};

struct tally {
    long tp, fp, fn, tn;
};

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* Reads a JSON string at p (at its opening quote) into sb; returns the
 * position after the closing quote, or NULL when malformed. */
static const char *read_string(const char *p, struct strbuf *sb)
{
    sb_reset(sb);
    if (*p++ != '"')
        return NULL;
    while (*p && *p != '"') {
        if (*p != '\\') {
            sb_addc(sb, *p++);
            continue;
        }
        p++;
        const char *plain = strchr("\"\\/bfnrt", *p);
        if (plain && *p) {
            sb_addc(sb, "\"\\/\b\f\n\r\t"[plain - "\"\\/bfnrt"]);
            p++;
            continue;
        }
        if (*p != 'u')
            return NULL;
        unsigned long cp =
            strtoul((char[5]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
        p += 5;
        if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
            unsigned long lo =
                strtoul((char[5]){p[2], p[3], p[4], p[5], 0}, NULL, 16);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        }
        char out[4];
        sb_add(sb, out, utf8_encode((uint32_t)cp, out));
    }
    return *p == '"' ? p + 1 : NULL;
}

/* Parses the "keys" array at p into l; returns the position after it. */
static const char *read_keys(const char *p, struct labelled *l,
                             struct strbuf *sb)
{
    if (*p++ != '[')
        return NULL;
    while (p && *(p = skip_space(p)) == '{') {
        char *text = NULL;
        bool covered = false;
        p = skip_space(p + 1);
        while (p && *p == '"') {
            p = read_string(p, sb);
            bool is_text = p && strcmp(sb->buf, "text") == 0;
            bool is_cov = p && strcmp(sb->buf, "covered") == 0;
            p = p ? skip_space(skip_space(p) + 1) : NULL;
            if (p && is_text) {
                p = read_string(p, sb);
                free(text);
                text = xstrdup(sb->buf);
            } else if (p && is_cov) {
                covered = strncmp(p, "true", 4) == 0;
                p += covered ? 4 : 5;
            }
            p = p ? skip_space(p) : NULL;
            if (p && *p == ',')
                p = skip_space(p + 1);
        }
        if (p == NULL || *p != '}' || text == NULL) {
            free(text);
            return NULL;
        }
        l->keys = xgrow(l->keys, &l->cap, l->n + 1, sizeof *l->keys);
        l->covered = xrealloc(l->covered, l->cap * sizeof *l->covered);
        l->keys[l->n] = text;
        l->covered[l->n++] = covered;
        p = skip_space(p + 1);
        if (*p == ',')
            p++;
    }
    return p && *p == ']' ? p + 1 : NULL;
}

/* Builds l->card as DECK/CARD from its two fields, in either order. */
static void add_card_part(struct labelled *l, const char *part, bool deck)
{
    char *old = l->card;
    if (old == NULL)
        l->card = xstrdup(part);
    else
        l->card = deck ? xasprintf("%s/%s", part, old)
                       : xasprintf("%s/%s", old, part);
    free(old);
}

/* Parses one line; returns 0, or -1 when it is not what the file holds. */
static int read_line(const char *p, struct labelled *l, struct strbuf *sb)
{
    memset(l, 0, sizeof *l);
    p = skip_space(p);
    if (*p++ != '{')
        return -1;
    while (p && *(p = skip_space(p)) == '"') {
        p = read_string(p, sb);
        if (p == NULL)
            return -1;
        bool keys = strcmp(sb->buf, "keys") == 0;
        bool answer = strcmp(sb->buf, "answer") == 0;
        bool kind = strcmp(sb->buf, "kind") == 0;
        bool deck = strcmp(sb->buf, "deck") == 0;
        bool card = strcmp(sb->buf, "card") == 0;
        p = skip_space(skip_space(p) + 1);
        if (keys) {
            p = read_keys(p, l, sb);
        } else {
            p = read_string(p, sb);
            if (p && answer)
                l->answer = xstrdup(sb->buf);
            else if (p && kind)
                l->kind = xstrdup(sb->buf);
            else if (p && (deck || card))
                add_card_part(l, sb->buf, deck);
        }
        p = p ? skip_space(p) : NULL;
        if (p && *p == ',')
            p++;
    }
    return p && *p == '}' && l->answer && l->n ? 0 : -1;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Times the longest key set of the file (by bytes) against a 2,000-byte
 * answer made of the file's answers: in ms, the mean of the fastest of 10
 * rounds of 20 runs (the fastest, so that a busy machine does not decide
 * it). */
static double time_longest(const struct labelled *l, const char *text)
{
    struct strbuf answer;
    sb_init(&answer);
    while (answer.len < 2000)
        sb_addf(&answer, "%s ", text);
    answer.buf[answer.len = 2000] = '\0';
    bool *said = xcalloc(l->n, sizeof *said);
    double ms = 0;
    for (int round = 0; round < 10; round++) {
        double start = now_ms();
        for (int i = 0; i < 20; i++)
            keypoints_match(answer.buf, l->keys, l->n, said);
        double spent = (now_ms() - start) / 20;
        ms = round == 0 || spent < ms ? spent : ms;
    }
    free(said);
    sb_free(&answer);
    return ms;
}

static size_t key_bytes(const struct labelled *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += strlen(l->keys[i]);
    return n;
}

static void labelled_free(struct labelled *l)
{
    keypoints_free(l->keys, l->n);
    free(l->covered);
    free(l->answer);
    free(l->kind);
    free(l->card);
}

/* Prints a tune mistake: kind, key and answer, and for a miss the key's
 * words that the answer does not cover on their own. */
static void show_mistake(const struct labelled *l, size_t i, bool said)
{
    printf("%s %s %s key '%s'", said ? "FP" : "FN", l->card ? l->card : "?",
           l->kind ? l->kind : "?", l->keys[i]);
    char *words = xstrdup(l->keys[i]), *save = NULL;
    for (char *w = strtok_r(words, " ", &save); w && !said;
         w = strtok_r(NULL, " ", &save)) {
        char *one[] = {w};
        bool hit = false;
        keypoints_match(l->answer, one, 1, &hit);
        if (!hit && strcmp(w, "/") != 0)
            printf(" -%s", w);
    }
    free(words);
    printf(" in: %s\n", l->answer);
}

static void tally_add(struct tally *t, bool said, bool truth)
{
    if (said)
        truth ? t->tp++ : t->fp++;
    else
        truth ? t->fn++ : t->tn++;
}

static void print_tally(const char *name, const struct tally *t, double *prec,
                        double *rec)
{
    *prec = t->tp + t->fp ? (double)t->tp / (double)(t->tp + t->fp) : 0;
    *rec = t->tp + t->fn ? (double)t->tp / (double)(t->tp + t->fn) : 0;
    printf("%-9s precision %.3f  recall %.3f  TP %ld  FP %ld  FN %ld  TN %ld\n",
           name, *prec, *rec, t->tp, t->fp, t->fn, t->tn);
}

int main(int argc, char **argv)
{
    /* --errors (or MATCH_QUALITY_SHOW set): print the tune half's
     * mistakes, for tuning */
    bool show = getenv("MATCH_QUALITY_SHOW") != NULL;
    if (argc > 1 && strcmp(argv[1], "--errors") == 0) {
        show = true;
        argv++;
        argc--;
    }
    if (argc != 2 && argc != 4) {
        fprintf(stderr,
                "usage: match_quality [--errors] FILE [MIN_PREC MIN_RECALL]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    struct tally all = {0}, half[2] = {{0}};
    struct strbuf sb;
    sb_init(&sb);
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0, answers = 0;
    struct labelled longest = {0};
    double spent = 0;
    while (getline(&line, &cap, f) > 0) {
        struct labelled l;
        lineno++;
        if (read_line(line, &l, &sb) != 0) {
            fprintf(stderr, "%s:%ld: not a labelled answer\n", argv[1], lineno);
            return 2;
        }
        bool *said = xcalloc(l.n, sizeof *said);
        double start = now_ms();
        keypoints_match(l.answer, l.keys, l.n, said);
        spent += now_ms() - start;
        unsigned h = (unsigned)(text_hash(l.answer) >> 17) & 1;
        for (size_t i = 0; i < l.n; i++) {
            if (show && h == 0 && said[i] != l.covered[i])
                show_mistake(&l, i, said[i]);
            tally_add(&all, said[i], l.covered[i]);
            tally_add(&half[h], said[i], l.covered[i]);
        }
        answers++;
        free(said);
        if (key_bytes(&l) > key_bytes(&longest)) {
            labelled_free(&longest);
            longest = l;
        } else {
            labelled_free(&l);
        }
    }
    free(line);
    sb_free(&sb);
    fclose(f);
    double p, r, hp, hr;
    printf("%ld answers, %.3f ms each; the longest keys (%zu bytes) against "
           "2,000 bytes: %.3f ms\n",
           answers, answers ? spent / (double)answers : 0, key_bytes(&longest),
           longest.n ? time_longest(&longest, longest.answer) : 0);
    labelled_free(&longest);
    print_tally("tune", &half[0], &hp, &hr);
    print_tally("held-out", &half[1], &hp, &hr);
    print_tally("all", &all, &p, &r);
    if (argc == 4 && (p < atof(argv[2]) || r < atof(argv[3]))) {
        fprintf(stderr,
                "match quality below the floor: expected precision >= %s "
                "and recall >= %s, got %.3f and %.3f\n",
                argv[2], argv[3], p, r);
        return 1;
    }
    return 0;
}
