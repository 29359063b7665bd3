// Package secretreport renders the findings of a secret scan: the JSON report, SARIF 2.1.0 for
// GitHub code scanning, and the job summary in Markdown. Only the JSON report can carry a raw
// secret, and only when redaction is turned off; SARIF and Markdown never do.
package secretreport

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/rose/actions/pkg/secrets"
)

// Finding is one secret, located at the commit that introduced it (git modes) or in a file.
type Finding struct {
	RuleID      string
	Description string
	Commit      string    // full SHA; empty when scanning files
	Author      string    // author name; empty when scanning files
	Date        time.Time // author date; zero when scanning files
	File        string    // slash-separated, relative to the repository root
	Line        int       // 1-based
	Column      int       // 1-based
	Fingerprint string    // secrets.Fingerprint(RuleID, Secret)
	Secret      string    // raw value: rendered only by JSON with Redact false
	// InTestPath: the file holds tests or fixtures (testdata/, tests/, *_test.go, ...), where
	// test keys are usual; the finding is still reported, and says so.
	InTestPath bool
}

// TestPathNote is the words every rendering adds to a finding in a test path.
const TestPathNote = "in a test path"

// Stats describe the scan.
type Stats struct {
	Commits  int
	Files    int
	Bytes    int64
	Skipped  int
	Duration time.Duration
	// Findings accepted rather than reported: listed in the baseline, ignored by fingerprint in
	// the configuration, or allowed inline with a secret-scan:allow comment.
	Baselined, Ignored, AllowedInline int
}

// Accepted returns the number of findings that were not reported because they were accepted.
func (s Stats) Accepted() int { return s.Baselined + s.Ignored + s.AllowedInline }

// Report is the outcome of a scan.
type Report struct {
	// Findings are the new findings: the scan fails on them.
	Findings []Finding
	// Baselined are the findings that the baseline lists. The JSON report keeps them (marked
	// "baselined"), so that it remains a complete baseline for the next run; SARIF, the summary
	// table and the annotations leave them out.
	Baselined []Finding
	Stats     Stats
	// Redact keeps only a few leading characters of each secret in the JSON report.
	Redact bool
	// Limited are the files read only in part (at most a hundred), LimitedCount how many there
	// were (see secrets.Detector.Limits).
	Limited      []secrets.Limited
	LimitedCount int
}

// Match returns how a finding's secret is shown: redacted unless redact is false.
func Match(f Finding, redact bool) string {
	if redact {
		return secrets.Redact(f.Secret)
	}
	return f.Secret
}

type jsonFinding struct {
	Rule        string `json:"rule"`
	Description string `json:"description"`
	Commit      string `json:"commit"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Fingerprint string `json:"fingerprint"`
	Match       string `json:"match"`
	Author      string `json:"author"`
	Date        string `json:"date"`
	Baselined   bool   `json:"baselined,omitempty"`
	TestPath    bool   `json:"test_path,omitempty"`
}

type jsonStats struct {
	Commits       int   `json:"commits"`
	Files         int   `json:"files"`
	Bytes         int64 `json:"bytes"`
	Skipped       int   `json:"skipped"`
	DurationMS    int64 `json:"duration_ms"`
	Baselined     int   `json:"baselined"`
	Ignored       int   `json:"ignored"`
	AllowedInline int   `json:"allowed_inline"`
	// LimitedFiles counts the files read only in part (see "limited").
	LimitedFiles int `json:"limited_files"`
}

// jsonLimited is a file read only in part: from line on, some rules did not read it.
type jsonLimited struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

type jsonReport struct {
	Findings []jsonFinding `json:"findings"`
	Stats    jsonStats     `json:"stats"`
	Limited  []jsonLimited `json:"limited,omitempty"`
}

// JSON renders the report as
// {"findings":[{"rule","description","commit","file","line","fingerprint","match","author","date"[,"baselined"][,"test_path"]}],
// "stats":{"commits","files","bytes","skipped","duration_ms","baselined","ignored","allowed_inline"}},
// indented, with a final newline. date is RFC 3339 (empty when scanning files). The new findings
// come first, then the baselined ones with "baselined": true: the whole report is a valid
// baseline for the next run.
func JSON(r Report) ([]byte, error) {
	out := jsonReport{Findings: make([]jsonFinding, 0, len(r.Findings)+len(r.Baselined)), Stats: jsonStats{
		Commits: r.Stats.Commits, Files: r.Stats.Files, Bytes: r.Stats.Bytes, Skipped: r.Stats.Skipped,
		DurationMS: r.Stats.Duration.Milliseconds(),
		Baselined:  r.Stats.Baselined, Ignored: r.Stats.Ignored, AllowedInline: r.Stats.AllowedInline,
		LimitedFiles: r.LimitedCount,
	}}
	for _, l := range r.Limited {
		out.Limited = append(out.Limited, jsonLimited{File: l.Path, Line: l.Line})
	}
	add := func(f Finding, baselined bool) {
		date := ""
		if !f.Date.IsZero() {
			date = f.Date.Format(time.RFC3339)
		}
		out.Findings = append(out.Findings, jsonFinding{
			Rule: f.RuleID, Description: f.Description, Commit: f.Commit, File: f.File, Line: f.Line,
			Fingerprint: f.Fingerprint, Match: Match(f, r.Redact), Author: f.Author, Date: date,
			Baselined: baselined, TestPath: f.InTestPath,
		})
	}
	for _, f := range r.Findings {
		add(f, false)
	}
	for _, f := range r.Baselined {
		add(f, true)
	}
	return marshal(out)
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
