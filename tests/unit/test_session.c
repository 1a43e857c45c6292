/* test_session.c: the study queue: order, same-day repetition, undo of
 * every action, and the counts a person sees. */
#include "check.h"
#include "rehearse/session.h"

static void add(struct session *s, int64_t id, int reps, int interval, long due)
{
    struct session_card c = {
        id, {.sm2 = {reps, interval, 250, 0}}, due, false, false, false};
    session_add(s, &c);
}

static int64_t current(const struct session *s)
{
    const struct session_card *c = session_current(s);
    return c ? c->id : -1;
}

int main(void)
{
    struct session s;
    session_init(&s, scheduler_sm2(), 100);
    add(&s, 1, 2, 6, 95);
    add(&s, 2, 0, 0, -1);
    add(&s, 3, 0, 0, -1);

    check_case = "order is kept";
    CHECK_INT(current(&s), 1);
    CHECK_INT(session_left(&s), 3);

    check_case = "grade 5 moves the schedule and leaves the queue";
    struct session_step *st = session_grade(&s, 5);
    CHECK(st->moves);
    CHECK(!st->requeued);
    CHECK_INT(st->after.sm2.interval, 15);
    CHECK_INT(st->due_after, 115);
    CHECK_INT(current(&s), 2);

    check_case = "grade 3 moves the schedule, then repeats the same day";
    st = session_grade(&s, 3);
    CHECK(st->moves && st->requeued);
    CHECK_INT(st->after.sm2.interval, 1);
    CHECK_INT(st->due_after, 101);
    CHECK_INT(current(&s), 3);
    CHECK_INT(session_left(&s), 2);

    check_case = "grade 1 on a new card";
    st = session_grade(&s, 1);
    CHECK(st->moves && st->requeued);
    CHECK_INT(current(&s), 2);

    check_case = "a repeat graded 2 does not move the schedule";
    st = session_grade(&s, 2);
    CHECK(!st->moves);
    CHECK(st->requeued);
    CHECK_INT(st->after.sm2.ef, 236); /* as set by the first grade, 3 */
    CHECK_INT(current(&s), 3);

    check_case = "undo brings the card back with its earlier state";
    struct session_step undone;
    CHECK(session_undo(&s, &undone));
    CHECK_INT(undone.card.id, 2);
    CHECK(!undone.moves);
    CHECK_INT(current(&s), 2);
    CHECK_INT(session_left(&s), 2);

    check_case = "repeats end with a 4";
    st = session_grade(&s, 4);
    CHECK(!st->moves && !st->requeued);
    st = session_grade(&s, 5);
    CHECK(!st->moves && !st->requeued);
    CHECK_INT(current(&s), -1);
    CHECK_INT(session_left(&s), 0);

    check_case = "undo past the end restores the previous grade";
    CHECK(session_undo(&s, &undone));
    CHECK_INT(undone.card.id, 3);
    CHECK_INT(current(&s), 3);
    CHECK(session_undo(&s, &undone));
    CHECK(session_undo(&s, &undone));
    CHECK(session_undo(&s, &undone));
    CHECK_INT(undone.card.id, 2);
    CHECK(undone.moves);
    CHECK_INT(undone.card.state.sm2.interval, 0);
    CHECK_INT(undone.card.due, -1);
    CHECK(session_undo(&s, &undone));
    CHECK_INT(undone.card.id, 1);
    CHECK_INT(undone.card.due, 95);
    CHECK(!session_undo(&s, &undone));
    CHECK_INT(session_left(&s), 3);
    CHECK_INT(current(&s), 1);

    check_case = "drop skips without grading";
    session_drop(&s, SESSION_SKIP);
    CHECK_INT(current(&s), 2);

    check_case = "a skip and a suspension are undone like grades";
    session_drop(&s, SESSION_SUSPEND);
    CHECK_INT(current(&s), 3);
    CHECK(session_undo(&s, &undone));
    CHECK_INT(undone.action, SESSION_SUSPEND);
    CHECK_INT(undone.card.id, 2);
    CHECK_INT(current(&s), 2);
    CHECK(session_undo(&s, &undone));
    CHECK_INT(undone.action, SESSION_SKIP);
    CHECK_INT(current(&s), 1);
    CHECK_INT(session_left(&s), 3);
    CHECK(!session_undo(&s, &undone));
    session_free(&s);

    check_case = "counts: done, left, again later, reviewed once each";
    struct session_counts n;
    session_init(&s, scheduler_sm2(), 100);
    add(&s, 1, 0, 0, -1);
    add(&s, 2, 0, 0, -1);
    add(&s, 3, 0, 0, -1);
    session_count(&s, &n);
    CHECK_INT(n.done, 0);
    CHECK_INT(n.left, 3);
    CHECK_INT(n.again, 0);
    session_grade(&s, 2); /* card 1 comes back */
    session_grade(&s, 5);
    session_count(&s, &n);
    CHECK_INT(n.done, 1);
    CHECK_INT(n.left, 1);
    CHECK_INT(n.again, 1);
    CHECK_INT(n.reviewed, 2);
    CHECK_INT(n.correct, 1);
    session_drop(&s, SESSION_SKIP);
    session_grade(&s, 4); /* card 1 again: done, not reviewed twice */
    session_count(&s, &n);
    CHECK_INT(n.done, 2);
    CHECK_INT(n.left + n.again, 0);
    CHECK_INT(n.reviewed, 2);
    session_free(&s);

    check_case = "put_front shows the card next, once";
    session_init(&s, scheduler_sm2(), 100);
    add(&s, 1, 0, 0, -1);
    add(&s, 2, 0, 0, -1);
    struct session_card back = {2, {.sm2 = {1, 1, 250, 0}}, 101, false, false, false};
    session_put_front(&s, &back);
    CHECK_INT(current(&s), 2);
    CHECK_INT(session_current(&s)->due, 101);
    CHECK_INT(session_left(&s), 2);
    session_grade(&s, 5);
    CHECK_INT(current(&s), 1);
    session_grade(&s, 5);
    CHECK_INT(current(&s), -1);
    session_free(&s);
    return check_report("test_session");
}
