/* interview.c: weighted, topic-rotating question choice.  See
 * interview.h. */
#include "rehearse/interview.h"
#include "rehearse/keypoints.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

static double uniform(uint64_t *state)
{
    return (double)(splitmix64(state) >> 11) / 9007199254740992.0;
}

double interview_weight(const struct candidate *c, long target_ms)
{
    double w = 1.0;
    if (c->ef < 250)
        w += (250 - c->ef) / 20.0; /* 1.3 adds 6 */
    w += c->lapses > 3 ? 6 : 2 * c->lapses;
    if (!c->seen)
        w += 2;
    if (target_ms > 0 && c->avg_ms > target_ms)
        w += 2;
    return w;
}

struct topic {
    const char *name;
    size_t *cards; /* indexes of not-yet-picked candidates */
    size_t count, cap;
};

static struct topic *topic_for(struct topic **topics, size_t *n, size_t *cap,
                               const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*topics)[i].name, name) == 0)
            return &(*topics)[i];
    *topics = xgrow(*topics, cap, *n + 1, sizeof **topics);
    struct topic *t = &(*topics)[(*n)++];
    memset(t, 0, sizeof *t);
    t->name = name;
    return t;
}

/* Draws one card of the topic by weight and removes it. */
static size_t draw(struct topic *t, const struct candidate *cands,
                   long target_ms, uint64_t *rng)
{
    double total = 0;
    for (size_t i = 0; i < t->count; i++)
        total += interview_weight(&cands[t->cards[i]], target_ms);
    double x = uniform(rng) * total;
    size_t k = 0;
    for (; k + 1 < t->count; k++) {
        x -= interview_weight(&cands[t->cards[k]], target_ms);
        if (x < 0)
            break;
    }
    size_t chosen = t->cards[k];
    t->cards[k] = t->cards[--t->count];
    return chosen;
}

size_t interview_pick(const struct candidate *cands, size_t count, size_t n,
                      long target_ms, uint64_t seed, size_t *picked)
{
    struct topic *topics = NULL;
    size_t ntopics = 0, cap = 0, got = 0;
    uint64_t rng = seed;
    for (size_t i = 0; i < count; i++) {
        struct topic *t = topic_for(&topics, &ntopics, &cap, cands[i].topic);
        t->cards = xgrow(t->cards, &t->cap, t->count + 1, sizeof *t->cards);
        t->cards[t->count++] = i;
    }
    for (size_t i = ntopics; i > 1; i--) { /* Fisher-Yates */
        size_t j = (size_t)(splitmix64(&rng) % i);
        struct topic tmp = topics[i - 1];
        topics[i - 1] = topics[j];
        topics[j] = tmp;
    }
    for (bool any = true; any && got < n;) {
        any = false;
        for (size_t i = 0; i < ntopics && got < n; i++) {
            if (topics[i].count == 0)
                continue;
            picked[got++] = draw(&topics[i], cands, target_ms, &rng);
            any = true;
        }
    }
    for (size_t i = 0; i < ntopics; i++)
        free(topics[i].cards);
    free(topics);
    return got;
}

int interview_suggest_grade(int covered, int total, long ms, long target_ms)
{
    int grade = keypoints_suggest_grade(covered, total);
    if (grade < 0)
        return -1;
    if (target_ms > 0 && ms > target_ms)
        grade--;
    if (target_ms > 0 && ms > 2 * target_ms)
        grade--;
    return grade < 0 ? 0 : grade;
}
