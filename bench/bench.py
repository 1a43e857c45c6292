#!/usr/bin/env python3
"""bench.py: rehearse's benchmark scenarios and their floors.

Run it through bench/run.sh, which builds the release binary and the data
generator first; docs/benchmarks.md explains every number it prints.

Every measurement is a whole process, timed here from spawn to exit.
Each series starts with one warm-up run, not timed, made under GNU time
(/usr/bin/time -f %M) for the process's peak RSS: the kernel's ru_maxrss
of a child spawned straight from this Python process would include
Python's own memory, which Linux carries across exec, and running every
timed run under GNU time would add its 1.5 ms to every figure.  Two
scenarios look inside the process: time to the first question (stops when
the first card is on the pipe) and answer latency (from writing a grade
to reading the next card; those sessions run under GNU time throughout,
which cannot touch a latency measured inside the session).

Data is generated once under --data and reused while its parameters match;
each run works on fresh copies, so the generated files never change.
"""
import argparse
import csv
import os
import platform
import re
import select
import shutil
import statistics
import subprocess
import sys
import time

NOW = "2026-03-01T09:00"      # REHEARSE_NOW: the benchmark day, 9 am UTC
TODAY = "2026-03-01"
TODAY_DAY = 20513             # days since 1970-01-01
AT = 1772355600               # NOW as unix seconds
DUE_TODAY = 400               # "a day's worth" of due cards
DATA_VERSION = "7"            # bump when gen.c or the schema changes what it writes
# The progress line: "[3 done, 7 left] deck/card", with ", 2 again later"
# after "left" when cards wait for a same-day repeat.
HEADER = re.compile(
    rb"\[(\d+) done, (\d+) left(?:, \d+ again later)?\] ([a-z0-9-]+)/([a-z0-9-]+)\n")
TIME = "/usr/bin/time"        # GNU time, for the peak RSS
TYPED = "a name is bound to the object; the cache is thread-safe"
# `rehearse show`: the card of the review in the middle of the log.
SHOW_CARD_SQL = ("SELECT d.slug || '/' || c.slug FROM reviews r JOIN cards c "
                 "ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id WHERE "
                 "r.id >= (SELECT max(id) / 2 FROM reviews) LIMIT 1;")
# `rehearse search`: two words of the generator's vocabulary (gen.c).
SEARCH_WORDS = ["generator", "decorator"]
# `rehearse plan`: a goal a week after the benchmark day over the two
# decks with the most cards.
PLAN_DATE = "2026-03-08"
PLAN_DECKS_SQL = ("SELECT d.slug FROM decks d JOIN cards c ON c.deck_id = "
                  "d.id GROUP BY d.id ORDER BY count(*) DESC LIMIT 2;")

FULL = {
    "import_sizes": [1000, 10000, 100000],
    "collections": [(100000, 1000000), (1000000, 10000000)],
    "import_runs": 5, "first_runs": 10, "listing_runs": 10,
    "calibration_runs": 5,
    "version_runs": 20, "answers": 1000, "answer_runs": 3,
}
QUICK = {
    "import_sizes": [1000, 10000],
    "collections": [(10000, 100000), (100000, 1000000)],
    "import_runs": 3, "first_runs": 5, "listing_runs": 5,
    "calibration_runs": 3,
    "version_runs": 10, "answers": 300, "answer_runs": 2,
}


def fail(msg):
    sys.exit("bench: " + msg)


def kilo(n):
    return f"{n // 1000000}M" if n >= 1000000 and n % 1000000 == 0 else (
        f"{n // 1000}k" if n % 1000 == 0 else str(n))


class Bench:
    def __init__(self, args):
        self.args = args
        self.cfg = dict(QUICK if args.quick else FULL)
        self.rehearse = os.path.abspath(args.rehearse)
        self.gen = os.path.abspath(args.gen)
        self.data = os.path.abspath(args.data)
        self.run_dir = os.path.join(self.data, "run")
        self.home = os.path.join(self.data, "home")
        self.rss_path = os.path.join(self.run_dir, "rss")
        self.rows = []     # measurements: dicts for results.csv
        self.checks = []   # targets: dicts for targets.csv
        for tool in ("sqlite3", "minisign", "stdbuf", TIME):
            if shutil.which(tool) is None:
                fail(f"'{tool}' is missing (apt-get install sqlite3 minisign"
                     " coreutils time)")
        # A clean home each time: rehearse keeps state there (backups,
        # history) that would otherwise differ between runs of the harness.
        shutil.rmtree(self.home, ignore_errors=True)
        for d in (self.data, self.run_dir, self.home):
            os.makedirs(d, exist_ok=True)
        self.base_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "XDG_STATE_HOME": os.path.join(self.home, "state"),
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "TZ": "UTC", "LC_ALL": "C", "NO_COLOR": "1",
            "REHEARSE_DECKDIR": "", "REHEARSE_NOW": NOW,
        }

    # ---- processes ----

    def env(self, collection=None):
        e = dict(self.base_env)
        if collection:
            e["REHEARSE_COLLECTION"] = collection
        return e

    def wrap(self, argv):
        """argv under GNU time, which writes the peak RSS (KiB) to a file."""
        return [TIME, "-f", "%M", "-o", self.rss_path] + argv

    def peak_rss(self):
        with open(self.rss_path) as f:
            lines = f.read().split("\n")
        # GNU time writes "Command exited with non-zero status" first.
        return int([x for x in lines if x.strip().isdigit()][-1])

    def timed(self, argv, env=None, stdin=None, check=True, rss=False):
        """Runs argv to completion: (seconds, peak RSS KiB or None when
        not asked for, stdout bytes)."""
        out_path = os.path.join(self.run_dir, "stdout")
        err_path = os.path.join(self.run_dir, "stderr")
        with open(out_path, "wb") as out, open(err_path, "wb") as err, \
                (open(stdin, "rb") if stdin else open(os.devnull, "rb")) as inp:
            t0 = time.perf_counter()
            p = subprocess.Popen(self.wrap(argv) if rss else argv,
                                 env=env or self.env(), stdin=inp,
                                 stdout=out, stderr=err)
            p.wait()
            t1 = time.perf_counter()
        with open(out_path, "rb") as f:
            output = f.read()
        if check and p.returncode != 0:
            with open(err_path, "rb") as f:
                fail(f"{' '.join(argv)} exited {p.returncode}:\n"
                     f"{f.read().decode(errors='replace')}")
        return t1 - t0, self.peak_rss() if rss else None, output

    def quiet(self, argv, env=None, stdin=None):
        return self.timed(argv, env, stdin)[2]

    # ---- data ----

    def marker_ok(self, path, params):
        try:
            with open(path) as f:
                return f.read() == params
        except OSError:
            return False

    def write_marker(self, path, params):
        with open(path, "w") as f:
            f.write(params)

    def prepare_keys(self):
        keys = os.path.join(self.data, "keys")
        self.pub = os.path.join(keys, "bench.pub")
        self.key = os.path.join(keys, "bench.key")
        if not (os.path.exists(self.pub) and os.path.exists(self.key)):
            shutil.rmtree(keys, ignore_errors=True)
            os.makedirs(keys)
            self.quiet([self.rehearse, "keygen", "-W", "-p", self.pub,
                        "-s", self.key])
        # An empty collection that trusts the key: every import starts
        # from a copy of it.
        self.empty = os.path.join(self.data, "empty.db")
        remove_db(self.empty)
        self.quiet([self.rehearse, "trust", self.pub, "--name", "bench"],
                   self.env(self.empty))
        if os.path.exists(self.empty + "-wal"):
            fail("empty.db kept a WAL file after rehearse closed it")

    def prepare_decks(self, n):
        d = os.path.join(self.data, f"decks-{n}")
        params = f"{DATA_VERSION} deck seed={self.args.seed} cards={n}\n"
        marker = os.path.join(d, "ok")
        if not self.marker_ok(marker, params):
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            t0 = time.perf_counter()
            for v in (1, 2):
                out = os.path.join(d, f"v{v}")
                msg = self.quiet([self.gen, "deck", "--seed",
                                  str(self.args.seed), "--cards", str(n),
                                  "--version", str(v), "--out", out])
                print("  " + msg.decode().strip())
                for md in deck_files(out):
                    self.quiet([self.rehearse, "sign", "-s", self.key, md])
            print(f"  decks of {kilo(n)} cards made in "
                  f"{time.perf_counter() - t0:.1f} s")
            self.write_marker(marker, params)
        v1db = os.path.join(d, "v1.db")
        if not self.marker_ok(v1db + ".ok", params + self.pub_text()):
            remove_db(v1db)
            copy_db(self.empty, v1db)
            self.quiet([self.rehearse, "import"] +
                       deck_files(os.path.join(d, "v1")), self.env(v1db))
            self.write_marker(v1db + ".ok", params + self.pub_text())
        return d

    def pub_text(self):
        with open(self.pub) as f:
            return f.read()

    def prepare_collection(self, cards, reviews):
        d = os.path.join(self.data, f"collection-{kilo(cards)}-{kilo(reviews)}")
        db = os.path.join(d, "collection.db")
        params = (f"{DATA_VERSION} collection seed={self.args.seed} "
                  f"cards={cards} reviews={reviews} due={DUE_TODAY} "
                  f"today={TODAY}\n")
        marker = os.path.join(d, "ok")
        if not self.marker_ok(marker, params):
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            t0 = time.perf_counter()
            # rehearse itself makes the schema; the generator fills it.
            self.quiet([self.rehearse, "decks"], self.env(db))
            msg = self.quiet([self.gen, "collection", "--seed",
                              str(self.args.seed), "--cards", str(cards),
                              "--reviews", str(reviews), "--due",
                              str(DUE_TODAY), "--today", TODAY, "--db", db])
            print("  " + msg.decode().strip())
            msg = self.quiet([self.gen, "check", "--today", TODAY,
                              "--db", db])
            print("  " + msg.decode().strip())
            print(f"  collection made and checked in "
                  f"{time.perf_counter() - t0:.1f} s "
                  f"({os.path.getsize(db) / 2**20:.0f} MiB)")
            self.write_marker(marker, params)
        return db

    # ---- recording ----

    def record(self, scenario, size, subject, times, rss, p99=None,
               unit_runs=None):
        times_ms = [t * 1000 for t in times]
        row = {
            "scenario": scenario, "size": size, "subject": subject,
            "runs": unit_runs if unit_runs is not None else len(times),
            "median_ms": statistics.median(times_ms),
            "min_ms": min(times_ms), "max_ms": max(times_ms),
            "p99_ms": p99 * 1000 if p99 is not None else None,
            "peak_rss_kib": max(rss) if rss else None,
        }
        self.rows.append(row)
        p = f" p99 {row['p99_ms']:8.2f}" if p99 is not None else " " * 13
        r = f"{row['peak_rss_kib'] / 1024:7.1f} MiB" if rss else ""
        print(f"    {scenario:<14} {size:<12} {subject:<24} "
              f"n={row['runs']:<5} median {row['median_ms']:9.2f} ms  "
              f"min {row['min_ms']:9.2f}  max {row['max_ms']:9.2f}{p}  {r}",
              flush=True)
        return row

    def target(self, what, size, measured, floor, ratio, goal, met, note=""):
        self.checks.append({"target": what, "size": size,
                            "measured": measured, "floor": floor,
                            "ratio": ratio, "goal": goal,
                            "verdict": "met" if met else "MISSED",
                            "note": note})

    # ---- scenario 1: import ----

    def scenario_import(self, n):
        d = self.prepare_decks(n)
        v1, v2 = deck_files(os.path.join(d, "v1")), deck_files(
            os.path.join(d, "v2"))
        v1db = os.path.join(d, "v1.db")
        fresh = os.path.join(self.run_dir, "import.db")
        floor_db = os.path.join(self.run_dir, "floor.db")
        import_sql = os.path.join(self.run_dir, "floor-import.sql")
        update_sql = os.path.join(self.run_dir, "floor-update.sql")
        write_floor_import(import_sql, os.path.join(d, "v1"))
        write_floor_update(update_sql, os.path.join(d, "v2"))
        size = f"N={kilo(n)}"
        res = {k: ([], []) for k in ("imp", "imp_floor", "imp_sig",
                                     "imp_sql", "re", "re_floor")}

        def add(key, t, rss):
            # run 0 (warm-up) gives the RSS, the others the times
            if rss is None:
                res[key][0].append(t)
            else:
                res[key][1].append(rss)

        def minisign(files, rss):
            total, peak = 0.0, 0
            for f in files:
                t, r, _ = self.timed(["minisign", "-Vm", f, "-p", self.pub],
                                     rss=rss)
                total += t
                peak = max(peak, r or 0)
            return total, peak if rss else None

        def both(a, b):
            return None if a is None else max(a, b)

        for run in range(self.cfg["import_runs"] + 1):
            warm = run == 0
            remove_db(fresh)
            copy_db(self.empty, fresh)
            t, rss, out = self.timed([self.rehearse, "import"] + v1,
                                     self.env(fresh), rss=warm)
            if warm and out.count(b"imported '") != len(v1):
                fail(f"import of {n} cards said: {out[:300]!r}")
            add("imp", t, rss)
            remove_db(floor_db)
            copy_db(self.empty, floor_db)
            ts, rs = minisign(v1, warm)
            tq, rq, _ = self.timed(["sqlite3", "-batch", floor_db],
                                   stdin=import_sql, rss=warm)
            add("imp_sig", ts, rs)
            add("imp_sql", tq, rq)
            add("imp_floor", ts + tq, both(rs, rq))
            if warm:
                same_rows(fresh, floor_db, n)
            remove_db(fresh)
            copy_db(v1db, fresh)
            t, rss, out = self.timed([self.rehearse, "import"] + v2,
                                     self.env(fresh), rss=warm)
            if warm:
                changed = sum(int(m) for m in re.findall(
                    rb"0 added, (\d+) changed, 0 retired", out))
                if changed != n // 10:
                    fail(f"re-import changed {changed} cards, not {n // 10}:"
                         f" {out[:300]!r}")
            add("re", t, rss)
            remove_db(floor_db)
            copy_db(v1db, floor_db)
            ts, rs = minisign(v2, warm)
            tq, rq, _ = self.timed(["sqlite3", "-batch", floor_db],
                                   stdin=update_sql, rss=warm)
            add("re_floor", ts + tq, both(rs, rq))
            if warm:
                same_rows(fresh, floor_db, n, update=True)
        remove_db(fresh)
        remove_db(floor_db)
        out = {}
        for key, label, subject in (
                ("imp", "import", "rehearse import"),
                ("imp_floor", "import", "floor (minisign+sqlite3)"),
                ("imp_sig", "import", "  minisign -Vm"),
                ("imp_sql", "import", "  sqlite3 .import"),
                ("re", "re-import", "rehearse import v2"),
                ("re_floor", "re-import", "floor (minisign+sqlite3)")):
            out[key] = self.record(label, size, subject, *res[key])
        return out

    # ---- scenarios 2-4 on one collection ----

    def start_study(self, db, rss=True):
        argv = [self.rehearse, "study"]
        t0 = time.perf_counter()
        p = subprocess.Popen(self.wrap(argv) if rss else argv,
                             env=self.env(db),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, bufsize=0)
        return p, t0

    def read_until(self, p, buf, pattern, start, timeout=60.0):
        """Reads p.stdout into buf until pattern matches after start."""
        fd = p.stdout.fileno()
        deadline = time.perf_counter() + timeout
        while True:
            m = pattern.search(buf, start)
            if m:
                return m
            left = deadline - time.perf_counter()
            if left <= 0:
                fail("timed out waiting for output: "
                     f"{bytes(buf[-300:])!r}")
            r, _, _ = select.select([fd], [], [], left)
            if r:
                chunk = os.read(fd, 65536)
                if not chunk:
                    err = p.stderr.read().decode(errors="replace")
                    fail(f"process ended early: {bytes(buf[-300:])!r} {err}")
                buf += chunk

    def finish_study(self, p, rss=True):
        p.stdin.write(b":quit\n")
        p.stdin.close()
        while os.read(p.stdout.fileno(), 65536):
            pass
        if p.wait() != 0:
            fail(f"rehearse study exited {p.returncode}: "
                 f"{p.stderr.read().decode(errors='replace')}")
        return self.peak_rss() if rss else None

    def first_question(self, db, rss):
        p, t0 = self.start_study(db, rss)
        buf = bytearray()
        m = self.read_until(p, buf, HEADER, 0)
        t = time.perf_counter() - t0
        rss = self.finish_study(p, rss)
        return t, rss, m.group(3).decode() + "/" + m.group(4).decode()

    def scenario_collection(self, cards, reviews):
        pristine = self.prepare_collection(cards, reviews)
        size = f"C={kilo(cards)} R={kilo(reviews)}"
        db = os.path.join(self.run_dir, "collection.db")
        remove_db(db)
        t0 = time.perf_counter()
        copy_db(pristine, db)
        print(f"  working copy made in {time.perf_counter() - t0:.1f} s")
        out = {}

        # 2. time to the first question, and its floor
        floor_sql = os.path.join(self.run_dir, "floor-first.sql")
        with open(floor_sql, "w") as f:
            f.write(PRAGMAS + FIRST_DUE_SQL.format(today=TODAY_DAY))
        fq, fq_rss, fl, fl_rss = [], [], [], []
        for run in range(self.cfg["first_runs"] + 1):
            warm = run == 0
            t, rss, card = self.first_question(db, warm)
            tf, rf, shown = self.timed(["sqlite3", "-batch", db],
                                       stdin=floor_sql, rss=warm)
            if warm:
                lines = shown.decode().split("\n")
                if len(lines) < 2 or lines[1].split("|")[0] != card:
                    fail(f"the floor's next due card {shown!r} is not "
                         f"rehearse's first card {card}")
                fq_rss.append(rss)
                fl_rss.append(rf)
                continue
            fq.append(t)
            fl.append(tf)
        out["first"] = self.record("first question", size, "rehearse study",
                                   fq, fq_rss)
        out["first_floor"] = self.record("first question", size,
                                         "floor (sqlite3 query)", fl, fl_rss)

        # 4. stats and decks (read only, so before the answers)
        for cmd in ("stats", "decks"):
            times, rss = [], []
            for run in range(self.cfg["listing_runs"] + 1):
                t, r, _ = self.timed([self.rehearse, cmd], self.env(db),
                                     rss=run == 0)
                if run:
                    times.append(t)
                else:
                    rss.append(r)
            out[cmd] = self.record(cmd, size, f"rehearse {cmd}", times, rss)

        # 4b. show (a reviewed card from the middle of the log) and a
        # two-word search, both read only
        card = self.quiet(["sqlite3", "-batch", db, SHOW_CARD_SQL]
                          ).decode().strip()
        if not card:
            fail("no reviewed card to show")
        for cmd, argv in (("show", ["show", card]),
                          ("search", ["search"] + SEARCH_WORDS)):
            times, rss = [], []
            for run in range(self.cfg["listing_runs"] + 1):
                t, r, _ = self.timed([self.rehearse] + argv, self.env(db),
                                     rss=run == 0)
                if run:
                    times.append(t)
                else:
                    rss.append(r)
            out[cmd] = self.record(cmd, size, f"rehearse {' '.join(argv)}",
                                   times, rss)

        # 4b'. stats --calibration: the whole log through every model (a
        # few seconds a run at 10M reviews, hence fewer runs)
        times, rss = [], []
        for run in range(self.cfg["calibration_runs"] + 1):
            t, r, _ = self.timed([self.rehearse, "stats", "--calibration"],
                                 self.env(db), rss=run == 0)
            if run:
                times.append(t)
            else:
                rss.append(r)
        out["calibration"] = self.record("calibration", size,
                                         "rehearse stats --calibration",
                                         times, rss)

        # 4c. a goal over the two largest decks: `rehearse plan`, and the
        # first question of a plan session (the goal is cleared after)
        decks = self.quiet(["sqlite3", "-batch", db, PLAN_DECKS_SQL]
                           ).decode().split()
        goal = ["plan", "--date", PLAN_DATE]
        for d in decks:
            goal += ["--deck", d]
        self.quiet([self.rehearse] + goal, self.env(db))
        times, rss = [], []
        for run in range(self.cfg["listing_runs"] + 1):
            t, r, _ = self.timed([self.rehearse, "plan"], self.env(db),
                                 rss=run == 0)
            if run:
                times.append(t)
            else:
                rss.append(r)
        out["plan"] = self.record("plan", size, "rehearse plan (2 decks)",
                                  times, rss)
        pq, pq_rss = [], []
        for run in range(self.cfg["first_runs"] + 1):
            t, r, _ = self.first_question(db, run == 0)
            if run:
                pq.append(t)
            else:
                pq_rss.append(r)
        out["plan_first"] = self.record("first question", size,
                                        "rehearse study (plan)", pq, pq_rss)
        self.quiet([self.rehearse, "plan", "--clear"], self.env(db))

        # 3. answer latency, then its floor (both write)
        due = [int(x) for x in self.quiet(
            ["sqlite3", "-batch", db, DUE_IDS_SQL.format(today=TODAY_DAY)]
        ).split()]
        if len(due) < 100:
            fail(f"only {len(due)} cards due in the working copy")
        # One warm-up session each, then sessions taking turns, so neither
        # side always meets the first checkpoint into a cold file.
        lat, rss, flat, frss = [], [], [], []
        for run in range(self.cfg["answer_runs"] + 1):
            la, r = self.answer_run(db, 100 if run == 0 else None)
            fl, fr = self.answer_floor_run(db, due,
                                           100 if run == 0 else None)
            if run:
                lat += la
                flat += fl
            rss.append(r)
            frss.append(fr)
        out["answer"] = self.record("answer", size, "rehearse study", lat,
                                    rss, p99=percentile(lat, 99),
                                    unit_runs=len(lat))
        lat, rss = flat, frss
        out["answer_floor"] = self.record(
            "answer", size, "floor (sqlite3 txn)", lat, rss,
            p99=percentile(lat, 99), unit_runs=len(lat))
        remove_db(db)
        return out

    def answer_run(self, db, count=None):
        """One study session grading `count` cards: latencies, RSS."""
        p, _ = self.start_study(db)
        buf = bytearray()
        m = self.read_until(p, buf, HEADER, 0)
        lat = []
        for i in range(count or self.cfg["answers"]):
            # Grade 3 passes but brings the card back later today, so the
            # queue never runs dry: every answer is a full commit.
            t0 = time.perf_counter()
            p.stdin.write(f"{TYPED}\n\n3\n".encode())
            p.stdin.flush()
            m = self.read_until(p, buf, HEADER, m.end())
            lat.append(time.perf_counter() - t0)
        return lat, self.finish_study(p)

    def answer_floor_run(self, db, due, count=None):
        """The same commits through the sqlite3 shell, one at a time."""
        p = subprocess.Popen(self.wrap(["stdbuf", "-oL", "sqlite3", "-batch",
                                        db]),
                             env=self.env(), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             bufsize=0)
        p.stdin.write((PRAGMAS + "SELECT 'ready';\n").encode())
        buf = bytearray()
        m = self.read_until(p, buf, re.compile(rb"^ready\n", re.M), 0)
        lat = []
        for i in range(count or self.cfg["answers"]):
            card, nxt = due[i % len(due)], due[(i + 1) % len(due)]
            sql = ANSWER_SQL.format(card=card, next=nxt, day=TODAY_DAY,
                                    at=AT + i, typed=TYPED, i=i)
            t0 = time.perf_counter()
            p.stdin.write(sql.encode())
            m = self.read_until(p, buf, re.compile(
                rb"^answered %d\n" % i, re.M), m.end())
            lat.append(time.perf_counter() - t0)
        p.stdin.close()
        while os.read(p.stdout.fileno(), 65536):
            pass
        if p.wait() != 0:
            fail("sqlite3 floor failed: "
                 + p.stderr.read().decode(errors="replace"))
        return lat, self.peak_rss()

    # ---- scenario 5 ----

    def scenario_startup(self):
        out = {}
        for key, argv, subject in (
                ("version", [self.rehearse, "--version"], "rehearse --version"),
                ("true", ["/bin/true"], "/bin/true (spawn cost)")):
            times, rss = [], []
            for run in range(self.cfg["version_runs"] + 1):
                t, r, _ = self.timed(argv, rss=run == 0)
                if run:
                    times.append(t)
                else:
                    rss.append(r)
            out[key] = self.record("start-up", "-", subject, times, rss)
        return out

    # ---- the whole run ----

    def run(self):
        started = time.perf_counter()
        print_machine(self)
        print("\n== data (generated once, then reused) ==", flush=True)
        self.prepare_keys()
        for n in self.cfg["import_sizes"]:
            self.prepare_decks(n)
        for c, r in self.cfg["collections"]:
            self.prepare_collection(c, r)
        os.sync()   # no write-back of fresh data during the measurements
        print(f"  data ready after {time.perf_counter() - started:.0f} s")

        print("\n== measurements (ms; RSS is the peak of one process) ==")
        imports = {}
        for n in self.cfg["import_sizes"]:
            imports[n] = self.scenario_import(n)
        colls = {}
        for c, r in self.cfg["collections"]:
            colls[(c, r)] = self.scenario_collection(c, r)
        startup = self.scenario_startup()

        self.judge(imports, colls, startup)
        self.write_csv()
        print(f"\nwhole run: {time.perf_counter() - started:.0f} s")

    def judge(self, imports, colls, startup):
        for n, o in imports.items():
            size = f"N={kilo(n)}"
            for key, floor, what in (("imp", "imp_floor", "import"),
                                     ("re", "re_floor", "re-import")):
                m, f = o[key]["median_ms"], o[floor]["median_ms"]
                self.target(f"{what} time vs floor", size, f"{m:.1f} ms",
                            f"{f:.1f} ms", m / f, "<= 1.5x", m / f <= 1.5)
        sizes = sorted(imports)
        small, big = sizes[0], sizes[-1]
        rs, rb = (imports[small]["imp"]["peak_rss_kib"],
                  imports[big]["imp"]["peak_rss_kib"])
        self.target("import peak RSS bounded in N",
                    f"N={kilo(small)}..{kilo(big)}",
                    f"{rs / 1024:.1f} -> {rb / 1024:.1f} MiB", "-", rb / rs,
                    "flat (<= 1.5x)", rb / rs <= 1.5,
                    "; ".join(f"{kilo(n)}: "
                              f"{imports[n]['imp']['peak_rss_kib'] / 1024:.1f}"
                              f" MiB" for n in sizes))
        per_card = {n: imports[n]["imp"]["median_ms"] * 1000 / n
                    for n in sizes}
        self.target("import time linear in N (us/card)",
                    f"N={kilo(small)}..{kilo(big)}",
                    " ".join(f"{per_card[n]:.1f}" for n in sizes), "-",
                    per_card[big] / per_card[sizes[1] if len(sizes) > 2
                                             else small],
                    "us/card flat (<= 1.5x)",
                    per_card[big] <= 1.5 * per_card[sizes[1] if len(sizes) > 2
                                                    else small],
                    "ratio compares the largest N with the middle one; "
                    "the smallest is dominated by start-up")
        for (c, r), o in colls.items():
            size = f"C={kilo(c)} R={kilo(r)}"
            m, f = o["first"]["median_ms"], o["first_floor"]["median_ms"]
            self.target("first question vs floor", size, f"{m:.1f} ms",
                        f"{f:.1f} ms", m / f, "<= 2x", m / f <= 2)
            for stat, key in (("p50", "median_ms"), ("p99", "p99_ms")):
                m, f = o["answer"][key], o["answer_floor"][key]
                self.target(f"answer latency {stat} vs floor", size,
                            f"{m:.2f} ms", f"{f:.2f} ms", m / f, "<= 1.5x",
                            m / f <= 1.5)
        big_c = max(colls)
        m = colls[big_c]["stats"]["median_ms"]
        self.target("stats median", f"C={kilo(big_c[0])} R={kilo(big_c[1])}",
                    f"{m:.1f} ms", "-", m / 100, "< 100 ms", m < 100)
        for (c, r), o in colls.items():
            if r == 1000000:
                m = o["calibration"]["median_ms"]
                self.target("stats --calibration median",
                            f"C={kilo(c)} R={kilo(r)}", f"{m:.0f} ms", "-",
                            m / 3000, "< 3 s", m < 3000)
        for (c, r), o in colls.items():
            size = f"C={kilo(c)} R={kilo(r)}"
            m, f = o["plan_first"]["median_ms"], o["first"]["median_ms"]
            self.target("first question, plan vs plain", size, f"{m:.1f} ms",
                        f"{f:.1f} ms", m / f, "<= 1.5x", m / f <= 1.5)
        for cmd, goal in (("plan", 100), ("search", 20), ("show", 10)):
            m = colls[big_c][cmd]["median_ms"]
            self.target(f"{cmd} median", f"C={kilo(big_c[0])} "
                        f"R={kilo(big_c[1])}", f"{m:.1f} ms", "-", m / goal,
                        f"< {goal} ms", m < goal)
        keys = sorted(colls)
        lo, hi = colls[keys[0]], colls[keys[-1]]
        span = (f"{kilo(keys[0][0])}/{kilo(keys[0][1])} -> "
                f"{kilo(keys[-1][0])}/{kilo(keys[-1][1])}")
        for label, key, field in (("first question", "first", "median_ms"),
                                  ("answer latency p50", "answer",
                                   "median_ms"),
                                  ("answer latency p99", "answer", "p99_ms")):
            a, b = lo[key][field], hi[key][field]
            self.target(f"{label} flat in C and R", span,
                        f"{a:.2f} -> {b:.2f} ms", "-", b / a,
                        "flat (<= 1.5x)", b / a <= 1.5)
        print("\n== targets ==")
        print(f"  {'target':<38} {'size':<22} {'measured':<26} "
              f"{'floor':<10} {'ratio':>7}  {'goal':<22} verdict")
        for t in self.checks:
            print(f"  {t['target']:<38} {t['size']:<22} {t['measured']:<26} "
                  f"{t['floor']:<10} {t['ratio']:7.2f}  {t['goal']:<22} "
                  f"{t['verdict']}")
            if t["note"]:
                print(f"  {'':<38} {t['note']}")

    def write_csv(self):
        out = os.path.abspath(self.args.out)
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "results.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(self.rows[0]))
            w.writeheader()
            for row in self.rows:
                w.writerow({k: (f"{v:.3f}" if isinstance(v, float) else v)
                            for k, v in row.items()})
        with open(os.path.join(out, "targets.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(self.checks[0]))
            w.writeheader()
            for row in self.checks:
                w.writerow({k: (f"{v:.3f}" if isinstance(v, float) else v)
                            for k, v in row.items()})
        print(f"\nwrote {out}/results.csv and {out}/targets.csv")


# ---- SQL for the floors: the statements rehearse runs, by hand ----

PRAGMAS = ("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n"
           "PRAGMA foreign_keys = ON;\n")

FIRST_DUE_SQL = """SELECT d.slug || '/' || c.slug, c.question FROM cards c
JOIN decks d ON d.id = c.deck_id WHERE c.due <= {today} AND c.retired = 0
AND c.suspended = 0 ORDER BY c.due, c.id LIMIT 1;
"""

DUE_IDS_SQL = ("SELECT id FROM cards WHERE due <= {today} AND retired = 0 "
               "AND suspended = 0 ORDER BY due, id;")

ANSWER_SQL = """BEGIN IMMEDIATE;
UPDATE cards SET reps = 0, interval = 1, ef = 236, lapses = 1, due = {day} + 1
 WHERE id = {card};
INSERT INTO reviews(card_id, at, day, kind, grade, duration_ms, reps_before,
 interval_before, ef_before, lapses_before, due_before, reps_after,
 interval_after, ef_after, lapses_after, due_after, undoes) VALUES ({card},
 {at}, {day}, 'review', 3, 5200, 4, 60, 250, 0, {day}, 5, 150, 236, 0,
 {day} + 150, NULL);
INSERT INTO answers(card_id, review_id, at, day, source, answer, duration_ms,
 grade, keys_total, keys_covered, coverage) VALUES ({card},
 last_insert_rowid(), {at}, {day}, 'study', '{typed}', 5200, 3, 3, 1,
 '[false,true,false]');
INSERT INTO daily(day, deck_id, reviews, passed, time_ms)
 SELECT {day}, deck_id, 1, 1, 5200 FROM cards WHERE id = {card}
 ON CONFLICT(day, deck_id) DO UPDATE SET reviews = reviews + excluded.reviews,
 passed = passed + excluded.passed, time_ms = time_ms + excluded.time_ms;
COMMIT;
SELECT d.slug, c.slug, c.question, c.answer, c.tags, c.keys FROM cards c
 JOIN decks d ON d.id = c.deck_id WHERE c.id = {next};
SELECT 'answered {i}';
"""


CARD_COLUMNS = ("id, deck_id, slug, question, answer, tags, keys, position, "
                "generation, retired, suspended, reps, interval, ef, lapses, "
                "due")
CARDS_IN = f"CREATE TEMP TABLE cards_in({CARD_COLUMNS});\n"
CARDS_COPY = (f"INSERT INTO cards({CARD_COLUMNS}) SELECT "
              + CARD_COLUMNS.replace("due", "nullif(due, '')")
              + " FROM temp.cards_in;\n")


def write_floor_import(path, deck_dir):
    """sqlite3 loads the rows rehearse would write, from CSV, in one
    transaction, into the same tables and indexes."""
    with open(path, "w") as f:
        f.write(PRAGMAS)
        f.write("BEGIN IMMEDIATE;\n")
        f.write(f".read {deck_dir}/floor-decks.sql\n")
        # Schema 4's cards table is STRICT and has a generated column, so
        # the rows go through a plain temporary table (the shell's .import
        # writes '' for NULL and counts generated columns).
        f.write(CARDS_IN)
        f.write(f".import --csv --schema temp {deck_dir}/floor-cards.csv"
                " cards_in\n")
        f.write(CARDS_COPY)
        f.write(f".import --csv {deck_dir}/floor-tags.csv card_tags\n")
        f.write("COMMIT;\n")


def write_floor_update(path, deck_dir):
    """What an update to version 2 writes, as set operations: every card
    rewritten (rehearse rewrites each row it touches), the changed cards'
    tags replaced, the deck rows bumped, missing cards retired."""
    with open(path, "w") as f:
        f.write(PRAGMAS)
        f.write("""BEGIN IMMEDIATE;
CREATE TEMP TABLE upd(deck, slug, question, answer, tags, keys,
 position INTEGER, changed INTEGER);
CREATE TEMP TABLE updtags(deck, slug, tag);
""")
        f.write(f".import --csv --schema temp {deck_dir}/floor-update.csv upd\n")
        f.write(f".import --csv --schema temp {deck_dir}/floor-update-tags.csv"
                " updtags\n")
        f.write("""UPDATE decks SET version = version + 1,
 generation = generation + 1, source_hash = zeroblob(32),
 imported_at = 1772355600 WHERE slug IN (SELECT DISTINCT deck FROM temp.upd);
UPDATE cards SET question = u.question, answer = u.answer, tags = u.tags,
 keys = u.keys, position = u.position, generation = d.generation, retired = 0
 FROM temp.upd u JOIN decks d ON d.slug = u.deck
 WHERE cards.deck_id = d.id AND cards.slug = u.slug;
DELETE FROM card_tags WHERE card_id IN (SELECT c.id FROM temp.upd u
 JOIN decks d ON d.slug = u.deck JOIN cards c ON c.deck_id = d.id
 AND c.slug = u.slug WHERE u.changed);
INSERT INTO card_tags(tag, card_id) SELECT t.tag, c.id FROM temp.updtags t
 JOIN decks d ON d.slug = t.deck JOIN cards c ON c.deck_id = d.id
 AND c.slug = t.slug;
UPDATE cards SET retired = 1 WHERE deck_id IN (SELECT d.id FROM decks d
 WHERE d.slug IN (SELECT deck FROM temp.upd)) AND generation <
 (SELECT generation FROM decks WHERE id = cards.deck_id) AND retired = 0;
COMMIT;
""")


def same_rows(rehearse_db, floor_db, n, update=False):
    """The floor must have written what rehearse wrote (due aside: the
    shell's .import writes '' where rehearse writes NULL)."""
    cols = ("deck_id, slug, question, answer, tags, keys, position, "
            "generation, retired, suspended, reps, interval, ef, lapses")
    for sql in (f"SELECT {cols} FROM cards ORDER BY id",
                "SELECT tag, card_id FROM card_tags ORDER BY card_id, tag",
                "SELECT slug, version, generation FROM decks ORDER BY id"):
        a = subprocess.run(["sqlite3", rehearse_db, sql], capture_output=True,
                           check=True).stdout
        b = subprocess.run(["sqlite3", floor_db, sql], capture_output=True,
                           check=True).stdout
        if a != b:
            fail(f"the {'update ' if update else ''}floor wrote other rows "
                 f"than rehearse ({sql})")
    count = subprocess.run(["sqlite3", rehearse_db,
                            "SELECT count(*) FROM cards"],
                           capture_output=True, check=True).stdout
    if int(count) != n:
        fail(f"expected {n} cards, found {int(count)}")


def copy_db(src, dst):
    """Copies a collection and flushes the copy to disk, so that no run
    pays for writing back pages the copy left dirty."""
    remove_db(dst)
    shutil.copyfile(src, dst)
    fd = os.open(dst, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def deck_files(d):
    return sorted(os.path.join(d, f) for f in os.listdir(d)
                  if f.endswith(".md"))


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def percentile(values, p):
    s = sorted(values)
    k = max(0, -(-len(s) * p // 100) - 1)   # nearest rank
    return s[int(k)]


def first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True).stdout
        return out.strip().split("\n")[0]
    except OSError:
        return "?"


def print_machine(b):
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 2**20
    st = os.statvfs(b.data)
    df = subprocess.run(["df", "--output=source,fstype", b.data],
                        capture_output=True, text=True).stdout.split("\n")
    dev = df[1] if len(df) > 1 else "?"
    print("== machine ==")
    print(f"  cpu     {os.cpu_count()} x {model}")
    print(f"  memory  {mem:.1f} GiB")
    print(f"  disk    {' '.join(dev.split())} for {b.data} "
          f"({st.f_bavail * st.f_frsize / 2**30:.0f} GiB free)")
    print(f"  kernel  {platform.release()}")
    print(f"  tools   {first_line(['sqlite3', '--version'])[:20]} (sqlite3), "
          f"{first_line(['minisign', '-v'])}, Python "
          f"{platform.python_version()}")
    print(f"  binary  {b.rehearse} "
          f"({first_line([b.rehearse, '--version'])})")
    print(f"  mode    {'quick' if b.args.quick else 'full'}, seed "
          f"{b.args.seed}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rehearse", required=True, help="the rehearse binary")
    ap.add_argument("--gen", required=True, help="rehearse-bench-gen")
    ap.add_argument("--data", required=True,
                    help="where generated data lives (reused)")
    ap.add_argument("--out", default=here,
                    help="where results.csv and targets.csv go")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true",
                    help="smaller sizes and fewer runs, for trying it out")
    Bench(ap.parse_args()).run()


if __name__ == "__main__":
    main()
