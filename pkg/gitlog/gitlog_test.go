package gitlog_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/rose/actions/internal/gittest"
	"github.com/rose/actions/pkg/gitlog"
	"github.com/rose/actions/pkg/gitlog/gitlogtest"
)

func open(t *testing.T, dir string) *gitlog.Repo {
	t.Helper()
	r, err := gitlog.Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return r
}

func TestLastRelease(t *testing.T) {
	b := gitlogtest.New(t)
	c1 := b.Commit("feat: one")
	b.Tag("v0.1.0", c1)
	c2 := b.Commit("fix: two")
	b.AnnotatedTag("v0.1.1", c2, "release 0.1.1")
	b.Tag("v0", c2)          // a major tag is no release
	b.Tag("v0.1.2-rc.1", c2) // a prerelease
	b.Tag("tools/v3.0.0", c2)
	b.Tag("release-9.0.0", c2)
	b.Tag("v0.1.1.1", c2)
	if co, err := b.Repo.CommitObject(plumbing.NewHash(c2)); err == nil {
		b.Tag("v8.0.0", co.TreeHash.String()) // a tag of a tree is no release
	} else {
		t.Fatal(err)
	}
	b.Tag("v7.0.0", "0123456789012345678901234567890123456789") // an object this clone lacks
	b.Branch("side")
	side := b.Commit("feat: on a branch never merged")
	b.Tag("v5.0.0", side)
	b.Checkout("main")
	c3 := b.Commit("feat: three", "tools/x.go", "package x")
	b.Tag("v0.1.3-rc.2", c3)
	b.Commit("docs: four")
	r := open(t, b.Dir)
	ctx := context.Background()

	tests := []struct {
		name string
		rev  string
		opts gitlog.TagOptions
		want string
	}{
		{"highest reachable annotated", "", gitlog.TagOptions{Prefix: "v"}, "v0.1.1"},
		{"at an older commit", c1, gitlog.TagOptions{Prefix: "v"}, "v0.1.0"},
		{"prereleases when asked", "HEAD", gitlog.TagOptions{Prefix: "v", Prerelease: true}, "v0.1.3-rc.2"},
		{"unmerged branch tag counts on the branch", side, gitlog.TagOptions{Prefix: "v"}, "v5.0.0"},
		{"monorepo path", "", gitlog.TagOptions{Prefix: "v", Path: "tools"}, "tools/v3.0.0"},
		{"monorepo path with slashes", "", gitlog.TagOptions{Prefix: "v", Path: "./tools/"}, "tools/v3.0.0"},
		{"other prefix", "", gitlog.TagOptions{Prefix: "release-"}, "release-9.0.0"},
		{"empty prefix matches no v tags", "", gitlog.TagOptions{}, ""},
		{"no tag for path", "", gitlog.TagOptions{Prefix: "v", Path: "web"}, ""},
		{"below a version", "", gitlog.TagOptions{Prefix: "v", Below: semver.MustParse("0.1.1")}, "v0.1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.LastRelease(ctx, tt.rev, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			name := ""
			if got != nil {
				name = got.Name
			}
			if name != tt.want {
				t.Errorf("LastRelease(%q, %+v) = %q, want %q", tt.rev, tt.opts, name, tt.want)
			}
		})
	}

	got, err := r.LastRelease(ctx, "", gitlog.TagOptions{Prefix: "v"})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Annotated || got.SHA != c2 || got.Version.String() != "0.1.1" {
		t.Errorf("LastRelease = %+v, want annotated v0.1.1 at %s", got, c2)
	}
	tags, err := r.Tags(gitlog.TagOptions{Prefix: "v", Prerelease: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tg := range tags {
		names = append(names, tg.Name)
	}
	if want := []string{"v5.0.0", "v0.1.3-rc.2", "v0.1.2-rc.1", "v0.1.1", "v0.1.0"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Tags = %v, want %v", names, want)
	}
	at, err := r.TagsAt(c2, gitlog.TagOptions{Prefix: "v"})
	if err != nil || len(at) != 1 || at[0].Name != "v0.1.1" {
		t.Errorf("TagsAt(c2) = %v, %v; want [v0.1.1]", at, err)
	}
}

func TestLastReleaseNoTags(t *testing.T) {
	b := gitlogtest.New(t)
	b.Commit("feat: first")
	got, err := open(t, b.Dir).LastRelease(context.Background(), "", gitlog.TagOptions{Prefix: "v"})
	if err != nil || got != nil {
		t.Errorf("LastRelease = %v, %v; want nil, nil", got, err)
	}
}

func subjects(cs []gitlog.Commit) []string {
	var out []string
	for _, c := range cs {
		out = append(out, strings.SplitN(c.Message, "\n", 2)[0])
	}
	return out
}

func TestLog(t *testing.T) {
	b := gitlogtest.New(t)
	b.Commit("chore: init")
	b.Branch("old")
	b.Commit("feat(old): forked before the release", "old.txt", "x")
	b.Checkout("main")
	rel := b.Commit("fix: released")
	b.Tag("v1.0.0", rel)
	b.Commit("feat(api): after release", "api/a.go", "a")
	b.Branch("topic")
	b.Commit("fix(web): on topic", "web/w.go", "w")
	b.Commit("feat(api): on topic", "api/b.go", "b")
	b.Checkout("main")
	b.Commit("docs: readme", "README.md", "r")
	b.Merge("topic", "Merge pull request #7 from me/topic")
	b.Merge("old", "Merge branch 'old'")
	head := b.Commit("perf(api)!: faster", "api/a.go", "a2")
	r := open(t, b.Dir)
	ctx := context.Background()

	tests := []struct {
		name string
		opts gitlog.LogOptions
		want []string
	}{
		{"full range without merges", gitlog.LogOptions{From: "v1.0.0"},
			[]string{"perf(api)!: faster", "docs: readme", "feat(api): on topic", "fix(web): on topic", "feat(api): after release", "feat(old): forked before the release"}},
		{"with merges", gitlog.LogOptions{From: "v1.0.0", To: head, IncludeMerges: true},
			[]string{"perf(api)!: faster", "Merge branch 'old'", "Merge pull request #7 from me/topic", "docs: readme", "feat(api): on topic", "fix(web): on topic", "feat(api): after release", "feat(old): forked before the release"}},
		{"first parent", gitlog.LogOptions{From: "v1.0.0", FirstParent: true},
			[]string{"perf(api)!: faster", "docs: readme", "feat(api): after release"}},
		{"first parent with merges", gitlog.LogOptions{From: "v1.0.0", FirstParent: true, IncludeMerges: true},
			[]string{"perf(api)!: faster", "Merge branch 'old'", "Merge pull request #7 from me/topic", "docs: readme", "feat(api): after release"}},
		{"path filter", gitlog.LogOptions{From: "v1.0.0", Paths: []string{"api"}},
			[]string{"perf(api)!: faster", "feat(api): on topic", "feat(api): after release"}},
		{"file path filter", gitlog.LogOptions{From: "v1.0.0", Paths: []string{"web/w.go", "README.md"}},
			[]string{"docs: readme", "fix(web): on topic"}},
		{"from start of history", gitlog.LogOptions{To: "v1.0.0"},
			[]string{"fix: released", "chore: init"}},
		{"empty range", gitlog.LogOptions{From: head, To: head}, nil},
		{"range ending at a tag", gitlog.LogOptions{From: "HEAD~1", To: "HEAD"}, []string{"perf(api)!: faster"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Log(ctx, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if s := subjects(got); !reflect.DeepEqual(s, tt.want) {
				t.Errorf("Log(%+v) =\n%q\nwant\n%q", tt.opts, s, tt.want)
			}
		})
	}

	all, err := r.Log(ctx, gitlog.LogOptions{IncludeMerges: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 10 {
		t.Errorf("Log(all) has %d commits, want 10", len(all))
	}
	top := all[0]
	if top.SHA != head || top.Parents != 1 || top.Author != "Test Author" || top.AuthorEmail != "author@example.com" || top.Date.IsZero() {
		t.Errorf("Log()[0] = %+v", top)
	}
	for _, c := range all {
		if strings.HasPrefix(c.Message, "Merge") && c.Parents != 2 {
			t.Errorf("merge %q has %d parents", c.Message, c.Parents)
		}
	}
	for p, want := range map[string]bool{"api": true, "./api/a.go": true, "web/w.go": true, "web/x.go": false, "nope": false, "api/a.go/x": false, "": true} {
		if got, err := r.Exists("HEAD", p); err != nil || got != want {
			t.Errorf("Exists(HEAD, %q) = %v, %v; want %v", p, got, err, want)
		}
	}
	if got, _ := r.Exists("v1.0.0", "api"); got {
		t.Errorf("Exists(v1.0.0, api) = true before api was added")
	}
	if _, err := r.Log(ctx, gitlog.LogOptions{From: "v9.9.9"}); err == nil || !strings.Contains(err.Error(), "v9.9.9") {
		t.Errorf("Log(From: unknown) error = %v, want one naming the revision", err)
	}
}

// TestLogSkewedDates checks that commits whose dates run backwards (rebased or
// badly set clocks) are still excluded when reachable from From.
func TestLogSkewedDates(t *testing.T) {
	b := gitlogtest.New(t)
	b.Commit("chore: a")
	b.Commit("chore: b")
	rel := b.Commit("chore: c")
	b.Tag("v1.0.0", rel)
	b.Commit("fix: d")
	gitlogtest.Epoch = gitlogtest.Epoch.AddDate(-1, 0, 0) // later commits dated a year earlier
	t.Cleanup(func() { gitlogtest.Epoch = gitlogtest.Epoch.AddDate(1, 0, 0) })
	b.Commit("fix: e")
	got, err := open(t, b.Dir).Log(context.Background(), gitlog.LogOptions{From: "v1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	if s, want := subjects(got), []string{"fix: e", "fix: d"}; !reflect.DeepEqual(s, want) {
		t.Errorf("Log = %q, want %q", s, want)
	}
}

func gitCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestShallowClone(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed to make a shallow clone: %v", err)
	}
	b := gitlogtest.New(t)
	c := b.Commit("feat: one")
	b.Tag("v1.0.0", c)
	for _, m := range []string{"fix: two", "fix: three", "fix: four"} {
		b.Commit(m)
	}
	dst := filepath.Join(t.TempDir(), "clone")
	gitCLI(t, t.TempDir(), "clone", "-q", "--depth", "2", "file://"+b.Dir, dst)
	r := open(t, dst)
	if !r.Shallow() {
		t.Fatal("Shallow() = false for a --depth 2 clone")
	}
	ctx := context.Background()
	_, err := r.LastRelease(ctx, "", gitlog.TagOptions{Prefix: "v"})
	if !errors.Is(err, gitlog.ErrShallow) || strings.Contains(err.Error(), "fetch-depth") {
		t.Errorf("LastRelease in a shallow clone: error %v, want ErrShallow with no advice (the action gives it, once)", err)
	}
	if _, err := r.Log(ctx, gitlog.LogOptions{}); !errors.Is(err, gitlog.ErrShallow) {
		t.Errorf("Log(all) in a shallow clone: error %v, want ErrShallow", err)
	}
	// A range inside the fetched history still works.
	got, err := r.Log(ctx, gitlog.LogOptions{From: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	if s := subjects(got); !reflect.DeepEqual(s, []string{"fix: four"}) {
		t.Errorf("Log(HEAD~1..) = %q", s)
	}
	// Once deepened, the release is found.
	gitCLI(t, dst, "fetch", "-q", "--unshallow", "--tags")
	r = open(t, dst)
	got2, err := r.LastRelease(ctx, "", gitlog.TagOptions{Prefix: "v"})
	if err != nil || got2 == nil || got2.Name != "v1.0.0" {
		t.Errorf("after unshallow: LastRelease = %v, %v", got2, err)
	}
}

// TestOtherOwner opens a repository whose files belong to another user, as in
// a Docker action where the runner user owns the mounted workspace.
func TestOtherOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the files to another user")
	}
	b := gitlogtest.New(t)
	c := b.Commit("feat: one")
	b.Tag("v1.2.3", c)
	err := filepath.Walk(b.Dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 4242, 4242)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := open(t, filepath.Join(b.Dir)).LastRelease(context.Background(), "", gitlog.TagOptions{Prefix: "v"})
	if err != nil || got == nil || got.Name != "v1.2.3" {
		t.Errorf("LastRelease = %v, %v", got, err)
	}
}

func TestOpenBareAndWorktree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed to make a bare clone: %v", err)
	}
	b := gitlogtest.New(t)
	c := b.Commit("feat: one")
	b.AnnotatedTag("v1.0.0", c, "one")
	b.Commit("fix: two")
	dst := filepath.Join(t.TempDir(), "bare.git")
	gitCLI(t, t.TempDir(), "clone", "-q", "--bare", "file://"+b.Dir, dst)
	r := open(t, dst)
	got, err := r.LastRelease(context.Background(), "", gitlog.TagOptions{Prefix: "v"})
	if err != nil || got == nil || got.Name != "v1.0.0" {
		t.Errorf("LastRelease in a bare clone = %v, %v", got, err)
	}

	// A linked worktree (its .git is a file pointing into the main repository).
	main := filepath.Join(t.TempDir(), "main")
	gitCLI(t, t.TempDir(), "clone", "-q", "file://"+b.Dir, main)
	wt := filepath.Join(t.TempDir(), "wt")
	gitCLI(t, main, "worktree", "add", "-q", "--detach", wt, "v1.0.0")
	r = open(t, wt)
	head, err := r.Resolve("HEAD")
	if err != nil || head != c {
		t.Errorf("worktree HEAD = %s, %v; want %s", head, err, c)
	}
	got, err = r.LastRelease(context.Background(), "", gitlog.TagOptions{Prefix: "v"})
	if err != nil || got == nil || got.Name != "v1.0.0" {
		t.Errorf("LastRelease in a worktree = %v, %v", got, err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := gitlog.Open(dir)
	if err == nil || !strings.Contains(err.Error(), "not inside a git repository") {
		t.Errorf("Open(empty dir) error = %v", err)
	}
	b := gitlogtest.New(t)
	sub := filepath.Join(b.Dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	r := open(t, sub) // finds the repository in a parent folder
	if _, err := r.Resolve("HEAD"); err == nil || !strings.Contains(err.Error(), "no commits") {
		t.Errorf("Resolve(HEAD) on an empty repository: %v", err)
	}
}

// TestLogExactOnRandomHistories compares Log with the exact set difference (every
// ancestor of To, or its first-parent line, less every ancestor of From,
// merges left out) on random histories: branches, merges, and commit dates
// that often run backwards by days. git rev-list, whose date heuristic can
// be fooled by such dates, is counted for information.
func TestLogExactOnRandomHistories(t *testing.T) {
	_, err := exec.LookPath("git")
	hasGit := err == nil
	gitDiffers := 0
	defer func() { t.Logf("git rev-list differed from the exact answer %d times", gitDiffers) }()
	for seed := int64(1); seed <= 6; seed++ { // seed 6 once fooled git rev-list
		rng := rand.New(rand.NewSource(seed))
		b := gitlogtest.New(t)
		base := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		b.When = func(n int) time.Time {
			// Mostly forward, sometimes days backwards (rebases, bad clocks).
			return base.Add(time.Duration(n)*time.Hour - time.Duration(rng.Intn(4)*rng.Intn(2))*72*time.Hour)
		}
		branches := []string{"main"}
		var shas []string
		for i := 0; i < 120; i++ {
			switch r := rng.Intn(10); {
			case r == 0 && len(branches) < 6:
				name := fmt.Sprintf("b%d", i)
				b.Branch(name)
				branches = append(branches, name)
			case r == 1 && len(branches) > 1:
				other := branches[rng.Intn(len(branches))]
				if other != currentBranch(b) {
					shas = append(shas, b.Merge(other, fmt.Sprintf("Merge branch '%s'", other)))
				}
			case r == 2:
				b.Checkout(branches[rng.Intn(len(branches))])
			default:
				shas = append(shas, b.Commit(fmt.Sprintf("fix: change %d", i), fmt.Sprintf("f%d.txt", i%5), fmt.Sprint(i)))
			}
		}
		r := open(t, b.Dir)
		ctx := context.Background()
		for k := 0; k < 20; k++ {
			from, to := shas[rng.Intn(len(shas))], shas[rng.Intn(len(shas))]
			firstParent := rng.Intn(3) == 0
			args := []string{"rev-list", "--no-merges"}
			if firstParent {
				args = append(args, "--first-parent")
			}
			want := exactRange(t, b, from, to, firstParent)
			gitSays := want
			if hasGit {
				gitSays = strings.Fields(gitCLI(t, b.Dir, append(args, to, "^"+from)...))
			}
			got, err := r.Log(ctx, gitlog.LogOptions{From: from, To: to, FirstParent: firstParent})
			if err != nil {
				t.Fatal(err)
			}
			var gotSHAs []string
			for _, c := range got {
				gotSHAs = append(gotSHAs, c.SHA)
			}
			sort.Strings(want)
			sort.Strings(gotSHAs)
			if strings.Join(want, " ") != strings.Join(gotSHAs, " ") {
				t.Errorf("seed %d: Log(%s..%s, first-parent %v): %d commits, exactly %d (git rev-list: %d)", seed, from[:7], to[:7], firstParent, len(gotSHAs), len(want), len(gitSays))
			}
			if len(gitSays) != len(want) {
				gitDiffers++
			}
		}
	}
}

// currentBranch is the branch HEAD points at.
func currentBranch(b *gitlogtest.Builder) string {
	ref, err := b.Repo.Storer.Reference("HEAD")
	if err != nil {
		return ""
	}
	return ref.Target().Short()
}

var parentCache = map[string][]string{}

// exactRange computes To minus From by brute force, sorted.
func exactRange(t *testing.T, b *gitlogtest.Builder, from, to string, firstParent bool) []string {
	t.Helper()
	parents := func(h string) []string {
		if ps, ok := parentCache[h]; ok {
			return ps
		}
		c, err := b.Repo.CommitObject(plumbing.NewHash(h))
		if err != nil {
			t.Fatal(err)
		}
		ps := []string{}
		for _, p := range c.ParentHashes {
			ps = append(ps, p.String())
		}
		parentCache[h] = ps
		return ps
	}
	excluded := map[string]bool{}
	stack := []string{from}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if excluded[h] {
			continue
		}
		excluded[h] = true
		stack = append(stack, parents(h)...)
	}
	var out []string
	seen := map[string]bool{}
	stack = []string{to}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] || excluded[h] {
			continue
		}
		seen[h] = true
		ps := parents(h)
		if len(ps) < 2 {
			out = append(out, h)
		}
		if firstParent && len(ps) > 1 {
			ps = ps[:1]
		}
		stack = append(stack, ps...)
	}
	sort.Strings(out)
	return out
}

// Runners that keep reference repositories clone with --shared or --reference: the objects then live in
// another repository named by an absolute path in objects/info/alternates. A linked work tree keeps its
// objects and tags in the main repository. Each must read the same history and tags as a plain clone.
func TestAlternatesAndLinkedWorkTrees(t *testing.T) {
	src := gittest.New(t, "")
	src.Commit("feat: one", "a.txt", "1")
	src.Git("tag", "-a", "-m", "release 1.0.0", "v1.0.0")
	src.Commit("fix: two", "a.txt", "2")
	src.Git("repack", "-adq") // objects in a pack, as in a fetched repository
	head := src.Git("rev-parse", "HEAD")
	tagged, err := time.Parse(time.RFC3339, src.Git("for-each-ref", "--format=%(taggerdate:iso-strict)", "refs/tags/v1.0.0"))
	if err != nil {
		t.Fatal(err)
	}

	base := t.TempDir()
	shared := filepath.Join(base, "shared")
	src.Git("clone", "-q", "--shared", src.Dir, shared)
	reference := filepath.Join(base, "reference")
	src.Git("clone", "-q", "--reference", src.Dir, "file://"+src.Dir, reference)
	linked := filepath.Join(base, "linked")
	src.Git("worktree", "add", "-q", "-b", "side", linked)
	for _, dir := range []string{shared, reference} {
		alt, err := os.ReadFile(filepath.Join(dir, ".git", "objects", "info", "alternates"))
		if err != nil || !filepath.IsAbs(strings.TrimSpace(string(alt))) {
			t.Fatalf("%s: want an absolute path in objects/info/alternates, got %q, %v", dir, alt, err)
		}
	}
	ctx := context.Background()
	for _, dir := range []string{shared, reference, linked} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r := open(t, dir)
			defer r.Close()
			got, err := r.Resolve("HEAD")
			if err != nil || got != head {
				t.Fatalf("Resolve(HEAD) = %s, %v; want %s", got, err, head)
			}
			tag, err := r.LastRelease(ctx, "HEAD", gitlog.TagOptions{Prefix: "v"})
			if err != nil || tag == nil || tag.Name != "v1.0.0" {
				t.Fatalf("LastRelease = %+v, %v; want v1.0.0", tag, err)
			}
			commits, err := r.Log(ctx, gitlog.LogOptions{From: "v1.0.0"})
			if err != nil || len(commits) != 1 || commits[0].Message != "fix: two\n" {
				t.Fatalf("Log(v1.0.0..HEAD) = %+v, %v", commits, err)
			}
			if d, err := r.TagDate("v1.0.0"); err != nil || !d.Equal(tagged) {
				t.Errorf("TagDate = %v, %v; want the tagger's date %v", d, err, tagged)
			}
		})
	}
}

func TestTagDateLightweight(t *testing.T) {
	src := gittest.New(t, "")
	src.Commit("feat: one", "a.txt", "1")
	src.Commit("fix: two", "a.txt", "2")
	src.Git("tag", "v1.0.0", "HEAD~1")
	committed, err := time.Parse(time.RFC3339, src.Git("log", "-1", "--format=%cI", "HEAD~1"))
	if err != nil {
		t.Fatal(err)
	}
	r := open(t, src.Dir)
	defer r.Close()
	if d, err := r.TagDate("v1.0.0"); err != nil || !d.Equal(committed) {
		t.Errorf("TagDate = %v, %v; want the commit's date", d, err)
	}
	if _, err := r.TagDate("v9.9.9"); err == nil {
		t.Error("TagDate of a missing tag succeeded")
	}
	if !r.IsTag("v1.0.0") || r.IsTag("main") {
		t.Error("IsTag is wrong")
	}
}

func TestWebURL(t *testing.T) {
	tests := map[string]string{
		"https://github.com/vuejs/core.git":           "https://github.com/vuejs/core",
		"https://x-access-token:abc@github.com/o/r":   "https://github.com/o/r",
		"git@github.com:vuejs/core.git":               "https://github.com/vuejs/core",
		"ssh://git@github.com/vuejs/core.git":         "https://github.com/vuejs/core",
		"ssh://git@ghe.example.com:2222/org/repo.git": "https://ghe.example.com/org/repo",
		"https://ghe.example.com:8443/org/repo/":      "https://ghe.example.com:8443/org/repo",
		"/srv/git/repo.git":                           "",
		"file:///srv/git/o/r.git":                     "",
		"":                                            "",
		"https://github.com/justone":                  "",
	}
	for in, want := range tests {
		if got := gitlog.WebURL(in); got != want {
			t.Errorf("WebURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzWebURL turns arbitrary remote URLs into web addresses: the answer is empty or an https address of a
// host and an owner/name path, never with credentials, spaces, a query or a fragment.
func FuzzWebURL(f *testing.F) {
	for _, s := range []string{"https://x-access-token:abc@github.com/o/r.git", "git@github.com:o/r.git",
		"ssh://git@h:22/o/r", "https://h/o/r?token=1#x", "a@b:c/d@e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, remote string) {
		got := gitlog.WebURL(remote)
		if got == "" {
			return
		}
		rest, ok := strings.CutPrefix(got, "https://")
		host, path, _ := strings.Cut(rest, "/")
		if !ok || host == "" || strings.Count(path, "/") < 1 || strings.ContainsAny(got, " \t\r\n?#") ||
			strings.Contains(host, "@") || gitlog.WebURL(got) != got {
			t.Fatalf("WebURL(%q) = %q", remote, got)
		}
	})
}
