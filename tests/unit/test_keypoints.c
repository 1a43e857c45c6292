/* test_keypoints.c: the key-point matcher, rule by rule (keypoints.h). */
#include "check.h"
#include "rehearse/interview.h"
#include "rehearse/keypoints.h"

#include <stdlib.h>

/* Is the one key covered by answer? */
static bool covers(const char *answer, const char *key)
{
    char *keys[] = {(char *)key};
    bool hit = false;
    keypoints_match(answer, keys, 1, &hit);
    return hit;
}

static void test_folding(void)
{
    check_case = "folding";
    char *s =
        keypoints_normalise("\xC4\xB0nitialise Na\xC3\xAFve \xEF\xAC\x81le");
    CHECK_STR(s, "initialise naive file");
    free(s);
    CHECK(covers("INITIALISE the pool", "initialise pool"));
    CHECK(covers("\xC4\xB0nitialise it", "initialise"));
}

static void test_stems_and_typos(void)
{
    check_case = "stems and typos";
    CHECK(covers("the stack pops items", "pop an item"));
    CHECK(covers("it initialises lazily", "initialise lazily"));
    CHECK(covers("we initialize it", "initialise"));
    CHECK(covers("a relaible stream", "reliable stream"));
    CHECK(covers("keep prev and curr", "keep previous and current"));
    CHECK(!covers("a cat", "bat")); /* under 5 letters: no typo allowed */
    CHECK(!covers("the stack", "queue"));
}

static void test_technical_tokens(void)
{
    check_case = "technical tokens";
    CHECK(covers("sorting is O(n log n) on average", "O(n log n)"));
    CHECK(covers("sorting is O(nlogn)", "O(n log n)"));
    CHECK(!covers("sorting is O(n)", "O(n log n)"));
    CHECK(covers("then a syn ack comes back", "SYN-ACK"));
    CHECK(covers("the SYN-ACK", "SYN-ACK"));
    CHECK(covers("new in 3.12.", "3.12"));
    CHECK(!covers("new in 3 point 11", "3.12"));
    CHECK(covers("override __init__() here", "`__init__`"));
    CHECK(!covers("init it", "`__init__`"));
    CHECK(covers("HTTP/2 multiplexes", "HTTP/2"));
    CHECK(covers("::1 is loopback", "::1"));
    CHECK(!covers("1 is loopback", "::1"));
    CHECK(covers("call r.raise_for_status()", "raise_for_status"));
    CHECK(covers("it is multithreaded", "multi-threaded"));
    CHECK(covers("a += [x] calls list.__iadd__", "`__iadd__`"));
    CHECK(!covers("a += [x] calls list.iadd", "`__iadd__`"));
    CHECK(covers("async def __aenter__(self)", "`__aenter__`"));
    CHECK(!covers("pop(0) is slow", "O(n)"));
    CHECK(!covers("on a sorted array", "O(n)")); /* not run together */
}

static void test_alternatives_and_share(void)
{
    check_case = "alternatives and share";
    CHECK(covers("lookups are O(1)", "constant time / O(1)"));
    CHECK(covers("in constant time", "constant time / O(1)"));
    CHECK(!covers("in linear time", "constant time / O(1)"));
    CHECK(covers("a/b testing", "a/b testing")); /* no spaces: one token */
    CHECK(covers("order of words does not matter here: delivery reliable",
                 "reliable delivery"));
    CHECK(!covers("delivery", "reliable delivery"));
    /* three content units or more: two thirds */
    CHECK(covers("situation, task and result", "situation task action result"));
    CHECK(!covers("situation and result", "situation task action result"));
    /* the share is for the first alternative: the others need every unit */
    CHECK(!covers("scene, task and outcome",
                  "situation task action result / scene task action outcome"));
    CHECK(covers("scene, task, action and outcome",
                 "situation task action result / scene task action outcome"));
    /* numbers and notation cannot be spared */
    CHECK(!covers("list.pop(0) is O(1)", "list pop(0) is O(n)"));
    CHECK(covers("pop(0) on a list is linear", "list pop(0) is O(n)"));
    CHECK(!covers("line length is 79 by default", "default line length 88"));
    /* a repeated word is one unit: "null" twice is not two thirds */
    CHECK(!covers("NULL = NULL is true", "NULL = NULL is unknown"));
    CHECK(keypoints_enough(2, 2) && !keypoints_enough(1, 2));
    CHECK(keypoints_enough(2, 3) && keypoints_enough(4, 6));
    CHECK(!keypoints_enough(3, 6) && !keypoints_enough(0, 0));
}

static void test_negation(void)
{
    check_case = "negation";
    CHECK(!covers("TCP is not reliable delivery", "reliable delivery"));
    CHECK(!covers("you don't need idempotent consumers",
                  "every consumer idempotent"));
    CHECK(!covers("you dont need idempotent consumers", "idempotent consumer"));
    CHECK(covers("not UDP, but reliable delivery", "reliable delivery"));
    CHECK(covers("never lost. reliable delivery", "reliable delivery"));
    CHECK(covers("order is not guaranteed", "not guaranteed"));
    /* a key that says "not" needs the answer to say it too */
    CHECK(!covers("quicksort is stable", "not stable"));
    CHECK(covers("quicksort isn't stable", "not stable"));
    CHECK(covers("quicksort is unstable", "not stable"));
    CHECK(covers("strings are not mutable", "immutable"));
    /* a word found only negated contradicts, whatever the share */
    CHECK(covers("TCP is connection-oriented and reliable",
                 "TCP connection-oriented reliable"));
    CHECK(!covers("TCP is connection-oriented, it is not reliable",
                  "TCP connection-oriented reliable"));
    CHECK(!covers("the sort is not stable", "stable sort"));
    CHECK(!covers("merge sort is unstable", "stable sort"));
    /* clause breaks end a negation */
    CHECK(covers("401 for not authenticated vs 403 for forbidden",
                 "403 forbidden"));
    CHECK(covers("not a hash (a tree) lookup", "tree lookup"));
    /* None and SQL's NOT NULL are not negations */
    CHECK(covers("__init__ must return None", "returns None"));
    CHECK(covers("a NOT NULL column", "NOT NULL column"));
    CHECK(!covers("none of them are thread-safe", "thread-safe"));
    CHECK(!covers("it is not a standard or a complete checklist",
                  "complete checklist"));
    CHECK(covers("x NOT IN (subquery) with a NULL", "NOT IN with NULL"));
    CHECK(covers("a transaction is all or nothing", "all or nothing"));
    CHECK(covers("so atomicity: all or nothing", "atomicity all or nothing"));
    /* a key whose negator comes last needs one after its words */
    CHECK(covers("it runs until it returns nothing",
                 "runs until it returns nothing"));
    CHECK(!covers("it runs until it returns", "runs until it returns nothing"));
    /* a negator before "matter", "needed"... reaches back */
    CHECK(!covers("transitive dependencies don't matter",
                  "transitive dependencies"));
    CHECK(!covers("so locks aren't needed", "use locks"));
    CHECK(covers("use locks, they don't cost much", "use locks"));
    CHECK(covers("the serial part caps it no matter how many workers",
                 "many workers"));
}

static void test_concepts(void)
{
    check_case = "concept lexicon";
    /* synonyms and shorthand meet, both ways */
    CHECK(covers("append mutates the list", "modify in place"));
    CHECK(covers("both change the list in place", "both modify in place"));
    CHECK(covers("look it up in a dict", "dictionary lookup"));
    CHECK(covers("look it up in a dictionary", "dict lookup"));
    CHECK(covers("pass the fn to map", "function"));
    CHECK(covers("store it in the db", "database"));
    CHECK(covers("object cols are the big ones", "object columns"));
    CHECK(covers("a queue has async consumers", "asynchronous"));
    CHECK(covers("the gc frees cycles", "garbage collector"));
    CHECK(covers("the garbage collector frees cycles", "GC"));
    /* number words and notation */
    CHECK(covers("there are 7 of them", "seven layers / seven"));
    CHECK(covers("7 layers: physical ...", "seven layers"));
    CHECK(covers("lookups are O(1)", "constant time"));
    CHECK(covers("lookups take constant time", "O(1) lookups"));
    CHECK(covers("it is linear", "O(n) time"));
    CHECK(covers("linear time, constant extra memory", "O(1) space"));
    CHECK(!covers("it is linear", "O(1) time"));
    CHECK(!covers("lookups are O(n)", "constant time"));
    /* a phrase stands for its concept only: "constant" alone is not O(1) */
    CHECK(!covers("grows by a constant factor", "O(1)"));
    CHECK(covers("grows by a constant factor", "constant factor"));
    /* a negated synonym or shorthand does not cover */
    CHECK(!covers("it does not modify the list", "mutates"));
    CHECK(!covers("you don't need a db", "database"));
    CHECK(!covers("lookups are never O(1)", "constant time"));
}

static void test_derivations(void)
{
    check_case = "derivations and compounds";
    CHECK(covers("it is reliable", "reliability"));
    CHECK(covers("the build is deterministic", "determinism"));
    CHECK(!covers("find the cycles", "cyclic")); /* a 4-letter root: no */
    CHECK(covers("discuss the trade-off", "trade-offs"));
    CHECK(covers("polars is multithreaded", "multi-threaded"));
    CHECK(!covers("polars is threaded", "multi-threaded"));
}

static void test_explain_and_grade(void)
{
    check_case = "explain and grade";
    char *keys[] = {"reliable delivery", "one round trip", "flow control"};
    struct keypoint_hit hits[3];
    int n = keypoints_explain("Reliable, ordered delivery in one trip", keys, 3,
                              hits);
    CHECK_INT(n, 2);
    CHECK(hits[0].covered && hits[1].covered && !hits[2].covered);
    CHECK_INT(hits[0].nmatched, 2);
    CHECK_STR(hits[0].matched[0], "reliable");
    CHECK_STR(hits[0].matched[1], "delivery");
    CHECK_INT(hits[1].nmatched, 2); /* "one", "trip": 2 of 3 is enough */
    keypoints_hits_free(hits, 3);
    CHECK_INT(keypoints_suggest_grade(5, 5), 5);
    CHECK_INT(keypoints_suggest_grade(3, 4), 4);
    CHECK_INT(keypoints_suggest_grade(2, 4), 3);
    CHECK_INT(keypoints_suggest_grade(1, 4), 2);
    CHECK_INT(keypoints_suggest_grade(0, 4), 1);
    CHECK_INT(keypoints_suggest_grade(0, 0), -1);
}

/* The interview's hint: coverage first, one lower for a slow answer and
 * one more for a very slow one, never below 0. */
static void test_interview_hint(void)
{
    check_case = "interview suggested grade";
    CHECK_INT(interview_suggest_grade(4, 4, 60000, 120000), 5);
    CHECK_INT(interview_suggest_grade(4, 4, 130000, 120000), 4);
    CHECK_INT(interview_suggest_grade(4, 4, 250000, 120000), 3);
    CHECK_INT(interview_suggest_grade(0, 4, 250000, 120000), 0);
    CHECK_INT(interview_suggest_grade(2, 4, 10000, 120000), 3);
    CHECK_INT(interview_suggest_grade(0, 0, 10000, 120000), -1);
}

int main(void)
{
    test_interview_hint();
    test_folding();
    test_stems_and_typos();
    test_technical_tokens();
    test_alternatives_and_share();
    test_negation();
    test_concepts();
    test_derivations();
    test_explain_and_grade();
    return check_report("keypoints");
}
