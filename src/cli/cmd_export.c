/* cmd_export.c: `rehearse export`, a deck as Anki TSV or as a deck file. */
#include "rehearse/anki.h"
#include "rehearse/cmd.h"
#include "rehearse/util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char export_usage[] =
    "usage: rehearse export --deck ID [--format anki|md] [--notes] [-o FILE]\n"
    "                       [-f]\n"
    "\n"
    "Writes a deck's live cards.  anki (or tsv): Anki's text import format\n"
    "for the Basic note type, with its header lines: a stable guid per\n"
    "card (importing again into Anki updates the notes), question and\n"
    "answer as HTML, and tags.  md: a deck file in rehearse's format\n"
    "(unsigned), follow-up questions included.\n"
    "\n"
    "  --deck ID      the deck to export\n"
    "  --format FMT   anki (default; tsv is the same) or md\n"
    "  --notes        add your notes: in anki a column of their own (when\n"
    "                 the deck has any), in md a quoted \"My note\" after\n"
    "                 the answer (part of the answer if imported again);\n"
    "                 off by default, so a shared deck carries no notes\n"
    "  -o FILE        write to FILE instead of standard output\n"
    "  -f             overwrite FILE if it exists\n";

/* Writes a stored list (items separated by sep) with joiner between. */
static void put_list(FILE *out, const char *s, char sep, const char *joiner)
{
    for (; *s; s++) {
        if (*s == sep)
            fputs(joiner, out);
        else
            fputc(*s, out);
    }
}

/* Anki's text import: a header, then one line (fields may hold quoted
 * newlines) per card.  Columns: guid, Front, Back, [Note,] tags. */
struct anki_out {
    FILE *out;
    bool want_notes; /* --notes */
    bool notes;      /* ...and the deck has some: a note column */
    char deck[ID_MAX + 1];
};

static void anki_row(void *ctx, const struct export_deck *deck,
                     const struct export_card *card)
{
    struct anki_out *a = ctx;
    FILE *out = a->out;
    bool notes = a->notes;
    struct strbuf line;
    char guid[20];
    if (deck) {
        notes = a->notes = a->want_notes && deck->has_notes;
        snprintf(a->deck, sizeof a->deck, "%s", deck->id);
        fprintf(out,
                "#separator:tab\n#html:true\n#notetype:Basic\n#deck:%s\n"
                "#guid column:1\n#tags column:%d\n",
                deck->title, notes ? 5 : 4);
        return;
    }
    sb_init(&line);
    anki_export_guid(a->deck, card->id, guid);
    sb_adds(&line, guid);
    const char *md[] = {card->question, card->answer, card->note};
    for (int i = 0; i < (notes ? 3 : 2); i++) {
        char *html = anki_markdown_html(md[i]);
        sb_addc(&line, '\t');
        anki_text_field(&line, html);
        free(html);
    }
    sb_addc(&line, '\t');
    for (const char *t = card->tags; *t; t++)
        sb_addc(&line, *t == ',' ? ' ' : *t);
    sb_addc(&line, '\n');
    fputs(line.buf, out);
    sb_free(&line);
}

/* Where deck-file rows go, and whether they carry the user's notes. */
struct sink {
    FILE *out;
    bool notes;
};

/* The note as a block quote: "> " before every line. */
static void md_note(FILE *out, const char *note)
{
    fputs("\n> **My note:**\n>\n", out);
    for (const char *p = note; *p;) {
        size_t n = strcspn(p, "\n");
        fprintf(out, n ? "> %.*s\n" : ">\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static void md_row(void *ctx, const struct export_deck *deck,
                   const struct export_card *card)
{
    const struct sink *sk = ctx;
    FILE *out = sk->out;
    if (deck) {
        fprintf(out, "---\nid: %s\ntitle: %s\nversion: %ld\n", deck->id,
                deck->title, deck->version);
        if (*deck->description)
            fprintf(out, "description: %s\n", deck->description);
        if (*deck->author)
            fprintf(out, "author: %s\n", deck->author);
        if (*deck->license)
            fprintf(out, "license: %s\n", deck->license);
        if (*deck->tags) {
            fputs("tags: ", out);
            put_list(out, deck->tags, ',', ", ");
            fputc('\n', out);
        }
        fprintf(out, "---\n\n# %s\n", deck->title);
        return;
    }
    fprintf(out, "\n## %s {#%s}\n\n%s\n", card->question, card->id,
            card->answer);
    if (sk->notes && *card->note)
        md_note(out, card->note);
    if (*card->follow_ups)
        fprintf(out, "\nFollow-ups:\n%s\n", card->follow_ups);
    if (*card->tags || *card->keys)
        fputc('\n', out);
    if (*card->tags) {
        fputs("Tags: ", out);
        put_list(out, card->tags, ',', ", ");
        fputc('\n', out);
    }
    if (*card->keys) {
        fputs("Keys: ", out);
        put_list(out, card->keys, '\n', "; ");
        fputc('\n', out);
    }
}

static FILE *open_output(const char *path, bool force)
{
    if (path == NULL)
        return stdout;
    int fd = open(path,
                  O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
                      (force ? O_TRUNC : O_EXCL),
                  0644);
    if (fd < 0) {
        if (errno == EEXIST)
            die(EXIT_FAIL, "'%s' already exists (use -f to overwrite it)",
                path);
        die(EXIT_FAIL, "cannot create '%s': %s", path, strerror(errno));
    }
    return fdopen(fd, "w");
}

int cmd_export(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"deck", required_argument, 0, 'd'},
                                         {"format", required_argument, 0, 'F'},
                                         {"notes", no_argument, 0, 'N'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *deck = NULL, *path = NULL;
    bool force = false, markdown = false, notes = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:o:f", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            deck = optarg;
            break;
        case 'F':
            if (strcmp(optarg, "md") && strcmp(optarg, "tsv") &&
                strcmp(optarg, "anki"))
                die(EXIT_USAGE, "--format: use 'anki' (or 'tsv') or 'md'");
            markdown = strcmp(optarg, "md") == 0;
            break;
        case 'o':
            path = optarg;
            break;
        case 'f':
            force = true;
            break;
        case 'N':
            notes = true;
            break;
        default:
            return usage(export_usage, c == 'h');
        }
    }
    if (optind != argc || deck == NULL)
        return usage(export_usage, false);
    struct filter_args fa = {{0}, 0, 0};
    filter_add(&fa, false, deck);
    struct store *st = app_open(app, false);
    /* Check the deck exists before creating the output file. */
    filter_check(st, &fa);
    filter_free(&fa);
    FILE *out = open_output(path, force);
    if (out == NULL)
        die(EXIT_FAIL, "cannot write '%s'", path);
    struct anki_out anki = {out, notes, false, ""};
    struct sink sk = {out, notes};
    if (store_export_deck(st, deck, markdown ? md_row : anki_row,
                          markdown ? (void *)&sk : (void *)&anki))
        die(EXIT_FAIL, "%s", store_error(st));
    if (out != stdout && fclose(out) != 0)
        die(EXIT_FAIL, "cannot write '%s': %s", path, strerror(errno));
    app_close(app, st);
    return EXIT_OK;
}
