# tty.sh: readline on a real (pseudo-)terminal: completion, Ctrl-C,
# Ctrl-D, SIGTERM.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-07-01T09:00
write_deck "$WORK/d.md" d 1 "a|Question A|Answer A" "b|Question B|Answer B"
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null
python3 "$(dirname "$0")/terminal_session.py" "$REHEARSE" || fail "terminal session"
expect_eq "the grades given before Ctrl-C are kept" 2 \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"
expect_eq "Ctrl-C dropped the half-typed line" "my answer|kept" \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT group_concat(answer, "|") FROM (SELECT answer FROM answers ORDER BY id)')"
[ -f "$XDG_STATE_HOME/rehearse/history" ] || fail "no readline history file"
finish
