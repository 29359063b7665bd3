package gitscan

import (
	"bufio"
	"container/list"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/klauspost/compress/zlib"
)

// packSet reads objects straight from a repository's pack files, which is several times faster
// than going through go-git's object storage for the one-pass, read-everything access of a
// history scan: no object hashing, no per-object allocations of decompressors, and a cache of
// resolved delta bases that fits reading a file's versions in order. One packSet is shared by
// every worker; each worker has its own reader state (packReader). Loose objects are read from
// their files (see loose).
//
// Pack data is read with positioned reads into a small buffer per worker, not mapped: a scan
// reads a few hundred bytes of each of hundreds of thousands of objects scattered over the
// packs, and every page of a mapping read makes the kernel map the window of up to 64 KiB around
// it (fault-around), so a mapped pack soon becomes resident whole, and giving its pages back
// as often as a memory bound needs makes the scan fault them in again, at more cost than a read
// per object. The indexes are mapped (a lookup reads a few of their pages; they are about 4% of
// the packs' size).
type packSet struct {
	gitDir string
	dirs   []string // the object directories: the repository's, then its alternates
	packs  []*pack
}

type pack struct {
	f    *os.File
	size int64
	idx  *packIndex
	// bases are the sorted offsets of the objects that some delta of this pack is based on:
	// only those are worth caching once resolved (the others are asked for at most once or
	// twice in a row, and a cache full of them would evict the bases). Nil until findBases.
	bases     []int64
	basesOnce sync.Once
}

// findBases lists the offsets of the delta bases of p, from the object headers alone
// (nothing is inflated), reading the pack once from start to end.
func (p *pack) findBases() {
	p.basesOnce.Do(func() {
		offsets := make([]int64, 0, p.idx.n)
		for i := range p.idx.n {
			if off, ok := p.idx.offset(i); ok && off >= 0 && off < p.size {
				offsets = append(offsets, off)
			}
		}
		slices.Sort(offsets)
		// The pack is read in order through a counting reader, skipping from header to header.
		cr := countingReader{br: bufio.NewReaderSize(&offsetReader{f: p.f}, 256<<10)}
		var out []int64
		for _, off := range offsets {
			if n, err := cr.br.Discard(int(off - cr.n)); err != nil {
				break
			} else {
				cr.n += int64(n)
			}
			typ, _, err := readHeader(&cr)
			if err != nil {
				continue
			}
			switch typ {
			case plumbing.OFSDeltaObject:
				if rel, err := readOffset(&cr); err == nil && rel <= off {
					out = append(out, off-rel)
				}
			case plumbing.REFDeltaObject:
				var h plumbing.Hash
				if _, err := io.ReadFull(&cr, h[:]); err != nil {
					continue
				}
				if base, ok := p.idx.find(h); ok {
					out = append(out, base)
				}
			}
		}
		slices.Sort(out)
		p.bases = slices.Clip(slices.Compact(out))
	})
}

// countingReader counts the bytes read from br.
type countingReader struct {
	br *bufio.Reader
	n  int64
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.br.Read(b)
	c.n += int64(n)
	return n, err
}

// offsetReader reads a file from an offset on, with positioned reads (safe to share the file
// between goroutines).
type offsetReader struct {
	f   *os.File
	off int64
}

func (o *offsetReader) Read(b []byte) (int, error) {
	n, err := o.f.ReadAt(b, o.off)
	o.off += int64(n)
	if n > 0 && errors.Is(err, io.EOF) {
		err = nil // the next Read reports it
	}
	return n, err
}

// isBase reports whether the object at off is the base of a delta (false before findBases).
func (p *pack) isBase(off int64) bool {
	_, ok := slices.BinarySearch(p.bases, off)
	return ok
}

func openPacks(gitDir string) (*packSet, error) {
	ps := &packSet{gitDir: gitDir}
	dirs := []string{filepath.Join(gitDir, "objects")}
	// objects/info/alternates lists further object directories.
	if b, err := os.ReadFile(filepath.Join(gitDir, "objects", "info", "alternates")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !filepath.IsAbs(line) {
				line = filepath.Join(gitDir, "objects", line)
			}
			dirs = append(dirs, line)
		}
	}
	ps.dirs = dirs
	for _, dir := range dirs {
		idxs, _ := filepath.Glob(filepath.Join(dir, "pack", "pack-*.idx"))
		for _, idxPath := range idxs {
			p, err := openPack(idxPath)
			if err != nil {
				ps.Close()
				return nil, err
			}
			ps.packs = append(ps.packs, p)
		}
	}
	return ps, nil
}

func openPack(idxPath string) (*pack, error) {
	idx, err := openIndex(idxPath)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(strings.TrimSuffix(idxPath, ".idx") + ".pack")
	if err != nil {
		_ = idx.close()
		return nil, fmt.Errorf("open pack: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		_ = idx.close()
		_ = f.Close()
		return nil, fmt.Errorf("open pack: %w", err)
	}
	return &pack{f: f, size: fi.Size(), idx: idx}, nil
}

// Close closes the pack files.
func (ps *packSet) Close() error {
	var errs []error
	for _, p := range ps.packs {
		errs = append(errs, p.f.Close(), p.idx.close())
	}
	return errors.Join(errs...)
}

// packReader is one worker's access to a packSet.
type packReader struct {
	ps        *packSet
	zr        io.ReadCloser
	src       offsetReader
	br        *bufio.Reader // reads src
	cache     *baseCache
	free      [][]byte // buffers to use again (see buf), at most maxFree bytes of them
	freeBytes int
	maxFree   int
}

// reader returns a reader whose cache holds up to cacheBytes of objects up to a quarter of
// that, and bigBytes of larger ones, and which keeps up to freeBytes of buffers to use again.
func (ps *packSet) reader(cacheBytes, bigBytes, freeBytes int) *packReader {
	r := &packReader{
		ps:      ps,
		cache:   newBaseCache(cacheBytes, bigBytes),
		maxFree: freeBytes,
	}
	r.br = bufio.NewReaderSize(&r.src, readBuffer)
	return r
}

// readBuffer is the size of each positioned read of pack data: most objects take a few hundred
// bytes in a pack, and a larger one is read in several.
const readBuffer = 4 << 10

func (r *packReader) Close() error { return nil }

// errTooLarge reports an object larger than the size asked for; its size is known.
type errTooLarge struct{ size int64 }

func (e errTooLarge) Error() string { return fmt.Sprintf("object of %d bytes is too large", e.size) }

// object returns an object's type and content. When maxSize > 0 and the object is larger, it
// returns errTooLarge without inflating it. The content may be shared with the reader's cache:
// it is never modified.
func (r *packReader) object(h plumbing.Hash, maxSize int64) (plumbing.ObjectType, []byte, error) {
	typ, data, _, err := r.objectOwned(h, maxSize)
	return typ, data, err
}

// objectOwned is object, and reports whether the content is the caller's alone (not cached):
// then the caller may give its buffer back with recycle once done with it.
func (r *packReader) objectOwned(h plumbing.Hash, maxSize int64) (plumbing.ObjectType, []byte, bool, error) {
	for i, p := range r.ps.packs {
		if off, ok := p.idx.find(h); ok {
			return r.at(i, off, maxSize)
		}
	}
	typ, data, err := r.loose(h, maxSize)
	return typ, data, err == nil, err
}

// loose reads a loose object: objects/xx/yyyy... in the repository's object directory or an
// alternate, zlib-compressed "<type> <size>\x00<content>". The packs were searched before. It
// does not go through go-git's storage: asked for an object it finds neither loose nor in its
// packs (a blob that a partial clone lacks), go-git decodes every pack index into its heap, 28
// bytes an object (775 kB for codecov-action's pack, for each worker that asked).
func (r *packReader) loose(h plumbing.Hash, maxSize int64) (plumbing.ObjectType, []byte, error) {
	name := h.String()
	for _, dir := range r.ps.dirs {
		f, err := os.Open(filepath.Join(dir, name[:2], name[2:]))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return plumbing.InvalidObject, nil, err
		}
		typ, data, err := readLoose(f, maxSize)
		_ = f.Close()
		if err != nil {
			return typ, nil, fmt.Errorf("loose object %s: %w", name, err)
		}
		return typ, data, nil
	}
	return plumbing.InvalidObject, nil, plumbing.ErrObjectNotFound
}

// readLoose inflates a loose object's file; errTooLarge when maxSize > 0 and it is larger.
func readLoose(f io.Reader, maxSize int64) (plumbing.ObjectType, []byte, error) {
	zr, err := zlib.NewReader(bufio.NewReaderSize(f, readBuffer))
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 64)
	header, err := br.ReadSlice(0)
	if err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("bad header: %w", err)
	}
	kind, size, ok := strings.Cut(string(header[:len(header)-1]), " ")
	n, err := strconv.ParseInt(size, 10, 64)
	if !ok || err != nil || n < 0 {
		return plumbing.InvalidObject, nil, fmt.Errorf("bad header %q", header)
	}
	typ, err := plumbing.ParseObjectType(kind)
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	if maxSize > 0 && n > maxSize {
		return typ, nil, errTooLarge{n}
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(br, data); err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("inflate: %w", err)
	}
	return typ, data, nil
}

type cacheKey struct {
	pack int
	off  int64
}

// at reads the object at offset off of pack pi, resolving deltas; owned reports that the
// content is not cached (see objectOwned).
func (r *packReader) at(pi int, off int64, maxSize int64) (typ plumbing.ObjectType, data []byte, owned bool, err error) {
	if e, ok := r.cache.get(cacheKey{pi, off}); ok {
		if maxSize > 0 && int64(len(e.data)) > maxSize {
			return e.typ, nil, false, errTooLarge{int64(len(e.data))}
		}
		return e.typ, e.data, false, nil
	}
	p := r.ps.packs[pi]
	if off < 0 || off >= p.size {
		return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: offset out of range", off)
	}
	r.src = offsetReader{f: p.f, off: off}
	r.br.Reset(&r.src)
	typ, size, err := readHeader(r.br)
	if err != nil {
		return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: %w", off, err)
	}
	switch typ {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
		if maxSize > 0 && size > maxSize {
			return typ, nil, false, errTooLarge{size}
		}
		data, err := r.inflateInto(r.buf(size))
		if err != nil {
			return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: %w", off, err)
		}
		return typ, data, !r.keep(p, cacheKey{pi, off}, typ, data), nil
	case plumbing.OFSDeltaObject, plumbing.REFDeltaObject:
		var baseOff int64
		var baseHash plumbing.Hash
		if typ == plumbing.OFSDeltaObject {
			rel, err := readOffset(r.br)
			if err != nil {
				return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: %w", off, err)
			}
			baseOff = off - rel
		} else {
			if _, err := io.ReadFull(r.br, baseHash[:]); err != nil {
				return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: %w", off, err)
			}
		}
		delta, err := r.inflateInto(r.buf(size)) // before the base is read, with r.br
		defer r.recycle(delta)
		if err != nil {
			return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: %w", off, err)
		}
		target := deltaTargetSize(delta)
		if maxSize > 0 && target > maxSize {
			// The type is the base's; reading it is what this check avoids, so callers get
			// the size only (they asked for blobs or trees, and only blobs are that large).
			return plumbing.BlobObject, nil, false, errTooLarge{target}
		}
		var btyp plumbing.ObjectType
		var base []byte
		var baseOwned bool
		if typ == plumbing.OFSDeltaObject {
			btyp, base, baseOwned, err = r.at(pi, baseOff, 0)
		} else {
			btyp, base, baseOwned, err = r.objectOwned(baseHash, 0)
		}
		if err != nil {
			return plumbing.InvalidObject, nil, false, err
		}
		data, err := patchDelta(base, delta, r.buf(target)[:0])
		if baseOwned {
			r.recycle(base)
		}
		if err != nil {
			return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: %w", off, err)
		}
		return btyp, data, !r.keep(p, cacheKey{pi, off}, btyp, data), nil
	default:
		return plumbing.InvalidObject, nil, false, fmt.Errorf("pack object at %d: bad type %d", off, typ)
	}
}

// Buffers of objects and deltas that are garbage once used (a delta once applied, a base once
// patched, a blob once scanned) are used again: resolving a history's blobs otherwise allocates
// many times the size of the repository, and the collector's work, and the heap's growth
// between collections, are proportional to that. The buffers kept are bounded in number,
// size and total (the reader's maxFree, its share of the scan's budget).
const (
	maxFreeBuffers = 16
	maxFreeSize    = 256 << 10
)

// buf returns a buffer of length size, used before when one fits: at most twice as large, as
// the buffer may end up in the cache, which counts lengths.
func (r *packReader) buf(size int64) []byte {
	best := -1
	for i, b := range r.free {
		if c := int64(cap(b)); c >= size && c <= 2*size+512 && (best < 0 || cap(b) < cap(r.free[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]byte, size, max(size, 512))
	}
	b := r.free[best]
	r.free[best] = r.free[len(r.free)-1]
	r.free = r.free[:len(r.free)-1]
	r.freeBytes -= cap(b)
	return b[:size]
}

// recycle gives back a buffer that nothing refers to any more.
func (r *packReader) recycle(b []byte) {
	if cap(b) == 0 || cap(b) > min(maxFreeSize, r.maxFree) {
		return
	}
	for len(r.free) > 0 && (len(r.free) == maxFreeBuffers || r.freeBytes+cap(b) > r.maxFree) {
		// Drop the smallest buffer, unless b is smaller: a small one is cheap to allocate.
		i := 0
		for j := range r.free {
			if cap(r.free[j]) < cap(r.free[i]) {
				i = j
			}
		}
		if cap(r.free[i]) >= cap(b) {
			return
		}
		r.freeBytes -= cap(r.free[i])
		r.free[i] = r.free[len(r.free)-1]
		r.free = r.free[:len(r.free)-1]
	}
	r.free = append(r.free, b)
	r.freeBytes += cap(b)
}

// keep caches a resolved object when it is a delta base (or when the bases are not known),
// and reports whether it did.
func (r *packReader) keep(p *pack, k cacheKey, typ plumbing.ObjectType, data []byte) bool {
	if p.bases == nil || p.isBase(k.off) {
		return r.cache.put(k, typ, data)
	}
	return false
}

// inflateInto inflates the object data at the reader's position into data, whose length is
// the object's declared size.
func (r *packReader) inflateInto(data []byte) ([]byte, error) {
	if r.zr == nil {
		zr, err := zlib.NewReader(r.br)
		if err != nil {
			return nil, err
		}
		r.zr = zr
	} else if err := r.zr.(zlib.Resetter).Reset(r.br, nil); err != nil {
		return nil, err
	}
	if _, err := io.ReadFull(r.zr, data); err != nil {
		return nil, fmt.Errorf("inflate: %w", err)
	}
	return data, nil
}

func readHeader(br io.ByteReader) (plumbing.ObjectType, int64, error) {
	b, err := br.ReadByte()
	if err != nil {
		return 0, 0, err
	}
	typ := plumbing.ObjectType((b >> 4) & 7)
	size := int64(b & 15)
	shift := 4
	for b&0x80 != 0 {
		if b, err = br.ReadByte(); err != nil {
			return 0, 0, err
		}
		size |= int64(b&0x7f) << shift
		shift += 7
		if shift > 62 {
			return 0, 0, errors.New("bad object size")
		}
	}
	return typ, size, nil
}

func readOffset(br io.ByteReader) (int64, error) {
	b, err := br.ReadByte()
	if err != nil {
		return 0, err
	}
	off := int64(b & 0x7f)
	for b&0x80 != 0 {
		if b, err = br.ReadByte(); err != nil {
			return 0, err
		}
		off = ((off + 1) << 7) | int64(b&0x7f)
		if off < 0 {
			return 0, errors.New("bad delta offset")
		}
	}
	return off, nil
}

// deltaTargetSize reads the target size from a delta's header (source size, then target size,
// both LEB128).
func deltaTargetSize(delta []byte) int64 {
	read := func() int64 {
		var v int64
		for shift := 0; len(delta) > 0 && shift < 63; shift += 7 {
			b := delta[0]
			delta = delta[1:]
			v |= int64(b&0x7f) << shift
			if b&0x80 == 0 {
				break
			}
		}
		return v
	}
	read()
	return read()
}

// baseCache holds resolved pack objects: an LRU bounded by their total size for objects up to
// a quarter of it, and another for larger ones, bounded by bigMax (at least one object), so
// that the versions of a large file (a bundled script of a few megabytes, a lockfile), each a
// delta against another, are resolved from a cached neighbour, not from the start of the chain.
type baseCache struct {
	small, big lru
}

type cacheEntry struct {
	key  cacheKey
	typ  plumbing.ObjectType
	data []byte
}

// lru is a least-recently-used list of cached objects bounded by their total size.
type lru struct {
	max, used int
	ll        list.List
	m         map[cacheKey]*list.Element
}

func newBaseCache(max, bigMax int) *baseCache {
	c := &baseCache{}
	c.small.max, c.small.m = max, map[cacheKey]*list.Element{}
	c.big.max, c.big.m = bigMax, map[cacheKey]*list.Element{}
	return c
}

func (c *baseCache) get(k cacheKey) (*cacheEntry, bool) {
	if e, ok := c.small.get(k); ok {
		return e, true
	}
	return c.big.get(k)
}

// put caches data and reports whether it did (not when it holds the key already).
func (c *baseCache) put(k cacheKey, typ plumbing.ObjectType, data []byte) bool {
	if _, ok := c.small.m[k]; ok {
		return false
	}
	if _, ok := c.big.m[k]; ok {
		return false
	}
	if len(data) > c.small.max/4 {
		c.big.put(&cacheEntry{key: k, typ: typ, data: data})
	} else {
		c.small.put(&cacheEntry{key: k, typ: typ, data: data})
	}
	return true
}

func (l *lru) get(k cacheKey) (*cacheEntry, bool) {
	if el, ok := l.m[k]; ok {
		l.ll.MoveToFront(el)
		return el.Value.(*cacheEntry), true
	}
	return nil, false
}

// put adds e and evicts the least recently used entries beyond max, keeping e.
func (l *lru) put(e *cacheEntry) {
	l.m[e.key] = l.ll.PushFront(e)
	l.used += len(e.data)
	for l.used > l.max && l.ll.Len() > 1 {
		el := l.ll.Back()
		old := el.Value.(*cacheEntry)
		l.ll.Remove(el)
		delete(l.m, old.key)
		l.used -= len(old.data)
	}
}

// patchDelta applies a git delta to base, appending the target to dst (allocated again at the
// target's declared size unless its capacity holds it).
func patchDelta(base, delta, dst []byte) ([]byte, error) {
	errBad := errors.New("bad delta")
	readSize := func() (int, bool) {
		var v int
		for shift := 0; shift < 63; shift += 7 {
			if len(delta) == 0 {
				return 0, false
			}
			b := delta[0]
			delta = delta[1:]
			v |= int(b&0x7f) << shift
			if b&0x80 == 0 {
				return v, true
			}
		}
		return 0, false
	}
	srcSize, ok := readSize()
	if !ok || srcSize != len(base) {
		return nil, errBad
	}
	dstSize, ok := readSize()
	if !ok {
		return nil, errBad
	}
	if cap(dst) < dstSize {
		dst = make([]byte, 0, dstSize)
	}
	dst = dst[:0]
	for len(delta) > 0 {
		cmd := delta[0]
		delta = delta[1:]
		switch {
		case cmd&0x80 != 0: // copy from base
			var off, n int
			for i := range 4 {
				if cmd&(1<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBad
					}
					off |= int(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			for i := range 3 {
				if cmd&(0x10<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBad
					}
					n |= int(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > len(base) || len(dst)+n > dstSize {
				return nil, errBad
			}
			dst = append(dst, base[off:off+n]...)
		case cmd != 0: // insert literal
			n := int(cmd)
			if n > len(delta) || len(dst)+n > dstSize {
				return nil, errBad
			}
			dst = append(dst, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, errBad
		}
	}
	if len(dst) != dstSize {
		return nil, errBad
	}
	return dst, nil
}

var dbgObjs, dbgBytes atomic.Int64
