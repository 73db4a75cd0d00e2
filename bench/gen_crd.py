#!/usr/bin/env python3
"""Writes a kustomization holding one CustomResourceDefinition of about
SIZE_KB kilobytes (a deep, wide openAPIV3Schema), like the large CRD files
of real operators. Usage: bench/gen_crd.py SIZE_KB OUT_DIR"""
import os
import sys

size = int(sys.argv[1]) * 1024
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
lines = ["""apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.bench.example.com
spec:
  group: bench.example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
"""]
total = sum(len(x) for x in lines)
i = 0
while total < size:
    block = f"""              field{i}:
                description: "Field number {i} of the widget; it controls how the widget behaves when reconciled, with details."
                type: object
                properties:
                  enabled:
                    type: boolean
                  count:
                    type: integer
                    format: int32
                    minimum: 0
                  mode:
                    type: string
                    enum: ["a", "b", "c"]
"""
    lines.append(block)
    total += len(block)
    i += 1
with open(os.path.join(out, "crd.yaml"), "w") as f:
    f.write("".join(lines))
with open(os.path.join(out, "kustomization.yaml"), "w") as f:
    f.write("resources:\n- crd.yaml\n")
