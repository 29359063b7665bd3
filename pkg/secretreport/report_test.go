package secretreport

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/secrets"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// Fake, made-up values: they look like credentials and must never leak into redacted output.
// They are assembled at run time so that no credential-shaped literal sits in the source.
var (
	fakeToken    = strings.Join([]string{"ghp", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17"}, "_")
	fakePassword = strings.Join([]string{"hunter2", "Very", "Secret", "Passw0rd"}, "-")
)

func sample() Report {
	date := time.Date(2024, 3, 1, 12, 30, 0, 0, time.FixedZone("CET", 3600))
	return Report{
		Redact: true,
		Findings: []Finding{
			{
				RuleID: "github-pat", Description: "GitHub personal access token", Commit: "0123456789abcdef0123456789abcdef01234567",
				Author: "Ann <b>Bold</b> | Admin", Date: date, File: "config/app.env", Line: 3, Column: 14,
				Fingerprint: secrets.Fingerprint("github-pat", fakeToken), Secret: fakeToken,
			},
			{
				RuleID: "generic-secret", Description: "Generic secret", Commit: "89abcdef0123456789abcdef0123456789abcdef",
				Author: "Bob @rose/admins [site](https://evil.example) <img src=x onerror=alert(1)>", Date: date.Add(time.Hour), File: "src/a|b`c.py", Line: 10, Column: 12,
				Fingerprint: secrets.Fingerprint("generic-secret", fakePassword), Secret: fakePassword,
			},
		},
		Stats: Stats{Commits: 42, Files: 120, Bytes: 123456, Skipped: 2, Duration: 1500 * time.Millisecond},
	}
}

func rules() []secrets.Rule {
	return []secrets.Rule{
		{ID: "github-pat", Description: "GitHub personal access token", Help: "A classic GitHub token. Revoke it in Settings > Developer settings."},
		{ID: "generic-secret", Description: "Generic secret", Help: "A password or secret assigned in code."},
		{ID: "aws-access-key-id", Description: "AWS access key ID", Help: "An AWS key ID."},
	}
}

func assertNoSecret(t *testing.T, name string, b []byte) {
	t.Helper()
	for _, s := range []string{fakeToken, fakePassword, fakeToken[:12], fakePassword[:12]} {
		if strings.Contains(string(b), s) {
			t.Errorf("%s contains secret material %q", name, s)
		}
	}
}

func TestJSON(t *testing.T) {
	r := sample()
	got, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", got)
	assertNoSecret(t, "redacted JSON", got)

	// The field names are a contract.
	var m struct {
		Findings []map[string]any `json:"findings"`
		Stats    map[string]any   `json:"stats"`
	}
	if err := json.Unmarshal(got, &m); err != nil {
		t.Fatal(err)
	}
	wantF := []string{"author", "commit", "date", "description", "file", "fingerprint", "line", "match", "rule"}
	for _, f := range m.Findings {
		if keys := sortedKeys(f); !slices.Equal(keys, wantF) {
			t.Errorf("finding keys = %v, want %v", keys, wantF)
		}
	}
	if keys, want := sortedKeys(m.Stats), []string{"allowed_inline", "baselined", "bytes", "commits", "duration_ms", "files", "ignored", "limited_files", "skipped"}; !slices.Equal(keys, want) {
		t.Errorf("stats keys = %v, want %v", keys, want)
	}
	if m.Findings[0]["match"] != "ghp_…" {
		t.Errorf("redacted match = %q", m.Findings[0]["match"])
	}

	r.Redact = false
	raw, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), fakeToken) {
		t.Error("JSON with Redact false does not hold the secret")
	}
}

func TestJSONFilesModeAndEmpty(t *testing.T) {
	r := Report{Redact: true, Stats: Stats{Files: 3, Bytes: 10}, Findings: []Finding{{
		RuleID: "generic-secret", Description: "Generic secret", File: "a.env", Line: 1, Column: 5,
		Fingerprint: secrets.Fingerprint("generic-secret", fakePassword), Secret: fakePassword,
	}}}
	got, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report-files.json", got)
	empty, err := JSON(Report{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(empty), `"findings": []`) {
		t.Errorf("an empty report must list findings as [], got %s", empty)
	}
}

func sortedKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestSARIF(t *testing.T) {
	r := sample()
	r.Redact = false // SARIF never shows a raw secret, whatever the setting
	got, err := SARIF(r, rules(), Tool{Name: "rose secret-scan", Version: "1.2.3", InformationURI: "https://github.com/rose/actions"})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report.sarif", got)
	assertNoSecret(t, "SARIF", got)

	// What GitHub code scanning requires.
	var log sarifReadBack
	if err := json.Unmarshal(got, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name == "" {
		t.Fatalf("bad SARIF header: %+v", log)
	}
	run := log.Runs[0]
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID == "" || rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || rule.Help.Text == "" {
			t.Errorf("rule %+v lacks a description or help", rule)
		}
	}
	if len(run.Results) != 2 {
		t.Fatalf("%d results, want 2", len(run.Results))
	}
	for _, res := range run.Results {
		if res.RuleID == "" || res.Message.Text == "" || len(res.Locations) != 1 ||
			res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" || res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result lacks a required field: %+v", res)
		}
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", res.RuleIndex, res.RuleID)
		}
		if fp := res.PartialFingerprints[FingerprintKey]; len(fp) != 64 {
			t.Errorf("partial fingerprint %q", fp)
		}
	}
}

func TestSARIFFingerprintIsContentBased(t *testing.T) {
	a := sample().Findings[0]
	moved := a
	moved.Line, moved.Column, moved.Commit = 99, 1, "feedfeedfeedfeedfeedfeedfeedfeedfeedfeed"
	if LocationFingerprint(a) != LocationFingerprint(moved) {
		t.Error("the fingerprint changes when the secret moves lines")
	}
	other := a
	other.File = "elsewhere.env"
	if LocationFingerprint(a) == LocationFingerprint(other) {
		t.Error("the same secret in two files has one fingerprint")
	}
}

func TestSARIFCapsResults(t *testing.T) {
	f := sample().Findings[0]
	r := Report{Findings: slices.Repeat([]Finding{f}, MaxSARIFResults+3)}
	got, err := SARIF(r, rules(), Tool{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results     []json.RawMessage `json:"results"`
			Invocations []struct {
				ToolExecutionNotifications []struct{ Message struct{ Text string } }
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(got, &log); err != nil {
		t.Fatal(err)
	}
	if n := len(log.Runs[0].Results); n != MaxSARIFResults {
		t.Errorf("%d results, want %d", n, MaxSARIFResults)
	}
	if len(log.Runs[0].Invocations) != 1 || !strings.Contains(log.Runs[0].Invocations[0].ToolExecutionNotifications[0].Message.Text, "3 findings left out") {
		t.Errorf("no notification of the left-out findings: %+v", log.Runs[0].Invocations)
	}
}

func TestMarkdown(t *testing.T) {
	r := sample()
	r.Redact = false
	r.Limited, r.LimitedCount = []secrets.Limited{{Path: "web/dist/app.min.js", Line: 1}, {Path: "data/fixtures.json", Line: 5210}}, 3
	got := Markdown(r, SummaryOptions{
		Mode: "history", CommitURL: "https://github.com/rose/app/commit/", MaxFileSize: 5e6,
		UnusedIgnores: []string{"generic-secret:" + strings.Repeat("a", 64)},
	})
	golden(t, "summary.md", []byte(got))
	assertNoSecret(t, "summary", []byte(got))
	// Commit text is escaped as pr-lint's comment escapes it (package markdown): no HTML, no
	// mention that notifies a team, no link.
	for _, bad := range []string{"<b>", "<img", "@rose", "[site]"} {
		if strings.Contains(got, bad) {
			t.Errorf("author text %q reached the summary unescaped", bad)
		}
	}
	if !strings.Contains(got, "Bob @&#8203;rose/admins") {
		t.Error("the author name is no longer readable")
	}
	golden(t, "summary-empty.md", []byte(Markdown(Report{Stats: Stats{Files: 12, Bytes: 2048, Duration: 20 * time.Millisecond}}, SummaryOptions{Mode: "files under ."})))
}

func TestMarkdownCapsRows(t *testing.T) {
	f := sample().Findings[1]
	got := Markdown(Report{Findings: slices.Repeat([]Finding{f}, MaxSummaryRows+7)}, SummaryOptions{})
	if n := strings.Count(got, "| `generic-secret`"); n != MaxSummaryRows {
		t.Errorf("%d rows, want %d", n, MaxSummaryRows)
	}
	if !strings.Contains(got, "7 more findings") {
		t.Error("no note of the rows left out")
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"a.txt:1":   "`a.txt:1`",
		"a`b":       "``a`b``",
		"`a":        "`` `a ``",
		"x|y":       "`x\\|y`",
		"new\nline": "`new line`",
	} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
}

// sarifReadBack is the part of a SARIF log that GitHub code scanning requires, as the tests read it back.
type sarifReadBack struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text string }
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           struct{ StartLine int }
				}
			}
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// TestJSONNamesTheFilesReadInPart: a report of a scan that read files only in part says so, in
// the stats and by file and line, so that automation reading the report sees a partial scan.
func TestJSONNamesTheFilesReadInPart(t *testing.T) {
	r := sample()
	b, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"limited"`) || !strings.Contains(string(b), `"limited_files": 0`) {
		t.Errorf("a complete scan's report:\n%s", b)
	}
	r.Limited, r.LimitedCount = []secrets.Limited{{Path: "gen/dump.txt", Line: 7}}, 1
	if b, err = JSON(r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Stats struct {
			LimitedFiles int `json:"limited_files"`
		} `json:"stats"`
		Limited []struct {
			File string
			Line int
		} `json:"limited"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Stats.LimitedFiles != 1 || len(got.Limited) != 1 || got.Limited[0].File != "gen/dump.txt" || got.Limited[0].Line != 7 {
		t.Errorf("limited files in the report: %+v", got)
	}
}
