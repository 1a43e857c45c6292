/* anki_package.h: Anki packages (.apkg, .colpkg) as a deck source.
 *
 * A package is a zip archive.  It is read in memory only: no entry is
 * ever extracted to disk, so a hostile entry name cannot write anything
 * anywhere, and such names are refused anyway.  Of its entries only the
 * collection is decompressed (collection.anki21b, zstd-compressed, from
 * current Anki; else collection.anki21; else collection.anki2), under the
 * limits below, which stop zip and zstd bombs before the memory is spent.
 * Media files are never read.  docs/anki.md says what is carried over. */
#ifndef REHEARSE_ANKI_PACKAGE_H
#define REHEARSE_ANKI_PACKAGE_H

#include "rehearse/deck.h"
#include "rehearse/deck_source.h"

#include <stdbool.h>
#include <stddef.h>

#define ANKI_MAX_ENTRIES 100000          /* entries in the zip */
#define ANKI_MAX_COLLECTION (256u << 20) /* bytes of the collection */
#define ANKI_MAX_RATIO 200 /* uncompressed : compressed, over 1 MiB */

/* The Anki package source: recognises a zip archive by its first bytes
 * and streams its usable cards (with their history to h->history). */
extern const struct deck_source anki_package_source;

/* The source for bytes: the Anki package source, or deck_source_for's. */
const struct deck_source *import_source_for(const char *bytes, size_t len);

/* Takes the collection out of package bytes[0..len) into *out (malloc'd,
 * *outlen bytes).  *compressed says it was the zstd collection.anki21b.
 * Returns 0, or -1 with err->message set. */
int anki_package_collection(const char *bytes, size_t len, unsigned char **out,
                            size_t *outlen, struct deck_error *err);

#endif
