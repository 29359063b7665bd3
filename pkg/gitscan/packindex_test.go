package gitscan

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// packedHistory returns a repository whose objects are all in one pack, with deltas, and the
// paths of that pack and its index.
func packedHistory(t *testing.T) (*gitRepo, string, string) {
	t.Helper()
	r := history(t)
	content := ""
	for i := range 12 {
		content += fmt.Sprintf("line %d of a file with deltas\n", i)
		r.Commit(fmt.Sprintf("grow %d", i), "grow.txt", content)
	}
	r.Git("repack", "-adf", "-q")
	idx, _ := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.idx"))
	if len(idx) != 1 {
		t.Fatalf("%d pack indexes, want 1", len(idx))
	}
	return r, strings.TrimSuffix(idx[0], ".idx") + ".pack", idx[0]
}

// An index whose offsets are all in the table of 8-byte offsets (git writes it for packs over
// 2 GiB; --index-version=2,<offset> forces it for every offset above <offset>) reads the same
// objects.
func TestPackIndexLargeOffsets(t *testing.T) {
	r, pack, idx := packedHistory(t)
	want := verifyPacks(t, r.Dir)
	if err := os.Remove(idx); err != nil {
		t.Fatal(err)
	}
	r.Git("index-pack", "--index-version=2,0", "-o", idx, pack)
	p, err := openIndex(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	if len(p.off64) < 8*(p.n-1) {
		t.Fatalf("the index has %d bytes of 8-byte offsets for %d objects: git did not write them", len(p.off64), p.n)
	}
	if got := verifyPacks(t, r.Dir); got != want {
		t.Errorf("verified %d objects with 8-byte offsets, %d before", got, want)
	}
}

func TestPackIndexRejectsBadIndexes(t *testing.T) {
	_, _, idx := packedHistory(t)
	good, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "truncated"},
		{"header only", good[:8+1024], "truncated"},
		{"version 1", edit(func(b []byte) []byte { return b[8:] }), "version 1"},
		{"version 3", edit(func(b []byte) []byte { b[7] = 3; return b }), "version 3"},
		{"fanout decreasing", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[8:], 1<<20)
			return b
		}), "fanout"},
		{"more objects than the file holds", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[8+4*255:], 1<<20)
			return b
		}), "truncated"},
		{"a table of 8-byte offsets of a bad size", append(append([]byte(nil), good...), 0, 0, 0, 0), "8-byte offset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseIndex(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parseIndex = %v, want an error about %q", err, tc.want)
			}
		})
	}
	if _, err := parseIndex(good); err != nil {
		t.Errorf("the index as git wrote it: %v", err)
	}
}

// A repository whose pack index is version 1 (written by git before 1.5.2) is refused with a
// message that says how to fix it.
func TestOpenRefusesVersion1Index(t *testing.T) {
	r, pack, idx := packedHistory(t)
	if err := os.Remove(idx); err != nil {
		t.Fatal(err)
	}
	r.Git("index-pack", "--index-version=1", "-o", idx, pack)
	_, err := Open(r.Dir)
	if err == nil || !strings.Contains(err.Error(), "version 1") || !strings.Contains(err.Error(), "repack") {
		t.Errorf("Open = %v, want an error naming index version 1 and repack", err)
	}
}

func TestPackBytes(t *testing.T) {
	r, pack, _ := packedHistory(t)
	fi, err := os.Stat(pack)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	if got := repo.PackBytes(); got != fi.Size() {
		t.Errorf("PackBytes() = %d, want %d (the size of the one pack)", got, fi.Size())
	}
}
