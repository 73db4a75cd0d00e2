#!/usr/bin/env bash
# Installs dependencies, builds ferry and runs the whole test suite: every
# unit test and the kustomize differential suite (whose two counts, same
# documents and byte-identical, are printed), then the same suite again
# built with AddressSanitizer and UndefinedBehaviorSanitizer (any report
# fails), then every fuzz harness over its committed corpus (fuzz/run.sh
# --replay: a regression run, built with clang; any crash fails).
# FERRY_SKIP_SANITIZERS=1 skips the second pass, FERRY_SKIP_FUZZ=1 the third.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j2
build/kustomize_difftest testdata/kustomize | grep -v '^BYTES' | tail -n 5
if [ "${FERRY_SKIP_SANITIZERS:-0}" != 1 ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DFERRY_SANITIZE=address,undefined >/dev/null
  cmake --build build-asan
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j2
fi
if [ "${FERRY_SKIP_FUZZ:-0}" != 1 ]; then
  fuzz/run.sh --replay
fi
