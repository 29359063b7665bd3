#!/usr/bin/env bash
# Runs the actions on this repository, locally, with no token: the pull-request checks on the current branch
# and last commit (its title, and the files and lines it adds), the secret scan over the whole history, and the
# next version and its changelog as a dry run. Nothing is written to GitHub or to the repository.
set -uo pipefail
cd "$(dirname "$0")/.."

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
echo "building the six programs..."
CGO_ENABLED=0 go build -o "$bin/" ./actions/... || exit 1

# Local mode: no GITHUB_ACTIONS, so each program treats this folder as the workspace and prints its outputs.
# Inputs are INPUT_<NAME> variables, dashes kept, which only env(1) can set.
unset GITHUB_ACTIONS GITHUB_OUTPUT GITHUB_STEP_SUMMARY GITHUB_EVENT_PATH GITHUB_EVENT_NAME
title=$(git log -1 --format=%s)
branch=$(git rev-parse --abbrev-ref HEAD)
# The last commit plays the pull request: its parent is the base (none in a one-commit history).
base=$(git rev-parse -q --verify HEAD~1 2>/dev/null || true)
head=$(git rev-parse HEAD)

if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
  echo "note: this is a shallow clone; semver-release and changelog need the history and the tags:" \
    "run \`git fetch --unshallow --tags\` first."
fi

failed=0
run() {
  local name=$1; shift
  printf '\n\033[1m--- %s ---\033[0m\n' "$name"
  env "$@" "$bin/$name"
  local code=$?
  printf -- '--- %s exited %d ---\n' "$name" "$code"
  [ "$code" -eq 0 ] || failed=$((failed + 1))
}

run pr-lint "INPUT_TITLE=$title" "INPUT_BRANCH=$branch" "INPUT_BASE=$base" "INPUT_HEAD=$head" "INPUT_COMMENT=false"
run secret-scan "INPUT_MODE=history"
run semver-release "INPUT_DRY-RUN=true"
run changelog "INPUT_VERSION=next"

echo
if [ "$failed" -gt 0 ]; then
  echo "$failed of 4 actions reported a problem (see above)."
  exit 1
fi
echo "all 4 actions passed on this repository."
