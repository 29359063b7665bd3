#!/usr/bin/env bash
# compare-gitleaks.sh: on one clone, scan the full history with this repository's secret-scan and
# with gitleaks, and print for both the wall time, the CPU time, the peak resident memory (as GNU
# time measures it: the largest of the process and its children, such as gitleaks' git) and the
# finding count, then the ratios ours/gitleaks and each peak against the size of the git folder.
#
#   scripts/compare-gitleaks.sh REPO [RUNS]
#
# REPO is a git repository: a work tree or a bare clone (`git clone --mirror URL`). Each tool runs
# RUNS times (default 1), alternating; the run with the best wall time of each is reported.
#
# gitleaks is not part of this repository or of CI. The script uses, in this order: $GITLEAKS (a
# binary), `gitleaks` on PATH, or a build of the gitleaks source folder named by $GITLEAKS_SRC
# (`go build` there, modules from the proxy). With none of them it says so and exits 0 without
# comparing. Needs go, git, python3 and GNU time (/usr/bin/time, package "time") for the memory.
set -euo pipefail

repo=${1:?usage: $0 REPO [RUNS]}
runs=${2:-1}
repo=$(cd "$repo" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gitleaks=${GITLEAKS:-}
if [[ -z "$gitleaks" ]] && command -v gitleaks >/dev/null; then
  gitleaks=$(command -v gitleaks)
fi
if [[ -z "$gitleaks" && -n "${GITLEAKS_SRC:-}" ]]; then
  echo "building gitleaks from $GITLEAKS_SRC"
  if (cd "$GITLEAKS_SRC" && GOFLAGS= go build -o "$work/gitleaks" .); then
    gitleaks="$work/gitleaks"
  else
    echo "skipped: gitleaks could not be built from $GITLEAKS_SRC"
    exit 0
  fi
fi
if [[ -z "$gitleaks" || ! -x "$gitleaks" ]]; then
  echo "skipped: no gitleaks to compare with (set GITLEAKS to a binary, put gitleaks on PATH, or set GITLEAKS_SRC to its source folder)"
  exit 0
fi
gnutime=/usr/bin/time
if ! "$gnutime" -f %M true >/dev/null 2>&1; then
  gnutime=""
  echo "note: GNU time (/usr/bin/time) is missing: peak memory is not measured (apt-get install time)"
fi

echo "building secret-scan"
(cd "$root" && CGO_ENABLED=0 go build -trimpath -o "$work/secret-scan" ./actions/secret-scan)

gitdir=$(git -C "$repo" rev-parse --absolute-git-dir)
gitkb=$(du -sk "$gitdir" | cut -f1)
commits=$(git -C "$repo" rev-list --all | wc -l | tr -d ' ')
echo "repository: $repo ($commits commits reachable from all refs, .git $((gitkb / 1024)) MB)"
version=$("$gitleaks" version 2>/dev/null || true)
if [[ -n "${GITLEAKS_SRC:-}" && "$gitleaks" == "$work/gitleaks" ]]; then
  version="$(git -C "$GITLEAKS_SRC" describe --tags 2>/dev/null || echo unknown) (built from $GITLEAKS_SRC)"
fi
echo "gitleaks: ${version:-unknown version}"
echo "machine: $(nproc) cores, $(uname -sm), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

# timed NAME CMD...: runs CMD (output in $work/NAME.log) and appends "wall cpu maxrss_kb" to
# $work/NAME.times.
timed() {
  local name=$1; shift
  if [[ -n "$gnutime" ]]; then
    "$gnutime" -o "$work/time" -f '%e %U %S %M' "$@" >"$work/$name.log" 2>&1 || true
  else
    local TIMEFORMAT='%R %U %S'
    { time "$@" >"$work/$name.log" 2>&1 || true; } 2>"$work/time"
    sed -i 's/$/ 0/' "$work/time"
  fi
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time" >>"$work/$name.times"
}

# The commands, as scripts that time(1) can run. The action reads and writes only inside its
# workspace (locally, the current folder): it runs from the repository and its finding count is
# read from its printed outputs.
cat >"$work/ours" <<EOF
#!/usr/bin/env bash
cd '$repo' && exec env -u GITHUB_ACTIONS INPUT_MODE=history INPUT_PATH=. INPUT_FAIL-ON-FINDINGS=false INPUT_CONFIG= '$work/secret-scan'
EOF
cat >"$work/theirs" <<EOF
#!/usr/bin/env bash
exec '$gitleaks' git --no-banner --exit-code 0 --log-level error --report-format json --report-path '$work/gitleaks.json' '$repo'
EOF
chmod +x "$work/ours" "$work/theirs"

for i in $(seq "$runs"); do
  timed ours "$work/ours"
  timed gitleaks "$work/theirs"
  echo "run $i: ours $(tail -1 "$work/ours.times") | gitleaks $(tail -1 "$work/gitleaks.times")  (wall s, cpu s, peak KB)"
done
if ! grep -q '^output findings=' "$work/ours.log"; then
  echo "secret-scan did not finish:"; tail -20 "$work/ours.log"; exit 1
fi
if [[ ! -s "$work/gitleaks.json" ]]; then
  echo "gitleaks wrote no report:"; cat "$work/gitleaks.log"; exit 1
fi
# gitleaks reads the history from `git log -p`, which stops at the first object it cannot read (a
# clone with missing blobs) while gitleaks still exits 0: then it has read only part of the history.
if grep -q 'fatal:' "$work/gitleaks.log"; then
  echo "warning: gitleaks' git log stopped early ($(grep -o 'fatal: [^[:cntrl:]]*' "$work/gitleaks.log" | head -1)):"
  echo "  its time and findings cover only part of the history, so the ratios below compare nothing"
fi

python3 - "$work" "$gitkb" "$gnutime" <<'PY'
import json, sys
work, gitkb, measured = sys.argv[1], int(sys.argv[2]), sys.argv[3] != ""
def best(name):
    rows = [tuple(map(float, l.split())) for l in open(f"{work}/{name}.times")]
    return min(rows)  # best wall time, with its CPU time and peak memory
ow, oc, om = best("ours")
gw, gc, gm = best("gitleaks")
import re
ours = int(re.search(r"^output findings=(\d+)$", open(f"{work}/ours.log").read(), re.M).group(1))
theirs = len(json.load(open(f"{work}/gitleaks.json")))
mb = lambda kb: f"{kb/1024:7.0f} MB" if measured else "      ? MB"
print(f"ours:      {ow:8.2f} s wall  {oc:8.2f} s cpu  peak {mb(om)}  {ours} findings")
print(f"gitleaks:  {gw:8.2f} s wall  {gc:8.2f} s cpu  peak {mb(gm)}  {theirs} findings")
print(f"ratio ours/gitleaks: {ow/gw:.3f} (wall)  {oc/gc:.3f} (cpu)", end="")
if measured:
    print(f"  {om/gm:.2f} (peak memory)")
    print(f"peak memory / .git size: ours {om/gitkb:.2f}  gitleaks {gm/gitkb:.2f}  (.git {gitkb/1024:.0f} MB)")
else:
    print()
PY
