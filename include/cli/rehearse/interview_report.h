/* interview_report.h: what an interview keeps of each answer, and the
 * report it prints at the end (src/cli/interview_report.c). */
#ifndef REHEARSE_INTERVIEW_REPORT_H
#define REHEARSE_INTERVIEW_REPORT_H

#include <stddef.h>

struct result {
    char *deck, *card, *tag;
    int grade, keys_total, keys_covered;
    long ms;
    char *missed; /* the key points missed, "; "-separated, or NULL */
};

struct interview_results {
    struct result *results; /* sorted in place by the report */
    size_t nresults;
    long follow_ups, follow_up_grades; /* asked, and the sum of grades */
    long today;
};

/* Prints the report (or "No questions answered."). */
void interview_report(const struct interview_results *r);
void interview_results_free(struct result *results, size_t n);

/* "M:SS" for a duration in milliseconds. */
void format_clock(long ms, char *buf, size_t len);

#endif
