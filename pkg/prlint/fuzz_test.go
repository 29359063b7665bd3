package prlint

import (
	"strings"
	"testing"

	"github.com/rose/actions/pkg/conventional"
)

// FuzzTitle checks that any title gets a decision equal to the parser's and, when it fails, a corrected
// example that is itself a conventional header.
func FuzzTitle(f *testing.F) {
	for _, s := range []string{"feat: x", "Fix/x", "[WIP] feat(api)!: y", "feat(a)b): c", "wip", "", "((:", "feat(): x", "Revert \"feat: x\""} {
		f.Add(s, "fix/x")
	}
	p := TitlePolicy{Types: MustTypes(DefaultTypes...), MaxLength: 72, Scopes: ScopeSet{}}
	f.Fuzz(func(t *testing.T, title, branch string) {
		res := Title(title, TitleContext{Branch: branch}, TitlePolicy{})
		_, err := conventional.ParseHeader(title)
		if res.Passed() != (err == nil) {
			t.Fatalf("Title(%q) passed=%v, parser error %v", title, res.Passed(), err)
		}
		res = Title(title, TitleContext{Branch: branch}, p)
		for _, fd := range res.Findings {
			if _, err := conventional.ParseHeader(fd.Example); err != nil {
				t.Fatalf("example %q for %q is not conventional: %v", fd.Example, title, err)
			}
			if strings.ContainsAny(fd.Example, "\r\n") {
				t.Fatalf("example %q has a line break", fd.Example)
			}
		}
	})
}
