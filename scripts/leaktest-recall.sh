#!/usr/bin/env bash
# leaktest-recall.sh: secret-scan and gitleaks on public leak-test repositories, scored against
# the secrets each repository documents as planted.
#
#   scripts/leaktest-recall.sh [-v]
#
# Fetches Plazmaz/leaky-repo and trufflesecurity/test_keys at pinned commits, and gitleaks at the
# commit scripts/heldout-recall.sh uses (git, network; set KEEP to a folder to reuse, or to prepare
# offline: KEEP/leaky-repo, KEEP/test_keys and KEEP/gitleaks as checkouts). Scans each full history
# with the secret-scan action (mode history) and with `gitleaks git` (defaults), then scores both with
# `heldoutrecall leaktest`: leaky-repo's labels are its own .leaky-meta/secrets.csv (lines holding a
# "risk"), test_keys' are scripts/heldoutrecall/testkeys.csv. A file's planted lines count as found up
# to the number of distinct lines a tool reported in it. -v lists the files where a tool fell short.
# Only counts and file names are printed, never a secret. Needs go and git.
set -euo pipefail

LEAKY_COMMIT=2e951359cac53addbee56437da3ffb546e3dfe24
TESTKEYS_COMMIT=0416560b1330d8ac42045813251d85c688717eaf
GITLEAKS_COMMIT=$(sed -n 's/^GITLEAKS_COMMIT=//p' "$(dirname "$0")/heldout-recall.sh")
# shellcheck source=scripts/recall-lib.sh
source "$(dirname "$0")/recall-lib.sh"
fetch Plazmaz/leaky-repo "$LEAKY_COMMIT" "$work/leaky-repo"
fetch trufflesecurity/test_keys "$TESTKEYS_COMMIT" "$work/test_keys"
if [[ -z "${GITLEAKS:-}" ]]; then
  fetch gitleaks/gitleaks "$GITLEAKS_COMMIT" "$work/gitleaks"
  (cd "$work/gitleaks" && GOFLAGS='' go build -o "$work/gitleaks-bin" .)
  GITLEAKS="$work/gitleaks-bin"
fi
(cd "$root" && CGO_ENABLED=0 go build -trimpath -o "$work/secret-scan" ./actions/secret-scan &&
  go build -o "$work/heldoutrecall" ./scripts/heldoutrecall)

score() { # name repo labels
  local name=$1 repo=$2 labels=$3
  # The action writes its report inside its workspace only.
  (cd "$repo" && env -u GITHUB_ACTIONS INPUT_MODE=history INPUT_PATH=. INPUT_FAIL-ON-FINDINGS=false \
    INPUT_CONFIG= INPUT_REPORT=.secret-scan-report.json GITHUB_STEP_SUMMARY=/dev/null GITHUB_OUTPUT=/dev/null \
    "$work/secret-scan" >"$work/$name-ours.log" 2>&1) || { echo "secret-scan failed on $name:"; tail -5 "$work/$name-ours.log"; exit 1; }
  mv "$repo/.secret-scan-report.json" "$work/$name-ours.json"
  "$GITLEAKS" git "$repo" --no-banner --exit-code 0 --log-level error --report-format json \
    --report-path "$work/$name-gitleaks.json"
  "$work/heldoutrecall" leaktest -name "$name" -labels "$labels" -ours "$work/$name-ours.json" \
    -gitleaks "$work/$name-gitleaks.json" ${VERBOSE:+-v}
}
[[ "${1:-}" == "-v" ]] && VERBOSE=1
score leaky-repo "$work/leaky-repo" "$work/leaky-repo/.leaky-meta/secrets.csv"
score test_keys "$work/test_keys" "$root/scripts/heldoutrecall/testkeys.csv"
