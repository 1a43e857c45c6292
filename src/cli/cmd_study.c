/* cmd_study.c: `rehearse study`, the daily session.
 *
 * Wires the pure session queue (which grades through the scheduler) to
 * the store and the terminal.  Every grade is committed (store_record)
 * before the next card is shown, so quitting, a crash or a closed
 * terminal loses at most the answer being typed. */
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/keypoints.h"
#include "rehearse/listing.h"
#include "rehearse/paths.h"
#include "rehearse/schedule.h"
#include "rehearse/session.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char study_usage[] =
    "usage: rehearse study [--deck ID]... [--tag TAG]... [--new N]\n"
    "\n"
    "Today's session: due reviews (most overdue first), cards failed\n"
    "earlier today, then up to N new cards (default 10, or new_per_day in\n"
    "the config file).  Type an answer (or press Enter) to see the\n"
    "reference answer, then grade yourself 0-5.\n"
    "\n"
    "  --deck ID   only cards of this deck (repeatable)\n"
    "  --tag TAG   only cards with this tag (repeatable)\n"
    "  --new N     new cards allowed today\n"
    "\n"
    "At any prompt: :quit :undo :suspend :skip :help (Tab completes).\n";

static const char grade_legend[] =
    "  5 perfect   4 right, after hesitating   3 right, with difficulty\n"
    "  2 wrong, but easy once seen   1 wrong, remembered once seen   "
    "0 blackout\n";

static const char session_help[] =
    "  :quit     stop now (every grade so far is saved)\n"
    "  :undo     take back the last grade\n"
    "  :suspend  never show this card again (rehearse unsuspend undoes)\n"
    "  :skip     leave this card for another day\n"
    "  :help     this list\n";

struct study {
    struct app *app;
    struct store *st;
    struct ui ui;
    struct session session;
    long reviewed, correct, started_ms;
};

static int enqueue(void *ctx, const struct queued_card *q)
{
    struct session_card c = session_card_of(q, false);
    session_add(ctx, &c);
    return 0;
}

/* A card failed earlier today: its grades now are repeats. */
static int enqueue_repeat(void *ctx, const struct queued_card *q)
{
    struct session_card c = session_card_of(q, true);
    session_add(ctx, &c);
    return 0;
}

static void fill_queue(struct study *s, const struct filter *f, long limit)
{
    long seen = 0;
    struct store *st = s->st;
    long today = s->app->today;
    if (store_each_due(st, today, f, enqueue, &s->session) ||
        store_each_repeat(st, today, f, enqueue_repeat, &s->session) ||
        store_new_seen(st, today, &seen) ||
        (limit > seen &&
         store_each_new(st, limit - seen, f, enqueue, &s->session)))
        die(EXIT_FAIL, "%s", store_error(st));
}

static void show_question(const struct study *s, const struct card_view *v)
{
    size_t done = (size_t)s->reviewed, left = session_left(&s->session);
    struct strbuf head;
    sb_init(&head);
    sb_addf(&head, "\n[%zu done, %zu left] ", done, left);
    add_card_name(&head, v->deck, v->id);
    sb_addc(&head, '\n');
    ui_styled(&s->ui, UI_DIM, head.buf);
    sb_reset(&head);
    sb_adds(&head, "**");
    sb_adds(&head, v->question);
    sb_adds(&head, "**");
    ui_markdown(&s->ui, head.buf, 2);
    sb_free(&head);
}

enum action { ACT_TEXT, ACT_QUIT, ACT_UNDO, ACT_SUSPEND, ACT_SKIP, ACT_HELP };

static enum action classify(const char *line)
{
    static const struct {
        const char *word;
        enum action act;
    } words[] = {{":quit", ACT_QUIT}, {":q", ACT_QUIT},
                 {":undo", ACT_UNDO}, {":suspend", ACT_SUSPEND},
                 {":skip", ACT_SKIP}, {":help", ACT_HELP},
                 {":?", ACT_HELP}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(line, words[i].word) == 0)
            return words[i].act;
    return ACT_TEXT;
}

/* Reads a line; EOF and signals become :quit.  *line may be NULL. */
static enum action ask(struct study *s, const char *prompt, char **line)
{
    enum ui_read r = ui_prompt(&s->ui, prompt, line);
    if (r != UI_LINE)
        return ACT_QUIT;
    return classify(*line);
}

/* Commits the grade, with the typed answer (if any) for the journal. */
static void record(struct study *s, const struct session_step *step,
                   long duration, const struct card_view *v, const char *typed,
                   int64_t *id)
{
    struct review r =
        review_of_step(step, s->app->today, clock_now(), duration);
    struct journal_entry entry = {.card = r.card,
                                  .at = r.at,
                                  .day = r.day,
                                  .answer = typed,
                                  .duration_ms = duration,
                                  .grade = step->grade,
                                  .bring_forward = -1};
    char *coverage = NULL;
    if (typed && *typed)
        coverage = keypoints_coverage(v->keys, typed, &entry.keys_total,
                                      &entry.keys_covered, NULL);
    entry.coverage = coverage;
    if (store_record(s->st, &r, coverage ? &entry : NULL, id))
        die(EXIT_FAIL, "your last grade was not saved: %s", store_error(s->st));
    free(coverage);
}

static void undo(struct study *s)
{
    struct session_step step;
    if (!session_undo(&s->session, &step)) {
        puts("  nothing to undo");
        return;
    }
    struct review r = review_of_undo(&step, s->app->today, clock_now());
    int64_t id;
    if (store_record(s->st, &r, NULL, &id))
        die(EXIT_FAIL, "cannot undo: %s", store_error(s->st));
    if (step.moves) {
        s->reviewed--;
        s->correct -= step.grade >= SCHED_PASS;
    }
    puts("  undone: the card is back with its previous schedule");
}

static void suspend(struct study *s)
{
    const struct session_card *c = session_current(&s->session);
    if (store_set_suspended(s->st, c->id, true))
        die(EXIT_FAIL, "%s", store_error(s->st));
    session_drop(&s->session);
    puts("  suspended");
}

/* Asks for a grade until one is given.  Returns the action taken, with
 * ACT_TEXT meaning *grade is set. */
static enum action ask_grade(struct study *s, int *grade)
{
    for (;;) {
        char *line = NULL;
        enum action a = ask(s, "grade 0-5> ", &line);
        if (a == ACT_TEXT && strlen(line) == 1 && line[0] >= '0' &&
            line[0] <= '5') {
            *grade = line[0] - '0';
            free(line);
            return ACT_TEXT;
        }
        free(line);
        if (a == ACT_HELP)
            fputs(session_help, stdout);
        else if (a != ACT_TEXT)
            return a;
        fputs(grade_legend, stdout);
    }
}

/* Shows the reference answer and asks for a grade; a grade moves the
 * session on and is committed with the typed answer.  Returns the action
 * taken, ACT_TEXT for a grade. */
static enum action grade_card(struct study *s, const struct card_view *v,
                              const char *typed, long long shown)
{
    ui_styled(&s->ui, UI_DIM, "  --- reference answer ---\n");
    ui_markdown(&s->ui, v->answer, 2);
    fputs(grade_legend, stdout);
    int grade;
    enum action a = ask_grade(s, &grade);
    if (a != ACT_TEXT)
        return a;
    struct session_step *step = session_grade(&s->session, grade);
    if (step->moves) {
        s->reviewed++;
        s->correct += grade >= SCHED_PASS;
    }
    record(s, step, (long)(clock_ms() - shown), v, typed, &step->review_id);
    return ACT_TEXT;
}

/* Carries out what was typed instead of an answer or a grade.  Returns
 * false when the session should end. */
static bool act(struct study *s, enum action a)
{
    switch (a) {
    case ACT_QUIT:
        return false;
    case ACT_UNDO:
        undo(s);
        break;
    case ACT_SUSPEND:
        suspend(s);
        break;
    case ACT_SKIP:
        session_drop(&s->session);
        break;
    default:
        break;
    }
    return true;
}

/* One card: question, answer prompt, reference answer, grade.  Returns
 * false when the session should end. */
static bool study_card(struct study *s)
{
    const struct session_card *c = session_current(&s->session);
    struct card_view v;
    if (store_card_view(s->st, c->id, &v))
        die(EXIT_FAIL, "%s", store_error(s->st));
    show_question(s, &v);
    long long shown = clock_ms();
    char *line = NULL;
    enum action a;
    while ((a = ask(s, "answer> ", &line)) == ACT_HELP) {
        fputs(session_help, stdout);
        free(line);
    }
    if (a == ACT_TEXT)
        a = grade_card(s, &v, line, shown);
    free(line);
    card_view_free(&v);
    return act(s, a);
}

static void say_nothing_due(struct study *s, const struct filter *f)
{
    long next;
    char date[11];
    if (store_next_due(s->st, s->app->today, f, &next))
        die(EXIT_FAIL, "%s", store_error(s->st));
    if (next < 0) {
        puts("Nothing to study: no cards are due and no new cards are "
             "left.");
        return;
    }
    clock_format_day(next, date);
    printf("Nothing due today. The next card is due on %s (in %ld day%s).\n",
           date, next - s->app->today, next - s->app->today == 1 ? "" : "s");
}

static void summary(struct study *s, const struct filter *f)
{
    long tomorrow = 0;
    if (store_count_due(s->st, s->app->today + 1, f, &tomorrow))
        die(EXIT_FAIL, "%s", store_error(s->st));
    long secs = (long)((clock_ms() - s->started_ms) / 1000);
    printf("\nReviewed %ld card%s, %ld%% correct, in %ldm%02lds. "
           "Due tomorrow: %ld.\n",
           s->reviewed, s->reviewed == 1 ? "" : "s",
           s->reviewed ? s->correct * 100 / s->reviewed : 0, secs / 60,
           secs % 60, tomorrow);
    if (session_current(&s->session) == NULL)
        puts("Today's queue is done.");
}

/* Studies the queue to its end or :quit, with readline history when the
 * input is a terminal, then sums up. */
static void run_session(struct study *s, const struct filter *f)
{
    char *history = xdg_path("STATE", "history");
    if (history && s->ui.tty_in && make_parent_dirs(history) != 0)
        warn_errno("cannot create the directory for '%s'", history);
    ui_history_open(s->ui.tty_in ? history : NULL);
    free(history);
    s->started_ms = (long)clock_ms();
    while (session_current(&s->session) && study_card(s))
        ;
    ui_history_close();
    summary(s, f);
}

int cmd_study(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"deck", required_argument, 0, 'd'},
                                         {"tag", required_argument, 0, 't'},
                                         {"new", required_argument, 0, 'n'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    long limit = app->config.new_per_day;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:n:", opts, NULL)) != -1) {
        if (c == 'd' || c == 't')
            filter_add(&fa, c == 't', optarg);
        else if (c == 'n')
            limit = parse_count("--new", optarg, 1000);
        else
            return usage(study_usage, c == 'h');
    }
    if (optind != argc)
        return usage(study_usage, false);
    struct study s;
    memset(&s, 0, sizeof s);
    s.app = app;
    s.st = app_open(app, true);
    filter_check(s.st, &fa);
    ui_init(&s.ui);
    session_init(&s.session, collection_scheduler(), app->today);
    fill_queue(&s, &fa.f, limit);
    if (session_current(&s.session) == NULL)
        say_nothing_due(&s, &fa.f);
    else
        run_session(&s, &fa.f);
    session_free(&s.session);
    app_close(app, s.st);
    filter_free(&fa);
    /* Killed by a signal at a prompt: report it the way shells expect. */
    return ui_signal() ? 128 + ui_signal() : EXIT_OK;
}
