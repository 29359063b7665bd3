package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rose/actions/internal/gittest"
	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/prlint"
)

const (
	owner     = "Codertocat"
	repoName  = "Hello-World"
	testToken = "ghs_TESTtoken0123456789abcdefghijklmnopq"
)

// lfsPointer is a Git LFS pointer to a 5 MiB object: a small blob that must not count as a large file.
const lfsPointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 5242880\n"

// testRepo is a real git repository: a base commit on main, a head commit on "changes" that adds a 2 MB
// file, an LFS pointer, conflict markers and a Markdown heading underline, and a clean head on "feature/login".
type testRepo struct {
	g                     *gittest.Repo
	dir                   string
	base, head, cleanHead string
}

// writeFile writes a file of a plain folder (the repository's files go through gittest.Repo.Write).
func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// appPyHead is app.py in the head commit: lines 3, 5 and 7 are conflict markers.
const appPyHead = "import os\n\n<<<<<<< HEAD\nPORT = 8000\n=======\nPORT = 8080\n>>>>>>> main\n\nprint(os.getcwd())\n"

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	g := gittest.New(t, "")
	r := &testRepo{g: g, dir: g.Dir}
	r.base = g.Commit("chore: initial commit", "README.md", "# Hello\n", "app.py", "import os\n\nprint(os.getcwd())\n")

	g.Git("checkout", "-q", "-b", "changes")
	big := bytes.Repeat([]byte{0, 1, 2, 3, 4, 5, 6, 7}, 2_000_000/8) // 2 MB, binary
	r.head = g.Commit("Update the README with new information.",
		"assets/big.bin", string(big),
		"assets/model.bin", lfsPointer,
		".gitattributes", "assets/model.bin filter=lfs diff=lfs merge=lfs -text\n",
		"app.py", appPyHead,
		"README.md", "# Hello\n\nUsage\n=======\n\nRun it.\n")

	g.Git("checkout", "-q", "-b", "feature/login", r.base)
	r.cleanHead = g.Commit("feat: add login", "login.py", "def login():\n    return True\n")
	g.Git("checkout", "-q", "changes")
	return r
}

// eventFile copies a fixture payload into a temporary file, letting edit rewrite its SHAs, refs and title.
func eventFile(t *testing.T, fixture string, edit func(ev map[string]any)) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "events", fixture))
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	edit(ev)
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), fixture)
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func obj(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		m = m[k].(map[string]any)
	}
	return m
}

// setPR rewrites a pull_request payload for the test repository.
func setPR(base, head, headRef, title string) func(map[string]any) {
	return func(ev map[string]any) {
		pr := obj(ev, "pull_request")
		obj(pr, "base")["sha"] = base
		obj(pr, "head")["sha"] = head
		if headRef != "" {
			obj(pr, "head")["ref"] = headRef
		}
		if title != "" {
			pr["title"] = title
		}
	}
}

// sleeper records the waits asked for instead of waiting.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return ctx.Err()
}

// prServer is a fake GitHub holding pull request #2 of the fixtures for the test repository.
func prServer(t *testing.T, r *testRepo, head, headRef, title string) *fakeGitHub {
	f := newFakeGitHub(t, owner, repoName, testToken)
	f.number = 2
	f.pr = map[string]any{
		"number": 2, "state": "open", "title": title, "draft": false, "commits": 1, "changed_files": 5,
		"head": map[string]any{"ref": headRef, "sha": head}, "base": map[string]any{"ref": "master", "sha": r.base},
	}
	f.mergeableSeq = []*bool{nil, boolPtr(false)}
	// A person's comment that quotes pr-lint's marker: it must never be edited or deleted.
	f.comments = []map[string]any{{"id": int64(7), "body": prlint.CommentMarker + " quoted by a human",
		"user": map[string]any{"login": "octocat", "type": "User"}}}
	return f
}

func runLint(t *testing.T, s *sleeper, o actiontest.Options) actiontest.Result {
	t.Helper()
	o.Action = "pr-lint"
	o.Run = func(ctx context.Context, rt *actionRuntime) error { return lint(ctx, rt, deps{sleep: s.sleep}) }
	res := actiontest.Run(t, o)
	stdout := strings.ReplaceAll(res.Stdout, "::add-mask::"+testToken+"\n", "")
	for _, out := range []string{stdout, res.Stderr, res.Summary, res.OutputFile} {
		if strings.Contains(out, testToken) {
			t.Fatalf("the token leaked:\n%s", out)
		}
	}
	return res
}

func prEnv(f *fakeGitHub) map[string]string {
	return map[string]string{"GITHUB_REPOSITORY": owner + "/" + repoName, "GITHUB_API_URL": f.srv.URL, "GITHUB_TOKEN": testToken}
}

func wantContains(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s does not contain %q:\n%s", what, sub, s)
		}
	}
}

func wantNotContains(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("%s contains %q:\n%s", what, sub, s)
		}
	}
}

// TestPullRequestStickyComment drives the action through the runner contract three times on the same
// pull request: a failing run creates the comment, a second failing run updates it in place, and a run
// where everything passes deletes it.
func TestPullRequestStickyComment(t *testing.T) {
	r := newTestRepo(t)
	title := "Update the README with new information."
	f := prServer(t, r, r.head, "changes", title)
	s := &sleeper{}

	// 1. The fixture's own title and branch, the head with a large file and conflict markers, mergeable null then false.
	res := runLint(t, s, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.head, "", "")),
		Dir: r.dir, Env: prEnv(f), Inputs: map[string]string{"token": testToken}, HTTPClient: f.srv.Client(),
	})
	if res.Code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", res.Code, res.Stdout, res.Stderr)
	}
	out := res.Outputs
	if out["type"] != "" || out["scope"] != "" || out["subject"] != "" || out["breaking"] != "false" {
		t.Errorf("title outputs %q", out)
	}
	// title, branch, big.bin (warning), 3 conflict markers, mergeable false.
	if out["problems"] != "7" {
		t.Errorf("problems = %q, want 7\n%s", out["problems"], out["report"])
	}
	wantContains(t, "stdout", res.Stdout,
		"::error title=pr-lint%3A Title::",
		"Example: feat: update the README with new information",
		"::error title=pr-lint%3A Branch name::branch \"changes\" does not match",
		"::warning file=assets/big.bin,title=pr-lint%3A Large files::\"assets/big.bin\" is 2.0 MB, over the 1 MB limit",
		"::error file=app.py,line=3,", "::error file=app.py,line=5,", "::error file=app.py,line=7,",
		"merge conflicts with its base branch",
	)
	wantNotContains(t, "stdout", res.Stdout, "model.bin", "file=README.md")
	if len(s.waits) != 1 || s.waits[0] != time.Second {
		t.Errorf("mergeable polls waited %v, want [1s]", s.waits)
	}
	wantContains(t, "summary", res.Summary, prlint.CommentMarker, "| Merge conflicts | ❌ failed |", "| Large files | ⚠️ warning |")
	if out["report"] != strings.TrimSuffix(res.Summary, "\n") && out["report"] != res.Summary {
		t.Errorf("report output and summary differ")
	}
	if strings.Join(f.commentCalls, ",") != "create" || len(f.comments) != 2 {
		t.Fatalf("comment calls %v, comments %d", f.commentCalls, len(f.comments))
	}
	first := f.comments[1]
	if first["body"] != out["report"] {
		t.Errorf("comment body differs from the report")
	}

	// 2. GitHub's default title for a fix/ branch: the same comment is updated.
	f.prGets = 0
	res = runLint(t, s, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.synchronize.json", setPR(r.base, r.head, "", "")),
		Dir: r.dir, Env: prEnv(f), Inputs: map[string]string{"token": testToken, "title": "Fix/login bug", "branch": "fix/login-bug"},
		HTTPClient: f.srv.Client(),
	})
	if res.Code != 1 {
		t.Fatalf("run 2: exit %d", res.Code)
	}
	if strings.Join(f.commentCalls, ",") != "create,update" || len(f.comments) != 2 || f.comments[1]["id"] != first["id"] {
		t.Fatalf("run 2: comment calls %v", f.commentCalls)
	}
	wantContains(t, "updated comment", f.comments[1]["body"].(string), "GitHub's default title for the branch", "<code>fix: login bug</code>")

	// 3. Everything passes: conventional title, valid branch, a clean head, mergeable. The comment is deleted.
	f.pr["head"] = map[string]any{"ref": "feature/login", "sha": r.cleanHead}
	f.pr["title"] = "feat(auth): add login"
	f.mergeableSeq = []*bool{boolPtr(true)}
	res = runLint(t, s, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.reopened.json", setPR(r.base, r.cleanHead, "feature/login", "feat(auth): add login")),
		Dir: r.dir, Env: prEnv(f), Inputs: map[string]string{"token": testToken}, HTTPClient: f.srv.Client(),
	})
	if res.Code != 0 {
		t.Fatalf("run 3: exit %d\n%s", res.Code, res.Stdout)
	}
	if got := res.Outputs; got["type"] != "feat" || got["scope"] != "auth" || got["subject"] != "add login" || got["problems"] != "0" {
		t.Errorf("run 3 outputs %q", got)
	}
	if strings.Join(f.commentCalls, ",") != "create,update,delete" || len(f.comments) != 1 || f.comments[0]["id"] != int64(7) {
		t.Fatalf("run 3: comment calls %v, comments %v", f.commentCalls, f.comments)
	}
}

// actionRuntime is a short name for the runtime type in test closures.
type actionRuntime = action.Runtime
