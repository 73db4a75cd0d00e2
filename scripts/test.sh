#!/usr/bin/env bash
# Installs dependencies, builds ferry and runs the whole test suite: every
# unit test and the kustomize differential suite (whose two counts, same
# documents and byte-identical, are printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j2
build/kustomize_difftest testdata/kustomize | grep -v '^BYTES' | tail -n 5
