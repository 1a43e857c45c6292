/* cmd_verify.c: `rehearse verify [-p PUBFILE] DECK...`. */
#include "rehearse/cmd.h"
#include "rehearse/importer.h"
#include "rehearse/render.h"
#include "rehearse/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char verify_usage[] =
    "usage: rehearse verify [-p PUBFILE] DECK...\n"
    "\n"
    "Verifies DECK.minisig against PUBFILE, or against the trusted\n"
    "publishers (rehearse keys) and the project's release key, and checks\n"
    "that the signature names this deck's id and version.  Prints the\n"
    "publisher, deck id, version and signing time.\n";

static void signing_time(const char *comment, char *out, size_t len)
{
    char field[32];
    snprintf(out, len, "unknown");
    if (!sign_comment_field(comment, "timestamp", field, sizeof field))
        return;
    char *end;
    long long t = strtoll(field, &end, 10);
    if (*end || end == field)
        return;
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm))
        strftime(out, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static int verify_one(struct store *st, const char *path,
                      const struct sign_pubkey *key)
{
    size_t len;
    char *text = read_file(path, DECK_MAX_BYTES, &len);
    if (text == NULL) {
        warn_errno("cannot read '%s'", path);
        return EXIT_DATA;
    }
    static const struct deck_handler header = {read_meta, NULL};
    struct deck_meta meta = {0};
    struct deck_error err;
    struct sign_signature sig;
    struct sign_pubkey signer;
    char *name = NULL, *sigpath = xasprintf("%s.minisig", path);
    int rc = EXIT_DATA;
    if (deck_parse(text, len, &header, &meta, &err) != 1)
        fprintf(stderr, "%s:%u: %s\n", path, err.line, err.message);
    else if ((rc = verify_deck_file(st, path, text, len, key, &sig, &signer,
                                    &name)) == EXIT_OK &&
             (rc = check_binding(sigpath, &sig, &meta)) == EXIT_OK) {
        char hex[17], when[40];
        struct strbuf who;
        sb_init(&who);
        render_safe(&who, name ? name : "the given key",
                    strlen(name ? name : "the given key"));
        sign_keyid_hex(signer.keyid, hex);
        signing_time(sig.trusted_comment, when, sizeof when);
        printf("%s: good signature by %s (key %s)\n  deck %s, version %ld, "
               "signed %s\n",
               path, who.buf, hex, meta.id, meta.version, when);
        sb_free(&who);
    }
    free(name);
    free(sigpath);
    deck_meta_free(&meta);
    free(text);
    return rc;
}

int cmd_verify(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct sign_pubkey key;
    bool have_key = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hp:", opts, NULL)) != -1) {
        if (c != 'p')
            return usage(verify_usage, c == 'h');
        size_t len;
        struct sign_error err;
        char *text = read_file(optarg, SIGN_FILE_MAX, &len);
        if (text == NULL)
            die(EXIT_DATA, "cannot read public key '%s'", optarg);
        if (sign_parse_pubkey(text, len, &key, &err))
            die(EXIT_DATA, "%s: %s", optarg, err.message);
        free(text);
        have_key = true;
    }
    if (optind == argc)
        return usage(verify_usage, false);
    struct store *st = app_open(app, false);
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        int rc = verify_one(st, argv[i], have_key ? &key : NULL);
        if (rc != EXIT_OK && status == EXIT_OK)
            status = rc;
    }
    app_close(app, st);
    return status;
}
