#!/usr/bin/env bash
# Installs dependencies, builds ferry, and builds every namespace folder of the
# bundled example repository (examples/k8s) the way Flux would.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target ferry
for dir in examples/k8s/*/; do
  [ -f "$dir/kustomization.yaml" ] || continue
  echo "# ferry build $dir"
  build/ferry build "$dir" | head -n 20
  echo "# ..."
done
