# tmux.bash: run rehearse in a detached tmux window of a chosen size and
# read the screen back, as a person at a terminal would see it.  The
# server is private to the test (its socket is in $WORK) and reads no
# configuration; it is stopped when the test exits.
command -v tmux >/dev/null || {
    echo "FAIL: tmux is needed for this test (.ci/run installs it)" >&2
    exit 1
}
TMUX_SOCK=$WORK/tmux.0.sock
tmux_servers=0
tm_stop_all() {
    local s
    for s in "$WORK"/tmux.*.sock; do
        if [ -S "$s" ]; then # a stopped server may leave its socket
            tmux -S "$s" kill-server 2>/dev/null || true
        fi
    done
}
# A killed server's programs (rehearse, an editor, a pager) may still be
# writing their files in $WORK for a moment: try the removal again.
tm_cleanup() {
    tm_stop_all
    local i
    for i in 1 2 3 4 5; do
        rm -rf "$WORK" 2>/dev/null && return 0
        sleep 0.2
    done
    rm -rf "$WORK" || true
}
trap tm_cleanup EXIT
unset TMUX

tm() { tmux -u -S "$TMUX_SOCK" -f /dev/null "$@"; }

# tm_start COLS ROWS ENV... : starts rehearse with ENV (NAME=VALUE words,
# then rehearse's own arguments after a --) in a new window.  The window
# stays after rehearse ends, with "[exit N]" under its output.
tm_start() {
    local cols=$1 rows=$2
    shift 2
    local envs=() args=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        envs+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    args=("$@")
    # a fresh server each time: one just told to stop may still hold
    # its socket for a moment
    tm kill-server 2>/dev/null || true
    tmux_servers=$((tmux_servers + 1))
    TMUX_SOCK=$WORK/tmux.$tmux_servers.sock
    local cmd
    cmd=$(printf '%q ' env -u NO_COLOR "${envs[@]}" "$REHEARSE" "${args[@]}")
    tm new-session -d -x "$cols" -y "$rows" \
        "$cmd; echo \"[exit \$?]\"; sleep 600"
}

# tm_screen [-e]: the whole window, history included, each line as
# rehearse wrote it (lines tmux wrapped are joined back).  -e keeps the
# escape sequences of colour and attributes.
tm_screen() { tm capture-pane -p -J -S - "$@"; }

# tm_wait NEEDLE: waits up to 10 seconds for NEEDLE on the screen.
tm_wait() {
    local i
    for i in $(seq 100); do
        case "$(tm_screen)" in *"$1"*) return 0 ;; esac
        sleep 0.1
    done
    fail "never saw [$1] on the screen; it shows [$(tm_screen)]"
    return 1
}

# tm_keys KEYS...: types, after a moment for readline to be ready.
tm_keys() {
    sleep 0.3
    tm send-keys "$@"
}

# widest: the display columns of the widest line on stdin.
widest() { python3 "$TESTS_DIR/e2e/lib/columns.py"; }
