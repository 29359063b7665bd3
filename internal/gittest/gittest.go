// Package gittest builds throwaway git repositories with the git command for tests: a fixed identity, no
// user or system configuration, and commit dates one second apart, so the same steps always give the same
// SHAs. (The actions themselves never run git; tests use the real command to make real repositories.)
package gittest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Author is the name and e-mail of every commit.
const (
	AuthorName  = "Ann Author"
	AuthorEmail = "ann@example.com"
)

// Start is the date of the first command; each later command is one second after the one before.
var Start = time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC)

// Repo is a repository in Dir.
type Repo struct {
	t    testing.TB
	Dir  string
	tick int
}

// New runs `git init -b main` in dir (a new temporary folder when dir is empty). A machine without git
// fails the test: .ci/run installs it.
func New(t testing.TB, dir string) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed to build test repositories: %v", err)
	}
	if dir == "" {
		dir = t.TempDir()
	}
	r := &Repo{t: t, Dir: dir}
	r.Git("init", "-q", "-b", "main")
	return r
}

func (r *Repo) command(args ...string) *exec.Cmd {
	r.tick++
	date := Start.Add(time.Duration(r.tick) * time.Second).Format(time.RFC3339)
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	env := []string{
		"GIT_AUTHOR_NAME=" + AuthorName, "GIT_AUTHOR_EMAIL=" + AuthorEmail,
		"GIT_COMMITTER_NAME=" + AuthorName, "GIT_COMMITTER_EMAIL=" + AuthorEmail,
		"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date,
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
	}
	for _, kv := range os.Environ() {
		// A hook's GIT_DIR or GIT_INDEX_FILE would send the commands to another repository.
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	return cmd
}

// Git runs a git command in the repository, fails the test when it fails, and returns its trimmed output.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	out, err := r.command(args...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Try runs a git command that may fail (a merge that conflicts, say) and returns its error.
func (r *Repo) Try(args ...string) error {
	return r.command(args...).Run()
}

// Write writes a file of the working tree, making its folders.
func (r *Repo) Write(path, content string) {
	r.t.Helper()
	full := filepath.Join(r.Dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// Commit writes files given as path, content pairs (empty content removes the file), commits them with
// msg, and returns the new commit's SHA.
func (r *Repo) Commit(msg string, files ...string) string {
	r.t.Helper()
	if len(files)%2 != 0 {
		r.t.Fatalf("Commit(%q): files must be path, content pairs", msg)
	}
	for i := 0; i < len(files); i += 2 {
		if files[i+1] == "" {
			r.Git("rm", "-q", files[i])
			continue
		}
		r.Write(files[i], files[i+1])
		r.Git("add", files[i])
	}
	r.Git("commit", "-q", "--allow-empty", "-m", msg)
	return r.Git("rev-parse", "HEAD")
}

// String names the repository in test messages.
func (r *Repo) String() string { return fmt.Sprintf("git repository %s", r.Dir) }
