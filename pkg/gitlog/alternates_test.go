package gitlog

import (
	"path/filepath"
	"testing"

	"github.com/rose/actions/internal/gittest"
)

// A --shared clone reads the source repository's objects through one storage opened once (go-git alone
// reopens the alternate and reloads its pack index for each object: minutes on vue's history, against
// 0.25 s of CPU to regenerate a release's notes with the alternates opened once). A plain clone needs none.
func TestAlternatesOpenedOnce(t *testing.T) {
	src := gittest.New(t, "")
	src.Commit("feat: one", "a.txt", "1")
	src.Git("repack", "-adq")
	shared := filepath.Join(t.TempDir(), "shared")
	src.Git("clone", "-q", "--shared", src.Dir, shared)
	plain := filepath.Join(t.TempDir(), "plain")
	src.Git("clone", "-q", "--no-local", src.Dir, plain)
	for dir, want := range map[string]bool{shared: true, plain: false} {
		r, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		as, ok := r.git.Storer.(*alternatesStorer)
		if ok != want || ok && len(as.alts) != 1 {
			t.Errorf("%s: storer %T, want alternates opened: %v", filepath.Base(dir), r.git.Storer, want)
		}
		if _, err := r.Resolve("HEAD"); err != nil {
			t.Errorf("%s: %v", filepath.Base(dir), err)
		}
		if err := r.Close(); err != nil {
			t.Errorf("%s: Close: %v", filepath.Base(dir), err)
		}
	}
}
