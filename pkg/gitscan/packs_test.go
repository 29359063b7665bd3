package gitscan

import (
	"crypto/sha1"
	"fmt"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// verifyPacks reads every object of every pack of the repository at dir with the pack reader
// and checks that its content hashes to its name.
func verifyPacks(t *testing.T, dir string) int {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rd := r.ps.reader(16 << 20)
	n := 0
	for _, p := range r.ps.packs {
		it, err := p.idx.Entries()
		if err != nil {
			t.Fatal(err)
		}
		for {
			e, err := it.Next()
			if err != nil {
				break
			}
			typ, data, err := rd.object(e.Hash, 0)
			if err != nil {
				t.Fatalf("%s: %v", e.Hash, err)
			}
			h := sha1.New()
			fmt.Fprintf(h, "%s %d\x00", typ, len(data))
			h.Write(data)
			var got plumbing.Hash
			copy(got[:], h.Sum(nil))
			if got != e.Hash {
				t.Fatalf("object %s reads as content hashing to %s", e.Hash, got)
			}
			n++
		}
	}
	return n
}

func TestPackReaderObjectsHashToTheirNames(t *testing.T) {
	r := history(t)
	content := ""
	for i := range 12 {
		content += fmt.Sprintf("line %d of a file with deltas\n", i)
		r.Commit(fmt.Sprintf("grow %d", i), "grow.txt", content)
	}
	r.Git("repack", "-adf", "-q", "--depth=50")
	if n := verifyPacks(t, r.Dir); n < 40 {
		t.Errorf("verified %d objects, want at least 40", n)
	}
	r.Git("-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "-q")
	verifyPacks(t, r.Dir)
}

func TestPatchDeltaRejectsBadDeltas(t *testing.T) {
	base := []byte("hello world")
	good := []byte{11, 5, 0x90, 5} // source 11, target 5, copy 5 bytes from offset 0
	if got, err := patchDelta(base, good); err != nil || string(got) != "hello" {
		t.Fatalf("patchDelta = %q, %v", got, err)
	}
	for name, d := range map[string][]byte{
		"wrong source size": {10, 5, 0x90, 5},
		"copy out of range": {11, 5, 0x91, 9, 5},
		"short target":      {11, 6, 0x90, 5},
		"truncated insert":  {11, 5, 5, 'a'},
		"zero command":      {11, 5, 0},
	} {
		if _, err := patchDelta(base, d); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
