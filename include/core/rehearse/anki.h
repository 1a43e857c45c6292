/* anki.h: the pure part of reading Anki notes (docs/anki.md).
 *
 * Anki keeps a note as fields of HTML and shows each of its cards through
 * a template that names fields ("{{Front}}", "{{type:Back}}",
 * "{{cloze:Text}}").  This module decides from the templates alone which
 * note types have the front/back shape rehearse can study, turns a field's
 * HTML into rehearse Markdown (libxml2's HTML parser, over a buffer), cuts
 * cloze deletions, reads the few protobuf fields schema 18 keeps in blobs,
 * and names decks and cards.  No I/O: the package and its SQLite file are
 * read by app/anki_package.c and store/anki_db.c. */
#ifndef REHEARSE_ANKI_H
#define REHEARSE_ANKI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANKI_MAX_FIELDS 64       /* fields in one note type */
#define ANKI_MAX_TEMPLATES 64    /* card templates in one note type */
#define ANKI_MAX_CLOZE 500       /* highest cloze number read */
#define ANKI_MAX_HTML (1u << 20) /* bytes in one field */

struct anki_template {
    char *name, *qfmt, *afmt;
};

struct anki_notetype {
    int64_t id;
    char *name;
    bool cloze;    /* Anki's cloze kind: one card per cloze number */
    char **fields; /* names, in field order */
    size_t nfields;
    struct anki_template *templates; /* in template (card ordinal) order */
    size_t ntemplates;
};

/* What a note type's cards show, worked out from its templates. */
struct anki_shape {
    bool usable;
    char reason[200]; /* why not, when !usable */
    /* Front/back types: for template i, the field its front shows and the
     * one its back adds. */
    int front[ANKI_MAX_TEMPLATES], back[ANKI_MAX_TEMPLATES];
    /* Cloze types: the field with the deletions, and the field the back
     * adds (-1 when none). */
    int text, extra;
};

/* Fills *shape for nt.  Never fails: an unusable type gets a reason. */
void anki_shape_of(const struct anki_notetype *nt, struct anki_shape *shape);

void anki_notetype_free(struct anki_notetype *nt);

/* html with deletion `number` cut: as the question (hidden, shown as
 * "[...]" or "[hint]") or as the answer (the text in bold); the other
 * deletions show their text.  Returns a malloc'd string, or NULL when
 * html has no deletion with that number. */
char *anki_cloze_side(const char *html, int number, bool answer);

/* Converts one field's HTML to rehearse Markdown (malloc'd into *md).
 * Markup is mapped (b/strong, i/em/u, code, pre, br, div/p, lists,
 * links), entities decoded, other tags dropped with their text kept,
 * script and style dropped whole; images and [sound:...] become visible
 * placeholders naming the file; text that Markdown would read as markup
 * is escaped.  The result has no trailing newline.  Returns 0, or -1
 * when libxml2 cannot parse it at all (then *md is NULL). */
int anki_html_to_markdown(const char *html, size_t len, char **md);

/* Checks that s[0..len) is valid UTF-8 without control characters other
 * than tab, newline and carriage return.  Returns true, or false with
 * what is wrong in why (at least 80 bytes). */
bool anki_text_ok(const char *s, size_t len, char *why, size_t whylen);

/* A deck id from an Anki deck name: ASCII letters and digits lowered,
 * every other run of characters (the "::" of subdecks included) one '-',
 * at most ID_MAX characters; "anki" when nothing is left.  out holds at
 * least ID_MAX + 1 bytes. */
void anki_slug(const char *name, char *out);

/* The rehearse card id of card `ord` of the note with this guid:
 * "a" + 16 hex digits of BLAKE2b(guid) + "-" + ord.  Stable across
 * packages, so a re-import finds the same card.  out: 32 bytes. */
void anki_card_id(const char *guid, int ord, char out[32]);

/* ---- export to Anki's text import (anki_export.c) ---- */

struct strbuf;
/* Card Markdown as HTML, by md4c-html in text_markdown_flags()'s dialect
 * with raw HTML escaped; no trailing newline.  Malloc'd. */
char *anki_markdown_html(const char *md);
/* A guid for card `card` of deck `deck` that every export repeats, so a
 * second import into Anki updates the note: "r" + 18 hex digits. */
void anki_export_guid(const char *deck, const char *card, char out[20]);
/* Appends s as one quoted field: in double quotes, quotes doubled. */
void anki_text_field(struct strbuf *sb, const char *s);

/* ---- protobuf, as schema 18 stores configs ---- */

/* The varint field `field` of the message blob[0..len), in *value.
 * Returns 1 found, 0 absent, -1 malformed. */
int anki_proto_varint(const unsigned char *blob, size_t len, unsigned field,
                      uint64_t *value);
/* The length-delimited field `field`: *out points into blob. */
int anki_proto_bytes(const unsigned char *blob, size_t len, unsigned field,
                     const unsigned char **out, size_t *outlen);

#endif
