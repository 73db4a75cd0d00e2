#!/usr/bin/env bash
# End-to-end test of `ferry apply`, `ferry get kustomizations` and `ferry
# delete kustomization` against the real control plane
# ($FERRY_TEST_KUBECONFIG, written by scripts/control-plane.sh; without it
# the test is skipped, unless FERRY_REQUIRE_CLUSTER=1). A Secret encrypted
# with `ferry secrets encrypt` (sops format) and an age key is decrypted
# with the key of a decryption Secret made with kubectl, as Flux reads
# spec.decryption.secretRef; the same Secret where decryption is not
# enabled is refused before anything of that Kustomization is applied.
# What landed is read back with kubectl. Exit codes: 0 all Ready, 1 some
# failed, 2 usage or connection error.
# Usage: apply_cluster_test.sh PATH/TO/ferry
set -uo pipefail
FERRY=$(realpath "$1")
if [ -z "${FERRY_TEST_KUBECONFIG:-}" ]; then
  if [ "${FERRY_REQUIRE_CLUSTER:-0}" = 1 ]; then
    echo "FAIL: FERRY_TEST_KUBECONFIG is not set and FERRY_REQUIRE_CLUSTER=1"
    exit 1
  fi
  echo "skipped: FERRY_TEST_KUBECONFIG is not set (no cluster)"
  exit 0
fi
export KUBECONFIG=$FERRY_TEST_KUBECONFIG
NS=cli-apply-$$-$RANDOM
WORK=$(mktemp -d)
trap 'kubectl delete namespace "$NS" --wait=false >/dev/null 2>&1; rm -rf "$WORK"' EXIT
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

kubectl create namespace "$NS" >/dev/null || { echo "FAIL: no namespace"; exit 1; }
age-keygen -o key.txt 2>/dev/null
R=$(grep -o 'age1[a-z0-9]*' key.txt)
unset SOPS_AGE_KEY SOPS_AGE_KEY_CMD
export SOPS_AGE_KEY_FILE=$WORK/key.txt  # for `ferry secrets encrypt` only
kubectl -n "$NS" create secret generic sops-age --from-file=identity.agekey=key.txt >/dev/null

mkdir -p repo/k8s/flux-system repo/k8s/enc repo/k8s/plain
cd repo
git init -q -b main .
cat >.sops.yaml <<YAML
creation_rules:
  - encrypted_regex: ^(data|stringData)\$
    age: $R
YAML
cat >k8s/flux-system/gotk-sync.yaml <<YAML
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: $NS
spec:
  interval: 1m
  ref:
    branch: main
  url: ssh://git@example.com/test.git
YAML
sync() {  # sync NAME [spec lines]
  cat <<YAML
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: $1
  namespace: $NS
spec:
  interval: 10m
  path: ./k8s/$1
  prune: true
  timeout: 20s
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
for k in enc plain; do
  cat >k8s/$k/secret.yaml <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: db-$k
  namespace: $NS
stringData:
  password: hunter2-$k
YAML
  "$FERRY" secrets encrypt -i k8s/$k/secret.yaml || fail "encrypt $k"
  cat >k8s/$k/cm.yaml <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-$k
  namespace: $NS
data:
  k: v
YAML
  printf 'resources:\n  - secret.yaml\n  - cm.yaml\n' >k8s/$k/kustomization.yaml
done
grep -q hunter2 k8s/*/secret.yaml && fail "secrets are not encrypted in git"
git add -A && git -c user.name=t -c user.email=t@t commit -qm init

# 1. Everything: enc Ready, plain refused (exit 1), naming the object.
"$FERRY" apply . --no-color >../out1 2>&1
rc=$?
[ $rc = 1 ] || fail "apply with a refused Kustomization: exit $rc, want 1"
grep -q "✗ $NS/plain" ../out1 || fail "plain not reported failed: $(cat ../out1)"
grep -q "k8s/plain/secret.yaml:.*db-plain" ../out1 || fail "the refused Secret is not named: $(cat ../out1)"
grep -q "✔ $NS/enc" ../out1 || fail "enc not Ready: $(cat ../out1)"
grep -q hunter2 ../out1 && fail "a decrypted value reached the output"
pw=$(kubectl -n "$NS" get secret db-enc -o jsonpath='{.data.password}' | base64 -d)
[ "$pw" = hunter2-enc ] || fail "db-enc password in the cluster: '$pw'"
kubectl -n "$NS" get secret db-plain >/dev/null 2>&1 && fail "db-plain was applied"
kubectl -n "$NS" get configmap cm-plain >/dev/null 2>&1 &&
  fail "cm-plain was applied although its Kustomization's build was refused"
grep -rq hunter2 . && fail "a decrypted value was written into the repository"

# 2. Status as kubectl and ferry get read it.
ready=$(kubectl -n "$NS" get kustomizations.kustomize.toolkit.fluxcd.io enc \
  -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')
[ "$ready" = True ] || fail "kubectl sees enc Ready=$ready"
"$FERRY" get kustomizations -n "$NS" --no-color >../get 2>&1 || fail "get: $(cat ../get)"
head -1 ../get | grep -q "NAME.*REVISION.*SUSPENDED.*READY.*MESSAGE" || fail "get header: $(cat ../get)"
grep -Eq "^enc +main@sha1:[0-9a-f]{40} +False +True" ../get || fail "get enc: $(cat ../get)"
grep -Eq "^plain .* False +False" ../get || fail "get plain: $(cat ../get)"
"$FERRY" get kustomizations -n "$NS" -o wide --no-color >../wide 2>&1 || fail "get -o wide"
grep -Eq "^enc .* True +\./k8s/enc +GitRepository/flux-system +[0-9]+[smhd] " ../wide ||
  fail "get -o wide: $(cat ../wide)"
"$FERRY" get kustomizations -n "$NS" -o json >../get.json || fail "get -o json: exit $?"
grep -q '"name": "enc"' ../get.json || fail "get -o json: $(head -c 300 ../get.json)"

# 3. --only what works: exit 0.
"$FERRY" apply . --only enc --no-color >../out2 2>&1
rc=$?
[ $rc = 0 ] || fail "apply --only enc: exit $rc: $(cat ../out2)"
"$FERRY" apply . --only nosuch >../out3 2>&1
rc=$?
[ $rc = 2 ] || fail "apply --only nosuch: exit $rc, want 2"
grep -q nosuch ../out3 || fail "--only nosuch not named: $(cat ../out3)"

# 4. Connection and kubeconfig errors: exit 2, saying what is wrong.
sed 's#server: https://[^ ]*#server: https://127.0.0.1:1#' "$KUBECONFIG" >../unreachable
"$FERRY" apply . --kubeconfig ../unreachable >../out4 2>&1
rc=$?
[ $rc = 2 ] || fail "unreachable server: exit $rc, want 2"
grep -q "127.0.0.1:1" ../out4 || fail "unreachable server not named: $(cat ../out4)"
printf 'apiVersion: v1\nkind: Config\nclusters: [\n' >../broken
"$FERRY" get kustomizations --kubeconfig ../broken >../out5 2>&1
rc=$?
[ $rc = 2 ] || fail "broken kubeconfig: exit $rc, want 2"
grep -q "broken" ../out5 || fail "broken kubeconfig not named: $(cat ../out5)"
sed 's#token: .*#token: not-a-token#' "$KUBECONFIG" >../badtoken
"$FERRY" get kustomizations --kubeconfig ../badtoken >../out6 2>&1
rc=$?
[ $rc = 2 ] || fail "bad token: exit $rc, want 2"
grep -qi "unauthorized" ../out6 || fail "bad token not explained: $(cat ../out6)"

# 5. delete kustomization: its inventory pruned, then the object.
"$FERRY" delete kustomization enc -n "$NS" >../out7 2>&1 || fail "delete: $(cat ../out7)"
for i in $(seq 50); do
  kubectl -n "$NS" get secret db-enc >/dev/null 2>&1 || break
  sleep 0.1
done
kubectl -n "$NS" get secret db-enc >/dev/null 2>&1 && fail "db-enc not pruned by delete"
kubectl -n "$NS" get kustomizations.kustomize.toolkit.fluxcd.io enc >/dev/null 2>&1 &&
  fail "Kustomization enc still there"

if [ $fails -gt 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "ok"
