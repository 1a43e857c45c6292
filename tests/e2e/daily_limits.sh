#!/usr/bin/env bash
# daily_limits.sh: a daily session that fits a real user.  New cards come
# interleaved by deck priority (or deck by deck), per-deck daily limits
# hold, reviews_per_day serves the most overdue first and says how many
# wait, a leech is named when it is shown, and :flag marks a card.
source "$(dirname "$0")/lib/common.bash"
mkdir -p "$XDG_CONFIG_HOME/rehearse"
config() { printf '%s\n' "$@" >"$XDG_CONFIG_HOME/rehearse/config"; }
order() { grep -o '^\[[0-9]* done, [0-9]* left\] [a-z/0-9-]*' | sed 's/.*\] //' | tr '\n' ' '; }

write_deck "$WORK/a.md" alpha 1 "a1|Alpha one?|One." "a2|Alpha two?|Two." "a3|Alpha three?|Three." "a4|Alpha four?|Four."
write_deck "$WORK/b.md" beta 1 "b1|Beta one?|One." "b2|Beta two?|Two." "b3|Beta three?|Three." "b4|Beta four?|Four."
write_deck "$WORK/c.md" behavioral 1 "c1|Tell me about yourself?|Briefly." "c2|Why us?|Because."
for d in a b c; do "$REHEARSE" import --allow-unsigned "$WORK/$d.md" >/dev/null 2>&1; done
answers=$(for i in $(seq 1 60); do printf '\n4\n'; done)

# Interleaved by priority: behavioral (bundled default 20) last; beta
# raised above alpha.
export REHEARSE_NOW=2026-05-01T09:00
config "deck.beta.priority = 60  # before alpha" "new_per_day = 6"
got=$(printf '%s' "$answers" | "$REHEARSE" study 2>/dev/null | order)
expect_eq "interleaved by priority" "beta/b1 alpha/a1 behavioral/c1 beta/b2 alpha/a2 behavioral/c2 " "$got"

# Deck by deck, with a per-deck limit on the first deck.
export REHEARSE_NOW=2026-05-02T09:00
config "new_order = deck" "deck.alpha.priority = 90" "deck.alpha.new_per_day = 1" "new_per_day = 3"
got=$(printf '%s' "$answers" | "$REHEARSE" study --new 3 2>/dev/null | order)
expect_contains "deck by deck after the due reviews" "alpha/a3 beta/b3 beta/b4" "$got"
run_rc rc "$REHEARSE" study --new 3 </dev/null
expect_eq "a second session the same day studies nothing more of alpha" "" \
    "$(printf '%s' "$out" | order | grep -o 'alpha/[a-z0-9]*' || true)"

# Random order still keeps new_per_day (five new cards wait).
export REHEARSE_NOW=2026-05-03T09:00
write_deck "$WORK/g.md" gamma 1 "g1|G one?|One." "g2|G two?|Two." "g3|G three?|Three." "g4|G four?|Four."
"$REHEARSE" import --allow-unsigned "$WORK/g.md" >/dev/null 2>&1
config "new_order = random" "new_per_day = 1"
printf '%s' "$answers" | "$REHEARSE" study >/dev/null 2>&1
expect_eq "random order introduces the day's one new card" 1 "$(sqlite3 "$REHEARSE_COLLECTION" \
    "SELECT count(*) FROM reviews WHERE due_before IS NULL AND kind = 'review'
     AND day = (SELECT max(day) FROM reviews)")"

# A bad order or deck setting names the file and line.
config "new_per_day = 3" "new_order = shuffle"
run_rc rc "$REHEARSE" study </dev/null
[ "$rc" -ne 0 ] || fail "new_order = shuffle should be refused"
expect_contains "the error names the config line" "config:2:" "$err"
config "deck.Bad_Id.priority = 3"
run_rc rc "$REHEARSE" study </dev/null
expect_contains "a bad deck id in a setting is refused" "unknown setting" "$err"

# reviews_per_day: due reviews beyond the limit are reported, most
# overdue first.
export REHEARSE_NOW=2026-05-20T09:00
config "reviews_per_day = 2" "new_per_day = 0"
run_rc rc "$REHEARSE" study <<<"$answers"
expect_contains "cut reviews are reported" "more due reviews wait for another day (reviews_per_day = 2" "$out"
shown=$(printf '%s' "$out" | order | wc -w)
expect_eq "only reviews_per_day reviews are shown" 2 "$shown"
first=$(printf '%s' "$out" | order | cut -d' ' -f1)
# The first review shown was due no later than any card still waiting.
overdue=$(sqlite3 "$REHEARSE_COLLECTION" "SELECT (SELECT r.due_before FROM reviews r
    JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
    WHERE d.slug || '/' || c.slug = '$first' ORDER BY r.id DESC LIMIT 1)
    <= (SELECT min(due) FROM cards WHERE due <= (SELECT max(day) FROM reviews))")
expect_eq "the most overdue review comes first" 1 "$overdue"
# A leech is named when it is shown; :flag marks the card.
export REHEARSE_NOW=2026-06-20T09:00
config "leech_threshold = 1" "new_per_day = 0"
out=$( (printf '\n0\n\n4\n:flag\n'; printf '%s' "$answers") | "$REHEARSE" study 2>/dev/null)
expect_contains "a lapsed card is called a leech" "a leech: forgotten 1 times" "$out"
expect_contains ":flag says so" "flagged" "$out"
expect_eq "one card is flagged" 1 "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM cards WHERE flagged')"
flagged=$(sqlite3 "$REHEARSE_COLLECTION" "SELECT d.slug || '/' || c.slug FROM cards c JOIN decks d ON d.id = c.deck_id WHERE flagged")
expect_eq "cards --flagged lists it" "$flagged" \
    "$("$REHEARSE" cards --flagged --json | python3 -c 'import json,sys; print(" ".join(c["deck"]+"/"+c["id"] for c in json.load(sys.stdin)))')"
leeches=$("$REHEARSE" cards --leeches --json | python3 -c 'import json,sys; cs=json.load(sys.stdin); print(len(cs), min(c["lapses"] for c in cs))')
expect_eq "cards --leeches lists the lapsed card (threshold 1)" "1 1" "$leeches"
finish
