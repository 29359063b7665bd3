package gitscan

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Commit describes a scanned commit.
type Commit struct {
	Hash        string
	AuthorName  string
	AuthorEmail string
	Date        time.Time // author date
	Summary     string    // first line of the message
}

// node is what a scan keeps of each selected commit, from the selection to the end of the scan,
// with its author and summary kept once in a table (commitTable): a Commit, with its own strings
// and time zone, is built when a change of the commit is yielded.
type node struct {
	hash, tree plumbing.Hash
	parents    []plumbing.Hash
	when       int64     // committer date, Unix seconds: the topological order's tie-break
	date       time.Time // author date, with a time zone shared by the commits of its offset
	author     uint32    // in commitTable.authors
	summary    [2]uint32 // in commitTable.text
	// missingParents is true when a parent is absent (a shallow clone's boundary).
	missingParents bool
}

// commitTable holds what the nodes of a scan share: authors and time zones stored once, and the
// summaries one after the other.
type commitTable struct {
	authors  []author
	authorID map[author]uint32
	zones    map[int]*time.Location
	text     []byte
}

type author struct{ name, email string }

func newCommitTable() *commitTable {
	return &commitTable{authorID: map[author]uint32{}, zones: map[int]*time.Location{}}
}

// record fills the author, date and summary of n from its raw commit object.
func (h *commitTable) record(n *node, c rawCommit) {
	a := author{c.author.Name, c.author.Email}
	id, ok := h.authorID[a]
	if !ok {
		id = uint32(len(h.authors))
		h.authorID[a] = id
		h.authors = append(h.authors, a)
	}
	n.author = id
	n.date = c.author.When
	if loc := n.date.Location(); loc != time.UTC && loc != time.Local {
		_, off := n.date.Zone()
		z, ok := h.zones[off]
		if !ok {
			z = loc
			h.zones[off] = z
		}
		n.date = n.date.In(z)
	}
	summary := c.message
	if i := bytes.IndexByte(summary, '\n'); i >= 0 {
		summary = summary[:i]
	}
	start := len(h.text)
	h.text = append(h.text, summary...)
	n.summary = [2]uint32{uint32(start), uint32(len(h.text))}
}

// commit returns the Commit of a node.
func (h *commitTable) commit(n *node) *Commit {
	a := h.authors[n.author]
	return &Commit{
		Hash: n.hash.String(), AuthorName: a.name, AuthorEmail: a.email, Date: n.date,
		Summary: string(h.text[n.summary[0]:n.summary[1]]),
	}
}

// Selection chooses the commits to scan. Exactly one of its forms is used: All; Commits; or
// Head (with an optional Base).
type Selection struct {
	// All selects every commit reachable from any reference or HEAD.
	All bool
	// Head and Base select the commits reachable from Head and not from Base (git's
	// base..head); an empty Base selects everything reachable from Head. Both are revisions
	// (SHA, branch, tag, HEAD~2 ...).
	Base, Head string
	// Commits lists the commits to scan, by SHA.
	Commits []string
}

// ResolveCommit resolves a revision (SHA, branch, tag, HEAD~1 ...) to a commit SHA.
func (r *Repo) ResolveCommit(rev string) (string, error) {
	h, err := r.resolve(rev)
	if err != nil {
		return "", err
	}
	return h.String(), nil
}

// HasCommit reports whether the commit with the given SHA is present.
func (r *Repo) HasCommit(sha string) bool {
	if !plumbing.IsHash(sha) {
		return false
	}
	typ, _, err := r.rd.object(plumbing.NewHash(sha), 0)
	return err == nil && typ == plumbing.CommitObject
}

func (r *Repo) resolve(rev string) (plumbing.Hash, error) {
	if plumbing.IsHash(rev) {
		return r.peel(plumbing.NewHash(rev))
	}
	repo, err := git.Open(r.st, nil)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("open repository: %w", err)
	}
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("resolve revision %q: %w", rev, err)
	}
	return r.peel(*h)
}

// peel follows annotated tags to the commit they point at.
func (r *Repo) peel(h plumbing.Hash) (plumbing.Hash, error) {
	for range 16 {
		typ, data, err := r.rd.object(h, 0)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("read object %s: %w", h, err)
		}
		switch typ {
		case plumbing.CommitObject:
			return h, nil
		case plumbing.TagObject:
			target, ok := bytes.CutPrefix(data, []byte("object "))
			if !ok || len(target) < 40 || !plumbing.IsHash(string(target[:40])) {
				return plumbing.ZeroHash, fmt.Errorf("decode tag %s: no object header", h)
			}
			h = plumbing.NewHash(string(target[:40]))
		default:
			return plumbing.ZeroHash, errNotCommit
		}
	}
	return plumbing.ZeroHash, fmt.Errorf("tag chain too deep at %s", h)
}

var errNotCommit = errors.New("not a commit")

// tips returns every commit a reference (or HEAD) points at.
func (r *Repo) tips() ([]plumbing.Hash, error) {
	refs, err := r.st.IterReferences()
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	seen := map[plumbing.Hash]bool{}
	var out []plumbing.Hash
	add := func(h plumbing.Hash) {
		c, err := r.peel(h)
		if err != nil || seen[c] {
			return // a reference to a tree or blob, or a missing object: nothing to walk
		}
		seen[c] = true
		out = append(out, c)
	}
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() == plumbing.HashReference {
			add(ref.Hash())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	if head, err := storer.ResolveReference(r.st, plumbing.HEAD); err == nil {
		add(head.Hash())
	}
	return out, nil
}

// readCommit reads the commit h; with a table, its author and summary are recorded there.
func (r *Repo) readCommit(h plumbing.Hash, hist *commitTable) (*node, error) {
	typ, data, err := r.rd.object(h, 0)
	if err != nil {
		return nil, err
	}
	if typ != plumbing.CommitObject {
		return nil, fmt.Errorf("read commit %s: a %s", h, typ)
	}
	c, err := parseCommit(data)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	n := &node{hash: h, tree: c.tree, parents: c.parents, when: c.committer.When.Unix()}
	if hist != nil {
		hist.record(n, c)
	}
	return n, nil
}

// walk reads every commit reachable from tips, skipping those in stop. Missing commits (beyond
// a shallow boundary) end the walk there.
func (r *Repo) walk(ctx context.Context, tips []plumbing.Hash, stop map[plumbing.Hash]bool, hist *commitTable) (map[plumbing.Hash]*node, error) {
	got := map[plumbing.Hash]*node{}
	stack := append([]plumbing.Hash(nil), tips...)
	for len(stack) > 0 {
		if len(got)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if got[h] != nil || stop[h] {
			continue
		}
		c, err := r.readCommit(h, hist)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		got[h] = c
		for _, p := range c.parents {
			if got[p] == nil && !stop[p] {
				stack = append(stack, p)
			}
		}
	}
	return got, nil
}

// selectCommits returns the selected commits in topological order, parents first, and the
// table that holds their authors and summaries.
func (r *Repo) selectCommits(ctx context.Context, sel Selection) ([]*node, *commitTable, error) {
	hist := newCommitTable()
	var set map[plumbing.Hash]*node
	switch {
	case len(sel.Commits) > 0:
		set = map[plumbing.Hash]*node{}
		for _, s := range sel.Commits {
			h, err := r.resolve(s)
			if err != nil {
				return nil, nil, fmt.Errorf("commit %q: %w", s, err)
			}
			if set[h] != nil {
				continue
			}
			c, err := r.readCommit(h, hist)
			if err != nil {
				return nil, nil, fmt.Errorf("commit %q: %w", s, err)
			}
			set[h] = c
		}
	case sel.Head != "":
		head, err := r.resolve(sel.Head)
		if err != nil {
			return nil, nil, fmt.Errorf("head: %w", err)
		}
		var stop map[plumbing.Hash]bool
		if sel.Base != "" {
			base, err := r.resolve(sel.Base)
			if err != nil {
				return nil, nil, fmt.Errorf("base: %w", err)
			}
			excluded, err := r.walk(ctx, []plumbing.Hash{base}, nil, nil)
			if err != nil {
				return nil, nil, err
			}
			stop = make(map[plumbing.Hash]bool, len(excluded))
			for h := range excluded {
				stop[h] = true
			}
		}
		set, err = r.walk(ctx, []plumbing.Hash{head}, stop, hist)
		if err != nil {
			return nil, nil, err
		}
	case sel.All:
		tips, err := r.tips()
		if err != nil {
			return nil, nil, err
		}
		set, err = r.walk(ctx, tips, nil, hist)
		if err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, errors.New("empty commit selection")
	}
	for _, c := range set {
		for _, p := range c.parents {
			if set[p] == nil && !r.HasCommit(p.String()) {
				c.missingParents = true
			}
		}
	}
	hist.authorID, hist.zones = nil, nil
	return topoSort(set), hist, nil
}

// topoSort orders commits so that every commit comes after its parents in the set; among
// commits ready at the same time the older (by committer date, then SHA) comes first.
func topoSort(set map[plumbing.Hash]*node) []*node {
	pending := make(map[plumbing.Hash]int, len(set))
	children := make(map[plumbing.Hash][]*node, len(set))
	ready := &commitHeap{}
	for h, c := range set {
		n := 0
		for _, p := range c.parents {
			if set[p] != nil {
				n++
				children[p] = append(children[p], c)
			}
		}
		pending[h] = n
		if n == 0 {
			ready.items = append(ready.items, c)
		}
	}
	heap.Init(ready)
	out := make([]*node, 0, len(set))
	for ready.Len() > 0 {
		c := heap.Pop(ready).(*node)
		out = append(out, c)
		for _, ch := range children[c.hash] {
			pending[ch.hash]--
			if pending[ch.hash] == 0 {
				heap.Push(ready, ch)
			}
		}
	}
	return out
}

type commitHeap struct{ items []*node }

func (h *commitHeap) Len() int { return len(h.items) }
func (h *commitHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if a.when != b.when {
		return a.when < b.when
	}
	return bytes.Compare(a.hash[:], b.hash[:]) < 0
}
func (h *commitHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *commitHeap) Push(x any)    { h.items = append(h.items, x.(*node)) }
func (h *commitHeap) Pop() any {
	n := len(h.items)
	c := h.items[n-1]
	h.items = h.items[:n-1]
	return c
}
