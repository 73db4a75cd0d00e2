#!/usr/bin/env bash
# End-to-end test of `ferry build --decrypt` in a Flux repository: objects
# and secretGenerator sources are decrypted only where the Flux
# Kustomization building the folder has decryption.provider: sops, with
# the keys of a decryption Secret (--decryption-secret) as Flux reads
# spec.decryption.secretRef; elsewhere an encrypted object is an error.
# Usage: build_decrypt_test.sh PATH/TO/ferry
set -uo pipefail
FERRY=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

age-keygen -o key.txt 2>/dev/null
R=$(grep -o 'age1[a-z0-9]*' key.txt)
unset SOPS_AGE_KEY SOPS_AGE_KEY_CMD
export SOPS_AGE_KEY_FILE=$WORK/no-such-file  # only the Secret's keys work
mkdir -p repo/k8s/enc/app repo/k8s/plain/app
cd repo
git init -q .
cat >.sops.yaml <<YAML
creation_rules:
  - path_regex: \.yaml\$
    encrypted_regex: ^(data|stringData)\$
    age: $R
  - age: $R
YAML
sync() {  # sync NAME [decryption lines]
  cat <<YAML
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: $1
  namespace: flux-system
spec:
  interval: 10m
  path: ./k8s/$1/app
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
$2
YAML
}
sync enc "  decryption:
    provider: sops
    secretRef:
      name: sops-age" >k8s/enc/sync.yaml
sync plain "" >k8s/plain/sync.yaml
mkdir -p k8s/plainobj/app
sync plainobj "" >k8s/plainobj/sync.yaml
for ns in enc plain plainobj; do
  cat >k8s/$ns/app/secret.yaml <<'YAML'
apiVersion: v1
kind: Secret
metadata:
    name: db
stringData:
    password: hunter2
YAML
  printf 'TOKEN=t0ken\n' >k8s/$ns/app/creds.env
  if [ $ns = plainobj ]; then
    printf 'resources:\n  - secret.yaml\n' >k8s/$ns/app/kustomization.yaml
  else
    cat >k8s/$ns/app/kustomization.yaml <<'YAML'
resources:
  - secret.yaml
secretGenerator:
  - name: creds
    envs:
      - creds.env
generatorOptions:
  disableNameSuffixHash: true
YAML
  fi
  # What the decrypting build must print: the build of the plaintext tree
  # (kubectl kustomize when there is one; ferry build is checked against it
  # by the differential suite).
  if command -v kubectl >/dev/null; then
    kubectl kustomize k8s/$ns/app >"$WORK/want-$ns.yaml"
  else
    "$FERRY" build k8s/$ns/app >"$WORK/want-$ns.yaml"
  fi
  for f in secret.yaml creds.env; do
    SOPS_AGE_KEY_FILE=$WORK/key.txt "$FERRY" secrets encrypt -i k8s/$ns/app/$f ||
      fail "cannot encrypt $ns/$f"
  done
  grep -q '^sops:' k8s/$ns/app/secret.yaml || fail "$ns/secret.yaml not encrypted"
  grep -q '^sops_mac=' k8s/$ns/app/creds.env || fail "$ns/creds.env not encrypted"
done
cat >"$WORK/keys.yaml" <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: sops-age
  namespace: flux-system
data:
  age.agekey: $(base64 -w0 "$WORK/key.txt")
YAML

"$FERRY" build --decrypt --decryption-secret "$WORK/keys.yaml" k8s/enc/app >out.yaml 2>err.txt ||
  fail "decrypting build failed: $(cat err.txt)"
grep -q 'password: hunter2' out.yaml || fail "Secret not decrypted: $(cat out.yaml)"
grep -q "TOKEN: $(printf t0ken | base64)" out.yaml || fail "generator source not decrypted: $(cat out.yaml)"
grep -q 'sops' out.yaml && fail "SOPS metadata left in the output"
diff -u "$WORK/want-enc.yaml" out.yaml || fail "decrypted build differs from the plaintext build"

"$FERRY" build --decrypt k8s/enc/app >out.yaml 2>err.txt && fail "decrypted without any key"
grep -q "takes its keys from Secret 'sops-age'" err.txt || fail "no note about secretRef: $(cat err.txt)"

"$FERRY" build --decrypt --decryption-secret "$WORK/keys.yaml" k8s/plain/app >out.yaml 2>err.txt &&
  fail "encrypted Secret built where decryption is off"
grep -q "the generated Secret would hold ciphertext" err.txt || fail "wrong error: $(cat err.txt)"
[ -s out.yaml ] && fail "output written after a failed decryption"
"$FERRY" build --decrypt --decryption-secret "$WORK/keys.yaml" k8s/plainobj/app >out.yaml 2>err.txt &&
  fail "encrypted Secret object built where decryption is off"
grep -q "Flux would apply it encrypted" err.txt || fail "wrong error: $(cat err.txt)"
[ -s out.yaml ] && fail "output written after a failed decryption"

# Without --decrypt the build is kustomize's: objects stay encrypted.
"$FERRY" build k8s/plain/app >out.yaml || fail "plain build failed"
grep -q 'sops:' out.yaml || fail "plain build lost the sops metadata"

# A sync.yaml that cannot be read might hold the Kustomization of the
# folder: whether Flux decrypts is then unknown, and nothing is decrypted.
printf 'kind: [\n' >k8s/plain/sync.yaml
"$FERRY" build --decrypt --decryption-secret "$WORK/keys.yaml" k8s/enc/app >out.yaml 2>err.txt &&
  fail "decrypted with a broken sync.yaml in the repository"
grep -q "k8s/plain/sync.yaml:.*whether Flux decrypts" err.txt || fail "wrong error: $(cat err.txt)"

[ "$fails" = 0 ] && echo "build --decrypt: all passed"
exit $((fails > 0))
