/* test_store.c: the collection: schema, import, updates that keep
 * history, retiring, reviews, and refusing files it must not touch. */
#include "check.h"
#include "rehearse/deck.h"
#include "rehearse/files.h"
#include "rehearse/store.h"
#include "rehearse/util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

/* An FSRS part for a review FSRS has not seen. */
#define NO_FSRS                                                                \
    {                                                                          \
        {0, 0}, -1, -1                                                         \
    }

static char dir[] = "/tmp/rehearse-test-store-XXXXXX";

static char *path_in_dir(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

/* Writes a deck into the store the way the importer does. */
static void put_deck(struct store *st, const char *text, long *added,
                     long *changed, long *retired)
{
    struct deck d;
    struct deck_error err;
    unsigned char hash[32] = {0};
    int64_t deck;
    long gen;
    *added = *changed = 0;
    CHECK_INT(deck_load(text, strlen(text), &d, &err), 0);
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_deck(st, &d.meta, hash, NULL, 1000, &deck, &gen), 0);
    for (size_t i = 0; i < d.ncards; i++) {
        enum card_change ch;
        CHECK_INT(store_put_card(st, deck, gen, (long)i, &d.cards[i], &ch), 0);
        *added += ch == CARD_ADDED;
        *changed += ch == CARD_CHANGED;
    }
    CHECK_INT(store_retire_missing(st, deck, gen, retired), 0);
    CHECK_INT(store_commit(st), 0);
    deck_free(&d);
}

struct list {
    int64_t ids[16];
    int n;
};

static int collect(void *ctx, const struct queued_card *q)
{
    struct list *l = ctx;
    if (l->n < 16)
        l->ids[l->n++] = q->id;
    return 0;
}

static const char v1[] = "---\nid: d\ntitle: D\nversion: 1\n---\n"
                         "## One {#one}\nA1\nTags: t\n"
                         "## Two {#two}\nA2\n"
                         "## Three {#three}\nA3\n";
static const char v2[] = "---\nid: d\ntitle: D\nversion: 2\n---\n"
                         "## One {#one}\nA1\nTags: t\n"
                         "## Two, reworded {#two}\nA2\n"
                         "## Four {#four}\nA4\n";

static void import_and_update(void)
{
    char *path = path_in_dir("c.db"), msg[256];
    struct store *st;
    long added, changed, retired, count;
    check_case = "fresh collection";
    CHECK_INT(store_open(path, &st, msg, sizeof msg), STORE_OK);
    CHECK_INT(store_migrate(st, NULL, NULL), 0);
    put_deck(st, v1, &added, &changed, &retired);
    CHECK_INT(added, 3);
    CHECK_INT(retired, 0);

    check_case = "new cards in deck order, due cards by due day";
    struct list l = {{0}, 0};
    CHECK_INT(store_each_new(st, 10, NULL, collect, &l), 0);
    CHECK_INT(l.n, 3);
    int64_t one = l.ids[0], two = l.ids[1], three = l.ids[2];

    check_case = "a review is logged and moves the schedule";
    struct review r = {0,       one,       REVIEW_GRADE,
                       5,       5000,      100,
                       1200,    sm2_new(), sm2_review(sm2_new(), 5),
                       -1,      101,       0,
                       NO_FSRS, NO_FSRS};
    int64_t rid;
    CHECK_INT(store_record(st, &r, NULL, &rid), 0);
    CHECK_INT(store_new_seen(st, 100, &count), 0);
    CHECK_INT(count, 1);
    r.card = three;
    r.after.interval = 6;
    r.due_after = 99;
    CHECK_INT(store_record(st, &r, NULL, &rid), 0);
    l.n = 0;
    CHECK_INT(store_each_due(st, 101, NULL, collect, &l), 0);
    CHECK_INT(l.n, 2);
    CHECK_INT(l.ids[0], three); /* most overdue first */
    CHECK_INT(l.ids[1], one);

    check_case = "tag filter";
    const char *tags[] = {"t"};
    struct filter f = {NULL, 0, tags, 1};
    CHECK_INT(store_count_due(st, 101, &f, &count), 0);
    CHECK_INT(count, 1);

    check_case = "update keeps schedules, retires removed cards";
    put_deck(st, v2, &added, &changed, &retired);
    CHECK_INT(added, 1);
    CHECK_INT(changed, 1);
    CHECK_INT(retired, 1);
    CHECK_INT(store_count_due(st, 101, NULL, &count), 0);
    CHECK_INT(count, 1); /* 'three' is retired; 'one' keeps its schedule */
    struct card_view v;
    CHECK_INT(store_card_view(st, two, &v), 0);
    CHECK_STR(v.question, "Two, reworded");
    card_view_free(&v);

    check_case = "a retired card that comes back keeps its history";
    put_deck(st, v1, &added, &changed, &retired);
    CHECK_INT(added, 0);
    CHECK_INT(store_count_due(st, 101, NULL, &count), 0);
    CHECK_INT(count, 2);

    check_case = "suspend hides a card";
    CHECK_INT(store_set_suspended(st, one, true), 0);
    CHECK_INT(store_count_due(st, 101, NULL, &count), 0);
    CHECK_INT(count, 1);
    int64_t found;
    CHECK_INT(store_find_card(st, "d/one", &found), 0);
    CHECK_INT(found, one);
    CHECK_INT(store_find_card(st, "nope", &found), -1);
    store_close(st);

    check_case = "the review log is never rewritten";
    sqlite3 *db;
    sqlite3_stmt *s;
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, "SELECT count(*) FROM reviews", -1, &s, NULL);
    CHECK_INT(sqlite3_step(s), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(s, 0), 2);
    sqlite3_finalize(s);
    sqlite3_close(db);
    free(path);
}

static char *file_bytes(const char *path, size_t *len)
{
    struct error err;
    return read_file(path, "file", 1 << 24, len, &err);
}

static void refuses(void)
{
    char *path = path_in_dir("newer.db"), msg[256];
    struct store *st;
    sqlite3 *db;
    check_case = "newer schema is refused and untouched";
    sqlite3_open(path, &db);
    sqlite3_exec(db,
                 "PRAGMA application_id = 1380471379; "
                 "PRAGMA user_version = 99; CREATE TABLE x(y);",
                 NULL, NULL, NULL);
    sqlite3_close(db);
    size_t before_len, after_len;
    char *before = file_bytes(path, &before_len);
    CHECK_INT(store_open(path, &st, msg, sizeof msg), STORE_NEWER);
    CHECK_CONTAINS(msg, "newer than this rehearse");
    char *after = file_bytes(path, &after_len);
    CHECK(before_len == after_len && memcmp(before, after, after_len) == 0);
    free(before);
    free(after);
    free(path);

    check_case = "another application's database is refused";
    path = path_in_dir("other.db");
    sqlite3_open(path, &db);
    sqlite3_exec(db, "CREATE TABLE notes(x);", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK_INT(store_open(path, &st, msg, sizeof msg), STORE_FAILED);
    CHECK_CONTAINS(msg, "not a rehearse collection");
    free(path);

    check_case = "a file that is not SQLite is refused";
    path = path_in_dir("text.db");
    FILE *fp = fopen(path, "w");
    fputs("this is not a database, just some text that is long enough "
          "to have a header................................................",
          fp);
    fclose(fp);
    CHECK_INT(store_open(path, &st, msg, sizeof msg), STORE_FAILED);
    CHECK_CONTAINS(msg, "not a database");
    free(path);
}

struct replay {
    struct review rows[8];
    int n;
};

static int keep_review(void *ctx, const struct review *r)
{
    struct replay *p = ctx;
    if (p->n < 8)
        p->rows[p->n] = *r;
    p->n++;
    return 0;
}

/* store_each_review gives back the log as store_record wrote it. */
static void review_log(void)
{
    char *path = path_in_dir("log.db"), msg[256];
    struct store *st;
    long added, changed, retired;
    CHECK_INT(store_open(path, &st, msg, sizeof msg), STORE_OK);
    CHECK_INT(store_migrate(st, NULL, NULL), 0);
    put_deck(st, v1, &added, &changed, &retired);
    int64_t one, three;
    CHECK_INT(store_find_card(st, "d/one", &one), 0);
    CHECK_INT(store_find_card(st, "d/three", &three), 0);

    check_case = "each review, in log order";
    struct sm2 a = sm2_review(sm2_new(), 4), b = sm2_review(a, 2);
    struct review r1 = {0,   one,  REVIEW_GRADE, 4,      5000,
                        100, 1500, sm2_new(),    a,      -1,
                        101, 0,    NO_FSRS,      NO_FSRS};
    struct review r2 = {0,   three, REVIEW_GRADE, 5,      5001,
                        100, 900,   sm2_new(),    a,      -1,
                        101, 0,     NO_FSRS,      NO_FSRS};
    struct review r3 = {0, one, REVIEW_REPEAT, 2,   6000, 101,     700,
                        a, b,   101,           102, 0,    NO_FSRS, NO_FSRS};
    int64_t id1, id2, id3, id4;
    CHECK_INT(store_record(st, &r1, NULL, &id1), 0);
    CHECK_INT(store_record(st, &r2, NULL, &id2), 0);
    CHECK_INT(store_record(st, &r3, NULL, &id3), 0);
    struct review undo = {0, one, REVIEW_UNDO, -1,  6001, 101,     0,
                          b, a,   102,         101, id3,  NO_FSRS, NO_FSRS};
    CHECK_INT(store_record(st, &undo, NULL, &id4), 0);
    struct replay p = {.n = 0};
    CHECK_INT(store_each_review(st, 0, keep_review, &p), 0);
    CHECK_INT(p.n, 4);
    CHECK_INT(p.rows[0].id, id1);
    CHECK_INT(p.rows[1].id, id2);
    CHECK_INT(p.rows[3].id, id4);
    CHECK_INT(p.rows[0].card, one);
    CHECK_INT(p.rows[0].kind, REVIEW_GRADE);
    CHECK_INT(p.rows[0].grade, 4);
    CHECK_INT(p.rows[0].at, 5000);
    CHECK_INT(p.rows[0].day, 100);
    CHECK_INT(p.rows[0].duration_ms, 1500);
    CHECK_INT(p.rows[0].due_before, -1);
    CHECK_INT(p.rows[0].due_after, 101);
    CHECK_INT(p.rows[0].after.interval, a.interval);
    CHECK_INT(p.rows[0].after.ef, a.ef);
    CHECK_INT(p.rows[0].undoes, 0);

    check_case = "one card's reviews, an undo included";
    p.n = 0;
    CHECK_INT(store_each_review(st, one, keep_review, &p), 0);
    CHECK_INT(p.n, 3);
    CHECK_INT(p.rows[1].kind, REVIEW_REPEAT);
    CHECK_INT(p.rows[1].before.reps, a.reps);
    CHECK_INT(p.rows[1].after.ef, b.ef);
    CHECK_INT(p.rows[2].kind, REVIEW_UNDO);
    CHECK_INT(p.rows[2].grade, -1);
    CHECK_INT(p.rows[2].undoes, id3);
    CHECK_INT(p.rows[2].due_after, 101);

    check_case = "replaying the log gives the card's schedule";
    struct queued_card q;
    CHECK_INT(store_card_state(st, one, &q), 0);
    CHECK_INT(q.sm.interval, p.rows[2].after.interval);
    CHECK_INT(q.sm.ef, p.rows[2].after.ef);
    CHECK_INT(q.due, p.rows[2].due_after);
    store_close(st);
    free(path);
}

static int count_keys(void *ctx, const struct trusted_key *k)
{
    (void)k;
    ++*(int *)ctx;
    return 0;
}

/* A statement that cannot be prepared (here: a table dropped behind the
 * store's back) is an error the caller sees, not an abort. */
static void prepare_failure(void)
{
    char *path = path_in_dir("damaged.db"), msg[256];
    struct store *st;
    check_case = "a statement that cannot be prepared fails the call";
    CHECK_INT(store_open(path, &st, msg, sizeof msg), STORE_OK);
    CHECK_INT(store_migrate(st, NULL, NULL), 0);
    sqlite3 *db;
    sqlite3_open(path, &db);
    CHECK_INT(sqlite3_exec(db, "DROP TABLE keyring", NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    int n = 0;
    CHECK_INT(store_each_key(st, count_keys, &n), -1);
    CHECK_CONTAINS(store_error(st), "no such table: keyring");
    CHECK_INT(n, 0);

    check_case = "each failure reports its own error";
    long count = -1;
    CHECK_INT(store_count_due(st, 100, NULL, &count), 0);
    CHECK_INT(count, 0);
    unsigned char id[8] = {0};
    long removed;
    CHECK_INT(store_untrust(st, id, &removed), -1);
    CHECK_CONTAINS(store_error(st), "no such table: keyring");
    store_close(st);
    free(path);
}

int main(void)
{
    if (mkdtemp(dir) == NULL)
        return 2;
    import_and_update();
    refuses();
    prepare_failure();
    review_log();
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(cmd);
    return check_report("test_store");
}
