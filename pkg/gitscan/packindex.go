package gitscan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"

	"github.com/go-git/go-git/v5/plumbing"
)

// packIndex reads a version 2 pack index (.idx) in place, from a read-only mapping of the
// file: decoding it into the heap, as go-git does, costs 28 bytes per object of the repository
// on top of the file (a monorepo of 50 million objects has a 1.4 GB index), where a mapping
// costs only the pages read, which stay in the kernel's page cache under memory pressure.
//
// Layout (gitformat-pack(5)): magic "\377tOc", version 2, 256 cumulative counts by first byte
// of the name, the n sorted names (20 bytes each), n CRC-32s, n 4-byte offsets (the high bit
// set: an index into the table of 8-byte offsets that follows), then two checksums.
type packIndex struct {
	data   []byte
	unmap  func() error
	fanout [256]uint32
	n      int
	names  []byte // n × 20
	off32  []byte // n × 4
	off64  []byte // the 8-byte offsets
}

var idxMagic = []byte{0xff, 't', 'O', 'c'}

// openIndex maps and checks the pack index at path.
func openIndex(path string) (*packIndex, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open pack index: %w", err)
	}
	defer f.Close()
	data, unmap, err := mapFile(f)
	if err != nil {
		return nil, fmt.Errorf("map pack index %s: %w", f.Name(), err)
	}
	idx, err := parseIndex(data)
	if err != nil {
		_ = unmap()
		return nil, fmt.Errorf("read pack index %s: %w", f.Name(), err)
	}
	idx.unmap = unmap
	return idx, nil
}

// parseIndex checks the structure of a version 2 index held in data and returns it, with its
// tables pointing into data.
func parseIndex(data []byte) (*packIndex, error) {
	const header = 8 + 256*4
	if len(data) < header+2*20 {
		return nil, errors.New("truncated index")
	}
	if !bytes.Equal(data[:4], idxMagic) {
		return nil, errors.New("unsupported index version 1 (repack with a git newer than 1.5)")
	}
	if v := binary.BigEndian.Uint32(data[4:]); v != 2 {
		return nil, fmt.Errorf("unsupported index version %d", v)
	}
	idx := &packIndex{data: data}
	var prev uint32
	for i := range idx.fanout {
		c := binary.BigEndian.Uint32(data[8+4*i:])
		if c < prev {
			return nil, errors.New("bad fanout table")
		}
		idx.fanout[i], prev = c, c
	}
	n := int(prev)
	rest := len(data) - header - 2*20
	if n > rest/28 {
		return nil, errors.New("truncated index")
	}
	extra := rest - 28*n
	if extra%8 != 0 {
		return nil, errors.New("bad size of the 8-byte offset table")
	}
	idx.n = n
	idx.names = data[header : header+20*n]
	idx.off32 = data[header+24*n : header+28*n]
	idx.off64 = data[header+28*n : header+28*n+extra]
	return idx, nil
}

func (idx *packIndex) close() error {
	if idx.unmap == nil {
		return nil
	}
	return idx.unmap()
}

// offset returns the pack offset of entry i (0 ≤ i < n).
func (idx *packIndex) offset(i int) (int64, bool) {
	ofs := binary.BigEndian.Uint32(idx.off32[4*i:])
	if ofs&(1<<31) == 0 {
		return int64(ofs), true
	}
	j := 8 * int(ofs&^(1<<31))
	if j+8 > len(idx.off64) {
		return 0, false
	}
	off := binary.BigEndian.Uint64(idx.off64[j:])
	return int64(off), off < 1<<63
}

// hash returns the name of entry i.
func (idx *packIndex) hash(i int) plumbing.Hash {
	var h plumbing.Hash
	copy(h[:], idx.names[20*i:])
	return h
}

// find looks h up and returns its pack offset.
func (idx *packIndex) find(h plumbing.Hash) (int64, bool) {
	lo := 0
	if h[0] > 0 {
		lo = int(idx.fanout[h[0]-1])
	}
	hi := int(idx.fanout[h[0]])
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(h[:], idx.names[20*mid:20*mid+20]); {
		case c == 0:
			return idx.offset(mid)
		case c < 0:
			hi = mid
		default:
			lo = mid + 1
		}
	}
	return 0, false
}
