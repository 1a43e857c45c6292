/* listing.h: how commands name cards and list what the collection holds,
 * so `rehearse cards`, `rehearse decks`, study and interview print them
 * the same way. */
#ifndef REHEARSE_LISTING_H
#define REHEARSE_LISTING_H

#include "rehearse/cmd.h"
#include "rehearse/store.h"
#include "rehearse/util.h"

#include <stdbool.h>

/* Appends "deck/card" to sb, each part made safe to print (render_safe:
 * both come from deck files). */
void add_card_name(struct strbuf *sb, const char *deck, const char *card);

/* Appends text made safe to print; sb is emptied first.  Returns sb->buf. */
const char *safe_text(struct strbuf *sb, const char *text);

/* Appends text made safe to print on one line: line breaks and tabs
 * become spaces, runs of them one space. */
void add_one_line(struct strbuf *sb, const char *text);

/* Cuts sb (text already made safe) to at most `width` display columns
 * (render_columns: wide characters count two), ending in "..." when it
 * was cut.  Returns sb->buf. */
const char *fit_columns(struct strbuf *sb, int width);

/* A listing: the store's JSON array as it is, or a table.  query is the
 * command's own (its filter, say) and is passed through untouched. */
struct listing {
    /* Fills *json (the caller frees it).  Returns 0 or -1. */
    int (*json)(struct store *st, long today, const void *query, char **json);
    /* Prints the table's header line, then its rows; line is scratch
     * space for the rows.  Returns 0 or -1. */
    int (*table)(struct store *st, long today, const void *query,
                 struct strbuf *line);
    /* Run first, once the collection is open, or NULL: exits when the
     * query cannot match (filter_check). */
    void (*check)(struct store *st, const void *query);
};

/* Opens the collection, prints the listing (JSON when asked), closes it,
 * and returns the exit status; a store failure exits with its message. */
int print_listing(struct app *app, const struct listing *l, const void *query,
                  bool json);

/* Prints text (already safe for the terminal) to stdout, wrapped at
 * spaces to `width` display columns; a wrapped line keeps the first
 * line's indent plus two.  For the prose around stats' charts. */
void print_wrapped(int width, const char *text);

#endif
