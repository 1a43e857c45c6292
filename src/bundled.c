/* bundled.c: the release key and the decks shipped with rehearse. */
#include "rehearse/bundled.h"
#include "rehearse/importer.h"
#include "rehearse/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* keys/rehearse.pub, checked against that file by a test. */
static const char release_pub[] =
    "untrusted comment: minisign public key 497DC794021F7FAA\n"
    "RWSqfx8ClMd9SaADaSQRl4/yivL3jYZD24Gko2hM8B77vXQxKcz2y2AT\n";

const struct sign_pubkey *release_key(void)
{
    static struct sign_pubkey key;
    static bool parsed;
    if (!parsed) {
        struct sign_error err;
        if (sign_parse_pubkey(release_pub, strlen(release_pub), &key, &err))
            die(EXIT_FAIL, "built-in release key: %s", err.message);
        parsed = true;
    }
    return &key;
}

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

void bundled_sync(struct store *st, const char *collection, time_t now)
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
    struct import_opts o = {.quiet_unchanged = true, .collection = collection};
    for (size_t i = 0; i < count; i++) {
        if (import_file(st, names[i], &o, now) != EXIT_OK)
            warnx("bundled deck '%s' was not imported", names[i]);
        free(names[i]);
    }
    free(names);
    free(dir);
}
