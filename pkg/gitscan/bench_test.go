package gitscan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
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

// BenchmarkSynthetic scans a generated history (git fast-import): 1,000 commits over 200 files
// of 200 lines, each commit editing a few lines of a few files.
func BenchmarkSynthetic(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is needed to generate the repository")
	}
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
	for c := range 1000 {
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
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		st, err := r.Scan(context.Background(), Selection{All: true}, Options{}, func(Change) {})
		if err != nil {
			b.Fatal(err)
		}
		r.Close()
		if st.Commits != 1000 || st.Files < 2000 {
			b.Fatalf("stats %+v", st)
		}
		b.ReportMetric(float64(st.Bytes)/1e6, "MB")
	}
}
