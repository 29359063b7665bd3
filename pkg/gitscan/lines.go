package gitscan

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
)

// lineSeed is fixed for the process so that line hashes of different blobs can be compared.
var lineSeed = maphash.MakeSeed()

// Span is a run of consecutive added lines of a blob: Text is Start..End of the new content.
type Span struct {
	Start, End int // byte offsets in the new content; End excludes the final newline
	Line       int // 1-based line number of the first line
}

// lineCounts counts the hashes of content's lines.
func lineCounts(content []byte, into map[uint64]int32) {
	for len(content) > 0 {
		i := bytes.IndexByte(content, '\n')
		var line []byte
		if i < 0 {
			line, content = content, nil
		} else {
			line, content = content[:i], content[i+1:]
		}
		into[maphash.Bytes(lineSeed, trimCR(line))]++
	}
}

func trimCR(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		return line[:n-1]
	}
	return line
}

// AddedSpans returns the runs of lines of newContent that are not lines of any of olds. It
// treats the old contents as multisets of lines: a line of new that still has an unused copy
// in the first old content is kept, as is any line present in a further old content (the
// other parents of a merge). Moving lines inside a file therefore adds nothing, which is what
// matters for secrets: a moved secret was introduced by an earlier change. Line endings (\n,
// \r\n) are ignored when comparing. The lines common to the start and to the end of new and the
// first old are kept without hashing.
func AddedSpans(newContent []byte, olds ...[]byte) []Span {
	var ls lineSet
	return ls.added(newContent, olds)
}

// lineSet holds the maps AddedSpans needs, so that a worker can reuse them.
type lineSet struct {
	first, others map[uint64]int32
}

func (ls *lineSet) added(newContent []byte, olds [][]byte) []Span {
	if len(olds) == 0 {
		return wholeSpan(newContent)
	}
	old := olds[0]
	// Common prefix and suffix, cut at line boundaries.
	lineNo := 0
	off := 0
	{
		p := commonPrefix(old, newContent)
		if p == len(newContent) && p == len(old) {
			return nil
		}
		// back to the start of the line holding the first difference
		if i := bytes.LastIndexByte(newContent[:p], '\n'); i >= 0 {
			off = i + 1
			lineNo = bytes.Count(newContent[:off], nl)
		}
	}
	newEnd := len(newContent)
	oldStart, oldEnd := off, len(old)
	{
		s := commonSuffix(old[oldStart:oldEnd], newContent[off:newEnd])
		// forward to just after the end of the line holding the last difference
		if s > 0 {
			tail := newContent[newEnd-s:]
			if i := bytes.IndexByte(tail, '\n'); i >= 0 {
				newEnd = newEnd - s + i + 1
				oldEnd = oldEnd - s + i + 1
			}
		}
	}
	ls.first = reuse(ls.first)
	first := ls.first
	lineCounts(old[oldStart:oldEnd], first)
	var others map[uint64]int32
	if len(olds) > 1 {
		ls.others = reuse(ls.others)
		others = ls.others
		for _, o := range olds[1:] {
			lineCounts(o, others)
		}
	}
	var spans []Span
	open := false
	for off < newEnd {
		lineNo++
		end := bytes.IndexByte(newContent[off:newEnd], '\n')
		next := 0
		if end < 0 {
			end = newEnd
			next = end
		} else {
			end += off
			next = end + 1
		}
		h := maphash.Bytes(lineSeed, trimCR(newContent[off:end]))
		kept := false
		if n := first[h]; n > 0 {
			first[h] = n - 1
			kept = true
		} else if others != nil && others[h] > 0 {
			kept = true
		}
		if kept {
			open = false
		} else if open {
			spans[len(spans)-1].End = end
		} else {
			spans = append(spans, Span{Start: off, End: end, Line: lineNo})
			open = true
		}
		off = next
	}
	return spans
}

var nl = []byte{'\n'}

// reuse empties a map for reuse; a map that grew large is dropped instead, because clearing
// costs its capacity, not its length.
func reuse(m map[uint64]int32) map[uint64]int32 {
	if m == nil || len(m) > 1024 {
		return make(map[uint64]int32)
	}
	clear(m)
	return m
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	p := 0
	for p+8 <= n && binary.LittleEndian.Uint64(a[p:]) == binary.LittleEndian.Uint64(b[p:]) {
		p += 8
	}
	for p < n && a[p] == b[p] {
		p++
	}
	return p
}

// commonSuffix returns the length of the longest common suffix of a and b.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	s := 0
	for s+8 <= n && binary.LittleEndian.Uint64(a[len(a)-s-8:]) == binary.LittleEndian.Uint64(b[len(b)-s-8:]) {
		s += 8
	}
	for s < n && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return s
}

func wholeSpan(content []byte) []Span {
	end := len(content)
	if end > 0 && content[end-1] == '\n' {
		end--
	}
	if end == 0 && len(content) == 0 {
		return nil
	}
	return []Span{{Start: 0, End: end, Line: 1}}
}

// IsBinary reports whether content looks binary the way git decides it: a NUL byte in the
// first 8000 bytes.
func IsBinary(content []byte) bool {
	if len(content) > 8000 {
		content = content[:8000]
	}
	return bytes.IndexByte(content, 0) >= 0
}
