#!/usr/bin/env bash
# Runs the libFuzzer harnesses of fuzz/ (see fuzz/RESULTS.md).
#
#   fuzz/run.sh [SECONDS] [HARNESS...]   fuzz each harness for SECONDS
#                                        (default 60), one after the other
#   fuzz/run.sh --replay [HARNESS...]    run each harness once over its
#                                        committed corpus (regression; CI)
#
# HARNESS is a name such as yaml_roundtrip (default: every fuzz/*_fuzz.cc).
# Builds build-fuzz/ (clang, -DFERRY_FUZZ=ON) when needed. Fuzzing reads
# fuzz/corpus/<harness>/ and writes new inputs to build-fuzz/corpus-new/
# <harness>/ (the committed corpus is not touched), crashes to
# build-fuzz/artifacts/, logs to build-fuzz/logs/. Exits non-zero when a
# harness crashes, leaks, times out or runs out of memory.
set -euo pipefail
cd "$(dirname "$0")/.."

replay=0
seconds=60
if [ "${1:-}" = "--replay" ]; then
  replay=1
  shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi

build=build-fuzz
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DFERRY_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target fuzzers -j "${FERRY_FUZZ_JOBS:-2}"

harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cc; do
    n=$(basename "$f" .cc)
    harnesses+=("${n%_fuzz}")
  done
fi

# Longest input per harness: enough for its seeds, small enough to mutate.
max_len() {
  case $1 in
    duration_cron) echo 256 ;;
    kustomize_build | sops_decrypt) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0}
mkdir -p "$build/logs" "$build/artifacts"
failed=()
for h in "${harnesses[@]}"; do
  bin=$build/fuzz/${h}_fuzz
  corpus=fuzz/corpus/$h
  common=(-rss_limit_mb=2048 -timeout=10 -max_len="$(max_len "$h")"
          -artifact_prefix="$build/artifacts/$h-" -print_final_stats=1)
  if [ $replay = 1 ]; then
    log=$build/logs/$h-replay.log
    args=(-runs=0 "$corpus")
  else
    log=$build/logs/$h.log
    mkdir -p "$build/corpus-new/$h"
    args=(-max_total_time="$seconds" "$build/corpus-new/$h" "$corpus")
  fi
  if "$bin" "${common[@]}" "${args[@]}" >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$h")
  fi
  # libFuzzer's last progress line: executions, coverage, corpus.
  summary=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  printf '%-16s %-6s %s\n' "$h" "$status" "$summary"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]} (logs in $build/logs/)" >&2
  exit 1
fi
