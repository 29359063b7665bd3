package secrets

import (
	"regexp/syntax"
	"sync"
	"unicode/utf8"
)

// Values that follow a provider's name (see follows) used to be one regular
// expression per rule: the name, up to two line breaks within followSpan
// characters each, a boundary and the value. Its lazy spans compiled to
// about 500 instructions per rule, twice (the expression and its anchored
// copy): some 20 MB of heap for 300 rules, and a tenth of a second to build.
// The reader below walks the same span in code and runs, at each place a
// value may start, a small anchored expression that depends only on the
// value's shape, shared by every rule of that shape.
//
// The expression's preference order is kept: the lazy spans try the
// earliest place first (no line break, then one, then two), and at a given
// place the value's own alternatives decide; places of a later line all lie
// after those of an earlier one, so trying places in increasing offset is
// trying them in the expression's order.

// followReader is what the follows patterns of one value shape share.
type followReader struct {
	// value matches a value and the boundary after it at the start of its
	// input: ^(VALUE)(?:[^A-Za-z0-9_+/=-]|$). It and the fields below are
	// made at the first read (see lazyRegexp).
	value *lazyRegexp
	src   string // the value's expression
	once  sync.Once
	// set and min describe the value as a run of characters (see
	// runShape): a place without such a run after it holds no value. min
	// is 0 when the shape is unknown (every place is tried).
	set [256]bool
	min int
	// width is the most bytes value spans (0: unbounded): an attempt
	// first reads that much, as the anchored attempts do.
	width int
	// byteCost is the work a byte given to value costs (see workLimit).
	byteCost int
}

var followReaders sync.Map // value expression -> *followReader

// followReaderFor returns the shared reader of values that match value (a
// regular expression without groups).
func followReaderFor(value string) *followReader {
	if r, ok := followReaders.Load(value); ok {
		return r.(*followReader)
	}
	r := &followReader{value: newLazyRegexp(`^(` + value + `)(?:[^A-Za-z0-9_+/=-]|$)`), src: value}
	got, _ := followReaders.LoadOrStore(value, r)
	return got.(*followReader)
}

// plan sizes the value expression and its run of characters.
func (r *followReader) plan() {
	if tree, err := syntax.Parse(r.value.src, syntax.Perl); err == nil {
		r.byteCost = byteCost(tree)
		if w := maxWidth(tree); w >= 0 && w <= maxAnchorWidth {
			r.width = w
		}
	}
	if tree, err := syntax.Parse(r.src, syntax.Perl); err == nil {
		if n, ok := shapeOf(tree, &r.set); ok {
			r.min = n
		}
	}
}

// followBoundary reports whether c (an ASCII byte) may stand before a
// value: [^A-Za-z0-9_+/.-].
func followBoundary(c byte) bool {
	return !isAlnum(c) && c != '_' && c != '+' && c != '/' && c != '.' && c != '-'
}

// read reads a value after one of names (lower-case, in the order the
// expression's alternation tried them) starting at text[ks:]. text ends
// where the expression's window did (the end of the second line after the
// name's): $ holds there. It returns the absolute offsets of the match's
// end and of the value.
//
// work grows by the bytes walked and what the expressions were given.
func (r *followReader) read(text []byte, ks int, names []string, work *int) (end, vs, ve int, ok bool) {
	r.once.Do(r.plan)
	for _, n := range names {
		ne, ok := foldedAt(text, ks, n)
		if !ok {
			continue
		}
		if end, vs, ve, ok := r.after(text, ne, work); ok {
			return end, vs, ve, true
		}
	}
	return 0, 0, 0, false
}

// after tries the places after a name that ends at s, in order: within
// followSpan characters of the name's end or of one of the next two line
// starts, after a boundary character (a line break counts).
func (r *followReader) after(text []byte, s int, work *int) (end, vs, ve int, ok bool) {
	runEnd := -1 // end of the run of value characters that starts at the last place tried
	for line := 0; line <= 2; line++ {
		b, chars := s, 0
		next := -1 // the next line's start, if the break is within reach
		for b < len(text) && chars <= followSpan {
			c, w := text[b], 1
			if c >= utf8.RuneSelf {
				_, w = utf8.DecodeRune(text[b:])
			}
			if c >= utf8.RuneSelf || followBoundary(c) {
				if p := b + w; r.min == 0 || r.runFrom(text, p, &runEnd) >= r.min {
					if e, m := r.try(text, p, work); m != nil {
						return e, p + m[2], p + m[3], true
					}
				}
			}
			if c == '\n' {
				next = b + 1
				break
			}
			b += w
			chars++
		}
		*work += b - s
		if next < 0 {
			break
		}
		s = next
	}
	return 0, 0, 0, false
}

// runFrom returns how many bytes of value characters start at p, reusing
// the end of the run last measured when p lies within it.
func (r *followReader) runFrom(text []byte, p int, runEnd *int) int {
	if p >= len(text) || !r.set[text[p]] {
		return 0
	}
	if *runEnd < p {
		e := p
		for e < len(text) && r.set[text[e]] {
			e++
		}
		*runEnd = e
	}
	return *runEnd - p
}

// try runs the value expression at p, first over width bytes and over the
// rest of text when the match reaches that cut (where $ would hold
// wrongly). It returns the absolute end of the match and its offsets
// relative to p.
func (r *followReader) try(text []byte, p int, work *int) (int, []int) {
	end := len(text)
	if r.width > 0 {
		end = min(end, p+r.width+1)
	}
	re := r.value.get()
	m := re.FindSubmatchIndex(text[p:end])
	*work += costAttempt + (end-p)*r.byteCost
	if m != nil && m[1] == end-p && end < len(text) {
		end = len(text)
		m = re.FindSubmatchIndex(text[p:end])
		*work += costAttempt + (end-p)*r.byteCost
	}
	if m == nil {
		return 0, nil
	}
	return p + m[1], m
}

// foldedAt reports whether name (lower-case ASCII) starts text at i in any
// case, as (?i:name) matches it (the Kelvin sign is a k, the long s an s),
// and where it ends.
func foldedAt(text []byte, i int, name string) (int, bool) {
	for k := 0; k < len(name); k++ {
		if i >= len(text) {
			return 0, false
		}
		c := name[k]
		if lower(text[i]) == c {
			i++
			continue
		}
		switch {
		case c == 'k' && hasPrefixAt(text, i, "\u212a"):
			i += len("\u212a")
		case c == 's' && hasPrefixAt(text, i, "\u017f"):
			i += len("\u017f")
		default:
			return 0, false
		}
	}
	return i, true
}

func hasPrefixAt(text []byte, i int, s string) bool {
	return len(text)-i >= len(s) && string(text[i:i+len(s)]) == s
}
