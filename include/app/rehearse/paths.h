/* paths.h: where rehearse keeps things, after the XDG base directories. */
#ifndef REHEARSE_PATHS_H
#define REHEARSE_PATHS_H

#include "rehearse/error.h"

/* $XDG_<kind>_HOME/rehearse/<name> (kind: DATA, CONFIG, STATE), falling
 * back to ~/.local/share, ~/.config and ~/.local/state.  Returns a new
 * string, or NULL when neither the variable nor $HOME is set. */
char *xdg_path(const char *kind, const char *name);

/* The collection: `option` if given, else $REHEARSE_COLLECTION, else
 * the XDG data path.  NULL with err set when none can be found. */
char *collection_path(const char *option, struct error *err);

/* Creates the directory holding `path` (and its parents) with mode 0700.
 * Returns 0, or -1 with errno set. */
int make_parent_dirs(const char *path);

#endif
