#!/usr/bin/env bash
# Installs dependencies, builds ferry, then checks and plans the bundled
# example repository (examples/k8s) and builds each of its namespace folders.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target ferry
echo "# ferry check examples"
build/ferry check examples
echo "# ferry plan examples"
build/ferry plan examples
for dir in examples/k8s/*/; do
  [ -f "$dir/kustomization.yaml" ] || continue
  echo "# ferry build $dir"
  build/ferry build "$dir" | head -n 20
  echo "# ..."
done
