package prlint

import "testing"

// Entries whose text cannot simply be wrapped in ^(?: ... )$ still match whole names.
func TestPatternsMatchWholeNames(t *testing.T) {
	tests := []struct {
		entry       string
		match, miss []string
	}{
		{`\Qa.b`, []string{"a.b"}, []string{"axb", "a.bc"}},
		{`\Q(x)\E|y`, []string{"(x)", "y"}, []string{"x", "yy"}},
		{`JIRA-\d+`, []string{"JIRA-12"}, []string{"JIRA-", "xJIRA-1"}},
		{`a|b`, []string{"a", "b"}, []string{"ab"}},
	}
	for _, tt := range tests {
		s, err := ParsePatterns([]string{tt.entry})
		if err != nil {
			t.Fatalf("%q: %v", tt.entry, err)
		}
		for _, m := range tt.match {
			if !s.Matches(m) {
				t.Errorf("%q does not match %q", tt.entry, m)
			}
		}
		for _, m := range tt.miss {
			if s.Matches(m) {
				t.Errorf("%q matches %q", tt.entry, m)
			}
		}
	}
}
