"""Print the display width of the widest line on stdin, as a terminal
shows it: SGR sequences take no room, East Asian wide characters two
columns, combining marks and format characters none."""
import re
import sys
import unicodedata

SGR = re.compile(r"\x1b\[[0-9;]*m")


def columns(line):
    n = 0
    for ch in SGR.sub("", line):
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


text = sys.stdin.buffer.read().decode("utf-8", "replace")
print(max((columns(l) for l in text.split("\n")), default=0))
