/* annotate.h: the user's note on a card, as `rehearse note`, `show`,
 * `study` and `interview` edit and print it, so all four behave alike. */
#ifndef REHEARSE_ANNOTATE_H
#define REHEARSE_ANNOTATE_H

#include "rehearse/cmd.h"
#include "rehearse/store.h"
#include "rehearse/ui.h"

#include <stdint.h>
#include <stdio.h>

enum note_outcome {
    NOTE_SAVED,     /* the editor's text is the card's note now */
    NOTE_UNCHANGED, /* the text was empty or the same: nothing written */
    NOTE_FAILED,    /* the editor failed or its text was refused */
};

/* Opens the user's editor (ui_editor) on a 0600 temporary file holding
 * the card's note; when the editor succeeds, saves its text with
 * trailing blanks trimmed.  An editor that fails or is killed, text that
 * is not UTF-8 or is too long, keep the old note.  Says what happened on
 * `out` ("note saved for 'deck/card'"), failures through warnx. */
enum note_outcome note_edit(struct store *st, int64_t card, const char *name,
                            time_t now, FILE *out);

/* Prints "--- your note ---" and the note rendered as Markdown (which
 * makes every byte of it safe to show), or nothing when note is NULL. */
void note_print(const struct ui *ui, const char *note);

/* The text of a note with the end of each line and of the whole trimmed
 * of blanks (spaces, tabs, CR), in place.  Returns note. */
char *note_trim(char *note);

/* NULL when text[0..len) can be a note (UTF-8, no NUL, not too long),
 * else why not. */
const char *note_refusal(const char *text, size_t len);

#endif
