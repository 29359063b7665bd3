package prlint

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// PatternSet is a list of allowed (or disallowed) names: exact names, or regular expressions that must
// match the whole name. It holds the types, scopes and disallow-scopes inputs.
type PatternSet struct {
	names []string
	exact map[string]bool
	res   []*regexp.Regexp
}

// ScopeSet is the set of allowed scopes.
type ScopeSet = PatternSet

// regexMeta are the characters that make an entry a regular expression rather than a name.
const regexMeta = `\^$*+?()[]{}|`

// IsPattern reports whether a list entry is a regular expression (it holds any of \^$*+?()[]{}|).
func IsPattern(entry string) bool { return strings.ContainsAny(entry, regexMeta) }

// ParsePatterns builds a PatternSet. An entry holding any of \^$*+?()[]{}| is a regular expression that
// must match the whole name (`^` and `$` may be written or not); any other entry is an exact name.
func ParsePatterns(entries []string) (PatternSet, error) {
	s := PatternSet{exact: map[string]bool{}}
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		s.names = append(s.names, e)
		if !IsPattern(e) {
			s.exact[e] = true
			continue
		}
		if _, err := CompilePattern(e); err != nil {
			return PatternSet{}, fmt.Errorf("entry %q: %w", e, err)
		}
		whole, err := wholeMatch(e)
		if err != nil {
			return PatternSet{}, fmt.Errorf("entry %q: %w", e, err)
		}
		s.res = append(s.res, whole)
	}
	return s, nil
}

// ParseScopes builds the set of allowed scopes (see ParsePatterns).
func ParseScopes(entries []string) (ScopeSet, error) { return ParsePatterns(entries) }

// Empty reports whether the set has no entry.
func (s PatternSet) Empty() bool { return len(s.names) == 0 }

// Allows reports whether name is allowed: the set is empty, or an entry matches it.
func (s PatternSet) Allows(name string) bool { return s.Empty() || s.Matches(name) }

// Matches reports whether an entry of the set matches name (false for an empty set).
func (s PatternSet) Matches(name string) bool {
	if s.exact[name] {
		return true
	}
	for _, re := range s.res {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// HasPatterns reports whether the set holds a regular expression.
func (s PatternSet) HasPatterns() bool { return len(s.res) > 0 }

// Names lists the entries as configured.
func (s PatternSet) Names() []string { return append([]string(nil), s.names...) }

// String lists the entries as configured.
func (s PatternSet) String() string { return strings.Join(s.names, ", ") }

// firstName returns the first exact name, or "".
func (s PatternSet) firstName() string {
	for _, n := range s.names {
		if s.exact[n] {
			return n
		}
	}
	return ""
}

// CompilePattern compiles a regular expression written by a user (RE2 syntax, Go's regexp). When the
// pattern uses a construct RE2 lacks (lookahead, lookbehind, backreferences, possessive quantifiers), the
// error names it and, when one exists, gives an RE2 pattern that means the same. The error says "it" for the
// pattern, which the caller names.
func CompilePattern(p string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(p)
	if err == nil {
		return re, nil
	}
	msg := fmt.Sprintf("it is not a valid RE2 regular expression: %v", err)
	if c := unsupportedConstruct(p); c != "" {
		msg = fmt.Sprintf("it uses %s, which RE2 (Go's regular expressions) does not support", c)
		if eq := RE2Equivalent(p); eq != "" {
			msg += fmt.Sprintf("; write %q instead, which means the same", eq)
		} else {
			msg += "; see \"Regular expressions\" in docs/actions/pr-lint.md for translations"
		}
	}
	return nil, fmt.Errorf("%s", msg)
}

func unsupportedConstruct(p string) string {
	switch {
	case strings.Contains(p, "(?!"):
		return "a negative lookahead `(?!…)`"
	case strings.Contains(p, "(?="):
		return "a lookahead `(?=…)`"
	case strings.Contains(p, "(?<!"), strings.Contains(p, "(?<="):
		return "a lookbehind `(?<=…)`/`(?<!…)`"
	case regexp.MustCompile(`\\[1-9]`).MatchString(p):
		return "a backreference `\\1`"
	case regexp.MustCompile(`[*+?}]\+`).MatchString(p):
		return "a possessive quantifier"
	}
	return ""
}

// lookaheadClass matches the common "does not start with" form: ^(?![class]).+$ or .*$, and the same with a
// single character or escape instead of a class.
var lookaheadClass = regexp.MustCompile(`^\^\(\?!(\[\^?[^\]]+\]|\\.|[^\\()\[\]|.*+?{}^$])\)\.([+*])\$?$`)

// lookaheadEnd matches the "does not end with" form: ^(?!.*X$).+$ or .*$.
var lookaheadEnd = regexp.MustCompile(`^\^\(\?!\.\*(\[\^?[^\]]+\]|\\.|[^\\()\[\]|.*+?{}^$])\$\)\.([+*])\$?$`)

// RE2Equivalent translates the lookahead forms found in most title configurations into RE2, or returns ""
// when it knows no equivalent:
//
//	^(?![A-Z]).+$     ->  ^[^A-Z].*$          (does not start with an upper-case letter)
//	^(?![A-Z]).*$     ->  ^(?:[^A-Z].*)?$
//	^(?!.*\.$).+$     ->  ^(?:.*[^.])$        (does not end with a period)
func RE2Equivalent(p string) string {
	eq := re2Equivalent(p)
	if _, err := regexp.Compile(eq); err != nil || !utf8.ValidString(p) {
		return ""
	}
	return eq
}

func re2Equivalent(p string) string {
	if m := lookaheadClass.FindStringSubmatch(p); m != nil {
		neg := negateAtom(m[1])
		if neg == "" {
			return ""
		}
		if m[2] == "+" {
			return "^" + neg + ".*$"
		}
		return "^(?:" + neg + ".*)?$"
	}
	if m := lookaheadEnd.FindStringSubmatch(p); m != nil {
		neg := negateAtom(m[1])
		if neg == "" {
			return ""
		}
		if m[2] == "+" {
			return "^(?:.*" + neg + ")$"
		}
		return "^(?:.*" + neg + ")?$"
	}
	return ""
}

// negateAtom returns the class matching one character that atom does not match, or "".
func negateAtom(atom string) string {
	switch {
	case strings.HasPrefix(atom, "[^"):
		return "[" + atom[2:] // [^a-z] negated is [a-z]
	case strings.HasPrefix(atom, "["):
		return "[^" + atom[1:]
	case atom == `\d`:
		return `\D`
	case atom == `\s`:
		return `\S`
	case atom == `\w`:
		return `\W`
	case strings.HasPrefix(atom, `\`) && len(atom) == 2 && strings.ContainsRune(`.-()[]{}*+?|^$\/`, rune(atom[1])):
		return `[^\` + atom[1:] + `]`
	case utf8.RuneCountInString(atom) == 1:
		if strings.ContainsRune(`\]^-`, rune(atom[0])) {
			return `[^\` + atom + `]`
		}
		return "[^" + atom + "]"
	}
	return ""
}

// wholeMatch compiles p so that it must match a whole name. The group is built around p's parsed form,
// never its text: an unterminated \Q (or a trailing backslash) in the text would swallow a closing ")$".
func wholeMatch(p string) (*regexp.Regexp, error) {
	tree, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return nil, err
	}
	return regexp.Compile(`^(?:` + tree.String() + `)$`)
}
