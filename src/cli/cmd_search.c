/* cmd_search.c: `rehearse search WORDS...`, full-text search over the
 * questions, answers and notes of live cards, best matches first.
 *
 * The user's words never reach FTS5 as syntax: each becomes a quoted
 * string (with '"' doubled), so AND, NEAR, '(' or a lone '"' are words
 * like any other, and the terms are ANDed.  A word ending in '*' is a
 * prefix.  Matched words are bold on a terminal with colour, in [ ] on
 * one without (NO_COLOR, TERM=dumb), and unmarked when stdout is not a
 * terminal, so piped output stays the plain text. */
#include "rehearse/cmd.h"
#include "rehearse/listing.h"
#include "rehearse/notes.h"
#include "rehearse/render.h"
#include "rehearse/ui.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char search_usage[] =
    "usage: rehearse search [--deck ID]... [--tag TAG]... [--limit N]\n"
    "                       [--json] WORD...\n"
    "\n"
    "Finds cards whose question, answer or your note has every WORD,\n"
    "ranked best first (bm25, a word in the question counting most).\n"
    "Words are stemmed (\"running\" finds \"run\") and case and accents do\n"
    "not matter; a word ending in * matches as a prefix (\"gene*\").\n"
    "Everything else is taken literally: there is no search syntax.\n"
    "Matches are bold on a colour terminal, in [brackets] without colour\n"
    "(NO_COLOR), unmarked when the output is not a terminal.  Exits 1 when\n"
    "nothing matches.\n"
    "\n"
    "  --deck ID   only this deck (repeatable)\n"
    "  --tag TAG   only cards with this tag (repeatable)\n"
    "  --limit N   at most N cards (default 20, 0 for all)\n"
    "  --json      a JSON array: deck, id, question, the answer and note\n"
    "              fragments that match (matches in [ ]), rank\n";

/* True when w holds something the tokenizer keeps: an ASCII letter or
 * digit, or any non-ASCII byte (unicode61 keeps letters of any script). */
static bool has_word(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') ||
            ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return true;
    }
    return false;
}

/* Adds one term as an FTS5 string, or nothing when it has no word. */
static void add_term(struct strbuf *q, const char *w, size_t n)
{
    bool prefix = n > 1 && w[n - 1] == '*';
    if (prefix)
        n--;
    if (!has_word(w, n))
        return;
    if (q->len)
        sb_addc(q, ' ');
    sb_addc(q, '"');
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '"')
            sb_addc(q, '"');
        sb_addc(q, w[i]);
    }
    sb_addc(q, '"');
    if (prefix)
        sb_addc(q, '*');
}

/* The FTS5 expression for the words (malloc'd), or NULL when none of
 * them has anything to search for. */
static char *search_query(char **words, int n)
{
    struct strbuf q;
    sb_init(&q);
    for (int i = 0; i < n; i++)
        for (const char *p = words[i]; *p;) {
            p += strspn(p, " \t\r\n");
            size_t len = strcspn(p, " \t\r\n");
            add_term(&q, p, len);
            p += len;
        }
    if (q.len == 0) {
        sb_free(&q);
        return NULL;
    }
    return sb_detach(&q);
}

struct printer {
    struct ui ui;
    enum { MARK_NONE, MARK_BRACKETS, MARK_BOLD } mark;
    long hits;
    struct strbuf text;
    size_t starts[64], ends[64], nmarks; /* marked spans of text */
};

/* Makes text (with SEARCH_MARK_* around matches) safe and one line into
 * p->text, recording where the marked spans are. */
static void take_marked(struct printer *p, const char *text)
{
    sb_reset(&p->text);
    p->nmarks = 0;
    static const char marks[] = {SEARCH_MARK_ON, SEARCH_MARK_OFF, 0};
    for (;;) {
        size_t n = strcspn(text, marks);
        char *piece = xstrndup(text, n);
        add_one_line(&p->text, piece);
        free(piece);
        text += n;
        if (*text == '\0')
            break;
        bool on = *text++ == SEARCH_MARK_ON;
        if (p->mark == MARK_BRACKETS)
            sb_addc(&p->text, on ? '[' : ']');
        else if (on && p->nmarks < 64)
            p->starts[p->nmarks] = p->ends[p->nmarks] = p->text.len;
        else if (!on && p->nmarks < 64)
            p->ends[p->nmarks++] = p->text.len;
    }
}

/* Prints p->text cut to width, with the marked spans in bold. */
static void put_marked(struct printer *p, int width)
{
    fit_columns(&p->text, width);
    size_t at = 0, len = p->text.len;
    for (size_t i = 0; i < p->nmarks && p->mark == MARK_BOLD; i++) {
        size_t s = p->starts[i] < len ? p->starts[i] : len;
        size_t e = p->ends[i] < len ? p->ends[i] : len;
        fwrite(p->text.buf + at, 1, s - at, stdout);
        if (e > s)
            printf("\033[1m%.*s\033[0m", (int)(e - s), p->text.buf + s);
        at = e;
    }
    fwrite(p->text.buf + at, 1, len - at, stdout);
    putchar('\n');
}

static void print_hit(void *ctx, const struct search_hit *h)
{
    struct printer *p = ctx;
    int width = ui_width(&p->ui);
    struct strbuf head;
    sb_init(&head);
    add_card_name(&head, h->deck, h->card);
    ui_styled(&p->ui, UI_CYAN, head.buf);
    putchar('\n');
    sb_free(&head);
    take_marked(p, h->question);
    fputs("  ", stdout);
    put_marked(p, width - 2);
    bool in_note = strchr(h->note, SEARCH_MARK_ON) != NULL;
    if (strchr(h->answer, SEARCH_MARK_ON) || !in_note) {
        take_marked(p, h->answer);
        fputs("    ", stdout);
        put_marked(p, width - 4);
    }
    if (in_note) {
        take_marked(p, h->note);
        fputs("    note: ", stdout);
        put_marked(p, width - 10);
    }
    p->hits++;
}

static int run_search(struct app *app, const char *match,
                      const struct filter_args *fa, long limit, bool json)
{
    struct store *st = app_open(app, false);
    filter_check(st, fa);
    struct printer p = {.mark = MARK_NONE};
    ui_init(&p.ui);
    if (p.ui.tty_out)
        p.mark = p.ui.colour ? MARK_BOLD : MARK_BRACKETS;
    sb_init(&p.text);
    int rc;
    if (json) {
        char *out = NULL;
        rc = store_search_json(st, match, &fa->f, limit, &out);
        if (rc == 0)
            puts(out);
        p.hits = out && strcmp(out, "[]") != 0;
        free(out);
    } else
        rc = store_search(st, match, &fa->f, limit, 12, print_hit, &p);
    sb_free(&p.text);
    if (rc)
        die(EXIT_FAIL, "%s", store_error(st));
    app_close(app, st);
    return p.hits ? EXIT_OK : EXIT_FAIL;
}

int cmd_search(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"deck", required_argument, 0, 'd'},
                                         {"tag", required_argument, 0, 't'},
                                         {"limit", required_argument, 0, 'n'},
                                         {"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    bool json = false;
    long limit = 20;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:n:", opts, NULL)) != -1) {
        if (c == 'd' || c == 't')
            filter_add(&fa, c == 't', optarg);
        else if (c == 'n')
            limit = parse_count("--limit", optarg, 1000000);
        else if (c == 'j')
            json = true;
        else
            return usage(search_usage, c == 'h');
    }
    if (optind == argc)
        return usage(search_usage, false);
    char *match = search_query(argv + optind, argc - optind);
    if (match == NULL)
        die(EXIT_USAGE, "nothing to search for: give a word with a letter or "
                        "a digit");
    int rc = run_search(app, match, &fa, limit, json);
    free(match);
    filter_free(&fa);
    return rc;
}
