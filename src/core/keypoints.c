/* keypoints.c: key-point coverage of typed answers.  See keypoints.h. */
#include "rehearse/keypoints.h"
#include "rehearse/text.h"
#include "rehearse/util.h"

#include <stdlib.h>
#include <string.h>

char *keypoints_normalise(const char *text)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_addc(&sb, ' ');
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        unsigned char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9'))
            c = ' ';
        if (c == ' ' && sb.buf[sb.len - 1] == ' ')
            continue;
        sb_addc(&sb, (char)c);
    }
    if (sb.buf[sb.len - 1] != ' ')
        sb_addc(&sb, ' ');
    return sb.buf;
}

/* Is " w " (or its plural or singular) a word of the normalised text? */
static bool has_word(const char *text, const char *w, size_t n)
{
    char needle[80];
    if (n + 4 > sizeof needle)
        return false;
    needle[0] = ' ';
    memcpy(needle + 1, w, n);
    strcpy(needle + 1 + n, " ");
    if (strstr(text, needle))
        return true;
    strcpy(needle + 1 + n, "s ");
    if (strstr(text, needle))
        return true;
    if (n > 3 && w[n - 1] == 's') {
        strcpy(needle + n, " ");
        return strstr(text, needle) != NULL;
    }
    return false;
}

static bool all_words(const char *answer, const char *key)
{
    int significant = 0;
    for (const char *p = key; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (!text_stop_word(p, n, TEXT_STOP_KEYPOINT)) {
            significant++;
            if (!has_word(answer, p, n))
                return false;
        }
        p += n;
    }
    return significant > 0;
}

int keypoints_match(const char *answer, char *const *keys, size_t n,
                    bool *covered)
{
    char *text = keypoints_normalise(answer);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        char *key = keypoints_normalise(keys[i]);
        covered[i] = strcmp(key, " ") != 0 &&
                     (strstr(text, key) != NULL || all_words(text, key));
        count += covered[i];
        free(key);
    }
    free(text);
    return count;
}

char **keypoints_split(const char *joined, size_t *n)
{
    size_t cap = 0;
    char **keys = NULL;
    *n = 0;
    for (const char *p = joined; *p;) {
        size_t len = strcspn(p, "\n");
        if (len) {
            keys = xgrow(keys, &cap, *n + 1, sizeof *keys);
            keys[(*n)++] = xstrndup(p, len);
        }
        p += len + (p[len] == '\n');
    }
    return keys;
}

void keypoints_free(char **keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

char *keypoints_coverage(const char *joined_keys, const char *answer,
                         int *total, int *covered, bool **flags)
{
    size_t n;
    char **keys = keypoints_split(joined_keys, &n);
    bool *hit = xcalloc(n ? n : 1, sizeof *hit);
    *covered = keypoints_match(answer, keys, n, hit);
    *total = (int)n;
    struct strbuf json;
    sb_init(&json);
    sb_addc(&json, '[');
    for (size_t i = 0; i < n; i++)
        sb_adds(&json, i ? (hit[i] ? ",true" : ",false")
                         : (hit[i] ? "true" : "false"));
    sb_addc(&json, ']');
    keypoints_free(keys, n);
    if (flags)
        *flags = hit;
    else
        free(hit);
    return json.buf;
}
