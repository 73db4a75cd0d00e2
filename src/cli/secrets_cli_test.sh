#!/usr/bin/env bash
# End-to-end test of `ferry secrets` (encrypt, decrypt, edit, set, unset,
# rotate, updatekeys) on real files with age keys made by age-keygen: exit
# codes as sops, unchanged values keep their ciphertext, and the plaintext
# temporary file of `edit` is private and always removed.
# Usage: secrets_cli_test.sh PATH/TO/ferry
set -uo pipefail
FERRY=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect_rc() {  # expect_rc WANT DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >out.txt 2>err.txt
  local rc=$?
  [ "$rc" = "$want" ] || fail "$what: exit $rc, want $want; stderr: $(cat err.txt)"
}
enc_lines() { grep -o '^ *[a-z]*: ENC\[[^]]*\]' "$1" | grep -v '^ *mac:' | sort; }

# ferry-edit- folders that were there before this test (another run's).
edit_dirs() { ls /dev/shm /tmp 2>/dev/null | grep '^ferry-edit-' | sort; }
edit_dirs_before=$(edit_dirs)

age-keygen -o key1.txt 2>/dev/null
age-keygen -o key2.txt 2>/dev/null
R1=$(grep -o 'age1[a-z0-9]*' key1.txt)
R2=$(grep -o 'age1[a-z0-9]*' key2.txt)
export SOPS_AGE_KEY_FILE=$WORK/key1.txt
unset SOPS_AGE_KEY SOPS_AGE_KEY_CMD SOPS_EDITOR EDITOR
cat >.sops.yaml <<YAML
creation_rules:
  - path_regex: \.yaml\$
    encrypted_regex: ^(data|stringData)\$
    age: $R1
  - age: $R1
YAML
cat >secret.yaml <<'YAML'
apiVersion: v1
kind: Secret
metadata:
    name: db
stringData:
    password: hunter2
    user: admin
YAML

# encrypt / decrypt
expect_rc 0 "encrypt -i" -- "$FERRY" secrets encrypt -i secret.yaml
grep -q hunter2 secret.yaml && fail "plaintext left after encrypt"
expect_rc 203 "encrypting twice" -- "$FERRY" secrets encrypt secret.yaml
expect_rc 0 "decrypt" -- "$FERRY" secrets decrypt secret.yaml
grep -q 'password: hunter2' out.txt || fail "decrypt output: $(cat out.txt)"
expect_rc 0 "decrypt --extract" -- "$FERRY" secrets decrypt --extract '["stringData"]["user"]' secret.yaml
[ "$(cat out.txt)" = admin ] || fail "extract gave '$(cat out.txt)'"
expect_rc 0 "decrypt --output-type json" -- "$FERRY" secrets decrypt --output-type json secret.yaml
grep -q '"password": "hunter2"' out.txt || fail "json output: $(cat out.txt)"
expect_rc 2 "decrypt --output-type bogus" -- "$FERRY" secrets decrypt --output-type bogus secret.yaml
grep -q 'unknown --output-type bogus' err.txt || fail "output type error: $(cat err.txt)"
SOPS_AGE_KEY_FILE=$WORK/key2.txt expect_rc 128 "decrypt without the key" -- "$FERRY" secrets decrypt secret.yaml

# edit: one value changed, the other keeps its ciphertext
cat >editor.sh <<'SH'
#!/bin/sh
echo "$1" >> "$EDIT_LOG"
stat -c '%a' "$1" "$(dirname "$1")" >> "$EDIT_LOG"
sed -i 's/user: admin/user: root/' "$1"
SH
chmod +x editor.sh
export EDIT_LOG=$WORK/edit.log
cp secret.yaml before.yaml
EDITOR=$WORK/editor.sh expect_rc 0 "edit" -- "$FERRY" secrets edit secret.yaml
tmp=$(sed -n 1p edit.log)
[ "$(sed -n 2,3p edit.log | tr '\n' ' ')" = "600 700 " ] || fail "temp modes: $(cat edit.log)"
[ -e "$tmp" ] || [ -e "$(dirname "$tmp")" ] && fail "temp file left: $tmp"
[ "$(diff <(enc_lines before.yaml) <(enc_lines secret.yaml) | grep -c '^[<>]')" = 2 ] ||
  fail "edit changed more than one value: $(diff before.yaml secret.yaml)"
"$FERRY" secrets decrypt secret.yaml | grep -q 'user: root' || fail "edit lost the change"

# edit: unchanged, failing editor, invalid result, interrupted
cp secret.yaml before.yaml
EDITOR=true expect_rc 200 "edit without change" -- "$FERRY" secrets edit secret.yaml
EDITOR=false expect_rc 1 "failing editor" -- "$FERRY" secrets edit secret.yaml
printf '#!/bin/sh\necho "$1" > "$EDIT_LOG"\nprintf "a: [\\n" > "$1"\n' >bad.sh
chmod +x bad.sh
rm -f edit.log
EDITOR=$WORK/bad.sh expect_rc 1 "edit to invalid YAML" -- "$FERRY" secrets edit secret.yaml </dev/null
grep -q '^secret.yaml:[0-9]*:[0-9]*: error:' err.txt || fail "invalid edit error: $(cat err.txt)"
[ -s edit.log ] || fail "the editor did not run for the invalid edit"
[ -e "$(cat edit.log)" ] && fail "temp file left after invalid edit"
printf '#!/bin/sh\necho "$1" > "$EDIT_LOG"\nkill -TERM $PPID\nsleep 2\n' >kill.sh
chmod +x kill.sh
rm -f edit.log
EDITOR=$WORK/kill.sh expect_rc 85 "edit interrupted" -- "$FERRY" secrets edit secret.yaml
[ -s edit.log ] || fail "the editor did not run for the interrupted edit"
[ -e "$(cat edit.log)" ] && fail "temp file left after SIGTERM"
cmp -s before.yaml secret.yaml || fail "a failed edit changed the file"

# edit of a new file starts from an example and uses the creation rule
EDITOR=true expect_rc 0 "edit a new file" -- "$FERRY" secrets edit new.yaml
grep -q "recipient: $R1" new.yaml || fail "new file not encrypted for R1"
"$FERRY" secrets decrypt new.yaml | grep -q 'kind: Secret' || fail "new file content"

# set / unset
cp secret.yaml before.yaml
expect_rc 0 "set" -- "$FERRY" secrets set secret.yaml '["stringData"]["password"]' '"s3cret"'
[ "$(diff <(enc_lines before.yaml) <(enc_lines secret.yaml) | grep -c '^[<>]')" = 2 ] ||
  fail "set changed more than one value"
expect_rc 0 "set a new nested key" -- "$FERRY" secrets set secret.yaml '["stringData"]["extra"]' '{"a": 1}'
cp secret.yaml before.yaml
expect_rc 0 "idempotent set" -- "$FERRY" secrets set --idempotent secret.yaml '["stringData"]["password"]' '"s3cret"'
cmp -s before.yaml secret.yaml || fail "idempotent set rewrote the file"
expect_rc 7 "set a non-JSON value" -- "$FERRY" secrets set secret.yaml '["stringData"]["x"]' 'bare'
expect_rc 91 "set with a bad path" -- "$FERRY" secrets set secret.yaml 'stringData' '"x"'
expect_rc 0 "unset" -- "$FERRY" secrets unset secret.yaml '["stringData"]["extra"]'
expect_rc 1 "unset a missing key" -- "$FERRY" secrets unset secret.yaml '["stringData"]["extra"]'
expect_rc 0 "idempotent unset" -- "$FERRY" secrets unset --idempotent secret.yaml '["stringData"]["extra"]'
"$FERRY" secrets decrypt secret.yaml >plain.txt
grep -q 'password: s3cret' plain.txt && ! grep -q extra plain.txt || fail "set/unset result: $(cat plain.txt)"

# rotate: every value re-encrypted under a new data key
cp secret.yaml before.yaml
expect_rc 0 "rotate" -- "$FERRY" secrets rotate -i secret.yaml
[ -z "$(comm -12 <(enc_lines before.yaml) <(enc_lines secret.yaml))" ] || fail "rotate kept a ciphertext"
"$FERRY" secrets decrypt secret.yaml | cmp -s - plain.txt || fail "rotate changed the plaintext"
cp secret.yaml before.yaml
expect_rc 1 "rotate --add-age garbage" -- "$FERRY" secrets rotate -i --add-age garbage secret.yaml
grep -q 'garbage' err.txt || fail "bad recipient error: $(cat err.txt)"
cmp -s before.yaml secret.yaml || fail "a refused rotate changed the file"

# updatekeys: the rule now names R2 too
sed -i "s/age: $R1\$/age: $R1,$R2/" .sops.yaml
expect_rc 0 "updatekeys" -- "$FERRY" secrets updatekeys -y secret.yaml
grep -q "+++ $R2" err.txt || fail "updatekeys did not show the change: $(cat err.txt)"
SOPS_AGE_KEY_FILE=$WORK/key2.txt "$FERRY" secrets decrypt secret.yaml | cmp -s - plain.txt ||
  fail "R2 cannot decrypt after updatekeys"
expect_rc 0 "updatekeys again" -- "$FERRY" secrets updatekeys -y secret.yaml
grep -q "already up to date" err.txt || fail "second updatekeys: $(cat err.txt)"

# tampering is refused and nothing is written
perl -pe 's/^(    user: ENC\[AES256_GCM,data:)(.)/$1.($2 eq "A" ? "B" : "A")/e' \
  secret.yaml >tampered.yaml
cmp -s tampered.yaml secret.yaml && fail "tampering did not change the file"
expect_rc 25 "decrypt a tampered value" -- "$FERRY" secrets decrypt tampered.yaml
[ -s out.txt ] && fail "a tampered file printed plaintext"

# other stores
printf '[db]\nuser = admin\npassword = `p;w`\n' >app.ini
printf 'TOKEN=abc\nCERT=line1\\nline2\n' >app.env
for f in app.ini app.env; do
  cp "$f" "$f.orig"
  expect_rc 0 "encrypt $f" -- "$FERRY" secrets encrypt -i "$f"
  grep -q admin "$f" && fail "$f not encrypted"
  expect_rc 0 "decrypt $f" -- "$FERRY" secrets decrypt "$f"
done
"$FERRY" secrets decrypt app.ini | grep -q 'password = `p;w`' || fail "ini round trip"
"$FERRY" secrets decrypt app.env | cmp -s - app.env.orig || fail "dotenv round trip"

[ "$(edit_dirs)" = "$edit_dirs_before" ] || fail "a ferry-edit folder was left behind"
[ "$fails" = 0 ] && echo "secrets CLI: all passed"
exit $((fails > 0))
