#!/usr/bin/env python3
"""sizes.py: no source file over 700 lines, no function over 60.

Functions are found the way this codebase writes them (clang-format's
Linux brace style): a definition's opening brace alone in column 0 and
its closing brace alone in column 0.  The count is of the lines between
the braces, so a 60-line function is one that can be read at once.

Usage: sizes.py [SOURCE_DIR]   (exit 0 when every file and function fits)
"""
import pathlib
import re
import sys

MAX_FILE_LINES = 700
MAX_FUNCTION_LINES = 60


def functions(lines):
    """Yield (name, first line number, body length) for each definition."""
    start = None
    for number, line in enumerate(lines, 1):
        if line == "{" and start is None:
            start = number
        elif line == "}" and start is not None:
            header = ""
            for back in range(start - 2, max(start - 6, -1), -1):
                header = lines[back] + " " + header
                if re.match(r"^[A-Za-z_]", lines[back]):
                    break
            match = re.search(r"([A-Za-z_][A-Za-z_0-9]*)\s*\(", header)
            name = match.group(1) if match else "?"
            yield name, start, number - start - 1
            start = None


def main(root):
    root = pathlib.Path(root)
    problems = []
    files = sorted(root.glob("src/**/*.c"))
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        rel = path.relative_to(root)
        if len(lines) - 1 > MAX_FILE_LINES:
            problems.append(f"{rel}: {len(lines) - 1} lines "
                            f"(at most {MAX_FILE_LINES})")
        for name, start, length in functions(lines):
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{rel}:{start}: {name}() is {length} lines "
                                f"(at most {MAX_FUNCTION_LINES})")
    for problem in problems:
        print(problem)
    if not problems:
        print(f"sizes: {len(files)} files, none over {MAX_FILE_LINES} lines,"
              f" no function over {MAX_FUNCTION_LINES}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else
                  pathlib.Path(__file__).resolve().parents[2]))
