/* bundled.c: finding the decks shipped with rehearse and syncing them into
 * the collection.  See bundled.h. */
#include "rehearse/bundled.h"
#include "rehearse/importer.h"
#include "rehearse/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *bundled_dir(void)
{
    const char *env = getenv("REHEARSE_DECKDIR");
    if (env)
        return *env ? xstrdup(env) : NULL;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *dir = xasprintf("%s/../share/rehearse/decks", exe);
            if (is_dir(dir))
                return dir;
            free(dir);
        }
    }
    if (is_dir(REHEARSE_DECKDIR))
        return xstrdup(REHEARSE_DECKDIR);
#ifdef REHEARSE_SOURCE_DECKDIR
    if (is_dir(REHEARSE_SOURCE_DECKDIR))
        return xstrdup(REHEARSE_SOURCE_DECKDIR);
#endif
    return NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_deck_name(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0 &&
           strcmp(name, "README.md") != 0;
}

/* A refused bundled deck (a clash with a deck of yours, a conflicting
 * version) stays refused on every command until something changes: say
 * so once, not every time.  I/O errors are always reported. */
static bool already_said(struct store *st, const struct error *err, time_t now)
{
    return err->kind == ERROR_REFUSED &&
           store_notice_once(st, err->message, now) == 0;
}

void bundled_sync(struct store *st, const char *collection, time_t now,
                  const struct bundled_callbacks *cb)
{
    char *dir = bundled_dir();
    if (dir == NULL)
        return;
    DIR *d = opendir(dir);
    if (d == NULL) {
        free(dir);
        return;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_deck_name(e->d_name))
            continue;
        names = xgrow(names, &cap, count + 1, sizeof *names);
        names[count++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, compare_names);
    /* A bundled deck never replaces a deck of yours with the same id, not
     * even an unsigned one. */
    struct import_opts o = {.collection = collection, .strict_publisher = true};
    for (size_t i = 0; i < count; i++) {
        struct import_result res;
        struct error err;
        if (import_file(st, names[i], &o, now, &res, &err) != 0) {
            if (!already_said(st, &err, now))
                cb->failed(cb->ctx, names[i], &err);
        } else if (res.outcome != IMPORT_UNCHANGED)
            cb->imported(cb->ctx, &res);
        if (res.backup.path[0])
            o.collection = NULL; /* one backup holds all the later ones */
        free(names[i]);
    }
    free(names);
    free(dir);
}
