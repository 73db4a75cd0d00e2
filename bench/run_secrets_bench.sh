#!/usr/bin/env bash
# Benchmarks `ferry secrets encrypt/decrypt` with an age key on a 1 MB YAML
# file and on a file of 1,000 Secrets (multi-document YAML, data and
# stringData encrypted). Prints a Markdown table. Needs build/ferry and
# age-keygen.
set -euo pipefail
cd "$(dirname "$0")/.."
ferry=$PWD/build/ferry
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
age-keygen -o key.txt 2>/dev/null
recipient=$(grep 'public key' key.txt | awk '{print $4}')
printf 'creation_rules:\n  - path_regex: big\\.yaml$\n    age: %s\n  - path_regex: secrets\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: %s\n' \
  "$recipient" "$recipient" > .sops.yaml
python3 - <<'PY'
with open("big.yaml", "w") as f:
    i = 0
    size = 0
    while size < 1024 * 1024:
        line = f"key{i:06d}: value number {i} of the big configuration file\n"
        f.write(line)
        size += len(line)
        i += 1
with open("secrets.yaml", "w") as f:
    for i in range(1000):
        f.write(f"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s{i}\n"
                f"  namespace: apps\ntype: Opaque\nstringData:\n  user: user{i}\n"
                f"  password: pw-{i}-secret\n")
PY
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
rss() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1 | awk '{printf "%.1f", $1/1024}'; }
echo "| file | encrypt (ms) | decrypt (ms) | decrypt peak RSS (MB) |"
echo "|---|---|---|---|"
for f in big.yaml secrets.yaml; do
  cp "$f" "$f.plain"
  e=$(ms "$ferry" secrets encrypt -i "$f")
  d=$(SOPS_AGE_KEY_FILE=key.txt ms "$ferry" secrets decrypt "$f")
  r=$(SOPS_AGE_KEY_FILE=key.txt rss "$ferry" secrets decrypt "$f")
  # sops (and ferry) re-indent YAML by 4 and drop a leading ---: compare
  # the lines without indentation and separators.
  norm() { sed -e 's/^ *//' -e '/^---$/d' "$@"; }
  SOPS_AGE_KEY_FILE=key.txt "$ferry" secrets decrypt "$f" | norm | cmp - <(norm "$f.plain") >/dev/null ||
    echo "ROUND TRIP DIFFERS: $f" >&2
  echo "| $f ($(wc -c < "$f.plain") bytes) | $e | $d | $r |"
done
