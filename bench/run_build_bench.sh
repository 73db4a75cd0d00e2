#!/usr/bin/env bash
# Benchmarks `ferry build` against `kubectl kustomize` in the same run:
# median wall time of R runs each, on every folder of examples/k8s, on a 1 MB
# CRD, and on generated repositories of 1k/5k/10k/20k resources (with peak
# RSS). Prints a Markdown table to paste into bench/RESULTS.md.
# Usage: bench/run_build_bench.sh [RUNS]   (needs build/ferry and kubectl)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median_ms CMD...: median wall milliseconds over $runs runs.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
# peak_rss_mb CMD...: maximum resident set size in MB.
peak_rss_mb() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1 | awk '{printf "%.1f", $1/1024}'
}

echo "| input | kubectl kustomize (ms) | ferry build (ms) | speed-up | ferry peak RSS (MB) | kubectl peak RSS (MB) |"
echo "|---|---|---|---|---|---|"
# row NAME DIR [ferry-only]: one table row; kubectl is skipped for inputs
# where it takes minutes (it grows quadratically on generated repositories).
row() {
  local name=$1 dir=$2 only=${3:-}
  local k="-" f kr="-" speed="-"
  f=$(median_ms build/ferry build "$dir")
  local fr
  fr=$(peak_rss_mb build/ferry build "$dir")
  if [ -z "$only" ]; then
    k=$(median_ms kubectl kustomize "$dir")
    kr=$(peak_rss_mb kubectl kustomize "$dir")
    speed=$(awk -v a="$k" -v b="$f" 'BEGIN{printf "%.0fx", a/b}')
  fi
  echo "| $name | $k | $f | $speed | $fr | $kr |"
}
for d in examples/k8s/*/; do
  [ -f "$d/kustomization.yaml" ] && row "examples/k8s/$(basename "$d")" "$d"
done
python3 bench/gen_crd.py 1024 "$tmp/crd"
row "1 MB CRD" "$tmp/crd"
for n in 500 1000 5000 10000 20000; do
  python3 bench/gen_repo.py "$n" "$tmp/repo-$n"
  if [ "$n" -le 1000 ]; then
    row "generated, $n resources" "$tmp/repo-$n"
  else
    row "generated, $n resources" "$tmp/repo-$n" ferry-only
  fi
done
