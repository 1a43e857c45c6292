# terminal.sh: the terminal conventions, seen on a real (tmux) terminal:
# colour only where it can show (a terminal, NO_COLOR unset, TERM usable),
# Unicode glyphs only in a UTF-8 locale, and text wrapped to the width the
# window has at each card, so a resize takes effect at the next one.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/tmux.bash"
export REHEARSE_NOW=2026-07-01T09:00
words=$(printf 'word%02d ' $(seq 0 29))
write_deck "$WORK/w.md" w 1 "a|$words|Answer A" "b|$words|> quoted"
"$REHEARSE" import --allow-unsigned "$WORK/w.md" >/dev/null
cp "$REHEARSE_COLLECTION" "$WORK/imported.db"
runs=0
fresh() { # a collection of its own for the next run: both cards due
    runs=$((runs + 1))
    export REHEARSE_COLLECTION=$WORK/run$runs.db
    cp "$WORK/imported.db" "$REHEARSE_COLLECTION"
}
utf8=LANG=C.UTF-8

# Colour: the question is bold on a terminal that can show it.
fresh
tm_start 80 24 TERM=xterm-256color "$utf8" -- --new 5
tm_wait "answer>"
expect_contains "bold question on a colour terminal" $'\e[1mword00' "$(tm_screen -e)"
for case in "TERM=dumb" "NO_COLOR=1 TERM=xterm" "TERM="; do
    fresh
    # shellcheck disable=SC2086
    tm_start 80 24 $case "$utf8" -- --new 5
    tm_wait "answer>"
    case "$(tm_screen -e)" in
    *$'\e[1m'* | *$'\e[2m'*) fail "$case: colour on the screen: [$(tm_screen -e)]" ;;
    esac
done

# Glyphs: a block quote's bar is box drawing in UTF-8, '>' otherwise,
# whether or not there is colour.
fresh
tm_start 80 24 TERM=xterm LC_ALL=C -- --new 5
tm_wait "answer>"
tm_keys Enter
tm_keys 5 Enter
tm_wait "[1 done"
tm_keys Enter
tm_wait "reference answer"
expect_contains "ASCII quote bar in the C locale, with colour" "  > quoted" "$(tm_screen)"
fresh
out=$(printf '\n5\n\n5\n' | env LC_ALL=C.UTF-8 "$REHEARSE" --new 5)
expect_contains "box-drawing quote bar in UTF-8, no colour" $'  \u2502 quoted' "$out"
fresh
out=$(printf '\n5\n\n5\n' | env LC_ALL=C "$REHEARSE" --new 5)
expect_contains "ASCII quote bar in the C locale, no colour" "  > quoted" "$out"
case "$out" in *$'\xe2'*) fail "non-ASCII glyphs in the C locale: [$out]" ;; esac

# Width: the first card wraps at 80 columns; after the window shrinks to
# 40, the next card wraps at 40, and no line is wider than the window.
fresh
tm_start 80 24 TERM=xterm "$utf8" -- --new 5
tm_wait "answer>"
expect_contains "first card wrapped at 80" "word09 word10"$'\n'"  word11" "$(tm_screen)"
tm resize-window -x 40 -y 24
tm_keys Enter
tm_keys 5 Enter
tm_wait "[1 done"
after=$(tm_screen | sed -n '/\[1 done/,$p' | sed '/^answer>/q')
expect_contains "next card wrapped at 40" "word04"$'\n'"  word05" "$after"
expect_eq "widest line of the next card" 40 "$(printf '%s\n' "$after" | widest | awk '{ print ($1 <= 40) ? 40 : $1 }')"

# stats on a terminal fills its width and never wraps a line.
for cols in 40 80 200; do
    tm_start "$cols" 50 TERM=xterm-256color "$utf8" -- stats
    tm_wait "[exit 0]"
    expect_eq "stats at $cols columns: widest line within the window" ok \
        "$(tm_screen | widest | awk -v w="$cols" '{ print ($1 <= w) ? "ok" : $1 }')"
done
expect_contains "52 weeks at 200 columns" "last 52 weeks" "$(tm_screen)"
finish
