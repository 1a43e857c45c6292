/* anki_package.c: the collection inside an Anki package, taken out in
 * memory under limits.  See anki_package.h.
 *
 * libzip reads the archive from the buffer (zip_source_buffer_create), so
 * nothing touches the file system.  The limits are checked twice: first
 * against the sizes the archive declares (to refuse a bomb before any
 * memory is spent), then against the bytes actually produced (so a lying
 * header gains nothing). */
#include "rehearse/anki_package.h"
#include "rehearse/anki.h"
#include "rehearse/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zstd.h>

static int failf(struct deck_error *err, const char *fmt, const char *arg)
{
    err->line = 0;
    snprintf(err->message, sizeof err->message, fmt, arg);
    return -1;
}

/* An entry name that could point outside a directory if extracted. */
static bool unsafe_name(const char *name)
{
    if (name[0] == '/' || name[0] == '\\' || name[0] == '\0' ||
        (name[0] && name[1] == ':'))
        return true;
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/\\");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return true;
        p += n;
        if (*p)
            p++;
    }
    return false;
}

static bool too_big(uint64_t size, uint64_t compressed)
{
    return size > ANKI_MAX_COLLECTION ||
           (size > (1u << 20) &&
            size / (compressed ? compressed : 1) > ANKI_MAX_RATIO);
}

/* Which entry holds the collection: the newest format present. */
static int find_collection(zip_t *za, zip_int64_t *index, bool *zstd,
                           struct deck_error *err)
{
    static const char *const names[] = {
        "collection.anki21b", "collection.anki21", "collection.anki2"};
    int best = 3;
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n > ANKI_MAX_ENTRIES)
        return failf(err, "package has more than %s entries", "100000");
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (name == NULL)
            return failf(err, "package has an unreadable entry name%s", "");
        if (unsafe_name(name))
            return failf(err,
                         "package entry '%.120s' has an absolute or "
                         "'..' path; refusing the package",
                         name);
        for (int k = 0; k < best; k++)
            if (strcmp(name, names[k]) == 0) {
                best = k;
                *index = i;
            }
    }
    if (best == 3)
        return failf(err,
                     "zip archive has no Anki collection "
                     "(collection.anki21b, .anki21 or .anki2)%s",
                     "");
    *zstd = best == 0;
    return 0;
}

static int read_entry(zip_t *za, zip_int64_t index, unsigned char **out,
                      size_t *outlen, struct deck_error *err)
{
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)index, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
        return failf(err, "package: cannot read the collection entry%s", "");
    if (too_big(st.size, st.comp_size))
        return failf(err,
                     "package: the collection entry is too large or "
                     "compressed too well (a zip bomb?); the limit is "
                     "%s",
                     "256 MiB at most 200:1");
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)index, 0);
    if (f == NULL)
        return failf(err, "package: %.200s", zip_strerror(za));
    unsigned char *buf = xmalloc(st.size ? st.size : 1);
    zip_int64_t got = zip_fread(f, buf, st.size);
    unsigned char extra;
    bool more = got >= 0 && zip_fread(f, &extra, 1) > 0;
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size || more) {
        free(buf);
        return failf(err,
                     "package: the collection entry is damaged "
                     "(%s)",
                     got < 0 ? "bad data or checksum" : "wrong size");
    }
    *out = buf;
    *outlen = (size_t)st.size;
    return 0;
}

/* Decompresses a zstd frame under the same limits as a zip entry. */
static int unzstd(const unsigned char *in, size_t inlen, unsigned char **out,
                  size_t *outlen, struct deck_error *err)
{
    unsigned long long declared = ZSTD_getFrameContentSize(in, inlen);
    if (declared == ZSTD_CONTENTSIZE_ERROR)
        return failf(err, "package: collection.anki21b is not zstd data%s", "");
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && too_big(declared, inlen))
        return failf(err,
                     "package: collection.anki21b decompresses too far "
                     "(a zstd bomb?); the limit is %s",
                     "256 MiB at most 200:1");
    ZSTD_DStream *z = ZSTD_createDStream();
    struct strbuf sb;
    sb_init(&sb);
    ZSTD_inBuffer ib = {in, inlen, 0};
    size_t rc = 1;
    char chunk[1 << 16];
    while (rc != 0 && !ZSTD_isError(rc)) {
        ZSTD_outBuffer ob = {chunk, sizeof chunk, 0};
        rc = ZSTD_decompressStream(z, &ob, &ib);
        if (ZSTD_isError(rc))
            break;
        sb_add(&sb, chunk, ob.pos);
        if (too_big(sb.len, inlen)) {
            rc = (size_t)-1;
            break;
        }
        if (ob.pos == 0 && ib.pos == ib.size && rc != 0)
            break; /* truncated frame */
    }
    ZSTD_freeDStream(z);
    if (rc != 0) {
        bool bomb = too_big(sb.len, inlen);
        sb_free(&sb);
        return failf(err, "package: collection.anki21b is %s",
                     bomb ? "too large or compressed too well (a zstd bomb?)"
                          : "damaged or truncated zstd data");
    }
    *outlen = sb.len;
    *out = (unsigned char *)sb_detach(&sb);
    return 0;
}

/* The package format from the "meta" entry, when there is one: 1 and 2
 * are the legacy formats, 3 current Anki's. */
static int check_meta(zip_t *za, struct deck_error *err)
{
    zip_int64_t i = zip_name_locate(za, "meta", 0);
    zip_stat_t st;
    if (i < 0 || zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0)
        return 0;
    if (st.size > 4096)
        return failf(err, "package: its meta entry is too large%s", "");
    unsigned char buf[4096];
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
    zip_int64_t got = f ? zip_fread(f, buf, st.size) : -1;
    if (f)
        zip_fclose(f);
    uint64_t version = 0;
    if (got < 0 || anki_proto_varint(buf, (size_t)got, 1, &version) < 0)
        return failf(err, "package: its meta entry is damaged%s", "");
    if (version > 3) {
        char v[24];
        snprintf(v, sizeof v, "%llu", (unsigned long long)version);
        return failf(err,
                     "package format version %s is newer than rehearse "
                     "reads (1-3)",
                     v);
    }
    return 0;
}

int anki_package_collection(const char *bytes, size_t len, unsigned char **out,
                            size_t *outlen, struct deck_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    *out = NULL;
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    zip_t *za =
        src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (za == NULL) {
        failf(err, "not a readable zip archive: %.200s",
              zip_error_strerror(&ze));
        zip_error_fini(&ze);
        if (src)
            zip_source_free(src);
        return -1;
    }
    zip_int64_t index = -1;
    bool zstd = false;
    unsigned char *raw = NULL;
    size_t rawlen = 0;
    int rc = find_collection(za, &index, &zstd, err);
    if (rc == 0)
        rc = check_meta(za, err);
    if (rc == 0)
        rc = read_entry(za, index, &raw, &rawlen, err);
    zip_discard(za);
    zip_error_fini(&ze);
    if (rc == 0 && zstd) {
        rc = unzstd(raw, rawlen, out, outlen, err);
        free(raw);
    } else if (rc == 0) {
        *out = raw;
        *outlen = rawlen;
    }
    return rc;
}
