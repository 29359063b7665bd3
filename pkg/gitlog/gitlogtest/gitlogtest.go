// Package gitlogtest builds real git repositories for tests, quickly: commits,
// merges and tags are written as git objects with go-git, with deterministic
// dates, no git binary and no worktree checkout.
package gitlogtest

import (
	"errors"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// Epoch is the date of the first commit a Builder writes; each later commit
// is one minute after the previous one.
var Epoch = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// Builder writes commits into a repository. Branch "main" is checked out
// (HEAD points at it) from the start.
type Builder struct {
	t       testing.TB
	Dir     string
	Repo    *git.Repository
	branch  string
	files   map[string]map[string]string // branch -> path -> content
	n       int
	written map[plumbing.Hash]bool
	// When, if set, dates the n-th object written (commits and tags, from
	// 1); by default Epoch plus n minutes.
	When func(n int) time.Time
}

// New creates an empty repository in a fresh t.TempDir().
func New(t testing.TB) *Builder {
	t.Helper()
	return NewAt(t, t.TempDir())
}

// NewAt creates an empty repository in dir.
func NewAt(t testing.TB, dir string) *Builder {
	t.Helper()
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatalf("init repository: %v", err)
	}
	return &Builder{t: t, Dir: dir, Repo: r, branch: "main", files: map[string]map[string]string{"main": {}}}
}

// Storer returns the repository's object and reference storage.
func (b *Builder) Storer() storage.Storer { return b.Repo.Storer }

// Commit writes a commit on the current branch whose tree is the branch's
// files with files applied (an empty content deletes a path) and returns its
// SHA. With no files given it changes "file.txt" so that every commit
// changes something.
func (b *Builder) Commit(msg string, files ...string) string {
	b.t.Helper()
	return b.commit(msg, nil, files)
}

// Merge writes a merge commit on the current branch with the tip of branch
// other as second parent; the merged tree is the union of both branches'
// files (the current branch wins on conflicts).
func (b *Builder) Merge(other, msg string) string {
	b.t.Helper()
	tip := b.tip(other)
	for p, c := range b.files[other] {
		if _, ok := b.files[b.branch][p]; !ok {
			b.files[b.branch][p] = c
		}
	}
	return b.commit(msg, []plumbing.Hash{tip}, nil)
}

// Branch creates branch name at the current branch's tip (with its files)
// and checks it out.
func (b *Builder) Branch(name string) {
	b.t.Helper()
	tip := b.tip(b.branch)
	if err := b.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(name), tip)); err != nil {
		b.t.Fatalf("create branch %s: %v", name, err)
	}
	b.files[name] = clone(b.files[b.branch])
	b.Checkout(name)
}

// Checkout points HEAD at branch name.
func (b *Builder) Checkout(name string) {
	b.t.Helper()
	if _, ok := b.files[name]; !ok {
		b.t.Fatalf("checkout %s: no such branch", name)
	}
	if err := b.Repo.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.NewBranchReferenceName(name))); err != nil {
		b.t.Fatalf("checkout %s: %v", name, err)
	}
	b.branch = name
}

// Head returns the SHA of the current branch's tip.
func (b *Builder) Head() string { return b.tip(b.branch).String() }

// Tag creates a lightweight tag at sha.
func (b *Builder) Tag(name, sha string) {
	b.t.Helper()
	if err := b.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName(name), plumbing.NewHash(sha))); err != nil {
		b.t.Fatalf("tag %s: %v", name, err)
	}
}

// AnnotatedTag creates an annotated tag object and its reference at sha.
func (b *Builder) AnnotatedTag(name, sha, msg string) {
	b.t.Helper()
	b.n++
	tag := &object.Tag{
		Name:       name,
		Tagger:     b.sig(),
		Message:    msg,
		TargetType: plumbing.CommitObject,
		Target:     plumbing.NewHash(sha),
	}
	obj := b.Repo.Storer.NewEncodedObject()
	if err := tag.Encode(obj); err != nil {
		b.t.Fatalf("encode tag %s: %v", name, err)
	}
	h, err := b.store(obj)
	if err != nil {
		b.t.Fatalf("store tag %s: %v", name, err)
	}
	if err := b.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName(name), h)); err != nil {
		b.t.Fatalf("tag %s: %v", name, err)
	}
}

func (b *Builder) sig() object.Signature {
	when := Epoch.Add(time.Duration(b.n) * time.Minute)
	if b.When != nil {
		when = b.When(b.n)
	}
	return object.Signature{Name: "Test Author", Email: "author@example.com", When: when}
}

func (b *Builder) tip(branch string) plumbing.Hash {
	b.t.Helper()
	ref, err := b.Repo.Storer.Reference(plumbing.NewBranchReferenceName(branch))
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return plumbing.ZeroHash
		}
		b.t.Fatalf("read branch %s: %v", branch, err)
	}
	return ref.Hash()
}

func (b *Builder) commit(msg string, extra []plumbing.Hash, files []string) string {
	b.t.Helper()
	if len(files)%2 != 0 {
		b.t.Fatalf("commit %q: files must be path, content pairs", msg)
	}
	state := b.files[b.branch]
	if len(files) == 0 && extra == nil {
		files = []string{"file.txt", msg}
	}
	for i := 0; i < len(files); i += 2 {
		if files[i+1] == "" {
			delete(state, files[i])
		} else {
			state[files[i]] = files[i+1]
		}
	}
	tree := b.writeTree(state)
	var parents []plumbing.Hash
	if tip := b.tip(b.branch); !tip.IsZero() {
		parents = append(parents, tip)
	}
	parents = append(parents, extra...)
	b.n++
	c := &object.Commit{Author: b.sig(), Committer: b.sig(), Message: msg, TreeHash: tree, ParentHashes: parents}
	obj := b.Repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		b.t.Fatalf("encode commit: %v", err)
	}
	h, err := b.store(obj)
	if err != nil {
		b.t.Fatalf("store commit: %v", err)
	}
	if err := b.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(b.branch), h)); err != nil {
		b.t.Fatalf("update branch: %v", err)
	}
	return h.String()
}

// writeTree stores the tree objects for a path -> content map.
func (b *Builder) writeTree(files map[string]string) plumbing.Hash {
	b.t.Helper()
	type dir struct {
		files map[string]string
		dirs  map[string]map[string]string
	}
	d := dir{files: map[string]string{}, dirs: map[string]map[string]string{}}
	for p, c := range files {
		first, rest, ok := strings.Cut(path.Clean(p), "/")
		if !ok {
			d.files[first] = c
			continue
		}
		if d.dirs[first] == nil {
			d.dirs[first] = map[string]string{}
		}
		d.dirs[first][rest] = c
	}
	var entries []object.TreeEntry
	for name, c := range d.files {
		obj := b.Repo.Storer.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, _ := obj.Writer()
		_, _ = w.Write([]byte(c))
		_ = w.Close()
		h, err := b.store(obj)
		if err != nil {
			b.t.Fatalf("store blob: %v", err)
		}
		entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
	}
	for name, sub := range d.dirs {
		entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: b.writeTree(sub)})
	}
	// git sorts tree entries by name, directories compared as "name/".
	sort.Slice(entries, func(i, j int) bool { return sortKey(entries[i]) < sortKey(entries[j]) })
	tree := &object.Tree{Entries: entries}
	obj := b.Repo.Storer.NewEncodedObject()
	if err := tree.Encode(obj); err != nil {
		b.t.Fatalf("encode tree: %v", err)
	}
	h, err := b.store(obj)
	if err != nil {
		b.t.Fatalf("store tree: %v", err)
	}
	return h
}

func sortKey(e object.TreeEntry) string {
	if e.Mode == filemode.Dir {
		return e.Name + "/"
	}
	return e.Name
}

func clone(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// store writes obj unless this builder wrote it already (unchanged files and
// folders give the same blobs and trees commit after commit).
func (b *Builder) store(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	h := obj.Hash()
	if b.written[h] {
		return h, nil
	}
	h, err := b.Repo.Storer.SetEncodedObject(obj)
	if err == nil {
		if b.written == nil {
			b.written = map[plumbing.Hash]bool{}
		}
		b.written[h] = true
	}
	return h, err
}
