package secrets

import (
	"regexp"
	"testing"
)

// TestLazySources compiles every expression that a detector leaves to be
// compiled at its first use: anchored copies must keep the pattern's groups
// (and one more, the match within the skipped prefix), readers' expressions
// must compile.
func TestLazySources(t *testing.T) {
	d, err := NewDetector(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.patterns {
		a := p.anch
		if a == nil {
			continue
		}
		re, err := regexp.Compile(a.re.src)
		if err != nil {
			t.Fatalf("%s: anchored copy %q: %v", p.rule.ID, a.re.src, err)
		}
		if want := p.expr().NumSubexp() + min(a.prefix, 1); re.NumSubexp() != want {
			t.Errorf("%s: anchored copy has %d groups, want %d", p.rule.ID, re.NumSubexp(), want)
		}
	}
	namedReaders.Range(func(_, v any) bool {
		r := v.(*namedReader)
		for _, l := range []*lazyRegexp{r.assign, r.section, r.call} {
			if _, err := regexp.Compile(l.src); err != nil {
				t.Errorf("named reader %q: %v", l.src, err)
			}
		}
		return true
	})
	followReaders.Range(func(_, v any) bool {
		if _, err := regexp.Compile(v.(*followReader).value.src); err != nil {
			t.Errorf("follow reader: %v", err)
		}
		return true
	})
}
