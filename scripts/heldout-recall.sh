#!/usr/bin/env bash
# heldout-recall.sh: secret-scan's rules measured on examples nobody here wrote, beside gitleaks.
#
#   scripts/heldout-recall.sh
#
# Fetches gitleaks and trufflehog at pinned commits (git, network), then:
# - gitleaks: its rule generator (cmd/generate/config) with validate.go replaced by
#   scripts/heldoutrecall/gitleaks_validate.go.txt, which records every rule's true and false
#   examples instead of checking them;
# - trufflehog: the TestX_Pattern cases of pkg/detectors/*, read from the Go source by
#   scripts/heldoutrecall (inputs built with fmt.Sprintf and string constants are evaluated);
# - Nosey Parker and Kingfisher: the examples and negative examples of their YAML rules (Nosey
#   Parker's include rules for values that are not secrets, such as ARNs, bucket names and client
#   IDs; Kingfisher's examples are mostly made-up values such as 1234567890abcdef…);
# - scores the sets with this repository's pkg/secrets (a case counts as found when the scan of
#   its text reports anything; a false example counts when anything is reported), and scores
#   trufflehog's set with gitleaks (`gitleaks dir`, built from the same clone) for comparison.
#   The trufflehog set is also split by detector (CRC32 of the name): the even half was looked at
#   while tuning the rules, the odd half was not. Families: scripts/heldoutrecall/families.txt,
#   the trufflehog detectors of the credential families secret-scan's rules cover.
# The examples are public test data (fake or revoked); only counts are printed. Needs go and git.
set -euo pipefail

GITLEAKS_COMMIT=b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b
TRUFFLEHOG_COMMIT=3ab759fef4bb5935d4fe9ac68b503d05346b8364
NOSEYPARKER_COMMIT=2e6e7f36ce36619852532bbe698d8cb7a26d2da7
KINGFISHER_COMMIT=ee7c0db3ef87575768f817820c24736249ffcdef
# shellcheck source=scripts/recall-lib.sh
source "$(dirname "$0")/recall-lib.sh"
fetch gitleaks/gitleaks "$GITLEAKS_COMMIT" "$work/gitleaks" --depth 1
fetch trufflesecurity/trufflehog "$TRUFFLEHOG_COMMIT" "$work/trufflehog" --depth 1
fetch praetorian-inc/noseyparker "$NOSEYPARKER_COMMIT" "$work/noseyparker" --depth 1
fetch mongodb/kingfisher "$KINGFISHER_COMMIT" "$work/kingfisher" --depth 1

(cd "$root" && go build -o "$work/heldoutrecall" ./scripts/heldoutrecall)

echo "gitleaks' rule examples"
cp "$root/scripts/heldoutrecall/gitleaks_validate.go.txt" "$work/gitleaks/cmd/generate/config/utils/validate.go"
rm -f "$work/gl.jsonl"
# The generator ends by rendering its template, which fails outside its folder: the examples are
# recorded by then.
(cd "$work/gitleaks" && GL_DUMP="$work/gl.jsonl" GOFLAGS='' go run ./cmd/generate/config "$work/out.toml" >/dev/null 2>&1 || true)
"$work/heldoutrecall" jsonl "$work/gl.jsonl" >"$work/gl.json"
"$work/heldoutrecall" score -cases "$work/gl.json"

echo "trufflehog's detector pattern tests"
"$work/heldoutrecall" extract-trufflehog "$work"/trufflehog/pkg/detectors/*/*_test.go "$work"/trufflehog/pkg/detectors/*/*/*_test.go >"$work/th.json"
"$work/heldoutrecall" write -cases "$work/th.json" -dir "$work/th"
git -C "$work/gitleaks" checkout -q -- cmd/generate/config/utils/validate.go
(cd "$work/gitleaks" && GOFLAGS='' go build -o "$work/gitleaks-bin" .)
"$work/gitleaks-bin" dir "$work/th" --report-format json --report-path "$work/th-gitleaks.json" \
  --no-banner --exit-code 0 --log-level error
"$work/heldoutrecall" score -cases "$work/th.json" -gitleaks "$work/th-gitleaks.json" -split \
  -families "$root/scripts/heldoutrecall/families.txt"

for set in noseyparker:crates/noseyparker/data/default/builtin/rules kingfisher:data/rules; do
  name=${set%%:*}
  echo "$name's rule examples"
  "$work/heldoutrecall" extract-yaml "$work/$name/${set#*:}"/*.yml >"$work/$name.json"
  rm -rf "$work/$name-cases"
  "$work/heldoutrecall" write -cases "$work/$name.json" -dir "$work/$name-cases"
  "$work/gitleaks-bin" dir "$work/$name-cases" --report-format json --report-path "$work/$name-gitleaks.json" \
    --no-banner --exit-code 0 --log-level error
  "$work/heldoutrecall" score -cases "$work/$name.json" -gitleaks "$work/$name-gitleaks.json"
done
