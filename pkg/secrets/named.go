package secrets

import (
	"regexp/syntax"
	"sync"
)

// Provider-named secrets (see named) used to be one regular expression per
// rule that started at the provider's name and offered three ways on to the
// value. Its third way, a credential argument somewhere later on the line
// (Pinecone(api_key="…")), began with [^\n]*?: at every hit of a name the
// engine ran to the end of the line, and on generated one-line files the
// scan slowed to 25 KB/s. The reader below takes the same three ways in
// code, each bounded: it skips the identifier that holds the name, then runs
// small anchored expressions that depend only on the value's shape, so that
// rules of the same shape share them (fewer compiled programs, less memory)
// and a hit costs what the bytes after the name hold, never the line.

// namedReader is what the named patterns of one value shape share. Its
// expressions are compiled at their first use (see lazyRegexp).
type namedReader struct {
	// assign reads, after the identifier that holds the name, up to three
	// words, a separator and the value: DATADOG_API_KEY = "…".
	assign *lazyRegexp
	// section reads a YAML section named for the provider and a credential
	// key within its next lines: mailgun:\n  api_key: …
	section *lazyRegexp
	// call reads a credential argument after the name: a boundary, a
	// credential word, a separator and the value.
	call *lazyRegexp
	// byteCost is the work a byte given to one of them costs (see
	// workLimit), computed with the first read.
	costOnce sync.Once
	byteCost int
}

const (
	// namedIdentMax bounds the identifier after a provider's name
	// (DATADOG_API_KEY_FOR_THE_STAGING_CLUSTER): longer runs are data.
	namedIdentMax = 128
	// namedCallReach bounds how far after the name a credential argument
	// may start: a call or object literal that names the provider.
	namedCallReach = 256
	// namedCallTries bounds the credential words tried after one name: a
	// call names its credential among its first arguments, and text that
	// repeats the words would otherwise cost their number at every hit.
	namedCallTries = 3
	// namedSpan is the window an expression first gets (a section's, that
	// spans lines, namedSectionSpan); a match that reaches its end is
	// decided again on a window maxAfterWindow long. Small windows keep the
	// regexp package on its backtracker, whose start-up cost is the
	// window's size times the program's.
	namedSpan        = 256
	namedSectionSpan = 1024
)

var namedReaders sync.Map // value expression -> *namedReader

// readerFor returns the shared reader of values that match value (a
// regular expression without groups).
func readerFor(value string) *namedReader {
	if r, ok := namedReaders.Load(value); ok {
		return r.(*namedReader)
	}
	tail := `(` + value + `)(?:[^A-Za-z0-9_+/=-]|$)`
	r := &namedReader{
		assign:  newLazyRegexp(`^(?:[ \t]+[A-Za-z][A-Za-z0-9_.-]*){0,3}` + namedAssign + tail),
		section: newLazyRegexp(`^["']?:[ \t]*\r?\n(?:[ \t]+[^\n]*\n){0,3}?` + sectionKey + tail),
		call:    newLazyRegexp(`^[^A-Za-z0-9](?i:api[_-]?key|apikey|token|secret|password|access[_-]?key)` + namedAssign + tail),
	}
	got, _ := namedReaders.LoadOrStore(value, r)
	return got.(*namedReader)
}

// nameChars is the set of isNameChar.
var nameChars = func() (set [256]bool) {
	for c := range set {
		set[c] = isNameChar(byte(c))
	}
	return set
}()

// readAt reads a value after the provider's name at text[ks:ke], on the
// line ending at lineEnd, whose identifier ends at id (id-ke >
// namedIdentMax: longer than a name; the scan measures the runs of name
// characters once for all its hits). It returns the absolute offsets of the
// match's end and of the value, trying the three ways in the order the
// single expression preferred them.
//
// work grows by what the expressions were given to read.
func (r *namedReader) readAt(text []byte, lineEnd, ks, ke, id int, work *int) (end, vs, ve int, ok bool) {
	r.costOnce.Do(func() {
		for _, l := range []*lazyRegexp{r.assign, r.section, r.call} {
			if tree, err := syntax.Parse(l.src, syntax.Perl); err == nil {
				r.byteCost = max(r.byteCost, byteCost(tree))
			}
		}
	})
	if id-ke <= namedIdentMax {
		if m := r.find(r.assign, text, id, namedSpan, work); m != nil {
			return id + m[1], id + m[2], id + m[3], true
		}
		if sectionHead(text, id) {
			if m := r.find(r.section, text, id, namedSectionSpan, work); m != nil {
				return id + m[1], id + m[2], id + m[3], true
			}
		}
	}
	// A credential argument starts one byte before one of the words that
	// start the call expression's credential names: try those places in
	// order, as the leftmost search would.
	reach := min(lineEnd, ke+namedCallReach)
	for at, tries := ke+1, 0; at <= reach+1 && at < len(text) && tries < namedCallTries; tries++ {
		// From the boundary byte before at: a word counts only after one.
		scan := text[at-1 : min(len(text), reach+1+len("password"))]
		*work += len(scan)
		i := nextCredentialWord(scan)
		if i < 0 || at-1+i-1 > reach {
			break // the boundary before the word must be on the name's line
		}
		q := at - 1 + i
		if m := r.find(r.call, text, q-1, namedSpan, work); m != nil {
			return q - 1 + m[1], q - 1 + m[2], q - 1 + m[3], true
		}
		at = q + 1
	}
	return 0, 0, 0, false
}

// nextCredentialWord returns the first offset i >= 1 in b where a word
// that can start a credential name of the call way (api_key, apikey, token,
// secret, password, access_key) begins, case-insensitively, after a byte
// that is not a letter or digit (b[i-1]); or -1. One pass, a byte at a time:
// text that repeats the words' letters costs no more than other text.
func nextCredentialWord(b []byte) int {
	for i := 1; i < len(b); i++ {
		if isAlnum(b[i-1]) {
			continue
		}
		var w string
		switch lower(b[i]) {
		case 'a':
			w = "api"
			if i+1 < len(b) && lower(b[i+1]) == 'c' {
				w = "access"
			}
		case 't':
			w = "token"
		case 's':
			w = "secret"
		case 'p':
			w = "password"
		default:
			continue
		}
		if i+len(w) <= len(b) && equalFoldASCII(b[i:i+len(w)], w) {
			return i
		}
	}
	return -1
}

// equalFoldASCII reports whether b is w (lower-case) in any case.
func equalFoldASCII(b []byte, w string) bool {
	for k := 0; k < len(w); k++ {
		if lower(b[k]) != w[k] {
			return false
		}
	}
	return true
}

// find runs re over text from offset from, first over span bytes, and over
// a longer window when the match reaches the first one's end (where $ would
// hold wrongly), adding what that costs to work.
func (r *namedReader) find(l *lazyRegexp, text []byte, from, span int, work *int) []int {
	re := l.get()
	end := min(len(text), from+span)
	m := re.FindSubmatchIndex(text[from:end])
	*work += costAttempt + (end-from)*r.byteCost
	if m != nil && m[1] == end-from && end < len(text) {
		end = min(len(text), from+maxAfterWindow)
		m = re.FindSubmatchIndex(text[from:end])
		*work += costAttempt + (end-from)*r.byteCost
	}
	return m
}

// sectionHead reports whether text at i ends a YAML key's line: an optional
// closing quote, a colon, spaces and the line break.
func sectionHead(text []byte, i int) bool {
	if i < len(text) && (text[i] == '"' || text[i] == '\'') {
		i++
	}
	if i >= len(text) || text[i] != ':' {
		return false
	}
	for i++; i < len(text) && (text[i] == ' ' || text[i] == '\t'); i++ {
	}
	if i < len(text) && text[i] == '\r' {
		i++
	}
	return i < len(text) && text[i] == '\n'
}
