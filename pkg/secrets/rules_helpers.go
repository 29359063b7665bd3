package secrets

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
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
	// Providers document their keys' alphabet loosely and other scanners'
	// examples follow their own regular expressions: a hexadecimal or
	// lower-case value class is read as any letter or digit.
	value = strings.NewReplacer("[a-f0-9]", "[A-Za-z0-9]", "[0-9a-f]", "[A-Za-z0-9]", "[a-z0-9]", "[A-Za-z0-9]", "[A-Z0-9]", "[A-Za-z0-9]").Replace(value)
	return &pattern{
		keywords: names,
		named:    readerFor(value),
		group:    1, minEntropy: minEntropy, priority: prioContext,
		check: func(secret string, line []byte) bool {
			return namedValueCheck(secret, line) && nameIsWord(line, secret, names)
		},
	}
}

// nameIsWord reports whether a provider name before secret on line stands
// as a word of an identifier (ETSY_KEY, etsyToken, MyEtsyKey, -Dsonar.login),
// not inside another word (SetSysctl, sumOfExposures, ReactNativeCameraKit):
// it follows a non-letter, an upper-case letter or starts upper-case itself,
// and no camel-case boundary falls inside it. A line without the name
// before the value (a section or an XML element on the lines before)
// passes: the expression found the name there.
func nameIsWord(line []byte, secret string, names []string) bool {
	end := bytes.Index(line, []byte(secret))
	if end < 0 {
		end = len(line)
	}
	head := line[:end]
	seen := false
	for _, n := range names {
		for off := 0; ; {
			i := indexFold(head[off:], n)
			if i < 0 {
				break
			}
			i += off
			off = i + 1
			seen = true
			occ := head[i : i+len(n)]
			camelInside := false
			for k := 1; k < len(occ); k++ {
				if asciiLower(occ[k-1]) && asciiUpper(occ[k]) {
					camelInside = true
					break
				}
			}
			startOK := i == 0 || !asciiLetter(head[i-1]) || asciiUpper(head[i-1]) || asciiUpper(occ[0])
			if startOK && !camelInside {
				return true
			}
		}
	}
	return !seen
}

func asciiLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func asciiUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func asciiLetter(c byte) bool { return asciiLower(c) || asciiUpper(c) }

// namedValueCheck drops a value whose own name says it is not a secret
// (heroku_app_id = <uuid>, DATADOG_SITE_URL, mailgun_domain): the name the
// provider's word starts may end in an identifier rather than a credential.
func namedValueCheck(secret string, line []byte) bool {
	name := strings.ToLower(nameBefore(line, secret))
	for _, suf := range nonSecretNameSuffixes {
		if strings.HasSuffix(name, suf) {
			return false
		}
	}
	return true
}

var nonSecretNameSuffixes = []string{
	"id", "ids", "url", "uri", "endpoint", "host", "hostname", "name", "user", "username", "email", "region",
	"org", "project", "app", "env", "version", "path", "file", "dir", "domain", "site", "zone", "tenant",
	"account", "owner", "team", "channel", "topic", "queue", "bucket", "table", "index", "hash", "sha", "digest",
	"checksum", "publickey", "public_key", "pubkey", "fingerprint", "namespace", "service", "cluster", "sid",
}

// nameBefore returns the identifier assigned the value secret on line
// (TWILIO_ACCOUNT_SID in TWILIO_ACCOUNT_SID = "…"), or "" when the value
// is not preceded by one on its line.
func nameBefore(line []byte, secret string) string {
	i := strings.Index(string(line), secret)
	if i < 0 {
		return ""
	}
	before := strings.TrimRight(string(line[:i]), " \t\"'`=:>,.+?|")
	for k := 0; k < 2; k++ {
		j := len(before)
		for j > 0 && (isNameChar(before[j-1])) {
			j--
		}
		word := before[j:]
		switch strings.ToLower(word) {
		case "string", "str", "var", "val", "let", "const", "final", "char", "[]byte":
			before = strings.TrimRight(before[:j], " \t\"'`=:>,.")
			continue
		}
		return strings.Trim(word, "._-")
	}
	return ""
}

// sectionKey is a credential key inside a provider's section, up to its
// value.
const sectionKey = `[ \t]*["']?[A-Za-z0-9_.-]*(?i:key|token|secret|password|passwd|pass|pwd)[A-Za-z0-9_.-]*["']?[ \t]*[:=][ \t]*["']?`

// namedAssign is what separates a credential's name from its value in
// configuration files, code and logs: an optional closing quote, an
// optional type (var xToken string = …, val x: String = …), then =, :=,
// ::=, :, =>, ?=, .=, a comma between quoted arguments (not CSV), > (XML), | (tables) or
// a spaced dash (key - value), and an optional opening quote; or plain
// spaces (command-line flags, .netrc-like files). Only XML's > may be
// followed by a line break: a value on the line after name: is a YAML
// section's, which the section alternative of named reads. Up to three words may
// stand between the provider's name and the separator (Using assemblyai
// Key=…, twitch client secret: …).
const namedAssign = `(?:["'\x60][ \t]*,[ \t]*["'\x60]?` +
	`|["'\x60]?(?:[ \t]*:[ \t]*[A-Za-z][A-Za-z0-9_.]*[ \t]*(?:=|:=))?(?:[ \t]+[A-Za-z][A-Za-z0-9_]*)?` +
	`(?:[ \t]*(?:=|:{1,3}=|:|=>|\?=|\.=|\|)|[ \t]+-)[ \t]*["'\x60]?|>\s*|[ \t]+["'\x60]?)`

// forms returns true examples of a named secret in the syntaxes where such
// names appear (.env, YAML, JSON, Go, Kotlin, PHP, Java properties, XML),
// each with the ⟦secret⟧ marked. ident is the provider's name as a variable
// prefix (lower-case), value a generator template.
func forms(ident, value string) []string {
	up := strings.ToUpper(ident)
	v := "⟦" + value + "⟧"
	return []string{
		up + "_API_KEY=" + v,
		ident + "_token: \"" + v + "\"",
		"{\n  \"" + ident + "_api_key\": \"" + v + "\"\n}",
		"var " + ident + "Token string = \"" + v + "\"",
		ident + "Token := `" + v + "`",
		"$" + ident + "Token .= \"" + v + "\";",
		"System.setProperty(\"" + up + "_TOKEN\", \"" + v + "\")",
		"<" + ident + "Token>\n    " + v + "\n</" + ident + "Token>",
	}
}

// nonForms returns false examples for a named secret: a variable
// reference, a template placeholder and a run of x of the same length.
func nonForms(ident, xs string) []string {
	up := strings.ToUpper(ident)
	return []string{
		up + "_API_KEY=${" + up + "_API_KEY}",
		ident + "_token: \"<your-" + ident + "-token>\"",
		up + "_TOKEN = \"" + xs + "\"",
		ident + "_token = os.environ[\"" + up + "_TOKEN\"]",
	}
}

// near is the pattern of a value of the given shape anywhere within lines
// lines of one of keywords (a provider name or endpoint), for secrets that
// appear without a name of their own: positional arguments, headers.
// The value must stand alone (no token characters either side).
func near(keywords []string, lines int, value string, minEntropy float64) *pattern {
	return &pattern{
		keywords: keywords, before: lines, after: lines,
		re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9_+/.-])(` + value + `)(?:[^A-Za-z0-9_+/=-]|$)`),
		group: 1, minEntropy: minEntropy, priority: prioContext,
	}
}

// ctxCheck adds a check to a pattern (both its own and check must pass)
// and returns it.
func ctxCheck(p *pattern, check func(secret string, line []byte) bool) *pattern {
	if prev := p.check; prev != nil {
		p.check = func(s string, line []byte) bool { return prev(s, line) && check(s, line) }
		return p
	}
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
	rulePrefixOnce.Do(func() { setRulePrefixes(builtinRuleDefs()) })
	return rulePrefixList
}

// setRulePrefixes computes rulePrefixes from the built-in rules, defs: a
// detector passes the ones it builds, so that the rules (and their
// expressions) are not built a second time at the first generic value.
func setRulePrefixes(defs []ruleDef) {
	rulePrefixList = append(rulePrefixList, nonLivePrefixes...)
	seen := map[string]bool{}
	for _, d := range defs {
		for _, p := range d.patterns {
			if !p.bound || len(p.keywords) != 1 || p.re == nil {
				continue
			}
			lit, _ := p.re.LiteralPrefix()
			if len(lit) >= 4 && strings.ToLower(lit) == p.keywords[0] && !seen[lit] {
				seen[lit] = true
				rulePrefixList = append(rulePrefixList, lit)
			}
		}
	}
}

var (
	rulePrefixOnce sync.Once
	rulePrefixList []string
)

// namedRule defines a rule for a provider secret without a prefix of its
// own, found by the provider's name (see named), with true examples in every
// syntax of forms and the false examples of nonForms. ident is a lower-case
// variable prefix that contains one of names; tmpl generates a value.
func namedRule(id, desc, help string, names []string, value string, minEntropy float64, ident, tmpl string) ruleDef {
	return def(id, desc, help+revoke, named(names, value, minEntropy)).
		pos(forms(ident, tmpl)...).
		neg(nonForms(ident, strings.Repeat("x", templateLen(tmpl)))...)
}

var genLen = regexp.MustCompile(`«[a-zA-Z0-9]+:([0-9]+)»`)

// templateLen is the length of the text a template of fixed-length
// generators expands to (uuid counts 36).
func templateLen(tmpl string) int {
	n := len(strings.ReplaceAll(tmpl, "«uuid»", strings.Repeat("u", 36)))
	for _, m := range genLen.FindAllStringSubmatch(tmpl, -1) {
		k, _ := strconv.Atoi(m[1])
		n += k - len(m[0])
	}
	return n
}

// nonLivePrefixes start keys that a provider documents as test, sandbox or
// public values: their provider rule does not report them, and neither
// does the generic rule.
var nonLivePrefixes = []string{
	"access_token$sandbox$", "sandbox_", "EZTK", "access-sandbox-", "access-development-", "duffel_test_",
	"shippo_test_", "rzp_test_", "FLWSECK_TEST", "FLWPUBK", "mob-", "phc_", "pk.eyJ", "sb_publishable_",
	"pdl_sdbx_", "test_pub_", "live_pub_",
}

// withPriority sets a pattern's priority (which rule wins when findings
// overlap) and returns it.
func withPriority(p *pattern, prio int) *pattern {
	p.priority = prio
	return p
}

// runAfter returns a gate that passes a keyword followed by at least n
// token characters (letters, digits, _ - . + / % = ! $ ~ :): a short or common
// keyword (pat, sl., cio) then only opens a window where a whole token can
// follow, which keeps prose and code fast.
func runAfter(n int) func(text []byte, start, end int) bool {
	return func(text []byte, _, end int) bool {
		i := end
		for i < len(text) && i-end < n && (isTokenChar(text[i]) || strings.IndexByte(".+/%=!$~:", text[i]) >= 0) {
			i++
		}
		return i-end >= n
	}
}

// leadBytes returns the sets of bytes that the first positions of every
// match of re hold, as far as the expression fixes them (at most max): a
// literal's bytes, then classes and counted repeats of one class, up to
// the first choice, optional part or character that may be wider than a
// byte. Checking them is exact: text where they are not starts no match.
func leadBytes(re string, max int) []*[256]bool {
	r, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return nil
	}
	var sets []*[256]bool
	var walk func(e *syntax.Regexp) bool // false: positions stop being fixed here
	one := func(e *syntax.Regexp) *[256]bool {
		set := new([256]bool)
		switch {
		case e.Op == syntax.OpLiteral && len(e.Rune) == 1:
			c := e.Rune[0]
			if c >= 0x80 || e.Flags&syntax.FoldCase != 0 && strings.ContainsRune("kKsS", c) {
				return nil // (folded k and s also match the Kelvin sign and the long s)
			}
			set[c] = true
			if e.Flags&syntax.FoldCase != 0 {
				set[unicode.ToUpper(c)], set[unicode.ToLower(c)] = true, true
			}
		case e.Op == syntax.OpCharClass:
			for k := 0; k+1 < len(e.Rune); k += 2 {
				if e.Rune[k+1] >= 0x80 {
					return nil
				}
			}
			addClass(set, e.Rune)
		default:
			return nil
		}
		return set
	}
	walk = func(e *syntax.Regexp) bool {
		switch e.Op {
		case syntax.OpConcat:
			for _, s := range e.Sub {
				if !walk(s) {
					return false
				}
			}
			return true
		case syntax.OpCapture:
			return walk(e.Sub[0])
		case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginText, syntax.OpBeginLine:
			return true // no byte of its own
		case syntax.OpLiteral:
			for _, c := range e.Rune {
				set := one(&syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{c}, Flags: e.Flags})
				if set == nil || len(sets) == max {
					return false
				}
				sets = append(sets, set)
			}
			return true
		case syntax.OpCharClass:
			set := one(e)
			if set == nil || len(sets) == max {
				return false
			}
			sets = append(sets, set)
			return true
		case syntax.OpPlus, syntax.OpRepeat:
			n, exact := 1, false
			if e.Op == syntax.OpRepeat {
				n, exact = e.Min, e.Min == e.Max
			}
			set := one(e.Sub[0])
			if set == nil {
				return false
			}
			for ; n > 0; n-- {
				if len(sets) == max {
					return false
				}
				sets = append(sets, set)
			}
			return exact
		}
		return false
	}
	walk(r)
	return sets
}

// leads reports whether text holds, from start, a byte of each set.
func leads(text []byte, start int, sets []*[256]bool) bool {
	if len(text)-start < len(sets) {
		return false
	}
	for i, set := range sets {
		if !set[text[start+i]] {
			return false
		}
	}
	return true
}

// gated sets a pattern's keyword gate and returns it.
func gated(p *pattern, gate func(text []byte, start, end int) bool) *pattern {
	p.gate = gate
	return p
}

// minMatchLen is the length in bytes of the shortest text re matches
// (ASCII patterns; an unparsable pattern gives 0).
func minMatchLen(re string) int {
	r, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return 0
	}
	return minLen(r.Simplify())
}

func minLen(r *syntax.Regexp) int {
	switch r.Op {
	case syntax.OpLiteral:
		return len(string(r.Rune))
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minLen(r.Sub[0])
	case syntax.OpRepeat:
		return r.Min * minLen(r.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range r.Sub {
			n += minLen(s)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, s := range r.Sub {
			if m := minLen(s); n < 0 || m < n {
				n = m
			}
		}
		return max(n, 0)
	}
	return 0
}

// lineHead returns a gate that passes a keyword preceded on its line by
// nothing but spaces, tabs and list dashes: a key of YAML, INI or a login
// file (token:, password =, machine …), not a word in prose or code.
func lineHead(text []byte, start, _ int) bool {
	for i := start - 1; i >= 0 && start-i < 256; i-- {
		switch text[i] {
		case ' ', '\t', '-':
			continue
		case '\n':
			return true
		}
		return false
	}
	return start < 256
}

// withPatterns adds patterns to a rule (another way to find the same
// secret) and returns it.
func withPatterns(d ruleDef, pats ...*pattern) ruleDef {
	for _, p := range pats {
		p.rule = d.rule
		if p.priority == 0 {
			p.priority = prioProvider
		}
		for _, k := range p.keywords {
			if !slices.Contains(d.rule.Keywords, k) {
				d.rule.Keywords = append(d.rule.Keywords, k)
			}
		}
	}
	d.patterns = append(d.patterns, pats...)
	return d
}

// namedID is named for a key ID that is reported like a secret (its secret
// half is usually beside it): the value's own name may end in id.
func namedID(names []string, value string, minEntropy float64) *pattern {
	p := named(names, value, minEntropy)
	p.check = func(secret string, line []byte) bool { return nameIsWord(line, secret, names) }
	return p
}

// withCheckAll adds check to every pattern of a rule and returns it.
func withCheckAll(d ruleDef, check func(secret string, line []byte) bool) ruleDef {
	for _, p := range d.patterns {
		ctxCheck(p, check)
	}
	return d
}

// randomPassword: a password-shaped value of a provider rule must look
// generated, not be a version, a path or a word.
func randomPassword(s string, _ []byte) bool {
	return !versionLike.MatchString(s) && looksRandom(s, 12)
}

// countingStandIn reports whether s holds a documentation stand-in made of
// letters and digits counted up in step (a1b2c3d4e5…, 1a2b3c4d…): eight
// or more characters of it.
func countingStandIn(s string) bool {
	run := 0
	for i := 1; i < len(s); i++ {
		a, b := s[i-1], s[i]
		var step bool
		switch {
		case asciiLetter(a) && isDigit(b):
			step = i < 2 || !isDigit(s[i-2]) || (s[i-2]-'0'+1)%10 == b-'0'
		case isDigit(a) && asciiLetter(b):
			step = i < 2 || !asciiLetter(s[i-2]) || s[i-2]|0x20+1 == b|0x20
		}
		if !step {
			run = 0
			continue
		}
		if run++; run >= 7 {
			return true
		}
	}
	return false
}
