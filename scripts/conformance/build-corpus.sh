#!/usr/bin/env bash
# build-corpus.sh rebuilds pkg/conventional/testdata/conformance.jsonl: real commit messages of public
# Conventional Commits projects plus hand-written edge cases, each with the answer of
# conventional-commits-parser (conventionalcommits preset).
#
#   npm ci                                   # once, in scripts/conformance
#   ./build-corpus.sh DIR                    # DIR holds bare clones named owner+name (git clone --bare)
#
# The sample is evenly spaced over each repository's non-merge history on HEAD (at most $PER_REPO each);
# EXTRA lists commits of the full histories that are added because they show a deliberate difference.
set -euo pipefail
cd "$(dirname "$0")"
dir=${1:?usage: build-corpus.sh DIR-WITH-BARE-CLONES}
per_repo=${PER_REPO:-950}
out=../../pkg/conventional/testdata/conformance.jsonl
repos=(
  conventional-changelog/conventional-changelog conventional-changelog/commitlint
  semantic-release/semantic-release googleapis/release-please googleapis/release-please-action
  commitizen/cz-cli vitejs/vite vuejs/core vitest-dev/vitest typescript-eslint/typescript-eslint
)
extra=(be21cfb1db1a60fb0f2dda57d7f62d1c126a064b 76486227715a02a93a7b537f05c22825b764dbc3
  49f623f5d35754abb1a98f2ce4485914963d80c0)
args=()
for r in "${repos[@]}"; do args+=("$r=$dir/${r/\//+}"); done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node extract.mjs "$tmp/sample.jsonl" "$per_repo" "${args[@]}"
node extract.mjs "$tmp/all.jsonl" 1000000 "${args[@]}" 2>/dev/null
: >"$tmp/extra.jsonl"
for sha in "${extra[@]}"; do
  grep -F "\"sha\":\"$sha\"" "$tmp/all.jsonl" >>"$tmp/extra.jsonl" || true
done
node edge-cases.mjs >"$tmp/edge.jsonl"
cat "$tmp/sample.jsonl" "$tmp/extra.jsonl" "$tmp/edge.jsonl" >"$tmp/corpus.jsonl"
node reference.mjs "$tmp/corpus.jsonl" "$out"
wc -lc "$out"
