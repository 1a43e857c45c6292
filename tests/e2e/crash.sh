# crash.sh: a session killed with SIGKILL after k answers keeps all k; the
# collection passes integrity_check; the next session resumes.  SIGINT,
# SIGTERM and SIGHUP at a prompt leave cleanly with the answers kept;
# SIGINT (Ctrl-C) is the user ending the session, so it exits 0.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-07-01T09:00

cards=()
for i in $(seq 1 20); do cards+=("c$i|Question $i|Answer $i"); done
write_deck "$WORK/d.md" d 1 "${cards[@]}"
"$REHEARSE" import --allow-unsigned "$WORK/d.md" >/dev/null

reviews() { sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM reviews'; }

# wait_for FILE PATTERN COUNT: until PATTERN occurs COUNT times in FILE.
wait_for() {
    for _ in $(seq 1 200); do
        [ "$(grep -c -- "$2" "$1" 2>/dev/null || true)" -ge "$3" ] && return 0
        sleep 0.05
    done
    fail "timed out waiting for '$2' x$3 in $1"
    return 1
}

# start_session: rehearse reading from a FIFO we hold open on fd 7.
start_session() {
    rm -f "$WORK/fifo" "$WORK/session.out"
    mkfifo "$WORK/fifo"
    "$REHEARSE" --new 20 <"$WORK/fifo" >"$WORK/session.out" 2>&1 &
    pid=$!
    exec 7>"$WORK/fifo"
}

total=0
for k in 1 3 5; do
    start_session
    for i in $(seq 1 "$k"); do
        wait_for "$WORK/session.out" "^\[" "$i"
        printf '\n4\n' >&7
    done
    # The next card's header is printed only after the grade is committed.
    wait_for "$WORK/session.out" "^\[" $((k + 1))
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null || true
    exec 7>&-
    total=$((total + k))
    expect_eq "SIGKILL after $k answers: all kept" "$total" "$(reviews)"
    expect_eq "integrity after SIGKILL ($k)" ok \
        "$(sqlite3 "$REHEARSE_COLLECTION" 'PRAGMA integrity_check')"
done

out=$(printf '\n5\n:quit\n' | "$REHEARSE" --new 20)
expect_contains "the next session resumes after the graded cards" "[0 done, $((20 - total)) left]" "$out"
total=$((total + 1))

for sig in INT TERM HUP; do
    start_session
    wait_for "$WORK/session.out" "^\[" 1
    printf '\n4\n' >&7
    wait_for "$WORK/session.out" "^\[" 2
    kill -"$sig" "$pid"
    set +e
    wait "$pid"
    status=$?
    set -e
    exec 7>&-
    total=$((total + 1))
    expect_eq "SIG$sig: answer kept" "$total" "$(reviews)"
    case $sig in INT) want=0 ;; TERM) want=143 ;; HUP) want=129 ;; esac
    expect_eq "SIG$sig: exit status" "$want" "$status"
    expect_contains "SIG$sig: leaves with a summary" "Reviewed 1 card" "$(cat "$WORK/session.out")"
done
finish
