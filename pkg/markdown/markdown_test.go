package markdown_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/markdown"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"a | b", `a \| b`},
		{"<!-- hide -->", `&lt;!-- hide --&gt;`},
		{"pkg/my_file.go v1.2.3 (x)", `pkg/my\_file.go v1.2.3 (x)`},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"12. not a list", `12\. not a list`},
		{"v1.2 then 3. ok", `v1.2 then 3. ok`},
		{"$x$ math", `\$x\$ math`},
		{"line\r\nbreak\n\nx", "line break x"},
		{"[link](http://x)", `\[link\](http://x)`},
		{"@octocat", "@&#8203;octocat"},
		{"`code`", "\\`code\\`"},
		{"feat: x\n::error::injected", "feat: x ::error::injected"},
		{"Ünïcødé ✓", "Ünïcødé ✓"},
	}
	for _, tt := range tests {
		if got := markdown.Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	if got := markdown.Code("  "); got != "*(empty)*" {
		t.Errorf("Code(blank) = %q", got)
	}
	if got := markdown.Code("a|b`c"); got != "<code>a\\|b\\`c</code>" {
		t.Errorf("Code = %q", got)
	}
}

// FuzzText checks the escaping invariants on any text: one line, no raw angle bracket, and every character
// that opens Markdown syntax escaped by an odd number of backslashes.
func FuzzText(f *testing.F) {
	for _, s := range []string{"a|b", "<script>alert(1)</script>", "x\ny", "``", "\\|", "@all", "# h1", "- item",
		"3. third", "[link](https://evil.example) ![img](x) **bold** _em_ ~~del~~ $x$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := markdown.Text(s)
		if strings.ContainsAny(got, "\r\n<>") {
			t.Fatalf("Text(%q) = %q keeps a line break or angle bracket", s, got)
		}
		escaped := func(i int) bool {
			bs := 0
			for j := i - 1; j >= 0 && got[j] == '\\'; j-- {
				bs++
			}
			return bs%2 == 1
		}
		for i := 0; i < len(got); i++ {
			if strings.IndexByte("`*_[]|~$", got[i]) >= 0 && !escaped(i) {
				t.Fatalf("unescaped %c in %q (from %q)", got[i], got, s)
			}
		}
		if strings.Count(got, "@") != strings.Count(got, "@&#8203;") {
			t.Fatalf("Text(%q) = %q keeps a mention", s, got)
		}
		if got != "" && strings.IndexByte("#-+=", got[0]) >= 0 {
			t.Fatalf("Text(%q) = %q starts a block", s, got)
		}
	})
}

func ExampleText() {
	title := "feat: <b>bold</b> | @team"
	fmt.Println("| title |\n| --- |\n| " + markdown.Text(title) + " |")
	// Output:
	// | title |
	// | --- |
	// | feat: &lt;b&gt;bold&lt;/b&gt; \| @&#8203;team |
}
