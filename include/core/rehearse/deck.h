/* deck.h: deck files (format v1, docs/deck-format.md) to cards.
 *
 * Pure: bytes in, cards or a LINE: message out.  The parser streams: it
 * hands each card to a callback as soon as the card is complete and keeps
 * only the ids it has seen, so memory stays bounded by the largest card,
 * not the deck.  Every limit below is enforced with an error, never by
 * truncation. */
#ifndef REHEARSE_DECK_H
#define REHEARSE_DECK_H

#include <stdbool.h>
#include <stddef.h>

#define DECK_MAX_BYTES (128u << 20) /* whole file: room for 250k cards */
#define DECK_MAX_CARDS 250000
#define DECK_MAX_LINE 4096     /* bytes in one line, newline excluded */
#define DECK_MAX_ANSWER 16384  /* bytes in one answer */
#define DECK_MAX_QUESTION 1000 /* bytes in one question */
#define DECK_MAX_FIELD 1000    /* bytes in a front-matter value */
#define DECK_MAX_TAGS 32       /* tags on one card or deck */
#define DECK_MAX_KEYS 16       /* key points on one card */
#define DECK_MAX_FOLLOW_UPS 8  /* follow-up questions on one card */
#define DECK_MAX_FOLLOW_UP                                                     \
    1000 /* bytes in one follow-up's question or answer */

struct deck_meta {
    char *id;                             /* [a-z0-9-]{1,64} */
    char *title;                          /* required */
    long version;                         /* >= 1 */
    char *description, *author, *license; /* "" when absent */
    char **tags;
    size_t ntags;
};

/* A question an interviewer asks next, with a short answer. */
struct follow_up {
    char *question, *answer;
};

struct card {
    char *id;       /* unique within the deck */
    char *question; /* heading text without the {#id} */
    char *answer;   /* Markdown body, Tags:/Keys:/Follow-ups: removed */
    char **tags;
    size_t ntags;
    char **keys; /* key points of a good answer */
    size_t nkeys;
    struct follow_up *follow_ups; /* the Follow-ups: block, in order */
    size_t nfollow_ups;
    unsigned line; /* line of the heading */
    size_t offset; /* byte offset of the heading in the text */
};

struct deck_error {
    unsigned line; /* 0 when the error is not tied to a line */
    char message[256];
};

/* A review a card had before it reached rehearse (an Anki package's
 * review log), already on rehearse's 0..5 grade scale. */
struct past_review {
    long long at_ms; /* Unix time in milliseconds */
    int grade;
    long duration_ms;
};

struct card_history {
    bool suspended;                    /* the source had the card suspended */
    const struct past_review *reviews; /* oldest first */
    size_t nreviews;
};

/* Called once, after the front matter, and once per card.  A non-zero
 * return stops the parse and becomes deck_parse's result; the callback may
 * fill in the error.  The structures are only valid during the call.
 * Sources that carry history (deck_source.h) call history right after
 * card, and skipped once per reason they left cards out for; the Markdown
 * parser calls neither.  Any callback may be NULL. */
struct deck_handler {
    int (*meta)(void *ctx, const struct deck_meta *meta,
                struct deck_error *err);
    int (*card)(void *ctx, const struct card *card, struct deck_error *err);
    int (*history)(void *ctx, const struct card *card,
                   const struct card_history *h, struct deck_error *err);
    void (*skipped)(void *ctx, long count, const char *reason);
};

/* Parses text[0..len).  Returns 0 when the whole deck is valid, -1 with
 * err filled when it is not, or a callback's non-zero result.  Callbacks
 * may already have run when an error is found later in the file, so a
 * caller that writes must do so in a transaction it can roll back. */
int deck_parse(const char *text, size_t len, const struct deck_handler *h,
               void *ctx, struct deck_error *err);

/* A whole deck in memory, for tests and the linter. */
struct deck {
    struct deck_meta meta;
    struct card *cards;
    size_t ncards;
};
int deck_load(const char *text, size_t len, struct deck *out,
              struct deck_error *err);
void deck_free(struct deck *deck);

void deck_meta_free(struct deck_meta *meta);
void card_free(struct card *card);
/* Deep copies, for callers that keep what a callback was handed. */
void deck_meta_copy(struct deck_meta *dst, const struct deck_meta *src);
void card_copy(struct card *dst, const struct card *src);

/* Joins a list with a separator into a new string. */
char *deck_join(char *const *items, size_t n, const char *sep);

#endif
