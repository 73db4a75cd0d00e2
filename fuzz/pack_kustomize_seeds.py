#!/usr/bin/env python3
"""Packs cases of testdata/kustomize/ (ferry's own differential cases) into
seeds for kustomize_build_fuzz: kustomization.yaml first, then one
"--- FILE <path>" section per other file (see fuzz/sections.h).

  fuzz/pack_kustomize_seeds.py OUT_DIR [MAX_SEEDS]

Takes cases built at in/ without extra arguments, whose files fit the
harness (at most 15 files, 4 path parts, 16 KB in all), spread over the
whole list so that every area of the suite is represented."""
import os
import re
import sys

root = os.path.join(os.path.dirname(__file__), "..", "testdata", "kustomize")
out_dir = sys.argv[1]
max_seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 40
safe = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+){0,3}$")


def pack(case):
    d = os.path.join(root, case)
    if os.path.exists(os.path.join(d, "root")) or os.path.exists(
            os.path.join(d, "args")):
        return None
    top = os.path.join(d, "in")
    files = []
    for dirpath, _, names in os.walk(top):
        for n in sorted(names):
            rel = os.path.relpath(os.path.join(dirpath, n), top)
            files.append(rel)
    if "kustomization.yaml" not in files or len(files) > 15:
        return None
    text = open(os.path.join(top, "kustomization.yaml"), "rb").read()
    for rel in sorted(files):
        if rel == "kustomization.yaml":
            continue
        if not safe.match(rel) or ".." in rel.split("/"):
            return None
        body = open(os.path.join(top, rel), "rb").read()
        if not text.endswith(b"\n"):
            text += b"\n"
        text += b"--- FILE " + rel.encode() + b"\n" + body
    return text if len(text) <= 16384 else None


cases = sorted(c for c in os.listdir(root)
               if os.path.isdir(os.path.join(root, c)))
packed = [(c, s) for c in cases for s in [pack(c)] if s is not None]
step = max(1, len(packed) // max_seeds)
os.makedirs(out_dir, exist_ok=True)
for case, seed in packed[::step][:max_seeds]:
    with open(os.path.join(out_dir, case), "wb") as f:
        f.write(seed)
print(f"{min(max_seeds, len(packed[::step]))} seeds of {len(packed)} packable cases")
