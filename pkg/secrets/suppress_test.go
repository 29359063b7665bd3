package secrets

import (
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// TestScanAllSuppressed checks that ScanAll returns what Scan hides, with the reason, so that the
// action can count accepted findings; and that Scan returns only the reported ones.
func TestScanAllSuppressed(t *testing.T) {
	g := secretstest.NewGen(7)
	allowed, ignored, plain := g.GitHubToken("ghp_"), g.GitHubToken("ghp_"), g.GitHubToken("ghp_")
	d := newTestDetector(t, Config{Ignores: []string{Fingerprint("github-pat", ignored)}})
	text := "A=" + allowed + " # secret-scan:allow\nB=" + ignored + "\nC=" + plain + "\n"
	all := d.ScanAll(Fragment{Path: "x.env", Text: []byte(text)})
	want := map[string]Suppression{allowed: AllowedInline, ignored: IgnoredFingerprint, plain: ""}
	if len(all) != len(want) {
		t.Fatalf("ScanAll returned %d findings, want %d", len(all), len(want))
	}
	for _, f := range all {
		if w, ok := want[f.Secret]; !ok || f.Suppressed != w {
			t.Errorf("line %d: Suppressed %q, want %q", f.Line, f.Suppressed, w)
		}
	}
	got := d.Scan(Fragment{Path: "x.env", Text: []byte(text)})
	if len(got) != 1 || got[0].Secret != plain || got[0].Suppressed != "" {
		t.Errorf("Scan returned %d findings, want only the plain one", len(got))
	}
	if u := d.UnusedIgnores(); len(u) != 0 {
		t.Errorf("the ignore that suppressed a finding is reported unused: %v", u)
	}
}
