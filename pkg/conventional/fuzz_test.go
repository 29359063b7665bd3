package conventional

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"feat(api)!: x\n\nBREAKING CHANGE: y\nRefs #1",
		"Revert \"fix: a\"\n\nThis reverts commit abc.",
		"fix(a)(b)): c\r\n\r\n---\r\n\r\nbreaking-change y",
		"gpg: x\n\n\nMerge branch 'main'",
		"(s)!: \u2028",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		c := Parse(msg)
		if c.Breaking != (c.Bang || len(c.BreakingNotes) > 0) {
			t.Errorf("Breaking=%v with Bang=%v notes=%q", c.Breaking, c.Bang, c.BreakingNotes)
		}
		if c.Conventional && (c.Type == "" || strings.TrimSpace(c.Description) == "") {
			t.Errorf("conventional commit without type or description: %#v", c)
		}
		if !c.Conventional && c.Type != "" && c.Description != "" && strings.TrimSpace(c.Description) != "" {
			t.Errorf("non-conventional commit with type and description: %#v", c)
		}
		if strings.ContainsAny(c.Header, "\n") {
			t.Errorf("header %q contains a line feed", c.Header)
		}
		h, err := ParseHeader(c.Header)
		if c.Header != "" && ((err == nil) != c.Conventional || h.Type != c.Type || h.Scope != c.Scope || h.Bang != c.Bang) {
			t.Errorf("ParseHeader(%q) = %#v, %v; Parse gave %#v", c.Header, h, err, c)
		}
		if utf8.ValidString(msg) && !utf8.ValidString(c.Description) {
			t.Errorf("description %q is not valid UTF-8", c.Description)
		}
	})
}

// BenchmarkParse shows that parsing time grows linearly with the message: compare ns/op across sizes
// (MB/s stays flat). Inputs are built to defeat naive backtracking: unclosed scopes full of ")",
// many note-like lines, many footers.
func BenchmarkParse(b *testing.B) {
	shapes := map[string]func(n int) string{
		"parens":    func(n int) string { return "feat(" + strings.Repeat("a)", n/2) + " x" },
		"notes":     func(n int) string { return "fix: x\n\n" + strings.Repeat("BREAKING CHANGE: y\n", n/19) },
		"footers":   func(n int) string { return "fix: x\n\nbody\n\n" + strings.Repeat("Refs: #1\n\n", n/10) },
		"revert":    func(n int) string { return "Revert \"" + strings.Repeat("this reverts commit ", n/20) },
		"longline":  func(n int) string { return "feat: " + strings.Repeat("é", n/2) },
		"dashlines": func(n int) string { return "feat: x\n" + strings.Repeat("-a-\n", n/4) },
	}
	for _, name := range []string{"parens", "notes", "footers", "revert", "longline", "dashlines"} {
		for _, n := range []int{1 << 10, 1 << 16, 1 << 20} {
			msg := shapes[name](n)
			b.Run(name+"/"+sizeName(n), func(b *testing.B) {
				b.SetBytes(int64(len(msg)))
				for b.Loop() {
					Parse(msg)
				}
			})
		}
	}
}

func sizeName(n int) string {
	if n >= 1<<20 {
		return strconv.Itoa(n>>20) + "MiB"
	}
	return strconv.Itoa(n>>10) + "KiB"
}
