#!/bin/sh
# bench/run.sh: the benchmark harness in one command (docs/benchmarks.md).
#
#   bench/run.sh [--quick] [--out DIR] [--seed N]
#
# Builds the release configuration with the data generator into
# build/bench, generates the data once into build/bench-data (or
# $BENCH_DATA; it is reused while its parameters match), runs every
# scenario and floor, prints the tables and writes results.csv and
# targets.csv into bench/ (or --out DIR).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/bench"
for tool in cmake python3 sqlite3 minisign stdbuf; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "bench: '$tool' is missing" >&2
        exit 1
    }
done
cmake --preset release -B "$build" -DREHEARSE_BENCH=ON \
    -DBUILD_TESTING=OFF >"$build.log" 2>&1 ||
    { cat "$build.log" >&2; exit 1; }
cmake --build "$build" -j2 >>"$build.log" 2>&1 ||
    { cat "$build.log" >&2; exit 1; }
[ -x "$build/bench/rehearse-bench-gen" ] || {
    echo "bench: no generator: the top-level CMakeLists.txt needs" \
        "option(REHEARSE_BENCH ...) and add_subdirectory(bench)" >&2
    exit 1
}
exec python3 "$root/bench/bench.py" --rehearse "$build/rehearse" \
    --gen "$build/bench/rehearse-bench-gen" \
    --data "${BENCH_DATA:-$root/build/bench-data}" "$@"
