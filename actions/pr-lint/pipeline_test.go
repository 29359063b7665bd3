package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/internal/gittest"
	"github.com/rose/actions/internal/loopback"
	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/prlint"
)

// TestBadRef: a base or head input that does not resolve is bad input (exit 2) naming the input and the
// value; nothing is reported as passed and no output is written.
func TestBadRef(t *testing.T) {
	r := newTestRepo(t)
	for _, in := range []map[string]string{
		{"base": "nosuchref"},
		{"base": "main", "head": "nosuchref"},
		{"base": "0123456789abcdef0123456789abcdef01234567"},
	} {
		in["title"], in["branch"] = "feat: x", "feature/x"
		for _, local := range []bool{true, false} {
			res := runLint(t, &sleeper{}, actiontest.Options{Local: local, Dir: r.dir, Inputs: in})
			name := "head"
			if in["head"] == "" {
				name = "base"
			}
			if res.Code != 2 {
				t.Fatalf("%v local=%v: exit %d, want 2\n%s%s", in, local, res.Code, res.Stdout, res.Stderr)
			}
			wantContains(t, "error", res.Stdout+res.Stderr, "input "+name+": \""+in[name]+"\" does not resolve to a commit", "fetch-depth: 0")
			wantNotContains(t, "stdout", res.Stdout, "passed")
			if len(res.Outputs) != 0 {
				t.Errorf("outputs written: %v", res.Outputs)
			}
		}
	}
	// Outside a git repository the input cannot be checked at all: also bad input.
	res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: t.TempDir(), Inputs: map[string]string{"title": "feat: x", "base": "main"}})
	if res.Code != 2 || !strings.Contains(res.Stderr, "input base: \"main\" needs the workspace's git history") {
		t.Errorf("no repository: exit %d\n%s", res.Code, res.Stderr)
	}
}

// TestUnreachableAPI: with a token and an API that refuses connections, the title, branch and git checks
// still run, the summary and outputs are written, and the API part fails with its reason (exit 1). The
// client stops calling the API after the first network failure, so the run waits for one call's retries
// only.
func TestUnreachableAPI(t *testing.T) {
	t.Parallel() // the retries of the first call wait about 20 s
	r := newTestRepo(t)
	start := time.Now()
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.cleanHead, "feature/login", "feat(auth): add login")),
		Dir: r.dir, Inputs: map[string]string{"token": testToken},
		Env: map[string]string{"GITHUB_REPOSITORY": owner + "/" + repoName, "GITHUB_API_URL": "http://" + loopback.RefusedAddr(t)},
	})
	if res.Code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	out := res.Outputs
	if out["type"] != "feat" || out["scope"] != "auth" || out["problems"] != "1" {
		t.Errorf("outputs %q", out)
	}
	wantContains(t, "summary", res.Summary, "| Title | ✅ passed |", "| Branch name | ✅ passed |", "| Large files | ✅ passed |",
		"| Conflict markers | ✅ passed |", "| Merge conflicts | ❌ failed |", "could not be checked: the GitHub API is unreachable", "connection refused")
	wantContains(t, "error-message", out["error-message"], "Merge conflicts: could not be checked: the GitHub API is unreachable: get pull request #2")
	wantContains(t, "stdout", res.Stdout, "::warning::the report comment could not be written", "pr-lint: 1 failure")
	wantNotContains(t, "summary", res.Summary, "all checks passed")
	t.Logf("run took %s", time.Since(start).Round(time.Second))
}

// TestHostileAPIError: a GitHub error body is untrusted text: it reaches the log only through the
// runtime's escaping and the report only through Markdown escaping.
func TestHostileAPIError(t *testing.T) {
	r := newTestRepo(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity) // not retried
		_, _ = w.Write([]byte(`{"message":"nope\n::error file=x::injected\r\n::add-mask::y\n<!-- hidden --> @org/team"}`))
	}))
	t.Cleanup(srv.Close)
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.cleanHead, "feature/login", "feat(auth): add login")),
		Dir: r.dir, Inputs: map[string]string{"token": testToken, "comment": "false"}, HTTPClient: srv.Client(),
		Env: map[string]string{"GITHUB_REPOSITORY": owner + "/" + repoName, "GITHUB_API_URL": srv.URL},
	})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	for _, line := range strings.Split(res.Stdout, "\n") {
		if strings.HasPrefix(line, "::error file=x") || strings.HasPrefix(line, "::add-mask::y") {
			t.Errorf("injected command: %q", line)
		}
	}
	wantContains(t, "stdout", res.Stdout, "%0A::error file=x::injected")
	if strings.Count(res.Summary, "<!--") != 1 || strings.Contains(res.Summary, "@org") {
		t.Errorf("summary not escaped:\n%s", res.Summary)
	}
}

// TestIgnoreLabels: a label of ignore-labels skips the title checks — shown as skipped with the label, in
// the table, the skipped-checks output and the headline, never as passed.
func TestIgnoreLabels(t *testing.T) {
	r := newTestRepo(t)
	f := prServer(t, r, r.cleanHead, "feature/login", "Bump deps")
	f.mergeableSeq = []*bool{boolPtr(true)}
	f.pr["labels"] = []map[string]any{{"id": 1, "name": "dependencies"}, {"id": 2, "name": "bot"}}
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.cleanHead, "feature/login", "Bump deps")),
		Dir: r.dir, Env: prEnv(f), HTTPClient: f.srv.Client(),
		Inputs: map[string]string{"token": testToken, "ignore-labels": "bot\nignore-semantic-pull-request", "single-commit-same-as-title": "true"},
	})
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	reason := `the pull request has the label "bot", listed in ignore-labels`
	wantContains(t, "summary", res.Summary, "| Title | ⏭️ skipped: "+reason, "| Single commit same as title | ⏭️ skipped: "+reason,
		"2 of 7 checks skipped")
	if got := res.Outputs["skipped-checks"]; got != "title,single-commit-same-as-title" {
		t.Errorf("skipped-checks = %q", got)
	}
	// A skip keeps the sticky comment: the report is not clean.
	if len(f.comments) != 2 {
		t.Errorf("%d comments, want the report comment", len(f.comments))
	}
	// Without the label the same title fails.
	f.pr["labels"] = []map[string]any{}
	res = runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.cleanHead, "feature/login", "Bump deps")),
		Dir: r.dir, Env: prEnv(f), HTTPClient: f.srv.Client(),
		Inputs: map[string]string{"token": testToken, "ignore-labels": "bot"},
	})
	if res.Code != 1 || res.Outputs["skipped-checks"] != "" {
		t.Errorf("unlabelled: exit %d, skipped %q", res.Code, res.Outputs["skipped-checks"])
	}
}

// TestSingleCommitSameAsTitle: with one non-merge commit, GitHub squash-merges with that commit's message;
// its header must equal the title. Read from git, and from the API when the history is not checked out.
func TestSingleCommitSameAsTitle(t *testing.T) {
	r := newTestRepo(t) // cleanHead is one commit, "feat: add login"
	tests := []struct {
		name, title string
		dir         string
		code        int
	}{
		{"git, same", "feat: add login", r.dir, 0},
		{"git, differs", "feat(auth): add login", r.dir, 1},
		{"api, same", "feat: add login", t.TempDir(), 0},
		{"api, differs", "feat(auth): add login", t.TempDir(), 1},
		// Work in progress: the title will change, so the difference is pending (exit 0), not a failure.
		{"git, work in progress", "[WIP] feat: add login", r.dir, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := prServer(t, r, r.cleanHead, "feature/login", tt.title)
			f.mergeableSeq = []*bool{boolPtr(true)}
			f.files = []map[string]any{{"sha": fakeSHA("login.py"), "filename": "login.py", "status": "added", "additions": 2, "changes": 2,
				"patch": "@@ -0,0 +1,2 @@\n+def login():\n+    return True"}}
			f.treeSHA, f.tree = r.cleanHead, map[string]int64{"login.py": 33, "README.md": 8, "app.py": 30}
			// A merge of the base into the branch does not count: GitHub ignores merge commits here.
			f.commits = []map[string]any{
				{"sha": r.cleanHead, "commit": map[string]any{"message": "feat: add login\n\nbody"}, "parents": []map[string]any{{"sha": r.base}}},
				{"sha": fakeSHA("merge"), "commit": map[string]any{"message": "Merge branch 'main'"}, "parents": []map[string]any{{"sha": r.base}, {"sha": r.cleanHead}}},
			}
			res := runLint(t, &sleeper{}, actiontest.Options{
				EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.cleanHead, "feature/login", tt.title)),
				Dir: tt.dir, Env: prEnv(f), HTTPClient: f.srv.Client(),
				Inputs: map[string]string{"token": testToken, "single-commit-same-as-title": "true", "comment": "false"},
			})
			if res.Code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", res.Code, tt.code, res.Stdout)
			}
			viaAPI := f.countRequests("GET /repos/Codertocat/Hello-World/pulls/2/commits") > 0
			if viaAPI != (tt.dir != r.dir) {
				t.Errorf("commits read through the API: %v", viaAPI)
			}
			if strings.HasPrefix(tt.title, "[WIP]") {
				wantContains(t, "stdout", res.Stdout, `::notice title=pr-lint%3A Single commit same as title::the pull request has one commit`)
			}
			if tt.code == 1 {
				wantContains(t, "stdout", res.Stdout, `::error title=pr-lint%3A Single commit same as title::the pull request has one commit`,
					`the title "feat(auth): add login" differs from the commit header "feat: add login"`)
			}
		})
	}
}

// TestForbiddenPathsAction: a committed .env is a failure annotated on the file; its template is not.
func TestForbiddenPathsAction(t *testing.T) {
	g := gittest.New(t, "")
	g.Commit("chore: init", "README.md", "# x\n")
	g.Git("checkout", "-q", "-b", "feature/config")
	g.Commit("feat: config", ".env", "DATABASE_URL=postgres://localhost/dev\n", ".env.example", "DATABASE_URL=\n",
		"deploy/tls/server.pem", "-----BEGIN CERTIFICATE-----\n")
	res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: g.Dir,
		Inputs: map[string]string{"title": "feat: config", "base": "main"}})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout, `error: .env: pr-lint: Forbidden paths: ".env" is a forbidden path (forbidden-paths entry ".env")`,
		`error: deploy/tls/server.pem: pr-lint: Forbidden paths:`, "git rm --cached .env", "output problems=2")
	wantNotContains(t, "stdout", res.Stdout, `".env.example" is a forbidden path`)
	// Turned off, or allowed again with !.
	for _, fp := range []string{"", ".env\n!.env\n*.pem"} {
		res = runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: g.Dir,
			Inputs: map[string]string{"title": "feat: config", "base": "main", "forbidden-paths": fp}})
		wantNotContains(t, "stdout", res.Stdout, `error: .env:`)
	}
}

// TestInvalidTitleOutputs: a failing title still outputs what was parsed, and error-message says why.
func TestInvalidTitleOutputs(t *testing.T) {
	tests := []struct{ title, typ, scope, subject, msg string }{
		{"fix: ", "fix", "", "", "no description after the type \"fix\""},
		{"fix(api):", "fix", "api", "", "no description"},
		{"foo(web): Bar", "foo", "web", "Bar", `type "foo" is not allowed; available types: feat, fix`},
		{"Fix bug", "", "", "", "available types"},
	}
	for _, tt := range tests {
		res := runLint(t, &sleeper{}, actiontest.Options{Dir: t.TempDir(), Inputs: map[string]string{"title": tt.title, "comment": "false"}})
		o := res.Outputs
		if res.Code != 1 || o["type"] != tt.typ || o["scope"] != tt.scope || o["subject"] != tt.subject {
			t.Errorf("%q: exit %d, outputs type %q scope %q subject %q", tt.title, res.Code, o["type"], o["scope"], o["subject"])
		}
		// The runner trims inputs: "fix: " arrives as "fix:".
		wantContains(t, "error-message", o["error-message"], "Title: title \""+strings.TrimSpace(tt.title)+"\"", tt.msg)
	}
}

// TestDefaultsMatchPackage: the action.yml defaults are the package's defaults, so the docs, the catalog and
// the code say the same.
func TestDefaultsMatchPackage(t *testing.T) {
	m, err := action.LoadMetadata("pr-lint")
	if err != nil {
		t.Fatal(err)
	}
	for input, want := range map[string]string{
		"types":                         strings.Join(prlint.DefaultTypes, ","),
		"forbidden-paths":               strings.Join(prlint.DefaultForbiddenPaths, ", "),
		"header-pattern-correspondence": strings.Join(prlint.DefaultHeaderCorrespondence, ","),
		"branch-pattern":                prlint.DefaultBranchPattern,
		"branch-exempt":                 strings.Join(prlint.DefaultBranchExempt, ","),
	} {
		if got := *m.Inputs[input].Default; got != want {
			t.Errorf("action.yml default of %s = %q, want %q", input, got, want)
		}
	}
}

// TestConfigOutsideWorkspace: the config file is read through the runtime, so a committed link that leaves
// the workspace (to the runner's environment, say) or a path climbing out of it is bad input, and nothing of
// the target reaches the log.
func TestConfigOutsideWorkspace(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.yml")
	if err := os.WriteFile(outside, []byte("SECRET_VALUE_xyz: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, setup := range map[string]func(dir string) map[string]string{
		"default path is a link out": func(dir string) map[string]string {
			if err := os.MkdirAll(filepath.Join(dir, ".github"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(dir, ".github", "pr-lint.yml")); err != nil {
				t.Fatal(err)
			}
			return map[string]string{"title": "feat: x"}
		},
		"path climbs out": func(dir string) map[string]string {
			rel, err := filepath.Rel(dir, outside)
			if err != nil {
				t.Fatal(err)
			}
			return map[string]string{"title": "feat: x", "config": rel}
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			res := runLint(t, &sleeper{}, actiontest.Options{Dir: dir, Inputs: setup(dir)})
			if res.Code != 2 {
				t.Fatalf("exit %d, want 2\n%s%s", res.Code, res.Stdout, res.Stderr)
			}
			wantContains(t, "output", res.Stdout+res.Stderr, "input config")
			wantNotContains(t, "output", res.Stdout+res.Stderr+res.Summary, "SECRET_VALUE_xyz")
		})
	}
}

// TestRequiredFilesWorkspace: without git history or a pull request, required files are looked up in the
// workspace through the runtime; a link that leaves the workspace does not count as the file.
func TestRequiredFilesWorkspace(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "README.md", "# x\n")
	writeFile(t, dir, "docs/guide.md", "guide\n")
	outside := filepath.Join(t.TempDir(), "LICENSE")
	writeFile(t, filepath.Dir(outside), "LICENSE", "MIT\n")
	if err := os.Symlink(outside, filepath.Join(dir, "LICENSE")); err != nil {
		t.Fatal(err)
	}
	res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: dir,
		Inputs: map[string]string{"title": "feat: x", "required-files": "README.md, docs/*.md, LICENSE, CHANGELOG.md"}})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout, `required file "LICENSE" is missing`, `required file "CHANGELOG.md" is missing`, "output problems=2")
	wantNotContains(t, "stdout", res.Stdout, `"README.md" is missing`, `"docs/*.md" is missing`, "Required files check skipped")
}

// TestRefUnderTarget: under pull_request_target nothing of the workspace is read, so a base or head input
// (which names a commit of the workspace) is bad input rather than silently ignored.
func TestRefUnderTarget(t *testing.T) {
	r := newTestRepo(t)
	f := prServer(t, r, r.head, "feature/readme", "docs: update the readme")
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request_target", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.head, "feature/readme", "")),
		Dir: r.dir, Env: prEnv(f), HTTPClient: f.srv.Client(), Inputs: map[string]string{"token": testToken, "base": "main"},
	})
	if res.Code != 2 || !strings.Contains(res.Stdout, `input base: "main" is not accepted under pull_request_target`) {
		t.Errorf("exit %d\n%s", res.Code, res.Stdout)
	}
}

// TestHostileCommitMessage: the only commit's message is untrusted; it reaches the log escaped.
func TestHostileCommitMessage(t *testing.T) {
	r := newTestRepo(t)
	r.g.Git("checkout", "-q", "-b", "feature/evil", r.base)
	head := r.g.Commit("x %0A::error file=a::injected\n::add-mask::secret\n\nbody", "evil.txt", "x\n")
	res := runLint(t, &sleeper{}, actiontest.Options{Dir: r.dir,
		Inputs: map[string]string{"title": "feat: x", "branch": "feature/evil", "base": "main", "head": head,
			"single-commit-matches-title": "true", "single-commit-same-as-title": "true", "comment": "false"}})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	for _, line := range strings.Split(res.Stdout, "\n") {
		if strings.HasPrefix(line, "::error file=a") || strings.HasPrefix(line, "::add-mask::secret") {
			t.Errorf("injected command: %q", line)
		}
	}
	wantContains(t, "stdout", res.Stdout, "title=pr-lint%3A Single commit::", "title=pr-lint%3A Single commit same as title::")
}
