#!/usr/bin/env bash
# run-fuzzers.sh SECONDS BUILD_DIR [TARGET...]
#
# Runs each libFuzzer binary built with REHEARSE_FUZZ=ON (default: all of
# deck render pubkey seckey signature config anki_html anki_package) for
# SECONDS seconds, on a scratch copy of its seed corpus with its
# dictionary, and prints per target the executions per second and the
# total executions.
#
# The repository's corpus is never written to: new inputs go to the
# scratch copy (kept under BUILD_DIR/fuzz-run/corpus/TARGET for a later
# `-merge=1`).  Seeds named crash-* are known, reported bugs kept for the
# replay tests; they are left out here so a known bug does not stop the
# search for new ones.  A crash, leak, timeout or out-of-memory input is
# copied to BUILD_DIR/fuzz-run/crashes/TARGET/ and its path printed; the
# script then exits 1.  Exit 2 on bad usage or a missing binary.
#
# Environment: FUZZ_MAX_LEN (65536), FUZZ_RSS_MB (2048), FUZZ_TIMEOUT
# (seconds per input before it counts as a hang, 10), FUZZ_ARGS (extra
# libFuzzer flags).
set -u

usage() {
    echo "usage: $0 SECONDS BUILD_DIR [TARGET...]" >&2
    exit 2
}
[ $# -ge 2 ] || usage
seconds=$1
build=$2
shift 2
case $seconds in '' | *[!0-9]*) usage ;; esac
[ -d "$build" ] || { echo "$0: $build: not a directory" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] ||
    targets=(deck render pubkey seckey signature config anki_html anki_package)

max_len=${FUZZ_MAX_LEN:-65536}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout=${FUZZ_TIMEOUT:-10}
out=$build/fuzz-run

dict_for() {
    case $1 in
    pubkey | seckey | signature) echo "$here/dict/sign.dict" ;;
    *) echo "$here/dict/$1.dict" ;;
    esac
}

find_binary() {
    local bin
    for bin in "$build/tests/fuzz/fuzz_$1" "$build/fuzz_$1"; do
        [ -x "$bin" ] && { echo "$bin"; return 0; }
    done
    bin=$(find "$build" -maxdepth 4 -type f -name "fuzz_$1" -perm -u+x \
        2>/dev/null | head -n 1)
    [ -n "$bin" ] && { echo "$bin"; return 0; }
    return 1
}

count_files() {
    find "$1" -maxdepth 1 -type f | wc -l
}

# The value of libFuzzer's final `stat::NAME:` line in a log, or "?".
stat_of() {
    local v
    v=$(sed -n "s/^stat::$1: *\([0-9][0-9]*\).*/\1/p" "$2" | tail -n 1)
    echo "${v:-?}"
}

for t in "${targets[@]}"; do
    find_binary "$t" >/dev/null || {
        echo "$0: no fuzz_$t under $build (configure with" \
            "-DREHEARSE_FUZZ=ON and CC=clang, then build)" >&2
        exit 2
    }
done

mkdir -p "$out/logs"
status=0
summary=()
for t in "${targets[@]}"; do
    bin=$(find_binary "$t")
    corpus=$out/corpus/$t
    crashes=$out/crashes/$t
    log=$out/logs/$t.log
    rm -rf "$corpus" "$crashes"
    mkdir -p "$corpus" "$crashes"
    if [ -d "$here/corpus/$t" ]; then
        find "$here/corpus/$t" -maxdepth 1 -type f ! -name 'crash-*' \
            -exec cp {} "$corpus/" \;
    fi
    dict=$(dict_for "$t")
    dict_arg=()
    [ -f "$dict" ] && dict_arg=("-dict=$dict")

    echo "== fuzz_$t: ${seconds}s, corpus $(count_files "$corpus") seeds" >&2
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -max_len="$max_len" \
        -rss_limit_mb="$rss_mb" -timeout="$timeout" -print_final_stats=1 \
        -artifact_prefix="$crashes/" "${dict_arg[@]}" ${FUZZ_ARGS:-} \
        "$corpus" >"$log" 2>&1
    rc=$?

    execs=$(stat_of number_of_executed_units "$log")
    rate=$(stat_of average_exec_per_sec "$log")
    found=$(find "$crashes" -type f | sort | head -n 20)
    if [ $rc -ne 0 ] || [ -n "$found" ]; then
        status=1
        summary+=("$(printf '%-10s FAILED (exit %d) exec/s %s, %s execs' \
            "$t" "$rc" "$rate" "$execs")")
        echo "fuzz_$t FAILED (exit $rc); log: $log" >&2
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz property failed)' "$log" \
            | head -n 5 >&2
        while IFS= read -r f; do
            [ -n "$f" ] && echo "  input: $f" >&2
        done <<<"$found"
    else
        summary+=("$(printf '%-10s ok  exec/s %8s  total execs %10s  corpus %s' \
            "$t" "$rate" "$execs" "$(count_files "$corpus")")")
    fi
done

echo
echo "fuzzing summary (${seconds}s per target; logs in $out/logs):"
for line in "${summary[@]}"; do
    echo "  $line"
done
exit $status
