package gitscan

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// verifyPacks reads every object of every pack of the repository at dir with the pack reader
// and checks that its content hashes to its name: once with a cache of every object, and once
// with a cache too small for most (so that delta chains are resolved again and again, through
// the reused delta buffers) keeping only delta bases, as a scan does.
func verifyPacks(t *testing.T, dir string) int {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := verifyObjects(t, r.ps.reader(16<<20, 16<<20, 1<<20), r.ps)
	for _, p := range r.ps.packs {
		p.findBases()
	}
	if m := verifyObjects(t, r.ps.reader(256, 0, 0), r.ps); m != n {
		t.Errorf("verified %d objects with a small cache, %d with a large one", m, n)
	}
	// Giving back every buffer the reader reports owned, as a scan does: the buffers used again
	// must not change an object still in use, cached, or read later.
	rd := r.ps.reader(4<<10, 0, 0)
	recycled := 0
	for _, p := range r.ps.packs {
		for i := range p.idx.n {
			name := p.idx.hash(i)
			typ, data, owned, err := rd.objectOwned(name, 0)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkHash(t, name, typ, data)
			if owned {
				for k := range data {
					data[k] = 'x' // what a later object would overwrite
				}
				rd.recycle(data)
				recycled++
			}
		}
	}
	if recycled == 0 {
		t.Error("no buffer was given back: the test proves nothing")
	}
	return n
}

func checkHash(t *testing.T, name plumbing.Hash, typ plumbing.ObjectType, data []byte) {
	t.Helper()
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", typ, len(data))
	h.Write(data)
	var got plumbing.Hash
	copy(got[:], h.Sum(nil))
	if got != name {
		t.Fatalf("object %s reads as content hashing to %s", name, got)
	}
}

func verifyObjects(t *testing.T, rd *packReader, ps *packSet) int {
	t.Helper()
	n := 0
	for _, p := range ps.packs {
		for i := range p.idx.n {
			name := p.idx.hash(i)
			typ, data, err := rd.object(name, 0)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkHash(t, name, typ, data)
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
	checkBases(t, r)
	r.Git("-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "-q")
	verifyPacks(t, r.Dir)
	checkBases(t, r)
}

// checkBases compares the delta bases findBases reads from object headers with those git
// verify-pack lists.
func checkBases(t *testing.T, g *gitRepo) {
	t.Helper()
	r, err := Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if len(r.ps.packs) != 1 {
		t.Fatalf("%d packs, want 1", len(r.ps.packs))
	}
	p := r.ps.packs[0]
	p.findBases()
	idx, _ := filepath.Glob(filepath.Join(g.Dir, ".git", "objects", "pack", "*.idx"))
	want := map[int64]bool{}
	// "<sha> <type> <size> <size in pack> <offset> [<depth> <base sha>]"
	for _, line := range strings.Split(g.Git("verify-pack", "-v", idx[0]), "\n") {
		f := strings.Fields(line)
		if len(f) == 7 && plumbing.IsHash(f[6]) {
			off, ok := p.idx.find(plumbing.NewHash(f[6]))
			if !ok {
				t.Fatalf("base %s is not in the index", f[6])
			}
			want[off] = true
		}
	}
	if len(want) == 0 {
		t.Fatal("git made no deltas: the test proves nothing")
	}
	if len(p.bases) != len(want) {
		t.Errorf("findBases found %d bases, git lists %d", len(p.bases), len(want))
	}
	for _, off := range p.bases {
		if !want[off] {
			t.Errorf("offset %d is not a delta base", off)
		}
	}
}

func TestPatchDeltaRejectsBadDeltas(t *testing.T) {
	base := []byte("hello world")
	good := []byte{11, 5, 0x90, 5} // source 11, target 5, copy 5 bytes from offset 0
	if got, err := patchDelta(base, good, nil); err != nil || string(got) != "hello" {
		t.Fatalf("patchDelta = %q, %v", got, err)
	}
	// Into a used buffer: its old content must not show.
	used := []byte("stale content of a buffer used before")
	if got, err := patchDelta(base, good, used[:0]); err != nil || string(got) != "hello" || &got[0] != &used[0] {
		t.Fatalf("patchDelta into a used buffer = %q, %v (same buffer: %v)", got, err, len(got) > 0 && &got[0] == &used[0])
	}
	for name, d := range map[string][]byte{
		"wrong source size": {10, 5, 0x90, 5},
		"copy out of range": {11, 5, 0x91, 9, 5},
		"short target":      {11, 6, 0x90, 5},
		"truncated insert":  {11, 5, 5, 'a'},
		"zero command":      {11, 5, 0},
	} {
		if _, err := patchDelta(base, d, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// An object over a quarter of the cache goes to the cache of large objects, which keeps at
// least the last one, so that the versions of a large file are resolved one from the other, and
// leaves the small ones alone.
func TestBaseCacheLargeObjects(t *testing.T) {
	for _, tc := range []struct {
		bigMax int
		kept   []int // of the three large objects put, those still cached
	}{
		{0, []int{2}},
		{7 << 10, []int{1, 2}},
	} {
		c := newBaseCache(4<<10, tc.bigMax)
		small := func(i int) cacheKey { return cacheKey{0, int64(i)} }
		big := func(i int) cacheKey { return cacheKey{1, int64(i)} }
		for i := range 3 {
			if !c.put(small(i), plumbing.BlobObject, make([]byte, 512)) {
				t.Fatalf("small object %d not cached", i)
			}
		}
		for i := range 3 {
			if !c.put(big(i), plumbing.BlobObject, make([]byte, 3<<10)) {
				t.Fatalf("large object %d not cached", i)
			}
			if c.put(big(i), plumbing.BlobObject, make([]byte, 3<<10)) {
				t.Errorf("large object %d cached twice", i)
			}
		}
		var kept []int
		for i := range 3 {
			if _, ok := c.get(big(i)); ok {
				kept = append(kept, i)
			}
		}
		if !slices.Equal(kept, tc.kept) {
			t.Errorf("bigMax %d: large objects %v cached, want %v", tc.bigMax, kept, tc.kept)
		}
		for i := range 3 {
			if _, ok := c.get(small(i)); !ok {
				t.Errorf("bigMax %d: small object %d was evicted by large ones", tc.bigMax, i)
			}
		}
		if c.small.used != 3*512 {
			t.Errorf("bigMax %d: small objects use %d bytes, want %d", tc.bigMax, c.small.used, 3*512)
		}
	}
}

func TestPackReaderLooseObjects(t *testing.T) {
	// A clone sharing the original's objects: one object loose in the
	// clone, one loose in the original.
	r, shared := sharedClone(t)
	writeLoose := func(dir, content string) plumbing.Hash {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "hash-object", "-w", "new.txt")
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		return plumbing.NewHash(strings.TrimSpace(string(out)))
	}
	inClone := writeLoose(shared, strings.Repeat("loose line\n", 40))
	inAlternate := writeLoose(r.Dir, "loose in the alternate\n")
	ps, err := openPacks(filepath.Join(shared, ".git"))
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	rd := ps.reader(0, 0, 0)
	for _, h := range []plumbing.Hash{inClone, inAlternate} {
		typ, data, err := rd.object(h, 0)
		if err != nil || typ != plumbing.BlobObject {
			t.Fatalf("loose blob %s: %v, %v", h, typ, err)
		}
		checkHash(t, h, typ, data)
	}
	if _, _, err := rd.object(inClone, 100); !errors.As(err, new(errTooLarge)) {
		t.Errorf("loose blob over maxSize: err %v, want errTooLarge", err)
	}
	if _, _, err := rd.object(plumbing.NewHash(strings.Repeat("ab", 20)), 0); !errors.Is(err, plumbing.ErrObjectNotFound) {
		t.Errorf("missing object: err %v, want ErrObjectNotFound", err)
	}
}
