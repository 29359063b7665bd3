package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/prlint"
)

// apiFiles fills the fake with the files of the test repository's head as GitHub's files API lists them.
func apiFiles(f *fakeGitHub, head string) {
	pointerSHA := fakeSHA("model.bin")
	f.files = []map[string]any{
		{"sha": fakeSHA("app.py"), "filename": "app.py", "status": "modified", "additions": 6, "deletions": 0, "changes": 6,
			"patch": "@@ -1,3 +1,9 @@\n import os\n \n+<<<<<<< HEAD\n+PORT = 8000\n+=======\n+PORT = 8080\n+>>>>>>> main\n+\n print(os.getcwd())"},
		{"sha": fakeSHA("big.bin"), "filename": "assets/big.bin", "status": "added", "additions": 0, "deletions": 0, "changes": 0},
		{"sha": pointerSHA, "filename": "assets/model.bin", "status": "added", "additions": 3, "deletions": 0, "changes": 3,
			"patch": "@@ -0,0 +1,3 @@\n+version https://git-lfs.github.com/spec/v1\n+oid sha256:4d7a\n+size 5242880"},
		{"sha": fakeSHA("README.md"), "filename": "README.md", "status": "modified", "additions": 5, "deletions": 0, "changes": 5,
			"patch": "@@ -1 +1,6 @@\n # Hello\n+\n+Usage\n+=======\n+\n+Run it."},
		{"sha": fakeSHA("old.txt"), "filename": "old.txt", "status": "removed", "additions": 0, "deletions": 1, "changes": 1,
			"patch": "@@ -1 +0,0 @@\n-<<<<<<< gone"},
	}
	f.treeSHA = head
	f.tree = map[string]int64{"app.py": int64(len(appPyHead)), "assets/big.bin": 2_000_000,
		"assets/model.bin": int64(len(lfsPointer)), "README.md": 36}
	f.blobs[pointerSHA] = lfsPointer
}

// TestAPIFallback runs on a workspace without the pull request's history (the default shallow checkout):
// sizes come from the Trees API, conflict markers from the files API's patches, LFS pointers from blobs.
func TestAPIFallback(t *testing.T) {
	r := newTestRepo(t)
	f := prServer(t, r, r.head, "feature/readme", "docs: update the readme")
	apiFiles(f, r.head)
	s := &sleeper{}
	res := runLint(t, s, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.head, "feature/readme", "docs: update the readme")),
		Dir: t.TempDir(), Env: prEnv(f), Inputs: map[string]string{"token": testToken, "max-file-size": "30B"},
		HTTPClient: f.srv.Client(),
	})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout,
		"::error file=app.py,line=3,", "::error file=app.py,line=5,", "::error file=app.py,line=7,",
		"::warning file=assets/big.bin,", "::warning file=app.py,", "::warning file=README.md,")
	wantNotContains(t, "stdout", res.Stdout, "file=assets/model.bin", "old.txt", "file=README.md,line")
	if n := f.countRequests("GET /repos/Codertocat/Hello-World/git/blobs/"); n != 3 {
		t.Errorf("%d blob reads, want 3 (the pointer-sized files over the limit)", n)
	}
	if res.Outputs["type"] != "docs" || res.Outputs["subject"] != "update the readme" {
		t.Errorf("outputs %q", res.Outputs)
	}
}

// TestAPIFileCap: GitHub's files API stops at 3000 files; pr-lint compares with changed_files and says so.
func TestAPIFileCap(t *testing.T) {
	r := newTestRepo(t)
	f := prServer(t, r, r.head, "feature/many", "chore: many files")
	f.mergeableSeq = []*bool{boolPtr(true)}
	f.treeSHA, f.tree = r.head, map[string]int64{}
	for i := 0; i < 3005; i++ {
		name := fmt.Sprintf("gen/file%04d.txt", i)
		patch := "@@ -0,0 +1 @@\n+x"
		if i < 40 {
			patch = "@@ -0,0 +1 @@\n+<<<<<<< HEAD"
		}
		f.files = append(f.files, map[string]any{"sha": fakeSHA(name), "filename": name, "status": "added",
			"additions": 1, "deletions": 0, "changes": 1, "patch": patch})
		f.tree[name] = 2
	}
	f.pr["changed_files"] = 3005
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.head, "feature/many", "chore: many files")),
		Dir: t.TempDir(), Env: prEnv(f), Inputs: map[string]string{"token": testToken, "comment": "false"},
		HTTPClient: f.srv.Client(),
	})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout, "lists only 3000 of the pull request's 3005 changed files", "the other 5 were not checked",
		"Conflict markers: 16 more findings are listed in the report")
	// The cap is said once for each check it cuts short: forbidden paths, large files, conflict markers.
	if n := strings.Count(res.Stdout, "::warning"); n != 3 {
		t.Errorf("%d warnings", n)
	}
	// GitHub shows few annotations per step: 25 per check, the rest in the report.
	// The first of the 25 is the cap warning.
	if n := strings.Count(res.Stdout, "::error file=gen/"); n != 24 {
		t.Errorf("%d marker annotations, want 24", n)
	}
	if n := f.countRequests("GET /repos/Codertocat/Hello-World/pulls/2/files"); n != 30 {
		t.Errorf("%d pages of files read, want 30", n)
	}
	if res.Outputs["problems"] != "43" || f.countRequests("POST") != 0 {
		t.Errorf("problems %q; writes with comment: false: %d", res.Outputs["problems"], f.countRequests("POST"))
	}
}

// TestPullRequestTarget: the workspace (which a careless workflow may have filled with the head) is never
// read; the config comes from the base commit through the API and the content checks use the API.
func TestPullRequestTarget(t *testing.T) {
	r := newTestRepo(t)
	// The head's own config would disable the checks; reading it would also fail to parse.
	writeFile(t, r.dir, ".github/pr-lint.yml", "required-files: []\nlarge-files: [\n")
	f := prServer(t, r, r.head, "feature/readme", "docs: update the readme")
	apiFiles(f, r.head)
	f.mergeableSeq = []*bool{boolPtr(true)}
	f.contents[r.base+":.github/pr-lint.yml"] = "required-files: [LICENSE, README.md]\nlarge-files: fail\n"
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request_target", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.head, "feature/readme", "docs: update the readme")),
		Dir: r.dir, Env: prEnv(f), Inputs: map[string]string{"token": testToken}, HTTPClient: f.srv.Client(),
	})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	wantContains(t, "stdout", res.Stdout, `required file "LICENSE" is missing`, "::error file=assets/big.bin,")
	wantNotContains(t, "stdout", res.Stdout, `required file "README.md"`)
	if f.countRequests("GET /repos/Codertocat/Hello-World/contents/.github/pr-lint.yml?ref="+r.base) != 1 {
		t.Errorf("config not read from the base commit: %v", f.requests)
	}
	if f.countRequests("GET /repos/Codertocat/Hello-World/pulls/2/files") == 0 {
		t.Errorf("content not read through the API")
	}
}

// TestMergeGroup: the merge queue's event names the pull request in its head ref; title and branch come
// from the API, content from git, and nothing is commented.
func TestMergeGroup(t *testing.T) {
	r := newTestRepo(t)
	f := newFakeGitHub(t, "octo-org", "octo-repo", testToken)
	f.number = 104
	f.pr = map[string]any{"number": 104, "title": "feat(api): add login", "draft": false, "commits": 2,
		"head": map[string]any{"ref": "feature/login", "sha": r.head}, "base": map[string]any{"ref": "main", "sha": r.base}}
	ev := eventFile(t, "merge_group.checks_requested.json", func(ev map[string]any) {
		mg := obj(ev, "merge_group")
		mg["base_sha"], mg["head_sha"] = r.base, r.head
	})
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "merge_group", EventFile: ev, Dir: r.dir, HTTPClient: f.srv.Client(),
		Env:    map[string]string{"GITHUB_REPOSITORY": "octo-org/octo-repo", "GITHUB_API_URL": f.srv.URL},
		Inputs: map[string]string{"token": testToken, "branch-targets": "feature/**: develop\nhotfix/*: main"},
	})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout, `branch "feature/login" may not target "main"`, "::error file=app.py,line=3,", "::warning file=assets/big.bin,")
	if res.Outputs["type"] != "feat" || res.Outputs["scope"] != "api" {
		t.Errorf("outputs %q", res.Outputs)
	}
	if f.prGets != 1 || f.countRequests("POST") != 0 || f.countRequests("GET /repos/octo-org/octo-repo/issues") != 0 {
		t.Errorf("requests %v", f.requests)
	}
}

// TestDraftAndSingleCommit: a draft's bad title is pending (exit 0), but its only commit, which becomes the
// squash commit, must follow the rules when single-commit-matches-title is on.
func TestDraftAndSingleCommit(t *testing.T) {
	r := newTestRepo(t)
	for _, single := range []string{"false", "true"} {
		f := prServer(t, r, r.cleanHead, "feature/login", "Login page")
		f.mergeableSeq = []*bool{boolPtr(true)}
		f.pr["draft"] = true
		ev := eventFile(t, "pull_request.opened.json", func(ev map[string]any) {
			setPR(r.base, r.cleanHead, "feature/login", "Login page")(ev)
			obj(ev, "pull_request")["draft"] = true
		})
		res := runLint(t, &sleeper{}, actiontest.Options{
			EventName: "pull_request", EventFile: ev, Dir: r.dir, Env: prEnv(f), HTTPClient: f.srv.Client(),
			Inputs: map[string]string{"token": testToken, "single-commit-matches-title": single},
		})
		if single == "false" {
			if res.Code != 0 || res.Outputs["problems"] != "0" || !strings.Contains(res.Outputs["report"], "⏳") {
				t.Errorf("draft: exit %d, problems %q\n%s", res.Code, res.Outputs["problems"], res.Outputs["report"])
			}
			wantContains(t, "stdout", res.Stdout, "::notice title=pr-lint%3A Title::")
			if len(f.comments) != 2 {
				t.Errorf("pending work keeps a comment: %d comments", len(f.comments))
			}
			continue
		}
		// The commit "feat: add login" is fine.
		if res.Code != 0 {
			t.Errorf("single commit ok: exit %d\n%s", res.Code, res.Stdout)
		}
	}
	// A single commit whose message is not conventional fails even on a draft.
	f := prServer(t, r, r.head, "changes", "feat: readme")
	f.mergeableSeq = []*bool{boolPtr(true)}
	apiFiles(f, r.head)
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.head, "feature/readme", "feat: readme")),
		Dir: r.dir, Env: prEnv(f), HTTPClient: f.srv.Client(),
		Inputs: map[string]string{"token": testToken, "single-commit-matches-title": "true", "comment": "false"},
	})
	if res.Code != 1 {
		t.Fatalf("exit %d", res.Code)
	}
	wantContains(t, "stdout", res.Stdout, "::error title=pr-lint%3A Single commit::the only commit's message \"Update the README with new information.\"")
}

// TestHostileTitle: untrusted titles and branch names cannot add outputs, workflow commands, or break the
// comment's Markdown.
func TestHostileTitle(t *testing.T) {
	r := newTestRepo(t)
	hostile := []string{
		"feat: x\n::error file=a,line=1::injected",
		"feat: %0A::warning::encoded",
		"fix: `code` ``` <!-- hidden --> | a | b @octocat",
		"fix: ghadelimiter_0123456789abcdef\nsubject<<EOF\nowned\nEOF",
		"Fix: \r\n::add-mask::x",
		"::stop-commands::token",
		"fix: ghadelimiter_0123456789abcdef <<EOF %0A `x` | y <!-- z",
	}
	for i, title := range hostile {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			f := prServer(t, r, r.cleanHead, "feature/login", title)
			f.mergeableSeq = []*bool{boolPtr(true)}
			branch := "feature/" + strings.ReplaceAll(title, "\n", "")
			res := runLint(t, &sleeper{}, actiontest.Options{
				EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.cleanHead, "feature/login", "x")),
				Dir: r.dir, Env: prEnv(f), HTTPClient: f.srv.Client(),
				Inputs: map[string]string{"token": testToken, "title": title, "branch": branch},
			})
			if res.Code != 0 && res.Code != 1 {
				t.Fatalf("exit %d\n%s", res.Code, res.Stderr)
			}
			if len(res.Outputs) != 8 {
				t.Errorf("%d outputs written: %q", len(res.Outputs), res.Outputs)
			}
			if desc, ok := strings.CutPrefix(title, "fix: "); ok && !strings.ContainsAny(title, "\r\n") {
				if res.Outputs["subject"] != desc || res.Outputs["type"] != "fix" {
					t.Errorf("outputs %q, want subject %q", res.Outputs, desc)
				}
			}
			for _, line := range strings.Split(res.Stdout, "\n") {
				if !strings.HasPrefix(line, "::") {
					continue
				}
				if !regexp.MustCompile(`^::(add-mask|error|warning|notice|debug|group|endgroup)( [a-zA-Z]+=[^:,]*(,[a-zA-Z]+=[^:,]*)*)?::`).MatchString(line) {
					t.Errorf("malformed workflow command: %q", line)
				}
				if strings.HasPrefix(line, "::error file=a,") || strings.HasPrefix(line, "::warning::encoded") ||
					strings.HasPrefix(line, "::stop-commands") || strings.HasPrefix(line, "::add-mask::x") {
					t.Errorf("injected command: %q", line)
				}
			}
			if len(f.comments) != 2 {
				t.Fatalf("no comment written")
			}
			body := f.comments[1]["body"].(string)
			if strings.Count(body, "<!--") != 1 || strings.Contains(strings.ReplaceAll(body, "@&#8203;", ""), "@") {
				t.Errorf("comment not escaped:\n%s", body)
			}
			for _, line := range strings.Split(body, "\n") {
				if strings.HasPrefix(line, "| ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 3 {
					t.Errorf("broken table row %q", line)
				}
			}
		})
	}
}

// TestLocal: without GITHUB_ACTIONS the action works from the title and branch inputs, with no token; the
// API checks are skipped with a notice.
func TestLocal(t *testing.T) {
	dir := t.TempDir()
	res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: dir,
		Inputs: map[string]string{"title": "feat(cli): add --dry-run", "branch": "feature/dry-run"}})
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	wantContains(t, "stdout", res.Stdout, "output type=feat", "output scope=cli", "output subject=add --dry-run",
		"output problems=0", "notice: pr-lint: Merge conflicts check skipped: the mergeable state comes from the GitHub API",
		"output skipped-checks=forbidden-paths,large-files,conflict-markers,merge-conflicts",
		"Large files check skipped: the workspace is not a git repository", "pr-lint: 2 passed, 4 of 6 checks skipped")
	res = runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: dir,
		Inputs: map[string]string{"title": "Fix/x", "branch": "fix/x"}})
	if res.Code != 1 {
		t.Fatalf("exit %d", res.Code)
	}
	wantContains(t, "stdout", res.Stdout, "GitHub's default title for the branch", "Example: fix: x")
}

// TestLocalGit: locally, with base and head in a repository, the content checks read git.
func TestLocalGit(t *testing.T) {
	r := newTestRepo(t)
	res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: r.dir,
		Inputs: map[string]string{"title": "docs: readme", "branch": "docs/readme", "base": "main", "required-files": "README.md\nLICENSE", "large-files": "fail"}})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout, "error: assets/big.bin:", "error: app.py:3:", `required file "LICENSE" is missing`,
		"output problems=5")
	wantNotContains(t, "stdout", res.Stdout, `"README.md" is missing`, "error: pr-lint: Branch name")
}

// TestStalePayload: a re-run carries the first run's payload; the title and draft state come from the API.
func TestStalePayload(t *testing.T) {
	r := newTestRepo(t)
	f := prServer(t, r, r.cleanHead, "feature/login", "feat: add login")
	f.mergeableSeq = []*bool{boolPtr(true)}
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", func(ev map[string]any) {
			setPR(r.base, r.cleanHead, "feature/login", "Add login")(ev)
			obj(ev, "pull_request")["draft"] = true
		}),
		Dir: r.dir, Env: prEnv(f), Inputs: map[string]string{"token": testToken}, HTTPClient: f.srv.Client(),
	})
	if res.Code != 0 || res.Outputs["type"] != "feat" || res.Outputs["subject"] != "add login" {
		t.Fatalf("exit %d, outputs %q\n%s", res.Code, res.Outputs, res.Stdout)
	}
}

// TestWarningsAloneExitZero: a large file with large-files: warn is reported but does not fail.
func TestWarningsAloneExitZero(t *testing.T) {
	r := newTestRepo(t)
	r.g.Git("checkout", "-q", "-b", "feature/data", r.base)
	r.g.Commit("feat: add the data dump", "data/dump.csv", strings.Repeat("1,2,3\n", 400_000))
	res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: r.dir,
		Inputs: map[string]string{"title": "feat: add the data dump", "base": "main"}})
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout, `warning: data/dump.csv: pr-lint: Large files: "data/dump.csv" is 2.4 MB, over the 1 MB limit`, "output problems=1")
}

// TestConfigFile: the default config file is read when present; inputs changed from their defaults win.
func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, ".github/pr-lint.yml", "types: [feat, fix]\nrequire-scope: true\nscopes: [api, web]\nbranch-pattern: ''\n")
	res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: dir, Inputs: map[string]string{"title": "docs: x", "branch": "whatever"}})
	if res.Code != 1 {
		t.Fatalf("exit %d", res.Code)
	}
	wantContains(t, "stdout", res.Stdout, `type "docs" is not allowed`, "a scope is required", "Example: feat(api): x")
	wantNotContains(t, "stdout", res.Stdout, "Branch name")
	res = runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: dir, Inputs: map[string]string{"title": "docs(web): x", "types": "docs"}})
	if res.Code != 0 {
		t.Fatalf("inputs should win: exit %d\n%s", res.Code, res.Stdout)
	}
}

// TestBadInputs exit 2 and name the input, the value and what is accepted.
func TestBadInputs(t *testing.T) {
	tests := []struct {
		inputs map[string]string
		files  map[string]string
		want   []string
	}{
		{inputs: map[string]string{"max-file-size": "huge", "large-files": "explode"},
			want: []string{`input max-file-size: "huge" is not accepted`, `input large-files: "explode" is not accepted; accepted values are warn, fail`}},
		{inputs: map[string]string{"branch-pattern": "([", "scopes": "ok, bad(["}, want: []string{"input branch-pattern", "input scopes"}},
		{inputs: map[string]string{"branch-targets": "hotfix/*"}, want: []string{"input branch-targets", "head-glob: base, base"}},
		{inputs: map[string]string{"config": "missing.yml"}, want: []string{`the file "missing.yml" does not exist`}},
		{files: map[string]string{".github/pr-lint.yml": "typs: [feat]\n"}, want: []string{`unknown setting "typs"`}},
		{files: map[string]string{".github/pr-lint.yml": "max-title-length: lots\n"}, want: []string{`setting max-title-length of .github/pr-lint.yml: "lots"`}},
	}
	for i, tt := range tests {
		dir := t.TempDir()
		for name, content := range tt.files {
			writeFile(t, dir, name, content)
		}
		in := map[string]string{"title": "feat: x"}
		for k, v := range tt.inputs {
			in[k] = v
		}
		res := runLint(t, &sleeper{}, actiontest.Options{Local: true, Dir: dir, Inputs: in})
		if res.Code != 2 {
			t.Errorf("case %d: exit %d, want 2\n%s%s", i, res.Code, res.Stdout, res.Stderr)
		}
		wantContains(t, fmt.Sprintf("case %d stderr", i), res.Stderr, tt.want...)
	}
}

// TestFixturesCopied keeps the copied fixtures and their notice together.
func TestFixturesCopied(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "events", "NOTICE.md"))
	if err != nil || !strings.Contains(string(b), "MIT") {
		t.Fatalf("NOTICE.md: %v", err)
	}
	_ = prlint.CommentMarker
}

// TestReadOnlyToken: a fork's pull request gets a read-only token; the comment cannot be written, which is a
// warning, and the checks still decide the exit code.
func TestReadOnlyToken(t *testing.T) {
	r := newTestRepo(t)
	f := prServer(t, r, r.cleanHead, "feature/login", "Add login")
	f.mergeableSeq = []*bool{boolPtr(true)}
	f.readOnly = true
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.cleanHead, "changes", "Add login")),
		Dir: r.dir, Env: prEnv(f), Inputs: map[string]string{"token": testToken}, HTTPClient: f.srv.Client(),
	})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	wantContains(t, "stdout", res.Stdout, "::warning::the report comment could not be written", "Example: feat: add login")
	if n := f.countRequests("POST /repos/Codertocat/Hello-World/issues/2/comments"); n != 1 {
		t.Errorf("%d comment creations tried, want 1", n)
	}
}
