package prlint

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// hostile are untrusted strings that try to break Markdown, HTML comments, mentions, tables and workflow commands.
var hostile = []string{
	"feat: x\n::error::injected",
	"fix: %0A::warning::x",
	"feat: `code` and ``` fences",
	"<!-- rose/actions:pr-lint --> hidden",
	"a | b | c",
	"@octocat please look",
	"ghadelimiter_0123456789abcdef",
	"<script>alert(1)</script> [link](https://evil.example) ![img](x) **bold** _em_ # h1",
	"`",
	" `x` ",
	"line\r\nbreak\u2028sep",
}

func sampleReport() *Report {
	r := &Report{Title: "Fix/login bug", Branch: "fix/login-bug"}
	r.Record(Ran(CheckTitle, Finding{Level: Failure, Message: `title "Fix/login bug": it is not a Conventional Commits header`, Example: "fix: login bug"}))
	r.Record(Ran(CheckBranch))
	r.Record(Ran(CheckLargeFiles, Finding{Level: Warning, File: "assets/big.bin", Message: `"assets/big.bin" is 2.0 MB, over the 1 MB limit`}))
	r.Record(Ran(CheckMarkers, Finding{Level: Failure, File: "app.py", Line: 3, Message: `conflict marker "<<<<<<<" added at app.py:3`}))
	r.Record(Skipped(CheckSingleCommit, "the commit could not be read"))
	return r
}

func TestReportMarkdownGolden(t *testing.T) {
	golden(t, "report.md", sampleReport().Markdown())
	clean := &Report{Title: "feat: add login", Branch: "feature/login"}
	for _, c := range AllChecks {
		clean.Record(Ran(c))
	}
	golden(t, "report-clean.md", clean.Markdown())
}

func TestReportCounts(t *testing.T) {
	r := sampleReport()
	if !r.Failed() || r.Problems() != 3 || r.Clean() {
		t.Errorf("Failed=%v Problems=%d Clean=%v", r.Failed(), r.Problems(), r.Clean())
	}
	if got := r.Status(CheckBranch); got != StatusPassed {
		t.Errorf("branch status %s", got)
	}
	if got := r.Status(CheckSingleCommit); got != StatusSkipped {
		t.Errorf("single-commit status %s", got)
	}
	if got := r.Headline(); got != "2 failures, 1 warning, 1 of 5 checks skipped" {
		t.Errorf("headline %q", got)
	}
	wip := &Report{}
	wip.Record(Ran(CheckTitle, Finding{Level: Pending, Message: "wip"}))
	if wip.Failed() || wip.Problems() != 0 || wip.Clean() || wip.Status(CheckTitle) != StatusPending {
		t.Errorf("pending report: Failed=%v Problems=%d Clean=%v", wip.Failed(), wip.Problems(), wip.Clean())
	}
}

func TestReportMarkdownHostile(t *testing.T) {
	for _, s := range hostile {
		r := &Report{Title: s, Branch: s}
		r.Record(Ran(CheckTitle, Finding{Level: Failure, Message: "title " + s, Example: "feat: " + s}))
		md := r.Markdown()
		if !strings.HasPrefix(md, CommentMarker+"\n") {
			t.Fatalf("report does not start with the marker")
		}
		if n := strings.Count(md, "<!--"); n != 1 {
			t.Errorf("title %q: %d HTML comment openers in:\n%s", s, n, md)
		}
		if strings.Contains(strings.ReplaceAll(md, "@&#8203;", ""), "@") {
			t.Errorf("title %q: an unescaped mention outside code:\n%s", s, md)
		}
		// Every table row keeps exactly its two cells.
		for _, line := range strings.Split(md, "\n") {
			if strings.HasPrefix(line, "| ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 3 {
				t.Errorf("title %q broke a table row: %q", s, line)
			}
		}
		// Untrusted text never starts a line (so it cannot start a heading, list or HTML block).
		for _, line := range strings.Split(md, "\n") {
			if strings.HasPrefix(line, "::") || strings.HasPrefix(line, "#####") {
				t.Errorf("title %q starts a line: %q", s, line)
			}
		}
	}
}

func TestReportMarkdownCapsFindings(t *testing.T) {
	r := &Report{}
	for i := 0; i < 5000; i++ {
		r.Record(Ran(CheckLargeFiles, Finding{Level: Warning, Message: strings.Repeat("x", 100)}))
	}
	md := r.Markdown()
	if len(md) > MaxReportLength || !strings.Contains(md, "and 4970 more") {
		t.Errorf("len %d; tail %q", len(md), md[len(md)-200:])
	}
}

// TestHeadlineNeverFalsePass: a report whose checks were skipped never reads as passed.
func TestHeadlineNeverFalsePass(t *testing.T) {
	tests := []struct {
		name     string
		outcomes []Outcome
		want     string
		clean    bool
	}{
		{name: "nothing ran", want: "no check ran"},
		{name: "all passed", outcomes: []Outcome{Ran(CheckTitle), Ran(CheckBranch)}, want: "all 2 checks passed", clean: true},
		{name: "one passed", outcomes: []Outcome{Ran(CheckTitle)}, want: "the only check passed", clean: true},
		{name: "all skipped", outcomes: []Outcome{Skipped(CheckTitle, "no title"), Skipped(CheckLargeFiles, "no base")},
			want: "2 of 2 checks skipped: nothing was checked"},
		{name: "some skipped", outcomes: []Outcome{Ran(CheckBranch), Skipped(CheckTitle, "no title"), Skipped(CheckLargeFiles, "no base"), Skipped(CheckMarkers, "no base")},
			want: "1 passed, 3 of 4 checks skipped"},
		{name: "failure and skip", outcomes: []Outcome{Errored(CheckConflicts, errors.New("connection refused")), Skipped(CheckTitle, "x")},
			want: "1 failure, 1 of 2 checks skipped"},
		// A check recorded as skipped and then run (the git path failed, the API path worked) is not skipped.
		{name: "skip then ran", outcomes: []Outcome{Skipped(CheckLargeFiles, "x"), Ran(CheckLargeFiles)}, want: "the only check passed", clean: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{}
			for _, o := range tt.outcomes {
				r.Record(o)
			}
			if got := r.Headline(); got != tt.want {
				t.Errorf("Headline() = %q, want %q", got, tt.want)
			}
			if r.Clean() != tt.clean {
				t.Errorf("Clean() = %v, want %v", r.Clean(), tt.clean)
			}
			if strings.Contains(r.Markdown(), "passed") != strings.Contains(tt.want, "passed") && tt.clean {
				t.Errorf("markdown and headline disagree")
			}
		})
	}
}
