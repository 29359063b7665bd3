package pinimage

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/gitlog"
)

// git runs a shell script of git commands in dir with a fixed identity.
func git(t *testing.T, dir, script string) string {
	t.Helper()
	c := exec.Command("bash", "-euo", "pipefail", "-c", script)
	c.Dir = dir
	// No inherited GIT_ variables (a hook's GIT_DIR would point at the enclosing repository), no system or
	// user configuration (signing, hooks, default branch).
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			c.Env = append(c.Env, kv)
		}
	}
	c.Env = append(c.Env, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	b, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", script, err, b)
	}
	return strings.TrimSpace(string(b))
}

// since returns the last release reachable from HEAD and the commit subjects since it, as semver-release
// computes them.
func since(t *testing.T, dir string) (string, []string) {
	t.Helper()
	r, err := gitlog.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tag, err := r.LastRelease(context.Background(), "HEAD", gitlog.TagOptions{Prefix: "v"})
	if err != nil {
		t.Fatal(err)
	}
	from := ""
	if tag != nil {
		from = tag.Name
	}
	cs, err := r.Log(context.Background(), gitlog.LogOptions{From: from})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, c := range cs {
		subjects = append(subjects, strings.SplitN(c.Message, "\n", 2)[0])
	}
	return from, subjects
}

// The plan job's step "join the release line" and the release job's "start the release commit", as in
// .github/workflows/release.yml.
const (
	joinLine = `prev=$(git tag --list 'v*' --sort=-v:refname | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | head -n 1 || true)
if [ -n "$prev" ]; then
  merge=$(git commit-tree "HEAD^{tree}" -p HEAD -p "${prev}^{commit}" -m "release line after ${prev}")
  git checkout -q --detach "$merge"
fi`
	startRelease = `git checkout -q --detach main
prev=$(git tag --list 'v*' --sort=-v:refname | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | head -n 1 || true)
if [ -n "$prev" ]; then git merge -q -s ours --no-ff --no-edit -m "chore(release): $TAG" "${prev}^{commit}"; fi`
)

// TestReleaseLine replays two releases the way release.yml makes them (release commits off main, pinned
// by this package) and checks that semver-release's view of "the last release and the commits since"
// stays right, which it would not if release commits were plain detached commits.
func TestReleaseLine(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("this test needs the git command")
	}
	dir := t.TempDir()
	git(t, dir, `git init -q -b main && mkdir pr-lint && printf 'runs:\n  using: docker\n  image: ../Dockerfile\n' > pr-lint/action.yml
git add . && git commit -qm "feat: first" && git commit -q --allow-empty -m "fix: second"`)

	release := func(version string) {
		t.Helper()
		git(t, dir, "TAG=v"+version+"\n"+startRelease)
		if _, err := PinRepo(dir, "", Options{Version: version}); err != nil {
			t.Fatal(err)
		}
		amend := "git commit -q -a -m \"chore(release): v" + version + "\""
		if strings.Contains(git(t, dir, "git log -1 --format=%P"), " ") {
			amend = "git commit -q -a --amend --no-edit"
		}
		git(t, dir, amend+" && git tag -a v"+version+" -m v"+version+" && git checkout -q main")
	}

	release("0.1.0")
	git(t, dir, `git commit -q --allow-empty -m "feat: third" && git commit -q --allow-empty -m "fix: fourth"`)

	// Plain main: the detached release commit is not reachable, so everything would count again.
	if last, _ := since(t, dir); last != "" {
		t.Fatalf("on main the last release is %q; the test premise is wrong", last)
	}
	git(t, dir, joinLine)
	last, commits := since(t, dir)
	if want := []string{"fix: fourth", "feat: third"}; last != "v0.1.0" || !slices.Equal(commits, want) {
		t.Fatalf("after joining the release line: last %q, commits %q; want v0.1.0, %q", last, commits, want)
	}

	git(t, dir, "git checkout -q main")
	release("0.2.0")
	parents := git(t, dir, "git rev-list --parents -n 1 v0.2.0^{commit}")
	if len(strings.Fields(parents)) != 3 {
		t.Fatalf("release commit v0.2.0 has parents %q; want main's commit and v0.1.0's", parents)
	}
	pinned, err := os.ReadFile(filepath.Join(dir, "pr-lint", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := git(t, dir, "git show v0.2.0:pr-lint/action.yml"); !strings.Contains(got, "docker://ghcr.io/rose/actions:0.2.0") {
		t.Fatalf("v0.2.0's action.yml:\n%s", got)
	}
	if !strings.Contains(string(pinned), "image: ../Dockerfile") {
		t.Fatalf("main's action.yml changed:\n%s", pinned)
	}

	git(t, dir, `git commit -q --allow-empty -m "feat!: fifth"`)
	git(t, dir, joinLine)
	last, commits = since(t, dir)
	if want := []string{"feat!: fifth"}; last != "v0.2.0" || !slices.Equal(commits, want) {
		t.Fatalf("after the second release: last %q, commits %q; want v0.2.0, %q", last, commits, want)
	}

	// Joining again on an already released commit finds nothing to release.
	git(t, dir, "git checkout -q main~1")
	git(t, dir, joinLine)
	if last, commits = since(t, dir); last != "v0.2.0" || len(commits) != 0 {
		t.Fatalf("re-run on the released commit: last %q, commits %q; want v0.2.0 and none", last, commits)
	}
}
