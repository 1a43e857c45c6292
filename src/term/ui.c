/* ui.c: readline prompts, signals, colour and terminal width.
 *
 * Prompts use readline's callback interface with our own select() loop:
 * a signal then interrupts select() and we can leave readline properly
 * (terminal modes restored, partial line dropped) instead of dying inside
 * it, or, for Ctrl-C on a line with text, clear that line and go on, as
 * readline programs do.  With stdin not a terminal, getline() reads plain
 * lines. */
#include "rehearse/ui.h"
#include "rehearse/render.h"
#include "rehearse/termcaps.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

/* SIGTERM or SIGHUP: the session ends and the command exits 128+N. */
static volatile sig_atomic_t caught_signal;
/* SIGINT (Ctrl-C) not yet acted on: at a prompt it clears the line, or
 * ends the prompt when the line is empty, as bash and python do. */
static volatile sig_atomic_t interrupted;
static char *history_path;
static char *pending_line;
static bool line_ready;

/* The handler also writes to a pipe the prompt's select() watches: a
 * signal that lands just before select() still wakes it (the self-pipe
 * trick), which a flag alone cannot guarantee. */
static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    if (sig == SIGINT)
        interrupted = 1;
    else
        caught_signal = sig;
    if (signal_pipe[1] >= 0 && write(signal_pipe[1], "", 1) < 0) {
        /* full pipe: a wake-up is already pending */
    }
    errno = saved;
}

int ui_signal(void)
{
    return caught_signal;
}

/* Empties the self-pipe once its wake-up has been seen. */
static void drain_signal_pipe(void)
{
    char buf[64];
    while (signal_pipe[0] >= 0 && read(signal_pipe[0], buf, sizeof buf) > 0)
        ;
}

static const char *const session_commands[] = {
    ":quit", ":undo", ":suspend", ":skip", ":help",
    ":pass", ":note", ":flag",    ":more", NULL};

static char *command_generator(const char *text, int state)
{
    static size_t index, len;
    if (state == 0) {
        index = 0;
        len = strlen(text);
    }
    while (session_commands[index]) {
        const char *c = session_commands[index++];
        if (strncmp(c, text, len) == 0)
            return xstrdup(c);
    }
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1;      /* never complete file names */
    rl_completion_append_character = '\0'; /* ":undo", not ":undo " */
    if (start != 0)
        return NULL;
    return rl_completion_matches(text, command_generator);
}

int ui_stdout_width(void)
{
    struct winsize ws;
    bool tty = isatty(STDOUT_FILENO);
    int cols =
        tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
    return termcaps_width(cols, getenv("COLUMNS"));
}

int ui_width(const struct ui *ui)
{
    struct winsize ws;
    if (ui->tty_out && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col > 0)
        return ws.ws_col;
    return ui->width;
}

void ui_init(struct ui *ui)
{
    ui->tty_in = isatty(STDIN_FILENO);
    ui->tty_out = isatty(STDOUT_FILENO);
    ui->colour =
        termcaps_colour(ui->tty_out, getenv("NO_COLOR"), getenv("TERM"));
    setlocale(LC_CTYPE, "");
    ui->unicode = termcaps_unicode(nl_langinfo(CODESET));
    ui->width = termcaps_width(0, getenv("COLUMNS"));
    if (signal_pipe[0] < 0 && pipe(signal_pipe) == 0) {
        fcntl(signal_pipe[0], F_SETFL, O_NONBLOCK);
        fcntl(signal_pipe[1], F_SETFL, O_NONBLOCK);
        fcntl(signal_pipe[0], F_SETFD, FD_CLOEXEC);
        fcntl(signal_pipe[1], F_SETFD, FD_CLOEXEC);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    rl_readline_name = "rehearse";
    rl_attempted_completion_function = complete;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
}

void ui_history_open(const char *path)
{
    history_path = path ? xstrdup(path) : NULL;
    using_history();
    stifle_history(1000);
    if (history_path)
        read_history(history_path);
}

void ui_history_close(void)
{
    if (history_path) {
        write_history(history_path);
        free(history_path);
        history_path = NULL;
    }
    clear_history();
}

static void on_line(char *line)
{
    pending_line = line;
    line_ready = true;
    rl_callback_handler_remove();
}

/* Ctrl-C while a line is being edited: shows ^C, drops the text and
 * prompts again on a fresh line.  Returns false when the line was empty,
 * which ends the prompt instead. */
static bool clear_line_on_interrupt(void)
{
    interrupted = 0;
    drain_signal_pipe();
    if (rl_end == 0)
        return false;
    rl_point = rl_end;
    rl_redisplay();
    fputs("^C", rl_outstream ? rl_outstream : stdout);
    rl_crlf();
    rl_callback_sigcleanup();
    rl_free_line_state();
    rl_replace_line("", 0);
    rl_on_new_line();
    rl_redisplay();
    return true;
}

/* Waits for input or a signal; a second's timeout redraws the ticking
 * prompt.  Returns false when the prompt must end without a line. */
static bool wait_for_key(ui_tick_fn tick, void *ctx)
{
    for (;;) {
        if (caught_signal || (interrupted && !clear_line_on_interrupt()))
            return false;
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        FD_SET(signal_pipe[0], &fds);
        int top = signal_pipe[0] > STDIN_FILENO ? signal_pipe[0] : 0;
        struct timeval second = {1, 0};
        int r = select(top + 1, &fds, NULL, NULL, tick ? &second : NULL);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return false;
        if (r > 0 && FD_ISSET(signal_pipe[0], &fds)) {
            drain_signal_pipe();
            continue;
        }
        if (r > 0)
            return true;
        char *shown = tick(ctx); /* a second passed: redraw the clock */
        rl_set_prompt(shown);
        rl_redisplay();
        free(shown);
    }
}

static enum ui_read read_tty(const char *prompt, ui_tick_fn tick, void *ctx,
                             char **line)
{
    line_ready = false;
    pending_line = NULL;
    char *shown = tick ? tick(ctx) : NULL;
    rl_callback_handler_install(shown ? shown : prompt, on_line);
    free(shown);
    while (!line_ready && wait_for_key(tick, ctx))
        rl_callback_read_char();
    if (!line_ready) {
        rl_free_line_state();
        rl_callback_sigcleanup();
        rl_callback_handler_remove();
        fputc('\n', stdout);
        /* Ctrl-C at an empty line ends the prompt as Ctrl-D does. */
        return caught_signal ? UI_INTERRUPT : UI_EOF;
    }
    if (pending_line == NULL) {
        fputc('\n', stdout);
        return UI_EOF;
    }
    if (*pending_line)
        add_history(pending_line);
    *line = pending_line;
    return UI_LINE;
}

static enum ui_read read_plain(const char *prompt, char **line)
{
    (void)prompt; /* scripted input: keep stdout for the session itself */
    char *buf = NULL;
    size_t cap = 0;
    errno = 0;
    ssize_t n = getline(&buf, &cap, stdin);
    if (n < 0) {
        free(buf);
        interrupted = 0; /* no line to clear: Ctrl-C ends, as EOF does */
        return caught_signal ? UI_INTERRUPT : UI_EOF;
    }
    if (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '\r')
        buf[--n] = '\0';
    *line = buf;
    return UI_LINE;
}

enum ui_read ui_prompt(const struct ui *ui, const char *prompt, char **line)
{
    return ui_prompt_ticking(ui, prompt, NULL, NULL, line);
}

enum ui_read ui_prompt_ticking(const struct ui *ui, const char *prompt,
                               ui_tick_fn tick, void *ctx, char **line)
{
    *line = NULL;
    fflush(stdout);
    if (caught_signal)
        return UI_INTERRUPT;
    if (interrupted) { /* Ctrl-C between prompts: as at an empty one */
        interrupted = 0;
        drain_signal_pipe();
        return UI_EOF;
    }
    return ui->tty_in ? read_tty(prompt, tick, ctx, line)
                      : read_plain(prompt, line);
}

void ui_styled(const struct ui *ui, const char *style, const char *text)
{
    if (ui->colour)
        printf("\033[%sm%s\033[0m", style, text);
    else
        fputs(text, stdout);
}

bool ui_confirm(const struct ui *ui, const char *question)
{
    char *answer = NULL;
    char *prompt = xasprintf("%s [y/N] ", question);
    bool yes = false;
    if (ui_prompt(ui, prompt, &answer) == UI_LINE)
        yes = answer[0] == 'y' || answer[0] == 'Y';
    free(answer);
    free(prompt);
    return yes;
}

#define PASSPHRASE_MAX 1024

/* The terminal as it was before a passphrase prompt turned echo off, and
 * the signal actions the prompt replaced for as long as it is up. */
struct quiet {
    struct termios saved;
    struct sigaction old[3];
};
static const int quiet_signals[3] = {SIGINT, SIGTERM, SIGHUP};

/* Prompts on stderr and turns echo off.  Signals interrupt the read (no
 * SA_RESTART) so the terminal is always restored before they act. */
static int quiet_begin(int fd, const char *prompt, struct quiet *q)
{
    fputs(prompt, stderr);
    fflush(stderr);
    if (tcgetattr(fd, &q->saved) != 0)
        return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++)
        sigaction(quiet_signals[i], &sa, &q->old[i]);
    struct termios quiet = q->saved;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    quiet.c_lflag |= ICANON;
    tcsetattr(fd, TCSAFLUSH, &quiet);
    return 0;
}

/* Restores echo and the signal actions; then a signal that came while
 * the prompt was up and had no handler before ends the process the way
 * it would have, terminal now sane. */
static void quiet_end(int fd, struct quiet *q)
{
    tcsetattr(fd, TCSAFLUSH, &q->saved);
    fputc('\n', stderr);
    for (int i = 0; i < 3; i++)
        sigaction(quiet_signals[i], &q->old[i], NULL);
    for (int i = 0; i < 3; i++) {
        int sig = quiet_signals[i];
        bool came = sig == SIGINT ? interrupted : caught_signal == sig;
        if (came && q->old[i].sa_handler == SIG_DFL)
            raise(sig);
    }
}

/* Reads one line into buf (room for max bytes and a NUL).  Returns its
 * length; -1 at end of input or on a signal; -2 when it is longer than
 * max, after reading the rest of the line, so nothing is cut silently. */
static long read_secret_line(int fd, char *buf, size_t max)
{
    size_t n = 0;
    bool too_long = false, any = false;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR && !caught_signal && !interrupted)
            continue;
        if (r <= 0 || caught_signal || interrupted)
            break;
        any = true;
        if (c == '\n')
            break;
        if (n < max)
            buf[n++] = c;
        else
            too_long = true;
    }
    if (!any || caught_signal || interrupted)
        return -1;
    if (too_long)
        return -2;
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return (long)n;
}

char *ui_passphrase(const char *prompt)
{
    int fd = STDIN_FILENO;
    bool tty = isatty(fd);
    char *buf = sodium_malloc(PASSPHRASE_MAX + 1);
    for (;;) {
        struct quiet q;
        if (buf == NULL || (tty && quiet_begin(fd, prompt, &q) != 0))
            break;
        long n = read_secret_line(fd, buf, PASSPHRASE_MAX);
        if (tty)
            quiet_end(fd, &q);
        if (n >= 0)
            return buf;
        sodium_memzero(buf, PASSPHRASE_MAX + 1);
        if (n != -2)
            break;
        fprintf(stderr,
                "rehearse: passphrase refused: longer than %d bytes%s\n",
                PASSPHRASE_MAX, tty ? "; type a shorter one" : "");
        if (!tty)
            break;
    }
    sodium_free(buf);
    return NULL;
}

void ui_markdown(const struct ui *ui, const char *md, int indent)
{
    struct strbuf out;
    sb_init(&out);
    int width = ui_width(ui);
    if (width > 100)
        width = 100; /* long lines are hard to read, even on wide screens */
    struct render_opts o = {width, indent, ui->colour, ui->unicode};
    render_markdown_opts(&out, md, &o);
    fputs(out.buf, stdout);
    sb_free(&out);
}
