package secrets

// matcher is a case-insensitive Aho-Corasick automaton compiled to a dense
// DFA over byte classes. Scanning costs one table lookup per input byte and
// allocates nothing unless a keyword is found.
type matcher struct {
	class  [256]uint8 // input byte -> class (0: byte in no keyword)
	shift  uint       // log2 of the row width
	delta  []int32    // state<<shift | class -> next state; negative (^next) when next has outputs
	output [][]int32  // state -> keyword indexes ending there (including via failure links)
}

// newMatcher builds the automaton for keywords (matched ASCII
// case-insensitively). Empty keywords are ignored.
func newMatcher(keywords []string) *matcher {
	m := &matcher{}
	nclass := 1
	for _, kw := range keywords {
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
	goto_ := [][]int32{make([]int32, width)}
	out := [][]int32{nil}
	for k, kw := range keywords {
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			c := m.class[lower(kw[i])]
			if goto_[s][c] == 0 {
				goto_ = append(goto_, make([]int32, width))
				out = append(out, nil)
				goto_[s][c] = int32(len(goto_) - 1)
			}
			s = goto_[s][c]
		}
		if len(kw) > 0 {
			out[s] = append(out[s], int32(k))
		}
	}

	// Failure links in breadth-first order, turning the trie into a DFA.
	fail := make([]int32, len(goto_))
	queue := make([]int32, 0, len(goto_))
	for c := 1; c < width; c++ {
		if s := goto_[0][c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		out[r] = append(out[r], out[fail[r]]...)
		for c := 1; c < width; c++ {
			s := goto_[r][c]
			if s != 0 {
				fail[s] = goto_[fail[r]][c]
				queue = append(queue, s)
			} else {
				goto_[r][c] = goto_[fail[r]][c]
			}
		}
	}

	m.delta = make([]int32, len(goto_)*width)
	for s, row := range goto_ {
		for c, next := range row {
			v := next
			if len(out[next]) > 0 {
				v = ^next
			}
			m.delta[s<<m.shift|c] = v
		}
	}
	m.output = out
	return m
}

// hit is a keyword occurrence: text[end-len(keyword):end].
type hit struct {
	end int
	kw  int32
}

// scan appends every keyword occurrence in text to hits.
func (m *matcher) scan(text []byte, hits []hit) []hit {
	delta, class, shift := m.delta, &m.class, m.shift
	s := int32(0)
	for i, c := range text {
		next := delta[int(s)<<shift|int(class[c])]
		if next < 0 {
			next = ^next
			for _, kw := range m.output[next] {
				hits = append(hits, hit{i + 1, kw})
			}
		}
		s = next
	}
	return hits
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
