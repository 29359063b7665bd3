package main

import (
	"fmt"
	"slices"
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

// TestDedupeKeepsLinesOfFirstCommit checks that, in git modes, a secret the introducing commit
// wrote on two lines of a file (two registries with the same auth) is reported on both lines,
// while the same secret moved or copied within that file by a later commit is not reported
// again, a second match on one line counts once, and a test token repeated in a test file is
// reported once.
func TestDedupeKeepsLinesOfFirstCommit(t *testing.T) {
	f := func(order int, fp, path string, line, col int) found {
		return found{order: order, f: secrets.Finding{RuleID: "r", Fingerprint: fp, Path: path, Line: line, Column: col}}
	}
	all := []found{
		f(2, "r:a", "config.json", 4, 10),
		f(2, "r:a", "config.json", 8, 10),  // same commit, another line: reported
		f(2, "r:a", "config.json", 8, 60),  // same line again: once
		f(5, "r:a", "config.json", 12, 10), // later commit: where it was introduced only
		f(5, "r:a", "copy.json", 3, 1),     // another file: reported
	}
	inTests := func(x found) found { x.f.InTestPath = true; return x }
	all = append(all,
		inTests(f(1, "r:t", "tests/login.rs", 20, 5)),
		inTests(f(1, "r:t", "tests/login.rs", 40, 5)), // a fixture repeating its test token: once
	)
	var got []string
	reported, _ := dedupe(all, true)
	for _, r := range reported {
		got = append(got, fmt.Sprintf("%s:%d", r.File, r.Line))
	}
	want := []string{"tests/login.rs:20", "config.json:4", "config.json:8", "copy.json:3"}
	if !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
}
