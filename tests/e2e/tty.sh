# tty.sh: readline on a real (pseudo-)terminal: completion, Ctrl-C, Ctrl-D.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-07-01T09:00
write_deck "$WORK/d.md" d 1 "a|Question A|Answer A" "b|Question B|Answer B"
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null
python3 "$(dirname "$0")/terminal_session.py" "$REHEARSE" || fail "terminal session"
expect_eq "the grade given before Ctrl-C is kept" 1 \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews')"
[ -f "$XDG_STATE_HOME/rehearse/history" ] || fail "no readline history file"
finish
