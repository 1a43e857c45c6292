/* test_deck.c: the deck parser on a good deck and a catalogue of bad
 * ones, each with the line and message a user would see. */
#include "check.h"
#include "rehearse/deck.h"
#include "rehearse/lint.h"
#include "rehearse/util.h"

#include <stdlib.h>

#define HEAD "---\nid: demo\ntitle: Demo\nversion: 2\nauthor: me\n---\n"

static const char good[] = "\xEF\xBB\xBF---\r\n"
                           "id: demo-deck\n"
                           "title: A demo\n"
                           "version: 3\n"
                           "description: what it is\n"
                           "author: Someone\n"
                           "license: CC0\n"
                           "tags: identity, junior\n"
                           "---\n"
                           "\n"
                           "# Intro, ignored\n"
                           "\n"
                           "## What does `is` compare? {#is-vs-eq}\n"
                           "\n"
                           "Identity, not equality.\n"
                           "\n"
                           "```python\n"
                           "## not a heading inside a fence\n"
                           ">>> [] is []\n"
                           "False\n"
                           "```\n"
                           "\n"
                           "Tags: identity, junior\n"
                           "Keys: identity; not equality\n"
                           "\n"
                           "## Second   {#second}\n"
                           "Line one\n"
                           "\n"
                           "\n"
                           "Line two\n";

static void good_deck(void)
{
    struct deck d;
    struct deck_error err;
    check_case = "good deck";
    int rc = deck_load(good, sizeof good - 1, &d, &err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "  %u: %s\n", err.line, err.message);
        return;
    }
    CHECK_STR(d.meta.id, "demo-deck");
    CHECK_STR(d.meta.title, "A demo");
    CHECK_INT(d.meta.version, 3);
    CHECK_INT(d.meta.ntags, 2);
    CHECK_INT(d.ncards, 2);
    CHECK_STR(d.cards[0].id, "is-vs-eq");
    CHECK_STR(d.cards[0].question, "What does `is` compare?");
    CHECK_STR(d.cards[0].answer, "Identity, not equality.\n\n```python\n"
                                 "## not a heading inside a fence\n"
                                 ">>> [] is []\nFalse\n```");
    CHECK_INT(d.cards[0].line, 13);
    CHECK_INT(d.cards[0].ntags, 2);
    CHECK_STR(d.cards[0].tags[1], "junior");
    CHECK_INT(d.cards[0].nkeys, 2);
    CHECK_STR(d.cards[0].keys[1], "not equality");
    CHECK_STR(d.cards[1].question, "Second");
    CHECK_STR(d.cards[1].answer, "Line one\n\n\nLine two");
    CHECK_INT(d.cards[1].nkeys, 0);
    deck_free(&d);
}

struct bad {
    const char *name, *text;
    unsigned line;
    const char *message;
};

static const struct bad bad_decks[] = {
    {"empty file", "", 1, "missing front matter"},
    {"no front matter", "## Q {#q}\nA\n", 1, "missing front matter"},
    {"unclosed front matter", "---\nid: x\n", 1, "not closed"},
    {"missing id", "---\ntitle: T\nversion: 1\n---\n## Q {#q}\nA\n", 4,
     "front matter has no 'id'"},
    {"missing version", "---\nid: x\ntitle: T\n---\n## Q {#q}\nA\n", 4,
     "front matter has no 'version'"},
    {"bad deck id", "---\nid: Bad_Id\ntitle: T\nversion: 1\n---\n", 2,
     "bad deck id 'Bad_Id'"},
    {"zero version", "---\nid: x\ntitle: T\nversion: 0\n---\n", 4,
     "positive integer"},
    {"version not a number", "---\nid: x\ntitle: T\nversion: 1.5\n---\n", 4,
     "positive integer"},
    {"unknown key", "---\nid: x\ntitel: T\n---\n", 3,
     "unknown front matter key 'titel'"},
    {"duplicate key", "---\nid: x\nid: y\n---\n", 3, "appears twice"},
    {"not key value", "---\nid x\n---\n", 2, "expected 'key: value'"},
    {"no cards", HEAD "\nsome text\n", 8, "deck has no cards"},
    {"heading without id", HEAD "## Question\nA\n", 7, "must end with an id"},
    {"bad card id", HEAD "## Question {#Q_1}\nA\n", 7, "bad card id 'Q_1'"},
    {"empty card id", HEAD "## Question {#}\nA\n", 7, "bad card id"},
    {"long card id",
     HEAD "## Q {#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "aaaa}\nA\n",
     7, "bad card id"},
    {"no question", HEAD "## {#q}\nA\n", 7, "has no question"},
    {"card without answer", HEAD "## Q {#q}\n\nTags: a\n## R {#r}\nB\n", 7,
     "card 'q' has no answer"},
    {"last card without answer", HEAD "## Q {#q}\nA\n## R {#r}\n\n", 9,
     "card 'r' has no answer"},
    {"duplicate card id", HEAD "## Q {#q}\nA\n## R {#q}\nB\n", 9,
     "duplicate card id 'q'"},
    {"invalid UTF-8", HEAD "## Q {#q}\nbad \xC3\x28 byte\n", 8,
     "invalid UTF-8 at column 5"},
    {"overlong encoding", HEAD "## Q {#q}\n\xC0\xAF\n", 8, "invalid UTF-8"},
    {"surrogate", HEAD "## Q {#q}\n\xED\xA0\x80\n", 8, "invalid UTF-8"},
    {"escape sequence", HEAD "## Q {#q}\nhi \x1b[2J\n", 8,
     "control character U+001B at column 4"},
    {"C1 control",
     HEAD "## Q {#q}\nhi \xC2\x9B"
          "31m\n",
     8, "control character U+009B"},
    {"bare CR", HEAD "## Q {#q}\nA\rB\n", 8, "carriage return"},
    {"unclosed fence", HEAD "## Q {#q}\nA\n```python\nx = 1\n", 9,
     "code fence is never closed"},
    {"two Keys lines", HEAD "## Q {#q}\nA\nKeys: a\nKeys: b\n", 10,
     "second 'Keys:' line"},
    {"Tags outside card", HEAD "Tags: a\n## Q {#q}\nA\n", 7,
     "'Tags:' line outside a card"},
    {"bad tag", HEAD "## Q {#q}\nA\nTags: Good, b@d\n", 9, "bad tag 'Good'"},
    {"empty key point", HEAD "## Q {#q}\nA\nKeys: a;; b\n", 9, "empty item"},
    {"follow-up without answer",
     HEAD "## Q {#q}\nA\nFollow-ups:\n- Next?\n- Then?\n  B\n", 10,
     "follow-up of card 'q' has no answer"},
    {"last follow-up without answer",
     HEAD "## Q {#q}\nA\nFollow-ups:\n- Next?\nTags: a\n", 11, "has no answer"},
    {"empty Follow-ups block", HEAD "## Q {#q}\nA\nFollow-ups:\n\nKeys: a\n",
     11, "empty Follow-ups: block"},
    {"text after follow-ups",
     HEAD "## Q {#q}\nA\nFollow-ups:\n- Next?\n  B\nmore answer\n", 12,
     "text after the Follow-ups: block of card 'q'"},
    {"two Follow-ups blocks",
     HEAD "## Q {#q}\nA\nFollow-ups:\n- N?\n  B\nTags: a\nFollow-ups:\n", 13,
     "second 'Follow-ups:' block"},
    {"Follow-ups outside a card", HEAD "Follow-ups:\n## Q {#q}\nA\n", 7,
     "outside a card"},
    {"follow-up without question", HEAD "## Q {#q}\nA\nFollow-ups:\n- \n", 10,
     "has no question"},
};

/* The Follow-ups: block leaves the answer and fills card.follow_ups, an
 * answer over two indented lines joined by a space. */
static void follow_ups(void)
{
    static const char text[] = HEAD "## Q {#q}\n\nThe answer.\n\n"
                                    "Follow-ups:\n"
                                    "- What next?\n"
                                    "  First part,\n"
                                    "  second part.\n"
                                    "\n"
                                    "- And then?\n"
                                    "  Short.\n"
                                    "Tags: a\nKeys: answer\n"
                                    "## R {#r}\nNone here.\n";
    struct deck d;
    struct deck_error err;
    check_case = "follow-ups";
    CHECK_INT(deck_load(text, strlen(text), &d, &err), 0);
    CHECK_STR(err.message, "");
    if (d.ncards != 2)
        return;
    CHECK_STR(d.cards[0].answer, "The answer.");
    CHECK_INT(d.cards[0].nfollow_ups, 2);
    CHECK_STR(d.cards[0].follow_ups[0].question, "What next?");
    CHECK_STR(d.cards[0].follow_ups[0].answer, "First part, second part.");
    CHECK_STR(d.cards[0].follow_ups[1].answer, "Short.");
    CHECK_INT(d.cards[0].ntags, 1);
    CHECK_INT(d.cards[1].nfollow_ups, 0);
    deck_free(&d);
}

static void bad_deck(const struct bad *b)
{
    struct deck d;
    struct deck_error err;
    check_case = b->name;
    int rc = deck_load(b->text, strlen(b->text), &d, &err);
    CHECK_INT(rc, -1);
    CHECK_INT(err.line, b->line);
    CHECK_CONTAINS(err.message, b->message);
    if (rc == 0)
        deck_free(&d);
}

static void nul_byte(void)
{
    static const char text[] = HEAD "## Q {#q}\nA\0B\n";
    struct deck d;
    struct deck_error err;
    check_case = "NUL byte";
    CHECK_INT(deck_load(text, sizeof text - 1, &d, &err), -1);
    CHECK_INT(err.line, 8);
    CHECK_CONTAINS(err.message, "NUL byte");
}

/* A generated deck: the limits are errors with line numbers. */
static void limits(void)
{
    struct strbuf sb;
    struct deck d;
    struct deck_error err;
    sb_init(&sb);
    check_case = "10 MB single line";
    sb_adds(&sb, HEAD "## Q {#q}\n");
    for (int i = 0; i < 10 * 1024 * 1024; i++)
        sb_addc(&sb, 'x');
    CHECK_INT(deck_load(sb.buf, sb.len, &d, &err), -1);
    CHECK_INT(err.line, 8);
    CHECK_CONTAINS(err.message, "longer than 4096 bytes");

    check_case = "100k cards, one duplicate id at the end";
    sb_reset(&sb);
    sb_adds(&sb, HEAD);
    for (int i = 0; i < 100000; i++)
        sb_addf(&sb, "## Question %d {#card-%d}\nAnswer %d.\n", i, i, i);
    sb_adds(&sb, "## Again {#card-7}\nAnswer.\n");
    CHECK_INT(deck_load(sb.buf, sb.len, &d, &err), -1);
    CHECK_INT(err.line, 6 + 100000 * 2 + 1);
    CHECK_CONTAINS(err.message, "duplicate card id 'card-7'");

    check_case = "answer over the limit";
    sb_reset(&sb);
    sb_adds(&sb, HEAD "## Q {#q}\n");
    for (int i = 0; i < 400; i++)
        sb_adds(&sb, "0123456789012345678901234567890123456789012345678\n");
    CHECK_INT(deck_load(sb.buf, sb.len, &d, &err), -1);
    CHECK_INT(err.line, 7);
    CHECK_CONTAINS(err.message, "longer than 16384 bytes");
    sb_free(&sb);
}

struct collected {
    int warnings;
    char last[300];
};

static void collect(void *ctx, const char *file, unsigned line,
                    const char *message)
{
    struct collected *c = ctx;
    (void)file;
    (void)line;
    c->warnings++;
    snprintf(c->last, sizeof c->last, "%s", message);
}

static void lint(void)
{
    static const char a[] = "---\nid: a\ntitle: A\nversion: 1\ntags: x\n---\n"
                            "## What is a closure? {#closure}\nk\n"
                            "Tags: x\nKeys: k\n";
    static const char b[] = "---\nid: b\ntitle: B\nversion: 1\ntags: x\n---\n"
                            "## Explain what a CLOSURE is {#closure2}\nk\n"
                            "Tags: x, y\nKeys: k\n"
                            "## No keys {#nokeys}\nA\n";
    struct deck da, db;
    struct deck_error err;
    struct collected c = {0, ""};
    check_case = "lint";
    CHECK_INT(deck_load(a, sizeof a - 1, &da, &err), 0);
    CHECK_INT(deck_load(b, sizeof b - 1, &db, &err), 0);
    struct linter *l = linter_new();
    CHECK_INT(lint_deck(l, "a.md", &da, collect, &c), 0);
    CHECK_INT(lint_deck(l, "b.md", &db, collect, &c), 3);
    CHECK_CONTAINS(c.last, "has no 'Keys:' line");
    /* a key point the card's own answer does not cover */
    static const char e[] = "---\nid: e\ntitle: E\nversion: 1\n---\n"
                            "## Where do closures keep variables? {#cells}\n"
                            "In cells.\n"
                            "Keys: cells; late binding\n";
    struct deck de;
    CHECK_INT(deck_load(e, sizeof e - 1, &de, &err), 0);
    CHECK_INT(lint_deck(l, "e.md", &de, collect, &c), 1);
    CHECK_CONTAINS(c.last, "key point 'late binding' of card 'cells' is not "
                           "covered by the card's own answer");
    deck_free(&de);
    linter_free(l);
    char *sig = lint_question_signature("What's the difference between "
                                        "a list and a tuple?");
    CHECK_STR(sig, "list s tuple");
    free(sig);
    deck_free(&da);
    deck_free(&db);
}

/* Cards of two decks whose questions and key points share most words are
 * reported as overlapping, once; the same pair within one deck is not,
 * nor a card whose key points' alternatives only repeat the words. */
static void overlap(void)
{
#define IDEM                                                                   \
    "PUT and DELETE are idempotent, POST is not idempotent: retry safely.\n"
    static const char a[] =
        "---\nid: a\ntitle: A\nversion: 1\n---\n"
        "## Which HTTP methods are idempotent, and why? {#idem}\n" IDEM
        "Keys: PUT and DELETE idempotent; POST not idempotent; retry safely\n"
        "## Which HTTP methods are idempotent, and why would retries care? "
        "{#idem2}\n" IDEM
        "Keys: PUT and DELETE idempotent; POST not idempotent\n";
    static const char b[] =
        "---\nid: b\ntitle: B\nversion: 1\n---\n"
        "## What does idempotent mean for HTTP methods? {#methods}\n" IDEM
        "Keys: PUT and DELETE idempotent; POST not idempotent; retry\n"
        "## How does a B-tree index speed up lookups? {#btree}\n"
        "Sorted pages give a logarithmic depth.\n"
        "Keys: sorted pages / HTTP methods PUT and DELETE idempotent retry; "
        "logarithmic depth / POST not idempotent retry safely\n";
    struct deck da, db;
    struct deck_error err;
    struct collected c = {0, ""};
    check_case = "overlap across decks";
    CHECK_INT(deck_load(a, sizeof a - 1, &da, &err), 0);
    CHECK_INT(deck_load(b, sizeof b - 1, &db, &err), 0);
    struct linter *l = linter_new();
    CHECK_INT(lint_deck(l, "a.md", &da, collect, &c), 0);
    CHECK_INT(lint_deck(l, "b.md", &db, collect, &c), 1);
    CHECK_CONTAINS(c.last, "card 'methods' overlaps 'a/idem");
    linter_free(l);
    deck_free(&da);
    deck_free(&db);
#undef IDEM
}

int main(void)
{
    good_deck();
    for (size_t i = 0; i < sizeof bad_decks / sizeof bad_decks[0]; i++)
        bad_deck(&bad_decks[i]);
    nul_byte();
    follow_ups();
    limits();
    lint();
    overlap();
    return check_report("test_deck");
}
