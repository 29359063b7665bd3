package gitlog_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rose/actions/pkg/gitlog"
	"github.com/rose/actions/pkg/gitlog/gitlogtest"
)

// benchCommits is the size of the benchmark history.
const benchCommits = 20000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchRepo builds, once per test binary run, a 20,000-commit repository
// with gitlogtest.BuildLarge.
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
		benchErr = gitlogtest.BuildLarge(dir, benchCommits)
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
