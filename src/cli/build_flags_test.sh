#!/usr/bin/env bash
# End-to-end test of the `kubectl kustomize` flags of `ferry build`:
# --enable-managedby-label (and KUSTOMIZE_ENABLE_MANAGEDBY_LABEL=on),
# --reorder, -o PATH and -o DIR (one file per object, named as kustomize
# names them), --enable-helm without helm and --enable-alpha-plugins
# refused with a clear message, and --help listing them. The outputs of the
# builds themselves are checked against kubectl in testdata/kustomize (c-*).
# Usage: build_flags_test.sh PATH/TO/ferry
set -uo pipefail
FERRY=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir app
cat >app/kustomization.yaml <<'YAML'
resources: [objs.yaml]
YAML
cat >app/objs.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: a}
---
apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: Cfg, namespace: b}
YAML

"$FERRY" build --enable-managedby-label app | grep -q 'app.kubernetes.io/managed-by: kustomize-(devel)' ||
  fail "--enable-managedby-label adds no label"
KUSTOMIZE_ENABLE_MANAGEDBY_LABEL=on "$FERRY" build app | grep -q 'managed-by' ||
  fail "KUSTOMIZE_ENABLE_MANAGEDBY_LABEL=on adds no label"
[ "$("$FERRY" build --reorder none app | grep '^kind:' | head -1)" = "kind: Deployment" ] ||
  fail "--reorder none sorted"
[ "$("$FERRY" build app | grep '^kind:' | head -1)" = "kind: Namespace" ] ||
  fail "default order is not legacy"
"$FERRY" build --reorder sideways app 2>/dev/null && fail "--reorder sideways accepted"

"$FERRY" build -o out.yaml app && cmp -s out.yaml <("$FERRY" build app) ||
  fail "-o FILE differs from stdout"
mkdir dir
"$FERRY" build -o dir app || fail "-o DIR failed"
[ "$(ls dir | tr '\n' ' ')" = "a_apps_v1_deployment_web.yaml b_v1_configmap_cfg.yaml v1_namespace_a.yaml " ] ||
  fail "-o DIR wrote: $(ls dir | tr '\n' ' ')"

out=$(PATH=/nonexistent "$FERRY" build --enable-helm app 2>&1) && fail "--enable-helm without helm succeeded"
echo "$out" | grep -q "is helm installed" || fail "--enable-helm message: $out"
out=$("$FERRY" build --enable-alpha-plugins app 2>&1) && fail "--enable-alpha-plugins accepted"
echo "$out" | grep -q "built-in plugins" || fail "--enable-alpha-plugins message: $out"

help=$("$FERRY" build --help)
for f in --load-restrictor --output --enable-managedby-label --reorder \
         --enable-helm --helm-command --enable-alpha-plugins; do
  echo "$help" | grep -q -- "$f" || fail "--help does not list $f"
done
[ "$fails" = 0 ] && echo "build flags: all passed"
exit "$fails"
