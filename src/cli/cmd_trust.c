/* cmd_trust.c: the keyring: `rehearse trust`, `untrust` and `keys`. */
#include "rehearse/cmd.h"
#include "rehearse/render.h"
#include "rehearse/sign.h"
#include "rehearse/util.h"
#include "rehearse/verify.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char trust_usage[] =
    "usage: rehearse trust PUBFILE [--name NAME]\n"
    "       rehearse untrust KEYID\n"
    "       rehearse keys\n"
    "\n"
    "The keyring of publishers whose signed decks you accept.  Trust rests\n"
    "on the full public key; the 16-digit key id only names it.  The\n"
    "project's release key is always trusted.\n"
    "\n"
    "  --name NAME   how the publisher is shown (default: the key id)\n";

/* A name is shown as it is only if the sanitiser would leave it alone:
 * no controls, no bidi or zero-width characters, valid UTF-8. */
static bool printable(const char *s)
{
    struct strbuf sb;
    sb_init(&sb);
    render_safe(&sb, s, strlen(s));
    bool same = sb.buf && strcmp(sb.buf, s) == 0;
    sb_free(&sb);
    return same;
}

int cmd_trust(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"name", required_argument, 0, 'n'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *name = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
        if (c != 'n')
            return usage(trust_usage, c == 'h');
        name = optarg;
    }
    if (optind + 1 != argc)
        return usage(trust_usage, false);
    if (name && (!*name || strlen(name) > 200 || !printable(name)))
        die(EXIT_USAGE, "--name: use up to 200 printable characters (no "
                        "controls, bidi or zero-width characters)");
    const char *path = argv[optind];
    struct error err;
    struct sign_pubkey key;
    char hex[17];
    if (load_pubkey_file(path, &key, &err)) {
        err.kind = ERROR_REFUSED;
        return report_error(&err);
    }
    sign_keyid_hex(key.keyid, hex);
    struct store *st = app_open(app, false);
    int rc = store_trust(st, key.keyid, key.pk, name ? name : hex, app->now);
    if (rc < 0)
        die(EXIT_FAIL, "%s", store_error(st));
    printf(rc ? "key %s was already trusted\n" : "trusted key %s\n", hex);
    app_close(app, st);
    return EXIT_OK;
}

int cmd_untrust(int argc, char **argv, struct app *app)
{
    int status = parse_help_only(argc, argv, trust_usage);
    if (status >= 0)
        return status;
    if (optind + 1 != argc)
        return usage(trust_usage, false);
    argv += optind - 1; /* the key id is argv[1] below */
    uint8_t keyid[SIGN_KEYID_BYTES];
    if (!sign_keyid_parse(argv[1], keyid))
        die(EXIT_USAGE, "'%s' is not a key id (up to 16 hex digits)", argv[1]);
    struct store *st = app_open(app, false);
    long removed = 0;
    if (store_untrust(st, keyid, &removed))
        die(EXIT_FAIL, "%s", store_error(st));
    app_close(app, st);
    if (removed == 0) {
        warnx("no trusted key has id %s", argv[1]);
        return EXIT_FAIL;
    }
    printf("no longer trusting key %s\n", argv[1]);
    return EXIT_OK;
}

static int print_key(void *ctx, const struct trusted_key *k)
{
    struct strbuf *line = ctx;
    char hex[17], date[20];
    struct tm tm;
    sign_keyid_hex(k->key_id, hex);
    sb_reset(line);
    render_safe(line, k->name, strlen(k->name));
    strftime(date, sizeof date, "%Y-%m-%d", gmtime_r(&k->added, &tm));
    printf("%s  %-10s  %s\n", hex, date, line->buf);
    return 0;
}

int cmd_keys(int argc, char **argv, struct app *app)
{
    int status = parse_help_only(argc, argv, trust_usage);
    if (status >= 0)
        return status;
    if (optind != argc)
        return usage(trust_usage, false);
    struct store *st = app_open(app, false);
    struct strbuf line;
    char hex[17];
    sb_init(&line);
    sign_keyid_hex(release_key()->keyid, hex);
    printf("%s  %-10s  %s\n", hex, "built-in", RELEASE_KEY_NAME);
    if (store_each_key(st, print_key, &line))
        die(EXIT_FAIL, "%s", store_error(st));
    sb_free(&line);
    app_close(app, st);
    return EXIT_OK;
}
