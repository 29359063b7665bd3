package gitscan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkHistory scans the full history of the repository named by GITSCAN_BENCH_REPO (for
// example a bare clone of a large public project), yielding every added span to a no-op.
func BenchmarkHistory(b *testing.B) {
	path := os.Getenv("GITSCAN_BENCH_REPO")
	if path == "" {
		b.Skip("set GITSCAN_BENCH_REPO to a repository to scan")
	}
	for b.Loop() {
		r, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		var spans atomic.Int64
		st, err := r.Scan(context.Background(), Selection{All: true}, Options{MaxFileSize: 5 << 20}, func(c Change) {
			spans.Add(int64(len(c.Spans)))
		})
		if err != nil {
			b.Fatal(err)
		}
		r.Close()
		b.ReportMetric(float64(st.Commits), "commits")
		b.ReportMetric(float64(st.Files), "files")
		b.ReportMetric(float64(st.Bytes)/1e6, "MB")
		b.ReportMetric(float64(spans.Load()), "spans")
	}
}

// BenchmarkSynthetic scans generated histories (git fast-import) of 1,000 and 3,000 commits
// over 200 files of 200 lines, each commit editing a few lines of a few files. Besides time
// and allocations it reports the largest live heap seen after a collection during the scan
// (peak-live-MB): the object caches, bounded by a share of the packs up to 12 MB per pair of
// workers, the blobs being compared, and a record per commit and per file version.
func BenchmarkSynthetic(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is needed to generate the repository")
	}
	for _, commits := range []int{1000, 3000} {
		b.Run(fmt.Sprintf("commits=%d", commits), func(b *testing.B) {
			dir := synthetic(b, commits)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				r, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				peak := livePeak()
				st, err := r.Scan(context.Background(), Selection{All: true}, Options{}, func(Change) {})
				live := peak()
				if err != nil {
					b.Fatal(err)
				}
				r.Close()
				if st.Commits != commits || st.Files < 2*commits {
					b.Fatalf("stats %+v", st)
				}
				b.ReportMetric(float64(st.Bytes)/1e6, "MB")
				b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
			}
		})
	}
}

// livePeak samples the live heap (as of the last collection) until the returned function is
// called, which returns the largest value seen.
func livePeak() func() uint64 {
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		runtime.GC() // the live heap at the end of the scan counts too
		close(stop)
		return <-done
	}
}

// synthetic generates the bare repository of BenchmarkSynthetic with the given number of
// commits, and returns its path.
func synthetic(b *testing.B, commits int) string {
	b.Helper()
	dir := b.TempDir()
	run := func(stdin io.Reader, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Stdin = dir, stdin
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run(nil, "init", "-q", "--bare")
	var stream bytes.Buffer
	rng := rand.New(rand.NewPCG(1, 2))
	files := make([][]string, 200)
	for i := range files {
		for j := range 200 {
			files[i] = append(files[i], fmt.Sprintf("line %d of file %d: %x", j, i, rng.Uint64()))
		}
	}
	for c := range commits {
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter A <a@example.com> %d +0000\ndata 6\ncommit\n", 1700000000+c)
		touched := 200
		if c > 0 {
			touched = 3
		}
		for k := range touched {
			i := k
			if c > 0 {
				i = rng.IntN(len(files))
				for range 4 {
					files[i][rng.IntN(len(files[i]))] = fmt.Sprintf("changed in %d: %x", c, rng.Uint64())
				}
			}
			content := strings.Join(files[i], "\n") + "\n"
			fmt.Fprintf(&stream, "M 100644 inline src/f%03d.txt\ndata %d\n%s\n", i, len(content), content)
		}
	}
	stream.WriteString("done\n")
	run(&stream, "fast-import", "--quiet", "--done")
	run(nil, "repack", "-adq")
	return dir
}
