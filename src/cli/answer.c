/* answer.c: the card as study and interview both show it (answer.h).
 * One copy, so the two sessions cannot drift apart in how an answer is
 * typed or how a long card and its note are shown. */
#include "rehearse/answer.h"
#include "rehearse/annotate.h"
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/notes.h"

#include <stdlib.h>
#include <string.h>

bool answer_line(struct strbuf *text, const char *line)
{
    if (line[strspn(line, " \t")] == '\0')
        return true;
    if (text->len)
        sb_addc(text, '\n');
    sb_adds(text, line);
    return false;
}

void show_reference(const struct ui *ui, struct store *st, int64_t card,
                    const struct card_view *v, int reserve)
{
    char *note = NULL;
    if (store_note_get(st, card, &note))
        die(EXIT_FAIL, "%s", store_error(st));
    char *head = xasprintf("**%s**", v->question);
    ui_markdown_paged(ui, head, "  --- reference answer ---\n", v->answer, 2,
                      reserve);
    free(head);
    note_print(ui, note);
    free(note);
}

void note_at_prompt(const struct ui *ui, struct store *st,
                    const struct card_view *v, int64_t card, time_t now)
{
    struct strbuf name;
    sb_init(&name);
    add_card_name(&name, v->deck, v->id);
    if (note_edit(st, card, name.buf, now, stdout) == NOTE_SAVED) {
        char *note = NULL;
        if (store_note_get(st, card, &note))
            die(EXIT_FAIL, "%s", store_error(st));
        note_print(ui, note);
        free(note);
    }
    sb_free(&name);
}
