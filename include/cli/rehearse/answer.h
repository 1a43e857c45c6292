/* answer.h: what study and interview share at the card: the one rule for
 * typing an answer, the reference answer (paged when the card is taller
 * than the window) with the user's note under it, and :note. */
#ifndef REHEARSE_ANSWER_H
#define REHEARSE_ANSWER_H

#include "rehearse/store.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <stdbool.h>
#include <time.h>

/* The rule, as :help prints it in both. */
#define ANSWER_RULE_HELP                                                       \
    "  An answer may take several lines: an empty line ends it (an empty\n"    \
    "  line first shows the reference answer at once).  A command typed on\n"  \
    "  any line acts at once; :note and :more work once the reference\n"       \
    "  answer is shown.\n"

/* Adds one typed line to the answer in text.  Returns true when the line
 * ends the answer (it is empty, or only blanks), which it then does not
 * add. */
bool answer_line(struct strbuf *text, const char *line);

/* Prints the reference answer under its rule, through the pager when
 * question and answer with `reserve` lines more would not fit the
 * window (ui_markdown_paged), then the card's note, if any. */
void show_reference(const struct ui *ui, struct store *st, int64_t card,
                    const struct card_view *v, int reserve);

/* The one line that says the card has follow-ups (and how to see them),
 * or nothing.  Returns how many it has. */
int follow_ups_hint(struct store *st, int64_t card);
/* :more: the card's follow-up questions with their answers. */
void follow_ups_show(const struct ui *ui, struct store *st, int64_t card);
/* One follow-up, question in bold, its answer under it. */
void follow_up_print(const struct ui *ui, const struct follow_up *f);

/* :note at a prompt: edits the note of the card v shows, then prints the
 * note as it now is. */
void note_at_prompt(const struct ui *ui, struct store *st,
                    const struct card_view *v, int64_t card, time_t now);

#endif
