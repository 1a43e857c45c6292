/* cmd_keygen.c: `rehearse keygen`, a new minisign-compatible key pair. */
#include "rehearse/cmd.h"
#include "rehearse/keyfiles.h"
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

#define OWN_KEY_NAME "your own key"

static const char keygen_usage[] =
    "usage: rehearse keygen [-W] [-f] [-p PUBFILE] [-s SECFILE]\n"
    "\n"
    "Makes a key pair for signing decks, in minisign's formats.  The\n"
    "passphrase is asked twice without echo; the secret key is encrypted\n"
    "with it (scrypt).  Neither file is overwritten without -f, and a\n"
    "failure leaves neither file behind.  The public key is added to the\n"
    "collection's keyring as \"" OWN_KEY_NAME "\", so decks you sign\n"
    "import without `rehearse trust`.\n"
    "\n"
    "  -W           no passphrase: the secret key is stored unencrypted\n"
    "  -f           overwrite existing key files\n"
    "  -p PUBFILE   public key file (default ./rehearse.pub)\n"
    "  -s SECFILE   secret key file, created 0600 (default\n"
    "               $XDG_DATA_HOME/rehearse/keys/rehearse.key)\n";

/* Asks for the passphrase twice.  NULL when they differ or input ends. */
static char *ask_new_passphrase(void)
{
    char *first = ui_passphrase("Passphrase: ");
    char *again = first ? ui_passphrase("Passphrase (again): ") : NULL;
    bool both = first && again, same = both && strcmp(first, again) == 0;
    sodium_free(again);
    if (!same) {
        sodium_free(first);
        warnx(both ? "the passphrases do not match" : "no passphrase given");
        return NULL;
    }
    if (first[0] == '\0')
        warnx("warning: empty passphrase (use -W for an unencrypted key)");
    return first;
}

/* Writes the pair, then trusts the new public key in the collection, as
 * yours, so that decks you sign import without a separate `trust`. */
static int make_key_pair(struct app *app, const char *secpath,
                         const char *pubpath, char *passphrase, bool force)
{
    struct sign_pubkey pk;
    struct error err;
    int rc = keyfiles_create(secpath, pubpath, passphrase, force, &pk, &err);
    sodium_free(passphrase);
    if (rc)
        return report_error(&err);
    char hex[17];
    sign_keyid_hex(pk.keyid, hex);
    struct store *st = app_open(app, false);
    if (store_trust(st, pk.keyid, pk.pk, OWN_KEY_NAME, app->now) < 0)
        warnx("key made, but not added to the keyring: %s", store_error(st));
    app_close(app, st);
    printf("key id %s\nsecret key: %s\npublic key: %s\n", hex, secpath,
           pubpath);
    return EXIT_OK;
}

int cmd_keygen(int argc, char **argv, struct app *app)
{
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
    int rc = make_key_pair(app, secpath, pubpath, passphrase, force);
    free(secpath);
    return rc;
}
