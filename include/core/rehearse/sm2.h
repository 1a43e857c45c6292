/* sm2.h: SuperMemo's SM-2 algorithm, exactly, as pure arithmetic.
 *
 * The E-factor is kept in hundredths (250 means 2.5) so that every interval
 * is exact integer arithmetic: in binary floating point 2.5 - 0.8 is
 * 1.7000000000000002, and rounding 30 x 1.7000000000000002 up gives 52 days
 * where SM-2 says 51. */
#ifndef REHEARSE_SM2_H
#define REHEARSE_SM2_H

#define SM2_EF_START 250 /* 2.5 */
#define SM2_EF_FLOOR 130 /* 1.3 */
#define SM2_GRADE_MAX 5
#define SM2_PASS 3       /* grades >= 3 count as recalled */
#define SM2_WELL_KNOWN 4 /* grades < 4 are repeated the same day */

struct sm2 {
    int reps;     /* successful repetitions in a row, 0 for new/failed */
    int interval; /* days until the next review, 0 while new */
    int ef;       /* E-factor in hundredths, >= SM2_EF_FLOOR */
    int lapses;   /* times a card already learnt was graded below 3 */
};

/* The state of a card never reviewed. */
struct sm2 sm2_new(void);

/* The E-factor change for grade q, in hundredths: +10, 0, -14, -32, -54, -80
 * for q = 5..0.  The caller ensures 0 <= q <= 5. */
int sm2_ef_delta(int grade);

/* The state after grading `s` with `grade` (0..5).  The new interval uses
 * the E-factor from before this grade's update, rounded up to whole days. */
struct sm2 sm2_review(struct sm2 s, int grade);

/* True for 0..5. */
int sm2_valid_grade(int grade);

#endif
