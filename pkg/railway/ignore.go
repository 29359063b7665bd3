package railway

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An ignore file's rules, read the way `railway up` reads them: the CLI walks the folder with the `ignore`
// crate, whose gitignore globs follow globset's rules. A line is a comment when it starts with "#"; trailing
// blanks are dropped unless escaped with "\"; "!" re-includes; "\!" and "\#" start a literal pattern; a
// leading "/" anchors the pattern to the file's folder; a trailing "/" matches folders only; a pattern with no
// other "/" matches a name at any depth; "*" and "?" never match "/", "**" matches any number of folders, and
// "[...]" (with "!" or "^" to negate), "{a,b}" and "\x" work as in globset.

// Match is the verdict of a set of rules on a path.
type Match int

const (
	// NoMatch: no rule speaks about the path.
	NoMatch Match = iota
	// Ignored: the last rule that matches excludes the path.
	Ignored
	// Included: the last rule that matches is a "!" rule.
	Included
)

func (m Match) String() string {
	switch m {
	case Ignored:
		return "ignored"
	case Included:
		return "included"
	}
	return "no match"
}

// IgnoreRule is one pattern line of an ignore file.
type IgnoreRule struct {
	Line    int    // 1-based line number in its file
	Text    string // the line as written, trailing blanks removed
	Negate  bool   // "!" re-includes
	DirOnly bool   // a trailing "/" matches folders only
	re      *regexp.Regexp
}

// IgnoreRules are the rules of one ignore file, matched against paths relative to its folder.
type IgnoreRules []IgnoreRule

// PatternError is an ignore-file line that is not a valid glob.
type PatternError struct {
	Line int
	Text string
	Err  error
}

func (e *PatternError) Error() string { return fmt.Sprintf("line %d %q: %v", e.Line, e.Text, e.Err) }

// ParseIgnore reads the rules of an ignore file. A line that is not a valid glob (an unclosed "{", a dangling
// "\", a reversed range "[z-a]") is left out and reported in the error (a join of *PatternError); the other
// lines still count, as in the CLI.
func ParseIgnore(data []byte) (IgnoreRules, error) {
	rules, bad := parseIgnore(data)
	var errs []error
	for _, b := range bad {
		errs = append(errs, b)
	}
	return rules, errors.Join(errs...)
}

func parseIgnore(data []byte) (IgnoreRules, []*PatternError) {
	var rules IgnoreRules
	var bad []*PatternError
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if i == 0 {
			line = strings.TrimLeft(line, "\ufeff") // a byte order mark, as git reads it
		}
		if !utf8.ValidString(line) {
			// The CLI reads the file as UTF-8 lines and stops at the first that is not.
			bad = append(bad, &PatternError{Line: i + 1, Text: strings.ToValidUTF8(line, "\ufffd"), Err: errors.New("not UTF-8: this line and the rest of the file are left out")})
			break
		}
		r, ok, err := parseRule(line)
		if err != nil {
			bad = append(bad, &PatternError{Line: i + 1, Text: line, Err: err})
			continue
		}
		if ok {
			r.Line = i + 1
			rules = append(rules, r)
		}
	}
	return rules, bad
}

func parseRule(line string) (IgnoreRule, bool, error) {
	var r IgnoreRule
	if strings.HasPrefix(line, "#") {
		return r, false, nil
	}
	if !strings.HasSuffix(line, "\\ ") {
		line = strings.TrimRightFunc(line, unicode.IsSpace) // Rust's trim_end: Unicode white space
	}
	if line == "" {
		return r, false, nil
	}
	r.Text = line
	absolute := false
	if strings.HasPrefix(line, "\\!") || strings.HasPrefix(line, "\\#") {
		line = line[1:]
		absolute = strings.HasPrefix(line, "/")
	} else {
		if strings.HasPrefix(line, "!") {
			r.Negate = true
			line = line[1:]
		}
		if strings.HasPrefix(line, "/") {
			line = line[1:]
			absolute = true
		}
	}
	if strings.HasSuffix(line, "/") {
		r.DirOnly = true
		line = line[:len(line)-1]
		line = strings.TrimSuffix(line, "\\")
	}
	glob := line
	if !absolute && !strings.Contains(line, "/") && !strings.HasPrefix(glob, "**/") {
		glob = "**/" + glob
	}
	if strings.HasSuffix(glob, "/**") {
		glob += "/*"
	}
	expr, err := globRegexp(glob)
	if err != nil {
		return r, false, err
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return r, false, err
	}
	r.re = re
	return r, true, nil
}

// Match tells what the rules say about rel, a slash-separated path relative to the rules' folder: the last
// matching rule decides; a folder-only rule speaks only about folders.
func (rs IgnoreRules) Match(rel string, isDir bool) Match {
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if r.DirOnly && !isDir {
			continue
		}
		if r.re.MatchString(rel) {
			if r.Negate {
				return Included
			}
			return Ignored
		}
	}
	return NoMatch
}

// Glob tokens, as globset names them.
type globToken struct {
	kind    int // tokLiteral ... tokAlternates
	lit     rune
	negated bool
	ranges  [][2]rune
	alts    [][]globToken
}

const (
	tokLiteral = iota
	tokAny
	tokZeroOrMore
	tokRecursivePrefix
	tokRecursiveSuffix
	tokRecursiveZeroOrMore
	tokClass
	tokAlternates
)

var (
	errDanglingEscape = errors.New(`a "\" ends the pattern`)
	errUnopenedAlts   = errors.New(`"}" without "{"`)
	errUnclosedAlts   = errors.New(`"{" without "}"`)
)

// globParser turns a glob into tokens with globset's rules for literal_separator, backslash_escape and
// allow_unclosed_class.
type globParser struct {
	chars         []rune
	pos           int
	prev, cur     rune // 0 for none
	stack         []int
	branches      [][]globToken
	unclosedClass bool
}

func (p *globParser) bump() (rune, bool) {
	p.prev = p.cur
	if p.pos >= len(p.chars) {
		p.cur = 0
		return 0, false
	}
	p.cur = p.chars[p.pos]
	p.pos++
	return p.cur, true
}

func (p *globParser) peek() (rune, bool) {
	if p.pos >= len(p.chars) {
		return 0, false
	}
	return p.chars[p.pos], true
}

func (p *globParser) push(t globToken) error {
	if len(p.branches) == 0 {
		return errUnopenedAlts
	}
	p.branches[len(p.branches)-1] = append(p.branches[len(p.branches)-1], t)
	return nil
}

func (p *globParser) pop() (globToken, error) {
	if len(p.branches) == 0 {
		return globToken{}, errUnopenedAlts
	}
	b := p.branches[len(p.branches)-1]
	t := b[len(b)-1]
	p.branches[len(p.branches)-1] = b[:len(b)-1]
	return t, nil
}

func (p *globParser) haveTokens() (bool, error) {
	if len(p.branches) == 0 {
		return false, errUnopenedAlts
	}
	return len(p.branches[len(p.branches)-1]) > 0, nil
}

func parseGlob(glob string) ([]globToken, error) {
	p := &globParser{chars: []rune(glob), branches: [][]globToken{nil}}
	for {
		c, ok := p.bump()
		if !ok {
			break
		}
		var err error
		switch {
		case c == '?':
			err = p.push(globToken{kind: tokAny})
		case c == '*':
			err = p.star()
		case c == '[' && !p.unclosedClass:
			err = p.class()
		case c == '{':
			p.stack = append(p.stack, len(p.branches))
			p.branches = append(p.branches, nil)
		case c == '}':
			if len(p.stack) == 0 {
				return nil, errUnopenedAlts
			}
			start := p.stack[len(p.stack)-1]
			p.stack = p.stack[:len(p.stack)-1]
			alts := append([][]globToken(nil), p.branches[start:]...)
			p.branches = p.branches[:start]
			err = p.push(globToken{kind: tokAlternates, alts: alts})
		case c == ',' && len(p.stack) > 0:
			p.branches = append(p.branches, nil)
		case c == '\\':
			n, ok := p.bump()
			if !ok {
				return nil, errDanglingEscape
			}
			err = p.push(globToken{kind: tokLiteral, lit: n})
		default:
			err = p.push(globToken{kind: tokLiteral, lit: c})
		}
		if err != nil {
			return nil, err
		}
	}
	if len(p.stack) > 0 {
		return nil, errUnclosedAlts
	}
	if len(p.branches) != 1 {
		return nil, errUnopenedAlts
	}
	return p.branches[0], nil
}

func (p *globParser) star() error {
	prev := p.prev
	if n, ok := p.peek(); !ok || n != '*' {
		return p.push(globToken{kind: tokZeroOrMore})
	}
	p.bump()
	two := func() error {
		if err := p.push(globToken{kind: tokZeroOrMore}); err != nil {
			return err
		}
		return p.push(globToken{kind: tokZeroOrMore})
	}
	have, err := p.haveTokens()
	if err != nil {
		return err
	}
	if !have {
		if n, ok := p.peek(); ok && n != '/' {
			return two()
		}
		if err := p.push(globToken{kind: tokRecursivePrefix}); err != nil {
			return err
		}
		p.bump() // the "/" (or the end)
		return nil
	}
	if prev != '/' {
		if len(p.branches) <= 1 || (prev != ',' && prev != '{') {
			return two()
		}
	}
	suffix := false
	n, ok := p.peek()
	switch {
	case !ok:
		p.bump()
		suffix = true
	case (n == ',' || n == '}') && len(p.branches) >= 2:
		suffix = true
	case n == '/':
		p.bump()
	default:
		return two()
	}
	last, err := p.pop()
	if err != nil {
		return err
	}
	switch {
	case last.kind == tokRecursivePrefix || last.kind == tokRecursiveSuffix:
		return p.push(last)
	case suffix:
		return p.push(globToken{kind: tokRecursiveSuffix})
	default:
		return p.push(globToken{kind: tokRecursiveZeroOrMore})
	}
}

func (p *globParser) class() error {
	savedPos, savedPrev, savedCur := p.pos, p.prev, p.cur
	var ranges [][2]rune
	negated := false
	if n, ok := p.peek(); ok && (n == '!' || n == '^') {
		p.bump()
		negated = true
	}
	first, inRange := true, false
	for {
		c, ok := p.bump()
		if !ok {
			p.pos, p.prev, p.cur = savedPos, savedPrev, savedCur
			p.unclosedClass = true
			return p.push(globToken{kind: tokLiteral, lit: '['})
		}
		switch {
		case c == ']' && first:
			ranges = append(ranges, [2]rune{']', ']'})
		case c == ']':
			if inRange {
				ranges = append(ranges, [2]rune{'-', '-'})
			}
			return p.push(globToken{kind: tokClass, negated: negated, ranges: ranges})
		case c == '-' && first:
			ranges = append(ranges, [2]rune{'-', '-'})
		case c == '-' && inRange:
			if err := extendRange(ranges, '-'); err != nil {
				return err
			}
			inRange = false
		case c == '-':
			inRange = true
		case inRange:
			if err := extendRange(ranges, c); err != nil {
				return err
			}
			inRange = false
		default:
			ranges = append(ranges, [2]rune{c, c})
		}
		first = false
	}
}

func extendRange(ranges [][2]rune, to rune) error {
	r := &ranges[len(ranges)-1]
	r[1] = to
	if r[1] < r[0] {
		return fmt.Errorf("invalid range %c-%c", r[0], r[1])
	}
	return nil
}

// globRegexp is the anchored regular expression of a glob.
func globRegexp(glob string) (string, error) {
	toks, err := parseGlob(glob)
	if err != nil {
		return "", err
	}
	if len(toks) == 1 && toks[0].kind == tokRecursivePrefix {
		return "^.*$", nil // a glob that is only "**" matches everything
	}
	var b strings.Builder
	b.WriteString("^")
	writeTokens(&b, toks)
	b.WriteString("$")
	return b.String(), nil
}

func writeTokens(b *strings.Builder, toks []globToken) {
	for _, t := range toks {
		switch t.kind {
		case tokLiteral:
			b.WriteString(regexp.QuoteMeta(string(t.lit)))
		case tokAny:
			b.WriteString("[^/]")
		case tokZeroOrMore:
			b.WriteString("[^/]*")
		case tokRecursivePrefix:
			b.WriteString("(?:/?|.*/)")
		case tokRecursiveSuffix:
			b.WriteString("/.*")
		case tokRecursiveZeroOrMore:
			b.WriteString("(?:/|/.*/)")
		case tokClass:
			b.WriteString("[")
			if t.negated {
				b.WriteString("^")
			}
			for _, r := range t.ranges {
				b.WriteString(classChar(r[0]))
				if r[1] != r[0] {
					b.WriteString("-" + classChar(r[1]))
				}
			}
			b.WriteString("]")
		case tokAlternates:
			var parts []string
			for _, alt := range t.alts {
				var ab strings.Builder
				writeTokens(&ab, alt)
				if ab.Len() > 0 {
					parts = append(parts, ab.String())
				}
			}
			if len(parts) > 0 {
				b.WriteString("(?:" + strings.Join(parts, "|") + ")")
			}
		}
	}
}

// classChar escapes a character for use inside a regexp class.
func classChar(r rune) string {
	switch r {
	case '\\', ']', '[', '^', '-':
		return `\` + string(r)
	}
	return regexp.QuoteMeta(string(r))
}
