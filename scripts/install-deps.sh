#!/usr/bin/env bash
# Installs every Debian package ferry needs to build, test and benchmark.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
pkgs=(
  build-essential cmake ninja-build pkg-config git
  libfyaml-dev          # YAML 1.2 parser (yaml/ layer)
  libre2-dev            # Go regular expression semantics (kustomize targets, .sops.yaml)
  libssl-dev            # AES-GCM, ChaCha20-Poly1305, X25519, HKDF, scrypt, SHA-2
  libcurl4-openssl-dev  # HTTP to the API server and GCP KMS
  libgit2-dev           # git sources
  libcli11-dev          # command-line parsing
  libfmt-dev            # formatting
  googletest libgtest-dev libgmock-dev  # unit tests
  libbenchmark-dev      # micro benchmarks
  clang libclang-rt-14-dev  # libFuzzer and sanitizers for fuzz/ (clang 14)
  age                   # interop peer for age keys (tests)
  gnupg                 # PGP keys of SOPS files (gpg is their engine)
  python3               # test data scripts
  ccache                # shared compile cache (faster rebuilds, CI and worktrees)
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}"
fi
