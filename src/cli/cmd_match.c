/* cmd_match.c: `rehearse match DECK/CARD [--json]`, a typed answer (on
 * stdin) against a card's key points, for deck authors trying their Keys
 * lines and for measuring the matcher (tests/e2e/match.sh). */
#include "rehearse/cmd.h"
#include "rehearse/keypoints.h"
#include "rehearse/listing.h"
#include "rehearse/render.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ANSWER_MAX = 64 * 1024 }; /* bytes of typed answer read */

static const char match_usage[] =
    "usage: rehearse match [--json] DECK/CARD < ANSWER\n"
    "\n"
    "Reads a typed answer on standard input until end of file and shows\n"
    "each key point of the card as covered or missed, with the words of\n"
    "the answer that matched, and the grade the coverage suggests (all\n"
    "covered 5, at least 3/4 4, at least half 3, any 2, none 1).  --json\n"
    "prints one JSON object instead.  Exit status 0, 1 when the card is\n"
    "not found or the answer is over 64 KiB, 2 on bad usage.\n";

/* Reads all of stdin (at most ANSWER_MAX bytes) as valid UTF-8. */
static char *read_answer(void)
{
    char *buf = xmalloc(ANSWER_MAX + 1);
    size_t n = fread(buf, 1, ANSWER_MAX + 1, stdin);
    if (ferror(stdin))
        die(EXIT_FAIL, "cannot read the answer from standard input");
    if (n > ANSWER_MAX)
        die(EXIT_FAIL, "the answer is over %d bytes", ANSWER_MAX);
    char *answer = utf8_repair(buf, n);
    free(buf);
    return answer;
}

static void print_json(const char *ref, char **keys, size_t n,
                       const struct keypoint_hit *hits, int covered)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_adds(&sb, "{\"card\": ");
    sb_add_json(&sb, ref);
    sb_adds(&sb, ", \"keys\": [");
    for (size_t i = 0; i < n; i++) {
        sb_adds(&sb, i ? ", {\"text\": " : "{\"text\": ");
        sb_add_json(&sb, keys[i]);
        sb_addf(&sb, ", \"covered\": %s, \"matched\": [",
                hits[i].covered ? "true" : "false");
        for (size_t j = 0; j < hits[i].nmatched; j++) {
            sb_adds(&sb, j ? ", " : "");
            sb_add_json(&sb, hits[i].matched[j]);
        }
        sb_adds(&sb, "]}");
    }
    sb_addf(&sb, "], \"covered\": %d, \"total\": %zu, \"suggested_grade\": %d}",
            covered, n, keypoints_suggest_grade(covered, (int)n));
    puts(sb.buf);
    sb_free(&sb);
}

static void print_text(const char *ref, char **keys, size_t n,
                       const struct keypoint_hit *hits, int covered)
{
    struct strbuf safe;
    sb_init(&safe);
    printf("%s\n", safe_text(&safe, ref));
    for (size_t i = 0; i < n; i++) {
        printf("  %s %s", hits[i].covered ? "[covered]" : "[missed] ",
               safe_text(&safe, keys[i]));
        for (size_t j = 0; j < hits[i].nmatched; j++)
            printf("%s%s", j ? ", " : "  (matched: ",
                   safe_text(&safe, hits[i].matched[j]));
        puts(hits[i].nmatched ? ")" : "");
    }
    int grade = keypoints_suggest_grade(covered, (int)n);
    if (grade < 0)
        printf("no key points: no grade to suggest\n");
    else
        printf("%d of %zu key points covered; suggested grade %d\n", covered, n,
               grade);
    sb_free(&safe);
}

int cmd_match(int argc, char **argv, struct app *app)
{
    bool json = false;
    int rc = parse_json_only(argc, argv, match_usage, &json);
    if (rc >= 0)
        return rc;
    if (optind + 1 != argc)
        return usage(match_usage, false);
    struct store *st = app_open(app, true);
    int64_t card;
    struct card_view v;
    if (store_find_card(st, argv[optind], &card) ||
        store_card_view(st, card, &v)) {
        warnx("%s", store_error(st));
        app_close(app, st);
        return EXIT_FAIL;
    }
    char *ref = xasprintf("%s/%s", v.deck, v.id), *answer = read_answer();
    size_t n;
    char **keys = keypoints_split(v.keys, &n);
    struct keypoint_hit *hits = xcalloc(n ? n : 1, sizeof *hits);
    int covered = keypoints_explain(answer, keys, n, hits);
    (json ? print_json : print_text)(ref, keys, n, hits, covered);
    keypoints_hits_free(hits, n);
    free(hits);
    keypoints_free(keys, n);
    free(answer);
    free(ref);
    card_view_free(&v);
    app_close(app, st);
    return EXIT_OK;
}
