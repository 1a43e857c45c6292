/* config.h: the user's config file, $XDG_CONFIG_HOME/rehearse/config.
 *
 * Lines of "key = value"; '#' starts a comment, on a line of its own or
 * after a value; blank lines are ignored.  Pure: text in, settings or a LINE:
 * message out.  The keys are documented in rehearse(1), CONFIGURATION. */
#ifndef REHEARSE_CONFIG_H
#define REHEARSE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* The order new cards come in (new_order). */
enum new_order {
    NEW_ORDER_INTERLEAVE, /* one from each deck in turn, by priority */
    NEW_ORDER_DECK,       /* deck after deck, by priority */
    NEW_ORDER_RANDOM,     /* any order */
};

/* The model that sets due days (scheduler); both are always kept. */
enum config_scheduler { CONFIG_SM2, CONFIG_FSRS };

#define CONFIG_MAX_DECKS 64 /* decks with settings of their own */

/* deck.ID.priority and deck.ID.new_per_day; -1 where not set. */
struct deck_config {
    char id[65];
    int priority;    /* 0..100 */
    int new_per_day; /* 0..1000 */
};

struct config {
    int new_per_day;          /* 0..1000, default 10 */
    int rollover_hour;        /* 0..23, default 4 */
    int target_seconds;       /* interview target per question, default 120 */
    int reviews_per_day;      /* 1..100000, or 0 (the default) for no limit */
    int leech_threshold;      /* lapses that make a card a leech, default 8 */
    enum new_order new_order; /* default interleave */
    enum config_scheduler scheduler; /* default sm2 */
    double desired_retention;        /* FSRS: 0.70..0.99, default 0.90 */
    long maximum_interval;           /* FSRS: 1..36500 days, default 36500 */
    bool fuzz;                       /* FSRS: spread intervals; default off */
    struct deck_config decks[CONFIG_MAX_DECKS];
    size_t ndecks;
};

struct config_error {
    unsigned line;
    char message[160];
};

void config_defaults(struct config *c);
/* Applies the settings in text over *c.  Returns 0, or -1 with err set. */
int config_parse(const char *text, size_t len, struct config *c,
                 struct config_error *err);

/* A deck's priority for new cards: deck.ID.priority if set, else the
 * default for a bundled deck (the core Python decks first, behavioural
 * last; see config.c), else 50.  Higher comes first. */
int config_deck_priority(const struct config *c, const char *deck);
/* deck.ID.new_per_day if set, else -1 (only new_per_day applies). */
int config_deck_new_limit(const struct config *c, const char *deck);

#endif
