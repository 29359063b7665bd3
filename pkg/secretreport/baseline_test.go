package secretreport

import (
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets"
)

// TestReportIsABaseline checks the round trip a team relies on: the JSON report, redacted as
// written by default, read back as a baseline, accepts every finding it lists — by fingerprint
// and file, whatever the commit and line — and nothing else.
func TestReportIsABaseline(t *testing.T) {
	r := sample()
	r.Baselined = []Finding{{RuleID: "github-pat", File: "old.env", Line: 1, Fingerprint: secrets.Fingerprint("github-pat", fakeToken+"x"), Secret: fakeToken + "x"}}
	data, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBaseline(data)
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 3 || b.Unredacted != 0 {
		t.Fatalf("Len %d Unredacted %d, want 3 and 0", b.Len(), b.Unredacted)
	}
	tok := r.Findings[0]
	for _, tc := range []struct {
		name        string
		fingerprint string
		file        string
		want        bool
	}{
		{"same secret, same file", tok.Fingerprint, tok.File, true},
		{"previously baselined finding", r.Baselined[0].Fingerprint, "old.env", true},
		{"same secret, another file", tok.Fingerprint, "elsewhere.env", false},
		{"new secret, same file (and line)", secrets.Fingerprint("github-pat", fakeToken[:len(fakeToken)-1]+"Z"), tok.File, false},
		{"same secret under another rule", secrets.Fingerprint("generic-secret", fakeToken), tok.File, false},
	} {
		if got := b.Match(tc.fingerprint, tc.file); got != tc.want {
			t.Errorf("%s: Match = %v, want %v", tc.name, got, tc.want)
		}
	}
	if n := b.Unused(); n != 1 {
		t.Errorf("Unused = %d, want 1 (the generic secret)", n)
	}
	var nilBase *Baseline
	if nilBase.Match(tok.Fingerprint, tok.File) || nilBase.Unused() != 0 || nilBase.Len() != 0 {
		t.Error("a nil baseline accepts something")
	}
}

func TestBaselineWithoutFileAndUnredacted(t *testing.T) {
	fp := secrets.Fingerprint("generic-secret", fakePassword)
	// A hand-written entry without a file accepts the secret anywhere; a match in clear is
	// counted so that the action can warn before the file is committed.
	b, err := ParseBaseline([]byte(`{"findings": [{"fingerprint": "` + fp + `", "match": "` + fakePassword + `"},
		{"rule": "generic-secret", "fingerprint": "` + fp + `", "file": "a", "match": "hu…"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !b.Match(fp, "any/file.py") || b.Unredacted != 1 {
		t.Errorf("Match anywhere = false or Unredacted = %d, want 1", b.Unredacted)
	}
}

func TestParseBaselineErrors(t *testing.T) {
	zeros := strings.Repeat("0", 64)
	for _, tc := range []struct{ name, doc, want string }{
		{"not json", "findings: []", "not JSON"},
		{"array", `[{"fingerprint": "x"}]`, "a JSON array"},
		{"no findings", `{"stats": {}}`, `no "findings" list`},
		{"findings not a list", `{"findings": {}}`, `"findings" is a JSON object`},
		{"bad fingerprint", `{"findings": [{"fingerprint": "github-pat:12"}]}`, `findings[0]: fingerprint "github-pat:12"`},
		{"rule mismatch", `{"findings": [{"rule": "npm", "fingerprint": "github-pat:` + zeros + `"}]}`, `rule "npm" does not match`},
	} {
		_, err := ParseBaseline([]byte(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "struct") {
			t.Errorf("%s: error %q shows Go types", tc.name, err)
		}
	}
	if b, err := ParseBaseline([]byte(`{"findings": []}`)); err != nil || b.Len() != 0 {
		t.Errorf("empty baseline: %v", err)
	}
}

// TestIsReport checks that the scanner recognises its own reports — JSON and SARIF, redacted or
// not — and nothing else.
func TestIsReport(t *testing.T) {
	r := sample()
	r.Redact = false
	raw, _ := JSON(r)
	empty, _ := JSON(Report{})
	sarif, _ := SARIF(sample(), rules(), Tool{Name: "another name"})
	for _, tc := range []struct {
		name string
		data string
		want bool
	}{
		{"unredacted JSON report", string(raw), true},
		{"empty JSON report", string(empty), true},
		{"SARIF", string(sarif), true},
		{"plain JSON with findings", `{"findings": [{"secret": "x"}], "stats": {}}`, false},
		{"gitleaks report", `[{"RuleID": "x", "Secret": "y"}]`, false},
		{"config", "token: abc", false},
		{"SARIF of another tool", `{"version": "2.1.0", "runs": [{"results": [{"partialFingerprints": {"x": "y"}}]}]}`, false},
	} {
		if got := IsReport([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: IsReport = %v, want %v", tc.name, got, tc.want)
		}
	}
}
