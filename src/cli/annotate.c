/* annotate.c: editing and printing a card's note (annotate.h).
 *
 * The edit works as `git commit` does: the note goes into a private
 * temporary file (mkstemp, 0600: a note may be a personal story), the
 * editor runs on it through the shell, and only an editor that exits 0
 * leaves text that is read back.  The old note stays until the new text
 * has passed every check, so no failure can lose it. */
#include "rehearse/annotate.h"
#include "rehearse/files.h"
#include "rehearse/notes.h"
#include "rehearse/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *note_trim(char *note)
{
    char *w = note;
    for (const char *r = note; *r;) {
        size_t n = strcspn(r, "\n");
        size_t keep = n;
        while (keep > 0 && strchr(" \t\r", r[keep - 1]))
            keep--;
        memmove(w, r, keep);
        w += keep;
        r += n;
        if (*r == '\n')
            *w++ = *r++;
    }
    while (w > note && strchr(" \t\r\n", w[-1]))
        w--;
    *w = '\0';
    size_t lead = strspn(note, "\n"); /* blank lines at the top too */
    memmove(note, note + lead, strlen(note + lead) + 1);
    return note;
}

const char *note_refusal(const char *text, size_t len)
{
    if (len > NOTE_MAX_BYTES)
        return "is longer than 64 KiB";
    if (strlen(text) != len)
        return "contains a NUL byte";
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (n == 0)
            return "is not valid UTF-8";
        i += n;
    }
    return NULL;
}

/* A private file holding `text`; its path (free it) or NULL. */
static char *temp_note(const char *text)
{
    const char *dir = getenv("TMPDIR");
    char *path =
        xasprintf("%s/rehearse-note-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        warn_errno("cannot create a temporary file in '%s'",
                   dir && *dir ? dir : "/tmp");
        free(path);
        return NULL;
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    if (done < len || (len && write(fd, "\n", 1) != 1) || close(fd) != 0) {
        warn_errno("cannot write '%s'", path);
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* Runs the editor on path; false (having said why) unless it exited 0. */
static bool edit(const char *path, const char *name)
{
    const char *editor = ui_editor();
    int rc = ui_run_editor(editor, path);
    if (rc == 0)
        return true;
    if (rc < 0)
        warn_errno("cannot run the editor '%s'", editor);
    else if (rc > 128)
        warnx("the editor '%s' was killed by signal %d: the note on '%s' "
              "is unchanged",
              editor, rc - 128, name);
    else
        warnx("the editor '%s' failed (exit status %d): the note on '%s' "
              "is unchanged",
              editor, rc, name);
    return false;
}

/* Reads back what the editor left and saves it when it is a new note. */
static enum note_outcome take_text(struct store *st, int64_t card,
                                   const char *name, const char *path,
                                   const char *old, time_t now, FILE *out)
{
    struct error err = {0};
    size_t len = 0;
    char *text = read_file(path, "note", NOTE_MAX_BYTES + 1, &len, &err);
    if (text == NULL) {
        report_error(&err);
        return NOTE_FAILED;
    }
    const char *why = note_refusal(text, len);
    enum note_outcome o = NOTE_UNCHANGED;
    if (why) {
        warnx("the note for '%s' %s: the note is unchanged", name, why);
        o = NOTE_FAILED;
    } else if (*note_trim(text) == '\0') {
        fprintf(out, "note unchanged: the editor left it empty (rehearse "
                     "note --delete removes a note)\n");
    } else if (old && strcmp(old, text) == 0) {
        fprintf(out, "note unchanged\n");
    } else if (store_note_set(st, card, text, now)) {
        warnx("%s", store_error(st));
        o = NOTE_FAILED;
    } else {
        fprintf(out, "note saved for '%s'\n", name);
        o = NOTE_SAVED;
    }
    free(text);
    return o;
}

enum note_outcome note_edit(struct store *st, int64_t card, const char *name,
                            time_t now, FILE *out)
{
    char *old = NULL;
    if (store_note_get(st, card, &old)) {
        warnx("%s", store_error(st));
        return NOTE_FAILED;
    }
    enum note_outcome o = NOTE_FAILED;
    char *path = temp_note(old ? old : "");
    if (path && edit(path, name))
        o = take_text(st, card, name, path, old, now, out);
    if (path)
        unlink(path);
    free(path);
    free(old);
    return o;
}

void note_print(const struct ui *ui, const char *note)
{
    if (note == NULL)
        return;
    ui_styled(ui, UI_DIM, "  --- your note ---\n");
    ui_markdown(ui, note, 2);
}
