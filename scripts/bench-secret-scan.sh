#!/usr/bin/env bash
# bench-secret-scan.sh: time a full-history secret scan of one repository by this repository's
# secret-scan action and by gitleaks v8.30.1, on the same machine, and print both times (wall and
# CPU), their ratio and both finding counts.
#
#   scripts/bench-secret-scan.sh REPO [RUNS]
#
# REPO is a git repository: a work tree or a bare repository (a mirror clone of a large public
# project, e.g. `git clone --mirror https://github.com/gin-gonic/gin`). Each tool runs RUNS times
# (default 3), alternating, and the best wall time of each is compared. Set GITLEAKS to a gitleaks
# binary to skip building it, and KEEP to a folder to keep both outputs (ours.log, gitleaks.json).
# scripts/compare-gitleaks.sh also measures peak memory.
# Needs go, git (for gitleaks) and python3.
set -euo pipefail

repo=${1:?usage: $0 REPO [RUNS]}
runs=${2:-3}
repo=$(cd "$repo" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building secret-scan"
(cd "$root" && CGO_ENABLED=0 go build -trimpath -o "$work/secret-scan" ./actions/secret-scan)
gitleaks=${GITLEAKS:-}
if [[ -z "$gitleaks" ]]; then
  echo "building gitleaks v8.30.1"
  # Outside this module, so that its dependencies do not touch go.mod.
  (cd "$work" && GOBIN="$work" GOFLAGS= go install github.com/zricethezav/gitleaks/v8@v8.30.1)
  gitleaks="$work/gitleaks"
fi

commits=$(git -C "$repo" rev-list --all | wc -l | tr -d ' ')
echo "repository: $repo ($commits commits reachable from all refs)"
echo "machine: $(nproc) cores, $(uname -sm)"

# timed NAME CMD...: runs CMD (output to $work/NAME.log), appends "wall cpu" seconds to
# $work/NAME.times; cpu is user + system time of CMD and its children.
timed() {
  local name=$1; shift
  local TIMEFORMAT='%R %U %S'
  { time "$@" >"$work/$name.log" 2>&1; } 2>"$work/time"
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time" >>"$work/$name.times"
}

# The action reads and writes only inside its workspace (locally, the current folder): run it
# from the repository, and read the finding count from its printed outputs.
ours() {
  (cd "$repo" && env -u GITHUB_ACTIONS INPUT_MODE=history INPUT_PATH=. \
    INPUT_FAIL-ON-FINDINGS=false INPUT_CONFIG= "$work/secret-scan")
}
theirs() {
  "$gitleaks" git --no-banner --exit-code 0 --log-level error --report-format json \
    --report-path "$work/gitleaks.json" "$repo"
}

for i in $(seq "$runs"); do
  timed ours ours
  timed gitleaks theirs
  echo "run $i: ours $(tail -1 "$work/ours.times") | gitleaks $(tail -1 "$work/gitleaks.times")  (wall s, cpu s)"
done

if [[ -n "${KEEP:-}" ]]; then
  mkdir -p "$KEEP" && cp "$work/ours.log" "$work/gitleaks.json" "$KEEP/"
fi

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def best(name):
    rows = [tuple(map(float, l.split())) for l in open(f"{work}/{name}.times")]
    return min(rows)  # best wall time and its CPU time
ow, oc = best("ours")
gw, gc = best("gitleaks")
import re
ours = int(re.search(r"^output findings=(\d+)$", open(f"{work}/ours.log").read(), re.M).group(1))
theirs = len(json.load(open(f"{work}/gitleaks.json")))
print(f"ours:      {ow:8.2f} s wall  {oc:8.2f} s cpu  {ours} findings")
print(f"gitleaks:  {gw:8.2f} s wall  {gc:8.2f} s cpu  {theirs} findings")
print(f"ratio ours/gitleaks: {ow/gw:.3f} (wall)  {oc/gc:.3f} (cpu)")
PY
