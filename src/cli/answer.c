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

int follow_ups_hint(struct store *st, int64_t card)
{
    struct follow_up *f;
    size_t n;
    if (store_card_follow_ups(st, card, &f, &n))
        die(EXIT_FAIL, "%s", store_error(st));
    if (n > 0)
        printf("  %zu follow-up question%s an interviewer may ask next "
               "(:more shows %s)\n",
               n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
    follow_ups_free(f, n);
    return (int)n;
}

void follow_up_print(const struct ui *ui, const struct follow_up *f)
{
    char *question = xasprintf("**%s**", f->question);
    ui_markdown(ui, question, 2);
    ui_markdown(ui, f->answer, 4);
    free(question);
}

void follow_ups_show(const struct ui *ui, struct store *st, int64_t card)
{
    struct follow_up *f;
    size_t n;
    if (store_card_follow_ups(st, card, &f, &n))
        die(EXIT_FAIL, "%s", store_error(st));
    if (n == 0)
        puts("  this card has no follow-up questions");
    else
        ui_styled(ui, UI_DIM, "  --- follow-ups ---\n");
    for (size_t i = 0; i < n; i++)
        follow_up_print(ui, &f[i]);
    follow_ups_free(f, n);
}
