#!/usr/bin/env python3
"""Execute the interactive Python examples in rehearse deck files.

Every fenced block whose info string is exactly ``python`` and that holds
``>>>`` prompts is run as a doctest, each block in a fresh namespace, so a
card can never depend on another card's state.  A block whose info string
is ``python no-run`` is skipped: the deck format reserves it for examples
that make no sense to execute (network calls, pseudo-code).

Usage: run_snippets.py DECK.md...   (exit 0 when every example matches)
"""
import doctest
import sys


def blocks(path):
    """Yield (first line number, info string, text) for each fenced block."""
    with open(path, encoding="utf-8") as deck:
        lines = deck.read().split("\n")
    inside = False
    for number, line in enumerate(lines, 1):
        if not inside and line.startswith("```"):
            inside, info, start, body = True, line[3:].strip(), number, []
        elif inside and line.strip() == "```":
            inside = False
            yield start, info, "\n".join(body) + "\n"
        elif inside:
            body.append(line)


def main(paths):
    parser = doctest.DocTestParser()
    flags = doctest.ELLIPSIS | doctest.REPORT_NDIFF
    runner = doctest.DocTestRunner(optionflags=flags)
    executed = 0
    for path in paths:
        for start, info, text in blocks(path):
            if info != "python" or ">>>" not in text:
                continue
            name = "%s:%d" % (path, start)
            test = parser.get_doctest(text, {}, name, path, start)
            runner.run(test)
            executed += 1
    result = runner.summarize(verbose=False)
    print("%d snippets, %d examples, %d failed"
          % (executed, result.attempted, result.failed))
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
