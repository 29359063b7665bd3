package secrets

import (
	"regexp"
	"strings"
)

// Rule describes one kind of secret.
type Rule struct {
	// ID is stable across versions (used in fingerprints, ignores and SARIF).
	ID string
	// Description is a one-line summary (SARIF shortDescription).
	Description string
	// Help explains what the secret is and what to do when it leaks
	// (SARIF fullDescription and help.text).
	Help string
	// Keywords are the lower-case strings of which one must occur near a
	// secret for the rule to run at all.
	Keywords []string
}

// pattern is one way a rule finds its secret. A rule has one or more.
type pattern struct {
	rule     *Rule
	keywords []string // lower-case; empty: the pattern runs over the whole fragment
	// re is the pattern's expression. A detector drops it from patterns
	// that only ever run anchored (see anchorPlan), keeping its source in
	// src (for tests: see expr).
	re  *regexp.Regexp
	src string
	// lazy, for a pattern that runs only around its keywords, is its
	// expression compiled at its first use (re is then nil).
	lazy  *lazyRegexp
	group int // submatch holding the secret; 0: the whole match

	before, after int     // lines of context around the keyword's line
	minEntropy    float64 // of the secret, in bits per byte
	priority      int     // the higher wins when findings overlap

	// Filters beyond entropy. check sees the secret and the line it is on.
	noPlaceholder bool // skip the generic placeholder test (check does its own)
	check         func(secret string, line []byte) bool
	// nameGroup is the submatch holding the credential's name (generic
	// rule); names in ignoredGenericNames are dropped.
	nameGroup int
	// anchor, when set, must match somewhere in the window.
	anchor *regexp.Regexp

	// bound: the secret must not touch other token characters
	// ([A-Za-z0-9_-]) on either side (checked in code, so that the regex
	// can start with a literal and run fast).
	bound bool
	// gate, when set, is a cheap test of a keyword hit that must pass for
	// the hit to open a window. text starts at the hit's line and runs to
	// the end of the fragment; text[start:end] is the keyword. Gates look
	// back a bounded distance only (lines can be megabytes long).
	gate func(text []byte, start, end int) bool
	// gateScan is the most bytes gate reads, when more than 64 (the
	// work it costs: see workLimit).
	gateScan int
	// password: the secret is a login password. In a credential store
	// (see storeKind) a typed or weak one is reported too.
	password bool
	// ownShape: check only tells whether a value has this rule's format
	// (an AWS secret key is not hexadecimal), not whether it is a secret:
	// a value it turns down is left to the other rules.
	ownShape bool
	// userPass: the secret is base64 of user:password, whose password is
	// judged as a store's in a credential store (see password).
	userPass bool
	// custom: the pattern is a rule of the configuration file. It runs on
	// every file, generated ones included (Fragment.TokensOnly).
	custom bool
	// files, when set, restricts the pattern to the fragments whose path it
	// accepts; such a pattern may have no keywords (config/master.key holds
	// nothing but the key).
	files func(path string) bool
	// testStrict: in test and fixture files, only report values that
	// look machine-generated beyond doubt (strongInTests).
	testStrict bool
	// parse, when set, replaces the regular expression: it reads the
	// match around one keyword (text[ks:ke]) of a line and returns the
	// submatch offsets the expression would.
	parse func(line []byte, ks, ke int) ([]int, bool)
	// named, when set, replaces the regular expression of a provider-named
	// secret (see named.go).
	named *namedReader
	// follow, when set, replaces the regular expression of a value that
	// follows a provider's name (see follow.go); keywords are the names, in
	// the order they are tried.
	follow *followReader
	// anch, computed by the detector, runs the expression anchored at each
	// keyword hit when every match starts there (see anchor.go).
	anch *anchorPlan
	// strong, computed by the detector: a prefix token (ghp_, AKIA…), read
	// in the first pass over a fragment with a budget of its own (see
	// workLimit).
	strong bool
	// visitCost, computed by the detector, is the work a keyword hit of
	// the pattern costs before any expression runs.
	visitCost int
	// windowCost is the work a byte of its windowed search costs.
	windowCost int
	// windowBT is the longest window that the expression reading a whole
	// window (its anchor, or its own) searches with the regexp package's
	// backtracker, and runBT the longest run of the secret's characters
	// that its own expression does (see payNFA).
	windowBT, runBT int
	// shape, computed by the detector, is the run of characters any
	// secret of the pattern is (see planShape).
	shape *runShape
}

// expr returns the pattern's expression, compiled again from its source when
// the detector dropped it (nil for patterns without one).
func (p *pattern) expr() *regexp.Regexp {
	if p.re == nil && p.lazy != nil {
		return p.lazy.get()
	}
	if p.re == nil && p.src != "" {
		return regexp.MustCompile(p.src)
	}
	return p.re
}

func isTokenChar(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-'
}

const (
	prioGeneric  = 1
	prioContext  = 2
	prioProvider = 3
)

// Secret-shaped fragments reused by several rules.
const (
	uuidRe = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`
	jwtRe  = `eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}`
	// assign matches what separates a name from its value: quotes, spaces,
	// =, :, :=, =>, a comma (function arguments) or > (XML).
	assign = `["'\x60]?\s*(?:=|:=|:|=>|,|>)\s*["'\x60]?`
	// end asserts that a token is not followed by more token characters.
	end = `(?:[^A-Za-z0-9_-]|$)`
)

// providerPrefixes are value prefixes owned by a provider rule: the generic
// rule never reports them, so a provider rule's rejection (bad checksum, test
// key) stands.
var providerPrefixes = []string{
	"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "npm_", "sk_live_", "rk_live_", "sk_test_",
	"rk_test_", "pk_live_", "pk_test_", "xoxb-", "xoxp-", "xoxe", "xoxa-", "xoxo-", "xoxr-", "xoxs-",
	"xapp-", "AIza", "sk-", "gsk_", "sk_", "tgp_", "pypi-", "glpat-", "hf_", "eyJ", "AKIA", "ASIA",
	"ABIA", "ACCA", "xai-", "SG.", "dop_v1_", "shpat_", "shpss_", "shpca_", "shppa_", "dckr_pat_",
	"dp.pt.", "sntrys_", "dapi", "GOCSPX-", "r8_", "pplx-", "lin_api_", "PMAK-", "NRAK-", "pul-", "sbp_",
	"pscale_", "glsa_", "glc_", "AGE-SECRET-KEY-", "sha1-", "sha256-", "sha384-", "sha512-", "sha256:",
	"sha512:", "h1:",
}

func hasProviderPrefix(v string) bool {
	if strings.HasPrefix(v, "eyJ") {
		return strings.Count(v, ".") >= 2 // a JWT: the jwt rule decides; other base64 JSON is fair game
	}
	for _, p := range providerPrefixes {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	for _, p := range rulePrefixes() {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}
