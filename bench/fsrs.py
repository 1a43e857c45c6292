#!/usr/bin/env python3
"""fsrs.py: how fast FSRS-6 is fitted to a history and judged against it
(docs/benchmarks.md, "FSRS").

    bench/fsrs.py --build build/release [--reviews 100000 1000000]
                  [--runs 3] [--data DIR]

For each size R, makes a collection (in --data, default build/bench-fsrs)
of R/10 cards in decks of at most 25,000 and gives it about R reviews
with tests' simulate_history (months of reviews on SM-2's due days,
recalled as a known FSRS-6 memory says), then times, --runs times each,
under GNU time (/usr/bin/time) for CPU time and peak RSS:

  - `rehearse optimize --dry-run` (the fit, nothing stored);
  - `rehearse stats --calibration --json`, when the binary has it.

Prints one line per command and size: median wall time, median CPU
time, peak RSS, and the reviews in the log.  The issue's targets:
optimize under 2 s at 100k reviews and under 20 s at 1M, with memory
that grows with the review data only; calibration under 3 s at 1M.
"""
import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

TODAY = "2026-06-01"
TODAY_DAY = 20605  # days from 1970-01-01 to TODAY


def write_decks(folder, cards):
    os.makedirs(folder, exist_ok=True)
    per = 25_000
    paths = []
    for n, start in enumerate(range(0, cards, per)):
        path = os.path.join(folder, "fsrs-%02d.md" % n)
        with open(path, "w") as f:
            f.write("---\nid: fsrs-%02d\ntitle: FSRS bench %d\nversion: 1\n"
                    "author: bench\n---\n" % (n, n))
            for i in range(start, min(cards, start + per)):
                f.write("\n## What is item %d? {#c%d}\n\nItem %d.\n"
                        % (i, i, i))
        paths.append(path)
    return paths


def env_for(data):
    env = dict(os.environ)
    env.update(HOME=data, XDG_DATA_HOME=data + "/xdg-data",
               XDG_CONFIG_HOME=data + "/xdg-config",
               XDG_STATE_HOME=data + "/xdg-state",
               REHEARSE_COLLECTION=data + "/collection.db",
               REHEARSE_DECKDIR="", REHEARSE_NOW=TODAY + "T09:00", TZ="UTC",
               TERM="dumb")
    return env


def make_collection(build, data, reviews):
    if os.path.exists(data):
        shutil.rmtree(data)
    os.makedirs(data)
    env = env_for(data)
    decks = write_decks(os.path.join(data, "decks"), max(reviews // 10, 1))
    subprocess.run([build + "/rehearse", "import", "--allow-unsigned"] + decks,
                   env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    subprocess.run([build + "/tests/simulate_history", env[
        "REHEARSE_COLLECTION"], str(TODAY_DAY), "400", "1"], env=env,
        check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(env["REHEARSE_COLLECTION"])
    n = db.execute("SELECT count(*) FROM reviews").fetchone()[0]
    db.close()
    return env, n


def timed(argv, env):
    """(wall s, cpu s, peak RSS KiB) of one run, or None if it failed."""
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + argv, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    wall = time.monotonic() - start
    if p.returncode != 0:
        return None
    user, system, rss = p.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss)


def has_calibration(build, env):
    p = subprocess.run([build + "/rehearse", "stats", "--help"], env=env,
                       capture_output=True, text=True)
    return "--calibration" in p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build/release")
    ap.add_argument("--reviews", type=int, nargs="+",
                    default=[100_000, 1_000_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", default="build/bench-fsrs")
    a = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("fsrs.py: needs GNU time (/usr/bin/time)")
    build = os.path.abspath(a.build)
    for size in a.reviews:
        data = os.path.abspath(os.path.join(a.data, str(size)))
        env, n = make_collection(build, data, size)
        commands = [("optimize --dry-run", ["optimize", "--dry-run"])]
        if has_calibration(build, env):
            commands.append(("stats --calibration",
                             ["stats", "--calibration", "--json"]))
        for name, args in commands:
            runs = [timed([build + "/rehearse"] + args, env)
                    for _ in range(a.runs)]
            if any(r is None for r in runs):
                sys.exit("fsrs.py: '%s' failed" % name)
            print("%-22s reviews %8d  wall %7.2f s  cpu %7.2f s  "
                  "peak RSS %6.1f MiB" % (
                      name, n, statistics.median(r[0] for r in runs),
                      statistics.median(r[1] for r in runs),
                      max(r[2] for r in runs) / 1024), flush=True)


if __name__ == "__main__":
    main()
