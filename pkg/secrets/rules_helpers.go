package secrets

import (
	"regexp"
	"strings"
	"sync"
)

// tok defines a rule for a provider token recognised by its prefix alone:
// the prefix is the keyword, re the whole token.
func tok(id, desc, help, prefix, re string, minEntropy float64) ruleDef {
	return def(id, desc, help+revoke, prefixed(prefix, re, minEntropy))
}

// named is the pattern of a provider secret without a prefix of its own: a
// value of the given shape (a regular expression without groups) assigned
// to a name that contains one of names (TWILIO_AUTH_TOKEN = "…",
// "mistralApiKey": "…", --datadog-api-key=…). names are lower-case; they are
// the keywords too. Placeholders, template references and values below
// minEntropy are dropped as everywhere.
func named(names []string, value string, minEntropy float64) *pattern {
	alts := make([]string, len(names))
	for i, n := range names {
		alts[i] = regexp.QuoteMeta(n)
	}
	return &pattern{
		keywords: names,
		re: regexp.MustCompile(`(?i:` + strings.Join(alts, "|") + `)[A-Za-z0-9_.-]{0,40}` +
			`(?:` + assign + `|\s+)` + `(` + value + `)(?:[^A-Za-z0-9_+/=-]|$)`),
		group: 1, minEntropy: minEntropy, priority: prioContext,
	}
}

// near is the pattern of a value of the given shape anywhere within lines
// lines of one of keywords (a provider name or endpoint), for secrets that
// appear without a name of their own: positional arguments, headers.
// The value must stand alone (no token characters either side).
func near(keywords []string, lines int, value string, minEntropy float64) *pattern {
	return &pattern{
		keywords: keywords, before: lines, after: lines,
		re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9_+/=.-])(` + value + `)(?:[^A-Za-z0-9_+/=-]|$)`),
		group: 1, minEntropy: minEntropy, priority: prioContext,
	}
}

// ctxCheck adds a check to a pattern (see withCheck) and returns it.
func ctxCheck(p *pattern, check func(secret string, line []byte) bool) *pattern {
	p.check = check
	return p
}

// mixedAlnum reports whether s has letters and digits: random keys nearly
// always do, and words, names and numbers do not.
func mixedAlnum(s string, _ []byte) bool {
	var letter, digit bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			digit = true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letter = true
		}
	}
	return letter && digit
}

// rulePrefixes are the literal prefixes of the built-in prefix-anchored
// rules (tok, prefixed) of four bytes or more: like providerPrefixes, the
// generic rule never reports a value that starts with one, so that a value
// a provider rule rejected (wrong length, checksum, structure) is not
// reported again under another name.
func rulePrefixes() []string {
	rulePrefixOnce.Do(func() {
		seen := map[string]bool{}
		for _, d := range builtinRuleDefs() {
			for _, p := range d.patterns {
				if !p.bound || len(p.keywords) != 1 {
					continue
				}
				lit, _ := p.re.LiteralPrefix()
				if len(lit) >= 4 && strings.ToLower(lit) == p.keywords[0] && !seen[lit] {
					seen[lit] = true
					rulePrefixList = append(rulePrefixList, lit)
				}
			}
		}
	})
	return rulePrefixList
}

var (
	rulePrefixOnce sync.Once
	rulePrefixList []string
)
