/* test_migrate.c: a real schema-3 collection (tests/data/collection-v3.db,
 * made by tests/data/make-v3-fixture.sh with a pre-v4 rehearse) opened
 * and migrated by this build: nothing lost, nothing moved, and the new
 * constraints hold. */
#include "check.h"
#include "rehearse/store.h"
#include "rehearse/util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef FIXTURE
#error "build with -DFIXTURE=path/to/collection-v3.db"
#endif

static char dir[] = "/tmp/rehearse-test-migrate-XXXXXX";

static const char *const tables[] = {
    "decks",   "cards", "card_tags",   "reviews",           "keyring",
    "answers", "daily", "card_states", "publisher_changes",
};
#define NTABLES (sizeof tables / sizeof tables[0])

/* Every card's schedule and flags, as one text to compare. */
static const char schedules_sql[] =
    "SELECT group_concat(id || ':' || reps || ':' || interval || ':' || ef "
    "|| ':' || lapses || ':' || coalesce(due, '-') || ':' || suspended || "
    "':' || retired, ' ') FROM (SELECT * FROM cards ORDER BY id)";
/* Every review, as one text to compare. */
static const char reviews_sql[] =
    "SELECT group_concat(id || ':' || card_id || ':' || kind || ':' || "
    "coalesce(grade, '-') || ':' || ef_after || ':' || coalesce(due_after, "
    "'-') || ':' || coalesce(undoes, '-'), ' ') FROM (SELECT * FROM reviews "
    "ORDER BY id)";

static char *query_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return xstrdup(sqlite3_errmsg(db));
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        out = xstrdup(v ? v : "");
    }
    sqlite3_finalize(s);
    return out ? out : xstrdup("(no row)");
}

static long query_long(sqlite3 *db, const char *sql)
{
    char *v = query_text(db, sql);
    long n = strtol(v, NULL, 10);
    free(v);
    return n;
}

struct snapshot {
    long rows[NTABLES];
    char *schedules, *reviews;
};

static void take(sqlite3 *db, struct snapshot *s)
{
    for (size_t i = 0; i < NTABLES; i++) {
        char *sql = xasprintf("SELECT count(*) FROM %s", tables[i]);
        s->rows[i] = query_long(db, sql);
        free(sql);
    }
    s->schedules = query_text(db, schedules_sql);
    s->reviews = query_text(db, reviews_sql);
}

static int copy_file(const char *from, const char *to)
{
    char *cmd = xasprintf("cp '%s' '%s'", from, to);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

static void migrates(void)
{
    char *path = xasprintf("%s/c.db", dir), msg[256];
    check_case = "the fixture is a schema-3 collection";
    CHECK_INT(copy_file(FIXTURE, path), 0);
    sqlite3 *db;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(query_long(db, "PRAGMA user_version"), 3);
    struct snapshot before, after;
    take(db, &before);
    sqlite3_close(db);
    CHECK(before.rows[3] > 0); /* reviews */
    CHECK(before.rows[5] > 0); /* answers */
    CHECK(before.rows[4] > 0); /* keyring */

    check_case = "opening and migrating";
    struct store *st;
    CHECK_INT(store_open(path, &st, msg, sizeof msg), STORE_OK);
    CHECK(store_needs_backup_before_migrating(st));
    CHECK_INT(store_migrate(st, NULL, NULL), 0);
    CHECK_STR(store_error(st), "");
    store_close(st);

    check_case = "latest schema, every row kept, no schedule moved";
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(query_long(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    take(db, &after);
    for (size_t i = 0; i < NTABLES; i++) {
        check_case = tables[i];
        CHECK_INT(after.rows[i], before.rows[i]);
    }
    check_case = "no schedule moved, no review changed";
    CHECK_STR(after.schedules, before.schedules);
    CHECK_STR(after.reviews, before.reviews);

    check_case = "foreign keys and integrity";
    CHECK_INT(query_long(db, "SELECT count(*) FROM pragma_foreign_key_check"),
              0);
    char *ok = query_text(db, "PRAGMA integrity_check");
    CHECK_STR(ok, "ok");
    free(ok);
    CHECK_INT(query_long(db, "SELECT count(*) FROM sqlite_schema WHERE type = "
                             "'table' AND name NOT LIKE 'sqlite_%' AND name "
                             "NOT LIKE 'cards_fts%' AND sql NOT LIKE "
                             "'%STRICT%'"),
              0);

    check_case = "the search index holds every live card";
    CHECK_INT(query_long(db, "SELECT count(*) FROM cards_fts"),
              query_long(db, "SELECT count(*) FROM cards WHERE retired = 0"));
    CHECK_INT(query_long(db, "SELECT count(*) FROM cards_fts f JOIN cards c "
                             "ON c.id = f.rowid WHERE f.question = c.question"),
              query_long(db, "SELECT count(*) FROM cards WHERE retired = 0"));

    check_case = "the state counts agree with cards.state";
    CHECK_INT(query_long(db, "SELECT count(*) FROM card_states s WHERE n <> "
                             "(SELECT count(*) FROM cards c WHERE c.deck_id "
                             "= s.deck_id AND c.state = s.state)"),
              0);
    CHECK_INT(query_long(db, "SELECT count(*) FROM cards WHERE state = "
                             "'suspended'"),
              1);
    free(before.schedules);
    free(before.reviews);
    free(after.schedules);
    free(after.reviews);

    check_case = "the new constraints refuse bad rows";
    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    static const char *const bad[] = {
        "UPDATE reviews SET grade = 9 WHERE id = 1",
        "UPDATE reviews SET kind = 'guess' WHERE id = 1",
        "UPDATE cards SET slug = 'Not_An_Id' WHERE id = 1",
        "UPDATE cards SET suspended = 2 WHERE id = 1",
        "UPDATE cards SET interval = 'soon' WHERE id = 1", /* STRICT */
        "UPDATE decks SET slug = '' WHERE id = 1",
        "UPDATE answers SET coverage = 'yes' WHERE id = 1",
        "DELETE FROM cards WHERE id = (SELECT card_id FROM reviews LIMIT 1)",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        check_case = bad[i];
        CHECK(sqlite3_exec(db, bad[i], NULL, NULL, NULL) != SQLITE_OK);
    }
    sqlite3_close(db);
    free(path);
}

int main(void)
{
    if (mkdtemp(dir) == NULL)
        return 2;
    migrates();
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(cmd);
    return check_report("test_migrate");
}
