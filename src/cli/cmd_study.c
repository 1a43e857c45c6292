/* cmd_study.c: `rehearse study`, the daily session.
 *
 * Wires the pure session queue (which grades through the scheduler) to
 * the store and the terminal.  Every grade is committed (store_record)
 * before the next card is shown, so quitting, a crash or a closed
 * terminal loses at most the answer being typed. */
#include "rehearse/answer.h"
#include "rehearse/clock.h"
#include "rehearse/cmd.h"
#include "rehearse/keypoints.h"
#include "rehearse/listing.h"
#include "rehearse/paths.h"
#include "rehearse/render.h"
#include "rehearse/schedule.h"
#include "rehearse/session.h"
#include "rehearse/study_queue.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char study_usage[] =
    "usage: rehearse study [--deck ID]... [--tag TAG]... [--new N] "
    "[--no-plan]\n"
    "\n"
    "Today's session: due reviews (most overdue first), cards failed\n"
    "earlier today, then up to N new cards (default 10, or new_per_day in\n"
    "the config file), decks interleaved.  While a goal is set (rehearse\n"
    "plan), the new cards are the plan's quota from its selection, and in\n"
    "its last three days a final pass follows.  Type an answer (or press\n"
    "Enter) to see the reference answer, then grade yourself 0-5.\n"
    "\n"
    "  --deck ID   only cards of this deck (repeatable; with a plan, the\n"
    "              plan's cards in this deck)\n"
    "  --tag TAG   only cards with this tag (repeatable)\n"
    "  --new N     N new cards in this session, whatever was studied\n"
    "              earlier today\n"
    "  --no-plan   a plain session, as if no goal were set\n"
    "\n"
    "At any prompt: :quit :undo :suspend :skip :help (Tab completes);\n"
    "once the reference answer is shown, :note edits your note on the\n"
    "card.  An answer may take several lines: an empty line ends it.\n";

/* The grades, laid out as wide as the terminal allows: on two lines at
 * 80 columns, one grade a line at 40. */
static const char *const grade_legend[] = {
    "5 perfect",
    "4 right, after hesitating",
    "3 right, with difficulty",
    "2 wrong, but easy once seen",
    "1 wrong, remembered once seen",
    "0 blackout",
};

static void print_legend(const struct ui *ui)
{
    int width = ui_width(ui), column = 0;
    for (size_t i = 0; i < sizeof grade_legend / sizeof *grade_legend; i++) {
        int n = (int)strlen(grade_legend[i]);
        if (column > 0 && column + 3 + n > width) {
            putchar('\n');
            column = 0;
        }
        printf("%s%s", column ? "   " : "  ", grade_legend[i]);
        column += (column ? 3 : 2) + n;
    }
    putchar('\n');
}

static const char session_help[] =
    "  :quit     stop now (every grade so far is saved)\n"
    "  :undo     take back the last grade, skip or suspension (also\n"
    "            today's last grade from an earlier session)\n"
    "  :suspend  never show this card again (rehearse unsuspend undoes)\n"
    "  :skip     leave this card for another day\n"
    "  :flag     mark this card to look at later, or unmark it\n"
    "            (rehearse cards --flagged lists them)\n"
    "  :note     your note on this card, in $VISUAL or $EDITOR (once the\n"
    "            reference answer is shown)\n"
    "  :more     the card's follow-up questions and their answers (once\n"
    "            the reference answer is shown)\n"
    "  :help     this list\n" ANSWER_RULE_HELP;

struct study {
    struct app *app;
    struct store *st;
    struct ui ui;
    struct session session;
    struct collection_model model; /* what grades: both SM-2 and FSRS */
    const struct filter *filter;
    long started_ms;
    struct study_options options;
    struct study_queue queue;
};

/* Why no more new cards come: the limit, or there are none. */
static void say_new_cards(const struct study *s)
{
    const struct filter *f = s->filter;
    const struct study_queue *q = &s->queue;
    if (q->new_behind <= 0)
        printf("No new cards are left in %s.\n",
               q->plan                 ? "the plan's selection"
               : f->ndecks || f->ntags ? "the selected decks"
                                       : "your decks");
    else if (s->options.new_option)
        printf("No more new cards this session: --new %ld is reached "
               "(%ld more waiting).\n",
               s->options.new_limit, q->new_behind);
    else if (q->plan)
        printf("No more new cards today: the plan's quota is reached (%ld "
               "more to come on later days; --new N studies N more).\n",
               q->new_behind);
    else
        printf("No more new cards today: the daily limit is reached "
               "(new_per_day = %ld; %ld more waiting, "
               "--new N studies N more).\n",
               (long)s->app->config.new_per_day, q->new_behind);
}

/* The reviews reviews_per_day left for later: said, never hidden. */
static void say_reviews_cut(const struct study *s)
{
    if (s->queue.reviews_cut > 0)
        printf("%ld more due review%s wait%s for another day "
               "(reviews_per_day = %d; the most overdue come first).\n",
               s->queue.reviews_cut, s->queue.reviews_cut == 1 ? "" : "s",
               s->queue.reviews_cut == 1 ? "s" : "",
               s->app->config.reviews_per_day);
}

/* A session that follows a goal says so first, and whether it is on
 * track. */
static void say_plan(const struct study *s)
{
    const struct plan_report *r = &s->queue.report;
    char date[11];
    if (!s->queue.plan)
        return;
    clock_format_day(r->goal.day, date);
    printf("Plan: an interview on %s, in %ld day%s; today %ld new card%s", date,
           r->day.days_left, r->day.days_left == 1 ? "" : "s",
           s->queue.new_queued, s->queue.new_queued == 1 ? "" : "s");
    if (r->day.final_phase)
        printf(" and %ld of the final pass", s->queue.final_queued);
    puts(r->day.on_track
             ? "."
             : ".\nNot on track at this budget: rehearse plan says what "
               "would meet it.");
}

static void show_question(const struct study *s, const struct card_view *v)
{
    struct session_counts n;
    session_count(&s->session, &n);
    struct strbuf head;
    sb_init(&head);
    sb_addf(&head, "\n[%zu done, %zu left", n.done, n.left);
    if (n.again)
        sb_addf(&head, ", %zu again later", n.again);
    sb_adds(&head, "] ");
    add_card_name(&head, v->deck, v->id);
    sb_addc(&head, '\n');
    ui_styled(&s->ui, UI_DIM, head.buf);
    sb_reset(&head);
    sb_adds(&head, "**");
    sb_adds(&head, v->question);
    sb_adds(&head, "**");
    ui_markdown(&s->ui, head.buf, 2);
    sb_free(&head);
    const struct session_card *c = session_current(&s->session);
    if (c->state.sm2.lapses >= s->app->config.leech_threshold)
        printf("  (a leech: forgotten %d times. A note in your own words, or "
               ":suspend, may serve you better than another round.)\n",
               c->state.sm2.lapses);
}

enum action {
    ACT_TEXT,
    ACT_QUIT,
    ACT_UNDO,
    ACT_SUSPEND,
    ACT_SKIP,
    ACT_FLAG,
    ACT_HELP,
    ACT_NOTE,
    ACT_MORE,
    ACT_UNKNOWN
};

/* A line is a command when, spaces aside, it is ':' and one word of
 * letters (or ":?"); anything else, ":= in Python" say, is an answer. */
static bool looks_like_command(const char *word, size_t n)
{
    if (n < 2 || word[0] != ':')
        return false;
    for (size_t i = 1; i < n; i++)
        if (!(isalpha((unsigned char)word[i]) || word[i] == '?'))
            return false;
    return true;
}

static enum action classify(const char *line)
{
    static const struct {
        const char *word;
        enum action act;
    } words[] = {{":quit", ACT_QUIT}, {":q", ACT_QUIT},
                 {":undo", ACT_UNDO}, {":suspend", ACT_SUSPEND},
                 {":skip", ACT_SKIP}, {":flag", ACT_FLAG},
                 {":help", ACT_HELP}, {":note", ACT_NOTE},
                 {":more", ACT_MORE}, {":?", ACT_HELP}};
    line += strspn(line, " \t");
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    if (!looks_like_command(line, n))
        return ACT_TEXT;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == n && memcmp(line, words[i].word, n) == 0)
            return words[i].act;
    return ACT_UNKNOWN;
}

/* Reads a line; EOF, Ctrl-C at an empty line and signals become :quit.
 * :help and unknown commands are answered here.  *line may be NULL. */
static enum action ask(struct study *s, const char *prompt, char **line)
{
    for (;;) {
        enum ui_read r = ui_prompt(&s->ui, prompt, line);
        if (r != UI_LINE)
            return ACT_QUIT;
        enum action a = classify(*line);
        if (a == ACT_HELP)
            fputs(session_help, stdout);
        else if (a == ACT_UNKNOWN) {
            const char *word = *line + strspn(*line, " \t");
            printf("  unknown command '%.*s' (try :help)\n",
                   (int)strcspn(word, " \t"), word);
        } else
            return a;
        free(*line);
        *line = NULL;
    }
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

/* Today's live grades from the log, oldest first: what a new session can
 * still take back. */
struct today_log {
    long day;
    struct review *rows;
    size_t n, cap;
};

static int collect_today(void *ctx, const struct review *r)
{
    struct today_log *log = ctx;
    if (r->day != log->day)
        return 0;
    if (r->kind == REVIEW_GRADE || r->kind == REVIEW_REPEAT ||
        r->kind == REVIEW_FINAL) {
        log->rows = xgrow(log->rows, &log->cap, log->n + 1, sizeof *log->rows);
        log->rows[log->n++] = *r;
        return 0;
    }
    if (r->kind != REVIEW_UNDO)
        return 0; /* an interview's bring-forward is not a session's */
    for (size_t i = log->n; i-- > 0;)
        if (log->rows[i].id == r->undoes) {
            memmove(&log->rows[i], &log->rows[i + 1],
                    (log->n - i - 1) * sizeof *log->rows);
            log->n--;
            break;
        }
    return 0;
}

/* Takes back the last grade logged today by an earlier session: an undo
 * review in the log, and the card back at the front of the queue with the
 * schedule it had.  Returns false when today has no grade left. */
static bool undo_from_log(struct study *s)
{
    struct today_log log = {.day = s->app->today};
    if (store_each_review_on(s->st, s->app->today, collect_today, &log))
        die(EXIT_FAIL, "cannot undo: %s", store_error(s->st));
    if (log.n == 0)
        return false;
    const struct review *last = &log.rows[log.n - 1];
    struct review r = {.card = last->card,
                       .kind = REVIEW_UNDO,
                       .grade = -1,
                       .at = clock_now(),
                       .day = s->app->today,
                       .before = last->after,
                       .after = last->before,
                       .due_before = last->due_after,
                       .due_after = last->due_before,
                       .undoes = last->id,
                       .fsrs_before = last->fsrs_after,
                       .fsrs_after = last->fsrs_before};
    bool final = last->kind == REVIEW_FINAL;
    free(log.rows);
    int64_t id;
    struct queued_card q;
    bool moved;
    if (store_record(s->st, &r, NULL, &id) ||
        store_card_state(s->st, r.card, &q) ||
        store_reviewed_on(s->st, r.card, s->app->today, &moved))
        die(EXIT_FAIL, "cannot undo: %s", store_error(s->st));
    struct session_card c = session_card_of(&q, moved);
    /* A final pass's card comes back as one; the undone grade's kind says
     * so whichever model sets due days (SM-2's due day would not). */
    c.early = !moved && final;
    session_put_front(&s->session, &c);
    return true;
}

/* :undo: the session's last step, else today's last grade in the log. */
static void undo(struct study *s)
{
    struct session_step step;
    if (!session_undo(&s->session, &step)) {
        if (undo_from_log(s))
            puts("  undone: today's last grade, from an earlier session; "
                 "the card is back with its previous schedule");
        else
            puts("  nothing to undo");
        return;
    }
    if (step.action == SESSION_SKIP) {
        puts("  undone: the skipped card is back");
        return;
    }
    if (step.action == SESSION_SUSPEND) {
        if (store_set_suspended(s->st, step.card.id, false))
            die(EXIT_FAIL, "cannot undo: %s", store_error(s->st));
        puts("  undone: the card is no longer suspended");
        return;
    }
    struct review r = review_of_undo(&step, s->app->today, clock_now());
    int64_t id;
    if (store_record(s->st, &r, NULL, &id))
        die(EXIT_FAIL, "cannot undo: %s", store_error(s->st));
    puts("  undone: the card is back with its previous schedule");
}

static void suspend(struct study *s)
{
    const struct session_card *c = session_current(&s->session);
    if (store_set_suspended(s->st, c->id, true))
        die(EXIT_FAIL, "%s", store_error(s->st));
    session_drop(&s->session, SESSION_SUSPEND);
    puts("  suspended (:undo takes it back)");
}

/* :flag: marks the card for later, or takes the mark off; the card stays
 * in the session. */
static void flag(struct study *s)
{
    const struct session_card *c = session_current(&s->session);
    bool on;
    if (store_toggle_flag(s->st, c->id, &on))
        die(EXIT_FAIL, "%s", store_error(s->st));
    puts(on ? "  flagged (rehearse cards --flagged lists it; :flag again "
              "takes the mark off)"
            : "  flag taken off");
}

/* When the card comes back: "again later today", "next tomorrow, Jun 2",
 * "next in 6 days, Jun 7" (with the year when it is not this one). */
static void say_next(const struct study *s, const struct session_step *step)
{
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};
    long today = s->app->today, days = step->due_after - today;
    if (step->requeued || days <= 0) {
        puts("  again later today");
        return;
    }
    int y, m, d, this_year, mm, dd;
    civil_from_days(step->due_after, &y, &m, &d);
    civil_from_days(today, &this_year, &mm, &dd);
    if (days == 1)
        printf("  next tomorrow, %s %d", months[m - 1], d);
    else
        printf("  next in %ld days, %s %d", days, months[m - 1], d);
    if (y != this_year)
        printf(" %d", y);
    putchar('\n');
}

/* Asks for a grade until one is given.  Returns the action taken, with
 * ACT_TEXT meaning *grade is set. */
static enum action ask_grade(struct study *s, const struct card_view *v,
                             int *grade)
{
    for (;;) {
        char *line = NULL;
        enum action a = ask(s, "grade 0-5> ", &line);
        *grade = a == ACT_TEXT ? parse_grade_line(line) : -1;
        free(line);
        if (a == ACT_NOTE) {
            note_at_prompt(&s->ui, s->st, v, session_current(&s->session)->id,
                           s->app->now);
            continue;
        }
        if (a == ACT_MORE) {
            follow_ups_show(&s->ui, s->st, session_current(&s->session)->id);
            continue;
        }
        if (a != ACT_TEXT || *grade >= 0)
            return a;
        print_legend(&s->ui);
    }
}

/* For a typed answer: the grade its key-point coverage suggests (a
 * hint; the user's grade decides). */
static void suggest_grade(const struct card_view *v, const char *typed)
{
    int total = 0, covered = 0;
    if (typed == NULL || *typed == '\0')
        return;
    free(keypoints_coverage(v->keys, typed, &total, &covered, NULL));
    int hint = keypoints_suggest_grade(covered, total);
    if (hint >= 0)
        printf("  Suggested grade: %d (%d of %d key points); yours "
               "decides.\n",
               hint, covered, total);
}

/* Shows the reference answer and asks for a grade; a grade moves the
 * session on and is committed with the typed answer.  Returns the action
 * taken, ACT_TEXT for a grade. */
static enum action grade_card(struct study *s, const struct card_view *v,
                              const char *typed, long long shown)
{
    int64_t card = session_current(&s->session)->id;
    show_reference(&s->ui, s->st, card, v, 6);
    follow_ups_hint(s->st, card);
    suggest_grade(v, typed);
    print_legend(&s->ui);
    int grade;
    enum action a = ask_grade(s, v, &grade);
    if (a != ACT_TEXT)
        return a;
    struct session_step *step = session_grade(&s->session, grade);
    record(s, step, (long)(clock_ms() - shown), v, typed, &step->review_id);
    say_next(s, step);
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
        session_drop(&s->session, SESSION_SKIP);
        puts("  skipped (:undo takes it back)");
        break;
    case ACT_FLAG:
        flag(s);
        break;
    default:
        break;
    }
    return true;
}

/* The typed answer, by the rule both sessions share (answer.h): lines
 * until an empty one; a command acts at once. */
static enum action ask_answer(struct study *s, struct strbuf *typed)
{
    for (;;) {
        char *line = NULL;
        enum action a = ask(s, typed->len ? "     ...> " : "answer> ", &line);
        bool done = a != ACT_TEXT || answer_line(typed, line);
        free(line);
        if (a == ACT_NOTE || a == ACT_MORE)
            printf("  %s works once the reference answer is shown\n",
                   a == ACT_NOTE ? ":note" : ":more");
        else if (done)
            return a;
    }
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
    struct strbuf typed;
    sb_init(&typed);
    enum action a = ask_answer(s, &typed);
    if (a == ACT_TEXT)
        a = grade_card(s, &v, typed.buf, shown);
    sb_free(&typed);
    card_view_free(&v);
    return act(s, a);
}

static void say_nothing_due(struct study *s)
{
    long next;
    char date[11];
    if (store_next_due(s->st, s->app->today, s->filter, &next))
        die(EXIT_FAIL, "%s", store_error(s->st));
    if (next < 0 && s->queue.new_behind <= 0) {
        puts("Nothing to study: no cards are due and no new cards are "
             "left.");
        return;
    }
    if (next < 0) {
        puts("Nothing due today.");
    } else {
        clock_format_day(next, date);
        printf("Nothing due today. The next card is due on %s (in %ld "
               "day%s).\n",
               date, next - s->app->today,
               next - s->app->today == 1 ? "" : "s");
    }
    say_new_cards(s);
}

/* Counts what a person would: cards reviewed (each once, a percentage
 * only when there are some), cards still to come back today. */
static void summary(struct study *s)
{
    long tomorrow = 0;
    if (store_count_due(s->st, s->app->today + 1, s->filter, &tomorrow))
        die(EXIT_FAIL, "%s", store_error(s->st));
    struct session_counts n;
    session_count(&s->session, &n);
    long secs = (long)((clock_ms() - s->started_ms) / 1000);
    if (n.reviewed == 0)
        fputs("\nNo cards reviewed.", stdout);
    else
        printf("\nReviewed %zu card%s, %zu%% correct, in %ldm%02lds.",
               n.reviewed, n.reviewed == 1 ? "" : "s",
               n.correct * 100 / n.reviewed, secs / 60, secs % 60);
    if (n.again)
        printf(" %zu card%s again later today.", n.again,
               n.again == 1 ? "" : "s");
    printf(" Due tomorrow: %ld.\n", tomorrow);
    if (session_current(&s->session) == NULL) {
        puts("Today's queue is done.");
        say_new_cards(s);
    }
}

/* Studies the queue to its end or :quit, with readline history when the
 * input is a terminal, then sums up. */
static void run_session(struct study *s)
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
    summary(s);
}

int cmd_study(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {
        {"deck", required_argument, 0, 'd'}, {"tag", required_argument, 0, 't'},
        {"new", required_argument, 0, 'n'},  {"no-plan", no_argument, 0, 'P'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0}};
    struct filter_args fa = {{0}, 0, 0};
    struct study s;
    memset(&s, 0, sizeof s);
    s.options.new_limit = app->config.new_per_day;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:n:", opts, NULL)) != -1) {
        if (c == 'd' || c == 't')
            filter_add(&fa, c == 't', optarg);
        else if (c == 'n')
            s.options.new_limit = parse_count("--new", optarg, 1000),
            s.options.new_option = true;
        else if (c == 'P')
            s.options.no_plan = true;
        else
            return usage(study_usage, c == 'h');
    }
    if (optind != argc)
        return usage(study_usage, false);
    s.app = app;
    s.filter = &fa.f;
    s.options.filter = &fa.f;
    s.st = app_open(app, true);
    filter_check(s.st, &fa);
    ui_init(&s.ui);
    session_init(&s.session, collection_scheduler(s.st, &s.model), app->today);
    struct error err;
    if (study_queue_fill(s.st, &app->config, app->today, &s.options, &s.session,
                         &s.queue, &err))
        exit(report_error(&err));
    say_plan(&s);
    say_reviews_cut(&s);
    if (session_current(&s.session) == NULL)
        say_nothing_due(&s);
    else
        run_session(&s);
    study_queue_free(&s.queue);
    session_free(&s.session);
    app_close(app, s.st);
    filter_free(&fa);
    /* Ended by SIGTERM or SIGHUP: report it the way shells expect (a
     * session the user ended, with Ctrl-C, Ctrl-D or :quit, exits 0). */
    return ui_signal() ? 128 + ui_signal() : EXIT_OK;
}
