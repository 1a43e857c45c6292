# optimize.sh: `rehearse optimize` on months of simulated reviews of the
# bundled decks (simulate_history): --dry-run stores nothing; a fit is
# adopted only when it beats the weights in use, every card's FSRS state
# is then what a replay with the fitted weights gives, and SM-2 is not
# touched; a second run keeps the first fit; --reset goes back to the
# defaults; too few reviews is a clear refusal that changes nothing.
source "$(dirname "$0")/lib/common.bash"
: "${SIMULATE_HISTORY:?set SIMULATE_HISTORY}"
: "${REPLAY_CHECK:?set REPLAY_CHECK}"
export REHEARSE_DECKDIR=$SOURCE_DIR/decks REHEARSE_NOW=2026-06-01T09:00
today=$(python3 -c 'import datetime; print((datetime.date(2026,6,1)-datetime.date(1970,1,1)).days)')
db=$REHEARSE_COLLECTION
sql() { sqlite3 "$db" "$1"; }

# Too few reviews: refused, exit 1, nothing written.
"$REHEARSE" decks >/dev/null
"$SIMULATE_HISTORY" "$db" "$today" 60 7 20 >/dev/null
before=$(sql 'SELECT sum(fsrs_stability) FROM cards')
run_rc rc "$REHEARSE" optimize
expect_eq "too few: exit 1" 1 "$rc"
expect_contains "too few: says how many are needed" "needs at least 400 reviews" "$err"
expect_eq "too few: nothing on stdout" "" "$out"
expect_eq "too few: no weights stored" 0 "$(sql 'SELECT count(*) FROM fsrs_weights')"
expect_eq "too few: FSRS states untouched" "$before" "$(sql 'SELECT sum(fsrs_stability) FROM cards')"

# Months of history over every other card.
"$SIMULATE_HISTORY" "$db" "$today" 240 11 >/dev/null
reviews=$(sql "SELECT count(*) FROM reviews")
[ "$reviews" -gt 4000 ] || fail "the simulation made only $reviews reviews"
sm2_before=$(sql 'SELECT group_concat(reps || ":" || interval || ":" || ef || ":" || coalesce(due, -1)) FROM cards')
fsrs_before=$(sql 'SELECT group_concat(fsrs_stability) FROM cards')

run_rc rc "$REHEARSE" optimize --dry-run --json
expect_eq "dry run: exit 0" 0 "$rc"
python3 - "$out" <<'PY' || fail "dry run JSON: $out"
import json, sys
d = json.loads(sys.argv[1])
assert d["dry_run"] is True and d["adopted"] is False, d
assert d["current"] == "defaults", d
assert d["fitted_loss"] < d["current_loss"], d
assert len(d["weights"]) == 21 and d["predicted"] >= 400, d
PY
expect_eq "dry run: no weights stored" 0 "$(sql 'SELECT count(*) FROM fsrs_weights')"
expect_eq "dry run: FSRS states untouched" "$fsrs_before" "$(sql 'SELECT group_concat(fsrs_stability) FROM cards')"

run_rc rc "$REHEARSE" optimize
expect_eq "fit: exit 0" 0 "$rc"
expect_contains "fit: says what it did" "Adopted: FSRS now uses these weights." "$out"
expect_contains "fit: compares with the defaults" "default weights" "$out"
expect_eq "fit: weights stored" 1 "$(sql 'SELECT count(*) FROM fsrs_weights')"
expect_eq "fit: 21 weights" 21 "$(sql 'SELECT json_array_length(weights) FROM fsrs_weights')"
[ "$(sql 'SELECT loss < previous_loss FROM fsrs_weights')" = 1 ] || fail "stored loss is not below the previous one"
[ "$(sql 'SELECT group_concat(fsrs_stability) FROM cards')" != "$fsrs_before" ] || fail "FSRS states were not recomputed"
expect_eq "fit: SM-2 untouched" "$sm2_before" "$(sql 'SELECT group_concat(reps || ":" || interval || ":" || ef || ":" || coalesce(due, -1)) FROM cards')"
"$REPLAY_CHECK" "$db" >/dev/null || fail "after the fit, stored states differ from a replay with the fitted weights"

# The fitted decay is what retrievability uses.
r=$(cards_json 'round([c for c in cards if c.get("stability")][0]["retrievability"], 9)')
[ -n "$r" ] || fail "no retrievability in cards --json"

# A plan counts the cards its final pass must show by the due days of the
# configured model: FSRS's under scheduler = fsrs.
goal=$(python3 -c 'import datetime; print((datetime.date(2026,6,20)-datetime.date(1970,1,1)).days)')
"$REHEARSE" plan --date 2026-06-20 --deck python-basics >/dev/null
final_left() { "$REHEARSE" plan --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["goal"]["progress"][0]["final_left"])'; }
count_due_after() { sql "SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.slug = 'python-basics' AND $1 >= $goal AND c.retired = 0 AND c.suspended = 0"; }
expect_eq "plan under sm2: final pass by SM-2's due days" "$(count_due_after c.due)" "$(final_left)"
mkdir -p "$XDG_CONFIG_HOME/rehearse"
echo 'scheduler = fsrs' >"$XDG_CONFIG_HOME/rehearse/config"
expect_eq "plan under fsrs: final pass by FSRS's due days" "$(count_due_after c.fsrs_due)" "$(final_left)"
[ "$(count_due_after c.due)" != "$(count_due_after c.fsrs_due)" ] || fail "the two models agree here: the plan check proves nothing"
rm "$XDG_CONFIG_HOME/rehearse/config"
"$REHEARSE" plan --clear >/dev/null 2>&1

# Again: the same fit is not better than itself, so the weights stay.
weights=$(sql 'SELECT weights FROM fsrs_weights')
run_rc rc "$REHEARSE" optimize
expect_eq "refit: exit 0" 0 "$rc"
expect_contains "refit: keeps the weights in use" "Kept the weights in use" "$out"
expect_contains "refit: compares with the fitted ones" "current fitted weights" "$out"
expect_eq "refit: weights unchanged" "$weights" "$(sql 'SELECT weights FROM fsrs_weights')"

# A grade made with fitted weights in use is replayed with them too.
printf '4\n:quit\n' | "$REHEARSE" --new 0 >/dev/null 2>&1 || true
"$REPLAY_CHECK" "$db" >/dev/null || fail "a grade under fitted weights does not replay"

# Two commands at once: a session that started before the weights
# changed grades with the new ones, and its cards' FSRS states end up as
# a replay with them gives (the session's own copies were stale).
"$REHEARSE" optimize --reset >/dev/null 2>&1
mkfifo "$WORK/answers"
"$REHEARSE" --new 0 <"$WORK/answers" >"$WORK/session.out" 2>&1 &
session=$!
exec 3>"$WORK/answers"
sleep 1 # the session has read its queue
"$REHEARSE" optimize >/dev/null
printf '\n4\n\n2\n:quit\n' >&3
exec 3>&-
wait "$session" || fail "the session failed: $(cat "$WORK/session.out")"
"$REPLAY_CHECK" "$db" >"$WORK/replay" 2>&1 ||
    fail "grades made across a new fit differ from a replay: $(cat "$WORK/replay")"

# --reset: back to the defaults, states recomputed.
run_rc rc "$REHEARSE" optimize --reset
expect_eq "reset: exit 0" 0 "$rc"
expect_contains "reset: says so" "back to its default weights" "$err"
expect_eq "reset: weights gone" 0 "$(sql 'SELECT count(*) FROM fsrs_weights')"
"$REPLAY_CHECK" "$db" >/dev/null || fail "after --reset, stored states differ from a replay with the defaults"
run_rc rc "$REHEARSE" optimize --reset
expect_contains "reset twice: nothing to do" "already uses its default weights" "$err"

# At 40 columns no line of the report is wider than 40.
wide=$(COLUMNS=40 "$REHEARSE" optimize --dry-run | awk 'length($0) > 40')
expect_eq "40 columns: no line wider" "" "$wide"

# Usage.
run_rc rc "$REHEARSE" optimize --help
expect_eq "--help: exit 0" 0 "$rc"
expect_contains "--help: usage on stdout" "usage: rehearse optimize" "$out"
run_rc rc "$REHEARSE" optimize --reset --dry-run
expect_eq "--reset with --dry-run: usage error" 2 "$rc"
run_rc rc "$REHEARSE" optimize extra
expect_eq "an operand: usage error" 2 "$rc"

finish
