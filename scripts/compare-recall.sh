#!/usr/bin/env bash
# compare-recall.sh: recall and false positives of the secret-scan action and of gitleaks v8.30.1 on
# labelled git histories.
#
#   scripts/compare-recall.sh [SEEDS] [-v]
#
# For each seed (default 101,202,303,404,505) scripts/comparerecall builds a git history from
# secretstest.Corpus(seed): planted format-valid fake credentials and look-alike traps committed across
# many commits, some on merged topic branches, some deleted later, deleted and re-added, renamed, or
# added to an existing file. It writes the labels, scans every history with secret-scan (mode history,
# redact false) and with gitleaks (`gitleaks git`), and prints for both the recall, the false positives
# (findings matching no label), the duplicate reports and the time. -v lists misses and false positives
# (rule and file, never the secret). The fake credentials exist only in a temporary folder, removed at
# the end unless KEEP is set to a folder to keep it in. Set GITLEAKS to a gitleaks binary to skip
# building it. Needs go and git.
set -euo pipefail

seeds=${1:-101,202,303,404,505}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT

echo "building secret-scan and comparerecall"
(cd "$root" && CGO_ENABLED=0 go build -trimpath -o "$work/secret-scan" ./actions/secret-scan \
  && go build -o "$work/comparerecall" ./scripts/comparerecall)
gitleaks=${GITLEAKS:-}
if [[ -z "$gitleaks" ]]; then
  echo "building gitleaks v8.30.1"
  # Outside this module, so that its dependencies do not touch go.mod.
  (cd "$work" && GOBIN="$work" GOFLAGS= go install github.com/zricethezav/gitleaks/v8@v8.30.1)
  gitleaks="$work/gitleaks"
fi

"$work/comparerecall" -work "$work" -ours "$work/secret-scan" -gitleaks "$gitleaks" -seeds "$seeds" "$@"
