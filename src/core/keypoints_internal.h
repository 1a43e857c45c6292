/* keypoints_internal.h: what keypoints.c (matching) shares with
 * keypoints_tokens.c (folding and cutting texts into tokens). */
#ifndef REHEARSE_KEYPOINTS_INTERNAL_H
#define REHEARSE_KEYPOINTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

struct sb_stemmer;

enum {
    NEGATION_WINDOW = 4, /* words after a negator that it reaches */
    GROUP_MAX = 32,      /* bytes a parenthesised group may take */
};

struct tok {
    char *form;          /* folded, as typed */
    char *stem;          /* Snowball stem; a compound's form without "()" */
    size_t flen, slen;   /* their lengths */
    size_t pos;          /* index of its (first) word among the text's words */
    size_t nparts;       /* a compound's words; 1 for a word */
    bool compound;       /* O(n log n), SYN-ACK, __init__: kept whole */
    bool negated;        /* within NEGATION_WINDOW words after a negator */
    bool alpha;          /* letters only, so a typo may be forgiven */
    bool negator;        /* "not", "never", "isn't"... */
    bool absorbed;       /* a later unit of a lexicon phrase (concepts.h) */
    const char *concept; /* its lexicon concept (of the phrase it heads) */
    char *phrase;        /* the phrase it heads, as typed, or NULL */
};

struct toks {
    struct tok *v;
    size_t n, cap, words;
    size_t clause; /* index of the current clause's first token */
    /* An answer's index (index_answer), for find_unit: the position of
     * the first word of each form and polarity, and of the first token
     * of each concept and polarity, in text order. */
    size_t *words_at, nwords;
    size_t *concepts, nconcepts;
};

struct stem_memo {
    char *form; /* NULL in an empty slot */
    size_t n;
    char *stem;
};

struct matcher {
    struct sb_stemmer *stemmer; /* NULL when out of memory: words unstemmed */
    struct stem_memo *memo;     /* open addressing, memo_cap a power of 2 */
    size_t memo_cap, nmemo;
};

/* A matcher with its stemmer; free it with matcher_free. */
void matcher_init(struct matcher *m);
void matcher_free(struct matcher *m);

/* Cuts folded text (keypoints_normalise) into t, which starts zeroed:
 * each technical token, then its words, with their stems, negation and
 * lexicon concepts.  Free with toks_free. */
void tokenise(struct matcher *m, const char *text, struct toks *t);
void toks_free(struct toks *t);

/* Fills t's index (above); toks_free frees it. */
void index_answer(struct toks *t);

#endif
