/* cmd_note.c: `rehearse note CARD`, the user's own note on a card: a
 * story for a behavioural question, a correction, a mnemonic. */
#include "rehearse/annotate.h"
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/notes.h"
#include "rehearse/render.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char note_usage[] =
    "usage: rehearse note CARD\n"
    "       rehearse note --show CARD\n"
    "       rehearse note --delete CARD\n"
    "\n"
    "Edits your note on a card in $VISUAL, else $EDITOR, else vi (run\n"
    "through sh, so the variable may hold arguments).  The note is saved\n"
    "when the editor exits 0 with text in the file (trailing blanks\n"
    "trimmed); an editor that fails keeps the old note (exit 1), and an\n"
    "empty file leaves it unchanged.  Notes are Markdown, shown after the\n"
    "reference answer in study, interview and show, searched by search,\n"
    "kept through deck updates.  At a study or interview prompt after the\n"
    "answer, :note does the same.  CARD is DECK/CARD-ID, or CARD-ID alone\n"
    "when only one deck has it.\n"
    "\n"
    "  --show     print the note as it is stored (exit 1 when none)\n"
    "  --delete   remove the note\n";

enum mode { EDIT, SHOW, DELETE };

/* Prints the note line by line, each made safe for the terminal. */
static int show_note(struct store *st, int64_t card, const char *name)
{
    char *body = NULL;
    if (store_note_get(st, card, &body))
        die(EXIT_FAIL, "%s", store_error(st));
    if (body == NULL) {
        warnx("no note on '%s'", name);
        return EXIT_FAIL;
    }
    struct strbuf line;
    sb_init(&line);
    for (const char *p = body; *p;) {
        size_t n = strcspn(p, "\n");
        sb_reset(&line);
        render_safe(&line, p, n);
        puts(line.buf);
        p += n + (p[n] == '\n');
    }
    sb_free(&line);
    free(body);
    return EXIT_OK;
}

static int delete_note(struct store *st, int64_t card, const char *name)
{
    bool removed = false;
    if (store_note_delete(st, card, &removed))
        die(EXIT_FAIL, "%s", store_error(st));
    fprintf(stderr, removed ? "note deleted from '%s'\n" : "no note on '%s'\n",
            name);
    return EXIT_OK;
}

static int parse(int argc, char **argv, enum mode *mode)
{
    static const struct option opts[] = {{"show", no_argument, 0, 's'},
                                         {"delete", no_argument, 0, 'D'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 's' && *mode == EDIT)
            *mode = SHOW;
        else if (c == 'D' && *mode == EDIT)
            *mode = DELETE;
        else
            return usage(note_usage, c == 'h');
    }
    return optind + 1 == argc ? -1 : usage(note_usage, false);
}

int cmd_note(int argc, char **argv, struct app *app)
{
    enum mode mode = EDIT;
    int rc = parse(argc, argv, &mode);
    if (rc >= 0)
        return rc;
    struct store *st = app_open(app, false);
    int64_t card;
    if (store_find_card(st, argv[optind], &card))
        die(EXIT_FAIL, "%s", store_error(st));
    struct card_view v;
    if (store_card_view(st, card, &v))
        die(EXIT_FAIL, "%s", store_error(st));
    struct strbuf name;
    sb_init(&name);
    add_card_name(&name, v.deck, v.id);
    card_view_free(&v);
    if (mode == SHOW)
        rc = show_note(st, card, name.buf);
    else if (mode == DELETE)
        rc = delete_note(st, card, name.buf);
    else
        rc = note_edit(st, card, name.buf, app->now, stderr) == NOTE_FAILED
                 ? EXIT_FAIL
                 : EXIT_OK;
    sb_free(&name);
    app_close(app, st);
    return rc;
}
