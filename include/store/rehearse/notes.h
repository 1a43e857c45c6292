/* notes.h: what a person looks up about one card, and finds cards by:
 * their own note on it, its history, and full-text search.
 *
 * Kept apart from store.h because it serves `show`, `search` and `note`
 * only.  The same rules hold: 0 or -1 with store_error() set, no output.
 * Notes are keyed by the card's row id, which a deck update keeps, so a
 * note outlives updates and re-imports.  The search index (cards_fts,
 * schema 5) follows cards and notes by triggers, in the transaction of
 * the change that moved it. */
#ifndef REHEARSE_NOTES_H
#define REHEARSE_NOTES_H

#include "rehearse/store.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* ---- notes ---- */

#define NOTE_MAX_BYTES (64 * 1024) /* a note longer than this is refused */

/* The card's note into *body (malloc'd), or NULL when it has none. */
int store_note_get(struct store *st, int64_t card, char **body);
/* Sets the note (body non-empty, valid UTF-8: the caller checks).  One
 * statement, so committed on its own outside a transaction. */
int store_note_set(struct store *st, int64_t card, const char *body,
                   time_t now);
/* Removes the note; *removed says whether there was one. */
int store_note_delete(struct store *st, int64_t card, bool *removed);

/* ---- a card's history ---- */

/* One thing that happened to a card: a logged review (with the answer
 * typed for it, if any) or an interview answer that moved nothing. */
struct history_row {
    long day;           /* study day */
    const char *kind;   /* review, repeat, undo, forward, final, interview */
    int grade;          /* -1: none (undo, forward, a passed question) */
    long interval;      /* interval after, in days; -1 when nothing moved */
    const char *answer; /* typed answer, or NULL */
};
typedef void (*history_fn)(void *ctx, const struct history_row *row);
/* The card's history, oldest first. */
int store_each_history(struct store *st, int64_t card, history_fn fn,
                       void *ctx);

/* What `show` prints besides the card view: its schedule and standing. */
struct card_standing {
    const char *state; /* new, learning, mature, suspended, retired */
    long due;          /* study day, -1 when new */
    int interval, ef, reps, lapses;
};
/* Fills *out (state points into static text). */
int store_card_standing(struct store *st, int64_t card,
                        struct card_standing *out);

/* The whole of `show` as one JSON object (free it): the card, its note,
 * key points (split from keys, one a line), schedule and history. */
int store_card_json(struct store *st, int64_t card, const char *keys,
                    char **json);

/* ---- full-text search ---- */

/* Inside the caller's transaction: cards inserted from now on are not
 * indexed one statement at a time but all at once by
 * store_index_deferred, which must run before the commit (a rollback
 * undoes both).  For imports, whose many small index segments would
 * otherwise cost three times the rest of the import. */
int store_defer_index(struct store *st);
int store_index_deferred(struct store *st);

/* Highlight marks inside snippets: matched words sit between them.  They
 * are control characters, which render_safe would make visible, so a
 * caller splits on them before sanitising the pieces. */
#define SEARCH_MARK_ON '\x01'
#define SEARCH_MARK_OFF '\x02'

struct search_hit {
    const char *deck, *card, *question; /* question with marks */
    const char *answer, *note;          /* fragments; marked where they match */
    double rank;                        /* bm25: lower is better */
};
typedef void (*search_fn)(void *ctx, const struct search_hit *hit);
/* Live cards matching the FTS5 expression `match` (built by the caller
 * from quoted terms: see search_query in cli), best first, at most
 * `limit`, within the filter's decks.  snippet_tokens bounds the
 * fragment.  A malformed expression is an error, not a crash. */
int store_search(struct store *st, const char *match, const struct filter *f,
                 long limit, int snippet_tokens, search_fn fn, void *ctx);
/* The same as a JSON array: the question as it is, and the answer and
 * note fragments (null when the match is not in them) with '[' and ']'
 * around the matched words. */
int store_search_json(struct store *st, const char *match,
                      const struct filter *f, long limit, char **json);

#endif
