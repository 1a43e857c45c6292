/* external.c: the programs rehearse hands the terminal to, the user's
 * editor and pager, and the rule for when a card needs the pager.
 *
 * Both run through "sh -c", as git runs core.editor and core.pager, so
 * EDITOR="code --wait" or PAGER="less -RS" work as they do there.  While
 * a child owns the terminal, SIGINT and SIGQUIT are ignored here (as
 * system() does): Ctrl-C in vi or less is theirs, and must not end the
 * session waiting behind them.  Nothing is drawn by readline between
 * prompts (its callback handler is removed after each line), so the
 * terminal is in its ordinary mode when the child starts and after. */
#include "rehearse/render.h"
#include "rehearse/ui.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Starts `sh -c 'CMD "$@"' CMD arg` (arg may be NULL), with stdin from
 * in_fd when it is not -1.  Returns the pid, or -1 with errno set. */
static pid_t spawn_shell(const char *cmd, const char *arg, int in_fd)
{
    char *script = xasprintf("%s \"$@\"", cmd);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        if (in_fd >= 0 && dup2(in_fd, STDIN_FILENO) < 0)
            _exit(126);
        if (in_fd >= 0)
            close(in_fd);
        execl("/bin/sh", "sh", "-c", script, cmd, arg, (char *)NULL);
        _exit(127);
    }
    free(script);
    return pid;
}

/* Waits for pid with SIGINT and SIGQUIT ignored.  The child's exit
 * status, 128 + N when signal N killed it, -1 when waiting failed. */
static int wait_child(pid_t pid)
{
    int status = 0;
    pid_t r;
    while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    if (r < 0)
        return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct quiet {
    struct sigaction intr, quit;
};

static void hush(struct quiet *q)
{
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    fflush(stdout);
    sigaction(SIGINT, &ign, &q->intr);
    sigaction(SIGQUIT, &ign, &q->quit);
}

static void unhush(const struct quiet *q)
{
    sigaction(SIGINT, &q->intr, NULL);
    sigaction(SIGQUIT, &q->quit, NULL);
}

const char *ui_editor(void)
{
    const char *names[] = {"VISUAL", "EDITOR"};
    for (size_t i = 0; i < 2; i++) {
        const char *e = getenv(names[i]);
        if (e && *e)
            return e;
    }
    return "vi";
}

int ui_run_editor(const char *editor, const char *path)
{
    struct quiet q;
    hush(&q);
    pid_t pid = spawn_shell(editor, path, -1);
    int rc = pid < 0 ? -1 : wait_child(pid);
    unhush(&q);
    return rc;
}

int ui_height(const struct ui *ui)
{
    struct winsize ws;
    if (ui->tty_out && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_row > 0)
        return ws.ws_row;
    return 0;
}

/* Writes text to the pager's stdin; false when the pager could not be
 * started at all (then the caller prints the text itself). */
static bool run_pager(const char *pager, const char *text)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    struct quiet q;
    hush(&q);
    struct sigaction ign, old_pipe;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &old_pipe); /* the user may quit it early */
    pid_t pid = spawn_shell(pager, NULL, fds[0]);
    close(fds[0]);
    size_t len = strlen(text), done = 0;
    while (pid > 0 && done < len) {
        ssize_t n = write(fds[1], text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* the pager quit before the end: that is its right */
        done += (size_t)n;
    }
    close(fds[1]);
    int rc = pid < 0 ? -1 : wait_child(pid);
    sigaction(SIGPIPE, &old_pipe, NULL);
    unhush(&q);
    return rc != -1 && rc != 126 && rc != 127;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void render_to(const struct ui *ui, struct strbuf *out, const char *md,
                      int indent)
{
    int width = ui_width(ui);
    if (width > 100)
        width = 100; /* as ui_markdown */
    struct render_opts o = {width, indent, ui->colour, ui->unicode};
    render_markdown_opts(out, md, &o);
}

bool ui_markdown_paged(const struct ui *ui, const char *head_md,
                       const char *rule, const char *body_md, int indent,
                       int reserve)
{
    struct strbuf head, body;
    sb_init(&head);
    sb_init(&body);
    render_to(ui, &body, body_md, indent);
    int rows = ui_height(ui);
    bool paged = false;
    const char *pager = getenv("PAGER");
    if (pager == NULL)
        pager = "less -R";
    if (ui->tty_in && ui->tty_out && rows > 0 && *pager &&
        strcmp(pager, "cat") != 0) {
        render_to(ui, &head, head_md, indent);
        if (count_lines(head.buf) + count_lines(body.buf) + 1 + reserve >
            rows) {
            sb_adds(&head, rule);
            sb_adds(&head, body.buf);
            paged = run_pager(pager, head.buf);
        }
    }
    ui_styled(ui, UI_DIM, rule);
    if (paged) /* the question is still above: say where the answer went */
        printf("  (%d lines, shown in the pager)\n", count_lines(body.buf));
    else
        fputs(body.buf, stdout);
    sb_free(&head);
    sb_free(&body);
    return paged;
}
