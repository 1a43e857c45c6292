# listing_width.sh: the `decks` and `cards` tables stay aligned when a
# deck's title is CJK or carries combining marks.  Every padded column
# holds ids, numbers or words of rehearse's own (ids are [a-z0-9-]), and
# free text such as the title comes last, so a wide title cannot push a
# column.  This guards that: the left-aligned fields (DECK, SIGNED, TITLE;
# CARD, STATE, DUE) start at the header's column, in display columns.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-07-01T09:00
printf -- '---\nid: cjk\ntitle: 中文の単語 e\xcc\x81t\xc3\xa9\nversion: 1\nauthor: t\n---\n\n## 中文 {#a}\n\nA\n' >"$WORK/cjk.md"
write_deck "$WORK/w.md" w 1 "a|Q|A"
"$REHEARSE" import --allow-unsigned "$WORK/cjk.md" >/dev/null
"$REHEARSE" import --allow-unsigned "$WORK/w.md" >/dev/null
starts() { # the display column where each field of each line starts
    python3 -c '
import sys, unicodedata
def col(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in sys.stdin.read().splitlines():
    out, prev = [], " "
    for i, c in enumerate(line):
        if c != " " and prev == " ":
            out.append(col(line[:i]))
        prev = c
    print(" ".join(map(str, out)))'
}
decks=$("$REHEARSE" decks | starts)
expect_eq "decks: header and rows start their fields at one column" 1 \
    "$(printf '%s\n' "$decks" | cut -d' ' -f1,7,8 | sort -u | wc -l)"
expect_contains "decks: the CJK title is listed" "中文の単語 e"$'\xcc\x81'"t"$'\xc3\xa9' "$("$REHEARSE" decks)"
cards=$("$REHEARSE" cards | starts)
expect_eq "cards: header and rows start their fields at one column" 1 \
    "$(printf '%s\n' "$cards" | cut -d' ' -f1-3 | sort -u | wc -l)"
# The question sits last, cut to the terminal's width in display columns
# (a CJK character counts two), never past the edge.
write_deck "$WORK/long.md" long 1 "q|$(printf 'Why does 中文中文中文 %.0s' 1 2 3 4 5)?|A"
"$REHEARSE" import --allow-unsigned "$WORK/long.md" >/dev/null
row=$(COLUMNS=100 "$REHEARSE" cards --deck long | tail -1)
expect_contains "cards: the question is listed" "Why does 中文" "$row"
expect_contains "cards: a long question is cut" "..." "$row"
expect_eq "cards: the row fits 100 columns" True "$(printf '%s\n' "$row" | python3 -c '
import sys, unicodedata
s = sys.stdin.read().rstrip("\n")
print(99 <= sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s) <= 100)')"
finish
