"""bad_anki.py FIXTURES OUTDIR: writes the hostile and broken Anki
packages tests/e2e/anki_import.sh feeds the importer, each from the legacy
fixture with one thing wrong.  Built at test time (small, but some are
bombs that would be silly to commit)."""
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

fixtures, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(os.path.join(fixtures, "legacy-21.apkg")) as z:
    legacy = z.read("collection.anki21")


def package(name, entries, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(out, name), "w", method) as z:
        for entry, data in entries:
            info = zipfile.ZipInfo("x")
            info.filename = entry  # as given: no clean-up of the name
            info.compress_type = method
            z.writestr(info, data)


def changed(sql):
    """The legacy collection with sql applied."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "c.db")
        with open(path, "wb") as f:
            f.write(legacy)
        db = sqlite3.connect(path)
        db.executescript(sql)
        db.commit()
        db.close()
        with open(path, "rb") as f:
            return f.read()


with open(os.path.join(out, "not-a-zip.apkg"), "wb") as f:
    f.write(b"PK\x03\x04" + b"this is not really a zip archive" * 8)
package("no-collection.apkg", [("hello.txt", b"hello")])
package("bomb.apkg", [("collection.anki2", bytes(50 << 20))])
with zipfile.ZipFile(os.path.join(out, "entries.apkg"), "w") as z:
    z.writestr("collection.anki21", legacy)
    for i in range(100000):
        z.writestr(str(i), b"")
zeros = subprocess.run(["zstd", "-q", "-c"], input=bytes(64 << 20),
                       stdout=subprocess.PIPE, check=True).stdout
package("zstd-bomb.apkg", [("collection.anki21b", zeros)])
package("bad-zstd.apkg", [("collection.anki21b", b"not zstd at all" * 4)])
package("dotdot.apkg", [("collection.anki21", legacy), ("../../evil.txt", b"x")])
package("absolute.apkg", [("collection.anki21", legacy), ("/tmp/evil.txt", b"x")])
package("truncated.apkg", [("collection.anki21", legacy[: len(legacy) * 3 // 5])])
package("not-sqlite.apkg", [("collection.anki2", b"hello world, not SQLite" * 10)])
package("schema99.apkg", [("collection.anki21", changed("UPDATE col SET ver = 99"))])
package("utf8.apkg", [("collection.anki21", changed(
    "UPDATE notes SET flds = CAST(X'616263FF1F6261636B' AS TEXT) WHERE id = 4001"))])
package("control.apkg", [("collection.anki21", changed(
    "UPDATE notes SET flds = CAST(X'66726F6E741F610362' AS TEXT) WHERE id = 4001"))])
package("dup-guid.apkg", [("collection.anki21", changed("UPDATE notes SET guid = 'lg-basic-1'"))])
package("meta9.apkg", [("meta", b"\x08\x09"), ("collection.anki21", legacy)])
