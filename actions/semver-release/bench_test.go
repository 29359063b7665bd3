package main

import (
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/gitlog/gitlogtest"
)

// BenchmarkDryRun20k runs the whole action (open, last release, commits,
// parsing, version, changelog, outputs, summary) in dry-run mode on a
// 20,000-commit repository built once with gitlogtest.BuildLarge.
func BenchmarkDryRun20k(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Fatalf("git binary needed to build the benchmark repository: %v", err)
	}
	dir := b.TempDir()
	if err := gitlogtest.BuildLarge(dir, 20000); err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name, prefix, version string
	}{
		// The last release about 200 commits below HEAD.
		{"release", "v", "1.100.0"},
		// No release yet: the whole history is the first release.
		{"first-release", "r", "0.1.0"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			start, n := cpuTime(), 0
			for ; b.Loop(); n++ {
				res := actiontest.Run(b, actiontest.Options{Action: "semver-release", Run: run, Dir: dir, Now: fixedNow,
					Inputs: map[string]string{"dry-run": "true", "tag-prefix": c.prefix}})
				if res.Code != 0 || res.Outputs["version"] != c.version {
					b.Fatalf("exit %d, version %q\n%s", res.Code, res.Outputs["version"], res.Stdout)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
		})
	}
}

// cpuTime returns the CPU time this process used so far (user + system): on
// a machine shared with other jobs it says more than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
