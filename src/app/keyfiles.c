/* keyfiles.c: writing a key pair so that a failure half way (a full disk,
 * a read-only directory for the public key) cannot leave an orphan secret
 * key that makes the retry refuse.  See keyfiles.h. */
#include "rehearse/keyfiles.h"
#include "rehearse/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes text to a new temporary file beside path; returns its name. */
static char *write_temporary(const char *path, const char *text, mode_t mode,
                             struct error *err)
{
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    int fd =
        open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
        error_errno(err, ERROR_FAIL, "cannot create '%s'", path);
        free(tmp);
        return NULL;
    }
    size_t len = strlen(text);
    bool ok = fchmod(fd, mode) == 0 && write(fd, text, len) == (ssize_t)len &&
              fsync(fd) == 0;
    if (close(fd) != 0 || !ok) {
        error_errno(err, ERROR_FAIL, "cannot write '%s'", path);
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

/* Puts tmp at path: link() when path must not exist yet, so that two
 * keygens cannot both win; rename() with force. */
static int put_in_place(const char *tmp, const char *path, bool force,
                        struct error *err)
{
    int rc = force ? rename(tmp, path) : link(tmp, path);
    if (rc == 0)
        return 0;
    if (errno == EEXIST)
        return error_set(err, ERROR_FAIL,
                         "'%s' already exists (use -f to overwrite it)", path);
    return error_errno(err, ERROR_FAIL, "cannot create '%s'", path);
}

static int refuse_existing(const char *path, struct error *err)
{
    struct stat st;
    if (lstat(path, &st) == 0)
        return error_set(err, ERROR_FAIL,
                         "'%s' already exists (use -f to overwrite it)", path);
    return 0;
}

static int write_pair(const char *secpath, const char *sectext,
                      const char *pubpath, const char *pubtext, bool force,
                      struct error *err)
{
    if (!force &&
        (refuse_existing(secpath, err) || refuse_existing(pubpath, err)))
        return -1;
    char *sectmp = write_temporary(secpath, sectext, 0600, err);
    char *pubtmp = sectmp ? write_temporary(pubpath, pubtext, 0644, err) : NULL;
    int rc = -1;
    if (pubtmp && put_in_place(sectmp, secpath, force, err) == 0) {
        if (put_in_place(pubtmp, pubpath, force, err) == 0)
            rc = 0;
        else if (!force)
            unlink(secpath); /* ours: link() made it a moment ago */
    }
    if (sectmp)
        unlink(sectmp);
    if (pubtmp)
        unlink(pubtmp);
    free(sectmp);
    free(pubtmp);
    return rc;
}

int keyfiles_create(const char *secpath, const char *pubpath,
                    const char *passphrase, bool force, struct sign_pubkey *pk,
                    struct error *err)
{
    struct sign_seckey *sk;
    sign_keygen(pk, &sk);
    char *sectext = sign_format_seckey(sk, passphrase);
    char *pubtext = sign_format_pubkey(pk);
    sign_seckey_free(sk);
    int rc = sectext && pubtext
                 ? write_pair(secpath, sectext, pubpath, pubtext, force, err)
                 : error_set(err, ERROR_FAIL, "cannot encode the new key");
    sign_text_free(sectext);
    free(pubtext);
    return rc;
}
