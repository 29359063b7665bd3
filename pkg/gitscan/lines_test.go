package gitscan

import (
	"strings"
	"testing"
)

func spanTexts(content string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, content[s.Start:s.End]+"@"+itoa(s.Line))
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestAddedSpans(t *testing.T) {
	tests := []struct {
		name string
		new  string
		olds []string
		want []string
	}{
		{name: "new file", new: "a\nb\n", want: []string{"a\nb@1"}},
		{name: "new file without final newline", new: "a\nb", want: []string{"a\nb@1"}},
		{name: "empty new file", new: "", want: nil},
		{name: "unchanged", new: "a\nb\n", olds: []string{"a\nb\n"}, want: nil},
		{name: "line added in the middle", new: "a\nX\nb\n", olds: []string{"a\nb\n"}, want: []string{"X@2"}},
		{name: "lines added at start and end", new: "X\na\nb\nY\n", olds: []string{"a\nb\n"}, want: []string{"X@1", "Y@4"}},
		{name: "line changed", new: "a\nB2\nc\n", olds: []string{"a\nb\nc\n"}, want: []string{"B2@2"}},
		{name: "line changed at the end without newline", new: "a\nbc", olds: []string{"a\nb"}, want: []string{"bc@2"}},
		{name: "line extended by a suffix", new: "ab\nc\n", olds: []string{"b\nc\n"}, want: []string{"ab@1"}},
		{name: "deletion adds nothing", new: "a\nc\n", olds: []string{"a\nb\nc\n"}, want: nil},
		{name: "moved line adds nothing", new: "b\na\nc\n", olds: []string{"a\nb\nc\n"}, want: nil},
		{name: "duplicated line is added once", new: "a\nb\na\n", olds: []string{"a\nb\n"}, want: []string{"a@3"}},
		{name: "contiguous added lines form one span", new: "a\nX\nY\nZ\nb\n", olds: []string{"a\nb\n"}, want: []string{"X\nY\nZ@2"}},
		{name: "CRLF endings compare equal", new: "a\r\nb\r\nX\r\n", olds: []string{"a\nb\n"}, want: []string{"X\r@3"}},
		{name: "merge keeps lines of any parent", new: "a\nb\nc\nR\n", olds: []string{"a\nb\n", "a\nc\n"}, want: []string{"R@4"}},
		{name: "new content is a prefix of old", new: "a\n", olds: []string{"a\nb\n"}, want: nil},
		{name: "old content is a prefix of new", new: "a\nb\n", olds: []string{"a\n"}, want: []string{"b@2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			olds := make([][]byte, len(tt.olds))
			for i, o := range tt.olds {
				olds[i] = []byte(o)
			}
			got := spanTexts(tt.new, AddedSpans([]byte(tt.new), olds...))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("AddedSpans(%q, %q) = %q, want %q", tt.new, tt.olds, got, tt.want)
			}
		})
	}
}

// FuzzAddedSpans checks invariants: spans lie in the content, in order, on line boundaries, and
// every line of new that appears nowhere in old is inside a span.
func FuzzAddedSpans(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\n")
	f.Add("x\r\ny", "y\n")
	f.Add("", "a")
	f.Fuzz(func(t *testing.T, newS, oldS string) {
		spans := AddedSpans([]byte(newS), []byte(oldS))
		oldLines := map[string]bool{}
		for _, l := range strings.Split(oldS, "\n") {
			oldLines[strings.TrimSuffix(l, "\r")] = true
		}
		covered := map[int]bool{}
		prevEnd := -1
		for _, s := range spans {
			if s.Start < 0 || s.End > len(newS) || s.Start > s.End || s.Start <= prevEnd {
				t.Fatalf("bad span %+v in %q", s, newS)
			}
			if s.Start > 0 && newS[s.Start-1] != '\n' {
				t.Fatalf("span %+v does not start a line in %q", s, newS)
			}
			if want := strings.Count(newS[:s.Start], "\n") + 1; s.Line != want {
				t.Fatalf("span %+v: line %d, want %d", s, s.Line, want)
			}
			for i, l := 0, s.Line; i < strings.Count(newS[s.Start:s.End], "\n")+1; i++ {
				covered[l+i] = true
			}
			prevEnd = s.End
		}
		lines := strings.Split(strings.TrimSuffix(newS, "\n"), "\n")
		if newS == "" {
			lines = nil
		}
		for i, l := range lines {
			if !oldLines[strings.TrimSuffix(l, "\r")] && !covered[i+1] {
				t.Fatalf("line %d %q of %q is new but in no span %+v", i+1, l, newS, spans)
			}
		}
	})
}

func TestIsBinary(t *testing.T) {
	if IsBinary([]byte("plain text\n")) {
		t.Error("text reported binary")
	}
	if !IsBinary([]byte("PNG\x00\x01")) {
		t.Error("NUL byte not reported binary")
	}
	late := strings.Repeat("a", 9000) + "\x00"
	if IsBinary([]byte(late)) {
		t.Error("NUL after 8000 bytes reported binary (git looks at the first 8000 only)")
	}
}
