#!/usr/bin/env python3
"""anki.py: how fast an Anki package imports (docs/benchmarks.md, "Anki
packages").

    bench/anki.py --rehearse build/release/rehearse [--notes 10000]
                  [--reviews 50000] [--runs 5] [--data DIR]

Writes two packages of the same notes into --data (default
build/bench-anki): legacy.apkg (collection.anki21, schema 11, deflated by
zipfile) and current.apkg (collection.anki21b, schema 18, compressed with
the zstd tool), each with --notes notes (70% Basic, 15% Basic (and
reversed card), 15% Cloze with two deletions, so about 1.3 cards a note)
and --reviews review-log rows spread over the cards.  Then imports each
--runs times into a fresh collection, each run under GNU time
(/usr/bin/time, whose 1.5 ms does not matter here) for the process's CPU
time and peak RSS, and timed from spawn to exit.  Prints one line per
package: median and worst wall time, median CPU time (user + system: on
a shared machine the steadier figure), peak RSS, package size.
The issue's floor: under 3 s, and under 64 MB plus the package size.
"""
import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

BASE_MS = 1672531200000  # 2023-01-01 UTC: the first review
BASIC_Q, BASIC_A = "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"


def fields(i, kind):
    if kind == "cloze":
        return ["In Python, {{c1::list.append::method}} adds one item and "
                "{{c2::list.extend}} adds many (note %d)" % i,
                "See <i>the tutorial</i>"]
    front = "<div>What does <b>example %d</b> print?</div>" % i
    back = ("<pre><code class=\"language-python\">def f(n):\n"
            "    return [x * %d for x in range(n)]\n</code></pre>"
            "<div>It prints <code>[0, %d, %d]</code> &amp; returns.</div>"
            % (i, i, 2 * i))
    return [front, back]


def notes_and_cards(n, rng):
    """(note id, guid, model, fields, tags, [card ords])"""
    out = []
    for i in range(n):
        r = rng.random()
        kind = "basic" if r < 0.70 else "reversed" if r < 0.85 else "cloze"
        ords = [0, 1] if kind != "basic" else [0]
        out.append((10_000_000 + i, "g%08d" % i, kind, fields(i, kind),
                    " python bench%d " % (i % 20), ords))
    return out


SCHEMA = """
CREATE TABLE col (id integer PRIMARY KEY, crt integer, mod integer,
  scm integer, ver integer, dty integer, usn integer, ls integer,
  conf text, models text, decks text, dconf text, tags text);
CREATE TABLE notes (id integer PRIMARY KEY, guid text, mid integer,
  mod integer, usn integer, tags text, flds text, sfld integer,
  csum integer, flags integer, data text);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer, did integer,
  ord integer, mod integer, usn integer, type integer, queue integer,
  due integer, ivl integer, factor integer, reps integer, lapses integer,
  left integer, odue integer, odid integer, flags integer, data text);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer, usn integer,
  ease integer, ivl integer, lastIvl integer, factor integer,
  time integer, type integer);
"""
SCHEMA18 = """
CREATE TABLE notetypes (id integer PRIMARY KEY, name text, mtime_secs
  integer, usn integer, config blob);
CREATE TABLE fields (ntid integer, ord integer, name text, config blob,
  PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
CREATE TABLE templates (ntid integer, ord integer, name text, mtime_secs
  integer, usn integer, config blob, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
CREATE TABLE decks (id integer PRIMARY KEY, name text, mtime_secs integer,
  usn integer, common blob, kind blob);
"""
MODELS = {
    "basic": (1, "Basic", 0, ["Front", "Back"], [(BASIC_Q, BASIC_A)]),
    "reversed": (2, "Basic (and reversed card)", 0, ["Front", "Back"],
                 [(BASIC_Q, BASIC_A),
                  ("{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}")]),
    "cloze": (3, "Cloze", 1, ["Text", "Back Extra"],
              [("{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")]),
}


def pb_string(field, text):
    data = text.encode()
    out, n = bytearray([(field << 3) | 2]), len(data)
    while n >= 128:
        out.append((n & 127) | 128)
        n >>= 7
    out.append(n)
    return bytes(out) + data


def write_collection(path, notes, reviews, rng, current):
    db = sqlite3.connect(path)
    db.executescript(SCHEMA + (SCHEMA18 if current else ""))
    import json
    models = {str(m[0]): {"id": m[0], "name": m[1], "type": m[2],
                          "flds": [{"name": f, "ord": k} for k, f in enumerate(m[3])],
                          "tmpls": [{"name": "Card %d" % (k + 1), "ord": k,
                                     "qfmt": q, "afmt": a}
                                    for k, (q, a) in enumerate(m[4])]}
              for m in MODELS.values()}
    decks = {"1": {"id": 1, "name": "Default"},
             "2": {"id": 2, "name": "Bench"}}
    ver = 18 if current else 11
    db.execute("INSERT INTO col VALUES (1, 0, ?, 0, ?, 0, 0, 0, '{}', ?, ?, '{}', '{}')",
               (BASE_MS, ver, "" if current else json.dumps(models),
                "" if current else json.dumps(decks)))
    if current:
        for m in MODELS.values():
            db.execute("INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)",
                       (m[0], m[1], b"\x08\x01" if m[2] else b""))
            for k, f in enumerate(m[3]):
                db.execute("INSERT INTO fields VALUES (?, ?, ?, x'')", (m[0], k, f))
            for k, (q, a) in enumerate(m[4]):
                db.execute("INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)",
                           (m[0], k, "Card %d" % (k + 1),
                            pb_string(1, q) + pb_string(2, a)))
        db.execute("INSERT INTO decks VALUES (1, 'Default', 0, 0, x'', x'')")
        db.execute("INSERT INTO decks VALUES (2, 'Bench', 0, 0, x'', x'')")
    cards = []
    for nid, guid, kind, flds, tags, ords in notes:
        db.execute("INSERT INTO notes VALUES (?, ?, ?, 1672531200, -1, ?, ?, '', 0, 0, '')",
                   (nid, guid, MODELS[kind][0], tags, "\x1f".join(flds)))
        for o in ords:
            cid = nid * 10 + o
            cards.append(cid)
            db.execute("INSERT INTO cards VALUES (?, ?, 2, ?, 0, -1, 2, 2, 0, 1, "
                       "2500, 0, 0, 0, 0, 0, 0, '')", (cid, nid, o))
    ms = BASE_MS
    rows = []
    for i in range(reviews):
        ms += rng.randint(20_000, 40_000_000) if i % 50 == 0 else rng.randint(5000, 60_000)
        rows.append((ms, rng.choice(cards), rng.choice([1, 3, 3, 3, 2, 4]), 1))
    db.executemany("INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, 2500, 8000, ?)", rows)
    db.commit()
    db.execute("VACUUM")
    db.close()


def build(data, notes, reviews):
    os.makedirs(data, exist_ok=True)
    rng = random.Random(15)
    ns = notes_and_cards(notes, rng)
    with tempfile.TemporaryDirectory() as tmp:
        legacy = os.path.join(tmp, "collection.anki21")
        write_collection(legacy, ns, reviews, random.Random(16), False)
        with zipfile.ZipFile(os.path.join(data, "legacy.apkg"), "w",
                             zipfile.ZIP_DEFLATED) as z:
            z.write(legacy, "collection.anki21")
            z.writestr("media", "{}")
        cur = os.path.join(tmp, "collection.db")
        write_collection(cur, ns, reviews, random.Random(16), True)
        subprocess.run(["zstd", "-q", "-3", cur, "-o", cur + ".zst"], check=True)
        with zipfile.ZipFile(os.path.join(data, "current.apkg"), "w",
                             zipfile.ZIP_STORED) as z:
            z.writestr("meta", b"\x08\x03")
            z.write(cur + ".zst", "collection.anki21b")
            z.writestr("media", b"")


def run_import(rehearse, package, home):
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=home + "/data",
               XDG_CONFIG_HOME=home + "/config", XDG_STATE_HOME=home + "/state",
               REHEARSE_COLLECTION=home + "/collection.db", TZ="UTC",
               REHEARSE_DECKDIR="")
    cmd = ["/usr/bin/time", "-f", "%U %S %M", rehearse, "import", package]
    start = time.monotonic()
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, check=True)
    wall = time.monotonic() - start
    user, system, rss = p.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss), p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rehearse", required=True)
    ap.add_argument("--notes", type=int, default=10000)
    ap.add_argument("--reviews", type=int, default=50000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", default="build/bench-anki")
    a = ap.parse_args()
    build(a.data, a.notes, a.reviews)
    home = os.path.join(a.data, "home")
    print("%-12s %8s %8s %8s %9s %8s  %s" % (
        "package", "median", "worst", "cpu", "peak RSS", "size", "result"))
    for name in ("legacy.apkg", "current.apkg"):
        pkg = os.path.join(a.data, name)
        runs = [run_import(a.rehearse, pkg, home) for _ in range(a.runs)]
        walls = [r[0] for r in runs]
        first = runs[0][3].splitlines()[0] if runs[0][3] else ""
        print("%-12s %7.2fs %7.2fs %7.2fs %6.1f MB %5.1f MB  %s" % (
            name, statistics.median(walls), max(walls),
            statistics.median(r[1] for r in runs),
            max(r[2] for r in runs) / 1024, os.path.getsize(pkg) / 1e6, first))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
