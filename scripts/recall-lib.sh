# shellcheck shell=bash
# recall-lib.sh: what heldout-recall.sh and leaktest-recall.sh share. Source it; it sets root (this
# repository) and work (KEEP, kept, or a temporary folder removed on exit), and defines fetch.
# shellcheck disable=SC2034 # used by the scripts that source this file
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT

# fetch REPO COMMIT DIR [GIT-FETCH-FLAGS...]: checks out github.com/REPO at COMMIT into DIR, unless
# DIR already holds a checkout (KEEP, or clones prepared from local mirrors).
fetch() {
  local repo=$1 commit=$2 dir=$3
  shift 3
  if [[ ! -d "$dir/.git" ]]; then
    git init -q "$dir"
    git -C "$dir" fetch -q "$@" "https://github.com/$repo" "$commit"
    git -C "$dir" checkout -q FETCH_HEAD
  fi
}
