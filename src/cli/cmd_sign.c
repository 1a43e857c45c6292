/* cmd_sign.c: `rehearse sign -s SECFILE DECK...`. */
#include "rehearse/cmd.h"
#include "rehearse/deck.h"
#include "rehearse/files.h"
#include "rehearse/paths.h"
#include "rehearse/sign.h"
#include "rehearse/ui.h"
#include "rehearse/util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char sign_usage[] =
    "usage: rehearse sign [-s SECFILE] DECK...\n"
    "\n"
    "Checks that each deck parses, then writes DECK.minisig, a minisign\n"
    "signature whose trusted comment binds the deck id and version\n"
    "(deck:ID, version:N, timestamp:SECONDS).\n"
    "\n"
    "  -s SECFILE   secret key (default $XDG_DATA_HOME/rehearse/keys/"
    "rehearse.key)\n";

static struct sign_seckey *load_secret(const char *path)
{
    size_t len;
    struct error ferr;
    char *text = read_file(path, "secret key", SIGN_FILE_MAX, &len, &ferr);
    struct error err;
    struct stat st;
    if (text == NULL)
        exit((report_error(&ferr), EXIT_DATA));
    if (stat(path, &st) == 0 && (st.st_mode & 077))
        warnx("warning: secret key '%s' is readable by others (chmod 600 "
              "it)",
              path);
    int encrypted = sign_seckey_encrypted(text, len, &err);
    if (encrypted < 0)
        die(EXIT_DATA, "%s: %s", path, err.message);
    char *passphrase = encrypted ? ui_passphrase("Passphrase: ") : NULL;
    if (encrypted && passphrase == NULL)
        die(EXIT_FAIL, "no passphrase given");
    struct sign_seckey *key;
    int rc = sign_parse_seckey(text, len, passphrase, &key, &err);
    sodium_free(passphrase);
    sodium_memzero(text, len);
    free(text);
    if (rc)
        die(EXIT_DATA, "%s: %s", path, err.message);
    return key;
}

/* Replaces path's contents atomically: write a temporary file, rename. */
static int write_atomically(const char *path, const char *text)
{
    char *tmp = xasprintf("%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp), rc = -1;
    if (fd >= 0) {
        size_t len = strlen(text);
        bool ok = fchmod(fd, 0644) == 0 &&
                  write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
        if (close(fd) == 0 && ok && rename(tmp, path) == 0)
            rc = 0;
        else
            unlink(tmp);
    }
    if (rc)
        warn_errno("cannot write '%s'", path);
    free(tmp);
    return rc;
}

static int sign_one(const struct sign_seckey *key, const char *path, time_t now)
{
    size_t len;
    struct error ferr;
    char *text = read_file(path, "deck", DECK_MAX_BYTES, &len, &ferr);
    if (text == NULL) {
        report_error(&ferr);
        return EXIT_DATA;
    }
    struct deck_error err;
    struct deck d;
    int rc = EXIT_DATA;
    if (deck_load(text, len, &d, &err) != 0) {
        fprintf(stderr, "%s:%u: %s\n", path, err.line, err.message);
        goto out;
    }
    char *comment = xasprintf("deck:%s\tversion:%ld\ttimestamp:%lld", d.meta.id,
                              d.meta.version, (long long)now);
    deck_free(&d);
    char *sig = sign_create(key, (const uint8_t *)text, len, comment,
                            "signature from rehearse secret key");
    char *sigpath = xasprintf("%s.minisig", path);
    if (sig && write_atomically(sigpath, sig) == 0) {
        printf("signed %s -> %s\n", path, sigpath);
        rc = EXIT_OK;
    }
    free(sigpath);
    free(sig);
    free(comment);
out:
    free(text);
    return rc;
}

int cmd_sign(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    char *secpath = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hs:", opts, NULL)) != -1) {
        if (c == 's') {
            free(secpath);
            secpath = xstrdup(optarg);
        } else {
            free(secpath);
            return usage(sign_usage, c == 'h');
        }
    }
    if (optind == argc) {
        free(secpath);
        return usage(sign_usage, false);
    }
    if (secpath == NULL &&
        (secpath = xdg_path("DATA", "keys/rehearse.key")) == NULL)
        die(EXIT_USAGE, "no secret key: give -s SECFILE");
    struct sign_seckey *key = load_secret(secpath);
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        int rc = sign_one(key, argv[i], app->now);
        if (rc != EXIT_OK && status == EXIT_OK)
            status = rc;
    }
    sign_seckey_free(key);
    free(secpath);
    return status;
}
