#!/usr/bin/env python3
"""Validate labelled.jsonl against the decks.

Usage: python3 check.py [DECKS_DIR] [LABELLED_JSONL]

DECKS_DIR defaults to ../../../decks relative to this script and
LABELLED_JSONL to labelled.jsonl beside it.  Every line must be a JSON
object naming an existing deck and card, with a known kind, a non-empty
answer, and a "keys" list that repeats the card's Keys line exactly (same
texts, same order), each with a boolean "covered".  Prints counts per deck
and per kind and the number of true and false labels; exits 1 on any
problem, 2 on bad usage.

The deck reader follows src/core/deck.c: front matter between '---' lines,
cards start at '## ' lines outside a code fence, 'Tags:' and 'Keys:' are
fields only at column 0 outside a fence, Keys split on ';' and each item
trimmed of spaces and tabs.
"""

import json
import os
import sys
from collections import Counter

KINDS = (
    "full", "paraphrase", "abbreviated", "typos", "synonyms", "partial",
    "one-liner", "wrong-right-words", "negated", "off-topic",
)
FIELDS = {"deck", "card", "kind", "answer", "keys"}
MAX_ANSWER = 700  # characters; the brief asks for answers up to ~600


def trim(s):
    return s.strip(" \t")


def read_deck(path):
    """Return (deck_id, {card_id: {"question", "answer", "keys"}}, order)."""
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    lines = [l[:-1] if l.endswith("\r") else l for l in lines]
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != "---":
        raise ValueError("%s: no front matter" % path)
    i = 1
    deck_id = None
    while i < len(lines) and lines[i] != "---":
        line = lines[i]
        if ":" in line:
            k, v = line.split(":", 1)
            if k == "id":
                deck_id = trim(v)
        i += 1
    if i == len(lines):
        raise ValueError("%s: front matter not closed" % path)
    if deck_id is None:
        raise ValueError("%s: front matter has no id" % path)
    cards = {}
    order = []
    cur = None
    fence = None  # (char, length) while inside a code fence
    for line in lines[i + 1:]:
        if fence:
            n = len(line) - len(line.lstrip(fence[0]))
            if n >= fence[1] and line[n:].strip(" \t") == "":
                fence = None
            if cur is not None:
                cur["answer"].append(line)
            continue
        if line.startswith("## "):
            h = trim(line[3:])
            open_at = h.rfind("{#")
            if not h.endswith("}") or open_at < 0:
                raise ValueError("%s: bad heading %r" % (path, line))
            cid = h[open_at + 2:-1]
            if cid in cards:
                raise ValueError("%s: duplicate card id %s" % (path, cid))
            cur = {"question": trim(h[:open_at]), "answer": [], "keys": None}
            cards[cid] = cur
            order.append(cid)
            continue
        if line.startswith("Tags:"):
            continue
        if line.startswith("Keys:"):
            if cur is None:
                raise ValueError("%s: Keys line outside a card" % path)
            cur["keys"] = [trim(k) for k in trim(line[5:]).split(";")]
            continue
        if len(line) >= 3 and line[0] in "`~":
            n = len(line) - len(line.lstrip(line[0]))
            if n >= 3:
                fence = (line[0], n)
        if cur is not None:
            cur["answer"].append(line)
    for c in cards.values():
        c["answer"] = "\n".join(c["answer"]).strip("\n")
    return deck_id, cards, order


def load_decks(decks_dir):
    decks = {}
    for name in sorted(os.listdir(decks_dir)):
        if not name.endswith(".md"):
            continue
        deck_id, cards, order = read_deck(os.path.join(decks_dir, name))
        decks[deck_id] = {"cards": cards, "order": order}
    return decks


def check(decks, jsonl_path):
    problems = []
    per_deck = Counter()
    per_kind = Counter()
    cards_seen = {}
    labels = Counter()
    seen_answers = {}
    n = 0
    with open(jsonl_path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            where = "%s:%d" % (os.path.basename(jsonl_path), lineno)

            def bad(msg):
                problems.append("%s: %s" % (where, msg))

            if not line.strip():
                bad("blank line")
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                bad("not JSON: %s" % e)
                continue
            if not isinstance(obj, dict):
                bad("not a JSON object")
                continue
            if set(obj) != FIELDS:
                bad("fields must be exactly %s, got %s"
                    % (sorted(FIELDS), sorted(obj)))
                continue
            n += 1
            deck, card, kind = obj["deck"], obj["card"], obj["kind"]
            answer, keys = obj["answer"], obj["keys"]
            if kind not in KINDS:
                bad("unknown kind %r" % (kind,))
            if not isinstance(answer, str) or not answer.strip():
                bad("answer must be a non-empty string")
            elif len(answer) > MAX_ANSWER:
                bad("answer is %d characters (max %d)"
                    % (len(answer), MAX_ANSWER))
            elif answer in seen_answers:
                bad("same answer as line %d" % seen_answers[answer])
            else:
                seen_answers[answer] = lineno
            if deck not in decks:
                bad("unknown deck %r" % (deck,))
                continue
            if card not in decks[deck]["cards"]:
                bad("unknown card %r in deck %r" % (card, deck))
                continue
            want = decks[deck]["cards"][card]["keys"]
            if want is None:
                bad("card %s/%s has no Keys line" % (deck, card))
                continue
            if not isinstance(keys, list):
                bad("keys must be a list")
                continue
            got = []
            ok = True
            for k in keys:
                if (not isinstance(k, dict) or set(k) != {"text", "covered"}
                        or not isinstance(k["text"], str)
                        or not isinstance(k["covered"], bool)):
                    bad("each key must be {\"text\": str, \"covered\": bool}")
                    ok = False
                    break
                got.append(k["text"])
            if not ok:
                continue
            if got != want:
                bad("keys do not match %s/%s Keys line:\n    want %r\n    got  %r"
                    % (deck, card, want, got))
                continue
            cov = [k["covered"] for k in keys]
            if kind in ("wrong-right-words", "negated") and all(cov):
                bad("kind %s but every key is covered" % kind)
            if kind == "off-topic" and any(cov):
                bad("kind off-topic but a key is covered")
            if kind == "full" and not all(cov):
                bad("kind full but a key is missed")
            if kind == "partial" and (all(cov) or not any(cov)):
                bad("kind partial needs some keys covered and some missed")
            per_deck[deck] += 1
            per_kind[kind] += 1
            cards_seen.setdefault(deck, set()).add(card)
            for c in cov:
                labels[c] += 1
    return n, per_deck, per_kind, cards_seen, labels, problems


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    if len(argv) > 3 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    decks_dir = argv[1] if len(argv) > 1 else os.path.join(
        here, "..", "..", "..", "decks")
    jsonl = argv[2] if len(argv) > 2 else os.path.join(here, "labelled.jsonl")
    try:
        decks = load_decks(decks_dir)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        print("check.py: cannot read decks: %s" % e, file=sys.stderr)
        return 1
    if not decks:
        print("check.py: no decks in %s" % decks_dir, file=sys.stderr)
        return 1
    try:
        n, per_deck, per_kind, cards_seen, labels, problems = check(decks, jsonl)
    except (OSError, UnicodeDecodeError) as e:
        print("check.py: %s" % e, file=sys.stderr)
        return 1
    print("lines: %d" % n)
    print("per deck (lines, distinct cards / cards in deck):")
    for d in sorted(decks):
        print("  %-28s %4d  %3d / %d" % (d, per_deck[d], len(cards_seen.get(d, ())),
                                         len(decks[d]["cards"])))
    print("per kind:")
    for k in KINDS:
        print("  %-28s %4d" % (k, per_kind[k]))
    print("key labels: %d covered (true), %d missed (false)"
          % (labels[True], labels[False]))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print("check.py: %d problem(s)" % len(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
