package gitlog_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rose/actions/pkg/gitlog"
)

// benchCommits is the size of the benchmark history.
const benchCommits = 20000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchRepo builds, once per test binary run, a 20,000-commit repository with
// `git fast-import` (one pack file, as in a real clone): a main line with a
// three-commit topic branch merged every 50 commits, files in several
// folders, a release tag every 200 commits (annotated and lightweight in
// turn), the last one about 200 commits below HEAD, and a "deep/v1.0.0" tag on the
// root commit so that one lookup has to walk the whole history.
func benchRepo(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		if _, err := exec.LookPath("git"); err != nil {
			benchErr = fmt.Errorf("git binary needed to build the benchmark repository: %w", err)
			return
		}
		dir, err := os.MkdirTemp("", "gitlog-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchDir = dir
		benchErr = buildBenchRepo(dir)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		_ = os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func buildBenchRepo(dir string) error {
	run := func(stdin []byte, args ...string) error {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if stdin != nil {
			cmd.Stdin = bytes.NewReader(stdin)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %v: %w\n%s", args[0], err, out)
		}
		return nil
	}
	if err := run(nil, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	var s bytes.Buffer
	types := []string{"feat", "fix", "chore", "docs", "refactor", "perf", "test", "build(deps)", "ci", "fix"}
	dirs := []string{"api", "web", "cmd", "pkg/core", "docs"}
	when := int64(1600000000)
	mark := 0
	data := func(text string) { fmt.Fprintf(&s, "data %d\n%s\n", len(text), text) }
	commit := func(ref string, from, merge int, msg, file string) int {
		mark++
		when += 60
		fmt.Fprintf(&s, "commit %s\nmark :%d\n", ref, mark)
		fmt.Fprintf(&s, "author Dev <dev@example.com> %d +0000\ncommitter Dev <dev@example.com> %d +0000\n", when, when)
		data(msg)
		if from > 0 {
			fmt.Fprintf(&s, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(&s, "merge :%d\n", merge)
		}
		if file != "" {
			fmt.Fprintf(&s, "M 100644 inline %s\n", file)
			data(fmt.Sprintf("content %d\n", mark))
		}
		return mark
	}
	head, n, nextTag, tagN := 0, 0, 200, 0
	for n < benchCommits {
		i := n
		d := dirs[i%len(dirs)]
		msg := fmt.Sprintf("%s: change %d in %s\n\nBody of commit %d explaining the change.", types[i%len(types)], i, d, i)
		if i%50 == 49 && n+4 <= benchCommits {
			t := head
			for j := 0; j < 3; j++ {
				t = commit("refs/heads/topic", t, 0, fmt.Sprintf("feat(topic): step %d of %d", j, i), fmt.Sprintf("%s/topic%d.go", d, j))
			}
			head = commit("refs/heads/main", head, t, fmt.Sprintf("Merge pull request #%d from dev/topic", i), "")
			n += 4
		} else {
			head = commit("refs/heads/main", head, 0, msg, fmt.Sprintf("%s/file%d.go", d, i%7))
			n++
		}
		if n == 1 {
			fmt.Fprintf(&s, "reset refs/tags/deep/v1.0.0\nfrom :%d\n\n", head)
		}
		if n >= nextTag && n <= benchCommits-120 {
			tagN++
			nextTag += 200
			tag := fmt.Sprintf("v1.%d.0", tagN)
			if tagN%2 == 0 {
				fmt.Fprintf(&s, "tag %s\nfrom :%d\ntagger Dev <dev@example.com> %d +0000\n", tag, head, when)
				data("release " + tag)
			} else {
				fmt.Fprintf(&s, "reset refs/tags/%s\nfrom :%d\n\n", tag, head)
			}
		}
	}
	if err := run(s.Bytes(), "fast-import", "--quiet"); err != nil {
		return err
	}
	return run(nil, "symbolic-ref", "HEAD", "refs/heads/main")
}

// cpuTime returns the CPU time this process used so far (user + system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds a cpu-ns/op metric: on a busy machine (CI shares its cores)
// wall time per op says little, the CPU time the work needed says more.
func reportCPU(b *testing.B, start time.Duration, n int) {
	b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
}

func BenchmarkLastRelease20k(b *testing.B) {
	dir := benchRepo(b)
	ctx := context.Background()
	start, n := cpuTime(), 0
	for ; b.Loop(); n++ {
		r, err := gitlog.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		t, err := r.LastRelease(ctx, "", gitlog.TagOptions{Prefix: "v"})
		if err != nil || t == nil || t.Name != "v1.99.0" {
			b.Fatalf("LastRelease = %v, %v", t, err)
		}
		_ = r.Close()
	}
	reportCPU(b, start, n)
}

// BenchmarkLastReleaseFullWalk20k finds a tag on the root commit: the worst
// case, a walk of the whole history.
func BenchmarkLastReleaseFullWalk20k(b *testing.B) {
	dir := benchRepo(b)
	ctx := context.Background()
	start, n := cpuTime(), 0
	for ; b.Loop(); n++ {
		r, err := gitlog.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		t, err := r.LastRelease(ctx, "", gitlog.TagOptions{Prefix: "v", Path: "deep"})
		if err != nil || t == nil || t.Name != "deep/v1.0.0" {
			b.Fatalf("LastRelease = %v, %v", t, err)
		}
		_ = r.Close()
	}
	reportCPU(b, start, n)
}

// BenchmarkReleaseRange20k is what semver-release and changelog do: find the
// last release, then list the commits since.
func BenchmarkReleaseRange20k(b *testing.B) {
	dir := benchRepo(b)
	ctx := context.Background()
	start, n := cpuTime(), 0
	for ; b.Loop(); n++ {
		r, err := gitlog.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		t, err := r.LastRelease(ctx, "", gitlog.TagOptions{Prefix: "v"})
		if err != nil {
			b.Fatal(err)
		}
		cs, err := r.Log(ctx, gitlog.LogOptions{From: t.Name})
		if err != nil || len(cs) < 150 || len(cs) > 250 {
			b.Fatalf("Log = %d commits, %v", len(cs), err)
		}
		_ = r.Close()
	}
	reportCPU(b, start, n)
}

func BenchmarkLogAll20k(b *testing.B) {
	dir := benchRepo(b)
	ctx := context.Background()
	start, n := cpuTime(), 0
	for ; b.Loop(); n++ {
		r, err := gitlog.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		cs, err := r.Log(ctx, gitlog.LogOptions{IncludeMerges: true})
		if err != nil || len(cs) != benchCommits {
			b.Fatalf("Log = %d commits, %v", len(cs), err)
		}
		_ = r.Close()
	}
	reportCPU(b, start, n)
}

func BenchmarkLogAllPath20k(b *testing.B) {
	dir := benchRepo(b)
	ctx := context.Background()
	start, n := cpuTime(), 0
	for ; b.Loop(); n++ {
		r, err := gitlog.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		cs, err := r.Log(ctx, gitlog.LogOptions{Paths: []string{"pkg/core"}})
		if err != nil || len(cs) < 1000 {
			b.Fatalf("Log = %d commits, %v", len(cs), err)
		}
		_ = r.Close()
	}
	reportCPU(b, start, n)
}
