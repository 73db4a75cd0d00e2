#!/usr/bin/env python3
"""Generates a repository laid out as the seed describes, with N namespace
folders under k8s/ (each: sync.yaml with a Flux Kustomization depending on
up to two earlier ones, kustomization.yaml with a Deployment, a Service, a
configMapGenerator, a patch and commonLabels), plus flux-system with the
GitRepository. Usage: bench/gen_ns_repo.py N OUT_DIR"""
import os
import sys

n = int(sys.argv[1])
out = sys.argv[2]
k8s = os.path.join(out, "k8s")
fs = os.path.join(k8s, "flux-system")
os.makedirs(fs, exist_ok=True)
with open(os.path.join(fs, "gotk-sync.yaml"), "w") as f:
    f.write("""apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  url: ssh://git@github.com/example/repo
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./k8s/flux-system
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
""")
with open(os.path.join(fs, "kustomization.yaml"), "w") as f:
    f.write("resources:\n- gotk-sync.yaml\n")
for i in range(n):
    name = f"ns-{i:03d}"
    d = os.path.join(k8s, name)
    os.makedirs(d, exist_ok=True)
    deps = ["flux-system"] + [f"ns-{j:03d}" for j in (i // 2, i // 3) if j < i]
    with open(os.path.join(d, "sync.yaml"), "w") as f:
        f.write(f"""apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: {name}
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./k8s/{name}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  dependsOn:
""" + "".join(f"    - name: {x}\n" for x in sorted(set(deps))))
    with open(os.path.join(d, "app.yaml"), "w") as f:
        f.write(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: app
        image: registry.example.com/{name}/app:1.0.0
        envFrom:
        - configMapRef:
            name: settings
---
apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  selector:
    app: app
  ports:
  - port: 80
""")
    with open(os.path.join(d, "kustomization.yaml"), "w") as f:
        f.write(f"""apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: {name}
commonLabels:
  team: t{i % 7}
resources:
- app.yaml
configMapGenerator:
- name: settings
  literals:
  - MODE=prod
patches:
- target:
    kind: Deployment
    name: app
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 2
""")
