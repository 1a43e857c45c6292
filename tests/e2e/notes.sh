# notes.sh: `rehearse note`, `show` and `search`: a note is saved only by
# an editor that succeeds, survives deck updates and backups, is made safe
# before it is printed, and is found by search along with the cards.
source "$(dirname "$0")/lib/common.bash"
export REHEARSE_NOW=2026-05-01T09:00
unset VISUAL EDITOR

write_deck "$WORK/v1.md" d 1 \
    "gen|What is a generator?|A function that yields values lazily." \
    "gil|What is the GIL?|A lock that lets one thread run Python bytecode." \
    "old|Which card goes away?|This one, when the deck is updated."
"$REHEARSE" import --allow-unsigned "$WORK/v1.md" >/dev/null

# An editor that writes $NOTE_TEXT (printf format) into the file, its
# last argument.
cat >"$WORK/writer" <<'EOF'
#!/bin/sh
for f; do :; done
printf "$NOTE_TEXT" >"$f"
EOF
chmod +x "$WORK/writer"
note_of() { sqlite3 "$REHEARSE_COLLECTION" "SELECT body FROM notes n JOIN cards c ON c.id = n.card_id WHERE c.slug = '$1'"; }

NOTE_TEXT='I used one to stream a 40 GB log file.  \n\n\n' EDITOR="$WORK/writer" \
    run_rc rc "$REHEARSE" note d/gen
expect_eq "note saved: status" 0 "$rc"
expect_contains "note saved: message" "note saved for 'd/gen'" "$err"
expect_eq "trailing blanks trimmed" "I used one to stream a 40 GB log file." "$(note_of gen)"

# The temporary file is private while the editor has it.
cat >"$WORK/mode" <<'EOF'
#!/bin/sh
stat -c %a "$1" >"$MODE_OUT"
cat "$1" >"$MODE_OUT.text"
EOF
chmod +x "$WORK/mode"
MODE_OUT=$WORK/mode.out EDITOR="$WORK/mode" "$REHEARSE" note d/gen 2>/dev/null
expect_eq "temp file is 0600" 600 "$(cat "$WORK/mode.out")"
expect_eq "the editor starts from the current note" \
    "I used one to stream a 40 GB log file." "$(cat "$WORK/mode.out.text")"

# EDITOR with arguments, and VISUAL before EDITOR.
NOTE_TEXT='from visual' VISUAL="$WORK/writer --ignored" EDITOR=false \
    "$REHEARSE" note gil 2>/dev/null
expect_eq "VISUAL wins, with arguments" "from visual" "$(note_of gil)"

# Failing editors keep the old note.
before=$(note_of gen)
run_rc rc env EDITOR=false "$REHEARSE" note d/gen
expect_eq "failing editor: status" 1 "$rc"
expect_contains "failing editor: message" "failed (exit status 1)" "$err"
expect_contains "failing editor: old note kept (said)" "unchanged" "$err"
expect_eq "failing editor: old note kept" "$before" "$(note_of gen)"
run_rc rc env EDITOR='exit 3;' "$REHEARSE" note d/gen
expect_eq "exit 3 editor: status" 1 "$rc"
run_rc rc env EDITOR='kill -9 $$;' "$REHEARSE" note d/gen
expect_eq "killed editor: status" 1 "$rc"
expect_contains "killed editor: message" "killed by signal 9" "$err"
expect_eq "killed editor: old note kept" "$before" "$(note_of gen)"
NOTE_TEXT='half written' run_rc rc env EDITOR="$WORK/writer \"\$1\"; false" \
    "$REHEARSE" note d/gen
expect_eq "editor that writes then fails: old note kept" "$before" "$(note_of gen)"
NOTE_TEXT='  \n\n' run_rc rc env EDITOR="$WORK/writer" "$REHEARSE" note d/gen
expect_eq "emptied note: status" 0 "$rc"
expect_contains "emptied note: message" "note unchanged" "$err"
expect_eq "emptied note: old note kept" "$before" "$(note_of gen)"
run_rc rc env EDITOR=true "$REHEARSE" note d/gen
expect_contains "untouched note" "note unchanged" "$err"
NOTE_TEXT='\377\376 not utf-8' run_rc rc env EDITOR="$WORK/writer" "$REHEARSE" note d/gen
expect_eq "invalid UTF-8: status" 1 "$rc"
expect_contains "invalid UTF-8: message" "is not valid UTF-8" "$err"
expect_eq "invalid UTF-8: old note kept" "$before" "$(note_of gen)"
run_rc rc env EDITOR=true "$REHEARSE" note d/nope
expect_eq "unknown card: status" 1 "$rc"
expect_contains "unknown card: message" "no card 'd/nope'" "$err"

# --show prints the note; escape sequences become visible, never raw.
NOTE_TEXT='bad \033[2J\033]0;pwned\007 text\nline two' EDITOR="$WORK/writer" \
    "$REHEARSE" note d/gil 2>/dev/null
out=$("$REHEARSE" note --show d/gil)
expect_eq "show sanitises" "$(printf 'bad ^[[2J^[]0;pwned^G text\nline two')" "$out"
out=$("$REHEARSE" show d/gil)
expect_contains "show has the note" "--- your note ---" "$out"
expect_contains "show sanitises the note" "^[[2J" "$out"
case "$out" in *$'\033'*) fail "raw ESC reached the terminal from show" ;; esac

# show: question, answer, history with the typed answer; --json.
printf 'lazy values\n\n4\n' | "$REHEARSE" study --deck d --new 1 >/dev/null
out=$("$REHEARSE" show d/gen)
expect_contains "show: question" "What is a generator?" "$out"
expect_contains "show: answer" "yields values lazily" "$out"
expect_contains "show: history" "2026-05-01  review    grade 4  1d" "$out"
expect_contains "show: typed answer" "> lazy values" "$out"
"$REHEARSE" show --json d/gen >"$WORK/show.json"
expect_eq "show --json" "review 4 1 lazy values I used one to stream a 40 GB log file." \
    "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); h=j["history"][0]; print(h["kind"], h["grade"], h["interval"], h["answer"], j["note"])' "$WORK/show.json")"
run_rc rc "$REHEARSE" show d/missing
expect_eq "show unknown: status" 1 "$rc"
expect_contains "show unknown: message" "no card 'd/missing'" "$err"

# search: stemming, notes, the deck filter, and user text that is FTS5
# syntax taken literally.
out=$("$REHEARSE" search yielding)
expect_contains "stemmed word found" "d/gen" "$out"
out=$("$REHEARSE" search streaming log)
expect_contains "note searched" "d/gen" "$out"
expect_contains "note match shown" "note: I used one to stream" "$out"
"$REHEARSE" search --json lock >"$WORK/search.json"
expect_eq "search --json" "d gil" \
    "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j[0]["deck"], j[0]["id"])' "$WORK/search.json")"
for q in '"' 'AND' 'a*b(' 'NEAR(x y)' '*' '-gil' 'gil OR' '"unbalanced'; do
    run_rc rc "$REHEARSE" search "$q"
    case "$err" in *fts5* | *syntax* | *SQL*) fail "search '$q' leaked: $err" ;; esac
    [ "$rc" -le 2 ] || fail "search '$q': status $rc"
done
run_rc rc "$REHEARSE" search '"'
expect_eq "nothing to search for: status" 2 "$rc"
expect_contains "nothing to search for: message" "nothing to search for" "$err"
run_rc rc "$REHEARSE" search zebra
expect_eq "no match: status" 1 "$rc"
run_rc rc "$REHEARSE" search --deck nope lock
expect_eq "unknown deck: status" 1 "$rc"
expect_contains "unknown deck: message" "nope" "$err"

# A deck update keeps the note; a retired card leaves the index.
NOTE_TEXT='goes with the card' EDITOR="$WORK/writer" "$REHEARSE" note d/old 2>/dev/null
write_deck "$WORK/v2.md" d 2 \
    "gen|What is a generator?|A function that yields values lazily, one at a time." \
    "gil|What is the GIL?|A lock that lets one thread run Python bytecode."
"$REHEARSE" import --allow-unsigned "$WORK/v2.md" >/dev/null
expect_eq "deck update keeps the note" "I used one to stream a 40 GB log file." "$(note_of gen)"
out=$("$REHEARSE" search stream)
expect_contains "updated card still found by its note" "d/gen" "$out"
run_rc rc "$REHEARSE" search goes away
expect_eq "retired card not found" 1 "$rc"
expect_eq "index in step after retire" "" \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT rowid FROM cards_fts WHERE rowid IN (SELECT id FROM cards WHERE retired = 1)")"
expect_eq "index holds every live card" \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM cards WHERE retired = 0')" \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM cards_fts')"
"$REHEARSE" import --allow-unsigned "$WORK/v2.md" >/dev/null
expect_eq "re-import keeps the note" "I used one to stream a 40 GB log file." "$(note_of gen)"

# The journal and export carry notes (export only when asked).
expect_contains "journal shows the note" "I used one to stream a 40 GB log file." "$("$REHEARSE" journal --card d/gen)"
expect_contains "journal --format md shows the note" "### Your note" "$("$REHEARSE" journal --card d/gen --format md)"
expect_eq "journal --json has the note" "I used one to stream a 40 GB log file." \
    "$("$REHEARSE" journal --card d/gen --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["note"])')"
expect_contains "export --notes (anki): the note in a column of its own" "#tags column:5" "$("$REHEARSE" export --deck d --notes)"
expect_contains "export --notes (anki): the note text" "I used one" "$("$REHEARSE" export --deck d --notes)"
expect_contains "export --notes (md)" "> I used one to stream" "$("$REHEARSE" export --deck d --format md --notes)"
case "$("$REHEARSE" export --deck d)" in *"I used one"*) fail "export without --notes has the note" ;; esac

# Backups carry notes: back up, delete the note, restore.
out=$("$REHEARSE" backup)
saved=${out#backed up to }
"$REHEARSE" note --delete d/gen 2>/dev/null
expect_eq "note deleted" "" "$(note_of gen)"
run_rc rc "$REHEARSE" search stream
expect_eq "deleted note leaves the index" 1 "$rc"
"$REHEARSE" restore "$saved" >/dev/null
expect_eq "restore brings the note back" "I used one to stream a 40 GB log file." "$(note_of gen)"
out=$("$REHEARSE" search stream)
expect_contains "restored note searchable" "d/gen" "$out"

# Study and interview: multi-line answers by one rule, :note after the
# reference answer, the note printed under it.
export REHEARSE_NOW=2026-05-03T09:00
out=$(printf ':note\nfirst line\nsecond line\n\n:note\n4\n' |
    NOTE_TEXT='written at the prompt' EDITOR="$WORK/writer" "$REHEARSE" study --deck d --new 5 2>&1)
expect_contains ":note before the answer waits" ":note works once the reference answer is shown" "$out"
expect_contains ":note at the grade prompt saves" "note saved for 'd/" "$out"
expect_contains "the note is shown after it is saved" "written at the prompt" "$out"
expect_eq "a multi-line study answer is one answer" 1 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM answers WHERE answer = 'first line' || char(10) || 'second line'")"
out=$(printf '\n:quit\n' | "$REHEARSE" study --deck d --new 5)
expect_contains "study shows the note after the answer" "--- your note ---" "$out"
out=$(printf 'one\ntwo\n\n:note\n3\n' |
    NOTE_TEXT='from the interview' EDITOR="$WORK/writer" "$REHEARSE" interview --deck d --count 1 --seed 1 2>&1)
expect_contains "interview :note saves" "note saved for 'd/" "$out"
expect_eq "a multi-line interview answer is one answer" 1 \
    "$(sqlite3 "$REHEARSE_COLLECTION" "SELECT count(*) FROM answers WHERE answer = 'one' || char(10) || 'two'")"
out=$(printf ':help\n:quit\n' | "$REHEARSE" interview --deck d --count 1)
expect_contains "interview :help has the answer rule" "an empty line ends it" "$out"
out=$(printf ':help\n:quit\n' | "$REHEARSE" study --deck d)
expect_contains "study :help has the answer rule" "an empty line ends it" "$out"

for cmd in show search note; do
    run_rc rc "$REHEARSE" "$cmd" --help
    expect_eq "$cmd --help" 0 "$rc"
    expect_contains "$cmd --help text" "usage: rehearse $cmd" "$out"
done
finish
