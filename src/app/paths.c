/* paths.c: XDG base directories and the collection's location. */
#include "rehearse/paths.h"
#include "rehearse/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *xdg_path(const char *kind, const char *name)
{
    static const struct {
        const char *kind, *var, *fallback;
    } dirs[] = {{"DATA", "XDG_DATA_HOME", ".local/share"},
                {"CONFIG", "XDG_CONFIG_HOME", ".config"},
                {"STATE", "XDG_STATE_HOME", ".local/state"}};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (strcmp(dirs[i].kind, kind) != 0)
            continue;
        const char *base = getenv(dirs[i].var);
        /* The spec says relative values are invalid and must be ignored. */
        if (base && base[0] == '/')
            return xasprintf("%s/rehearse/%s", base, name);
        const char *home = getenv("HOME");
        if (home == NULL || home[0] == '\0')
            return NULL;
        return xasprintf("%s/%s/rehearse/%s", home, dirs[i].fallback, name);
    }
    return NULL;
}

char *collection_path(const char *option, struct error *err)
{
    if (option && *option)
        return xstrdup(option);
    const char *env = getenv("REHEARSE_COLLECTION");
    if (env && *env)
        return xstrdup(env);
    char *path = xdg_path("DATA", "collection.db");
    if (path == NULL)
        error_set(err, ERROR_FAIL,
                  "cannot find the collection: set HOME, XDG_DATA_HOME or "
                  "REHEARSE_COLLECTION");
    return path;
}

int make_parent_dirs(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash == NULL || slash == dir) {
        free(dir);
        return 0;
    }
    *slash = '\0';
    for (char *p = dir + 1; rc == 0; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            rc = -1;
        *p = saved;
        if (saved == '\0')
            break;
    }
    free(dir);
    return rc;
}
