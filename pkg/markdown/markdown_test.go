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
		{"<!-- hide -->", `&lt;\!\-\- hide \-\-&gt;`},
		{"line\r\nbreak\n\nx", "line break x"},
		{"[link](http://x)", `\[link\]\(http://x\)`},
		{"@octocat", "@&#8203;octocat"},
		{"`code`", "\\`code\\`"},
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

// FuzzText checks that no untrusted text can break out: no raw line break, pipe, angle bracket or backtick
// survives unescaped.
func FuzzText(f *testing.F) {
	for _, s := range []string{"a|b", "<script>", "x\ny", "``", "\\|", "@all"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := markdown.Text(s)
		if strings.ContainsAny(got, "\n\r<>") {
			t.Fatalf("Text(%q) = %q keeps a line break or angle bracket", s, got)
		}
		for i := 0; i < len(got); i++ {
			if (got[i] == '|' || got[i] == '`') && (i == 0 || got[i-1] != '\\') {
				t.Fatalf("Text(%q) = %q has an unescaped %q", s, got, got[i])
			}
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
