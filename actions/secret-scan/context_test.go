package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/gitscan"
)

func TestWithContext(t *testing.T) {
	content := []byte("l1\nl2\nl3\nl4\nl5\nl6")
	tests := []struct {
		name      string
		span      gitscan.Span
		n         int
		want      string
		wantFirst int
	}{
		{"middle", gitscan.Span{Start: 6, End: 8, Line: 3}, 1, "l2\nl3\nl4", 2},
		{"two lines each side", gitscan.Span{Start: 9, End: 11, Line: 4}, 2, "l2\nl3\nl4\nl5\nl6", 2},
		{"at the start", gitscan.Span{Start: 0, End: 2, Line: 1}, 2, "l1\nl2\nl3", 1},
		{"at the end without newline", gitscan.Span{Start: 15, End: 17, Line: 6}, 2, "l4\nl5\nl6", 4},
		{"no context", gitscan.Span{Start: 6, End: 8, Line: 3}, 0, "l3", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, first := withContext(content, tt.span, tt.n)
			if string(got) != tt.want || first != tt.wantFirst {
				t.Errorf("withContext = %q, %d; want %q, %d", got, first, tt.want, tt.wantFirst)
			}
		})
	}
}

// A value whose rule needs a nearby anchor is found when only the value's line is added below
// an existing anchor line, and the anchor line itself is not reported again.
func TestContextAnchorsAcrossCommits(t *testing.T) {
	dir := t.TempDir()
	r := newGitRepo(t, dir)
	f := newFakes(31)
	keyID := f.awsKeyID()
	secret := f.pick(alnum+"+/", 40)
	c1 := r.Commit("key id", "creds.yml", "aws:\n  id: "+keyID+"\n")
	c2 := r.Commit("secret", "creds.yml", "aws:\n  id: "+keyID+"\n  value: "+secret+"\n")
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: dir,
		Inputs: map[string]string{"mode": "history", "report": "r.json"},
	})
	got := locations(readReport(t, filepath.Join(dir, "r.json")))
	want := []located{{"aws-access-key-id", "creds.yml", 2, c1}, {"aws-secret-access-key", "creds.yml", 3, c2}}
	if res.Code != 1 || !slices.Equal(got, want) {
		t.Errorf("exit %d, findings\n got %+v\nwant %+v", res.Code, got, want)
	}
}
