/* store.h: the collection, the only module that speaks SQL.
 *
 * One SQLite file per user.  Every function that writes either runs in
 * the caller's transaction (store_begin .. store_commit) or, where noted,
 * commits its own.  Functions return 0 on success and -1 on failure, with
 * store_error() describing the failure; they never print. */
#ifndef REHEARSE_STORE_H
#define REHEARSE_STORE_H

#include "rehearse/deck.h"
#include "rehearse/fsrs.h"
#include "rehearse/sm2.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define STORE_SCHEMA_VERSION 5
#define STORE_KEY_BYTES 32

struct store;

enum store_open_result {
    STORE_OK = 0,
    STORE_FAILED = -1, /* I/O error, not a collection, corrupt */
    STORE_NEWER = -2,  /* written by a newer rehearse: left untouched */
};

/* Opens (creating if need be) the collection at path.  On failure *out is
 * NULL and msg holds the reason.  The caller then brings the schema up to
 * date with store_migrate, backing up first when asked to. */
int store_open(const char *path, struct store **out, char *msg, size_t msglen);
bool store_needs_backup_before_migrating(const struct store *st);
/* Called by store_migrate inside the migration's transaction, after the
 * SQL migrations ran and before it commits, with the schema version the
 * file had: for filling in what SQL cannot compute.  Only the functions
 * marked "in the caller's transaction" may be used.  Non-zero fails the
 * migration, which then changes nothing. */
typedef int (*store_migrated_fn)(void *ctx, struct store *st, int from);
/* Brings the schema up to date in one transaction, calling fn (which may
 * be NULL) before committing.  Does nothing on an up-to-date file. */
int store_migrate(struct store *st, store_migrated_fn fn, void *ctx);

/* A consistent copy of the collection at dest (SQLite's backup API). */
int store_backup(struct store *st, const char *dest);
/* 0 when the file at path is a rehearse collection this version can use
 * and passes integrity_check; else -1 with the reason in msg.  Read-only. */
int store_check_file(const char *path, char *msg, size_t len);
/* Replaces the collection's contents with the (checked) file at src. */
int store_restore(struct store *st, const char *src);
void store_close(struct store *st);
const char *store_error(struct store *st);

/* ---- identity ---- */

#define STORE_IDENTITY_LEN 32
/* The collection's identity, 32 hex digits made when it was created (or
 * upgraded to schema 4), into out; "" for a collection not yet at schema
 * 4.  Backups carry it, so they are named after it. */
int store_identity(struct store *st, char out[STORE_IDENTITY_LEN + 1]);
/* Records that `message` was told to the user: 1 the first time, 0 when it
 * was told before (say nothing), -1 on error.  Committed on its own. */
int store_notice_once(struct store *st, const char *message, time_t now);

/* Write transactions take the write lock at once (BEGIN IMMEDIATE), so two
 * processes never deadlock upgrading a read lock. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* Which cards a command looks at: any listed deck (or all) and any
 * listed tag (or all).  Ids are validated by the caller. */
struct filter {
    const char **decks;
    size_t ndecks;
    const char **tags;
    size_t ntags;
};

/* ---- decks and import ---- */

struct stored_deck {
    int64_t rowid;
    long version;
    bool anki; /* came from an Anki package (decks.origin) */
    bool has_hash;
    unsigned char hash[32]; /* BLAKE2b-256 of the deck file */
    bool signed_deck;
    unsigned char publisher[32]; /* valid when signed_deck */
};

/* Returns 1 and fills out if deck `slug` exists, 0 if not, -1 on error. */
int store_find_deck(struct store *st, const char *slug,
                    struct stored_deck *out);

/* Inserts or updates a deck's row and starts a new import generation.
 * publisher is NULL for an unsigned deck. */
int store_put_deck(struct store *st, const struct deck_meta *meta,
                   const unsigned char hash[32], const unsigned char *publisher,
                   time_t now, int64_t *rowid, long *generation);

enum card_change { CARD_ADDED, CARD_CHANGED, CARD_SAME };

/* Adds a card to, or updates it in, the deck's current generation,
 * keeping its scheduling state.  Reports what happened in *change. */
int store_put_card(struct store *st, int64_t deck, long generation,
                   long position, const struct card *card,
                   enum card_change *change);

/* Sets SQLite's page cache for this connection to mib MiB: a large
 * import that fits in it writes its pages once, at commit, instead of
 * spilling them to the WAL as it goes (docs/benchmarks.md). */
int store_set_cache_size(struct store *st, int mib);

/* Marks where the deck came from: an Anki package or a deck file. */
int store_set_deck_origin(struct store *st, int64_t deck, bool anki);

/* The row id of card `slug` of `deck`: 1 and *id when found, 0 if not. */
int store_card_rowid(struct store *st, int64_t deck, const char *slug,
                     int64_t *id);

/* The same for cards c[0..n) at positions first, first + 1...: new
 * ones are inserted in one statement.  n is at most STORE_BATCH. */
#define STORE_BATCH 64
int store_put_cards(struct store *st, int64_t deck, long generation, long first,
                    const struct card *c, size_t n, enum card_change *changes);

/* Retires the cards of `deck` that the current import did not mention
 * (their history stays).  *count gets how many were retired. */
int store_retire_missing(struct store *st, int64_t deck, long generation,
                         long *count);

/* Records that a deck changed publisher (with --new-publisher). */
int store_note_publisher_change(struct store *st, int64_t deck,
                                const unsigned char *old_key,
                                const unsigned char *new_key, time_t now);

/* ---- the study queue ---- */

struct queued_card {
    int64_t id;
    struct sm2 sm;
    long due;              /* SM-2's due study day; -1 while new */
    struct fsrs_card fsrs; /* all zero and last_day -1 while FSRS has not
                              seen the card; fsrs.due -1 while new */
};
typedef int (*queued_fn)(void *ctx, const struct queued_card *card);

/* Which model's due day the queue, the counts, the forecast and the
 * listings read: SM-2's (the default) or FSRS's.  Both are always kept. */
void store_set_due_model(struct store *st, bool fsrs);
/* The FSRS parameters in use: the collection's fitted weights or the
 * defaults, with the config's retention (app_open sets them through
 * collection_use_model).  fsrs_r in SQL and every FSRS write read these;
 * until set they are FSRS-6's defaults. */
void store_set_fsrs_params(struct store *st, const struct fsrs_params *p);
const struct fsrs_params *store_fsrs_params(const struct store *st);
/* Called by store_record inside its transaction, after the rows are
 * written, with the card whose schedule they moved; non-zero rolls the
 * whole record back.  The app uses it to keep FSRS right when another
 * process changed the weights meanwhile (collection_use_model). */
typedef int (*store_record_hook)(void *ctx, struct store *st, int64_t card);
void store_set_record_hook(struct store *st, store_record_hook fn, void *ctx);
/* PRAGMA data_version: changes when another connection commits. */
int store_data_version(struct store *st, long *version);

/* Cards due on or before `today`, most overdue first. */
int store_each_due(struct store *st, long today, const struct filter *f,
                   queued_fn fn, void *ctx);
/* Up to `limit` new cards, in deck order, interleaving decks. */
int store_each_new(struct store *st, long limit, const struct filter *f,
                   queued_fn fn, void *ctx);
/* Cards graded below 4 today whose latest grade today is still below 4:
 * SM-2's same-day repetition survives quitting and restarting. */
int store_each_repeat(struct store *st, long today, const struct filter *f,
                      queued_fn fn, void *ctx);
/* How many new cards were introduced on `today`. */
int store_new_seen(struct store *st, long today, long *count);
/* Cards due on `day` (or before, when cumulative). */
int store_count_due(struct store *st, long day, const struct filter *f,
                    long *count);
/* The earliest due day after `today`, or -1 if none. */
int store_next_due(struct store *st, long today, const struct filter *f,
                   long *day);

/* What a card shows.  Free with card_view_free. */
struct card_view {
    char *deck, *id, *question, *answer, *tags, *keys;
};
int store_card_view(struct store *st, int64_t card, struct card_view *v);
void card_view_free(struct card_view *v);
/* The card's follow-ups (its deck's Follow-ups: block), in order; *n is 0
 * when it has none.  Free them with follow_ups_free. */
int store_card_follow_ups(struct store *st, int64_t card,
                          struct follow_up **out, size_t *n);
void follow_ups_free(struct follow_up *f, size_t n);

/* A grade that moves the schedule, a same-day repeat that does not, an
 * undo, a bring-forward (an interview made the card due sooner; the
 * SM-2 state stays), and a final-pass grade (a plan showed the card
 * before its due day; logged, moves nothing).  Each changes a card only
 * through the log. */
enum review_kind {
    REVIEW_GRADE,
    REVIEW_REPEAT,
    REVIEW_UNDO,
    REVIEW_FORWARD,
    REVIEW_FINAL,
};

struct review {
    int64_t id; /* log order, when read from the log; store_record ignores it */
    int64_t card;
    enum review_kind kind;
    int grade; /* -1 for an undo */
    time_t at;
    long day;
    long duration_ms;
    struct sm2 before, after;
    long due_before, due_after; /* SM-2's; -1 for new */
    int64_t undoes;             /* the review an undo takes back, else 0 */
    struct fsrs_card fsrs_before, fsrs_after; /* as in queued_card */
};

/* A typed answer for the journal. */
struct journal_entry {
    int64_t card;
    time_t at;
    long day;
    bool interview;     /* else a daily session */
    const char *answer; /* what was typed */
    long duration_ms;
    int grade; /* -1 when the question was passed */
    int keys_total, keys_covered;
    const char *coverage;  /* JSON array of booleans, one per key point */
    long bring_forward;    /* make the card due on this day, or -1 */
    const char *follow_up; /* the follow-up question answered, or NULL */
};

/* In one transaction: logs review r (if non-NULL), setting the card's
 * schedule to r->after and the day's totals, and files the answer (if
 * non-NULL) in the journal.  *id gets the review's id (0 without one). */
int store_record(struct store *st, const struct review *r,
                 const struct journal_entry *answer, int64_t *id);
/* Logs reviews r[0..n) of one card, oldest first, and sets its schedule
 * to the last one's after, inside the caller's transaction (an import
 * writing a card's earlier history). */
int store_log_reviews(struct store *st, const struct review *r, size_t n);
/* The time of the card's latest logged review (-1 when none) and the
 * study day it fell on. */
int store_last_review(struct store *st, int64_t card, time_t *at, long *day);
/* A row of the review log as it was written, for replaying it. */
/* Non-zero stops the walk; store_each_review then returns -1. */
typedef int (*review_fn)(void *ctx, const struct review *r);
/* Every review of `card` (all cards when card is 0), in the order they
 * were logged. */
int store_each_review(struct store *st, int64_t card, review_fn fn, void *ctx);
/* The few columns of a logged review that fitting and judging a memory
 * model read, for walking a million of them quickly. */
struct review_brief {
    int64_t id, card, undoes; /* undoes 0 unless kind is REVIEW_UNDO */
    enum review_kind kind;
    int grade; /* -1 for an undo or a bring-forward */
    long day;
    int interval_before; /* SM-2's interval before the review, days */
};
typedef int (*review_brief_fn)(void *ctx, const struct review_brief *r);
/* Every review, in the order logged (all cards interleaved). */
int store_each_review_brief(struct store *st, review_brief_fn fn, void *ctx);
/* Every review logged on study day `day`, in order (reviews_day index). */
int store_each_review_on(struct store *st, long day, review_fn fn, void *ctx);
/* Each card with at least one review, by id; non-zero from fn stops. */
typedef int (*card_id_fn)(void *ctx, int64_t card);
int store_each_reviewed_card(struct store *st, card_id_fn fn, void *ctx);
/* Each card the filter keeps, retired and suspended ones too, by id; for
 * reading the history of some decks only.  Non-zero from fn stops. */
int store_each_card_in(struct store *st, const struct filter *f, card_id_fn fn,
                       void *ctx);
/* Sets a card's FSRS columns, and review `id`'s FSRS before and after
 * (store_set_review_fsrs), in the caller's transaction: for filling FSRS
 * in from the log (replay.h). */
int store_set_card_fsrs(struct store *st, int64_t card,
                        const struct fsrs_card *fsrs);
int store_set_review_fsrs(struct store *st, int64_t id,
                          const struct fsrs_card *before,
                          const struct fsrs_card *after);
/* A card's current schedule. */
int store_card_state(struct store *st, int64_t card, struct queued_card *q);
/* Whether the card's schedule was already moved on `day`. */
int store_reviewed_on(struct store *st, int64_t card, long day, bool *yes);
/* Flips the card's flag (:flag); *on says whether it is now set. */
int store_toggle_flag(struct store *st, int64_t card, bool *on);
/* Suspends or unsuspends a card (committed). */
int store_set_suspended(struct store *st, int64_t card, bool suspended);
/* Finds a card by "deck/card" or by card id alone (if unambiguous). */
int store_find_card(struct store *st, const char *ref, int64_t *card);

/* ---- listings, as JSON produced by SQLite's own JSON functions ---- */

/* A JSON array of decks with counts for `today`.  Free the result. */
int store_decks_json(struct store *st, long today, char **json);
/* Which cards a listing keeps, beyond the filter. */
struct card_select {
    bool due_only;       /* due by today */
    int leech_threshold; /* > 0: only leeches, lapses at least this */
    bool flagged;        /* only cards marked with :flag */
};
/* A JSON array of cards. */
int store_cards_json(struct store *st, long today, const struct filter *f,
                     const struct card_select *sel, char **json);

struct deck_row {
    const char *id, *title;
    long version;
    bool signed_deck;
    long cards, new_cards, due, suspended, retired;
    bool anki; /* from an Anki package (unsigned) */
};
typedef void (*deck_row_fn)(void *ctx, const struct deck_row *row);
int store_each_deck(struct store *st, long today, deck_row_fn fn, void *ctx);

struct card_row {
    const char *deck, *id, *question, *state, *due; /* due "" when new */
    int interval, ef, reps, lapses;
};
typedef void (*card_row_fn)(void *ctx, const struct card_row *row);
int store_each_card(struct store *st, long today, const struct filter *f,
                    const struct card_select *sel, card_row_fn fn, void *ctx);

/* Every deck id (tags false) or every tag on a card (tags true), in
 * order, for telling a --deck or --tag that matches nothing. */
typedef void (*name_fn)(void *ctx, const char *name);
int store_each_name(struct store *st, bool tags, name_fn fn, void *ctx);

/* ---- interviews, the journal and statistics ---- */

struct candidate_row {
    int64_t id;
    const char *deck;
    int ef, lapses;
    bool seen;
    long avg_ms; /* mean typed-answer time, 0 if none */
};
typedef void (*candidate_fn)(void *ctx, const struct candidate_row *row);
/* Every live card matching the filter, with what interview choice needs. */
int store_each_candidate(struct store *st, const struct filter *f,
                         candidate_fn fn, void *ctx);

struct journal_query {
    struct filter filter;
    const char *card; /* "card" or "deck/card", or NULL */
    time_t since;     /* 0 for all */
};
struct journal_row {
    const char *time, *source, *deck, *card, *question, *answer, *reference,
        *keys, *coverage; /* keys newline-separated; coverage JSON */
    long duration_ms;
    int grade; /* -1 when passed */
    int keys_total, keys_covered;
    const char *note; /* the user's note on the card, "" when none */
};
typedef void (*journal_fn)(void *ctx, const struct journal_row *row);
/* Journal entries, newest first. */
int store_each_journal(struct store *st, const struct journal_query *q,
                       journal_fn fn, void *ctx);
int store_journal_json(struct store *st, const struct journal_query *q,
                       char **json);

struct day_total {
    long day, reviews, passed, time_ms;
};
typedef void (*day_fn)(void *ctx, const struct day_total *d);
/* Totals per study day in [from, to], oldest first, days without
 * activity omitted.  Reads the maintained daily table unless the filter
 * has tags, which needs the review log. */
int store_each_day(struct store *st, const struct filter *f, long from, long to,
                   day_fn fn, void *ctx);

struct deck_retention {
    const char *deck;
    long reviews, passed;
};
typedef void (*retention_fn)(void *ctx, const struct deck_retention *r);
int store_each_deck_retention(struct store *st, const struct filter *f,
                              long from, long to, retention_fn fn, void *ctx);

/* counts[i] = cards due on today + i (overdue ones count for today). */
int store_due_forecast(struct store *st, const struct filter *f, long today,
                       int days, long *counts);

struct state_counts {
    long new_cards, learning, mature, suspended;
};
int store_state_counts(struct store *st, const struct filter *f,
                       struct state_counts *out);

/* The latest interview answer to a card's own question ("what you said
 * last time").  out->answer is the caller's to free. */
struct past_answer {
    char date[11]; /* YYYY-MM-DD, local */
    int grade;     /* -1 when passed */
    int keys_covered, keys_total;
    char *answer;
};
int store_last_interview_answer(struct store *st, int64_t card,
                                struct past_answer *out, bool *found);
/* Cards whose latest interview answer missed key points, the most
 * missed first, at most limit (interview --drill). */
typedef void (*drill_fn)(void *ctx, int64_t card);
int store_each_drill_card(struct store *st, const struct filter *f, long limit,
                          drill_fn fn, void *ctx);

/* A typed answer you graded, with what the matcher found in it: what
 * `stats --grader` compares your grades with. */
struct graded_answer {
    const char *deck;
    bool interview; /* else a study session */
    int grade, keys_covered, keys_total;
    long duration_ms;
};
typedef void (*graded_answer_fn)(void *ctx, const struct graded_answer *g);
/* Every graded answer with key points (follow-ups aside), by deck. */
int store_each_graded_answer(struct store *st, const struct filter *f,
                             graded_answer_fn fn, void *ctx);

/* For export: the deck once, then each live card in deck order. */
struct export_deck {
    const char *id, *title, *description, *author, *license, *tags;
    long version;
    bool has_notes; /* some live card has the user's note */
};
struct export_card {
    const char *id, *question, *answer, *tags, *keys; /* keys: one a line */
    const char *note; /* the user's note, "" when none */
    /* the Follow-ups: block's items as the deck format writes them, ""
     * when none */
    const char *follow_ups;
};
typedef void (*export_fn)(void *ctx, const struct export_deck *deck,
                          const struct export_card *card);
int store_export_deck(struct store *st, const char *slug, export_fn fn,
                      void *ctx);

/* ---- the keyring of trusted publishers ---- */

struct trusted_key {
    unsigned char key_id[8];
    unsigned char public_key[STORE_KEY_BYTES];
    char *name;
    time_t added;
};
typedef int (*key_fn)(void *ctx, const struct trusted_key *key);

int store_each_key(struct store *st, key_fn fn, void *ctx);
/* Returns 1 and fills name (malloc'd) if the key is trusted, 0 if not. */
int store_key_trusted(struct store *st, const unsigned char *public_key,
                      char **name);
/* Adds a key; 0 when added, 1 when it was already trusted. */
int store_trust(struct store *st, const unsigned char key_id[8],
                const unsigned char *public_key, const char *name, time_t now);
/* Removes keys with this id; *removed gets how many. */
int store_untrust(struct store *st, const unsigned char key_id[8],
                  long *removed);
/* Removes the key with this public key; *removed gets 0 or 1. */
int store_untrust_key(struct store *st, const unsigned char *public_key,
                      long *removed);

#endif
