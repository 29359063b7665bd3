#!/usr/bin/env bash
# compare-changelog.sh runs the changelog action (format json) over the whole history of each repository
# given and compares its JSON with conventional-commits-parser (compare.mjs).
#
#   npm ci && ./compare-changelog.sh /path/to/repo-or-bare-clone ...
#
# Each repository is cloned without tags into a temporary folder, so the range is the whole history.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd ../.. && go build -o "$tmp/changelog" ./actions/changelog)
status=0
for src in "$@"; do
  work="$tmp/$(basename "$(dirname "$src")")-$(basename "$src")"
  git clone -q --no-tags --no-checkout "$src" "$work"
  (cd "$work" && env INPUT_FORMAT=json "INPUT_OUTPUT-FILE=$tmp/out.json" "$tmp/changelog" >/dev/null)
  node compare.mjs "$tmp/out.json" "$work" | tail -n 20 || status=1
done
exit $status
