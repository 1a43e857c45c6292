/* ui.h: the terminal.  The only module that reads the user's keystrokes.
 *
 * On a terminal every prompt is GNU readline (history, Tab completion of
 * the session commands); when stdin is not a terminal, lines are read
 * plainly so sessions can be scripted.  Ctrl-C (SIGINT) behaves as in
 * bash or python: with text on the line it drops the text and prompts
 * again; at an empty line (or between prompts) it ends the prompt as
 * Ctrl-D does, with UI_EOF, so the caller ends as the user asked.
 * SIGTERM and SIGHUP end the prompt cleanly with the terminal restored:
 * the caller sees UI_INTERRUPT and leaves, its answers already
 * committed, and ui_signal() names the signal for the exit status. */
#ifndef REHEARSE_UI_H
#define REHEARSE_UI_H

#include "rehearse/util.h"

#include <stdbool.h>
#include <stdio.h>

enum ui_read { UI_LINE, UI_EOF, UI_INTERRUPT };

struct ui {
    bool tty_in;  /* stdin is a terminal: use readline */
    bool tty_out; /* stdout is a terminal */
    bool colour;  /* SGR allowed: termcaps_colour (termcaps.h) said so */
    bool unicode; /* the locale is UTF-8: blocks and box drawing allowed */
    int width;    /* columns when stdout cannot say: COLUMNS, else 80 */
};

/* Detects the terminal (colour, glyphs, fallback width; sets LC_CTYPE from
 * the environment) and installs the signal handlers. */
void ui_init(struct ui *ui);
/* The columns stdout has now: the terminal's width, asked afresh on each
 * call so a resized window is followed, or ui->width when stdout is not a
 * terminal.  Call it at each render, not once. */
int ui_width(const struct ui *ui);
/* The same for a command that prints a report and reads nothing, so
 * needs no struct ui (and keeps Ctrl-C's default: it ends the command). */
int ui_stdout_width(void);
/* Loads and saves readline history ($XDG_STATE_HOME/rehearse/history). */
void ui_history_open(const char *path);
void ui_history_close(void);
/* Reads one line (without newline) into *line, which the caller frees. */
enum ui_read ui_prompt(const struct ui *ui, const char *prompt, char **line);
/* Like ui_prompt, but on a terminal the prompt is tick(ctx) (a new
 * string the prompt frees), redrawn every second: a visible clock. */
typedef char *(*ui_tick_fn)(void *ctx);
enum ui_read ui_prompt_ticking(const struct ui *ui, const char *prompt,
                               ui_tick_fn tick, void *ctx, char **line);
/* SIGTERM or SIGHUP, when one ended a prompt, or 0 (never SIGINT, which
 * is the user's own way out). */
int ui_signal(void);
/* Writes a string to stdout with SGR `style` around it when colouring. */
void ui_styled(const struct ui *ui, const char *style, const char *text);
/* Prints Markdown rendered for this terminal, indented by `indent`. */
void ui_markdown(const struct ui *ui, const char *md, int indent);
/* The rows stdout has now, or 0 when it is not a terminal. */
int ui_height(const struct ui *ui);
/* Prints `rule` (dimmed) and the Markdown body_md.  When stdin and stdout
 * are terminals and head_md (already on screen: the question) with the
 * body and `reserve` more lines would not fit the window, the body goes
 * through $PAGER (default "less -R"; PAGER empty or "cat" means none)
 * with the head above it, so the pager's first page starts with the
 * question and the question is still on screen when the pager quits.
 * Returns whether the pager showed it. */
bool ui_markdown_paged(const struct ui *ui, const char *head_md,
                       const char *rule, const char *body_md, int indent,
                       int reserve);
/* The user's editor: $VISUAL, else $EDITOR, else vi (as git does). */
const char *ui_editor(void);
/* Runs the shell command `editor` with path as its last argument
 * (sh -c 'EDITOR "$@"'), handing it the terminal; SIGINT and SIGQUIT are
 * ignored here meanwhile.  Returns its exit status, 128 + N when signal N
 * ended it, or -1 when it could not be run. */
int ui_run_editor(const char *editor, const char *path);
/* Asks a yes/no question on the terminal; the default is no. */
bool ui_confirm(const struct ui *ui, const char *question);

/* Reads a passphrase without echo (from the terminal when stdin is one,
 * else one line of stdin), of at most 1024 bytes: a longer one is
 * refused with a message on stderr (and asked again on a terminal), never
 * cut short.  Echo is restored before a signal acts: Ctrl-C then ends the
 * program as it would have.  Returns a sodium_malloc'd string the caller
 * frees with sodium_free, or NULL on end of input, a refusal or a signal
 * that has a handler. */
char *ui_passphrase(const char *prompt);

#define UI_BOLD "1"
#define UI_DIM "2"
#define UI_GREEN "32"
#define UI_RED "31"
#define UI_YELLOW "33"
#define UI_CYAN "36"

#endif
