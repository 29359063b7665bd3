package secrets

import (
	"slices"
	"strings"
)

// matcher is a case-insensitive Aho-Corasick automaton compiled to a dense
// DFA over byte classes. Scanning costs one table lookup per input byte and
// allocates nothing unless a keyword is found; long texts are scanned as
// four interleaved streams so that the processor overlaps their lookups.
type matcher struct {
	class    [256]uint8 // input byte -> class (0: byte in no keyword)
	shift    uint       // log2 of the row width
	delta    []uint16   // state<<shift | class -> next state
	outStart uint16     // states >= outStart end at least one keyword
	output   [][]int32  // state-outStart -> keyword indexes ending there
	maxLen   int        // longest keyword
	// rep is, by keyword, 1 + its slot among the keywords that repeat a
	// shorter string (aaaa…, tomtom), or 0; repLen is their lengths.
	rep    []int8
	repLen [maxRep]int
}

// newMatcher builds the automaton for keywords (matched ASCII
// case-insensitively). Empty keywords are ignored.
// maxRep bounds the repeating keywords whose overlapping hits are dropped.
const maxRep = 8

// repeats reports whether kw is a shorter string repeated (its smallest
// period is at most half its length): in a run of it, a hit every period
// bytes would each overlap the one before.
func repeats(kw string) bool {
	for p := 1; p <= len(kw)/2; p++ {
		if kw[p:] == kw[:len(kw)-p] {
			return true
		}
	}
	return false
}

func newMatcher(keywords []string) *matcher {
	m := &matcher{rep: make([]int8, len(keywords))}
	n := 0
	for k, kw := range keywords {
		if n < maxRep && repeats(strings.ToLower(kw)) {
			m.rep[k], m.repLen[n] = int8(n+1), len(kw)
			n++
		}
	}
	nclass := 1
	for _, kw := range keywords {
		m.maxLen = max(m.maxLen, len(kw))
		for i := 0; i < len(kw); i++ {
			c := lower(kw[i])
			if m.class[c] == 0 {
				m.class[c] = uint8(nclass)
				nclass++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	for 1<<m.shift < nclass {
		m.shift++
	}
	width := 1 << m.shift

	// Trie.
	gotoTable := [][]int32{make([]int32, width)}
	out := [][]int32{nil}
	for k, kw := range keywords {
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			c := m.class[lower(kw[i])]
			if gotoTable[s][c] == 0 {
				gotoTable = append(gotoTable, make([]int32, width))
				out = append(out, nil)
				gotoTable[s][c] = int32(len(gotoTable) - 1)
			}
			s = gotoTable[s][c]
		}
		if len(kw) > 0 {
			out[s] = append(out[s], int32(k))
		}
	}
	if len(gotoTable) >= 1<<16 {
		panic("secrets: too many keywords for the prefilter")
	}

	trie := make([][]int32, len(gotoTable))
	for i, row := range gotoTable {
		trie[i] = append([]int32(nil), row...)
	}

	// Failure links in breadth-first order, turning the trie into a DFA.
	fail := make([]int32, len(gotoTable))
	queue := make([]int32, 0, len(gotoTable))
	for c := 1; c < width; c++ {
		if s := gotoTable[0][c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		out[r] = append(out[r], out[fail[r]]...)
		for c := 1; c < width; c++ {
			s := gotoTable[r][c]
			if s != 0 {
				fail[s] = gotoTable[fail[r]][c]
				queue = append(queue, s)
			} else {
				gotoTable[r][c] = gotoTable[fail[r]][c]
			}
		}
	}

	// Renumber: states without output first (the root stays 0), each group
	// in breadth-first order, so that the shallow states where the automaton
	// spends its time share cache lines and a single comparison tells whether
	// a state ends a keyword.
	order := make([]int32, 0, len(gotoTable))
	order = append(order, 0)
	seen := make([]bool, len(gotoTable))
	seen[0] = true
	for i := 0; i < len(order); i++ {
		for c := 1; c < width; c++ {
			if t := trie[order[i]][c]; t != 0 && !seen[t] {
				seen[t] = true
				order = append(order, t)
			}
		}
	}
	ren := make([]uint16, len(gotoTable))
	next := uint16(0)
	for _, s := range order {
		if len(out[s]) == 0 {
			ren[s] = next
			next++
		}
	}
	m.outStart = next
	for _, s := range order {
		if len(out[s]) > 0 {
			ren[s] = next
			m.output = append(m.output, out[s])
			next++
		}
	}
	m.delta = make([]uint16, len(gotoTable)*width)
	for s, row := range gotoTable {
		for c, t := range row {
			m.delta[int(ren[s])<<m.shift|c] = ren[t]
		}
	}
	return m
}

// hit is a keyword occurrence: text[end-len(keyword):end].
type hit struct {
	end int
	kw  int32
}

// scan appends every keyword occurrence in text to hits, in order of end.
// tmp is scratch space for the interleaved streams.
func (m *matcher) scan(text []byte, hits []hit, tmp *[3][]hit) []hit {
	const streams = 4
	n := len(text)
	var last [streams][maxRep]int // by stream, the end of the last hit kept of each repeating keyword
	for k := range last {
		for r := range last[k] {
			last[k][r] = -m.maxLen
		}
	}
	q := n / streams
	if q < 4*m.maxLen || q < 256 {
		_, hits = m.scanRange(text, 0, 0, n, 0, hits, &last[0])
		return hits
	}
	// Room for the hits, estimated from the first part of the text, is
	// made once: growing a slice of a million hits by doubling costs more
	// than finding them.
	if sample := min(n, 8<<10); n >= 64<<10 {
		base := len(hits)
		var seen [maxRep]int
		_, hits = m.scanRange(text, 0, 0, sample, 0, hits, &seen)
		est := min((len(hits)-base+1)*(n/sample)*9/8, maxKeptHits)
		hits = slices.Grow(hits[:base], est)
		for k := range tmp {
			tmp[k] = slices.Grow(tmp[k][:0], est/streams)
		}
	}
	// Stream k owns text[k*q:(k+1)*q] (the last one also the tail). Streams
	// 1-3 first warm up over the maxLen-1 bytes before their part, so that a
	// keyword straddling a boundary is found by the stream where it ends.
	var st [streams]uint16
	for k := 1; k < streams; k++ {
		st[k], _ = m.scanRange(text, 0, max(0, k*q-(m.maxLen-1)), k*q, -1, nil, nil)
		tmp[k-1] = tmp[k-1][:0]
	}
	s0, s1, s2, s3 := st[0], st[1], st[2], st[3]
	t0 := text[0:q]
	t1 := text[q : 2*q][:len(t0)]
	t2 := text[2*q : 3*q][:len(t0)]
	t3 := text[3*q : 4*q][:len(t0)]
	delta, class, shift, outStart := m.delta, &m.class, m.shift, m.outStart
	for i := range t0 {
		s0 = delta[int(s0)<<shift|int(class[t0[i]])]
		s1 = delta[int(s1)<<shift|int(class[t1[i]])]
		s2 = delta[int(s2)<<shift|int(class[t2[i]])]
		s3 = delta[int(s3)<<shift|int(class[t3[i]])]
		if s0 >= outStart || s1 >= outStart || s2 >= outStart || s3 >= outStart {
			if s0 >= outStart {
				hits = m.emit(hits, s0, i+1, &last[0])
			}
			if s1 >= outStart {
				tmp[0] = m.emit(tmp[0], s1, q+i+1, &last[1])
			}
			if s2 >= outStart {
				tmp[1] = m.emit(tmp[1], s2, 2*q+i+1, &last[2])
			}
			if s3 >= outStart {
				tmp[2] = m.emit(tmp[2], s3, 3*q+i+1, &last[3])
			}
		}
	}
	hits = append(hits, tmp[0]...)
	hits = append(hits, tmp[1]...)
	hits = append(hits, tmp[2]...)
	_, hits = m.scanRange(text, s3, 4*q, n, 0, hits, &last[3])
	return hits
}

// scanRange runs the automaton from state s over text[from:to] and returns
// the final state. Hits are appended unless record < 0.
func (m *matcher) scanRange(text []byte, s uint16, from, to, record int, hits []hit, last *[maxRep]int) (uint16, []hit) {
	delta, class, shift, outStart := m.delta, &m.class, m.shift, m.outStart
	for i := from; i < to; i++ {
		s = delta[int(s)<<shift|int(class[text[i]])]
		if s >= outStart && record >= 0 {
			hits = m.emit(hits, s, i+1, last)
		}
	}
	return s, hits
}

// any reports whether a keyword occurs in text.
func (m *matcher) any(text []byte) bool {
	delta, class, shift, outStart := m.delta, &m.class, m.shift, m.outStart
	s := uint16(0)
	for _, c := range text {
		s = delta[int(s)<<shift|int(class[c])]
		if s >= outStart {
			return true
		}
	}
	return false
}

// emit appends the keywords that end at end in state s. A hit of a
// repeating keyword that overlaps the last one kept (last, by slot) is
// dropped: in "aaaa…" the keyword a×21 would otherwise be found at every
// byte, and an attempt at the first hit of a run reads what the others
// would.
func (m *matcher) emit(hits []hit, s uint16, end int, last *[maxRep]int) []hit {
	for _, kw := range m.output[s-m.outStart] {
		if r := m.rep[kw]; r > 0 {
			if end-last[r-1] < m.repLen[r-1] {
				continue
			}
			last[r-1] = end
		}
		hits = append(hits, hit{end, kw})
	}
	return hits
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
