package gitlog

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"path"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// errNotCommit marks a revision or tag that names a tree or a blob.
var errNotCommit = errors.New("not a commit")

// resolve returns the commit a revision names; "" means HEAD.
func (r *Repo) resolve(rev string) (plumbing.Hash, error) {
	if rev == "" || rev == "HEAD" {
		ref, err := r.git.Head()
		if err != nil {
			if errors.Is(err, plumbing.ErrReferenceNotFound) {
				return plumbing.ZeroHash, fmt.Errorf("resolve HEAD: the repository has no commits")
			}
			return plumbing.ZeroHash, fmt.Errorf("resolve HEAD: %w", err)
		}
		return r.peel(ref.Hash())
	}
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if r.Shallow() {
			return plumbing.ZeroHash, fmt.Errorf("resolve %q: %w: %w", rev, err, ErrShallow)
		}
		return plumbing.ZeroHash, fmt.Errorf("resolve %q: %w", rev, err)
	}
	return *h, nil
}

// peel follows annotated tag objects to the commit they point at.
func (r *Repo) peel(h plumbing.Hash) (plumbing.Hash, error) {
	for range 16 {
		obj, err := r.git.Storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("read object %s: %w", h, err)
		}
		switch obj.Type() {
		case plumbing.CommitObject:
			return h, nil
		case plumbing.TagObject:
			t, err := object.DecodeTag(r.git.Storer, obj)
			if err != nil {
				return plumbing.ZeroHash, fmt.Errorf("read tag %s: %w", h, err)
			}
			h = t.Target
		default:
			return plumbing.ZeroHash, fmt.Errorf("object %s is a %s: %w", h, obj.Type(), errNotCommit)
		}
	}
	return plumbing.ZeroHash, fmt.Errorf("object %s: too many nested tags", h)
}

// TagPrefix returns the full prefix of release tags for opts:
// "<Path>/<Prefix>" or just Prefix.
func (o TagOptions) TagPrefix() string {
	p := strings.Trim(path.Clean("/"+strings.ReplaceAll(o.Path, "\\", "/")), "/")
	if p == "" || p == "." {
		return o.Prefix
	}
	return p + "/" + o.Prefix
}

// TagName returns the tag name of version v for opts.
func (o TagOptions) TagName(v *semver.Version) string { return o.TagPrefix() + v.String() }

// ParseTag returns the version a tag name carries under opts, or nil when
// the name is not a release tag (wrong prefix, not strict semver, or a
// prerelease when opts.Prerelease is false).
func (o TagOptions) ParseTag(name string) *semver.Version {
	rest, ok := strings.CutPrefix(name, o.TagPrefix())
	if !ok {
		return nil
	}
	v, err := semver.StrictNewVersion(rest)
	if err != nil {
		return nil
	}
	if v.Prerelease() != "" && !o.Prerelease {
		return nil
	}
	if o.Below != nil && !v.LessThan(o.Below) {
		return nil
	}
	return v
}

// tagRefs lists the repository's tag references once.
func (r *Repo) tagRefs() ([]*plumbing.Reference, error) {
	if r.refs != nil {
		return r.refs, nil
	}
	iter, err := r.git.Tags()
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	refs := []*plumbing.Reference{}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		refs = append(refs, ref)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	r.refs = refs
	return refs, nil
}

func (r *Repo) tags(opts TagOptions) ([]Tag, error) {
	refs, err := r.tagRefs()
	if err != nil {
		return nil, err
	}
	var out []Tag
	for _, ref := range refs {
		if err := r.addTag(&out, ref, opts); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Version.Compare(out[j].Version); c != 0 {
			return c > 0
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// addTag appends ref to out when it is a release tag under opts.
func (r *Repo) addTag(out *[]Tag, ref *plumbing.Reference, opts TagOptions) error {
	name := ref.Name().Short()
	v := opts.ParseTag(name)
	if v == nil {
		return nil
	}
	target, ok := r.peeled[ref.Hash()]
	if !ok {
		var err error
		target, err = r.peel(ref.Hash())
		switch {
		case errors.Is(err, errNotCommit) || errors.Is(err, plumbing.ErrObjectNotFound):
			// A tag of a tree or a blob is no release, and a tag whose
			// object this clone lacks cannot be placed in the history.
			target = plumbing.ZeroHash
		case err != nil:
			return fmt.Errorf("tag %s: %w", name, err)
		}
		if r.peeled == nil {
			r.peeled = map[plumbing.Hash]plumbing.Hash{}
		}
		r.peeled[ref.Hash()] = target
	}
	if target.IsZero() {
		return nil
	}
	*out = append(*out, Tag{Name: name, Version: v, SHA: target.String(), Annotated: target != ref.Hash()})
	return nil
}

// lastRelease walks the ancestry of rev once and looks each commit up in a
// map of tag targets; it stops as soon as the highest tag overall is found.
func (r *Repo) lastRelease(ctx context.Context, rev string, opts TagOptions) (*Tag, error) {
	start, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	all, err := r.tags(opts)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		if r.Shallow() {
			// A shallow checkout usually comes without tags, too.
			return nil, fmt.Errorf("find the last release tag %s*: no such tag in this clone: %w", opts.TagPrefix(), ErrShallow)
		}
		return nil, nil
	}
	byCommit := make(map[plumbing.Hash]int, len(all)) // best (lowest) index per commit
	for i := len(all) - 1; i >= 0; i-- {
		byCommit[plumbing.NewHash(all[i].SHA)] = i
	}
	best := -1
	boundary := false
	seen := map[plumbing.Hash]bool{start: true}
	stack := []plumbing.Hash{start}
	for n := 0; len(stack) > 0; n++ {
		if n&1023 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if i, ok := byCommit[h]; ok && (best < 0 || i < best) {
			best = i
			if best == 0 {
				break
			}
		}
		parents, err := r.parents(h)
		if err != nil {
			return nil, err
		}
		if r.shallow[h] && len(parents) > 0 {
			boundary = true
			continue
		}
		for _, p := range parents {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	if boundary && best != 0 {
		return nil, fmt.Errorf("find the last release tag %s*: %w", opts.TagPrefix(), ErrShallow)
	}
	if best < 0 {
		return nil, nil
	}
	t := all[best]
	return &t, nil
}

// parents returns the parent hashes of commit h, reading only the commit's
// header.
func (r *Repo) parents(h plumbing.Hash) ([]plumbing.Hash, error) {
	c, err := r.commit(h)
	if err != nil {
		return nil, err
	}
	return c.ParentHashes, nil
}

func (r *Repo) commit(h plumbing.Hash) (*object.Commit, error) {
	if c, ok := r.cache[h]; ok {
		return c, nil
	}
	obj, err := r.git.Storer.EncodedObject(plumbing.CommitObject, h)
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) && r.Shallow() {
			return nil, fmt.Errorf("read commit %s: %w", h, ErrShallow)
		}
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	c, err := object.DecodeCommit(r.git.Storer, obj)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	if r.cache == nil {
		r.cache = map[plumbing.Hash]*object.Commit{}
	}
	r.cache[h] = c
	return c, nil
}

// walk item flags.
const (
	flagSeen = 1 << iota
	flagUninteresting
)

type queueItem struct {
	hash        plumbing.Hash
	when        int64
	seq         int
	interesting bool // pushed as interesting
}

type commitQueue []queueItem

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	if q[i].when != q[j].when {
		return q[i].when > q[j].when
	}
	return q[i].seq < q[j].seq
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(queueItem)) }
func (q *commitQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// slop is how many more commits the walk takes once the queue holds only
// uninteresting commits older than every listed one, to tolerate dates out of
// order (git takes 5).
const slop = 16

// log lists To minus From by a commit-date ordered walk that paints the
// ancestry of From as uninteresting (git's rev-list algorithm): it stops once
// only uninteresting commits, all older than every listed commit, are queued
// (and a few more, for dates out of order), so a short range in a long
// history reads only a little more than the range.
func (r *Repo) log(ctx context.Context, opts LogOptions) ([]Commit, error) {
	to, err := r.resolve(opts.To)
	if err != nil {
		return nil, err
	}
	flags := map[plumbing.Hash]int{}
	q := &commitQueue{}
	seq := 0
	interesting := 0 // interesting items queued
	push := func(h plumbing.Hash, unint bool) error {
		c, err := r.commit(h)
		if err != nil {
			return err
		}
		f := flags[h] | flagSeen
		if unint {
			f |= flagUninteresting
		}
		flags[h] = f
		in := f&flagUninteresting == 0
		if in {
			interesting++
		}
		seq++
		heap.Push(q, queueItem{hash: h, when: c.Committer.When.Unix(), seq: seq, interesting: in})
		return nil
	}
	// markUninteresting paints h's already-seen ancestors uninteresting.
	markUninteresting := func(h plumbing.Hash) error {
		stack := []plumbing.Hash{h}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			c, err := r.commit(x)
			if err != nil {
				return err
			}
			for _, p := range c.ParentHashes {
				f := flags[p]
				if f&flagSeen == 0 || f&flagUninteresting != 0 {
					continue
				}
				flags[p] = f | flagUninteresting
				stack = append(stack, p)
			}
		}
		return nil
	}
	if opts.From != "" {
		from, err := r.resolve(opts.From)
		if err != nil {
			return nil, err
		}
		if err := push(from, true); err != nil {
			return nil, err
		}
	}
	if flags[to]&flagSeen == 0 {
		if err := push(to, false); err != nil {
			return nil, err
		}
	}
	var order []plumbing.Hash
	extra := slop
	oldest := int64(math.MaxInt64) // the oldest date among listed commits
	for n := 0; q.Len() > 0; n++ {
		if n&1023 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// Once only uninteresting commits are queued, keep painting while
		// the queue holds commits as recent as one already listed (one of
		// them may lead to it, as git's still_interesting reasons), then
		// a few more for dates out of order.
		if interesting == 0 {
			if (*q)[0].when >= oldest {
				extra = slop
			} else {
				if extra == 0 {
					break
				}
				extra--
			}
		}
		it := heap.Pop(q).(queueItem)
		// An item counts in "interesting" from its push to its pop, even
		// when painted uninteresting meanwhile: the walk then only goes a
		// little further.
		if it.interesting {
			interesting--
		}
		f := flags[it.hash]
		c, err := r.commit(it.hash)
		if err != nil {
			return nil, err
		}
		if f&flagUninteresting != 0 {
			if err := markUninteresting(it.hash); err != nil {
				return nil, err
			}
			if r.shallow[it.hash] {
				continue
			}
			for _, p := range c.ParentHashes {
				pf := flags[p]
				if pf&flagSeen != 0 {
					continue
				}
				if err := push(p, true); err != nil {
					if errors.Is(err, ErrShallow) {
						continue
					}
					return nil, err
				}
			}
			continue
		}
		order = append(order, it.hash)
		oldest = min(oldest, it.when)
		parents := c.ParentHashes
		if len(parents) > 0 && r.shallow[it.hash] {
			return nil, fmt.Errorf("list commits %s..%s: %w", opts.From, nameOr(opts.To, "HEAD"), ErrShallow)
		}
		if opts.FirstParent && len(parents) > 1 {
			parents = parents[:1]
		}
		for _, p := range parents {
			if flags[p]&flagSeen != 0 {
				continue
			}
			if err := push(p, false); err != nil {
				return nil, err
			}
		}
	}
	var out []Commit
	for _, h := range order {
		if flags[h]&flagUninteresting != 0 {
			continue
		}
		c := r.cache[h]
		if len(c.ParentHashes) > 1 && !opts.IncludeMerges {
			continue
		}
		if len(opts.Paths) > 0 {
			ok, err := r.touches(c, opts.Paths)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		out = append(out, Commit{
			SHA:         h.String(),
			Message:     c.Message,
			Author:      c.Author.Name,
			AuthorEmail: c.Author.Email,
			Date:        c.Author.When,
			Parents:     len(c.ParentHashes),
		})
	}
	return out, nil
}

func nameOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// touches reports whether c changes anything under one of paths compared
// with its first parent (or, for a root commit, whether anything exists
// there). It compares tree entry hashes from the root down and stops at the
// first level where they are equal, so most commits cost no tree read at all
// beyond the root.
func (r *Repo) touches(c *object.Commit, paths []string) (bool, error) {
	var parentTree plumbing.Hash
	if len(c.ParentHashes) > 0 {
		p, err := r.commit(c.ParentHashes[0])
		if err != nil {
			return false, err
		}
		parentTree = p.TreeHash
	}
	for _, raw := range paths {
		p := strings.Trim(path.Clean("/"+raw), "/")
		if p == "" || p == "." {
			return true, nil
		}
		changed, err := r.changed(c.TreeHash, parentTree, strings.Split(p, "/"))
		if err != nil || changed {
			return changed, err
		}
	}
	return false, nil
}

// changed reports whether the entries at path differ between the trees a and
// b (a zero hash is a missing tree).
func (r *Repo) changed(a, b plumbing.Hash, path []string) (bool, error) {
	for i, name := range path {
		if a == b {
			return false, nil
		}
		ea, err := r.entry(a, name)
		if err != nil {
			return false, err
		}
		eb, err := r.entry(b, name)
		if err != nil {
			return false, err
		}
		if i == len(path)-1 {
			return ea != eb, nil
		}
		a, b = ea.subtree(), eb.subtree()
	}
	return false, nil
}

type treeEntry struct {
	hash plumbing.Hash
	dir  bool
}

func (e treeEntry) subtree() plumbing.Hash {
	if e.dir {
		return e.hash
	}
	return plumbing.ZeroHash
}

// entry returns the entry name of tree h (zero when h is zero or has no
// such entry), decoding each tree once.
func (r *Repo) entry(h plumbing.Hash, name string) (treeEntry, error) {
	if h.IsZero() {
		return treeEntry{}, nil
	}
	t, ok := r.trees[h]
	if !ok {
		var err error
		if t, err = r.git.TreeObject(h); err != nil {
			return treeEntry{}, fmt.Errorf("read tree %s: %w", h, err)
		}
		if r.trees == nil || len(r.trees) > 4096 {
			r.trees = map[plumbing.Hash]*object.Tree{}
		}
		r.trees[h] = t
	}
	for _, e := range t.Entries {
		if e.Name == name {
			return treeEntry{hash: e.Hash, dir: e.Mode == filemode.Dir}, nil
		}
	}
	return treeEntry{}, nil
}

// entryAt returns the hash of the entry at path under tree h (zero when
// absent).
func (r *Repo) entryAt(h plumbing.Hash, path []string) (plumbing.Hash, error) {
	for i, name := range path {
		e, err := r.entry(h, name)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if i == len(path)-1 {
			return e.hash, nil
		}
		h = e.subtree()
	}
	return plumbing.ZeroHash, nil
}
