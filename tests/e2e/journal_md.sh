# journal_md.sh: `journal --format md` keeps the lines and code blocks of
# reference answers, and quotes typed answers as typed (a block quote
# around a fence no backticks in them can close), controls made visible, newlines kept.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-05-01T09:00
cat >"$WORK/c.md" <<'DECK'
---
id: code
title: Code
version: 1
author: tests
---

## How do you reverse a list? {#rev}

Two ways:

```python
xs.reverse()
ys = xs[::-1]
```

The first works in place.
DECK
"$REHEARSE" import --allow-unsigned "$WORK/c.md" >/dev/null
# An interview answer of three lines, one with a run of backticks and
# one with an escape character.
printf 'use ```reverse```\nor a slice \033[31m\nthe end\n\n4\n' |
    "$REHEARSE" interview --count 1 >/dev/null
out=$("$REHEARSE" journal --format md)
case "$out" in *"^J"*) fail "newlines shown as ^J: $out" ;; esac
expect_contains "reference code block kept" '```python
xs.reverse()
ys = xs[::-1]
```

The first works in place.' "$out"
expect_contains "typed answer fenced, newlines kept, escape made visible" '> ````
> use ```reverse```
> or a slice ^[[31m
> the end
> ````' "$out"
finish
