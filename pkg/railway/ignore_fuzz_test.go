package railway_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/rose/actions/pkg/railway"
)

// refGlob is an independent reference for gitignore globs written with the characters a, b, "/", "*", "?",
// "[", "]", "-" and "!": a backtracking matcher that follows the rules git documents and the CLI's glob
// engine refines ("*" and "?" never match "/"; "**" between slashes or at either end matches any number of
// folders, elsewhere it is "*"; "[...]" matches one character of its ranges, "!" after "[" negates, a "]"
// first or a "-" first or last is literal, a "[" never closed is literal), with no regular expression and
// no tokens. pos is where pat starts in the whole glob, to know whether "**" follows a "/". Answers are
// remembered per (pos, rest of s), so stars do not backtrack exponentially.
func refGlob(glob string, pos int, s string) bool {
	return (&refMatcher{glob: glob, memo: map[[2]int]bool{}}).match(pos, s)
}

type refMatcher struct {
	glob string
	memo map[[2]int]bool
}

func (m *refMatcher) match(pos int, s string) bool {
	key := [2]int{pos, len(s)}
	if v, ok := m.memo[key]; ok {
		return v
	}
	v := m.step(pos, s)
	m.memo[key] = v
	return v
}

func (m *refMatcher) step(pos int, s string) bool {
	glob := m.glob
	pat := glob[pos:]
	switch {
	case pat == "":
		return s == ""
	case strings.HasPrefix(pat, "**") && (pos == 0 || glob[pos-1] == '/') && (len(pat) == 2 || pat[2] == '/'):
		if len(pat) == 2 {
			return true // "**" at the end: anything, any depth
		}
		// "**/": zero folders, or any number ending at a "/".
		if m.match(pos+3, s) {
			return true
		}
		for i := 0; i < len(s); i++ {
			if s[i] == '/' && m.match(pos+3, s[i+1:]) {
				return true
			}
		}
		return false
	case pat[0] == '*':
		next := pos + 1
		for next < len(glob) && glob[next] == '*' {
			next++ // "**" that is not between slashes is a plain "*"
		}
		for k := 0; k <= len(s); k++ {
			if m.match(next, s[k:]) {
				return true
			}
			if k < len(s) && s[k] == '/' {
				return false
			}
		}
		return false
	case pat[0] == '?':
		return s != "" && s[0] != '/' && m.match(pos+1, s[1:])
	case pat[0] == '[':
		cl, ok := refClass(glob, pos)
		if !ok {
			return s != "" && s[0] == '[' && m.match(pos+1, s[1:]) // never closed: a literal "["
		}
		return s != "" && cl.has(s[0]) && m.match(cl.end, s[1:])
	default:
		return s != "" && s[0] == pat[0] && m.match(pos+1, s[1:])
	}
}

// refCharClass is a "[...]" of the reference: its ranges, whether it is negated, where it ends, and whether
// a range is reversed ("[b-a]", which makes the whole line invalid).
type refCharClass struct {
	ranges   [][2]byte
	negated  bool
	end      int
	reversed bool
}

func (c refCharClass) has(b byte) bool {
	in := false
	for _, r := range c.ranges {
		in = in || (r[0] <= b && b <= r[1])
	}
	return in != c.negated
}

// refClass reads the class that starts at glob[pos] == '['; ok is false when no "]" closes it.
func refClass(glob string, pos int) (c refCharClass, ok bool) {
	i := pos + 1
	if i < len(glob) && (glob[i] == '!' || glob[i] == '^') {
		c.negated = true
		i++
	}
	first, inRange := true, false
	extend := func(to byte) {
		last := &c.ranges[len(c.ranges)-1]
		last[1] = to
		c.reversed = c.reversed || last[1] < last[0]
	}
	for ; i < len(glob); i++ {
		ch := glob[i]
		switch {
		case ch == ']' && first:
			c.ranges = append(c.ranges, [2]byte{']', ']'})
		case ch == ']':
			if inRange {
				c.ranges = append(c.ranges, [2]byte{'-', '-'})
			}
			c.end = i + 1
			return c, true
		case ch == '-' && first:
			c.ranges = append(c.ranges, [2]byte{'-', '-'})
		case ch == '-' && inRange:
			extend('-')
			inRange = false
		case ch == '-':
			inRange = true
		case inRange:
			extend(ch)
			inRange = false
		default:
			c.ranges = append(c.ranges, [2]byte{ch, ch})
		}
		first = false
	}
	return c, false
}

// refValid reports whether the glob has no reversed range, the only error of this alphabet. A reversed range
// is an error as soon as it is read, even in a "[" that no "]" closes; after such an unclosed "[", no later
// "[" starts a class (none could be closed either).
func refValid(glob string) bool {
	for i := 0; i < len(glob); i++ {
		if glob[i] != '[' {
			continue
		}
		c, ok := refClass(glob, i)
		switch {
		case c.reversed:
			return false
		case !ok:
			return true
		}
		i = c.end - 1
	}
	return true
}

// refRule judges one gitignore line of the restricted alphabet on path.
func refRule(line, path string, isDir bool) railway.Match {
	negate := strings.HasPrefix(line, "!")
	body := strings.TrimPrefix(line, "!")
	anchored := strings.HasPrefix(body, "/")
	body = strings.TrimPrefix(body, "/")
	dirOnly := strings.HasSuffix(body, "/")
	body = strings.TrimSuffix(body, "/")
	if dirOnly && !isDir {
		return railway.NoMatch
	}
	hit := refGlob(body, 0, path)
	if !anchored && !strings.Contains(body, "/") {
		// A name pattern matches at any depth: after any "/" of the path too.
		for i := 0; i < len(path) && !hit; i++ {
			hit = path[i] == '/' && refGlob(body, 0, path[i+1:])
		}
	}
	switch {
	case !hit:
		return railway.NoMatch
	case negate:
		return railway.Included
	}
	return railway.Ignored
}

// restrict maps fuzz bytes onto an alphabet.
func restrict(s, alphabet string) string {
	var b strings.Builder
	for i := 0; i < len(s) && i < 24; i++ {
		b.WriteByte(alphabet[int(s[i])%len(alphabet)])
	}
	return b.String()
}

// cleanPath turns a string into a path as the walk gives it: components joined by single slashes.
func cleanPath(s string) string {
	var parts []string
	for _, p := range strings.Split(s, "/") {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "a"
	}
	return strings.Join(parts, "/")
}

func match(t *testing.T, lines []string, path string, isDir bool) railway.Match {
	t.Helper()
	rules, err := railway.ParseIgnore([]byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatalf("ParseIgnore(%q): %v", lines, err)
	}
	return rules.Match(path, isDir)
}

// FuzzIgnoreMatch checks the .railwayignore/.gitignore matcher two ways:
//   - on patterns of the alphabet a, b, "/", "*", "?", "[", "]", "-", "!" and paths of a, b, "-", "/" (the
//     fuzz input mapped onto them), the matcher agrees with refRule, an independent backtracking
//     implementation of the rules, on every match and on which patterns are invalid;
//   - on any pattern that parses: "!P" re-includes exactly what P excludes; of "P" and "!P" the last one
//     wins; "P/" speaks only about folders, and about them as P does.
func FuzzIgnoreMatch(f *testing.F) {
	for _, seed := range []struct {
		pat, path string
		dir       bool
	}{
		{"*.log", "a/b.log", false}, {"/build", "build", true}, {"a/**/b", "a/x/y/b", false}, {"**/cache/", "x/cache", true},
		{"!keep", "keep", false}, {"docs/*.md", "docs/sub/x.md", false}, {"a**b", "axxb", false}, {"**", "a/b", false},
		{"[a-c]?.txt", "bx.txt", false}, {"*.{tmp,bak}", "x.bak", false}, {"\\#x", "#x", false}, {"a/**", "a/b/c", false},
	} {
		f.Add(seed.pat, seed.path, seed.dir)
	}
	f.Fuzz(func(t *testing.T, pat, path string, isDir bool) {
		// 1. Agreement with the reference on the restricted alphabet.
		rp, rs := restrict(pat, "ab/*?[]-!a"), cleanPath(restrict(path, "ab/-"))
		// "!" only where it means something: first (negation) or right after "[".
		b := []byte(rp)
		for i := range b {
			if b[i] == '!' && i > 0 && b[i-1] != '[' {
				b[i] = 'a'
			}
		}
		rp = string(b)
		// The reference knows patterns whose body (without "!", one leading and one trailing "/") has no
		// empty component: "", "a//b", "**/" (which globset reads as "**") are left to the invariants.
		body := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(rp, "!"), "/"), "/")
		if body != "" && !strings.HasPrefix(body, "/") && !strings.HasSuffix(body, "/") && !strings.Contains(body, "//") {
			if _, err := railway.ParseIgnore([]byte(rp)); (err == nil) != refValid(body) {
				t.Fatalf("pattern %q: matcher error %v, reference valid %v", rp, err, refValid(body))
			}
			if !refValid(body) {
				return
			}
			if got, want := match(t, []string{rp}, rs, isDir), refRule(rp, rs, isDir); got != want {
				t.Fatalf("pattern %q on %q (dir %v): matcher %v, reference %v", rp, rs, isDir, got, want)
			}
		}

		// 2. Invariants on any pattern.
		p := strings.ReplaceAll(strings.ReplaceAll(pat, "\n", ""), "\r", "")
		if p == "" || strings.ContainsAny(p[:1], "!#\\") || strings.TrimRightFunc(p, unicode.IsSpace) != p || strings.HasSuffix(p, "\\") {
			return
		}
		if _, err := railway.ParseIgnore([]byte(p)); err != nil {
			return // an invalid glob: left out, checked elsewhere
		}
		x := cleanPath(strings.ReplaceAll(path, "\n", ""))
		plain := match(t, []string{p}, x, isDir)
		negated := match(t, []string{"!" + p}, x, isDir)
		if (plain == railway.Ignored) != (negated == railway.Included) || plain == railway.Included || negated == railway.Ignored {
			t.Fatalf("%q on %q: P gives %v, !P gives %v", p, x, plain, negated)
		}
		if plain != railway.NoMatch {
			if m := match(t, []string{p, "!" + p}, x, isDir); m != railway.Included {
				t.Fatalf("%q then !%q on %q: %v, want the last rule to win", p, p, x, m)
			}
			if m := match(t, []string{"!" + p, p}, x, isDir); m != railway.Ignored {
				t.Fatalf("!%q then %q on %q: %v, want the last rule to win", p, p, x, m)
			}
		}
		if !strings.HasSuffix(p, "/") {
			if m := match(t, []string{p + "/"}, x, false); m != railway.NoMatch {
				t.Fatalf("%q/ matched the file %q", p, x)
			}
			if m := match(t, []string{p + "/"}, x, true); m != match(t, []string{p}, x, true) {
				t.Fatalf("%q/ and %q disagree on the folder %q", p, p, x)
			}
		}
	})
}
