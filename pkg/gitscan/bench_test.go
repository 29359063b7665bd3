package gitscan

import (
	"context"
	"os"
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
