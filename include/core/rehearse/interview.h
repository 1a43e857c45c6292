/* interview.h: choosing the questions of a mock interview.
 *
 * Pure.  An interviewer mixes topics and probes weak spots, so the pick
 * rotates through the topics (decks) in a shuffled order and, within a
 * topic, draws cards at random with weights favouring low E-factors,
 * lapses, slow answers and cards never seen.  No card is drawn twice. */
#ifndef REHEARSE_INTERVIEW_H
#define REHEARSE_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct candidate {
    int64_t id;
    const char *topic; /* deck id; owned by the caller */
    int ef;            /* hundredths */
    int lapses;
    bool seen;   /* reviewed at least once */
    long avg_ms; /* mean answer time so far, 0 if unknown */
};

/* The weight of a card: 1, plus up to 6 for a low E-factor, 2 per lapse
 * (at most 6), 2 if never seen, 2 if answers run past the target. */
double interview_weight(const struct candidate *c, long target_ms);

/* Picks up to n distinct candidates; writes their indexes to picked in
 * order of asking and returns how many.  The same seed gives the same
 * interview. */
size_t interview_pick(const struct candidate *cands, size_t count, size_t n,
                      long target_ms, uint64_t seed, size_t *picked);

/* A grade to suggest for an interview answer: keypoints_suggest_grade's
 * for the key points covered, one lower when the answer took more than
 * the target time and more than twice as long (a slow answer is a
 * hesitant one), never below 0; -1 when the card has no key points. */
int interview_suggest_grade(int covered, int total, long ms, long target_ms);

#endif
