package gitscan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rose/actions/internal/gittest"
)

type gitRepo = gittest.Repo

func newGitRepo(t *testing.T) *gitRepo { return gittest.New(t, "") }

// added is one yielded span: commit subject, order, path, line and text.
type added struct {
	Subject string
	Order   int
	Path    string
	Line    int
	Text    string
}

func (a added) String() string {
	return fmt.Sprintf("%s %s:%d %q", a.Subject, a.Path, a.Line, a.Text)
}

func scanAll(t *testing.T, dir string, sel Selection, opts Options) ([]added, Stats) {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var mu sync.Mutex
	var got []added
	st, err := r.Scan(context.Background(), sel, opts, func(c Change) {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range c.Spans {
			got = append(got, added{Subject: c.Commit.Summary, Order: c.Order, Path: c.Path, Line: s.Line, Text: string(c.Text(s))})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(a, b added) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		if a.Path != b.Path {
			return strings.Compare(a.Path, b.Path)
		}
		return a.Line - b.Line
	})
	return got, st
}

func strs(as []added) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return out
}

func check(t *testing.T, got []added, want ...string) {
	t.Helper()
	if g := strs(got); strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(want, "\n  "))
	}
}

// history builds a small history exercising additions, edits, deletion, revert, rename and a
// merge with a conflict resolution.
func history(t *testing.T) *gitRepo {
	r := newGitRepo(t)
	r.Commit("c1 add config", "config.env", "A=1\nTOKEN=first\n", "README.md", "hello\n")
	r.Commit("c2 edit config", "config.env", "A=1\nB=2\nTOKEN=first\n")
	r.Commit("c3 delete config", "config.env", "")
	r.Commit("c4 restore config", "config.env", "A=1\nB=2\nTOKEN=first\n") // same blob as c2
	if err := os.MkdirAll(filepath.Join(r.Dir, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.Git("mv", "config.env", "app/config.env")
	r.Commit("c5 move config")
	r.Git("checkout", "-q", "-b", "side")
	r.Commit("s1 side change", "README.md", "hello\nside line\n")
	r.Git("checkout", "-q", "main")
	r.Commit("m1 main change", "README.md", "hello\nmain line\n")
	_ = r.Try("merge", "-q", "side") // conflicts: resolved by hand below
	r.Write("README.md", "hello\nmain line\nside line\nresolved by hand\n")
	r.Git("add", "README.md")
	r.Git("commit", "-q", "-m", "merge side")
	return r
}

func TestScanHistory(t *testing.T) {
	r := history(t)
	got, st := scanAll(t, r.Dir, Selection{All: true}, Options{})
	check(t, got,
		`c1 add config README.md:1 "hello"`,
		`c1 add config config.env:1 "A=1\nTOKEN=first"`,
		`c2 edit config config.env:2 "B=2"`,
		// c3 deletes, c4 restores c2's blob, c5 renames it: nothing new.
		`s1 side change README.md:2 "side line"`,
		`m1 main change README.md:2 "main line"`,
		`merge side README.md:4 "resolved by hand"`,
	)
	if st.Commits != 8 {
		t.Errorf("Commits = %d, want 8", st.Commits)
	}
	// Order follows topology: c1 < c2 < ... and both branches before the merge.
	orders := map[string]int{}
	for _, a := range got {
		orders[a.Subject] = a.Order
	}
	if !(orders["c1 add config"] < orders["c2 edit config"] && orders["s1 side change"] < orders["merge side"] && orders["m1 main change"] < orders["merge side"]) {
		t.Errorf("orders not topological: %v", orders)
	}
}

func TestScanPackedMatchesLoose(t *testing.T) {
	r := history(t)
	// More versions of one file, so that the pack holds delta chains.
	content := ""
	for i := range 15 {
		content += fmt.Sprintf("line %d of a growing file with some text to make deltas worthwhile\n", i)
		r.Commit(fmt.Sprintf("grow %d", i), "grow.txt", content)
	}
	loose, _ := scanAll(t, r.Dir, Selection{All: true}, Options{})
	for _, repack := range [][]string{
		{"repack", "-adf", "-q"}, // offset deltas
		{"-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "-q"}, // reference deltas
	} {
		r.Git(repack...)
		packed, _ := scanAll(t, r.Dir, Selection{All: true}, Options{})
		if g, w := strs(packed), strs(loose); !slices.Equal(g, w) {
			t.Errorf("after git %v:\n%s\nloose:\n%s", repack, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
		if len(packed) < 15 {
			t.Errorf("after git %v: %d spans, want at least 15", repack, len(packed))
		}
	}
}

func TestScanRange(t *testing.T) {
	r := newGitRepo(t)
	base := r.Commit("b1", "a.txt", "one\n")
	r.Commit("h1", "a.txt", "one\ntwo\n")
	head := r.Commit("h2", "b.txt", "three\n")
	got, st := scanAll(t, r.Dir, Selection{Base: base, Head: head}, Options{})
	check(t, got, `h1 a.txt:2 "two"`, `h2 b.txt:1 "three"`)
	if st.Commits != 2 {
		t.Errorf("Commits = %d, want 2", st.Commits)
	}
	got, _ = scanAll(t, r.Dir, Selection{Base: "HEAD~1", Head: "main"}, Options{})
	check(t, got, `h2 b.txt:1 "three"`)
	got, _ = scanAll(t, r.Dir, Selection{Head: head}, Options{})
	check(t, got, `b1 a.txt:1 "one"`, `h1 a.txt:2 "two"`, `h2 b.txt:1 "three"`)
	got, _ = scanAll(t, r.Dir, Selection{Commits: []string{head}}, Options{})
	check(t, got, `h2 b.txt:1 "three"`)
}

func TestScanSkips(t *testing.T) {
	r := newGitRepo(t)
	r.Commit("c1", "big.txt", strings.Repeat("x", 200)+"\n", "bin.dat", "a\x00b", "vendor/lib.js", "x=1\n", "ok.txt", "fine\n")
	r.Git("repack", "-adf", "-q")
	got, st := scanAll(t, r.Dir, Selection{All: true}, Options{MaxFileSize: 100, SkipPath: func(p string) bool {
		return strings.HasPrefix(p, "vendor/")
	}})
	check(t, got, `c1 ok.txt:1 "fine"`)
	if st.SkippedLarge != 1 || st.SkippedBinary != 1 || st.SkippedPath != 1 || st.Files != 1 || st.Skipped() != 2 {
		t.Errorf("stats = %+v", st)
	}
}

func TestScanWorkTreeAndBare(t *testing.T) {
	r := newGitRepo(t)
	r.Commit("c1", "a.txt", "alpha\n")
	bare := filepath.Join(t.TempDir(), "bare.git")
	r.Git("clone", "-q", "--bare", r.Dir, bare)
	for _, dir := range []string{r.Dir, bare} {
		got, _ := scanAll(t, dir, Selection{All: true}, Options{})
		check(t, got, `c1 a.txt:1 "alpha"`)
	}
	if _, err := Open(t.TempDir()); err == nil {
		t.Error("Open of an empty directory succeeded")
	}
}

func TestScanShallow(t *testing.T) {
	r := newGitRepo(t)
	r.Commit("c1", "a.txt", "one\n")
	r.Commit("c2", "a.txt", "one\ntwo\n")
	clone := filepath.Join(t.TempDir(), "clone")
	r.Git("clone", "-q", "--depth=1", "file://"+r.Dir, clone)
	got, st := scanAll(t, clone, Selection{All: true}, Options{})
	// The boundary commit has no parent locally: all of its content counts as added.
	check(t, got, `c2 a.txt:1 "one\ntwo"`)
	if st.ShallowCommits != 1 {
		t.Errorf("ShallowCommits = %d, want 1", st.ShallowCommits)
	}
}

func TestScanFiles(t *testing.T) {
	dir := t.TempDir()
	for path, content := range map[string]string{
		"a.txt":             "alpha\nbeta\n",
		"sub/b.txt":         "gamma",
		".git/config":       "[core]\n",
		"node_modules/x.js": "skip\n",
		"bin.dat":           "\x00\x01",
		"big.txt":           strings.Repeat("y", 500),
	} {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []string
	st, err := ScanFiles(context.Background(), dir, Options{MaxFileSize: 100, SkipPath: func(p string) bool {
		return strings.HasPrefix(p, "node_modules/")
	}}, func(c Change) {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range c.Spans {
			got = append(got, fmt.Sprintf("%s:%d %q", c.Path, s.Line, c.Text(s)))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{`a.txt:1 "alpha\nbeta"`, `sub/b.txt:1 "gamma"`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if st.Files != 2 || st.SkippedBinary != 1 || st.SkippedLarge != 1 || st.SkippedPath != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestScanCancelled(t *testing.T) {
	r := history(t)
	repo, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := repo.Scan(ctx, Selection{All: true}, Options{}, func(Change) {}); err == nil {
		t.Error("Scan with a cancelled context succeeded")
	}
}

func TestScanAlternatesAndLinkedWorkTree(t *testing.T) {
	r, shared := sharedClone(t)
	// A linked work tree: .git is a file pointing into the main repository.
	linked := filepath.Join(t.TempDir(), "linked")
	r.Git("worktree", "add", "-q", "-b", "side", linked)
	for _, dir := range []string{shared, linked} {
		got, _ := scanAll(t, dir, Selection{All: true}, Options{})
		check(t, got, `c1 a.txt:1 "alpha"`)
	}
}

func TestOpenRefusesSHA256Repositories(t *testing.T) {
	r := newGitRepo(t)
	f, err := os.OpenFile(filepath.Join(r.Dir, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("[extensions]\n\tobjectFormat = sha256\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := Open(r.Dir); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("Open = %v, want an error naming SHA-256", err)
	}
}

func TestScanPartialCloneCountsMissingBlobs(t *testing.T) {
	r := newGitRepo(t)
	r.Git("config", "uploadpack.allowFilter", "true")
	r.Commit("c1", "small.txt", "small\n", "big.txt", strings.Repeat("big line\n", 500))
	clone := filepath.Join(t.TempDir(), "partial")
	r.Git("clone", "-q", "--no-checkout", "--filter=blob:limit=1k", "file://"+r.Dir, clone)
	got, st := scanAll(t, clone, Selection{All: true}, Options{})
	check(t, got, `c1 small.txt:1 "small"`)
	if st.SkippedMissing != 1 || st.Skipped() != 1 {
		t.Errorf("stats = %+v, want one missing blob", st)
	}
}

func TestScanCopiesAndRenames(t *testing.T) {
	r := newGitRepo(t)
	r.Commit("c1 add", "a.env", "KEY=one\n")
	r.Commit("c2 copy", "b.env", "KEY=one\n") // a.env stays: a copy is new content at b.env
	if err := os.Rename(filepath.Join(r.Dir, "b.env"), filepath.Join(r.Dir, "c.env")); err != nil {
		t.Fatal(err)
	}
	r.Git("add", "-A")
	r.Commit("c3 rename")                        // b.env -> c.env: nothing new
	r.Commit("c4 same blob again", "a.env", "")  // deleting adds nothing
	r.Commit("c5 restore", "a.env", "KEY=one\n") // back at a path it was scanned at: nothing new
	got, _ := scanAll(t, r.Dir, Selection{All: true}, Options{})
	check(t, got, `c1 add a.env:1 "KEY=one"`, `c2 copy b.env:1 "KEY=one"`)
}

func TestScanSkipsSymlinksAndSubmodules(t *testing.T) {
	r := newGitRepo(t)
	base := r.Commit("c1", "a.txt", "alpha\n")
	if err := os.Symlink("a.txt", filepath.Join(r.Dir, "link")); err != nil {
		t.Fatal(err)
	}
	r.Git("add", "link")
	r.Git("update-index", "--add", "--cacheinfo", "160000,"+base+",vendor/sub")
	r.Commit("c2 link and submodule", "b.txt", "beta\n")
	got, _ := scanAll(t, r.Dir, Selection{All: true}, Options{})
	check(t, got, `c1 a.txt:1 "alpha"`, `c2 link and submodule b.txt:1 "beta"`)
}

// The Commit of each change carries the commit's hash, author, author date (in the author's time
// zone) and first line of the message, as git shows them; authors and zones are shared by the
// commits in memory, which must not mix them up.
func TestScanCommitDetails(t *testing.T) {
	r := newGitRepo(t)
	for i, c := range []struct{ author, date, msg string }{
		{"Bob Builder <bob@example.com>", "2024-03-01T12:00:00+05:30", "first\n\nwith a body"},
		{"Ann Author <ann@example.com>", "2024-03-02T08:00:00-08:00", "second"},
		{"Bob Builder <bob@example.com>", "2024-03-03T09:30:00+05:30", "third: same author and zone as the first"},
		{"Cy <cy@example.com>", "2024-03-04T00:00:00+00:00", "fourth in UTC"},
	} {
		r.Write(fmt.Sprintf("f%d.txt", i), fmt.Sprintf("content %d\n", i))
		r.Git("add", ".")
		r.Git("commit", "-q", "--author", c.author, "--date", c.date, "-m", c.msg)
	}
	repo, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	var mu sync.Mutex
	got := map[string]string{}
	_, err = repo.Scan(context.Background(), Selection{All: true}, Options{Workers: 2}, func(c Change) {
		mu.Lock()
		defer mu.Unlock()
		got[c.Commit.Hash] = strings.Join([]string{c.Commit.AuthorName, c.Commit.AuthorEmail, c.Commit.Date.Format("2006-01-02T15:04:05-07:00"), c.Commit.Summary}, "|")
	})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(r.Git("log", "--format=%H|%an|%ae|%aI|%s"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d commits yielded changes, want %d", len(got), len(want))
	}
	for _, line := range want {
		hash, details, _ := strings.Cut(line, "|")
		if got[hash] != details {
			t.Errorf("commit %s: got %q, want %q", hash, got[hash], details)
		}
	}
}

// sharedClone returns a repository with one packed commit and a clone
// that shares its objects through objects/info/alternates.
func sharedClone(t *testing.T) (r *gitRepo, shared string) {
	t.Helper()
	r = newGitRepo(t)
	r.Commit("c1", "a.txt", "alpha\n")
	r.Git("repack", "-adq")
	shared = filepath.Join(t.TempDir(), "shared")
	r.Git("clone", "-q", "--shared", r.Dir, shared)
	return r, shared
}
