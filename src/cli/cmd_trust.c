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
    "       rehearse untrust KEYID | --pubkey PUBFILE\n"
    "       rehearse keys\n"
    "\n"
    "The keyring of publishers whose signed decks you accept.  Trust rests\n"
    "on the full public key; the 16-digit key id only names it.  The\n"
    "project's release key is always trusted.\n"
    "\n"
    "  --name NAME         how the publisher is shown (default: the key id)\n"
    "  -p, --pubkey FILE   untrust this key, when two keys share an id\n";

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

/* Trusted keys with the same id as `key`; the last other one's name. */
struct id_matches {
    const struct sign_pubkey *key;
    long same_id, other_keys;
    char other_name[256];
};

static int count_id(void *ctx, const struct trusted_key *k)
{
    struct id_matches *m = ctx;
    if (memcmp(k->key_id, m->key->keyid, sizeof k->key_id) != 0)
        return 0;
    m->same_id++;
    if (memcmp(k->public_key, m->key->pk, sizeof k->public_key) != 0) {
        m->other_keys++;
        snprintf(m->other_name, sizeof m->other_name, "%s", k->name);
    }
    return 0;
}

static void count_matches(struct store *st, struct id_matches *m)
{
    if (store_each_key(st, count_id, m))
        die(EXIT_FAIL, "%s", store_error(st));
    const struct sign_pubkey *rk = release_key();
    if (memcmp(rk->keyid, m->key->keyid, sizeof rk->keyid) == 0 &&
        memcmp(rk->pk, m->key->pk, sizeof rk->pk) != 0) {
        m->other_keys++;
        snprintf(m->other_name, sizeof m->other_name, "%s", RELEASE_KEY_NAME);
    }
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
    struct error err;
    struct sign_pubkey key;
    char hex[17];
    if (load_pubkey_file(argv[optind], &key, &err)) {
        err.kind = ERROR_REFUSED;
        return report_error(&err);
    }
    sign_keyid_hex(key.keyid, hex);
    struct store *st = app_open(app, false);
    struct id_matches m = {.key = &key};
    count_matches(st, &m);
    int rc = store_trust(st, key.keyid, key.pk, name ? name : hex, app->now);
    if (rc < 0)
        die(EXIT_FAIL, "%s", store_error(st));
    if (rc == 0 && m.other_keys)
        warnx("key id %s is also the id of '%s', a different key: "
              "untrust either with 'rehearse untrust --pubkey FILE'",
              hex, m.other_name);
    printf(rc ? "key %s was already trusted\n" : "trusted key %s\n", hex);
    app_close(app, st);
    return EXIT_OK;
}

/* Removes the key named by its id, or by its public key when by_pubkey;
 * refuses an id that names more than one key.  `shown` is the key id or
 * the file, for messages.  Returns how many were removed, or -1. */
static long untrust(struct store *st, const struct sign_pubkey *key,
                    bool by_pubkey, const char *shown)
{
    long removed = 0;
    if (!by_pubkey) {
        struct id_matches m = {.key = key};
        if (store_each_key(st, count_id, &m))
            die(EXIT_FAIL, "%s", store_error(st));
        if (m.same_id > 1) {
            warnx("key id %s names %ld trusted keys: say which with "
                  "'rehearse untrust --pubkey FILE'",
                  shown, m.same_id);
            return -1;
        }
    }
    if (by_pubkey ? store_untrust_key(st, key->pk, &removed)
                  : store_untrust(st, key->keyid, &removed))
        die(EXIT_FAIL, "%s", store_error(st));
    if (removed == 0 && by_pubkey)
        warnx("no trusted key has the public key in '%s'", shown);
    else if (removed == 0)
        warnx("no trusted key has id %s", shown);
    return removed;
}

int cmd_untrust(int argc, char **argv, struct app *app)
{
    static const struct option opts[] = {{"pubkey", required_argument, 0, 'p'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct sign_pubkey key = {0};
    const char *pubfile = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hp:", opts, NULL)) != -1) {
        if (c != 'p')
            return usage(trust_usage, c == 'h');
        pubfile = optarg;
    }
    if (optind + (pubfile == NULL) != argc)
        return usage(trust_usage, false);
    struct error err;
    if (pubfile && load_pubkey_file(pubfile, &key, &err)) {
        err.kind = ERROR_REFUSED;
        return report_error(&err);
    }
    if (!pubfile && !sign_keyid_parse(argv[optind], key.keyid))
        die(EXIT_USAGE, "'%s' is not a key id (up to 16 hex digits)",
            argv[optind]);
    char hex[17];
    sign_keyid_hex(key.keyid, hex);
    struct store *st = app_open(app, false);
    long removed = untrust(st, &key, pubfile != NULL, pubfile ? pubfile : hex);
    app_close(app, st);
    if (removed <= 0)
        return EXIT_FAIL;
    printf("no longer trusting key %s\n", hex);
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
