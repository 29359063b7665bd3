package changelog

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/conventional"
)

// BenchmarkMarkdown renders a 20,000-commit range (a whole large history) with every section listed.
func BenchmarkMarkdown(b *testing.B) {
	types := []string{"feat", "fix", "perf", "docs", "chore", "refactor", "revert", "build"}
	entries := make([]Entry, 20000)
	for i := range entries {
		msg := fmt.Sprintf("%s(scope%d): change number %d (#%d)\n\nBody.\n\nCloses #%d", types[i%len(types)], i%50, i, i, i+1)
		if i%500 == 0 {
			msg += "\n\nBREAKING CHANGE: something moved"
		}
		entries[i] = Entry{SHA: fmt.Sprintf("%040x", i), Commit: conventional.Parse(msg), Parents: 1}
	}
	opts := Options{Version: "2.0.0", PreviousTag: "v1.0.0", RepoURL: "https://github.com/o/r",
		Date: time.Now(), IncludeHidden: true}
	b.ResetTimer()
	for b.Loop() {
		Markdown(entries, opts)
	}
}

// BenchmarkUpdate replaces a section in the middle of a changelog of 2,000 releases (about 1 MB).
func BenchmarkUpdate(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("# Changelog\n\n")
	for v := 2000; v > 0; v-- {
		fmt.Fprintf(&sb, "## [1.%d.0](https://x/compare/v1.%d.0...v1.%d.0) (2026-01-01)\n\n### Features\n\n", v, v-1, v)
		for i := 0; i < 5; i++ {
			fmt.Fprintf(&sb, "* **api:** change %d of %d ([abcdef0](https://x/commit/abcdef0))\n", i, v)
		}
		sb.WriteString("\n")
	}
	old := []byte(sb.String())
	section := "## 1.1000.0\n\n* replaced\n"
	b.SetBytes(int64(len(old)))
	for b.Loop() {
		Update(old, "1.1000.0", section)
	}
}
