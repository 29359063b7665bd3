package gitscan

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Repo is a git repository opened for scanning. It reads objects with go-git only: no git
// binary is needed. A Repo may be used by one Scan at a time.
type Repo struct {
	gitDir string
	st     *filesystem.Storage // references, revision parsing
	ps     *packSet
	rd     *packReader // the caller's goroutine: commits
}

// ErrNotRepository reports that a path holds no git repository.
var ErrNotRepository = errors.New("not a git repository")

// Open opens the repository at path: a work tree (with .git inside, a directory or a gitdir
// file) or a bare repository.
func Open(path string) (*Repo, error) {
	gitDir, err := findGitDir(path)
	if err != nil {
		return nil, err
	}
	if b, err := os.ReadFile(filepath.Join(gitDir, "config")); err == nil && objectFormatSHA256(string(b)) {
		return nil, fmt.Errorf("open repository %q: SHA-256 object names (extensions.objectFormat) are not supported", path)
	}
	ps, err := openPacks(gitDir)
	if err != nil {
		return nil, err
	}
	// rd reads each commit once, while commits are selected; git stores commits whole, not as
	// deltas, so there is nothing to cache: a cache of them (1 MB) stayed full for the whole scan.
	return &Repo{gitDir: gitDir, st: newStorage(gitDir, 8*cache.MiByte), ps: ps, rd: ps.reader(0, 0, 0)}, nil
}

// Close releases the repository's file descriptors.
func (r *Repo) Close() error {
	return errors.Join(r.rd.Close(), r.st.Close(), r.ps.Close())
}

// GitDir returns the repository's git directory.
func (r *Repo) GitDir() string { return r.gitDir }

// PackBytes returns the size of the repository's pack files (its alternates' included): the
// bulk of .git, by which a caller can scale what a scan of the history may use.
func (r *Repo) PackBytes() int64 {
	var n int64
	for _, p := range r.ps.packs {
		n += p.size
	}
	return n
}

func findGitDir(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("open repository %q: %w", path, err)
	}
	dotGit := filepath.Join(abs, ".git")
	fi, err := os.Stat(dotGit)
	switch {
	case err == nil && fi.IsDir():
		return dotGit, nil
	case err == nil:
		b, err := os.ReadFile(dotGit)
		if err != nil {
			return "", fmt.Errorf("open repository %q: %w", path, err)
		}
		line := strings.TrimSpace(string(b))
		target, ok := strings.CutPrefix(line, "gitdir:")
		if !ok {
			return "", fmt.Errorf("open repository %q: %w: bad .git file", path, ErrNotRepository)
		}
		target = strings.TrimSpace(target)
		if !filepath.IsAbs(target) {
			target = filepath.Join(abs, target)
		}
		// A linked work tree keeps its objects and refs in the common directory.
		if c, err := os.ReadFile(filepath.Join(target, "commondir")); err == nil {
			common := strings.TrimSpace(string(c))
			if !filepath.IsAbs(common) {
				common = filepath.Join(target, common)
			}
			return filepath.Clean(common), nil
		}
		return target, nil
	}
	if isGitDir(abs) {
		return abs, nil
	}
	return "", fmt.Errorf("open repository %q: %w", path, ErrNotRepository)
}

// objectFormatSHA256 reports whether a git config sets extensions.objectFormat to sha256.
func objectFormatSHA256(config string) bool {
	for _, line := range strings.Split(strings.ToLower(config), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(k) == "objectformat" && strings.TrimSpace(v) == "sha256" {
			return true
		}
	}
	return false
}

func isGitDir(dir string) bool {
	for _, name := range []string{"objects", "refs", "HEAD"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

// newStorage opens an independent go-git storage: each worker has its own, so that pack file
// reads and the delta-base cache are never shared between goroutines.
func newStorage(gitDir string, cacheSize cache.FileSize) *filesystem.Storage {
	fs := osfs.New(gitDir, osfs.WithBoundOS())
	return filesystem.NewStorageWithOptions(fs, cache.NewObjectLRU(cacheSize), filesystem.Options{
		KeepDescriptors: true,
		ExclusiveAccess: true,
	})
}

// objects reads commits, trees and blobs for one worker, with a cache of parsed trees.
type objects struct {
	lines       lineSet
	commitTrees *commitIndex // read-only, shared
	r           *packReader
	trees       map[plumbing.Hash]*tree
	order       []plumbing.Hash
	// cached counts the entries of the cached trees: the cache is bounded by entries (at most
	// maxEntries), not trees, since one directory can hold thousands of files.
	cached, maxEntries int
	// next is the blob carried over to the next job (see carried).
	next carriedBlob
	// last is the Commit of lastNode: consecutive changes often come from one commit.
	last     *Commit
	lastNode *node
}

func newObjects(r *packReader, maxEntries int) *objects {
	return &objects{r: r, trees: make(map[plumbing.Hash]*tree), maxEntries: maxEntries}
}

type carriedBlob struct {
	hash  plumbing.Hash
	data  []byte
	owned bool
}

type treeEntry struct {
	name []byte // points into the tree object's content, which is never modified
	mode filemode.FileMode
	hash plumbing.Hash
}

type tree struct{ entries []treeEntry }

// parseTree parses a raw tree object: entries of "<octal mode> <name>\x00<20-byte hash>".
func parseTree(data []byte) (*tree, error) {
	t := &tree{entries: make([]treeEntry, 0, bytes.Count(data, []byte{0}))}
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp < 0 {
			return nil, errors.New("bad tree entry")
		}
		var mode uint32
		for _, c := range data[:sp] {
			if c < '0' || c > '7' {
				return nil, errors.New("bad tree entry mode")
			}
			mode = mode<<3 | uint32(c-'0')
		}
		data = data[sp+1:]
		nul := bytes.IndexByte(data, 0)
		if nul < 0 || len(data) < nul+1+20 {
			return nil, errors.New("bad tree entry name")
		}
		e := treeEntry{name: data[:nul:nul], mode: filemode.FileMode(mode)}
		copy(e.hash[:], data[nul+1:nul+21])
		t.entries = append(t.entries, e)
		data = data[nul+21:]
	}
	return t, nil
}

func (o *objects) tree(h plumbing.Hash) (*tree, error) {
	if t, ok := o.trees[h]; ok {
		return t, nil
	}
	typ, data, err := o.r.object(h, 0)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	if typ != plumbing.TreeObject {
		return nil, fmt.Errorf("read tree %s: a %s", h, typ)
	}
	t, err := parseTree(data)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	if o.cached+len(t.entries) > o.maxEntries {
		// Evict the oldest half: trees are reused mostly by neighbouring commits.
		n := 0
		for n < len(o.order) && o.cached > o.maxEntries/2 {
			o.cached -= len(o.trees[o.order[n]].entries)
			delete(o.trees, o.order[n])
			n++
		}
		o.order = append(o.order[:0], o.order[n:]...)
	}
	o.trees[h] = t
	o.order = append(o.order, h)
	o.cached += len(t.entries)
	return t, nil
}

// blob returns a blob's content, or nil and errTooLarge when it is over maxSize (> 0), and
// whether the content is the caller's alone, to give back with recycle once used.
func (o *objects) blob(h plumbing.Hash, maxSize int64) ([]byte, bool, error) {
	typ, data, owned, err := o.r.objectOwned(h, maxSize)
	if err != nil {
		return nil, false, err
	}
	if typ != plumbing.BlobObject {
		return nil, false, fmt.Errorf("read blob %s: a %s", h, typ)
	}
	return data, owned, nil
}

// recycle gives back the buffer of a blob that blob reported owned, once it is used.
func (o *objects) recycle(data []byte, owned bool) {
	if owned {
		o.r.recycle(data)
	}
}

// lookupPath finds the entry at path in the tree root, or reports false.
func (o *objects) lookupPath(root plumbing.Hash, path string) (treeEntry, bool, error) {
	h := root
	for {
		t, err := o.tree(h)
		if err != nil {
			return treeEntry{}, false, err
		}
		name, rest, more := strings.Cut(path, "/")
		var found *treeEntry
		for i := range t.entries {
			if string(t.entries[i].name) == name {
				found = &t.entries[i]
				break
			}
		}
		if found == nil {
			return treeEntry{}, false, nil
		}
		if !more {
			return *found, true, nil
		}
		if found.mode != filemode.Dir {
			return treeEntry{}, false, nil
		}
		h, path = found.hash, rest
	}
}

// rawCommit holds the parts of a commit object a scan needs.
type rawCommit struct {
	tree      plumbing.Hash
	parents   []plumbing.Hash
	author    object.Signature
	committer object.Signature
	message   []byte // part of the object's data
}

// parseCommit parses a raw commit object.
func parseCommit(data []byte) (rawCommit, error) {
	var c rawCommit
	for len(data) > 0 {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			nl = len(data)
		}
		line := data[:nl]
		data = data[min(nl+1, len(data)):]
		if len(line) == 0 {
			c.message = data
			break
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			if !plumbing.IsHash(string(val)) {
				return c, errors.New("bad tree header")
			}
			c.tree = plumbing.NewHash(string(val))
		case "parent":
			if !plumbing.IsHash(string(val)) {
				return c, errors.New("bad parent header")
			}
			c.parents = append(c.parents, plumbing.NewHash(string(val)))
		case "author":
			c.author.Decode(val)
		case "committer":
			c.committer.Decode(val)
		}
	}
	if c.tree.IsZero() {
		return c, errors.New("no tree header")
	}
	return c, nil
}
