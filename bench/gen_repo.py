#!/usr/bin/env python3
"""Generates a kustomization with N resources, patches and generators.

Usage: bench/gen_repo.py N OUT_DIR
The base holds N/2 Deployments and N/2 Services in files of 100 objects; the
overlay adds a namespace, a prefix, common labels, an image override, ten
strategic-merge patches (each to a tenth of the Deployments, by label
selector), ten JSON 6902 patches (by name), and a configMapGenerator whose
ConfigMap every Deployment references (so name references are rewritten
everywhere). The number of patches is fixed, so the work grows linearly.
"""
import os
import sys

n = int(sys.argv[1])
out = sys.argv[2]
base = os.path.join(out, "base")
os.makedirs(base, exist_ok=True)
deps = n // 2
files = []
for start in range(0, deps, 50):
    docs = []
    for i in range(start, min(start + 50, deps)):
        group = i % 10
        docs.append(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  labels:
    app: app-{i}
    group: g{group}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app-{i}
  template:
    metadata:
      labels:
        app: app-{i}
    spec:
      containers:
      - name: main
        image: registry.example.com/team/app:1.0.{i}
        ports:
        - containerPort: 8080
        envFrom:
        - configMapRef:
            name: shared
        env:
        - name: INDEX
          value: "{i}"
      volumes:
      - name: cfg
        configMap:
          name: shared
""")
        docs.append(f"""apiVersion: v1
kind: Service
metadata:
  name: app-{i}
spec:
  selector:
    app: app-{i}
  ports:
  - port: 80
    targetPort: 8080
""")
    name = f"objects-{start // 50:04d}.yaml"
    with open(os.path.join(base, name), "w") as f:
        f.write("---\n".join(docs))
    files.append(name)
with open(os.path.join(base, "kustomization.yaml"), "w") as f:
    f.write("resources:\n" + "".join(f"- {x}\n" for x in files))
    f.write("configMapGenerator:\n- name: shared\n  literals:\n  - MODE=bench\n  - LEVEL=info\n")

patches = []
for g in range(10):
    patches.append(f"""- target:
    kind: Deployment
    labelSelector: group=g{g}
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      template:
        spec:
          containers:
          - name: main
            resources:
              limits:
                memory: 256Mi
""")
for i in range(0, deps, max(1, deps // 10)):
    patches.append(f"""- target:
    kind: Deployment
    name: app-{i}
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 3
""")
with open(os.path.join(out, "kustomization.yaml"), "w") as f:
    f.write(f"""resources:
- base
namespace: bench
namePrefix: prod-
commonLabels:
  env: prod
images:
- name: registry.example.com/team/app
  newTag: "2.0"
configMapGenerator:
- name: shared
  behavior: merge
  literals:
  - LEVEL=warn
patches:
""" + "".join(patches))
