package prlint

import (
	"fmt"
	"testing"
)

func BenchmarkTitle(b *testing.B) {
	p := TitlePolicy{Types: MustTypes(DefaultTypes...), MaxLength: DefaultMaxTitleLength, AllowWIP: true, Scopes: ScopeSet{}}
	for _, title := range []string{"feat(api)!: drop the v1 endpoints", "Update the README with new information."} {
		b.Run(title[:4], func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				Title(title, TitleContext{Branch: "changes"}, p)
			}
		})
	}
}

func BenchmarkReportMarkdown(b *testing.B) {
	r := &Report{Title: "feat: x", Branch: "feature/x"}
	for i := 0; i < 200; i++ {
		r.Record(Ran(CheckLargeFiles, Finding{Level: Warning, File: fmt.Sprintf("f%d.bin", i), Message: fmt.Sprintf("\"f%d.bin\" is 2.0 MiB", i)}))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = r.Markdown()
	}
}
