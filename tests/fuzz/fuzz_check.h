/* fuzz_check.h: the one assertion macro the fuzz targets share.
 *
 * FUZZ_CHECK stays active whatever NDEBUG says: a broken property must
 * abort, so libFuzzer saves the input and the replay program fails. */
#ifndef REHEARSE_FUZZ_CHECK_H
#define REHEARSE_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, \
                    __LINE__, #cond);                                        \
            abort();                                                         \
        }                                                                    \
    } while (0)

#endif
