#!/usr/bin/env bash
# Installs dependencies, builds ferry and runs the whole test suite: every
# unit test and the kustomize differential suite (whose two counts, same
# documents and byte-identical, are printed), then the same suite again
# built with AddressSanitizer and UndefinedBehaviorSanitizer (any report
# fails), then every fuzz harness over its committed corpus (fuzz/run.sh
# --replay: a regression run, built with clang; any crash fails).
# FERRY_SKIP_SANITIZERS=1 skips the second pass, FERRY_SKIP_FUZZ=1 the third.
#
# Cluster tests run against a real control plane (scripts/control-plane.sh):
# built once into the cache (minutes, in parallel with ferry's own build),
# started here on its own port and state folder, and always stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cp_log=$(mktemp)
scripts/control-plane.sh build >"$cp_log" 2>&1 &
cp_build=$!
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
if ! wait "$cp_build"; then
  cat "$cp_log" >&2
  echo "test.sh: building the control plane failed" >&2
  exit 1
fi
rm -f "$cp_log"
export FERRY_CP_PORT="${FERRY_CP_PORT:-16543}"
export FERRY_CP_DIR
FERRY_CP_DIR=$(mktemp -d /tmp/ferry-cp-test.XXXXXX)
trap 'scripts/control-plane.sh down >/dev/null 2>&1 || true; rm -rf "$FERRY_CP_DIR"' EXIT
scripts/control-plane.sh up
export FERRY_TEST_KUBECONFIG="$FERRY_CP_DIR/kubeconfig"
export FERRY_TEST_KUBECONFIG_USER="$FERRY_CP_DIR/kubeconfig-user"
export FERRY_REQUIRE_CLUSTER=1
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
