/* config.h: the user's config file, $XDG_CONFIG_HOME/rehearse/config.
 *
 * Lines of "key = value"; '#' starts a comment, on a line of its own or
 * after a value; blank lines are ignored.  Pure: text in, settings or a LINE:
 * message out. */
#ifndef REHEARSE_CONFIG_H
#define REHEARSE_CONFIG_H

#include <stddef.h>

struct config {
    int new_per_day;    /* 0..1000, default 10 */
    int rollover_hour;  /* 0..23, default 4 */
    int target_seconds; /* interview target per question, default 120 */
};

struct config_error {
    unsigned line;
    char message[160];
};

void config_defaults(struct config *c);
/* Applies the settings in text over *c.  Returns 0, or -1 with err set. */
int config_parse(const char *text, size_t len, struct config *c,
                 struct config_error *err);

#endif
