/* cmd_verify.c: `rehearse verify [-p PUBFILE] DECK...`. */
#include "rehearse/cmd.h"
#include "rehearse/deck_source.h"
#include "rehearse/files.h"
#include "rehearse/render.h"
#include "rehearse/util.h"
#include "rehearse/verify.h"

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

static void print_good(const char *path, const struct verified *v,
                       const struct deck_meta *meta)
{
    char hex[17], when[40];
    const char *name = v->signer_name[0] ? v->signer_name : "the given key";
    struct strbuf who, file;
    sb_init(&who);
    sb_init(&file);
    render_safe(&who, name, strlen(name));
    render_safe(&file, path, strlen(path));
    sign_keyid_hex(v->signer.keyid, hex);
    signing_time(v->sig.trusted_comment, when, sizeof when);
    printf("%s: good signature by %s (key %s)\n  deck %s, version %ld, "
           "signed %s\n",
           file.buf, who.buf, hex, meta->id, meta->version, when);
    sb_free(&who);
    sb_free(&file);
}

static int verify_one(struct store *st, const char *path,
                      const struct sign_pubkey *key)
{
    size_t len;
    struct error err;
    struct deck_error derr;
    struct deck_meta meta = {0};
    struct verified v;
    char *text = read_file(path, "deck", DECK_MAX_BYTES, &len, &err);
    int rc = EXIT_OK;
    if (text == NULL) {
        err.kind = ERROR_REFUSED;
        rc = report_error(&err);
    } else if (deck_source_meta(deck_source_for(text, len), text, len, &meta,
                                &derr)) {
        warnx("%s:%u: %s", path, derr.line, derr.message);
        rc = EXIT_DATA;
    } else if (verify_deck(st, path, text, len, &meta, key, &v, &err))
        rc = report_error(&err);
    else
        print_good(path, &v, &meta);
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
        struct error err;
        if (load_pubkey_file(optarg, &key, &err)) {
            err.kind = ERROR_REFUSED;
            return report_error(&err);
        }
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
