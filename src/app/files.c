/* files.c: whole-file reads with the checks every outside file needs.
 * See files.h. */
#include "rehearse/files.h"
#include "rehearse/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Opened non-blocking so that a FIFO cannot stall the open itself; the
 * fstat then refuses it before any read. */
static int open_regular(const char *path, const char *what, struct stat *st,
                        struct error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return error_errno(err, ERROR_FAIL, "cannot read %s '%s'", what, path);
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        int e = errno;
        bool dir = S_ISDIR(st->st_mode);
        close(fd);
        errno = dir ? EISDIR : e ? e : EINVAL;
        return error_set(err, ERROR_FAIL, "cannot read %s '%s': %s", what, path,
                         dir ? "it is a directory" : "not a regular file");
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

static char *too_big(const char *path, const char *what, size_t limit,
                     struct error *err)
{
    errno = EFBIG;
    error_set(err, ERROR_FAIL, "%s '%s' is larger than %zu bytes", what, path,
              limit);
    return NULL;
}

char *read_file(const char *path, const char *what, size_t limit, size_t *len,
                struct error *err)
{
    struct stat st;
    int fd = open_regular(path, what, &st, err);
    if (fd < 0)
        return NULL;
    if ((size_t)st.st_size > limit) {
        close(fd);
        return too_big(path, what, limit, err);
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > limit + 1)
                break;
            buf = xgrow(buf, &cap, cap + 4096, 1);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            error_errno(err, ERROR_FAIL, "cannot read %s '%s'", what, path);
            int e = errno;
            free(buf);
            close(fd);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > limit) {
        free(buf);
        return too_big(path, what, limit, err);
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
