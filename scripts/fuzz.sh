#!/usr/bin/env bash
# Fuzzes every fuzz target of the module for a bounded time. Targets are found with `go test -list`, so a new
# one is picked up without editing this script. A failure prints the failing input and the command that
# reproduces it, and the script exits 1 after trying every target.
#
#   bash scripts/fuzz.sh                 # CI: the whole run within FUZZ_BUDGET seconds (default 150)
#   FUZZ_TIME=5m bash scripts/fuzz.sh    # each target for 5 minutes (the nightly workflow)
#   bash scripts/fuzz.sh ./pkg/changelog # only the targets of some packages
#
# It writes fuzz-results.txt (one line per target: package, target, result, executions, new corpus entries)
# beside a copy of every failing input under fuzz-failures/.
set -uo pipefail
cd "$(dirname "$0")/.."

pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./...)
budget=${FUZZ_BUDGET:-150}
out=${FUZZ_RESULTS:-fuzz-results.txt}
failures=${FUZZ_FAILURES:-fuzz-failures}

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

if [ -n "${FUZZ_TIME:-}" ]; then
  per=$FUZZ_TIME
else
  # Share the budget; each target gets between 5 and 20 seconds of fuzzing (building adds a little).
  secs=$(( budget / ${#targets[@]} ))
  [ "$secs" -lt 5 ] && secs=5
  [ "$secs" -gt 20 ] && secs=20
  per=${secs}s
fi
echo "fuzzing ${#targets[@]} targets for $per each"

: >"$out"
failed=0
start=$SECONDS
for entry in "${targets[@]}"; do
  pkg=${entry% *}
  name=${entry#* }
  dir=$(go list -f '{{.Dir}}' "$pkg")
  log=$(mktemp)
  t0=$SECONDS
  # -parallel 1 on small machines keeps one core for the rest of CI; the nightly run sets FUZZ_PARALLEL.
  if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$per" -fuzzminimizetime "${FUZZ_MINIMIZE:-5s}" -parallel "${FUZZ_PARALLEL:-2}" "$pkg" >"$log" 2>&1; then
    result=ok
  else
    result=FAIL
    failed=$((failed + 1))
  fi
  execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  newc=$(grep -o 'new interesting: [0-9]*' "$log" | tail -1 | awk '{print $3}')
  printf '%-40s %-32s %-4s %4ds execs=%s new-interesting=%s\n' "$pkg" "$name" "$result" $((SECONDS - t0)) "${execs:-0}" "${newc:-0}" | tee -a "$out"
  if [ "$result" = FAIL ]; then
    echo "---- $name failed; its output:"
    sed 's/^/    /' "$log" | tail -40
    # "Failing input written to testdata/fuzz/FuzzX/<hash>" names the input that reproduces it.
    input=$(grep -o 'testdata/fuzz/[^ ]*' "$log" | tail -1)
    if [ -n "$input" ] && [ -f "$dir/$input" ]; then
      mkdir -p "$failures/$name"
      cp "$dir/$input" "$failures/$name/"
      echo "---- failing input ($dir/$input):"
      sed 's/^/    /' "$dir/$input"
      echo "---- reproduce with:"
      echo "    go test -run '^${name}/$(basename "$input")\$' $pkg"
      echo "    (keep the input as a regression seed: commit $pkg/${input#./})"
    else
      echo "---- reproduce with: go test -run '^$' -fuzz '^${name}\$' -fuzztime $per $pkg"
    fi
  fi
  rm -f "$log"
done
echo "fuzzed ${#targets[@]} targets in $((SECONDS - start))s: $(( ${#targets[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
