package main

import (
	"testing"

	"github.com/rose/actions/pkg/secrets"
)

// TestDedupeCountsAccepted checks how suppressed findings are counted: once per secret and file,
// by reason, and never when the same secret in the same file is also reported (allowed on one
// line, added again without the marker later: reported).
func TestDedupeCountsAccepted(t *testing.T) {
	f := func(order int, fp, path string, line int, why secrets.Suppression) found {
		return found{order: order, f: secrets.Finding{RuleID: "r", Fingerprint: fp, Path: path, Line: line, Suppressed: why}}
	}
	all := []found{
		f(0, "r:a", "x.env", 1, secrets.AllowedInline),
		f(3, "r:a", "x.env", 9, secrets.AllowedInline), // the same allowed secret again: counted once
		f(1, "r:a", "y.env", 1, secrets.AllowedInline), // another file: counted
		f(0, "r:b", "x.env", 2, secrets.IgnoredFingerprint),
		f(2, "r:c", "x.env", 3, secrets.AllowedInline),
		f(4, "r:c", "x.env", 7, ""), // re-added without the marker: reported, not counted
		f(5, "r:d", "z.env", 1, ""),
	}
	reported, accepted := dedupe(all, true)
	if len(reported) != 2 || reported[0].Fingerprint != "r:c" || reported[0].Line != 7 || reported[1].Fingerprint != "r:d" {
		t.Errorf("reported %+v, want r:c at line 7 then r:d", reported)
	}
	if accepted[secrets.AllowedInline] != 2 || accepted[secrets.IgnoredFingerprint] != 1 {
		t.Errorf("accepted %v, want 2 allowed inline and 1 ignored", accepted)
	}
	// Files mode keeps every occurrence: the two allowed lines of x.env count twice.
	_, accepted = dedupe(all, false)
	if accepted[secrets.AllowedInline] != 4 {
		t.Errorf("files mode: %d allowed inline, want 4", accepted[secrets.AllowedInline])
	}
}
