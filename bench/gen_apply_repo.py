#!/usr/bin/env python3
"""Generates a seed-style repository with one namespace of N objects to apply.

Usage: bench/gen_apply_repo.py N OUT_DIR [NAMESPACE]
OUT_DIR/k8s/<ns>/sync.yaml holds one Flux Kustomization (path ./k8s/<ns>,
no wait) whose kustomization.yaml lists a Namespace and N objects in files
of 100: ConfigMaps, Services, Deployments and Secrets in turn. OUT_DIR is
made a git repository (ferry reads the revision from it).
"""
import os
import subprocess
import sys

n = int(sys.argv[1])
out = sys.argv[2]
ns = sys.argv[3] if len(sys.argv) > 3 else "bench-apply"
d = os.path.join(out, "k8s", ns)
os.makedirs(d, exist_ok=True)


def obj(i):
    kind = i % 4
    if kind == 0:
        return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-{i}
data:
  key: value-{i}
  other: "{i * 7}"
"""
    if kind == 1:
        return f"""apiVersion: v1
kind: Service
metadata:
  name: svc-{i}
spec:
  selector:
    app: app-{i}
  ports:
  - name: http
    port: 80
    targetPort: 8080
"""
    if kind == 2:
        return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
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
      - name: app
        image: registry.example/app:{i}
        ports:
        - containerPort: 8080
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
"""
    return f"""apiVersion: v1
kind: Secret
metadata:
  name: secret-{i}
type: Opaque
stringData:
  token: t-{i}
"""


files = ["namespace.yaml"]
with open(os.path.join(d, "namespace.yaml"), "w") as f:
    f.write(f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n")
for start in range(0, n, 100):
    name = f"objects-{start // 100:03d}.yaml"
    files.append(name)
    with open(os.path.join(d, name), "w") as f:
        f.write("---\n".join(obj(i) for i in range(start, min(start + 100, n))))
with open(os.path.join(d, "kustomization.yaml"), "w") as f:
    f.write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
    f.write(f"namespace: {ns}\nresources:\n")
    for name in files:
        f.write(f"- {name}\n")
with open(os.path.join(d, "sync.yaml"), "w") as f:
    f.write(f"""apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: {ns}
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./k8s/{ns}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
""")
fs = os.path.join(out, "k8s", "flux-system")
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
  url: ssh://git@git.example/bench.git
""")
env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example",
           GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example")
subprocess.run(["git", "init", "-q", "-b", "main", out], check=True)
subprocess.run(["git", "-C", out, "add", "-A"], check=True)
subprocess.run(["git", "-C", out, "commit", "-qm", "bench"], check=True, env=env)
