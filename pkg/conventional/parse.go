package conventional

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Parse and ParseHeader follow the grammar of Conventional Commits 1.0.0. Where the specification is silent
// they reproduce conventional-commits-parser with the conventionalcommits preset (see docs/actions/changelog.md
// for the list of deliberate differences):
//
//   - header: ^(\w*)(?:\((.*)\))?!?: (.*)$ with ASCII \w; the scope runs to the first ")" that is followed
//     by ": " or "!: " (the reference parser takes the last one);
//   - breaking: "!" before the colon, or any line after the header that matches
//     ^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*) ignoring ASCII case;
//   - revert: `Revert "<header>"` or `revert: <header>` with `This reverts commit <sha>.` in the message;
//   - lines starting with "gpg:" are ignored, leading blank lines are skipped, CRLF is read as LF.

// parse parses a full message.
func parse(message string) Commit {
	lines := splitLines(message)
	if len(lines) == 0 {
		c, _ := parseHeader("")
		return c
	}
	c, _ := parseHeader(lines[0])
	rest := lines[1:]

	// Footers: from the first paragraph (after a blank line) whose first line is a footer.
	footerStart := len(rest)
	for i := 1; i < len(rest); i++ {
		if isBlank(rest[i-1]) && !isBlank(rest[i]) {
			if _, _, ok := footerLine(rest[i]); ok {
				footerStart = i
				break
			}
		}
	}
	c.Body = strings.TrimSpace(strings.Join(rest[:footerStart], "\n"))
	c.Footers = parseFooters(rest[footerStart:])
	c.BreakingNotes = breakingNotes(rest)
	if c.Bang && len(c.BreakingNotes) == 0 {
		c.BreakingNotes = []string{c.Description}
	}
	c.Breaking = c.Bang || len(c.BreakingNotes) > 0
	c.Revert = parseRevert(lines)
	return c
}

// splitLines normalises line ends, drops leading and trailing blank lines (line ends only, as the
// reference parser does) and gpg status lines.
func splitLines(message string) []string {
	message = strings.TrimLeft(message, "\r\n")
	message = strings.TrimRight(message, "\r\n")
	if message == "" {
		return nil
	}
	raw := strings.Split(message, "\n")
	lines := raw[:0]
	for _, l := range raw {
		l = strings.TrimSuffix(l, "\r")
		if strings.HasPrefix(strings.TrimLeftFunc(l, isJSSpace), "gpg:") {
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// Header errors, wrapped with details by ParseHeader.
var (
	ErrNoType        = errors.New("missing type")
	ErrBadType       = errors.New("type must be ASCII letters, digits or underscores")
	ErrNoSeparator   = errors.New(`type must be followed by ": "`)
	ErrUnclosedScope = errors.New("scope is not closed")
	ErrNoDescription = errors.New("missing description")
)

// parseHeader parses one header line.
func parseHeader(header string) (Commit, error) {
	c := Commit{Header: header, Description: strings.TrimRightFunc(header, isJSSpace)}
	if strings.TrimSpace(header) == "" {
		return c, ErrEmpty
	}
	c.Merge = isMerge(header)
	m, err := matchHeader(header)
	if err != nil {
		return c, err
	}
	c.Type, c.Scope, c.Bang = m.typ, m.scope, m.bang
	c.Description = strings.TrimRightFunc(m.subject, isJSSpace)
	c.Breaking = c.Bang
	if m.hasScope && m.scope != "" {
		for _, s := range strings.Split(m.scope, ",") {
			if s = strings.TrimSpace(s); s != "" {
				c.Scopes = append(c.Scopes, s)
			}
		}
	}
	switch {
	case m.typ == "":
		return c, fmt.Errorf("%w in %q: a header is \"type(scope): description\", e.g. \"feat: add x\"", ErrNoType, header)
	case m.subject == "" || strings.TrimSpace(m.subject) == "":
		return c, fmt.Errorf("%w after %q", ErrNoDescription, header)
	}
	c.Conventional = true
	return c, nil
}

type headerMatch struct {
	typ, scope, subject string
	hasScope, bang      bool
}

// matchHeader matches ^(\w*)(?:\((.*)\))?(!)?: (.*)$ in linear time. The scope ends at the first ")"
// followed by ": " or "!: ".
func matchHeader(h string) (headerMatch, error) {
	var m headerMatch
	// JavaScript's "." does not match these, so the reference parser rejects such headers.
	if strings.ContainsAny(h, "\r\n\u2028\u2029") {
		return m, fmt.Errorf("%w: the header contains a line separator", ErrNoSeparator)
	}
	i := 0
	for i < len(h) && isWord(h[i]) {
		i++
	}
	m.typ = h[:i]
	rest := h[i:]
	if strings.HasPrefix(rest, "(") {
		end := -1
		for j := 1; j < len(rest); j++ {
			if rest[j] != ')' {
				continue
			}
			after := rest[j+1:]
			if strings.HasPrefix(after, ": ") || strings.HasPrefix(after, "!: ") {
				end = j
				break
			}
		}
		if end < 0 {
			if !strings.Contains(h, ":") {
				return m, fmt.Errorf("%w: %q is not \"type(scope): description\"", ErrNoType, h)
			}
			if !strings.Contains(rest, ")") {
				return m, fmt.Errorf("%w: %q has no closing parenthesis", ErrUnclosedScope, h)
			}
			return m, fmt.Errorf(`%w: the scope's ")" must be directly followed by ": " in %q`, ErrNoSeparator, h)
		}
		m.hasScope = true
		m.scope = rest[1:end]
		rest = rest[end+1:]
	}
	if strings.HasPrefix(rest, "!") {
		m.bang = true
		rest = rest[1:]
	}
	if !strings.HasPrefix(rest, ": ") {
		return m, headerError(h, i, rest)
	}
	m.subject = rest[2:]
	return m, nil
}

// headerError explains why h, whose type part ends at i, is not followed by ": ".
func headerError(h string, i int, rest string) error {
	if !strings.Contains(h, ":") {
		if i > 0 && strings.HasPrefix(h[i:], "/") && !strings.ContainsAny(h, " \t") {
			return fmt.Errorf("%w: %q looks like a branch name (GitHub titles a pull request from branch %q as %q); "+
				"write \"type(scope): description\"", ErrNoType, h, strings.ToLower(h), h)
		}
		return fmt.Errorf("%w: %q is not \"type(scope): description\"", ErrNoType, h)
	}
	switch {
	case i == 0 && (strings.HasPrefix(h, ":") || strings.HasPrefix(h, "(") || strings.HasPrefix(h, "!")):
		return fmt.Errorf("%w in %q: a header is \"type(scope): description\", e.g. \"feat: add x\"", ErrNoType, h)
	case i == 0:
		r, _ := utf8.DecodeRuneInString(h)
		return fmt.Errorf("%w: %q starts with %q; the type must be ASCII letters, digits or underscores "+
			"directly followed by \": \" (e.g. \"feat: add x\")", ErrBadType, h, r)
	case strings.TrimRightFunc(rest, isJSSpace) == ":":
		return fmt.Errorf("%w after %q", ErrNoDescription, h)
	case strings.HasPrefix(rest, ":"):
		return fmt.Errorf("%w: add a space after the colon in %q", ErrNoSeparator, h)
	case rest == "":
		return fmt.Errorf("%w: %q ends after the type", ErrNoSeparator, h)
	default:
		r, _ := utf8.DecodeRuneInString(rest)
		return fmt.Errorf("%w: found %q after type %q", ErrNoSeparator, r, h[:i])
	}
}

func isWord(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// isJSSpace reports whether r is in JavaScript's \s class.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// mergePrefixes are the headers git, GitHub, GitLab and Bitbucket write for merge commits.
var mergePrefixes = []string{
	"Merge pull request #", "Merge branch ", "Merge branches ", "Merge remote-tracking branch ",
	"Merge remote branch ", "Merge tag ", "Merge commit ", "Merged in ", "Merged PR ",
}

func isMerge(h string) bool {
	for _, p := range mergePrefixes {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return false
}

// footerLine reports whether line starts a footer: "Token: value", "Token #value" or "BREAKING CHANGE: value".
func footerLine(line string) (token, value string, ok bool) {
	if strings.HasPrefix(line, "BREAKING CHANGE: ") {
		return "BREAKING CHANGE", line[len("BREAKING CHANGE: "):], true
	}
	if strings.HasPrefix(line, "BREAKING CHANGE #") {
		return "BREAKING CHANGE", line[len("BREAKING CHANGE "):], true
	}
	i := 0
	for i < len(line) && (isWord(line[i]) && line[i] != '_' || line[i] == '-') {
		i++
	}
	if i == 0 {
		return "", "", false
	}
	switch {
	case strings.HasPrefix(line[i:], ": "):
		return line[:i], line[i+2:], true
	case strings.HasPrefix(line[i:], " #"):
		return line[:i], line[i+1:], true
	}
	return "", "", false
}

// parseFooters splits the footer block into footers; a line that does not start a footer continues the
// value of the previous one.
func parseFooters(lines []string) []Footer {
	var fs []Footer
	var values [][]string
	for _, l := range lines {
		if tok, val, ok := footerLine(l); ok {
			fs = append(fs, Footer{Token: tok})
			values = append(values, []string{val})
			continue
		}
		if len(fs) > 0 {
			values[len(values)-1] = append(values[len(values)-1], l)
		}
	}
	for i := range fs {
		fs[i].Value = strings.TrimSpace(strings.Join(values[i], "\n"))
	}
	return fs
}

// noteKeywords are matched ignoring ASCII case, like the reference parser.
var noteKeywords = []string{"BREAKING CHANGE", "BREAKING-CHANGE"}

// matchNote matches ^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*) with JavaScript semantics and
// returns the note's text.
func matchNote(line string) (string, bool) {
	s := strings.TrimLeftFunc(line, func(r rune) bool { return r == '|' || r == '*' || isJSSpace(r) })
	for _, kw := range noteKeywords {
		if len(s) <= len(kw) || !asciiEqualFold(s[:len(kw)], kw) {
			continue
		}
		rest := s[len(kw):]
		sep := strings.TrimLeftFunc(rest, func(r rune) bool { return r == ':' || isJSSpace(r) })
		if len(sep) == len(rest) {
			continue
		}
		// "(.*)" stops at a line separator that JavaScript's "." does not match.
		if i := strings.IndexAny(sep, "\u2028\u2029"); i >= 0 {
			sep = sep[:i]
		}
		return sep, true
	}
	return "", false
}

func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// breakingNotes collects the text of every breaking-change note in the lines after the header. A note runs
// until the next note, the next footer line, or the end of the message.
func breakingNotes(lines []string) []string {
	var notes [][]string
	open := false
	for _, l := range lines {
		if text, ok := matchNote(l); ok {
			notes = append(notes, []string{text})
			open = true
			continue
		}
		if !open {
			continue
		}
		if _, _, ok := footerLine(l); ok {
			open = false
			continue
		}
		notes[len(notes)-1] = append(notes[len(notes)-1], l)
	}
	if notes == nil {
		return nil
	}
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = strings.TrimSpace(strings.Join(n, "\n"))
	}
	return out
}

// parseRevert recognises `Revert "<header>"` / `revert: <header>` with `This reverts commit <sha>.`.
func parseRevert(lines []string) *Revert {
	h := lines[0]
	var reverted string
	switch {
	case len(h) >= 7 && asciiEqualFold(h[:7], "Revert ") || len(h) >= 7 && asciiEqualFold(h[:7], "Revert\t"):
		reverted = strings.TrimSpace(h[7:])
		reverted = strings.TrimSuffix(strings.TrimPrefix(reverted, `"`), `"`)
	case len(h) >= 8 && asciiEqualFold(h[:8], "revert: "):
		reverted = strings.TrimSpace(h[8:])
	default:
		return nil
	}
	const marker = "this reverts commit "
	for _, l := range lines {
		idx := indexASCIIFold(l, marker)
		if idx < 0 {
			continue
		}
		rest := l[idx+len(marker):]
		j := 0
		for j < len(rest) && isWord(rest[j]) {
			j++
		}
		if j < len(rest) && rest[j] == '.' {
			return &Revert{Header: reverted, SHA: rest[:j]}
		}
	}
	return nil
}

func indexASCIIFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if asciiEqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
