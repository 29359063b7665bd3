// Package secrets detects leaked credentials in text: provider rules with
// format checks (checksums, context anchoring), a keyword prefilter so that
// regular expressions only run near candidate text, entropy and placeholder
// filters, a configuration file (extra rules, disabled rules, path allowlists,
// fingerprint ignores) and an inline "secret-scan:allow" marker.
package secrets

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"
)

// Fragment is text to scan. StartLine is the 1-based line number of Text's
// first line in the file (hunks of added lines start anywhere); 0 means 1.
type Fragment struct {
	Path      string
	Text      []byte
	StartLine int
	// TokensOnly runs only the rules of distinctive token formats (a
	// provider's prefix, a fixed structure): for text that a generator
	// copied from sources scanned elsewhere (see GeneratedFile).
	TokensOnly bool
}

// Finding is one secret found in a fragment. Secret holds the raw value:
// callers must redact it (Redact) before writing it anywhere.
type Finding struct {
	RuleID      string
	Description string
	Path        string
	Line        int // 1-based, in the file
	Column      int // 1-based byte column of the secret's first byte
	Secret      string
	Fingerprint string // Fingerprint(RuleID, Secret)
	// Suppressed says why the finding is not reported; only ScanAll returns
	// suppressed findings.
	Suppressed Suppression
	// InTestPath is set when Path holds tests or fixtures (testdata/,
	// tests/, spec/, fixtures/, *_test.go, ...): a test key or a fixture
	// more often than a leak, which reports say.
	InTestPath bool
}

// Suppression is why a finding is not reported.
type Suppression string

// The reasons a finding is suppressed.
const (
	AllowedInline      Suppression = "allowed-inline" // a secret-scan:allow (gitleaks:allow, pragma: allowlist secret) on its line
	IgnoredFingerprint Suppression = "ignored"        // its fingerprint is in the configuration's ignores
)

// Fingerprint returns the content-based identity of a finding:
// "ruleID:" followed by the hex SHA-256 of the secret. It never contains the
// secret and does not depend on where the secret was found.
func Fingerprint(ruleID, secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return ruleID + ":" + hex.EncodeToString(sum[:])
}

// Redact returns at most a few leading characters of secret followed by "…".
// Short secrets reveal fewer characters; a secret of 8 characters or less
// reveals none.
func Redact(secret string) string {
	n := utf8.RuneCountInString(secret)
	keep := 0
	switch {
	case n > 32:
		keep = 4
	case n > 16:
		keep = 3
	case n > 8:
		keep = 2
	}
	i := 0
	for k := 0; k < keep && i < len(secret); k++ {
		_, size := utf8.DecodeRuneInString(secret[i:])
		i += size
	}
	return secret[:i] + "…"
}
