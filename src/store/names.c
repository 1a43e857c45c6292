/* names.c: handing file names to SQLite so that it opens exactly that
 * file.  Debian builds SQLite with SQLITE_USE_URI, so a name starting with
 * "file:" is read as a URI even without SQLITE_OPEN_URI, and in a URI '#'
 * ends the path and "%41" means 'A': `restore 'my#1.db'` used to restore
 * the file "my".  Plain names are defused; read-only opens use a URI in
 * which every byte of the path is escaped. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

char *db_plain_name(const char *path)
{
    if (strncmp(path, "file:", 5) == 0)
        return xasprintf("./%s", path);
    return xstrdup(path);
}

char *db_readonly_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    struct strbuf sb;
    sb_init(&sb);
    sb_adds(&sb, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("-._~", *p);
        /* '/' stays itself but for a leading "//", which a URI would read
         * as the start of an authority. */
        if (plain ||
            (*p == '/' && !(p == (const unsigned char *)path && p[1] == '/')))
            sb_addc(&sb, (char)*p);
        else {
            sb_addc(&sb, '%');
            sb_addc(&sb, hex[*p >> 4]);
            sb_addc(&sb, hex[*p & 15]);
        }
    }
    sb_adds(&sb, "?mode=ro");
    return sb_detach(&sb);
}
