#!/usr/bin/env bash
# Fuzzes every fuzz target of the module for a bounded time. Targets are found with `go test -list`, so a new
# one is picked up without editing this script. Each package's test binary is built once, with the fuzzing
# instrumentation, and its targets run from it, FUZZ_JOBS at a time (one worker each). A failure prints the
# failing input and the command that reproduces it, and the script exits 1 after trying every target.
#
#   bash scripts/fuzz.sh                 # CI: each target FUZZ_TIME (default 10s), two at a time
#   FUZZ_TIME=5m bash scripts/fuzz.sh    # each target for 5 minutes (the nightly workflow)
#   bash scripts/fuzz.sh ./pkg/changelog # only the targets of some packages
#
# It writes FUZZ_RESULTS (default fuzz-results.txt: package, target, result, seconds, executions, new corpus
# entries) and copies every failing input under FUZZ_FAILURES (default fuzz-failures/).
set -uo pipefail
cd "$(dirname "$0")/.."

pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./...)
per=${FUZZ_TIME:-10s}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
results=$(realpath -m "${FUZZ_RESULTS:-fuzz-results.txt}")
failures=$(realpath -m "${FUZZ_FAILURES:-fuzz-failures}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=$(go env GOCACHE)/fuzz

# "package target" pairs. `go test -list` prints the matching names, then "ok <package> ..." per package.
mapfile -t targets < <(
  go test -run '^$' -list '^Fuzz' "${pkgs[@]}" 2>/dev/null | awk '
    /^Fuzz/ { names[n++] = $1; next }
    /^ok / { for (i = 0; i < n; i++) print $2, names[i]; n = 0 }'
)
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets found in ${pkgs[*]}" >&2
  exit 1
fi
echo "fuzzing ${#targets[@]} targets for $per each, $jobs at a time"
start=$SECONDS

# One instrumented test binary per package.
declare -A bin dir
for entry in "${targets[@]}"; do
  pkg=${entry% *}
  [ -n "${bin[$pkg]:-}" ] && continue
  b="$work/$(echo "$pkg" | tr '/.' '__').test"
  if ! go test -c -fuzz=. -o "$b" "$pkg"; then
    echo "cannot build the fuzzing binary of $pkg" >&2
    exit 1
  fi
  bin[$pkg]=$b
  dir[$pkg]=$(go list -f '{{.Dir}}' "$pkg")
done

# fuzz_one runs one target and writes its report line and, on failure, what reproduces it.
fuzz_one() {
  local pkg=$1 name=$2 log=$3 t0=$SECONDS result
  # The binary runs in the package's folder, as go test does: seeds and new failures live in testdata/fuzz.
  local try
  for try in 1 2; do
    result=ok
    if ! (cd "${dir[$pkg]}" && "${bin[$pkg]}" -test.run '^$' -test.fuzz "^${name}\$" -test.fuzztime "$per" \
      -test.fuzzminimizetime "${FUZZ_MINIMIZE:-5s}" -test.parallel 1 -test.fuzzcachedir "$cache/$pkg/$name") >"$log" 2>&1; then
      result=FAIL
    fi
    # Go's fuzzer reports "context deadline exceeded", with no failing input, when the time runs out while
    # an input is still running or being minimised: not a finding. Such a run is tried once more.
    if [ "$result" = FAIL ] && ! grep -q 'Failing input written' "$log" && grep -q 'context deadline exceeded' "$log"; then
      echo "$name: the fuzzing time ran out during an input (no failing input); trying once more" >"$log.retry"
      continue
    fi
    break
  done
  local execs newc
  execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  newc=$(grep -o 'new interesting: [0-9]*' "$log" | tail -1 | awk '{print $3}')
  printf '%-45s %-28s %-4s %4ds execs=%s new-interesting=%s\n' "$pkg" "$name" "$result" $((SECONDS - t0)) "${execs:-0}" "${newc:-0}" >"$log.line"
  [ "$result" = ok ] && return 0
  {
    echo "---- $name failed; its output:"
    sed 's/^/    /' "$log" | tail -40
    # "Failing input written to testdata/fuzz/FuzzX/<hash>" names the input that reproduces it.
    local input
    input=$(grep -o 'testdata/fuzz/[^ ]*' "$log" | tail -1)
    if [ -n "$input" ] && [ -f "${dir[$pkg]}/$input" ]; then
      mkdir -p "$failures/$name"
      cp "${dir[$pkg]}/$input" "$failures/$name/"
      echo "---- failing input (${dir[$pkg]}/$input):"
      sed 's/^/    /' "${dir[$pkg]}/$input"
      echo "---- reproduce with:"
      echo "    go test -run '^${name}/$(basename "$input")\$' $pkg"
      echo "    (keep the input as a regression seed: commit it under the package's $input)"
    else
      echo "---- reproduce with: go test -run '^\$' -fuzz '^${name}\$' -fuzztime $per $pkg"
    fi
  } >"$log.fail"
  return 1
}

i=0
for entry in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  fuzz_one "${entry% *}" "${entry#* }" "$work/$i.log" &
  i=$((i + 1))
done
wait

: >"$results"
failed=0
for ((k = 0; k < i; k++)); do
  cat "$work/$k.log.line" | tee -a "$results"
  [ -f "$work/$k.log.retry" ] && cat "$work/$k.log.retry"
  if [ -f "$work/$k.log.fail" ]; then
    failed=$((failed + 1))
    cat "$work/$k.log.fail"
  fi
done
echo "fuzzed ${#targets[@]} targets in $((SECONDS - start))s: $((${#targets[@]} - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
