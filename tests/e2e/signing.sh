# signing.sh: minisign interoperability, trust, pinning and a tamper
# catalogue; every refusal names its cause and changes nothing.
source "$(dirname "$0")/lib/common.bash"
command -v minisign >/dev/null || { echo "minisign is required" >&2; exit 1; }
cd "$WORK"

write_deck x.md x 1 "q1|Question one|Answer one" "q2|Question two|Answer two"

# --- keys made by rehearse, checked by minisign ---
# (made in the publisher's own collection: keygen trusts a new key in
# the collection it runs on, and this one is the user's, not theirs)
out=$("$REHEARSE" --collection "$WORK/publisher.db" keygen -W -p r.pub -s r.key)
expect_contains "keygen" "key id" "$out"
expect_eq "secret key mode" 600 "$(stat -c %a r.key)"
run_rc rc "$REHEARSE" --collection "$WORK/publisher.db" keygen -W -p r.pub -s r.key
expect_eq "keygen never overwrites" 1 "$rc"
expect_contains "keygen refuses to overwrite" "already exists" "$err"
"$REHEARSE" sign -s r.key x.md >/dev/null
minisign -q -Vm x.md -p r.pub || fail "minisign rejects rehearse's signature"
expect_contains "trusted comment binds the deck" "deck:x	version:1	timestamp:" \
    "$(sed -n 3p x.md.minisig)"

# --- keys made by minisign, used by rehearse ---
minisign -G -W -p m.pub -s m.key >/dev/null
minisign -S -s m.key -m x.md -x mx.sig -t "$(printf 'deck:x\tversion:1')" >/dev/null
cp x.md y.md && cp mx.sig y.md.minisig
out=$("$REHEARSE" verify -p m.pub y.md)
expect_contains "rehearse verifies minisign's signature" "good signature" "$out"
"$REHEARSE" sign -s m.key x.md >/dev/null
minisign -q -Vm x.md -p m.pub || fail "minisign rejects a signature by its own key through rehearse"
"$REHEARSE" sign -s r.key x.md >/dev/null

# --- encrypted keys, both ways ---
printf 'secret words\nsecret words\n' | "$REHEARSE" --collection "$WORK/publisher.db" keygen -p re.pub -s re.key >/dev/null
expect_contains "encrypted key comment" "encrypted" "$(head -1 re.key)"
cp x.md e.md
printf 'secret words\n' | minisign -S -s re.key -m e.md -t "$(printf 'deck:x\tversion:1')" >/dev/null 2>&1 \
    || fail "minisign cannot use rehearse's encrypted key"
"$REHEARSE" verify -p re.pub e.md >/dev/null || fail "rehearse rejects minisign's signature with rehearse's key"
printf 'pw\npw\n' | minisign -G -p me.pub -s me.key >/dev/null 2>&1
printf 'pw\n' | "$REHEARSE" sign -s me.key e.md >/dev/null || fail "rehearse cannot use minisign's encrypted key"
minisign -q -Vm e.md -p me.pub || fail "minisign rejects rehearse's signature with minisign's encrypted key"
run_rc rc sh -c "printf 'wrong\n' | '$REHEARSE' sign -s me.key e.md"
expect_eq "wrong passphrase: exit status" 3 "$rc"
expect_contains "wrong passphrase" "wrong passphrase" "$err"

# --- import needs a trusted signature ---
run_rc rc "$REHEARSE" import x.md
expect_eq "untrusted key refused" 3 "$rc"
expect_contains "untrusted key message" "rehearse trust" "$err"
run_rc rc "$REHEARSE" import -p r.pub x.md
expect_eq "offered key, no terminal: refused" 3 "$rc"
expect_contains "offered key: exact command" "rehearse trust 'r.pub'" "$err"
expect_eq "nothing imported yet" none "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM decks' | sed 's/^0$/none/')"

out=$("$REHEARSE" trust r.pub --name "Study Group")
expect_contains "trust" "trusted key" "$out"
out=$("$REHEARSE" keys)
expect_contains "keys lists the publisher" "Study Group" "$out"
expect_contains "keys lists the release key" "rehearse project" "$out"
out=$("$REHEARSE" import x.md)
expect_contains "signed import" "signed by Study Group" "$out"
out=$("$REHEARSE" verify x.md)
expect_contains "verify names publisher, deck and version" "deck x, version 1" "$out"
before=$(snapshot)

refuse() { # refuse NAME FILE MESSAGE [OPTIONS...]
    local name=$1 file=$2 message=$3
    shift 3
    run_rc rc "$REHEARSE" import "$@" "$file"
    expect_eq "$name: exit status" 3 "$rc"
    expect_contains "$name: message" "$message" "$err"
    expect_eq "$name: collection unchanged" "$before" "$(snapshot)"
}

write_deck x2.md x 2 "q1|Question one|Answer one" "q2|Question two|Answer 2"
"$REHEARSE" sign -s r.key x2.md >/dev/null

# One flipped bit in the deck.
cp x2.md t1.md && cp x2.md.minisig t1.md.minisig
sed -i 's/Answer 2/Answer 3/' t1.md
refuse "flipped bit in the deck" t1.md "bad signature"

# One flipped bit in the signature, and in the global signature.
flip_line() { # flip_line FILE LINE: change one base64 digit, stay canonical
    python3 - "$1" "$2" <<'PY'
import base64, sys
path, n = sys.argv[1], int(sys.argv[2])
lines = open(path, "rb").read().split(b"\n")
raw = bytearray(base64.b64decode(lines[n]))
raw[20] ^= 1
lines[n] = base64.b64encode(bytes(raw))
open(path, "wb").write(b"\n".join(lines))
PY
}
cp x2.md t2.md && cp x2.md.minisig t2.md.minisig && flip_line t2.md.minisig 1
refuse "flipped bit in the signature" t2.md "bad signature"
cp x2.md t3.md && cp x2.md.minisig t3.md.minisig && flip_line t3.md.minisig 3
refuse "flipped bit in the global signature" t3.md "bad global signature"
cp x2.md t4.md && cp x2.md.minisig t4.md.minisig
sed -i 's/version:2/version:3/' t4.md.minisig
refuse "changed trusted comment" t4.md "trusted comment was changed"

# Replays: another deck's signature, an older version's signature.
write_deck z.md z 2 "q1|Z|Z"
"$REHEARSE" sign -s r.key z.md >/dev/null
cp x2.md t5.md && cp z.md.minisig t5.md.minisig
refuse "signature of another deck" t5.md "bad signature"
sed 's/^id: x$/id: z/' x2.md >t6.md
cp x2.md.minisig t6.md.minisig
"$REHEARSE" sign -s r.key t6.md >/dev/null
sed 's/^id: z$/id: x/' t6.md >t7.md
minisign -S -s m.key -m t7.md -t "$(printf 'deck:z\tversion:2')" >/dev/null
"$REHEARSE" trust m.pub --name Other >/dev/null
before=$(snapshot)
refuse "trusted comment names another deck" t7.md "signature is for deck 'z'"
cp x.md.minisig t8.md.minisig && cp x.md t8.md
sed -i 's/^version: 1$/version: 2/' t8.md
minisign -S -s r.key -m t8.md -t "$(printf 'deck:x\tversion:1')" >/dev/null
refuse "signature of an older version" t8.md "signature is for version 1"

# Legacy algorithm, key id mismatch, malformed files.
cp x2.md t9.md && minisign -S -l -s r.key -m t9.md -t "$(printf 'deck:x\tversion:2')" >/dev/null
refuse "legacy Ed signature" t9.md "legacy 'Ed' signature refused"
cp x2.md t10.md
python3 - x2.md.minisig t10.md.minisig <<'PY'
import base64, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
raw = bytearray(base64.b64decode(lines[1])); raw[2] ^= 0xff
lines[1] = base64.b64encode(bytes(raw))
open(sys.argv[2], "wb").write(b"\n".join(lines))
PY
refuse "unknown key id" t10.md "do not trust"
cp x2.md t11.md && head -c 150 x2.md.minisig >t11.md.minisig
refuse "truncated signature" t11.md "truncated"
cp x2.md t12.md && sed '2s/$/AAAA/' x2.md.minisig >t12.md.minisig
refuse "over-long line" t12.md "base64"
cp x2.md t13.md && cp x2.md.minisig t13.md.minisig
refuse "no signature" t14-missing.md "cannot read"
cp x2.md t14.md
refuse "unsigned deck" t14.md "has no signature"

# --- publisher pinning ---
write_deck x3.md x 2 "q1|Question one|Answer one" "q2|Question two|Answer 2"
minisign -S -s m.key -m x3.md -t "$(printf 'deck:x\tversion:2')" >/dev/null
refuse "another trusted publisher" x3.md "came from another publisher"
out=$("$REHEARSE" import --new-publisher x3.md)
expect_contains "--new-publisher accepts" "updated 'x' v1 -> v2" "$out"
expect_eq "publisher change recorded" 1 \
    "$(sqlite3 "$REHEARSE_COLLECTION" 'SELECT count(*) FROM publisher_changes')"

out=$("$REHEARSE" untrust "$(sed -n 1p m.pub | awk '{print $NF}')")
expect_contains "untrust" "no longer trusting" "$out"
run_rc rc "$REHEARSE" untrust 0000000000000000
expect_eq "untrust unknown key" 1 "$rc"
finish
