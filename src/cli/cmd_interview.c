/* cmd_interview.c: `rehearse interview`, a mock interview against the
 * clock.
 *
 * Questions come from interview_pick (topic rotation, weak cards first).
 * Each typed answer is filed in the journal with its key-point coverage
 * in one transaction before the next question.  Schedules stay as they
 * are unless --reschedule (then the grade goes through the same session
 * code as `rehearse study`), except that a card graded below 3 is made
 * due so the next daily session brings it back. */
#include "rehearse/answer.h"
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/interview.h"
#include "rehearse/interview_report.h"
#include "rehearse/keypoints.h"
#include "rehearse/listing.h"
#include "rehearse/render.h"
#include "rehearse/schedule.h"
#include "rehearse/session.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char interview_usage[] =
    "usage: rehearse interview [--deck ID]... [--tag TAG]...\n"
    "                          [--count N | --minutes M] [--target SECONDS]\n"
    "                          [--reschedule] [--seed N] [--drill]\n"
    "\n"
    "A mock interview: questions across the chosen topics, weighted toward\n"
    "your weak and unseen cards, never the same card twice.  Type your\n"
    "answer against the clock (an empty line ends it, :pass gives up,\n"
    ":quit stops, :help lists the commands), see the reference answer with\n"
    "its key points marked covered or missed, and grade yourself 0-5\n"
    "(:note there edits your note on the card).  Answers go to the\n"
    "journal.\n"
    "\n"
    "  --deck ID         only this deck (repeatable)\n"
    "  --tag TAG         only cards with this tag (repeatable)\n"
    "  --count N         number of questions (default 8)\n"
    "  --minutes M       as many questions as fit M minutes at the target\n"
    "  --target SECONDS  target time per answer (default 120)\n"
    "  --reschedule      count each grade as the card's review for today\n"
    "                    (otherwise only grades below 3 make a card due)\n"
    "  --seed N          repeat the same choice of questions\n"
    "  --drill           ask first the cards whose last interview answer\n"
    "                    missed the most key points\n";

struct pool {
    struct candidate *cands;
    size_t count, cap;
};

static void add_candidate(void *ctx, const struct candidate_row *r)
{
    struct pool *p = ctx;
    p->cands = xgrow(p->cands, &p->cap, p->count + 1, sizeof *p->cands);
    p->cands[p->count++] = (struct candidate){
        r->id, xstrdup(r->deck), r->ef, r->lapses, r->seen, r->avg_ms};
}

/* What the report needs of each answered question. */

struct interview {
    struct app *app;
    struct store *st;
    const struct scheduler *sched;
    struct collection_model model; /* sched points into it */
    struct ui ui;
    long target_ms;
    bool reschedule;
    long long asked_at;
    struct result *results;
    size_t nresults;
    long follow_ups, follow_up_grades; /* asked, and the sum of grades */
};

static char *clock_prompt(void *ctx)
{
    const struct interview *iv = ctx;
    char now[16], target[16];
    long elapsed = (long)(clock_ms() - iv->asked_at);
    format_clock(elapsed, now, sizeof now);
    format_clock(iv->target_ms, target, sizeof target);
    return xasprintf("[%s / %s]%s> ", now, target,
                     elapsed > iv->target_ms ? " over time " : " ");
}

enum outcome { ANSWERED, PASSED, QUIT };

static const char interview_help[] =
    "  :pass     give up on this question (graded 0)\n"
    "  :quit     stop the interview (answers so far are saved)\n"
    "  :note     your note on this card, in $VISUAL or $EDITOR (at the\n"
    "            grade prompt)\n"
    "  An answer given within the target time may be followed by one of\n"
    "  the card's follow-up questions, timed against half the target and\n"
    "  graded apart: it does not move the card's schedule.\n"
    "  :help     this list\n" ANSWER_RULE_HELP;

/* Whether line, blanks aside, is exactly the command word. */
static bool is_command(const char *line, const char *word)
{
    line += strspn(line, " \t");
    size_t n = strlen(word);
    return strncmp(line, word, n) == 0 &&
           line[n + strspn(line + n, " \t")] == '\0';
}

/* Reads lines until an empty one (answer.h's rule).  The answer is in
 * *text. */
static enum outcome read_answer(struct interview *iv, struct strbuf *text)
{
    for (;;) {
        char *line = NULL;
        enum ui_read r =
            ui_prompt_ticking(&iv->ui, "> ", clock_prompt, iv, &line);
        if (r != UI_LINE)
            return QUIT;
        enum outcome o = ANSWERED;
        bool done = false;
        if (is_command(line, ":pass"))
            o = PASSED, done = true;
        else if (is_command(line, ":quit"))
            o = QUIT, done = true;
        else if (is_command(line, ":help") || is_command(line, ":?"))
            fputs(interview_help, stdout);
        else if (is_command(line, ":note"))
            puts("  :note works once the reference answer is shown");
        else
            done = answer_line(text, line);
        free(line);
        if (done)
            return o;
    }
}

static int ask_grade(struct interview *iv, int64_t card,
                     const struct card_view *v)
{
    for (;;) {
        char *line = NULL;
        if (ui_prompt(&iv->ui, "grade 0-5> ", &line) != UI_LINE)
            return -1;
        if (is_command(line, ":note") || is_command(line, ":help")) {
            if (is_command(line, ":note"))
                note_at_prompt(&iv->ui, iv->st, v, card, iv->app->now);
            else
                fputs(interview_help, stdout);
            free(line);
            continue;
        }
        if (is_command(line, ":quit")) {
            free(line);
            return -1;
        }
        int grade = parse_grade_line(line);
        free(line);
        if (grade >= 0)
            return grade;
        fputs("  5 perfect, 4 hesitant, 3 hard, 2 wrong but easy once seen, "
              "1 wrong, 0 blackout\n",
              stdout);
    }
}

/* "What you said last time": the card's previous interview answer, so
 * progress shows.  Typed text, so shown through the sanitiser. */
static void show_last_time(const struct interview *iv, int64_t card)
{
    struct past_answer past;
    bool found;
    if (store_last_interview_answer(iv->st, card, &past, &found))
        die(EXIT_FAIL, "%s", store_error(iv->st));
    if (!found)
        return;
    char head[120];
    if (past.grade < 0)
        snprintf(head, sizeof head, "  Last time (%s, passed):\n", past.date);
    else
        snprintf(head, sizeof head,
                 "  Last time (%s, grade %d, %d of %d key points):\n",
                 past.date, past.grade, past.keys_covered, past.keys_total);
    ui_styled(&iv->ui, UI_DIM, head);
    struct strbuf text;
    sb_init(&text);
    render_safe(&text, past.answer, strlen(past.answer));
    for (char *line = strtok(text.buf ? text.buf : "", "\n"); line;
         line = strtok(NULL, "\n"))
        printf("    %s\n", line);
    if (*past.answer == '\0')
        puts("    (nothing typed)");
    sb_free(&text);
    free(past.answer);
}

static void show_keys(const struct interview *iv, const char *joined,
                      const bool *hit)
{
    size_t n;
    char **keys = keypoints_split(joined, &n);
    struct strbuf line;
    sb_init(&line);
    if (n)
        puts("  Key points (matched by words: a hint, not a verdict):");
    for (size_t i = 0; i < n; i++) {
        sb_reset(&line);
        render_safe(&line, keys[i], strlen(keys[i]));
        fputs("    ", stdout);
        ui_styled(&iv->ui, hit[i] ? UI_GREEN : UI_RED,
                  hit[i] ? "[covered] " : "[missed]  ");
        puts(line.buf);
    }
    sb_free(&line);
    keypoints_free(keys, n);
}

/* The first tag that is not a level, for "what to drill next". */
static char *topic_tag(const char *tags)
{
    for (const char *p = tags; *p;) {
        size_t n = strcspn(p, ",");
        if (n && strncmp(p, "junior", n) != 0 && strncmp(p, "mid", n) != 0)
            return xstrndup(p, n);
        p += n + (p[n] == ',');
    }
    return NULL;
}

/* What the grade does to the card's schedule.  With --reschedule it is
 * the card's review for today, unless the card had one already: it goes
 * through a one-card session, the same code as the daily session, and *r
 * is the review to log.  Otherwise nothing moves, but a card graded below
 * a pass is brought forward to today.  Returns whether to log *r. */
static bool schedule(struct interview *iv, int64_t card, int grade,
                     struct journal_entry *entry, struct review *r)
{
    long today = iv->app->today;
    entry->bring_forward = -1;
    if (!iv->reschedule) {
        if (grade < SCHED_PASS)
            entry->bring_forward = today;
        return false;
    }
    struct queued_card q;
    bool done_today = false;
    if (store_card_state(iv->st, card, &q) ||
        store_reviewed_on(iv->st, card, today, &done_today))
        die(EXIT_FAIL, "%s", store_error(iv->st));
    struct session one;
    session_init(&one, iv->sched, today);
    struct session_card c = session_card_of(&q, done_today);
    session_add(&one, &c);
    const struct session_step *step = session_grade(&one, grade);
    bool moves = step->moves;
    if (moves)
        *r = review_of_step(step, today, entry->at, entry->duration_ms);
    session_free(&one);
    return moves;
}

static void show_question(struct interview *iv, const struct card_view *v,
                          size_t i, size_t n)
{
    struct strbuf head;
    sb_init(&head);
    char target[16];
    format_clock(iv->target_ms, target, sizeof target);
    sb_addf(&head, "\nQuestion %zu of %zu (target %s)  ", i + 1, n, target);
    add_card_name(&head, v->deck, v->id);
    sb_addc(&head, '\n');
    ui_styled(&iv->ui, UI_DIM, head.buf);
    sb_reset(&head);
    sb_addf(&head, "**%s**", v->question);
    ui_markdown(&iv->ui, head.buf, 2);
    sb_free(&head);
}

/* The key points of joined that hit[] says were missed, or NULL. */
static char *missed_keys(const char *joined, const bool *hit)
{
    size_t n;
    char **keys = keypoints_split(joined, &n);
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < n; i++)
        if (!hit[i])
            sb_addf(&sb, "%s%s", sb.len ? "; " : "", keys[i]);
    keypoints_free(keys, n);
    if (sb.len == 0) {
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb);
}

static void add_result(struct interview *iv, const struct card_view *v,
                       const struct journal_entry *e, int grade,
                       const bool *hit)
{
    iv->results =
        xrealloc(iv->results, (iv->nresults + 1) * sizeof *iv->results);
    iv->results[iv->nresults++] = (struct result){
        xstrdup(v->deck),   xstrdup(v->id),
        topic_tag(v->tags), grade,
        e->keys_total,      e->keys_covered,
        e->duration_ms,     hit ? missed_keys(v->keys, hit) : NULL};
}

/* Shows the reference answer with the key points the typed one covered,
 * takes the grade (0 for :pass) and files answer and grade in one
 * transaction.  Returns false when the user quit at the grade prompt. */
static bool file_answer(struct interview *iv, int64_t card,
                        const struct card_view *v, const char *typed,
                        bool passed, long ms)
{
    int total = 0, covered = 0;
    bool *hit = NULL;
    char *coverage = keypoints_coverage(v->keys, typed, &total, &covered, &hit);
    show_reference(&iv->ui, iv->st, card, v, 7);
    show_keys(iv, v->keys, hit);
    show_last_time(iv, card);
    int hint = passed
                   ? -1
                   : interview_suggest_grade(covered, total, ms, iv->target_ms);
    if (hint >= 0)
        printf("  Suggested grade: %d (%d of %d key points, %s the target "
               "time); yours decides.\n",
               hint, covered, total, ms > iv->target_ms ? "over" : "within");
    int grade = passed ? 0 : ask_grade(iv, card, v);
    if (grade >= 0) {
        struct journal_entry e = {.card = card,
                                  .at = clock_now(),
                                  .day = iv->app->today,
                                  .interview = true,
                                  .answer = typed,
                                  .duration_ms = ms,
                                  .grade = passed ? -1 : grade,
                                  .keys_total = total,
                                  .keys_covered = covered,
                                  .coverage = coverage,
                                  .bring_forward = -1};
        struct review r;
        int64_t id;
        bool moves = schedule(iv, card, grade, &e, &r);
        if (store_record(iv->st, moves ? &r : NULL, &e, &id))
            die(EXIT_FAIL, "your answer was not saved: %s",
                store_error(iv->st));
        add_result(iv, v, &e, grade, hit);
    }
    free(hit);
    free(coverage);
    return grade >= 0;
}

/* Asks one of the card's follow-ups, as an interviewer would once the
 * answer came in time: timed against half the target, typed, shown with
 * its short answer, graded and filed in the journal.  It leaves the
 * card's schedule alone: it is another question.  Returns false when the
 * user quit. */
static bool ask_follow_up(struct interview *iv, int64_t card,
                          const struct card_view *v)
{
    struct follow_up *f;
    size_t n;
    if (store_card_follow_ups(iv->st, card, &f, &n))
        die(EXIT_FAIL, "%s", store_error(iv->st));
    if (n == 0)
        return true;
    const struct follow_up *pick = &f[(size_t)card % n];
    long target = iv->target_ms;
    iv->target_ms = target / 2;
    ui_styled(&iv->ui, UI_DIM, "\n  Follow-up:\n");
    char *question = xasprintf("**%s**", pick->question);
    ui_markdown(&iv->ui, question, 2);
    free(question);
    struct strbuf text;
    sb_init(&text);
    iv->asked_at = clock_ms();
    enum outcome o = read_answer(iv, &text);
    long ms = (long)(clock_ms() - iv->asked_at);
    iv->target_ms = target;
    int grade = -1;
    if (o != QUIT) {
        ui_styled(&iv->ui, UI_DIM, "  --- follow-up answer ---\n");
        ui_markdown(&iv->ui, pick->answer, 2);
        grade = o == PASSED ? 0 : ask_grade(iv, card, v);
    }
    if (grade >= 0) {
        struct journal_entry e = {.card = card,
                                  .at = clock_now(),
                                  .day = iv->app->today,
                                  .interview = true,
                                  .answer = text.buf,
                                  .duration_ms = ms,
                                  .grade = o == PASSED ? -1 : grade,
                                  .coverage = "[]",
                                  .bring_forward = -1,
                                  .follow_up = pick->question};
        int64_t id;
        if (store_record(iv->st, NULL, &e, &id))
            die(EXIT_FAIL, "your answer was not saved: %s",
                store_error(iv->st));
        iv->follow_ups++;
        iv->follow_up_grades += grade;
    }
    sb_free(&text);
    follow_ups_free(f, n);
    return grade >= 0;
}

/* One question; returns false when the interview should stop. */
static bool ask_one(struct interview *iv, int64_t card, size_t i, size_t n)
{
    struct card_view v;
    if (store_card_view(iv->st, card, &v))
        die(EXIT_FAIL, "%s", store_error(iv->st));
    show_question(iv, &v, i, n);
    struct strbuf text;
    sb_init(&text);
    iv->asked_at = clock_ms();
    enum outcome o = read_answer(iv, &text);
    long ms = (long)(clock_ms() - iv->asked_at);
    bool go_on =
        o != QUIT && file_answer(iv, card, &v, text.buf, o == PASSED, ms);
    if (go_on && o == ANSWERED && ms <= iv->target_ms)
        go_on = ask_follow_up(iv, card, &v);
    sb_free(&text);
    card_view_free(&v);
    return go_on;
}

/* What the command line asks for besides the interview's own settings. */
struct request {
    struct filter_args fa;
    long count, minutes;
    uint64_t seed;
    bool drill;
};

/* Parses the command line into iv and *rq.  Returns -1 to go on, else
 * the exit status (--help or a usage error). */
static int parse_args(int argc, char **argv, struct interview *iv,
                      struct request *rq)
{
    enum { TARGET = 256, RESCHEDULE, SEED, MINUTES, DRILL };
    static const struct option opts[] = {
        {"deck", required_argument, 0, 'd'},
        {"tag", required_argument, 0, 't'},
        {"count", required_argument, 0, 'n'},
        {"minutes", required_argument, 0, MINUTES},
        {"target", required_argument, 0, TARGET},
        {"reschedule", no_argument, 0, RESCHEDULE},
        {"seed", required_argument, 0, SEED},
        {"drill", no_argument, 0, DRILL},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:n:", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
        case 't':
            filter_add(&rq->fa, c == 't', optarg);
            break;
        case 'n':
            rq->count = parse_count("--count", optarg, 1000);
            break;
        case MINUTES:
            rq->minutes = parse_count("--minutes", optarg, 600);
            break;
        case TARGET:
            iv->target_ms = parse_count("--target", optarg, 3600) * 1000;
            break;
        case RESCHEDULE:
            iv->reschedule = true;
            break;
        case SEED:
            rq->seed = (uint64_t)parse_count("--seed", optarg, 2147483647L);
            break;
        case DRILL:
            rq->drill = true;
            break;
        default:
            return usage(interview_usage, c == 'h');
        }
    }
    if (optind != argc || iv->target_ms == 0)
        return usage(interview_usage, false);
    if (rq->minutes)
        rq->count = rq->minutes * 60000 / iv->target_ms > 0
                        ? rq->minutes * 60000 / iv->target_ms
                        : 1;
    return -1;
}

struct drill {
    int64_t *cards;
    size_t n, cap;
};

static void add_drill(void *ctx, int64_t card)
{
    struct drill *d = ctx;
    d->cards = xgrow(d->cards, &d->cap, d->n + 1, sizeof *d->cards);
    d->cards[d->n++] = card;
}

/* --drill: the cards whose last interview answer missed the most key
 * points, in that order. */
static void run_drill(struct interview *iv, const struct request *rq)
{
    struct drill d = {NULL, 0, 0};
    if (store_each_drill_card(iv->st, &rq->fa.f, rq->count, add_drill, &d))
        die(EXIT_FAIL, "%s", store_error(iv->st));
    if (d.n == 0)
        puts("No interview answer missed a key point: nothing to drill "
             "(rehearse interview asks new questions).");
    for (size_t i = 0; i < d.n; i++)
        if (!ask_one(iv, d.cards[i], i, d.n))
            break;
    if (d.n)
        interview_report(&(struct interview_results){
            iv->results, iv->nresults, iv->follow_ups, iv->follow_up_grades,
            iv->app->today});
    free(d.cards);
}

/* Picks the questions, asks them until the end or :quit, and reports. */
static void run_interview(struct interview *iv, const struct request *rq)
{
    if (rq->drill) {
        run_drill(iv, rq);
        return;
    }
    struct pool pool = {NULL, 0, 0};
    if (store_each_candidate(iv->st, &rq->fa.f, add_candidate, &pool))
        die(EXIT_FAIL, "%s", store_error(iv->st));
    size_t *picked = xcalloc(pool.count ? pool.count : 1, sizeof *picked);
    size_t n = interview_pick(pool.cands, pool.count, (size_t)rq->count,
                              iv->target_ms, rq->seed, picked);
    if (n == 0)
        puts("No cards match: nothing to ask.");
    for (size_t i = 0; i < n; i++)
        if (!ask_one(iv, pool.cands[picked[i]].id, i, n))
            break;
    if (n)
        interview_report(&(struct interview_results){
            iv->results, iv->nresults, iv->follow_ups, iv->follow_up_grades,
            iv->app->today});
    for (size_t i = 0; i < pool.count; i++)
        free((char *)pool.cands[i].topic);
    free(pool.cands);
    free(picked);
}

int cmd_interview(int argc, char **argv, struct app *app)
{
    struct interview iv;
    memset(&iv, 0, sizeof iv);
    iv.app = app;
    iv.target_ms = app->config.target_seconds * 1000L;
    struct request rq = {{{0}, 0, 0}, 8, 0, 0, false};
    rq.seed = (uint64_t)clock_ms() ^ (uint64_t)app->now << 20;
    int rc = parse_args(argc, argv, &iv, &rq);
    if (rc >= 0) {
        filter_free(&rq.fa);
        return rc;
    }
    iv.st = app_open(app, true);
    filter_check(iv.st, &rq.fa);
    iv.sched = collection_scheduler(iv.st, &iv.model);
    ui_init(&iv.ui);
    run_interview(&iv, &rq);
    interview_results_free(iv.results, iv.nresults);
    app_close(app, iv.st);
    filter_free(&rq.fa);
    /* Killed by a signal at a prompt: report it the way shells expect. */
    return ui_signal() ? 128 + ui_signal() : EXIT_OK;
}
