/* test_plan.c: the plan's arithmetic (plan.h): front-loaded introduction,
 * the final pass's split, the budget, and what would meet a goal. */
#include "check.h"
#include "rehearse/plan.h"

#include <string.h>

static struct plan_input week(long new_left)
{
    struct plan_input in;
    memset(&in, 0, sizeof in);
    in.today = 100;
    in.goal_day = 107;
    in.minutes = 30;
    in.seconds_per_card = 10; /* 180 cards in 30 minutes */
    in.new_left = new_left;
    return in;
}

/* Introducing 120 cards from 7 days out: every day takes 2/(n+1) of what
 * is left, n the introduction days to go, so all are in by day 104
 * (three days before 107) and the first day takes the most. */
static void front_loaded(void)
{
    check_case = "front-loaded introduction";
    struct plan_input in = week(120);
    struct plan_day day;
    long shares[8] = {0}, total = 0;
    for (long d = 100; d <= 104; d++) {
        in.today = d;
        plan_compute(&in, &day);
        CHECK(day.final_phase == (d == 104)); /* 104 is both */
        shares[d - 100] = day.new_quota;
        total += day.new_quota;
        in.new_left -= day.new_quota;
    }
    CHECK_INT(total, 120);
    CHECK_INT(in.new_left, 0);
    CHECK_INT(shares[0], 40); /* 2/6 of 120 */
    for (int i = 1; i < 5; i++)
        CHECK(shares[i] <= shares[i - 1]);
    CHECK(shares[4] > 0);
}

static void final_pass(void)
{
    check_case = "the final pass over the last three days";
    struct plan_input in = week(0);
    struct plan_day day;
    in.final_left = 90;
    long total = 0;
    for (long d = 104; d <= 106; d++) {
        in.today = d;
        plan_compute(&in, &day);
        CHECK(day.final_phase);
        CHECK_INT(day.final_from, 104);
        total += day.final_quota;
        in.final_left -= day.final_quota;
    }
    CHECK_INT(total, 90);
    in.today = 107;
    in.final_left = 5;
    plan_compute(&in, &day);
    CHECK(!day.final_phase);
    CHECK_INT(day.final_quota, 0);
    CHECK_INT(day.new_quota, 0);

    check_case = "a quota counts what today already showed";
    in = week(0);
    in.today = 105;
    in.final_left = 20;
    in.final_done_today = 10; /* 30 at the start of the day, 2 days left */
    plan_compute(&in, &day);
    CHECK_INT(day.final_quota, 20);
    CHECK_INT(day.final_now, 10);
}

static void budget(void)
{
    check_case = "due reviews come first in the budget";
    struct plan_input in = week(120);
    struct plan_day day;
    in.due_today = 170;
    plan_compute(&in, &day);
    CHECK_INT(day.capacity, 180);
    CHECK_INT(day.new_now, 10);
    CHECK(!day.on_track);
    CHECK(day.minutes_needed * 60 >= day.load * in.seconds_per_card);
    CHECK(day.minutes_needed > 30);

    check_case = "a later date that fits";
    in.due_today = 0;
    in.minutes = 20; /* 120 cards a day */
    in.new_left = 200;
    plan_compute(&in, &day);
    CHECK(!day.on_track);
    long later = plan_later_day(&in);
    CHECK(later > in.goal_day);
    struct plan_input moved = in;
    moved.goal_day = later;
    plan_compute(&moved, &day);
    CHECK(day.on_track);
    moved.goal_day = later - 1;
    plan_compute(&moved, &day);
    CHECK(!day.on_track);

    check_case = "no later date helps a final pass too big for the budget";
    in.minutes = 5; /* 30 a day: half of 200 on the final pass's first day */
    CHECK_INT(plan_later_day(&in), -1);
}

static void pace(void)
{
    check_case = "time per card";
    long few[3] = {1000, 2000, 3000};
    CHECK_INT(plan_seconds_per_card(few, 3), PLAN_DEFAULT_SECONDS);
    long ms[12];
    for (int i = 0; i < 12; i++)
        ms[i] = (12 - i) * 4000; /* 4 s .. 48 s, median 26 s */
    CHECK_INT(plan_seconds_per_card(ms, 12), 26);
    for (int i = 0; i < 12; i++)
        ms[i] = 100;
    CHECK_INT(plan_seconds_per_card(ms, 12), 5);
    for (int i = 0; i < 12; i++)
        ms[i] = 3600000; /* a card left open over lunch */
    CHECK_INT(plan_seconds_per_card(ms, 12), 600);
}

int main(void)
{
    front_loaded();
    final_pass();
    budget();
    pace();
    return check_report("test_plan");
}
