# long_card.sh: on a real (tmux) terminal, a card taller than the window
# shows its answer through the pager with the question at the top of the
# pager's first page and still on screen after it; PAGER=cat or a short
# card prints in place.  And :note hands the terminal to a real vi and
# takes it back: readline prompts work after it.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/tmux.bash"
export REHEARSE_NOW=2026-07-01T09:00
items=$(for i in $(seq -w 1 40); do printf -- '- item %s of the answer\\n' "$i"; done)
{
    printf -- '---\nid: w\ntitle: Long\nversion: 1\nauthor: t\n---\n'
    printf '\n## Which card is too long for the window? {#long}\n\n'
    printf '%b' "$items"
    printf '\n## A short card? {#short}\n\nShort answer.\n'
} >"$WORK/w.md"
"$REHEARSE" import --allow-unsigned "$WORK/w.md" >/dev/null
cp "$REHEARSE_COLLECTION" "$WORK/imported.db"
visible() { tm capture-pane -p; } # the window now, no history
fresh_collection() {
    rm -f "$REHEARSE_COLLECTION-wal" "$REHEARSE_COLLECTION-shm"
    cp "$WORK/imported.db" "$REHEARSE_COLLECTION"
}

tm_start 80 24 TERM=xterm LANG=C.UTF-8 PAGER="less -R" EDITOR=vi VISUAL= -- --new 5
tm_wait "answer>"
tm_keys Enter
tm_wait "item 01 of the answer"
screen=$(visible)
expect_contains "pager's first page starts with the question" \
    "Which card is too long for the window?" "$(printf '%s\n' "$screen" | head -3)"
case "$screen" in *"item 40"*) fail "the whole answer was printed: [$screen]" ;; esac
tm_keys q
tm_wait "shown in the pager"
screen=$(visible)
expect_contains "question still on screen after the pager" \
    "Which card is too long for the window?" "$screen"
expect_contains "grade prompt after the pager" "grade 0-5>" "$screen"
tm_keys 4 Enter
tm_wait "A short card?"
tm_keys Enter
tm_wait "Short answer."
case "$(tm_screen)" in *"shown in the pager"*"shown in the pager"*)
    fail "a short card went through the pager" ;; esac

# :note with a real vi at the grade prompt; the prompt works afterwards.
tm_keys :note Enter
tm_wait "~"
tm_keys i "my story" Escape
tm_keys ":wq" Enter
tm_wait "note saved for 'w/short'"
tm_keys 5 Enter
tm_wait "Reviewed 2 cards"
# The session must have ended before the collection is read from outside:
# closing, it makes the day's backup and checkpoints the WAL, and the
# sqlite3 shell (no busy timeout) would see "database is locked".  The
# same wait lets the collection be replaced below, WAL files and all.
tm_wait "[exit 0]"
expect_eq "the note vi wrote is saved" "my story" \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT body FROM notes')"

# PAGER=cat: no pager, the answer is printed.
fresh_collection
tm_start 80 24 TERM=xterm LANG=C.UTF-8 PAGER=cat -- --new 5
tm_wait "answer>"
tm_keys Enter
tm_wait "grade 0-5>"
expect_contains "PAGER=cat prints the answer" "item 40 of the answer" "$(tm_screen)"
case "$(tm_screen)" in *"shown in the pager"*) fail "PAGER=cat paged" ;; esac

# Not a terminal: never a pager.
tm_keys :quit Enter
tm_wait "[exit 0]"
fresh_collection
out=$(printf '\n4\n:quit\n' | PAGER=false "$REHEARSE" --new 5)
expect_contains "no pager without a terminal" "item 40 of the answer" "$out"
finish
