# keyring.sh: a key id only names a key, and two keys can share one.
# trust warns when a new key's id is already taken by a different key,
# untrust refuses an id that names several keys and takes --pubkey.
source "$(dirname "$0")/lib/common.bash"
cd "$WORK"

"$REHEARSE" --collection "$WORK/pub.db" keygen -W -p a.pub -s a.key >/dev/null
"$REHEARSE" --collection "$WORK/pub.db" keygen -W -p b.pub -s b.key >/dev/null
"$REHEARSE" --collection "$WORK/pub.db" keygen -W -p c.pub -s c.key >/dev/null
# twin.pub: b's public key under a's key id (minisign: "Ed", id, key).
python3 - a.pub b.pub twin.pub <<'PY'
import base64, sys
a = base64.b64decode(open(sys.argv[1]).read().split("\n")[1])
b = base64.b64decode(open(sys.argv[2]).read().split("\n")[1])
twin = a[:10] + b[10:]
open(sys.argv[3], "w").write("untrusted comment: twin of a\n" +
                             base64.b64encode(twin).decode() + "\n")
PY
id=$(head -1 a.pub | awk '{print $NF}')

run_rc rc "$REHEARSE" trust a.pub --name "Alice"
expect_eq "first key: exit" 0 "$rc"
expect_eq "first key: no warning" "" "$err"
run_rc rc "$REHEARSE" trust twin.pub --name Mallory
expect_eq "same id, other key: still trusted" 0 "$rc"
expect_contains "same id, other key: warning" "key id $id is also the id of 'Alice', a different key" "$err"
expect_contains "same id: how to untrust" "rehearse untrust --pubkey FILE" "$err"
run_rc rc "$REHEARSE" trust a.pub
expect_eq "the same key again: no second warning" "" "$err"
expect_contains "the same key again" "was already trusted" "$out"

# A name that reached the keyring some other way is shown escaped.
sqlite3 "$REHEARSE_COLLECTION" "UPDATE keyring SET name = 'Al' || char(27) || '[2Jice' WHERE name = 'Alice'"
"$REHEARSE" untrust --pubkey twin.pub >/dev/null
run_rc rc "$REHEARSE" trust twin.pub --name Mallory
expect_contains "warning shows the name escaped" "'Al^[[2Jice'" "$err"

# The release key's id with another key (c's).
python3 - c.pub <<'PY'
import base64, sys
raw = base64.b64decode(open(sys.argv[1]).read().split("\n")[1])
fake = raw[:2] + bytes.fromhex("497DC794021F7FAA")[::-1] + raw[10:]
open("fake-release.pub", "w").write("untrusted comment: not the project\n" +
                                    base64.b64encode(fake).decode() + "\n")
PY
run_rc rc "$REHEARSE" trust fake-release.pub --name "Project"
expect_contains "the release key's id: warning" "is also the id of 'rehearse project'" "$err"
"$REHEARSE" untrust --pubkey fake-release.pub >/dev/null

run_rc rc "$REHEARSE" untrust "$id"
expect_eq "shared id: untrust refused" 1 "$rc"
expect_contains "shared id: message" "key id $id names 2 trusted keys: say which with 'rehearse untrust --pubkey FILE'" "$err"
expect_eq "shared id: both keys kept" 2 "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM keyring')"

run_rc rc "$REHEARSE" untrust --pubkey twin.pub
expect_eq "untrust --pubkey: exit" 0 "$rc"
expect_contains "untrust --pubkey: message" "no longer trusting key $id" "$out"
expect_eq "untrust --pubkey: the other key stays" "Al$(printf '\033')[2Jice" \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT name FROM keyring')"
run_rc rc "$REHEARSE" untrust --pubkey twin.pub
expect_eq "untrust --pubkey again: exit" 1 "$rc"
expect_contains "untrust --pubkey again: message" "no trusted key has the public key in 'twin.pub'" "$err"
run_rc rc "$REHEARSE" untrust --pubkey twin.pub "$id"
expect_eq "--pubkey and a key id: usage" 2 "$rc"

run_rc rc "$REHEARSE" untrust "$id"
expect_eq "one key left: untrust by id" 0 "$rc"
expect_eq "keyring empty" 0 "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM keyring')"
finish
