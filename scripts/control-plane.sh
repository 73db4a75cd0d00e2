#!/usr/bin/env bash
# A real Kubernetes control plane on 127.0.0.1 for ferry's cluster tests and
# the README's main job: etcd (Debian etcd-server), kube-apiserver and
# kube-controller-manager built once from Debian's own `kubernetes` source
# package (1.20.2) and cached outside the checkout. There is no kubelet:
# Pods never run; tests play the kubelet or operator by writing status.
#
#   scripts/control-plane.sh build    build the binaries into the cache (once)
#   scripts/control-plane.sh up       build if needed, start, wait for /readyz
#   scripts/control-plane.sh down     stop what `up` started (by recorded PID)
#   scripts/control-plane.sh status   exit 0 when the API server is ready
#   scripts/control-plane.sh env      print `export KUBECONFIG=...`
#
# Environment: FERRY_CP_PORT (API server port, default 16443), FERRY_CP_DIR
# (runtime state, default $CACHE/run), XDG_CACHE_HOME.
# Kubeconfigs written by `up`: $FERRY_CP_DIR/kubeconfig (system:masters) and
# $FERRY_CP_DIR/kubeconfig-user (an unprivileged user "ferry-user").
set -euo pipefail

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/ferry/control-plane"
RUN="${FERRY_CP_DIR:-$CACHE/run}"
PORT="${FERRY_CP_PORT:-16443}"
ETCD_PORT=$((PORT + 10000))
ETCD_PEER=$((PORT + 10001))
BIN="$CACHE/bin"
K8S_VERSION=v1.20.2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

log() { printf 'control-plane: %s\n' "$*" >&2; }

install_packages() {
  local pkgs=(etcd-server golang-1.19-go golang-github-modern-go-reflect2-dev
              dpkg-dev openssl curl ca-certificates)
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# deb-src lines for the suites the machine already uses, when there are none.
ensure_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return
  fi
  log "adding deb-src lines for bookworm (apt-get source needs them)"
  $SUDO tee /etc/apt/sources.list.d/ferry-deb-src.sources >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  $SUDO apt-get update -qq
}

build() {
  if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ] &&
     [ "$(cat "$BIN/VERSION" 2>/dev/null)" = "$K8S_VERSION" ]; then
    return
  fi
  install_packages
  ensure_deb_src
  local work="$CACHE/work"
  rm -rf "$work"
  mkdir -p "$work/dl" "$work/gopath/src/k8s.io" "$BIN"
  log "fetching Debian's kubernetes source package"
  (cd "$work/dl" && apt-get source --download-only -qq kubernetes >/dev/null)
  local dsc
  dsc=$(ls "$work"/dl/kubernetes_*.dsc | head -n 1)
  dpkg-source --no-check -x "$dsc" "$work/src" >/dev/null
  ln -s "$work/src" "$work/gopath/src/k8s.io/kubernetes"
  local src="$work/gopath/src/k8s.io/kubernetes"

  # reflect2 1.0.1 (vendored) panics under Go >= 1.18 on the first custom
  # resource; Debian's 1.0.2 is API-compatible.
  local r2=vendor/github.com/modern-go/reflect2
  rm -rf "${src:?}/$r2"
  mkdir -p "$src/$r2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2/*.go "$src/$r2/"
  rm -f "$src/$r2"/*_test.go

  export GOPATH="$work/gopath" GO111MODULE=off GOPROXY=off GOTOOLCHAIN=local \
         CGO_ENABLED=0 GOFLAGS="" GOCACHE="$CACHE/gocache"
  local GO=/usr/lib/go-1.19/bin/go
  cd "$src"

  log "generating the OpenAPI definitions (openapi-gen)"
  $GO build -o "$work/openapi-gen" ./vendor/k8s.io/kube-openapi/cmd/openapi-gen
  local dirs
  dirs=$(grep -Rl --include='*.go' '+k8s:openapi-gen=' pkg vendor/k8s.io 2>/dev/null |
         grep -v '_test\.go$' | grep -v '^vendor/k8s.io/code-generator' |
         xargs -n1 dirname | sort -u |
         sed -e 's|^vendor/||' -e 's|^pkg/|k8s.io/kubernetes/pkg/|' | paste -sd, -)
  "$work/openapi-gen" --logtostderr=false \
    --go-header-file hack/boilerplate/boilerplate.generatego.txt \
    --output-base "$GOPATH/src" \
    --output-package k8s.io/kubernetes/pkg/generated/openapi \
    --output-file-base zz_generated.openapi \
    --report-filename "$work/openapi-violations.txt" \
    --input-dirs "$dirs" >/dev/null

  log "building kube-apiserver and kube-controller-manager (several minutes, once)"
  local ld="-s -w" vpkg
  for vpkg in k8s.io/kubernetes/vendor/k8s.io/component-base/version \
              k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version \
              k8s.io/kubernetes/pkg/version k8s.io/component-base/version; do
    ld="$ld -X $vpkg.gitVersion=$K8S_VERSION -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=20"
    ld="$ld -X $vpkg.gitTreeState=clean -X $vpkg.buildDate=1970-01-01T00:00:00Z"
  done
  # Built aside and moved in, so a cache is never half-written and running
  # binaries are replaced, not overwritten.
  $GO build -p 2 -ldflags "$ld" -o "$work/kube-apiserver" ./cmd/kube-apiserver
  $GO build -p 2 -ldflags "$ld" -o "$work/kube-controller-manager" ./cmd/kube-controller-manager
  mv -f "$work/kube-apiserver" "$work/kube-controller-manager" "$BIN/"
  echo "$K8S_VERSION" >"$BIN/VERSION"
  cd /
  rm -rf "$work"
  log "built $K8S_VERSION into $BIN"
}

# Certificates, keys, tokens and kubeconfigs, made once per state folder.
make_pki() {
  local pki="$RUN/pki"
  [ -f "$pki/done" ] && return
  mkdir -p "$pki"
  chmod 700 "$RUN" "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=ferry-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
      -keyout apiserver.key -out apiserver.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc\n' >san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
      -days 3650 -extfile san.ext -out apiserver.crt 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=front-proxy-ca" \
      -keyout front-proxy-ca.key -out front-proxy-ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=front-proxy-client" \
      -keyout front-proxy-client.key -out front-proxy-client.csr 2>/dev/null
    openssl x509 -req -in front-proxy-client.csr -CA front-proxy-ca.crt \
      -CAkey front-proxy-ca.key -CAcreateserial -days 3650 \
      -out front-proxy-client.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    local admin user cm
    admin=$(openssl rand -hex 16); user=$(openssl rand -hex 16); cm=$(openssl rand -hex 16)
    {
      echo "$admin,ferry-admin,uid-admin,\"system:masters\""
      # --use-service-account-credentials=false: every controller acts as
      # this one user, so it needs more than its bootstrap role.
      echo "$cm,system:kube-controller-manager,uid-cm,\"system:masters\""
      echo "$user,ferry-user,uid-user"
    } >tokens.csv
    echo "$admin" >admin.token
    echo "$user" >user.token
    echo "$cm" >cm.token
    rm -f ./*.csr san.ext
    touch done
  )
  write_kubeconfig "$RUN/kubeconfig" ferry-admin "$(cat "$pki/admin.token")"
  write_kubeconfig "$RUN/kubeconfig-user" ferry-user "$(cat "$pki/user.token")"
  write_kubeconfig "$RUN/kubeconfig-cm" system:kube-controller-manager "$(cat "$pki/cm.token")"
}

write_kubeconfig() {
  local file=$1 user=$2 token=$3
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: ferry-local
  cluster:
    server: https://127.0.0.1:$PORT
    certificate-authority-data: $(base64 -w0 "$RUN/pki/ca.crt")
users:
- name: $user
  user:
    token: $token
contexts:
- name: ferry-local
  context:
    cluster: ferry-local
    user: $user
current-context: ferry-local
EOF
  chmod 600 "$file"
}

# alive NAME: the process `up` recorded under NAME still runs.
alive() {
  local pidf="$RUN/$1.pid"
  [ -f "$pidf" ] || return 1
  local pid
  pid=$(cat "$pidf")
  [ -d "/proc/$pid" ] && grep -qa "$1" "/proc/$pid/cmdline" 2>/dev/null
}

start() {
  local name=$1; shift
  alive "$name" && return
  mkdir -p "$RUN/logs"
  setsid "$@" >"$RUN/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

ready() {
  [ -f "$RUN/pki/admin.token" ] || return 1
  curl -fsS --max-time 2 --cacert "$RUN/pki/ca.crt" \
    -H "Authorization: Bearer $(cat "$RUN/pki/admin.token")" \
    "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1
}

up() {
  build
  install_packages
  mkdir -p "$RUN"
  make_pki
  local pki="$RUN/pki"
  start etcd /usr/bin/etcd --name ferry --data-dir "$RUN/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "ferry=http://127.0.0.1:$ETCD_PEER" \
    --listen-metrics-urls "" --quota-backend-bytes 4294967296
  start_apiserver
  local i
  for i in $(seq 1 120); do
    ready && break
    if ! alive kube-apiserver; then
      log "kube-apiserver exited; last lines of $RUN/logs/kube-apiserver.log:"
      tail -n 20 "$RUN/logs/kube-apiserver.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  ready || { log "kube-apiserver not ready after 60 s (see $RUN/logs)"; exit 1; }
  start kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig "$RUN/kubeconfig-cm" --leader-elect=false \
    --port=0 --secure-port=0 \
    --service-account-private-key-file "$pki/sa.key" \
    --root-ca-file "$pki/ca.crt" --use-service-account-credentials=false \
    --controllers '*,-csrsigning,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-route,-service,-persistentvolume-binder,-attachdetach,-ttl' \
    --concurrent-gc-syncs 4 --v=1
  log "ready at https://127.0.0.1:$PORT ($(env_line))"
}

# The API server alone, so tests can stop and restart it mid-apply
# (`control-plane.sh restart-apiserver`).
start_apiserver() {
  local pki="$RUN/pki"
  start kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 \
    --secure-port "$PORT" --insecure-port=0 \
    --endpoint-reconciler-type=none \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --token-auth-file "$pki/tokens.csv" \
    --authorization-mode RBAC \
    --service-account-key-file "$pki/sa.pub" \
    --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-cluster-ip-range 10.254.0.0/24 \
    --requestheader-client-ca-file "$pki/front-proxy-ca.crt" \
    --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User \
    --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --proxy-client-cert-file "$pki/front-proxy-client.crt" \
    --proxy-client-key-file "$pki/front-proxy-client.key" \
    --enable-admission-plugins NamespaceLifecycle,LimitRanger,DefaultStorageClass,ResourceQuota \
    --disable-admission-plugins ServiceAccount \
    --profiling=false --v=0
}

stop_one() {
  local name=$1
  if alive "$name"; then
    local pid
    pid=$(cat "$RUN/$name.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    [ -d "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$name.pid"
}

down() {
  stop_one kube-controller-manager
  stop_one kube-apiserver
  stop_one etcd
  log "stopped"
}

env_line() { echo "export KUBECONFIG=$RUN/kubeconfig"; }

case "${1:-}" in
  build) build ;;
  up) up ;;
  down) down ;;
  status) ready ;;
  env) env_line ;;
  stop-apiserver) stop_one kube-apiserver ;;
  start-apiserver)
    start_apiserver
    for _ in $(seq 1 120); do ready && exit 0; sleep 0.5; done
    exit 1 ;;
  *) echo "usage: $0 build|up|down|status|env|stop-apiserver|start-apiserver" >&2; exit 2 ;;
esac
