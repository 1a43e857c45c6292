/* cmd_keygen.c: `rehearse keygen`, a new minisign-compatible key pair. */
#include "rehearse/cmd.h"
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

static const char keygen_usage[] =
    "usage: rehearse keygen [-W] [-f] [-p PUBFILE] [-s SECFILE]\n"
    "\n"
    "Makes a key pair for signing decks, in minisign's formats.  The\n"
    "passphrase is asked twice without echo; the secret key is encrypted\n"
    "with it (scrypt).  Neither file is overwritten without -f.\n"
    "\n"
    "  -W           no passphrase: the secret key is stored unencrypted\n"
    "  -f           overwrite existing key files\n"
    "  -p PUBFILE   public key file (default ./rehearse.pub)\n"
    "  -s SECFILE   secret key file, created 0600 (default\n"
    "               $XDG_DATA_HOME/rehearse/keys/rehearse.key)\n";

/* Writes text to path, refusing to replace an existing file unless force. */
static int write_key_file(const char *path, const char *text, mode_t mode,
                          bool force)
{
    int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
                (force ? O_TRUNC : O_EXCL);
    int fd = open(path, flags, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            warnx("'%s' already exists (use -f to overwrite it)", path);
        else
            warn_errno("cannot create '%s'", path);
        return -1;
    }
    size_t len = strlen(text);
    bool ok = fchmod(fd, mode) == 0 && write(fd, text, len) == (ssize_t)len &&
              fsync(fd) == 0;
    if (close(fd) != 0 || !ok) {
        warn_errno("cannot write '%s'", path);
        return -1;
    }
    return 0;
}

/* Asks for the passphrase twice.  NULL when they differ or input ends. */
static char *ask_new_passphrase(void)
{
    char *first = ui_passphrase("Passphrase: ");
    char *again = first ? ui_passphrase("Passphrase (again): ") : NULL;
    bool same = again && strcmp(first, again) == 0;
    sodium_free(again);
    if (!same) {
        sodium_free(first);
        warnx(again || !first ? "the passphrases do not match"
                              : "no passphrase given");
        return NULL;
    }
    if (first[0] == '\0')
        warnx("warning: empty passphrase (use -W for an unencrypted key)");
    return first;
}

/* Makes a key pair and writes it, the secret key with mode 0600. */
static int make_key_pair(const char *secpath, const char *pubpath,
                         char *passphrase, bool force)
{
    struct sign_pubkey pk;
    struct sign_seckey *sk;
    sign_keygen(&pk, &sk);
    char *sectext = sign_format_seckey(sk, passphrase);
    char *pubtext = sign_format_pubkey(&pk);
    sign_seckey_free(sk);
    sodium_free(passphrase);
    int rc = EXIT_FAIL;
    if (sectext && pubtext &&
        write_key_file(secpath, sectext, 0600, force) == 0 &&
        write_key_file(pubpath, pubtext, 0644, force) == 0) {
        char hex[17];
        sign_keyid_hex(pk.keyid, hex);
        printf("key id %s\nsecret key: %s\npublic key: %s\n", hex, secpath,
               pubpath);
        rc = EXIT_OK;
    }
    sign_text_free(sectext);
    free(pubtext);
    return rc;
}

int cmd_keygen(int argc, char **argv, struct app *app)
{
    (void)app;
    const char *pubpath = "rehearse.pub";
    char *secpath = NULL;
    bool plain = false, force = false;
    int c;
    static const struct option opts[] = {{"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    optind = 1;
    while ((c = getopt_long(argc, argv, "hWfp:s:", opts, NULL)) != -1) {
        switch (c) {
        case 'W':
            plain = true;
            break;
        case 'f':
            force = true;
            break;
        case 'p':
            pubpath = optarg;
            break;
        case 's':
            free(secpath);
            secpath = xstrdup(optarg);
            break;
        default:
            free(secpath);
            return usage(keygen_usage, c == 'h');
        }
    }
    if (optind != argc) {
        free(secpath);
        return usage(keygen_usage, false);
    }
    if (secpath == NULL) {
        secpath = xdg_path("DATA", "keys/rehearse.key");
        if (secpath == NULL || make_parent_dirs(secpath) != 0)
            die(EXIT_FAIL, "cannot make the key directory; give -s SECFILE");
    }
    if (!force && (access(secpath, F_OK) == 0 || access(pubpath, F_OK) == 0))
        die(EXIT_FAIL, "'%s' already exists (use -f to overwrite it)",
            access(secpath, F_OK) == 0 ? secpath : pubpath);
    char *passphrase = plain ? NULL : ask_new_passphrase();
    if (!plain && passphrase == NULL) {
        free(secpath);
        return EXIT_FAIL;
    }
    int rc = make_key_pair(secpath, pubpath, passphrase, force);
    free(secpath);
    return rc;
}
