package prlint

import (
	"regexp"
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

// FuzzTitlePolicy runs arbitrary option values (the inputs a team writes) and titles through the policy
// parser and the check: no panic, a refused option names its input, every failure quotes the title, and
// every corrected example is a Conventional Commits header.
func FuzzTitlePolicy(f *testing.F) {
	f.Add("feat,fix,JIRA-\\d+", "core,[A-Z]+", "release", "^[^A-Z].*$", "", "fix(core,release): Bar")
	f.Add("[A-Z]+-\\d+", "", "", "", `^([\w-]*)(?:\(([\w$.\-*/ ]*)\))?: (.*)$`, "CONF-1(x): y")
	f.Add("feat", "a,b", "(?!x)", "^(?![A-Z]).+$", "(a)(b)", "fix:")
	f.Fuzz(func(t *testing.T, types, scopes, disallow, subject, header, title string) {
		p, errs := ParseTitlePolicy(TitleInputs{Types: types, Scopes: scopes, DisallowScopes: disallow,
			SubjectPattern: subject, SubjectPatternError: "{subject} / {title}", HeaderPattern: header, MaxTitleLength: 72})
		for _, e := range errs {
			if e.Input == "" || e.Problem == "" {
				t.Fatalf("error without input or problem: %+v", e)
			}
		}
		if len(errs) > 0 {
			return
		}
		res := Title(title, TitleContext{Branch: "fix/x"}, p)
		for _, fd := range res.Findings {
			if !strings.HasPrefix(fd.Message, "title ") {
				t.Fatalf("message %q does not quote the title", fd.Message)
			}
			if fd.Example == "" {
				continue
			}
			if _, err := conventional.ParseHeader(fd.Example); err != nil || strings.ContainsAny(fd.Example, "\r\n") {
				t.Fatalf("example %q for %q: %v", fd.Example, title, err)
			}
		}
	})
}

// FuzzRE2Equivalent: a translation, when one is given, compiles.
func FuzzRE2Equivalent(f *testing.F) {
	for _, s := range []string{`^(?![A-Z]).+$`, `^(?!.*\.$).*$`, `^(?!\\).+$`, `^(?!]).+$`, `^(?![^]]).+$`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if eq := RE2Equivalent(p); eq != "" {
			if _, err := regexp.Compile(eq); err != nil {
				t.Fatalf("RE2Equivalent(%q) = %q does not compile: %v", p, eq, err)
			}
		}
		_, _ = CompilePattern(p)
	})
}

// FuzzParseSize: any text gives a size or an error, never a panic; a size reads back the same from its own
// rendering, and rendering a file size in its unit does not panic.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1MB", "512KiB", "2048", "1.5 gb", "1M", "0.0001KB", "99999999999GB"} {
		f.Add(s, int64(1_000_001))
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		sz, err := ParseSize(s)
		if err != nil {
			return
		}
		if sz.Bytes < 0 {
			t.Fatalf("ParseSize(%q) = %d bytes", s, sz.Bytes)
		}
		again, err := ParseSize(sz.String())
		if err != nil || again.Bytes != sz.Bytes {
			t.Fatalf("ParseSize(%q) = %v, but its rendering %q reads as %v, %v", s, sz.Bytes, sz.String(), again.Bytes, err)
		}
		if n > 0 {
			_ = sz.Format(n)
		}
	})
}
