/* replay_check.c: replays the review log of the collection named on the
 * command line and compares every card's stored schedule with the replay.
 * tests/e2e/replay.sh runs it after a scripted 30-day history made by the
 * real binary.  Exit 0 when every card matches. */
#include "rehearse/replay.h"
#include "rehearse/schedule.h"

#include <stdio.h>
#include <string.h>

static void show(void *ctx, const struct replay_mismatch *m)
{
    (void)ctx;
    fprintf(stderr,
            "card %lld: stored reps %d interval %d ef %d lapses %d due %ld, "
            "replayed reps %d interval %d ef %d lapses %d due %ld\n",
            (long long)m->card, m->stored.sm2.reps, m->stored.sm2.interval,
            m->stored.sm2.ef, m->stored.sm2.lapses, m->stored_due,
            m->replayed.sm2.reps, m->replayed.sm2.interval, m->replayed.sm2.ef,
            m->replayed.sm2.lapses, m->replayed_due);
    fprintf(stderr,
            "card %lld: stored FSRS S %.12g D %.12g day %ld due %ld, "
            "replayed S %.12g D %.12g day %ld due %ld\n",
            (long long)m->card, m->stored.fsrs.memory.stability,
            m->stored.fsrs.memory.difficulty, m->stored.fsrs.last_day,
            m->stored.fsrs.due, m->replayed.fsrs.memory.stability,
            m->replayed.fsrs.memory.difficulty, m->replayed.fsrs.last_day,
            m->replayed.fsrs.due);
}

int main(int argc, char **argv)
{
    char msg[512];
    struct store *st;
    struct replay_totals t;
    struct error err;
    if (argc != 2 && !(argc == 3 && strcmp(argv[2], "--fuzz") == 0)) {
        fprintf(stderr, "usage: replay_check COLLECTION [--fuzz]\n");
        return 2;
    }
    if (store_open(argv[1], &st, msg, sizeof msg) != STORE_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], msg);
        return 1;
    }
    struct config c;
    struct collection_model model;
    config_defaults(&c);
    c.fuzz = argc == 3; /* as the config said when the grades were made */
    if (collection_use_model(st, &c, &err)) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        return 1;
    }
    int rc = replay_check(st, collection_scheduler(st, &model), show, NULL, &t,
                          &err);
    store_close(st);
    if (rc) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("%ld cards, %ld reviews replayed, %ld differ\n", t.cards, t.reviews,
           t.mismatched);
    return t.mismatched ? 1 : 0;
}
