#!/usr/bin/env bash
# check.sh: the layering rules of docs/architecture.md, checked over the
# source text.  The build already refuses a wrong-way include (each
# library sees only the header roots it may use); this names the file and
# line, and also checks what the compiler cannot:
#   - every #include "rehearse/X.h" points at a layer the file may use;
#   - sqlite3_ appears only under src/store/;
#   - nothing under src/core, src/store or src/app prints, reads stdin,
#     or exits;
#   - nothing under src/core touches files, the environment or the clock.
# Usage: check.sh [SOURCE_DIR]   (exit 0 when every rule holds)
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 2
status=0
fail() { printf '%s\n' "$*"; status=1; }

allowed() {
    case $1 in
    core) echo "core" ;;
    store) echo "store core" ;;
    app) echo "app store core" ;;
    term) echo "term core" ;;
    cli) echo "cli app store term core" ;;
    esac
}

# Which layer owns each header.
declare -A owner
for dir in include/*/rehearse; do
    layer=${dir#include/}
    layer=${layer%/rehearse}
    for h in "$dir"/*.h; do
        [ -e "$h" ] || continue
        name=${h##*/}
        [ -n "${owner[$name]:-}" ] && fail "$h: header name also in layer ${owner[$name]}"
        owner[$name]=$layer
    done
done

layer_of() {
    case $1 in
    src/*) l=${1#src/} ;;
    include/*) l=${1#include/} ;;
    esac
    echo "${l%%/*}"
}

files=$(find src include -name '*.[ch]' | sort)
for f in $files; do
    layer=$(layer_of "$f")
    ok=$(allowed "$layer")
    if [ -z "$ok" ]; then
        fail "$f: not in a known layer (core, store, app, term, cli)"
        continue
    fi
    while IFS=: read -r line text; do
        name=$(sed -n 's/.*#include "rehearse\/\([^"]*\)".*/\1/p' <<<"$text")
        [ -n "$name" ] || continue
        to=${owner[$name]:-}
        if [ -z "$to" ]; then
            fail "$f:$line: includes unknown header rehearse/$name"
        elif [[ " $ok " != *" $to "* ]]; then
            fail "$f:$line: $layer includes $to header rehearse/$name (allowed: $ok)"
        fi
    done < <(grep -n '#include "rehearse/' "$f")
done

# Code, not comments or strings: strip /* */ and // comments and string
# literals before matching.
strip() {
    sed -e 's://.*$::' "$1" | perl -0pe 's{/\*.*?\*/}{}gs; s{"(\\.|[^"\\\n])*"}{""}g'
}

check_absent() { # PATTERN MESSAGE DIR...
    local pattern=$1 message=$2
    shift 2
    for f in $(find "$@" -name '*.c' 2>/dev/null | sort); do
        strip "$f" | grep -nE "$pattern" | while IFS=: read -r line _; do
            echo "$f:$line: $message"
        done
    done
}

out=$(check_absent '\bsqlite3_' "uses SQLite outside src/store" src/core src/app src/term src/cli)
[ -n "$out" ] && fail "$out"
out=$(check_absent '\b(printf|fprintf|vfprintf|puts|fputs|putchar|fputc|perror|fwrite)[[:space:]]*\(|\b(stdout|stderr|stdin)\b|\b(exit|_exit|abort_with_message|die|warnx|warn_errno)[[:space:]]*\(|\b(getchar|fgets|getline|scanf|readline)[[:space:]]*\(' \
    "prints, reads stdin or exits below cli/" src/core src/store src/app)
[ -n "$out" ] && fail "$out"
out=$(check_absent '\b(fopen|open|openat|opendir|stat|lstat|fstat|getenv|time|clock_gettime|unlink|rename|mkdir)[[:space:]]*\(' \
    "does I/O in the pure core" src/core)
[ -n "$out" ] && fail "$out"

if [ $status -eq 0 ]; then
    echo "layers: $(echo "$files" | wc -l) files, every include and call in its layer"
fi
exit $status
