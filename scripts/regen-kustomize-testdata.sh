#!/usr/bin/env bash
# Regenerates the expected outputs of the differential suite with the oracle,
# `kubectl kustomize` (kustomize v5.5).
#
# Each case is a folder testdata/kustomize/<case>/ holding:
#   in/            the input tree
#   root           optional: the build root relative to in/ (default: in/ itself)
#   args           optional: extra arguments (e.g. --load-restrictor LoadRestrictionsNone)
#   expected.yaml  what kubectl kustomize printed, when it succeeded
#   expected.err   what it printed on stderr, when it failed
# Usage: scripts/regen-kustomize-testdata.sh [CASE_DIR...]   (default: all)
set -uo pipefail
cd "$(dirname "$0")/.."
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(testdata/kustomize/*/)
for c in "${cases[@]}"; do
  c=${c%/}
  [ -d "$c/in" ] || { echo "skip $c (no in/)"; continue; }
  root="$c/in"
  [ -f "$c/root" ] && root="$c/in/$(head -n1 "$c/root")"
  args=()
  [ -f "$c/args" ] && read -r -a args < "$c/args"
  rm -f "$c/expected.yaml" "$c/expected.err"
  abs=$(cd "$c/in" && pwd)
  if kubectl kustomize "${args[@]}" "$root" >"$c/expected.yaml" 2>"$c/.stderr"; then
    rm -f "$c/.stderr"
  else
    rm -f "$c/expected.yaml"
    sed "s#$abs#IN#g" "$c/.stderr" > "$c/expected.err"
    rm -f "$c/.stderr"
    echo "error case: $c"
  fi
done
