/* text.h: small text helpers shared by the parser, the linter, key-point
 * matching and the terminal renderer.
 *
 * Pure.  One UTF-8 decoder (so the deck parser and the renderer agree on
 * what is valid), one string hash, the stop-word lists, negating
 * words and a one-typo test. */
#ifndef REHEARSE_TEXT_H
#define REHEARSE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns the length (1-4) of the UTF-8 sequence at s (at most n bytes,
 * n >= 1), or 0 if it is malformed, truncated, overlong, a surrogate or
 * beyond U+10FFFF.  *cp gets the code point when the length is not 0. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Writes cp (which must be at most U+10FFFF and not a surrogate) as UTF-8
 * into out; returns the number of bytes (1-4). */
size_t utf8_encode(uint32_t cp, char out[4]);

/* A malloc'd, NUL-terminated copy of s[0..n) that is valid UTF-8: each
 * byte that does not start a well-formed sequence (utf8_decode) becomes
 * U+FFFD.  For text typed at a prompt, which may be in any encoding but
 * is stored and emitted as UTF-8 (JSON must be). */
char *utf8_repair(const char *s, size_t n);

/* The Levenshtein distance between the NUL-terminated byte strings a and
 * b (insertions, deletions and substitutions cost one), or limit + 1 when
 * it is more than limit.  For "did you mean" suggestions over ids, so it
 * counts bytes.  Both strings must be at most 256 bytes. */
size_t text_distance(const char *a, const char *b, size_t limit);

/* 64-bit FNV-1a of a NUL-terminated string, for open-addressing tables. */
uint64_t text_hash(const char *s);

/* Which uses a stop word serves: key-point matching drops function words;
 * question signatures also drop the words every interview question uses. */
enum { TEXT_STOP_KEYPOINT = 1, TEXT_STOP_QUESTION = 2 };

/* The md4c flags of the Markdown answers are written in (CommonMark with
 * tables, strikethrough, task lists and bare URLs): one dialect for the
 * renderer and the linter, so check warns about what the terminal meets. */
unsigned text_markdown_flags(void);

/* True when the lower-case word w[0..n) is a stop word for `use`:
 * TEXT_STOP_KEYPOINT is Snowball's English list (with its apostrophes:
 * "isn't", "it's"), TEXT_STOP_QUESTION a shorter list that adds the words
 * interview questions share ("explain", "python"). */
bool text_stop_word(const char *w, size_t n, unsigned use);

/* True when the lower-case word w[0..n) negates what follows: "not",
 * "no", "never", "without", "none", "nor", "cannot", any word ending in
 * "n't", and the same typed without the apostrophe ("dont", "isnt"). */
bool text_negator(const char *w, size_t n);

/* True when the byte strings a[0..na) and b[0..nb) are equal or one edit
 * apart in the Damerau-Levenshtein sense: one byte inserted, deleted or
 * replaced, or two neighbouring bytes swapped.  O(na + nb). */
bool text_one_edit(const char *a, size_t na, const char *b, size_t nb);

#endif
