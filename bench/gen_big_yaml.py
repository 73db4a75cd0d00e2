#!/usr/bin/env python3
"""Writes a kustomization whose one resource file is about SIZE_MB megabytes
of YAML (ConfigMaps of 1 KB values, one document each), for the resource
limits check of issue 5 (a file larger than ParseLimits::max_bytes, 64 MiB,
must be refused with a clear error and small memory).
Usage: bench/gen_big_yaml.py SIZE_MB OUT_DIR"""
import os
import sys

size = int(sys.argv[1]) * 1024 * 1024
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "kustomization.yaml"), "w") as f:
    f.write("resources:\n- big.yaml\n")
value = "x" * 1000
written = 0
with open(os.path.join(out, "big.yaml"), "w") as f:
    i = 0
    while written < size:
        doc = (f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
               f"  name: cm-{i}\ndata:\n  value: {value}\n")
        f.write(doc)
        written += len(doc)
        i += 1
print(f"{out}/big.yaml: {written} bytes, {i} documents")
