package gitscan

import (
	"bytes"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// fileChange is a regular file whose content a commit changed: new is its blob, olds the
// blobs at the same path in the parents (none for a new file).
type fileChange struct {
	path string
	new  plumbing.Hash
	olds []plumbing.Hash
	// seenAt are the other paths where the same blob was already scanned: this change is a
	// rename (nothing new) when the commit took the blob away from one of them, else a copy.
	seenAt []string
}

func isFile(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

// compareEntries orders tree entries as git does: by name, a directory's name compared as if
// followed by '/'.
func compareEntries(a, b *treeEntry) int {
	an, bn := a.name, b.name
	n := min(len(an), len(bn))
	if c := bytes.Compare(an[:n], bn[:n]); c != 0 {
		return c
	}
	next := func(e *treeEntry, name []byte) int {
		if len(name) > n {
			return int(name[n])
		}
		if e.mode == filemode.Dir {
			return '/'
		}
		return 0
	}
	return next(a, an) - next(b, bn)
}

// diffTrees appends to out the files added or modified from tree a (zero: empty) to tree b.
// Deleted files, symbolic links and submodules are not reported.
func (o *objects) diffTrees(prefix string, a, b plumbing.Hash, out []fileChange) ([]fileChange, error) {
	if a == b {
		return out, nil
	}
	tb, err := o.tree(b)
	if err != nil {
		return out, err
	}
	var ta []treeEntry
	if !a.IsZero() {
		t, err := o.tree(a)
		if err != nil {
			return out, err
		}
		ta = t.entries
	}
	entries := tb.entries
	i := 0
	for j := range entries {
		eb := &entries[j]
		// advance in a to the first entry not before eb
		var ea *treeEntry
		for i < len(ta) {
			c := compareEntries(&ta[i], eb)
			if c < 0 {
				i++
				continue
			}
			if c == 0 {
				ea = &ta[i]
				i++
			}
			break
		}
		if ea != nil && ea.hash == eb.hash && ea.mode == eb.mode {
			continue
		}
		path := prefix + string(eb.name)
		switch {
		case eb.mode == filemode.Dir:
			var old plumbing.Hash
			if ea != nil {
				old = ea.hash
			}
			out, err = o.diffTrees(path+"/", old, eb.hash, out)
			if err != nil {
				return out, err
			}
		case isFile(eb.mode):
			if ea != nil && ea.hash == eb.hash {
				continue // mode change only
			}
			fc := fileChange{path: path, new: eb.hash}
			if ea != nil && isFile(ea.mode) {
				fc.olds = []plumbing.Hash{ea.hash}
			}
			out = append(out, fc)
		}
	}
	return out, nil
}
