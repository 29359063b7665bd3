package secretreport

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/secrets"
)

// coerced is what encoding/json makes of a string: each byte that is not part of valid UTF-8
// becomes U+FFFD.
func coerced(s string) string { return string([]rune(s)) }

// FuzzReports renders findings whose every text field is arbitrary bytes (paths, rule IDs and
// descriptions of a configuration, commit authors, secrets) and checks that the JSON report and
// the SARIF log are valid JSON that parses back to the values given (as JSON coerces them to
// UTF-8), that SARIF has what code scanning requires, that the summary keeps one table row per
// finding, and that no rendering but the unredacted JSON report holds the secret.
func FuzzReports(f *testing.F) {
	f.Add("github-pat", "GitHub token", "config/app.env", "Ann <ann@example.com>", "0123456789abcdef0123456789abcdef01234567", "ghp_"+strings.Repeat("x", 36), 3, true)
	f.Add("generic-secret", "a\nb | c `d`", "src/a|b`c #1?.py", "@org/team [x](http://e) <img onerror=1>", "", "p\x00ss\xffword-long-enough", 1, false)
	f.Add("r", "", "dir/\xff\xfe:x/%41", "\u2028\r\n", "zz", "", 0, true)
	f.Add("", "\"}],", "", "\\", "\x1b[31m", "\"\\u0000", -5, false)
	f.Fuzz(func(t *testing.T, rule, desc, file, author, commit, secret string, line int, baselined bool) {
		fnd := Finding{
			RuleID: rule, Description: desc, Commit: commit, Author: author, File: file, Line: line, Column: 2,
			Date: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), Fingerprint: secrets.Fingerprint(rule, secret), Secret: secret,
			InTestPath: line%2 == 0,
		}
		r := Report{Findings: []Finding{fnd}, Stats: Stats{Commits: 1, Files: 1}}
		if baselined {
			r.Baselined = []Finding{fnd}
			r.Stats.Baselined = 1
		}
		// leaks reports whether a rendering holds the secret for another reason than holding
		// the text of another field or of the format itself: the same rendering of the report
		// with another secret does not hold it.
		leaks := func(render func(Report) []byte) bool {
			if len(secret) < 12 || !bytes.Contains(render(r), []byte(secret)) {
				return false
			}
			other := r
			other.Findings = []Finding{fnd}
			other.Findings[0].Secret = "-"
			if other.Baselined != nil {
				other.Baselined = other.Findings
			}
			return !bytes.Contains(render(other), []byte(secret))
		}

		for _, redact := range []bool{true, false} {
			r.Redact = redact
			data, err := JSON(r)
			if err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if !json.Valid(data) {
				t.Fatalf("JSON report is not valid JSON:\n%s", data)
			}
			var got struct {
				Findings []struct {
					Rule, Description, Commit, File, Fingerprint, Match, Author string
					Line                                                        int
					Baselined                                                   bool
					TestPath                                                    bool `json:"test_path"`
				} `json:"findings"`
			}
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Findings) != len(r.Findings)+len(r.Baselined) {
				t.Fatalf("%d findings back, want %d", len(got.Findings), len(r.Findings)+len(r.Baselined))
			}
			for i, g := range got.Findings {
				want := []string{coerced(rule), coerced(desc), coerced(commit), coerced(file), coerced(fnd.Fingerprint), coerced(author)}
				have := []string{g.Rule, g.Description, g.Commit, g.File, g.Fingerprint, g.Author}
				for k := range want {
					if have[k] != want[k] {
						t.Errorf("finding %d field %d: %q, want %q", i, k, have[k], want[k])
					}
				}
				if g.Line != line || g.Baselined != (i >= len(r.Findings)) || g.TestPath != fnd.InTestPath {
					t.Errorf("finding %d: line %d baselined %v test path %v", i, g.Line, g.Baselined, g.TestPath)
				}
				if wantMatch := coerced(Match(fnd, redact)); g.Match != wantMatch {
					t.Errorf("match %q, want %q", g.Match, wantMatch)
				}
			}
			if redact && leaks(func(r Report) []byte { b, _ := JSON(r); return b }) {
				t.Errorf("the redacted JSON report holds the secret")
			}
			// A report is recognised as one (so it is never scanned for secrets) and is a baseline
			// that accepts its own findings.
			if !IsReport(data) {
				t.Errorf("IsReport(JSON report) = false")
			}
			b, err := ParseBaseline(data)
			if err != nil {
				if rule == "" || !baselineFingerprint.MatchString(fnd.Fingerprint) {
					continue // a rule ID a configuration could not declare makes no valid fingerprint
				}
				t.Fatalf("ParseBaseline(own report): %v", err)
			}
			if !b.Match(fnd.Fingerprint, coerced(file)) {
				t.Errorf("the report read as a baseline does not accept its finding")
			}
		}

		sarif := func(r Report) []byte {
			b, err := SARIF(r, nil, Tool{Name: "rose secret-scan", Version: "1"})
			if err != nil {
				t.Fatalf("SARIF: %v", err)
			}
			return b
		}
		checkSARIF(t, sarif(r), fnd)
		if leaks(sarif) {
			t.Errorf("SARIF holds the secret")
		}

		summary := func(r Report) []byte {
			return []byte(Markdown(r, SummaryOptions{Mode: desc, CommitURL: "https://github.com/o/r/commit/"}))
		}
		md := string(summary(r))
		if rows := strings.Count(md, "\n| "); rows != 2+len(r.Findings) { // header, separator, findings
			t.Errorf("summary has %d table lines, want %d:\n%s", rows, 2+len(r.Findings), md)
		}
		if leaks(summary) {
			t.Errorf("the summary holds the secret")
		}
	})
}

// checkSARIF parses a SARIF log back and checks the fields GitHub code scanning requires, and
// that the result names the finding's rule, file (once its URI is decoded) and line.
func checkSARIF(t *testing.T, data []byte, f Finding) {
	t.Helper()
	if !json.Valid(data) {
		t.Fatalf("SARIF is not valid JSON:\n%s", data)
	}
	var log sarifReadBack
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name == "" {
		t.Fatalf("bad SARIF header")
	}
	run := log.Runs[0]
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || rule.Help.Text == "" {
			t.Errorf("rule %q lacks a description or help", rule.ID)
		}
	}
	if len(run.Results) != 1 {
		t.Fatalf("%d results, want 1 (baselined findings are left out)", len(run.Results))
	}
	res := run.Results[0]
	if res.RuleID != coerced(f.RuleID) || res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) ||
		run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
		t.Errorf("result rule %q (index %d) does not match the finding's %q", res.RuleID, res.RuleIndex, f.RuleID)
	}
	if res.Message.Text == "" || len(res.Locations) != 1 {
		t.Fatalf("result lacks a message or a location")
	}
	loc := res.Locations[0].PhysicalLocation
	if loc.Region.StartLine != max(f.Line, 1) {
		t.Errorf("startLine %d for line %d", loc.Region.StartLine, f.Line)
	}
	u, err := url.Parse(loc.ArtifactLocation.URI)
	if err != nil || u.Scheme != "" || u.Host != "" && !strings.HasPrefix(f.File, "//") {
		t.Fatalf("uri %q is not a relative reference: %v", loc.ArtifactLocation.URI, err)
	}
	if path, err := url.PathUnescape(loc.ArtifactLocation.URI); err != nil || path != f.File {
		t.Errorf("uri %q decodes to %q, want %q", loc.ArtifactLocation.URI, path, f.File)
	}
	if fp, err := hex.DecodeString(res.PartialFingerprints[FingerprintKey]); err != nil || len(fp) != 32 {
		t.Errorf("partial fingerprint %q is not a SHA-256", res.PartialFingerprints[FingerprintKey])
	}
}
