# filters.sh: a --deck or --tag that matches nothing is an error naming
# it, with the closest deck or tag there is, in every command that
# filters; one that matches something behaves as before.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-06-01T09:00

write_deck "$WORK/n.md" networking 1 "n1|Net one|x" "n2|Net two|y"
printf 'Tags: tcp-ip\n' >>"$WORK/n.md"
write_deck "$WORK/d.md" databases 1 "d1|DB one|x"
"$REHEARSE" import --allow-unsigned "$WORK/n.md" "$WORK/d.md" >/dev/null
before=$(snapshot)

# expect_refused WHAT EXPECTED-MESSAGE CMD...
expect_refused() {
    local what=$1 message=$2
    shift 2
    run_rc rc "$@" </dev/null
    expect_eq "$what: exit" 1 "$rc"
    expect_contains "$what: message" "$message" "$err"
    expect_eq "$what: nothing on stdout" "" "$out"
}

deck_msg="--deck 'netwrking' matches no deck: did you mean 'networking'?"
tag_msg="--tag 'tcp-pi' matches no card: did you mean 'tcp-ip'?"
for cmd in study cards interview stats; do
    expect_refused "$cmd --deck typo" "$deck_msg" "$REHEARSE" "$cmd" --deck netwrking
    expect_refused "$cmd --tag typo" "$tag_msg" "$REHEARSE" "$cmd" --tag tcp-pi
    expect_refused "$cmd: one good, one bad" "$deck_msg" \
        "$REHEARSE" "$cmd" --deck databases --deck netwrking
done
expect_refused "journal --deck typo" "$deck_msg" "$REHEARSE" journal --deck netwrking
expect_refused "export --deck typo" "$deck_msg" "$REHEARSE" export --deck netwrking
expect_refused "cards --json too" "$deck_msg" "$REHEARSE" cards --json --deck netwrking
expect_refused "study by default command" "$deck_msg" "$REHEARSE" --deck netwrking

# Nothing close: the error still names the filter.
expect_refused "no close deck" "--deck 'zzzzzz' matches no deck (rehearse decks lists them)" \
    "$REHEARSE" cards --deck zzzzzz
expect_refused "no close tag" "--tag 'zzzzzz' matches no card" \
    "$REHEARSE" cards --tag zzzzzz
case "$err" in *"did you mean"*) fail "no close tag: suggested something: [$err]" ;; esac
expect_eq "refusals changed nothing" "$before" "$(snapshot)"

# Filters that match still work.
run_rc rc "$REHEARSE" cards --deck networking --tag tcp-ip
expect_eq "matching filters: exit" 0 "$rc"
expect_contains "matching filters: the card" "networking/n2" "$out"
run_rc rc "$REHEARSE" cards --deck databases --tag tcp-ip
expect_eq "deck and tag that exist but do not meet: not an error" 0 "$rc"
run_rc rc "$REHEARSE" journal --deck databases --json
expect_eq "journal of a deck with no answers" "[]" "$out"
run_rc rc "$REHEARSE" export --deck databases
expect_eq "export of a deck that exists" 0 "$rc"
finish
