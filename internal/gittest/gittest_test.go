package gittest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rose/actions/internal/gittest"
)

func TestSameStepsSameSHAs(t *testing.T) {
	build := func() (string, string) {
		r := gittest.New(t, "")
		first := r.Commit("feat: one", "a.txt", "1\n", "dir/b.txt", "2\n")
		second := r.Commit("fix: two", "a.txt", "")
		if _, err := os.Stat(filepath.Join(r.Dir, "a.txt")); !os.IsNotExist(err) {
			t.Errorf("a.txt was not removed: %v", err)
		}
		return first, second
	}
	a1, a2 := build()
	b1, b2 := build()
	if a1 != b1 || a2 != b2 || a1 == a2 || len(a1) != 40 {
		t.Errorf("SHAs %s %s and %s %s: want the same pair twice", a1, a2, b1, b2)
	}
	r := gittest.New(t, "")
	r.Commit("init")
	if got := r.Git("log", "-1", "--format=%an <%ae> %aI"); got != "Ann Author <ann@example.com> 2024-02-01T10:00:02+00:00" {
		t.Errorf("identity and date: %q", got)
	}
	if err := r.Try("checkout", "-q", "no-such-branch"); err == nil {
		t.Error("Try hid nothing: a failing command returned no error")
	}
}
