package secrets

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Worst-case speed. A pattern's regular expression used to run over the
// whole line (up to 2 KiB) of each keyword hit. On text dense in keywords
// every line holds hits of dozens of patterns, so each byte went through
// dozens of regular expressions: 0.3 MB/s. Most patterns start their match
// at the keyword itself (a token prefix such as ghp_, a provider name such
// as DATADOG_API_KEY=, after at most one boundary character). For those the
// detector runs an anchored copy of the expression at each hit instead,
// which stops as soon as the text stops matching: the cost of a hit is the
// length of the match attempt, not of the line. The analysis below proves,
// from the expression's syntax, that every match starts with one of the
// pattern's keywords; patterns it cannot prove keep the windowed search.

// anchorPlan is how a pattern runs at a keyword hit.
type anchorPlan struct {
	// re matches at the start of its input only. It is the pattern's
	// expression, or the branches of its leading alternation that start with
	// a keyword (the others stay in rest). It is compiled at the first hit
	// of the pattern's keywords.
	re *lazyRegexp
	// prefix is how many bytes before the keyword a match may start (a
	// boundary character such as in (?:^|[^A-Za-z0-9])ghp_…, a URL scheme
	// before ://), at most maxAnchorPrefix.
	prefix int
	// width bounds the bytes a match spans from its start (0: unbounded).
	width int
	// back, when set, is a run of characters that may precede the keyword
	// within the match, as in [A-Za-z0-9_.-]*(?:password|token): the match
	// starts where the run does.
	back *[256]bool
	// rest, when set, is the expression for the windowed search too: some
	// branches of it do not start with a keyword. It runs only over windows
	// holding one of restLits (lower-case) when restLits is set.
	rest     *regexp.Regexp
	restLits []string
	// byteCost is the work a byte of an attempt's window costs.
	byteCost int
	// run, when set, is a run of characters that follows the keyword in
	// the match, as in (?i:secret_key)[A-Za-z0-9_-]*\s*=…, when every
	// match of what follows the run holds a byte that is not one of them.
	// An attempt whose text is all run characters cannot match.
	run *[256]bool
}

// leavesRun reports whether b holds a byte that is not a run character:
// an attempt over b's bytes could match.
func (a *anchorPlan) leavesRun(b []byte) bool {
	for _, c := range b {
		if !a.run[c] {
			return true
		}
	}
	return false
}

const (
	maxAnchorPrefix = 64
	maxLeadStrings  = 256 // strings a lead may enumerate to
	maxAnchorWidth  = 4096
)

var anchorCache sync.Map // expression + keywords -> *anchorPlan (nil: not anchorable)

// planAnchor returns how p can run anchored at its keywords, or nil when its
// expression may match text that does not start (after at most one byte)
// with one of them.
func planAnchor(p *pattern) *anchorPlan {
	if p.re == nil || p.parse != nil || len(p.keywords) == 0 {
		return nil
	}
	key := p.re.String() + "\x00" + strings.Join(p.keywords, "\x00")
	if v, ok := anchorCache.Load(key); ok {
		return v.(*anchorPlan)
	}
	plan := analyseAnchor(p.re, p.keywords)
	anchorCache.Store(key, plan)
	return plan
}

func analyseAnchor(re *regexp.Regexp, keywords []string) *anchorPlan {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	elems := []*syntax.Regexp{tree}
	if tree.Op == syntax.OpConcat {
		elems = tree.Sub
	}
	led := func(n *syntax.Regexp) bool {
		set, _, ok := leadSet(n)
		return ok && len(set) > 0 && allStartWithKeyword(set, keywords)
	}
	// The lead is the first element that starts with a keyword (or an
	// alternation some of whose branches do); what precedes it must be of
	// bounded width: assertions, a boundary character, a URL scheme.
	i, prefix := 0, 0
	var back *[256]bool
	for ; i < len(elems); i++ {
		e := elems[i]
		if led(e) || e.Op == syntax.OpAlternate && anyLed(e.Sub, led) {
			break
		}
		if back = backRunLed(e, keywords); back != nil {
			break
		}
		w := byteWidth(e)
		if w < 0 || prefix+w > maxAnchorPrefix {
			return nil
		}
		prefix += w
	}
	if i >= len(elems) {
		return nil
	}
	lead := elems[i]
	plan := &anchorPlan{prefix: prefix, back: back}
	switch {
	case back != nil || led(lead):
	case lead.Op == syntax.OpAlternate:
		// Some branches of the leading alternation start with a keyword, the
		// others (a section header: [mailgun]\n key = …) do not. The whole
		// expression runs anchored at the keywords, and windowed only over
		// windows that hold a literal starting one of the other branches.
		// (Printing a syntax tree back to an expression would cost seconds
		// at start-up: its case folding walks whole Unicode classes.)
		var restLits []string
		good, known := 0, true
		for _, b := range lead.Sub {
			if led(b) {
				good++
				continue
			}
			set, _, ok := leadSet(b)
			if !ok || len(set) == 0 || slices.Contains(set, "") {
				known = false
				continue
			}
			restLits = append(restLits, set...)
		}
		if good == 0 || good == len(lead.Sub) {
			return nil
		}
		if !known {
			restLits = nil
		}
		plan.rest, plan.restLits = re, restLits
	default:
		return nil
	}
	anchored := re.String()
	// The match starts at most prefix bytes before the keyword: the window
	// starts one byte earlier still (so that \b and boundary classes see
	// the real character before the match), and a lazy skip tries the
	// earliest start first, as the unanchored search would.
	// The expression is wrapped in a group so that the skipped bytes are
	// not part of the match: the caller drops the outer match (see match).
	src := `^(?:` + anchored + `)`
	if prefix > 0 {
		src = `^(?s:.){0,` + strconv.Itoa(prefix+1) + `}?(` + anchored + `)`
	}
	// The source is valid (TestAnchoredSources compiles every plan's).
	plan.re = newLazyRegexp(src)
	if w := maxWidth(tree); w >= 0 && w <= maxAnchorWidth {
		plan.width = w
	}
	plan.byteCost = byteCost(tree)
	if back == nil && i+1 < len(elems) {
		plan.run = keywordRun(elems[i+1], elems[i+2:])
	}
	return plan
}

// keywordRun returns the characters of run, an unbounded run of one
// character class, when every match of what follows it (rest) holds a
// byte that is not one of them; otherwise nil.
func keywordRun(run *syntax.Regexp, rest []*syntax.Regexp) *[256]bool {
	if !(run.Op == syntax.OpStar || run.Op == syntax.OpRepeat && run.Min == 0 && run.Max < 0) ||
		run.Sub[0].Op != syntax.OpCharClass {
		return nil
	}
	set := new([256]bool)
	addClass(set, run.Sub[0].Rune)
	for _, e := range rest {
		if needsOutside(e, set) {
			return set
		}
	}
	return nil
}

// needsOutside reports whether every match of e holds a byte outside set
// (which holds no byte of a non-ASCII character, or every one).
func needsOutside(e *syntax.Regexp, set *[256]bool) bool {
	switch e.Op {
	case syntax.OpLiteral:
		for _, r := range e.Rune {
			if outside(r, set) && (e.Flags&syntax.FoldCase == 0 ||
				outside(unicode.ToUpper(r), set) && outside(unicode.ToLower(r), set) && r != 'k' && r != 's' && r != 'K' && r != 'S') {
				return true // (folded k and s also match the Kelvin sign and the long s)
			}
		}
		return false
	case syntax.OpCharClass:
		for k := 0; k+1 < len(e.Rune); k += 2 {
			for r := e.Rune[k]; r <= max(e.Rune[k], min(e.Rune[k+1], 0x80)); r++ {
				if !outside(r, set) {
					return false
				}
			}
		}
		return len(e.Rune) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return needsOutside(e.Sub[0], set)
	case syntax.OpRepeat:
		return e.Min > 0 && needsOutside(e.Sub[0], set)
	case syntax.OpConcat:
		for _, s := range e.Sub {
			if needsOutside(s, set) {
				return true
			}
		}
		return false
	case syntax.OpAlternate:
		for _, s := range e.Sub {
			if !needsOutside(s, set) {
				return false
			}
		}
		return len(e.Sub) > 0
	}
	return false
}

// outside reports whether the rune's encoding starts with a byte outside set.
func outside(r rune, set *[256]bool) bool {
	if r >= 0x80 {
		return !set[0x80]
	}
	return !set[r]
}

// addClass adds a character class's ranges to set; any non-ASCII range
// adds every byte that can start or continue its UTF-8 encoding.
func addClass(set *[256]bool, ranges []rune) {
	for k := 0; k+1 < len(ranges); k += 2 {
		for r := ranges[k]; r <= min(ranges[k+1], 0x7f); r++ {
			set[r] = true
		}
		if ranges[k+1] >= 0x80 {
			for c := 0x80; c < 0x100; c++ {
				set[c] = true
			}
		}
	}
}

// byteCost is the work (see workLimit) a byte of input costs an expression:
// the regexp package's engines step through about as many instructions a
// byte as the program has, so the cost follows the program's size.
func byteCost(tree *syntax.Regexp) int {
	return max(2, progSize(tree)/6)
}

// backRunLed returns the characters of a leading unbounded run of one
// character class (under groups), when what follows the run in n starts
// with a keyword: [A-Za-z0-9_.$-]*(?i:password|secret)…
func backRunLed(n *syntax.Regexp, keywords []string) *[256]bool {
	for n.Op == syntax.OpCapture {
		n = n.Sub[0]
	}
	if n.Op != syntax.OpConcat || len(n.Sub) < 2 {
		return nil
	}
	first := n.Sub[0]
	if !(first.Op == syntax.OpStar || first.Op == syntax.OpRepeat && first.Min == 0 && first.Max < 0) ||
		first.Sub[0].Op != syntax.OpCharClass {
		return nil
	}
	var set [256]bool
	cls := first.Sub[0]
	for k := 0; k+1 < len(cls.Rune); k += 2 {
		if cls.Rune[k+1] >= 0x80 {
			return nil
		}
		for r := cls.Rune[k]; r <= cls.Rune[k+1]; r++ {
			set[r] = true
		}
	}
	if set[' '] || set['\n'] || set['\t'] {
		return nil
	}
	// Every start of what follows holds a keyword, with only run
	// characters before it (shared_access_key holds access_key): the hit
	// of that keyword finds the run, and the match, by scanning back.
	leads, _, ok := leadSet(&syntax.Regexp{Op: syntax.OpConcat, Sub: n.Sub[1:]})
	if !ok || len(leads) == 0 {
		return nil
	}
	for _, l := range leads {
		found := false
		for _, k := range keywords {
			if o := strings.Index(l, k); o >= 0 && inSet(l[:o], &set) {
				found = true
				break
			}
		}
		if !found {
			return nil
		}
	}
	return &set
}

func inSet(s string, set *[256]bool) bool {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] && !set[unicodeUpper(s[i])] {
			return false
		}
	}
	return true
}

// maxBackRun bounds how far back a run before a keyword is followed.
const maxBackRun = 256

func anyLed(subs []*syntax.Regexp, led func(*syntax.Regexp) bool) bool {
	for _, s := range subs {
		if led(s) {
			return true
		}
	}
	return false
}

// byteWidth returns the most bytes n matches, counting a character class of
// ASCII characters as one byte, or -1 when unbounded.
func byteWidth(n *syntax.Regexp) int {
	switch n.Op {
	case syntax.OpCharClass:
		for _, r := range n.Rune {
			if r > 0x7f {
				return 4
			}
		}
		return 1
	case syntax.OpQuest, syntax.OpCapture:
		return byteWidth(n.Sub[0])
	case syntax.OpRepeat:
		w := byteWidth(n.Sub[0])
		if w < 0 || n.Max < 0 {
			return -1
		}
		return w * n.Max
	case syntax.OpConcat:
		t := 0
		for _, s := range n.Sub {
			w := byteWidth(s)
			if w < 0 {
				return -1
			}
			t += w
		}
		return t
	case syntax.OpAlternate:
		t := 0
		for _, s := range n.Sub {
			w := byteWidth(s)
			if w < 0 {
				return -1
			}
			t = max(t, w)
		}
		return t
	}
	return maxWidth(n)
}

// match returns the submatch offsets of the pattern's expression in win, as
// FindSubmatchIndex would for a match starting within the allowed prefix.
func (a *anchorPlan) match(win []byte) []int {
	m := a.re.get().FindSubmatchIndex(win)
	if m != nil && a.prefix > 0 {
		m = m[2:] // the wrapping group is the pattern's whole match
	}
	return m
}

func zeroWidth(e *syntax.Regexp) bool {
	switch e.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		return true
	}
	return false
}

// leadSet enumerates the lower-case strings that the start of any match of
// n spells, as far as they are a small finite set: complete reports
// whether the strings are whole matches of n (so that what follows n
// extends them). ok is false when n may start with something unknown.
func leadSet(n *syntax.Regexp) (set []string, complete, ok bool) {
	switch n.Op {
	case syntax.OpLiteral:
		s := strings.ToLower(string(n.Rune))
		return []string{s}, true, isASCII(s)
	case syntax.OpCharClass:
		var out []string
		for k := 0; k+1 < len(n.Rune); k += 2 {
			for r := n.Rune[k]; r <= n.Rune[k+1]; r++ {
				if r > 0x7e || len(out) > maxLeadStrings {
					return nil, false, false
				}
				out = appendUnique(out, strings.ToLower(string(r)))
			}
		}
		return out, true, len(out) > 0
	case syntax.OpCapture:
		return leadSet(n.Sub[0])
	case syntax.OpQuest:
		s, c, ok := leadSet(n.Sub[0])
		if !ok {
			return nil, false, false
		}
		return appendUnique(s, ""), c, true
	case syntax.OpAlternate:
		var out []string
		complete = true
		for _, b := range n.Sub {
			s, c, ok := leadSet(b)
			if !ok {
				return nil, false, false
			}
			complete = complete && c
			for _, x := range s {
				out = appendUnique(out, x)
			}
		}
		return out, complete, len(out) <= maxLeadStrings
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range n.Sub {
			s, c, ok := leadSet(sub)
			if !ok {
				if len(out) == 1 && out[0] == "" {
					return nil, false, false
				}
				return out, false, true // a known start, then anything
			}
			var next []string
			for _, a := range out {
				for _, b := range s {
					next = appendUnique(next, a+b)
				}
			}
			if len(next) > maxLeadStrings {
				return out, false, out[0] != "" || len(out) > 1
			}
			out = next
			if !c {
				return out, false, true
			}
		}
		return out, true, true
	}
	return nil, false, false
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// allStartWithKeyword reports whether every string of set starts with one
// of keywords: then every match starts where a keyword was found.
func allStartWithKeyword(set, keywords []string) bool {
	for _, s := range set {
		found := false
		for _, k := range keywords {
			if strings.HasPrefix(s, k) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// maxWidth returns the most bytes a match of n can span, or -1 when
// unbounded (or too large to matter).
func maxWidth(n *syntax.Regexp) int {
	const inf = -1
	add := func(a, b int) int {
		if a < 0 || b < 0 || a+b > 1<<20 {
			return inf
		}
		return a + b
	}
	switch n.Op {
	case syntax.OpLiteral:
		w := 0
		for _, r := range n.Rune {
			w += len(string(r))
		}
		return w
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 4 // a rune
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary,
		syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		return 0
	case syntax.OpCapture:
		return maxWidth(n.Sub[0])
	case syntax.OpQuest:
		return maxWidth(n.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return inf
	case syntax.OpRepeat:
		if n.Max < 0 {
			return inf
		}
		w := maxWidth(n.Sub[0])
		if w < 0 || w*n.Max > 1<<20 {
			return inf
		}
		return w * n.Max
	case syntax.OpConcat:
		w := 0
		for _, s := range n.Sub {
			if w = add(w, maxWidth(s)); w < 0 {
				return inf
			}
		}
		return w
	case syntax.OpAlternate:
		w := 0
		for _, s := range n.Sub {
			x := maxWidth(s)
			if x < 0 {
				return inf
			}
			w = max(w, x)
		}
		return w
	}
	return inf
}

// runShape describes a secret as a run of characters: at least min bytes,
// all in set. A window without such a run holds no match.
type runShape struct {
	set [256]bool
	min int
}

// minShapeRun is the shortest run worth a prefilter: shorter secrets are
// found in runs that random text is full of.
const minShapeRun = 12

// planShape returns the character run that group of re always matches, or
// nil when the group's characters include white space (the run would be
// the whole line) or its shortest match is short.
func planShape(re *regexp.Regexp, group int) *runShape {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	node := tree
	if group > 0 {
		node = findCapture(tree, group)
		if node == nil {
			return nil
		}
	}
	sh := &runShape{}
	n, ok := shapeOf(node, &sh.set)
	if !ok || n < minShapeRun || sh.set[' '] || sh.set['\n'] || sh.set['\t'] {
		return nil
	}
	sh.min = n
	return sh
}

func findCapture(n *syntax.Regexp, group int) *syntax.Regexp {
	if n.Op == syntax.OpCapture && n.Cap == group {
		return n.Sub[0]
	}
	for _, s := range n.Sub {
		if c := findCapture(s, group); c != nil {
			return c
		}
	}
	return nil
}

// shapeOf adds the bytes n can match to set and returns its shortest match
// in bytes; ok is false for constructs it does not know (assertions inside
// the secret, non-ASCII classes).
func shapeOf(n *syntax.Regexp, set *[256]bool) (minLen int, ok bool) {
	switch n.Op {
	case syntax.OpLiteral:
		for _, r := range n.Rune {
			if r >= 0x80 {
				return 0, false
			}
			set[r] = true
			if n.Flags&syntax.FoldCase != 0 {
				set[unicodeLower(byte(r))] = true
				set[unicodeUpper(byte(r))] = true
			}
		}
		return len(n.Rune), true
	case syntax.OpCharClass:
		for k := 0; k+1 < len(n.Rune); k += 2 {
			if n.Rune[k+1] >= 0x80 {
				return 0, false
			}
			for r := n.Rune[k]; r <= n.Rune[k+1]; r++ {
				set[r] = true
			}
		}
		return 1, true
	case syntax.OpCapture:
		return shapeOf(n.Sub[0], set)
	case syntax.OpQuest, syntax.OpStar:
		_, ok := shapeOf(n.Sub[0], set)
		return 0, ok
	case syntax.OpPlus:
		return shapeOf(n.Sub[0], set)
	case syntax.OpRepeat:
		m, ok := shapeOf(n.Sub[0], set)
		return m * n.Min, ok
	case syntax.OpConcat:
		t := 0
		for _, s := range n.Sub {
			m, ok := shapeOf(s, set)
			if !ok {
				return 0, false
			}
			t += m
		}
		return t, true
	case syntax.OpAlternate:
		least := -1
		for _, s := range n.Sub {
			m, ok := shapeOf(s, set)
			if !ok {
				return 0, false
			}
			if least < 0 || m < least {
				least = m
			}
		}
		return max(least, 0), true
	case syntax.OpEmptyMatch:
		return 0, true
	}
	return 0, false
}

func unicodeLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func unicodeUpper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
