// Package gitscan produces what a git repository's commits added, for secret scanning, with
// go-git only (no git binary), and the files of a plain directory tree.
//
// For each selected commit, gitscan diffs its tree against its first parent's (a root commit
// against the empty tree) and yields, for every added or modified regular file, the runs of
// lines that the commit added, with their 1-based line numbers in the new file. Deleted files,
// symbolic links and submodules add nothing.
//
// Each blob is scanned at most once per path, at the first commit (in topological order,
// parents first) that brings it there: a later commit that brings the same blob to the same path
// again (a revert, a cherry-pick, a rebased copy of a branch, a merge taking one side) adds
// nothing, and neither does a rename (the blob leaves its former path in that commit); a copy to
// a new path is new content at that path. So a secret is reported once per file, at the commit
// that introduced it, and a secret committed then deleted is still found.
//
// Merge commits: a file is examined only when its blob differs from every parent's; its added
// lines are the lines found in no parent's version (a conflict resolution or an "evil merge").
// Changes that a merge only brings from one side were scanned in that side's commits.
//
// Lines are compared as multisets of line hashes, not with an edit script: a line moved inside a
// file is not "added". Work runs on a bounded pool of workers. Memory does not grow with the
// history: commits are read newest first, the order in which git packs objects and chains their
// deltas, so small caches (bounded, and smaller for small repositories) resolve each delta chain
// about once; only delta bases are cached; pack data is read with positioned reads into small
// buffers, not mapped; and blobs over the size limit are never read. What grows with the history
// is one small record per commit and per distinct file version (see scanCommits).
package gitscan

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
	"golang.org/x/sync/errgroup"
)

// Options tunes a scan.
type Options struct {
	// MaxFileSize skips files larger than this many bytes (counted in Stats). 0: no limit.
	MaxFileSize int64
	// Workers is the number of goroutines per stage; 0 means GOMAXPROCS.
	Workers int
	// SkipPath, when set, excludes files whose slash-separated path it accepts (counted).
	SkipPath func(path string) bool
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Change is the added content of one file in one commit. Content and the spans are only valid
// during the callback that receives them.
type Change struct {
	Commit *Commit // nil when scanning files
	// Order is the commit's position in topological order (0 first): when the same finding
	// comes from several changes, the lowest Order introduced it.
	Order   int
	Path    string
	Content []byte // the whole new content of the file
	Spans   []Span // the added runs of lines of Content
}

// Text returns the bytes of a span.
func (c Change) Text(s Span) []byte { return c.Content[s.Start:s.End] }

// Stats counts what a scan covered.
type Stats struct {
	Commits        int   // commits selected
	Files          int   // file versions scanned
	Bytes          int64 // bytes of added text scanned
	SkippedBinary  int   // file versions skipped as binary
	SkippedLarge   int   // file versions skipped as larger than MaxFileSize
	SkippedMissing int   // blobs absent from the repository (partial clones)
	SkippedPath    int   // file versions excluded by SkipPath
	ShallowCommits int   // commits whose parents are absent, diffed against the empty tree
}

// Skipped returns the number of file versions not scanned for their size, binary content or
// absence.
func (s Stats) Skipped() int { return s.SkippedBinary + s.SkippedLarge + s.SkippedMissing }

type counters struct {
	files, binary, large, missing, path atomic.Int64
	bytes                               atomic.Int64
}

// Scan yields what the selected commits added. fn is called from several goroutines at once.
func (r *Repo) Scan(ctx context.Context, sel Selection, opts Options, fn func(Change)) (Stats, error) {
	commits, hist, err := r.selectCommits(ctx, sel)
	if err != nil {
		return Stats{}, err
	}
	stats := Stats{Commits: len(commits)}
	for _, c := range commits {
		if c.missingParents {
			stats.ShallowCommits++
		}
	}
	var cnt counters
	err = r.scanCommits(ctx, commits, hist, opts, fn, &cnt)
	stats.Files = int(cnt.files.Load())
	stats.Bytes = cnt.bytes.Load()
	stats.SkippedBinary = int(cnt.binary.Load())
	stats.SkippedLarge = int(cnt.large.Load())
	stats.SkippedMissing = int(cnt.missing.Load())
	stats.SkippedPath = int(cnt.path.Load())
	return stats, err
}

// blobJob is a file version to scan: the blob new brought to path by commit idx, whose first
// parent had old there (zero: none). It is what a scan keeps per file version of the history
// (52 bytes), so the rare rest is kept aside: the other parents' versions of a merge, and the
// paths where the same blob was scanned before (see linkCopies).
type blobJob struct {
	new, old plumbing.Hash
	idx      int32
	path     uint32 // in the table of paths
	extra    uint32 // 1 + index in the table of extras; 0: none
}

type jobExtra struct {
	olds   []plumbing.Hash // the versions in the parents after the first (a merge)
	seenAt []uint32        // paths where the blob was scanned before
}

// jobTable holds the jobs of a scan with the paths and extras they refer to. A path is stored
// once, however many versions it has.
type jobTable struct {
	jobs   []blobJob
	paths  []string
	pathID map[string]uint32 // while jobs are added
	extras []jobExtra
}

// intern adds a path to the table.
func (t *jobTable) intern(path string) uint32 {
	id := uint32(len(t.paths))
	t.pathID[path] = id
	t.paths = append(t.paths, path)
	return id
}

// add adds the job of a change of commit idx, whose path has the given id.
func (t *jobTable) add(idx int, id uint32, fc fileChange) {
	j := blobJob{new: fc.new, idx: int32(idx), path: id}
	if len(fc.olds) > 0 {
		j.old = fc.olds[0]
	}
	if len(fc.olds) > 1 {
		t.extras = append(t.extras, jobExtra{olds: fc.olds[1:]})
		j.extra = uint32(len(t.extras))
	}
	t.jobs = append(t.jobs, j)
}

// change returns the fileChange of job j.
func (t *jobTable) change(j blobJob) fileChange {
	fc := fileChange{path: t.paths[j.path], new: j.new}
	if !j.old.IsZero() {
		fc.olds = []plumbing.Hash{j.old}
	}
	if j.extra > 0 {
		x := t.extras[j.extra-1]
		fc.olds = append(fc.olds, x.olds...)
		for _, p := range x.seenAt {
			fc.seenAt = append(fc.seenAt, t.paths[p])
		}
	}
	return fc
}

// keepFirst keeps, of the jobs that bring the same blob to the same path, the one of the
// earliest commit (topological order, parents first): there the blob was new at that path, and
// in later commits it adds nothing there (a revert, a cherry-pick, a rebased branch, a merge).
// Then it links copies (see linkCopies) and sorts the jobs by path, then commit.
func (t *jobTable) keepFirst() {
	slices.SortFunc(t.jobs, func(a, b blobJob) int {
		return cmp.Or(bytes.Compare(a.new[:], b.new[:]), cmp.Compare(a.path, b.path), cmp.Compare(a.idx, b.idx))
	})
	t.jobs = slices.CompactFunc(t.jobs, func(a, b blobJob) bool { return a.new == b.new && a.path == b.path })
	t.linkCopies()
	slices.SortFunc(t.jobs, func(a, b blobJob) int { return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.idx, b.idx)) })
}

// linkCopies records, for each job whose blob appears at several paths, the paths where it
// appeared in earlier commits (seenAt): there it was scanned already, and the job is a rename
// or a copy, which the blob worker tells apart. The jobs are sorted by blob.
func (t *jobTable) linkCopies() {
	for start := 0; start < len(t.jobs); {
		end := start + 1
		for end < len(t.jobs) && t.jobs[end].new == t.jobs[start].new {
			end++
		}
		if end-start > 1 {
			group := t.jobs[start:end]
			slices.SortFunc(group, func(a, b blobJob) int { return cmp.Compare(a.idx, b.idx) })
			paths := make([]uint32, len(group))
			for k := range group {
				paths[k] = group[k].path
				if k == 0 {
					continue
				}
				if group[k].extra == 0 {
					t.extras = append(t.extras, jobExtra{})
					group[k].extra = uint32(len(t.extras))
				}
				t.extras[group[k].extra-1].seenAt = paths[:k:k]
			}
		}
		start = end
	}
}

// cacheBudget is what one worker's caches may hold (see budgetFor).
type cacheBudget struct {
	diff        int // bytes of resolved trees, per tree-diff worker
	blob        int // bytes of resolved blobs up to a quarter of it, per blob worker
	big         int // bytes of larger resolved blobs, per blob worker (one blob at least)
	free        int // bytes of buffers kept to use again, per worker
	treeEntries int // entries of parsed trees, per tree-diff worker (about 100 bytes each)
}

// Memory bounds of a scan, for all its workers together, so that the fixed part of a scan's
// memory does not grow with the number of cores: bounded per worker, the caches made vue core's
// peak 109 to 113 MB with 4 workers and 164 to 174 MB with 8, against 78 to 85 MB with 2. They
// are a share of the packs on a small repository.
//
// A history is read newest first, the order in which git writes its packs and chains its deltas
// (a file's newest version whole, each older one a delta against the next newer), so a resolved
// object is needed again soon or never: small caches keep every delta chain resolved about once.
// Blob workers go one path after the other, so each version is resolved from the one read just
// before: 2 MB of blobs per worker takes as little CPU as 8 MB did on vue core and cargo, and
// half of that cost 0 to 6% more. Large objects (over a quarter of a worker's blob cache) have
// their own cache: actions/setup-node's 3.6 MB bundle, 501 versions with 260 MB of deltas, took
// 19 s of CPU with one large object cached, 12 s with 8 MB, 10 s with 16. On a small repository
// smaller shares save nothing: on ripgrep, caches of a 16th of the packs instead of a 4th took
// 7% more CPU and no less memory, since an object resolved again is garbage that raises the
// heap between collections as much as a cached one.
const (
	diffCacheTotal   = 8 << 20  // resolved trees; an 8th of the packs, at least 2 MB
	blobCacheTotal   = 4 << 20  // resolved blobs; a 4th of the packs, at least 2 MB
	bigCacheTotal    = 32 << 20 // resolved blobs over a quarter of a worker's blob cache; a 4th of the packs
	freeTotal        = 2 << 20  // buffers to use again
	treeEntriesTotal = 32 << 10 // entries of parsed trees, about 100 bytes each
	// What each worker keeps at least, however many workers share the budget.
	minCache       = 256 << 10
	minTreeEntries = 2 << 10
)

// budgetFor shares the bounds above among workers, for packs of packBytes.
func budgetFor(packBytes, workers int) cacheBudget {
	w := max(workers, 1)
	return cacheBudget{
		diff:        max(min(diffCacheTotal, max(packBytes/8, 2<<20))/w, minCache),
		blob:        max(min(blobCacheTotal, max(packBytes/4, 2<<20))/w, minCache),
		big:         min(bigCacheTotal, packBytes/4) / w,
		free:        max(freeTotal/w, minCache),
		treeEntries: max(treeEntriesTotal/w, minTreeEntries),
	}
}

func (r *Repo) scanCommits(ctx context.Context, commits []*node, hist *commitTable, opts Options, fn func(Change), cnt *counters) error {
	w := opts.workers()
	var packBytes int
	for _, p := range r.ps.packs {
		p.findBases()
		packBytes += int(p.size)
	}
	budget := budgetFor(packBytes, w)
	// The tree of every selected commit, so that diffing needs no parent commit read.
	trees := newCommitIndex(commits)

	// Phase 1: the tree diff of every commit, in parallel, newest first.
	type diffResult struct {
		idx     int
		changes []fileChange
	}
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan int, w)
	results := make(chan diffResult, w)
	g.Go(func() error {
		defer close(jobs)
		for i := len(commits) - 1; i >= 0; i-- {
			select {
			case jobs <- i:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	var differs sync.WaitGroup
	for range w {
		differs.Add(1)
		g.Go(func() error {
			defer differs.Done()
			rd := r.ps.reader(budget.diff, 0, budget.free)
			defer rd.Close()
			o := newObjects(rd, budget.treeEntries)
			o.commitTrees = trees
			for i := range jobs {
				fcs, err := o.commitChanges(commits[i])
				if err != nil {
					return fmt.Errorf("commit %s: %w", commits[i].hash, err)
				}
				select {
				case results <- diffResult{idx: i, changes: fcs}:
				case <-gctx.Done():
					return gctx.Err()
				}
			}
			return nil
		})
	}
	go func() { differs.Wait(); close(results) }()

	// Phase 2: collect the changes as jobs, then keep the first appearance of each blob at each
	// path (keepFirst).
	t := &jobTable{pathID: map[string]uint32{}}
	var skip []bool // by path
	g.Go(func() error {
		for res := range results {
			for _, fc := range res.changes {
				id, ok := t.pathID[fc.path]
				if !ok {
					id = t.intern(fc.path)
					skip = append(skip, opts.SkipPath != nil && opts.SkipPath(fc.path))
				}
				if skip[id] {
					cnt.path.Add(1)
					continue
				}
				t.add(res.idx, id, fc)
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	t.pathID, skip = nil, nil
	t.keepFirst()

	// Phase 3: read blobs and find added lines, in parallel. Each worker takes the blobs of its
	// paths, one path after the other, newest version first: the order of git's delta chains, so
	// that each version is resolved from the one read just before, and each version read as a
	// job's parent version is the next job's new version (see scanBlob).
	g, gctx = errgroup.WithContext(ctx)
	for i := range w {
		g.Go(func() error {
			rd := r.ps.reader(budget.blob, budget.big, budget.free)
			defer rd.Close()
			// A blob worker looks trees up only to tell a rename from a copy (renamed): the
			// smallest share of parsed trees serves it as well as the tree differs' share
			// (semantic-release's peak 1.5 MB lower, the same CPU on vue core and cargo).
			o := newObjects(rd, minTreeEntries)
			o.commitTrees = trees
			n := 0
			for k := len(t.jobs) - 1; k >= 0; k-- {
				job := t.jobs[k]
				if int(job.path)%w != i {
					continue
				}
				if n++; n%64 == 0 {
					if err := gctx.Err(); err != nil {
						return err
					}
				}
				if err := o.scanBlob(hist, commits[job.idx], int(job.idx), t.change(job), opts, fn, cnt); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// commitChanges lists the files a commit changed, as described in the package comment.
func (o *objects) commitChanges(c *node) ([]fileChange, error) {
	var first plumbing.Hash
	if len(c.parents) > 0 && !c.missingParents {
		pc, err := o.parentTree(c.parents[0])
		if err != nil {
			return nil, err
		}
		first = pc
	}
	changes, err := o.diffTrees("", first, c.tree, nil)
	if err != nil || len(c.parents) < 2 || c.missingParents {
		return changes, err
	}
	// A merge: keep files that differ from every parent, and compare with all of them.
	others := make([]plumbing.Hash, 0, len(c.parents)-1)
	for _, p := range c.parents[1:] {
		t, err := o.parentTree(p)
		if err != nil {
			return nil, err
		}
		others = append(others, t)
	}
	kept := changes[:0]
outer:
	for _, fc := range changes {
		for _, t := range others {
			e, ok, err := o.lookupPath(t, fc.path)
			if err != nil {
				return nil, err
			}
			if !ok || !isFile(e.mode) {
				continue
			}
			if e.hash == fc.new {
				continue outer
			}
			fc.olds = append(fc.olds, e.hash)
		}
		kept = append(kept, fc)
	}
	return kept, nil
}

func (o *objects) parentTree(h plumbing.Hash) (plumbing.Hash, error) {
	if c := o.commitTrees.find(h); c != nil {
		return c.tree, nil
	}
	typ, data, err := o.r.object(h, 0)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read parent %s: %w", h, err)
	}
	if typ != plumbing.CommitObject {
		return plumbing.ZeroHash, fmt.Errorf("read parent %s: a %s", h, typ)
	}
	c, err := parseCommit(data)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read parent %s: %w", h, err)
	}
	return c.tree, nil
}

// renamed reports whether the commit moved the blob of fc from one of the paths where it was
// scanned before: that path held the blob in the first parent and no longer does.
func (o *objects) renamed(c *node, fc fileChange) (bool, error) {
	if len(fc.seenAt) == 0 || len(c.parents) == 0 || c.missingParents {
		return false, nil
	}
	parent, err := o.parentTree(c.parents[0])
	if err != nil {
		return false, err
	}
	for _, p := range fc.seenAt {
		before, ok, err := o.lookupPath(parent, p)
		if err != nil {
			return false, err
		}
		if !ok || before.hash != fc.new {
			continue
		}
		now, ok, err := o.lookupPath(c.tree, p)
		if err != nil {
			return false, err
		}
		if !ok || now.hash != fc.new {
			return true, nil
		}
	}
	return false, nil
}

func (o *objects) scanBlob(hist *commitTable, c *node, idx int, fc fileChange, opts Options, fn func(Change), cnt *counters) error {
	if renamed, err := o.renamed(c, fc); err != nil || renamed {
		return err // a rename brings nothing new: the content was scanned at its former path
	}
	content, owned, err := o.carried(fc.new, opts.MaxFileSize)
	var tooLarge errTooLarge
	switch {
	case errors.Is(err, plumbing.ErrObjectNotFound):
		cnt.missing.Add(1)
		return nil
	case errors.As(err, &tooLarge):
		cnt.large.Add(1)
		return nil
	case err != nil:
		return err
	}
	// The buffers are given back once scanned: fn may not keep Content.
	defer o.recycle(content, owned)
	if IsBinary(content) {
		cnt.binary.Add(1)
		return nil
	}
	var olds [][]byte
	for i, h := range fc.olds {
		old, owned, err := o.blob(h, opts.MaxFileSize)
		if errors.Is(err, plumbing.ErrObjectNotFound) || errors.As(err, &tooLarge) {
			continue
		}
		if err != nil {
			return err
		}
		if i == 0 {
			// The first parent's version is, in the order of the jobs, the next job's new
			// version: it is carried over to it, once this one is done.
			defer o.carry(h, old, owned)
		} else {
			defer o.recycle(old, owned)
		}
		if IsBinary(old) {
			continue // compare with nothing: every line of new is added
		}
		olds = append(olds, old)
	}
	var spans []Span
	if len(fc.olds) == 0 {
		spans = wholeSpan(content)
	} else {
		spans = o.lines.added(content, olds)
	}
	cnt.files.Add(1)
	if len(spans) == 0 {
		return nil
	}
	var n int64
	for _, s := range spans {
		n += int64(s.End - s.Start)
	}
	cnt.bytes.Add(n)
	if o.lastNode != c {
		o.last, o.lastNode = hist.commit(c), c
	}
	fn(Change{Commit: o.last, Order: idx, Path: fc.path, Content: content, Spans: spans})
	return nil
}

// carried returns blob h as blob does, taking it from the blob carried over from the last job
// when it is that one; another carried blob is given back.
func (o *objects) carried(h plumbing.Hash, maxSize int64) ([]byte, bool, error) {
	c := o.next
	o.next = carriedBlob{}
	if c.data != nil && c.hash == h {
		return c.data, c.owned, nil
	}
	o.recycle(c.data, c.owned)
	return o.blob(h, maxSize)
}

// carry keeps a blob read for this job for the next one (see carried).
func (o *objects) carry(h plumbing.Hash, data []byte, owned bool) {
	o.recycle(o.next.data, o.next.owned)
	o.next = carriedBlob{hash: h, data: data, owned: owned}
}

// commitIndex finds the selected commits by hash: their positions sorted by hash, 4 bytes a
// commit where a map from hash to tree took about 60 (1.5 MB on vue core's 26,639 commits), for
// the whole scan.
type commitIndex struct {
	commits []*node
	byHash  []int32
}

func newCommitIndex(commits []*node) *commitIndex {
	x := &commitIndex{commits: commits, byHash: make([]int32, len(commits))}
	for i := range x.byHash {
		x.byHash[i] = int32(i)
	}
	slices.SortFunc(x.byHash, func(a, b int32) int {
		return bytes.Compare(commits[a].hash[:], commits[b].hash[:])
	})
	return x
}

// find returns the selected commit h, or nil.
func (x *commitIndex) find(h plumbing.Hash) *node {
	if x == nil {
		return nil
	}
	i, ok := slices.BinarySearchFunc(x.byHash, h, func(i int32, h plumbing.Hash) int {
		return bytes.Compare(x.commits[i].hash[:], h[:])
	})
	if !ok {
		return nil
	}
	return x.commits[x.byHash[i]]
}
