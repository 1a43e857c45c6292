/* anki_note.c: note types, cloze deletions, names and the protobuf bits
 * of Anki's schema 18.  See anki.h; what is read and why is in
 * docs/anki.md. */
#include "rehearse/anki.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a template names a field. */
enum ref_kind { REF_SHOW, REF_TYPE, REF_CLOZE, REF_OTHER };

/* Field names Anki fills itself; a template naming them shows no field. */
static bool special_field(const char *name, size_t n)
{
    static const char *const names[] = {"FrontSide", "Tags", "Type",    "Deck",
                                        "Subdeck",   "Card", "CardFlag"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
            return true;
    return false;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '\n')) {
        (*s)++;
        (*n)--;
    }
    while (*n && strchr(" \t\n", (*s)[*n - 1]))
        (*n)--;
}

static int field_index(const struct anki_notetype *nt, const char *name,
                       size_t n)
{
    for (size_t i = 0; i < nt->nfields; i++)
        if (strlen(nt->fields[i]) == n && memcmp(nt->fields[i], name, n) == 0)
            return (int)i;
    return -1;
}

/* One {{...}} tag: which field it shows and how (-1 for none). */
static int parse_ref(const struct anki_notetype *nt, const char *tag, size_t n,
                     enum ref_kind *kind)
{
    trim(&tag, &n);
    *kind = REF_OTHER;
    if (n == 0 || strchr("#^/!", tag[0]))
        return -1; /* a condition, its end or a comment shows nothing */
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++)
        if (tag[i] == ':')
            colon = tag + i;
    const char *name = colon ? colon + 1 : tag;
    size_t len = (size_t)(tag + n - name);
    trim(&name, &len);
    if (special_field(name, len))
        return -1;
    *kind = REF_SHOW;
    if (colon && n >= 5 && memcmp(tag, "type:", 5) == 0)
        *kind = REF_TYPE;
    else if (colon && n >= 6 && memcmp(tag, "cloze:", 6) == 0)
        *kind = REF_CLOZE;
    return field_index(nt, name, len);
}

/* Marks in used[] the fields fmt shows (by kind mask), returns how many
 * distinct ones. */
static int fields_shown(const struct anki_notetype *nt, const char *fmt,
                        unsigned kinds, bool *used, int *last)
{
    int count = 0;
    for (const char *p = fmt; (p = strstr(p, "{{")) != NULL;) {
        const char *end = strstr(p + 2, "}}");
        if (end == NULL)
            break;
        enum ref_kind kind;
        int f = parse_ref(nt, p + 2, (size_t)(end - p - 2), &kind);
        if (f >= 0 && (kinds & (1u << kind)) && !used[f]) {
            used[f] = true;
            *last = f;
            count++;
        }
        p = end + 2;
    }
    return count;
}

static void front_back(const struct anki_notetype *nt, struct anki_shape *s)
{
    for (size_t t = 0; t < nt->ntemplates && s->usable; t++) {
        const struct anki_template *tp = &nt->templates[t];
        bool front[ANKI_MAX_FIELDS] = {0}, back[ANKI_MAX_FIELDS] = {0};
        int q = -1, a = -1;
        int nq = fields_shown(nt, tp->qfmt, 1u << REF_SHOW, front, &q);
        memcpy(back, front, sizeof back);
        int na = fields_shown(nt, tp->afmt, 1u << REF_SHOW | 1u << REF_TYPE,
                              back, &a);
        if (nq != 1 || na != 1) {
            s->usable = false;
            snprintf(s->reason, sizeof s->reason,
                     "card '%.60s' shows %d fields on its front and adds %d "
                     "on its back, not one and one",
                     tp->name, nq, na);
        }
        s->front[t] = q;
        s->back[t] = a;
    }
}

static void cloze_shape(const struct anki_notetype *nt, struct anki_shape *s)
{
    bool used[ANKI_MAX_FIELDS] = {0};
    int text = -1, extra = -1;
    int n = nt->ntemplates ? fields_shown(nt, nt->templates[0].qfmt,
                                          1u << REF_CLOZE, used, &text)
                           : 0;
    int more = nt->ntemplates ? fields_shown(nt, nt->templates[0].afmt,
                                             1u << REF_SHOW, used, &extra)
                              : 0;
    s->text = text;
    s->extra = more ? extra : -1;
    if (n != 1 || more > 1) {
        s->usable = false;
        snprintf(s->reason, sizeof s->reason,
                 "cloze type with %d cloze fields and %d extra fields, not "
                 "one and at most one",
                 n, more);
    }
}

void anki_shape_of(const struct anki_notetype *nt, struct anki_shape *s)
{
    memset(s, 0, sizeof *s);
    s->usable = true;
    s->text = s->extra = -1;
    if (nt->nfields == 0 || nt->nfields > ANKI_MAX_FIELDS ||
        nt->ntemplates == 0 || nt->ntemplates > ANKI_MAX_TEMPLATES) {
        s->usable = false;
        snprintf(s->reason, sizeof s->reason,
                 "%zu fields and %zu card types (rehearse reads 1..%d of each)",
                 nt->nfields, nt->ntemplates, ANKI_MAX_FIELDS);
        return;
    }
    if (nt->cloze)
        cloze_shape(nt, s);
    else
        front_back(nt, s);
}

void anki_notetype_free(struct anki_notetype *nt)
{
    free(nt->name);
    for (size_t i = 0; i < nt->nfields; i++)
        free(nt->fields[i]);
    free(nt->fields);
    for (size_t i = 0; i < nt->ntemplates; i++) {
        free(nt->templates[i].name);
        free(nt->templates[i].qfmt);
        free(nt->templates[i].afmt);
    }
    free(nt->templates);
    memset(nt, 0, sizeof *nt);
}

/* ---- cloze deletions ---- */

/* The end of the deletion whose body starts at p: the "}}" that closes
 * it, past nested {{...}}; NULL when it is never closed. */
static const char *cloze_end(const char *p, const char **hint)
{
    int depth = 0;
    *hint = NULL;
    for (; *p; p++) {
        if (p[0] == '{' && p[1] == '{') {
            depth++;
            p++;
        } else if (p[0] == '}' && p[1] == '}') {
            if (depth-- == 0)
                return p;
            p++;
        } else if (depth == 0 && !*hint && p[0] == ':' && p[1] == ':') {
            *hint = p;
            p++;
        }
    }
    return NULL;
}

/* A deletion's start at p: "{{c" digits "::"; its number in *num. */
static size_t cloze_start(const char *p, int *num)
{
    if (strncmp(p, "{{c", 3) != 0 || p[3] < '0' || p[3] > '9')
        return 0;
    size_t i = 3;
    long n = 0;
    while (p[i] >= '0' && p[i] <= '9' && n <= ANKI_MAX_CLOZE)
        n = n * 10 + (p[i++] - '0');
    if (strncmp(p + i, "::", 2) != 0 || n > ANKI_MAX_CLOZE)
        return 0;
    *num = (int)n;
    return i + 2;
}

static void cloze_into(struct strbuf *out, const char *s, size_t n, int number,
                       bool answer, bool *found, int depth)
{
    char *copy = xstrndup(s, n);
    const char *p = copy;
    while (*p) {
        int num;
        size_t skip = depth < 50 ? cloze_start(p, &num) : 0;
        const char *hint, *end = skip ? cloze_end(p + skip, &hint) : NULL;
        if (end == NULL) {
            sb_addc(out, *p++);
            continue;
        }
        const char *body = p + skip, *body_end = hint ? hint : end;
        if (num == number) {
            *found = true;
            if (answer) {
                sb_adds(out, "<b>");
                cloze_into(out, body, (size_t)(body_end - body), number, answer,
                           found, depth + 1);
                sb_adds(out, "</b>");
            } else {
                sb_addc(out, '[');
                if (hint)
                    sb_add(out, hint + 2, (size_t)(end - hint - 2));
                else
                    sb_adds(out, "...");
                sb_addc(out, ']');
            }
        } else {
            cloze_into(out, body, (size_t)(body_end - body), number, answer,
                       found, depth + 1);
        }
        p = end + 2;
    }
    free(copy);
}

char *anki_cloze_side(const char *html, int number, bool answer)
{
    struct strbuf out;
    bool found = false;
    sb_init(&out);
    cloze_into(&out, html, strlen(html), number, answer, &found, 0);
    if (!found) {
        sb_free(&out);
        return NULL;
    }
    return sb_detach(&out);
}

/* ---- text, names ---- */

bool anki_text_ok(const char *s, size_t len, char *why, size_t whylen)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            snprintf(why, whylen, "invalid UTF-8 at byte %zu", i);
            return false;
        }
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            (cp >= 0x7F && cp < 0xA0)) {
            snprintf(why, whylen, "control character U+%04X at byte %zu",
                     (unsigned)cp, i);
            return false;
        }
        i += n;
    }
    return true;
}

void anki_slug(const char *name, char *out)
{
    size_t k = 0;
    bool dash = false;
    for (const char *p = name; *p && k < ID_MAX; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && k > 0 && k + 1 < ID_MAX)
                out[k++] = '-';
            out[k++] = c;
            dash = false;
        } else {
            dash = true;
        }
    }
    out[k] = '\0';
    if (k == 0)
        snprintf(out, ID_MAX + 1, "anki");
}

void anki_card_id(const char *guid, int ord, char out[32])
{
    unsigned char h[8];
    crypto_generichash(h, sizeof h, (const unsigned char *)guid, strlen(guid),
                       NULL, 0);
    char *p = out;
    *p++ = 'a';
    for (size_t i = 0; i < sizeof h; i++)
        p += snprintf(p, 3, "%02x", h[i]);
    snprintf(p, 32 - (size_t)(p - out), "-%d", ord < 0 ? 0 : ord % 100000);
}

/* ---- protobuf ---- */

static int varint(const unsigned char *b, size_t len, size_t *i, uint64_t *v)
{
    *v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (*i >= len)
            return -1;
        unsigned char c = b[(*i)++];
        *v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            return 0;
    }
    return -1;
}

/* Finds field `field` of wire type `wire`: 1 with *start, *value set. */
static int find_field(const unsigned char *b, size_t len, unsigned field,
                      unsigned wire, size_t *start, uint64_t *value)
{
    size_t i = 0;
    while (i < len) {
        uint64_t key, v = 0;
        if (varint(b, len, &i, &key))
            return -1;
        unsigned w = (unsigned)(key & 7);
        size_t at = i;
        if (w == 0 && varint(b, len, &i, &v))
            return -1;
        if (w == 2 && (varint(b, len, &i, &v) || v > len - i))
            return -1;
        size_t skip = w == 1 ? 8 : w == 5 ? 4 : w == 2 ? (size_t)v : 0;
        if (w != 0 && w != 1 && w != 2 && w != 5)
            return -1;
        if (skip > len - i)
            return -1;
        if ((key >> 3) == field && w == wire) {
            *start = w == 2 ? i : at;
            *value = v;
            return 1;
        }
        i += skip;
    }
    return 0;
}

int anki_proto_varint(const unsigned char *blob, size_t len, unsigned field,
                      uint64_t *value)
{
    size_t start;
    *value = 0;
    return find_field(blob, len, field, 0, &start, value);
}

int anki_proto_bytes(const unsigned char *blob, size_t len, unsigned field,
                     const unsigned char **out, size_t *outlen)
{
    size_t start = 0;
    uint64_t n = 0;
    int rc = find_field(blob, len, field, 2, &start, &n);
    *out = rc == 1 ? blob + start : NULL;
    *outlen = rc == 1 ? (size_t)n : 0;
    return rc;
}
