#!/usr/bin/env bash
# Runs every action in a real container, the way the GitHub runner runs a Docker action, from the image that
# the release publishes (the Dockerfile's final stage, taken from the Dockerfile as it is; only the build stage
# differs: the binaries are built on this machine, because no golang image can be pulled here).
#
# Usage: bash scripts/container-test.sh [-run REGEXP] [-break KIND] [-v]
#   -run REGEXP   run only the cases whose name matches
#   -break KIND   build a deliberately broken image, to prove that the test fails:
#                 no-ca-bundle (an empty CA bundle), no-tmp (no /tmp), user (a USER 1001 line)
#                 (or set CONTAINER_TEST_BREAK=KIND)
#   -v            print every container's output, not only a failed case's
#
# The engine: when a Docker engine answers (DOCKER_HOST, or the default socket), the script uses it. Otherwise,
# as root, it starts its own: Debian's docker.io, containerd, runc and tini packages (installed ones, or
# downloaded with apt-get and unpacked into CONTAINER_TEST_CACHE, default /var/cache/rose-actions/docker-engine),
# dockerd on its own socket, data root and exec root in a temporary folder, with options that suit a sandbox.
# At the end it stops that engine by its PID and removes what it left behind (the folder, its mounts and the
# bridges it created; a bridge that existed before is kept).
#
# It prints one line per case, then "N passed, M failed", and exits non-zero when a case fails.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'container-test: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

docker_cmd=docker
engine_pid=""
engine_dir=""
links_before=""

# engine_answers reports whether the client reaches an engine (within a few seconds).
engine_answers() { timeout 10 "$docker_cmd" info >/dev/null 2>&1; }

# unpack_packages puts Debian's engine packages, unpacked, under $1 (kept between runs: about 250 MB).
unpack_packages() {
  local dest=$1 tmp
  [ -x "$dest/root/usr/sbin/dockerd" ] && return 0
  if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
    die "no Docker engine answers, and apt-get/dpkg-deb are missing to fetch Debian's docker.io: start an engine and set DOCKER_HOST"
  fi
  mkdir -p "$dest"
  tmp=$(mktemp -d "$dest/.download.XXXXXX")
  say "downloading Debian's docker.io, containerd, runc and tini packages into $dest"
  if ! (cd "$tmp" && apt-get download -qq docker.io containerd runc tini >/dev/null 2>&1); then
    apt-get update -qq >/dev/null
    (cd "$tmp" && apt-get download -qq docker.io containerd runc tini >/dev/null 2>&1) ||
      { rm -rf "$tmp"; die "apt-get download docker.io containerd runc tini failed"; }
  fi
  mkdir -p "$tmp/root"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$tmp/root"; done
  rm -f "$tmp"/*.deb
  rm -rf "$dest/root"
  mv "$tmp/root" "$dest/root"
  rm -rf "$tmp"
}

# mounts_under lists the mount points in folder $1 (itself included), deepest first.
mounts_under() { awk -v d="$1" '$2 == d || index($2, d "/") == 1 {print $2}' /proc/self/mounts | sort -r; }

# unmount_all unmounts everything in folder $1.
unmount_all() {
  local m
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "could not unmount $m"
  done < <(mounts_under "$1")
}

# stop_containerd stops the containerd that the dockerd of folder $1 started, when it outlived dockerd.
stop_containerd() {
  local pid
  pid=$(cat "$1/exec/containerd/containerd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    sleep 2
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

# sweep_stale removes the folders of earlier runs that were killed before they cleaned up: their dockerd is
# gone (a folder without a PID file is left alone for 10 minutes: its run may be starting).
sweep_stale() {
  local d pid
  for d in /tmp/rose-actions-engine.*; do
    [ -d "$d" ] || continue
    pid=$(cat "$d/dockerd.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then continue; fi
    if [ -z "$pid" ] && [ -z "$(find "$d" -maxdepth 0 -mmin +10)" ]; then continue; fi
    say "removing $d, left by a run that did not finish"
    stop_containerd "$d"
    unmount_all "$d"
    [ -z "$(mounts_under "$d")" ] && rm -rf "$d"
  done
}

# bridge_links lists the machine's bridge interfaces, one a line.
bridge_links() { ip -o link show type bridge 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | sort; }

start_engine() {
  [ "$(id -u)" -eq 0 ] || die "no Docker engine answers, and starting one needs root: start an engine and set DOCKER_HOST"
  local bin_path=""
  if ! command -v dockerd >/dev/null || ! command -v containerd >/dev/null || ! command -v runc >/dev/null; then
    local cache=${CONTAINER_TEST_CACHE:-/var/cache/rose-actions/docker-engine}
    unpack_packages "$cache"
    # dockerd finds containerd, its shim, runc and docker-init on PATH.
    bin_path="$cache/root/usr/bin:$cache/root/usr/sbin:"
    command -v docker >/dev/null || docker_cmd="$cache/root/usr/bin/docker"
  fi
  sweep_stale
  engine_dir=$(mktemp -d /tmp/rose-actions-engine.XXXXXX)
  links_before=$(bridge_links)
  say "starting dockerd in $engine_dir"
  # No iptables or forwarding rules (the host's firewall is left alone), vfs (works on any file system),
  # no userland proxy (nothing is published: containers are reached by their own address).
  PATH="$bin_path$PATH" dockerd \
    --host "unix://$engine_dir/docker.sock" --data-root "$engine_dir/data" --exec-root "$engine_dir/exec" \
    --pidfile "$engine_dir/dockerd.pid" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    --storage-driver=vfs --userland-proxy=false >"$engine_dir/dockerd.log" 2>&1 &
  engine_pid=$!
  export DOCKER_HOST="unix://$engine_dir/docker.sock"
  local i
  for i in $(seq 1 120); do
    if ! kill -0 "$engine_pid" 2>/dev/null; then
      tail -n 20 "$engine_dir/dockerd.log" >&2 || true
      engine_pid=""
      die "dockerd exited while starting (log above)"
    fi
    engine_answers && break
    sleep 0.5
  done
  engine_answers || { tail -n 20 "$engine_dir/dockerd.log" >&2; die "dockerd did not answer within 60s (log above)"; }
  say "dockerd $("$docker_cmd" version --format '{{.Server.Version}}' 2>/dev/null) is up (pid $engine_pid) after $((i / 2))s"
}

stop_engine() {
  [ -n "$engine_dir" ] || return 0
  if [ -n "$engine_pid" ] && kill -0 "$engine_pid" 2>/dev/null; then
    kill -TERM "$engine_pid" 2>/dev/null || true
    local i
    for i in $(seq 1 60); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$engine_pid" 2>/dev/null; then
      say "dockerd (pid $engine_pid) did not stop within 30s: killing it"
      kill -KILL "$engine_pid" 2>/dev/null || true
    fi
    wait "$engine_pid" 2>/dev/null || true
  fi
  stop_containerd "$engine_dir"
  # The engine leaves the bind mounts of its network namespace and data root, and its bridges.
  unmount_all "$engine_dir"
  local link
  for link in $(comm -13 <(printf '%s\n' "$links_before") <(bridge_links)); do
    case "$link" in docker0|br-*) ip link del "$link" 2>/dev/null || say "could not remove the bridge $link" ;; esac
  done
  if [ -n "$(mounts_under "$engine_dir")" ]; then
    say "mounts remain under $engine_dir: left in place"
    return 0
  fi
  rm -rf "$engine_dir"
}

args=("$@")
[ -n "${CONTAINER_TEST_BREAK:-}" ] && args+=(-break "$CONTAINER_TEST_BREAK")

tool_dir=$(mktemp -d /tmp/rose-actions-containertest.XXXXXX)
cleanup() { stop_engine; rm -rf "$tool_dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v docker >/dev/null || docker_cmd=""
if [ -n "$docker_cmd" ] && engine_answers; then
  say "using the running Docker engine (${DOCKER_HOST:-default socket})"
else
  docker_cmd=${docker_cmd:-docker}
  start_engine
fi

# The cases' program builds the six binaries as the Dockerfile does (reusing the Go build cache), builds
# the image, runs the cases, and removes its image and network. It prints "N passed, M failed" last.
go build -o "$tool_dir/containertest" ./internal/containertest/cmd/containertest
"$tool_dir/containertest" -docker "$docker_cmd" "${args[@]}"
