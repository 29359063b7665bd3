package secrets

import (
	"regexp/syntax"
	"testing"
)

// TestProgSize checks progSize against the compiler on every expression a
// detector builds or plans from.
func TestProgSize(t *testing.T) {
	d, err := NewDetector(Config{})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, p := range d.patterns {
		if re := p.expr(); re != nil {
			srcs = append(srcs, re.String())
		}
		if p.anch != nil {
			srcs = append(srcs, p.anch.re.src)
		}
	}
	namedReaders.Range(func(_, v any) bool {
		r := v.(*namedReader)
		srcs = append(srcs, r.assign.src, r.section.src, r.call.src)
		return true
	})
	followReaders.Range(func(_, v any) bool {
		srcs = append(srcs, v.(*followReader).value.src)
		return true
	})
	srcs = append(srcs, `(?:a*)*`, `(?:a?)*`, `(?:(?:)*)+`, `a{0}b{2,}c{0,3}?d{3,5}`, `(?:a|[^\x00-\x{10FFFF}])`,
		`[^\x00-\x{10FFFF}]{2,3}x`, `(?:a{0,2})*`, `(?:a*?)*`, `(?:a+)+?`, `(?:^|b)*`, `x{1}`, `(?:a{2,})+`)
	for _, src := range srcs {
		tree, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(tree.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		if got := progSize(tree); got != len(prog.Inst) {
			t.Errorf("%s: progSize %d, compiled %d", src, got, len(prog.Inst))
		}
	}
	t.Logf("%d expressions", len(srcs))
}
