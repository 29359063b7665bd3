package secrets

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// sourceCorpus reads about limit bytes of real source code (Go's own
// standard library, which every Go installation has) as separate files, and
// plants a few generated secrets in them.
func sourceCorpus(b *testing.B, limit int) []Fragment {
	b.Helper()
	root := filepath.Join(runtime.GOROOT(), "src") //nolint:staticcheck // the toolchain that runs the benchmark is the one whose sources it reads
	var paths []string
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && (strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".s") || strings.HasSuffix(p, ".txt")) {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	var frags []Fragment
	total := 0
	g := secretstest.NewGen(31)
	for i, p := range paths {
		if total >= limit {
			break
		}
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if i%500 == 0 { // a few planted secrets
			data = append(data, "\nconst leaked = \""+g.GitHubToken("ghp_")+"\"\n"...)
		}
		rel, _ := filepath.Rel(root, p)
		frags = append(frags, Fragment{Path: filepath.ToSlash(rel), Text: data, StartLine: 1})
		total += len(data)
	}
	if total < limit/2 {
		b.Skipf("GOROOT/src holds only %d bytes of source", total)
	}
	return frags
}

// noKeywordText is generated code-like text containing no rule keyword.
func noKeywordText(n int) []byte {
	words := []string{"func", "return", "value", "index", "buffer", "count", "result", "if", "else", "for",
		"range", "append", "len", "struct", "type", "int", "string", "error", "nil", "err", "ctx", "data",
		"name", "path", "file", "line", "node", "list", "map", "items", "total", "offset", "width", "height",
		"{", "}", "(", ")", "=", ":=", "+", "-", "0", "1", "42", "//", "the", "of", "and", "a", "to", "in"}
	var sb strings.Builder
	g := secretstest.NewGen(32)
	for sb.Len() < n {
		for w := 0; w < 10; w++ {
			sb.WriteString(words[g.IntN(len(words))])
			sb.WriteByte(' ')
		}
		sb.WriteByte('\n')
	}
	return []byte(sb.String())
}

// threadCPU is the CPU time of the calling OS thread: on a shared machine
// wall-clock MB/s measures the neighbours, MB per CPU-second does not.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchFragments(b *testing.B, frags []Fragment) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	d, err := NewDetector(Config{})
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, f := range frags {
		total += len(f.Text)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	cpu := threadCPU()
	found := 0
	for i := 0; i < b.N; i++ {
		found = 0
		for _, f := range frags {
			found += len(d.Scan(f))
		}
	}
	if sec := (threadCPU() - cpu).Seconds(); sec > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/1e6/sec, "MB/cpu-s")
	}
	b.ReportMetric(float64(found), "findings")
	// The budget's units per input byte (see workLimit), and the fragments
	// it limited per run.
	b.ReportMetric(float64(d.workSpent.Load())/float64(b.N)/float64(total), "work/B")
	_, limited := d.Limits()
	b.ReportMetric(float64(limited)/float64(b.N), "limited")
}

// BenchmarkScanSource scans ~8 MB of real source code file by file.
func BenchmarkScanSource(b *testing.B) {
	benchFragments(b, sourceCorpus(b, 8<<20))
}

// BenchmarkScanSourceParallel is BenchmarkScanSource with every CPU
// scanning (the action scans commits in parallel).
func BenchmarkScanSourceParallel(b *testing.B) {
	frags := sourceCorpus(b, 8<<20)
	d, err := NewDetector(Config{})
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, f := range frags {
		total += len(f.Text)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, f := range frags {
				d.Scan(f)
			}
		}
	})
}

// BenchmarkScanNoKeywords scans 4 MB of text in which no keyword occurs:
// the cost of the prefilter alone.
func BenchmarkScanNoKeywords(b *testing.B) {
	text := noKeywordText(4 << 20)
	var frags []Fragment
	for off := 0; off < len(text); off += 32 << 10 {
		frags = append(frags, Fragment{Path: "gen.go", Text: text[off:min(off+32<<10, len(text))]})
	}
	benchFragments(b, frags)
}

// BenchmarkScanCorpus scans the labelled corpus (dense in secrets and traps).
func BenchmarkScanCorpus(b *testing.B) {
	pos, trapCases := secretstest.Corpus(33)
	var frags []Fragment
	for _, c := range append(pos, trapCases...) {
		frags = append(frags, Fragment{Path: c.Path, Text: []byte(c.Text)})
	}
	benchFragments(b, frags)
}

// BenchmarkScanSmallFragments scans source code as one-line fragments (the
// hunks of a history scan are often that small): the per-call overhead.
func BenchmarkScanSmallFragments(b *testing.B) {
	var frags []Fragment
	for _, f := range sourceCorpus(b, 2<<20) {
		for i, line := range strings.SplitAfter(string(f.Text), "\n") {
			frags = append(frags, Fragment{Path: f.Path, Text: []byte(line), StartLine: i + 1})
		}
	}
	benchFragments(b, frags)
}

// BenchmarkScanPathological scans hostile input: a 128 KiB single line dense
// in keywords and secret-shaped values (minified bundles, generated data).
// Cost must stay linear in the input.
func BenchmarkScanPathological(b *testing.B) {
	g := secretstest.NewGen(34)
	var sb strings.Builder
	for sb.Len() < 1<<17 {
		sb.WriteString(`{"token":"` + g.String(secretstest.Alnum, 24) + `","name":"password","secret_key":"x","url":"https://u:p@h"},`)
	}
	benchFragments(b, []Fragment{{Path: "data.min.json", Text: []byte(sb.String())}})
}
