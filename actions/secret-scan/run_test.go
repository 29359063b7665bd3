package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rose/actions/internal/gittest"
	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/secrets"
)

type gitRepo = gittest.Repo

func newGitRepo(t *testing.T, dir string) *gitRepo { return gittest.New(t, dir) }

type jsonReport struct {
	Findings []struct {
		Rule, Description, Commit, File, Fingerprint, Match, Author, Date string
		Line                                                              int
	} `json:"findings"`
	Stats struct {
		Commits, Files, Bytes, Skipped int
		DurationMS                     int `json:"duration_ms"`
	} `json:"stats"`
}

func readReport(t *testing.T, path string) jsonReport {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r jsonReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("report: %v\n%s", err, b)
	}
	return r
}

type located struct {
	Rule, File string
	Line       int
	Commit     string
}

func locations(r jsonReport) []located {
	var out []located
	for _, f := range r.Findings {
		out = append(out, located{f.Rule, f.File, f.Line, f.Commit})
	}
	return out
}

// planted builds a repository whose history holds known fake secrets, including one committed
// and later deleted and one moved and re-added. It returns the repository and the secrets.
func planted(t *testing.T, dir string) (*gitRepo, map[string]string, map[string]string) {
	f := newFakes(42)
	vals := map[string]string{
		"github-pat":        f.githubToken(),
		"npm-access-token":  f.npmToken(),
		"aws-access-key-id": f.awsKeyID(),
		"stripe-secret-key": f.stripeKey(),
		"slack-bot-token":   f.slackBot(),
		"private-key":       f.privateKey(),
	}
	r := newGitRepo(t, dir)
	shas := map[string]string{}
	shas["c1"] = r.Commit("add app", "app.py", "import os\n\nprint('hello')\n")
	shas["c2"] = r.Commit("add config", "config/settings.env",
		"DEBUG=false\nGITHUB_TOKEN="+vals["github-pat"]+"\nAWS_ACCESS_KEY_ID="+vals["aws-access-key-id"]+"\n")
	shas["c3"] = r.Commit("deploy key", "deploy/id_rsa", vals["private-key"]+"\n",
		"app.py", "import os\n\nSTRIPE_KEY = \""+vals["stripe-secret-key"]+"\"\nprint('hello')\n")
	// Deleted later: still found, at c2.
	shas["c4"] = r.Commit("remove settings", "config/settings.env", "")
	// Re-added in a new place and moved around in app.py: reported once.
	shas["c5"] = r.Commit("npm and slack", ".npmrc", "//registry.npmjs.org/:_authToken="+vals["npm-access-token"]+"\n",
		"app.py", "import os\nSTRIPE_KEY = \""+vals["stripe-secret-key"]+"\"\n\nprint('hello')\nSLACK = '"+vals["slack-bot-token"]+"'\n")
	shas["c6"] = r.Commit("restore settings", "config/settings.env",
		"DEBUG=false\nGITHUB_TOKEN="+vals["github-pat"]+"\nAWS_ACCESS_KEY_ID="+vals["aws-access-key-id"]+"\n")
	return r, vals, shas
}

// everything returns all the text the action wrote: stdout, stderr, outputs, summary and the
// files it produced.
func everything(t *testing.T, res actiontest.Result, files ...string) map[string]string {
	t.Helper()
	out := map[string]string{"stdout": res.Stdout, "stderr": res.Stderr, "outputs": res.OutputFile, "summary": res.Summary}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

func TestHistoryFindsPlantedSecretsAndNeverPrintsThem(t *testing.T) {
	dir := t.TempDir()
	_, vals, shas := planted(t, dir)
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: dir,
		Inputs: map[string]string{"mode": "history", "report": "out/report.json", "sarif": "out/report.sarif"},
	})
	if res.Code != 1 {
		t.Fatalf("exit code %d, want 1 (findings)\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	report := readReport(t, filepath.Join(dir, "out/report.json"))
	got := locations(report)
	want := []located{
		{"aws-access-key-id", "config/settings.env", 3, shas["c2"]},
		{"github-pat", "config/settings.env", 2, shas["c2"]},
		{"private-key", "deploy/id_rsa", 1, shas["c3"]},
		{"stripe-secret-key", "app.py", 3, shas["c3"]},
		{"npm-access-token", ".npmrc", 1, shas["c5"]},
		{"slack-bot-token", "app.py", 5, shas["c5"]},
	}
	slices.SortFunc(got, func(a, b located) int { return strings.Compare(a.Commit+a.File+a.Rule, b.Commit+b.File+b.Rule) })
	slices.SortFunc(want, func(a, b located) int { return strings.Compare(a.Commit+a.File+a.Rule, b.Commit+b.File+b.Rule) })
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %+v\nwant %+v", got, want)
	}
	if res.Outputs["findings"] != "6" || res.Outputs["report"] != "out/report.json" || res.Outputs["sarif"] != "out/report.sarif" {
		t.Errorf("outputs = %v", res.Outputs)
	}
	for _, f := range report.Findings {
		if want := secrets.Fingerprint(f.Rule, vals[f.Rule]); f.Fingerprint != want {
			t.Errorf("%s: fingerprint %s, want %s", f.Rule, f.Fingerprint, want)
		}
		if f.Author != "Ann Author" || f.Date == "" || !strings.HasSuffix(f.Match, "…") {
			t.Errorf("finding %+v: author, date or redacted match wrong", f)
		}
	}
	if report.Stats.Commits != 6 || report.Stats.Files == 0 || report.Stats.Bytes == 0 {
		t.Errorf("stats = %+v", report.Stats)
	}
	// Annotations at file:line, and the summary table.
	if !strings.Contains(res.Stdout, "::error file=config/settings.env,line=2,") {
		t.Errorf("no annotation at config/settings.env:2 in\n%s", res.Stdout)
	}
	if !strings.Contains(res.Summary, "| `github-pat` ") || !strings.Contains(res.Summary, "`config/settings.env:2`") {
		t.Errorf("summary lacks the finding:\n%s", res.Summary)
	}
	// No planted value, nor any 12-character piece of one, anywhere.
	for where, text := range everything(t, res, filepath.Join(dir, "out/report.json"), filepath.Join(dir, "out/report.sarif")) {
		for rule, v := range vals {
			for _, piece := range pieces(v) {
				if strings.Contains(text, piece) {
					t.Errorf("%s contains part of the planted %s: %q", where, rule, piece)
				}
			}
		}
	}
}

// pieces returns the secret and its 12-character windows past the first 8 characters (a
// redacted match shows a few leading characters, never more).
func pieces(v string) []string {
	out := []string{v}
	for _, line := range strings.Split(v, "\n") {
		for i := 8; i+12 <= len(line); i += 6 {
			out = append(out, line[i:i+12])
		}
	}
	return out
}

func TestRedactFalseWritesTheSecretToTheJSONReportOnly(t *testing.T) {
	dir := t.TempDir()
	_, vals, _ := planted(t, dir)
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: dir,
		Inputs: map[string]string{"mode": "history", "report": "r.json", "sarif": "r.sarif", "redact": "false", "fail-on-findings": "false"},
	})
	if res.Code != 0 {
		t.Fatalf("exit code %d with fail-on-findings false\n%s", res.Code, res.Stderr)
	}
	all := everything(t, res, filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif"))
	if !strings.Contains(all["r.json"], vals["github-pat"]) {
		t.Error("the JSON report lacks the raw secret with redact false")
	}
	for where, text := range all {
		if where != "r.json" && strings.Contains(text, vals["github-pat"]) {
			t.Errorf("%s holds the raw secret", where)
		}
	}
}

func TestDiffMode(t *testing.T) {
	dir := t.TempDir()
	_, _, shas := planted(t, dir)
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: dir,
		Inputs: map[string]string{"mode": "diff", "base": shas["c4"], "head": shas["c6"], "report": "r.json"},
	})
	if res.Code != 1 {
		t.Fatalf("exit code %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	got := locations(readReport(t, filepath.Join(dir, "r.json")))
	// In c5..c6 only: the re-added settings count as new in this range.
	want := []located{
		{"npm-access-token", ".npmrc", 1, shas["c5"]},
		{"slack-bot-token", "app.py", 5, shas["c5"]},
		{"aws-access-key-id", "config/settings.env", 3, shas["c6"]},
		{"github-pat", "config/settings.env", 2, shas["c6"]},
	}
	slices.SortFunc(got, func(a, b located) int { return strings.Compare(a.Commit+a.File+a.Rule, b.Commit+b.File+b.Rule) })
	slices.SortFunc(want, func(a, b located) int { return strings.Compare(a.Commit+a.File+a.Rule, b.Commit+b.File+b.Rule) })
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %+v\nwant %+v", got, want)
	}
}

func TestFilesMode(t *testing.T) {
	dir := t.TempDir()
	f := newFakes(7)
	tok := f.githubToken()
	scanFiles(t, dir, map[string]string{
		"src/main.go":         "package main\n\nconst token = \"" + tok + "\"\n",
		"src/ok.go":           "package main\n// ${{ secrets.GITHUB_TOKEN }}\n",
		"node_modules/x/a.js": "var t = '" + tok + "';\n",
		"allowed.txt":         "token: " + tok + " # secret-scan:allow\n",
		"data/blob":           "\x00\x01" + tok,
	})
	rep := readReport(t, filepath.Join(dir, "r.json"))
	got := locations(rep)
	if want := []located{{"github-pat", "src/main.go", 3, ""}}; !slices.Equal(got, want) {
		t.Errorf("findings %+v, want %+v", got, want)
	}
	if rep.Stats.Skipped != 1 || rep.Findings[0].Date != "" || rep.Findings[0].Author != "" {
		t.Errorf("report %+v", rep)
	}
}

func TestNoFindings(t *testing.T) {
	dir := t.TempDir()
	r := newGitRepo(t, dir)
	r.Commit("c1", "README.md", "password = \"${{ secrets.DB_PASSWORD }}\"\napi_key: <your-key-here>\n")
	res := actiontest.Run(t, actiontest.Options{Action: "secret-scan", Run: run, Dir: dir, Inputs: map[string]string{"mode": "history"}})
	if res.Code != 0 || res.Outputs["findings"] != "0" {
		t.Fatalf("exit %d, outputs %v\n%s%s", res.Code, res.Outputs, res.Stdout, res.Stderr)
	}
	if _, ok := res.Outputs["report"]; ok {
		t.Error("report output set although no report was asked for")
	}
	if !strings.Contains(res.Summary, "no secrets found") {
		t.Errorf("summary:\n%s", res.Summary)
	}
}

func TestConfigIgnoresAndUnusedIgnores(t *testing.T) {
	dir := t.TempDir()
	_, vals, _ := planted(t, dir)
	unused := "generic-secret:" + strings.Repeat("0", 64)
	cfg := "ignores:\n  - " + secrets.Fingerprint("github-pat", vals["github-pat"]) + "\n  - " + unused + "\ndisabled: [private-key]\n"
	if err := os.MkdirAll(filepath.Join(dir, ".github"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".github/secret-scan.yml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	res := actiontest.Run(t, actiontest.Options{Action: "secret-scan", Run: run, Dir: dir, Inputs: map[string]string{"mode": "history", "report": "r.json"}})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stderr)
	}
	for _, f := range readReport(t, filepath.Join(dir, "r.json")).Findings {
		if f.Rule == "github-pat" || f.Rule == "private-key" {
			t.Errorf("ignored or disabled finding reported: %+v", f)
		}
	}
	if res.Outputs["findings"] != "4" {
		t.Errorf("findings = %s, want 4", res.Outputs["findings"])
	}
	if !strings.Contains(res.Stdout, unused) || !strings.Contains(res.Summary, unused) {
		t.Errorf("the unused ignore is not reported:\n%s\n%s", res.Stdout, res.Summary)
	}
}

func TestBadInputs(t *testing.T) {
	tests := []struct {
		name   string
		inputs map[string]string
		want   string
	}{
		{"unknown mode", map[string]string{"mode": "everything"}, `"mode"`},
		{"bad size", map[string]string{"max-file-size": "huge"}, `"max-file-size"`},
		{"zero size", map[string]string{"max-file-size": "0"}, `"max-file-size"`},
		{"bad bool", map[string]string{"redact": "maybe"}, `"redact"`},
		{"diff without base", map[string]string{"mode": "diff"}, `"base"`},
		{"missing config", map[string]string{"config": "nope.yml"}, `"config"`},
		{"not a repository", map[string]string{"mode": "history"}, `"path"`},
		{"no such folder", map[string]string{"mode": "files", "path": "nowhere"}, `input "path" has value "nowhere"`},
	}
	dir := t.TempDir()
	r := newGitRepo(t, dir)
	r.Commit("c1", "a.txt", "a\n")
	for _, tt := range []struct {
		name   string
		inputs map[string]string
		want   string
	}{
		{"unknown base", map[string]string{"mode": "diff", "base": "no-such-branch"}, `input "base" has value "no-such-branch"`},
		{"unknown head", map[string]string{"mode": "diff", "base": "HEAD", "head": "0123456789012345678901234567890123456789"}, `input "head"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := actiontest.Run(t, actiontest.Options{Action: "secret-scan", Run: run, Dir: dir, Inputs: tt.inputs})
			if res.Code != 2 || !strings.Contains(res.Stdout+res.Stderr, tt.want) {
				t.Errorf("exit %d, want 2 with %s\n%s%s", res.Code, tt.want, res.Stdout, res.Stderr)
			}
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := actiontest.Run(t, actiontest.Options{Action: "secret-scan", Run: run, Inputs: tt.inputs})
			if res.Code != 2 {
				t.Fatalf("exit %d, want 2\n%s%s", res.Code, res.Stdout, res.Stderr)
			}
			if !strings.Contains(res.Stdout+res.Stderr, tt.want) {
				t.Errorf("the error does not name %s:\n%s%s", tt.want, res.Stdout, res.Stderr)
			}
		})
	}
	// A bad configuration file is a usage error too.
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.yml"), []byte("rules: [{id: x}]\nunknown: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := actiontest.Run(t, actiontest.Options{Action: "secret-scan", Run: run, Dir: dir, Inputs: map[string]string{"mode": "files", "config": "bad.yml"}})
	if res.Code != 2 {
		t.Errorf("bad config: exit %d, want 2\n%s", res.Code, res.Stderr)
	}
}

// TestKeywordDenseFileIsReadInPartAndSaysSo: a file packed with rule keywords exhausts the
// detector's budget of work for the context rules. The scan stays fast, a prefix token at its end
// is still found (the prefix-token rules have their own budget), and the action says which file
// was read only in part: a warning on the file and a section of the summary.
func TestKeywordDenseFileIsReadInPartAndSaysSo(t *testing.T) {
	dir := t.TempDir()
	tok := newFakes(3).githubToken()
	dense := strings.Repeat("password=token=secret_key=", (2<<20)/26) + "\nGITHUB_TOKEN=" + tok + "\n"
	res := scanFiles(t, dir, map[string]string{"gen/dump.txt": dense})
	if got := locations(readReport(t, filepath.Join(dir, "r.json"))); !slices.Equal(got, []located{{"github-pat", "gen/dump.txt", 2, ""}}) {
		t.Errorf("findings %+v", got)
	}
	if raw, err := os.ReadFile(filepath.Join(dir, "r.json")); err != nil || !strings.Contains(string(raw), `"limited_files": 1`) ||
		!strings.Contains(string(raw), `"file": "gen/dump.txt"`) {
		t.Errorf("the JSON report does not name the file read in part (%v):\n%s", err, raw)
	}
	if !strings.Contains(res.Stdout, "::warning file=gen/dump.txt,line=1,title=Scanned in part::") {
		t.Errorf("no warning on the file read in part:\n%s", res.Stdout)
	}
	if !strings.Contains(res.Summary, "1 file was read only in part") || !strings.Contains(res.Summary, "`gen/dump.txt:1`") {
		t.Errorf("summary does not name the file read in part:\n%s", res.Summary)
	}
	for name, text := range everything(t, res) {
		if strings.Contains(text, tok) {
			t.Errorf("the token reached %s", name)
		}
	}
}

// scanFiles writes files (slash-separated paths under dir) and runs the action over them in files
// mode with a JSON report r.json, expecting exit code 1 (findings).
func scanFiles(t *testing.T, dir string, files map[string]string) actiontest.Result {
	t.Helper()
	for path, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: dir,
		Inputs: map[string]string{"mode": "files", "report": "r.json"},
	})
	if res.Code != 1 {
		t.Fatalf("exit code %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	return res
}
