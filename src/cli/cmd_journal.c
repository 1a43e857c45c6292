/* cmd_journal.c: `rehearse journal`, typed answers beside the reference. */
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/render.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char journal_usage[] =
    "usage: rehearse journal [--card ID] [--deck ID]... [--since DATE]\n"
    "                        [--format md] [--json]\n"
    "\n"
    "Shows your typed answers, from interviews and daily sessions, newest\n"
    "first, each beside the reference answer, with its grade, time and\n"
    "key points covered.\n"
    "\n"
    "  --card ID      one card (CARD or DECK/CARD)\n"
    "  --deck ID      one deck (repeatable)\n"
    "  --since DATE   answers from this local date on (YYYY-MM-DD)\n"
    "  --format md    a Markdown document to re-read before a call\n"
    "  --json         a JSON array\n";

struct printer {
    const struct ui *ui;
    bool markdown;
    long count;
};

static void describe(const struct journal_row *r, char *buf, size_t len)
{
    long s = r->duration_ms / 1000;
    if (r->grade < 0)
        snprintf(buf, len, "%s, %s, passed after %ld:%02ld", r->time, r->source,
                 s / 60, s % 60);
    else
        snprintf(buf, len, "%s, %s, grade %d, %ld:%02ld, %d/%d key points",
                 r->time, r->source, r->grade, s / 60, s % 60, r->keys_covered,
                 r->keys_total);
}

/* Prints text line by line, each after prefix, with controls made visible
 * (render_safe) but its newlines kept, so Markdown in it stays Markdown. */
static void print_safe_lines(struct strbuf *sb, const char *prefix,
                             const char *text)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        sb_reset(sb);
        render_safe(sb, p, n);
        printf("%s%s\n", prefix, sb->buf);
        p += n + (p[n] == '\n');
    }
}

/* What was typed, as typed: a block quote holding a fenced block whose
 * fence is longer than any run of backticks in the text, so nothing in
 * it can close it or be read as Markdown. */
static void print_typed(struct strbuf *sb, const char *typed)
{
    size_t fence = 3, run = 0;
    for (const char *p = typed; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run >= fence)
            fence = run + 1;
    }
    sb_reset(sb);
    while (sb->len < fence)
        sb_addc(sb, '`');
    char *line = sb_detach(sb);
    sb_init(sb);
    printf("> %s\n", line);
    print_safe_lines(sb, "> ", typed);
    printf("> %s\n", line);
    free(line);
}

/* Markdown for the document: the typed answer fenced so it cannot break
 * it, the reference answer as the Markdown it is (code blocks and all). */
static void print_md(const struct journal_row *r)
{
    char about[160];
    describe(r, about, sizeof about);
    struct strbuf sb;
    sb_init(&sb);
    render_safe(&sb, r->question, strlen(r->question));
    printf("## %s\n\n*%s/%s; %s*\n\n### Your answer\n\n", sb.buf, r->deck,
           r->card, about);
    if (*r->answer)
        print_typed(&sb, r->answer);
    else
        puts("> (nothing typed)");
    puts("\n### Reference answer\n");
    print_safe_lines(&sb, "", r->reference);
    if (*r->note) {
        puts("\n### Your note\n");
        print_safe_lines(&sb, "", r->note);
    }
    putchar('\n');
    sb_free(&sb);
}

static void print_entry(void *ctx, const struct journal_row *r)
{
    struct printer *p = ctx;
    p->count++;
    if (p->markdown) {
        print_md(r);
        return;
    }
    char about[160];
    describe(r, about, sizeof about);
    struct strbuf sb;
    sb_init(&sb);
    sb_addf(&sb, "\n%s/%s  (%s)\n", r->deck, r->card, about);
    ui_styled(p->ui, UI_DIM, sb.buf);
    sb_reset(&sb);
    sb_addf(&sb, "**%s**", r->question);
    ui_markdown(p->ui, sb.buf, 2);
    ui_styled(p->ui, UI_BOLD, "  Your answer:\n");
    /* What was typed is shown as typed, not interpreted as Markdown. */
    const char *typed = *r->answer ? r->answer : "(nothing typed)";
    for (const char *line = typed; *line;) {
        size_t n = strcspn(line, "\n");
        sb_reset(&sb);
        render_safe(&sb, line, n);
        printf("    %s\n", sb.buf);
        line += n + (line[n] == '\n');
    }
    ui_styled(p->ui, UI_BOLD, "  Reference:\n");
    ui_markdown(p->ui, r->reference, 4);
    if (*r->note) {
        ui_styled(p->ui, UI_BOLD, "  Your note:\n");
        ui_markdown(p->ui, r->note, 4);
    }
    sb_free(&sb);
}

/* Prints the entries q selects as JSON, Markdown or text. */
static int print_journal(struct store *st, const struct journal_query *q,
                         bool json, bool markdown)
{
    struct ui ui;
    ui_init(&ui);
    if (json) {
        char *out = NULL;
        int rc = store_journal_json(st, q, &out);
        if (rc == 0)
            puts(out);
        free(out);
        return rc;
    }
    struct printer p = {&ui, markdown, 0};
    if (markdown)
        puts("# Answer journal\n");
    int rc = store_each_journal(st, q, print_entry, &p);
    if (rc == 0 && p.count == 0 && !markdown)
        puts("No answers in the journal yet: type answers in a session "
             "or a 'rehearse interview'.");
    return rc;
}

int cmd_journal(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"card", required_argument, 0, 'c'},
                                         {"deck", required_argument, 0, 'd'},
                                         {"since", required_argument, 0, 's'},
                                         {"format", required_argument, 0, 'f'},
                                         {"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    struct journal_query q = {{0}, NULL, 0};
    bool json = false, markdown = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'c':
            q.card = optarg;
            break;
        case 'd':
            filter_add(&fa, false, optarg);
            break;
        case 's':
            if (!clock_parse(optarg, &q.since))
                die(EXIT_USAGE,
                    "--since: '%s' is not a date like "
                    "2026-03-01",
                    optarg);
            break;
        case 'f':
            if (strcmp(optarg, "md") != 0)
                die(EXIT_USAGE, "--format: only 'md' is known");
            markdown = true;
            break;
        case 'j':
            json = true;
            break;
        default:
            filter_free(&fa);
            return usage(journal_usage, c == 'h');
        }
    }
    if (optind != argc) {
        filter_free(&fa);
        return usage(journal_usage, false);
    }
    q.filter = fa.f;
    struct store *st = app_open(app, false);
    filter_check(st, &fa);
    if (print_journal(st, &q, json, markdown))
        die(EXIT_FAIL, "%s", store_error(st));
    app_close(app, st);
    filter_free(&fa);
    return EXIT_OK;
}
