package prlint

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rose/actions/pkg/conventional"
	"github.com/rose/actions/pkg/markdown"
)

// DefaultTypes is the types input's default.
var DefaultTypes = []string{"feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"}

// DefaultMaxTitleLength is the max-title-length input's default.
const DefaultMaxTitleLength = 100

// TitlePolicy is pr-lint's policy on top of the Conventional Commits grammar.
type TitlePolicy struct {
	// Types lists the allowed types, matched exactly; empty allows any type.
	Types []string
	// Scopes lists the allowed scopes; empty allows any scope.
	Scopes ScopeSet
	// RequireScope fails a title without a scope.
	RequireScope bool
	// SubjectPattern, when set, must match the description.
	SubjectPattern *regexp.Regexp
	// MaxLength is the longest title in characters; 0 means no limit.
	MaxLength int
	// AllowWIP reports work-in-progress titles and draft pull requests as pending instead of failed.
	AllowWIP bool
}

// ScopeSet is a list of allowed scopes: exact names, or regular expressions matching the whole scope.
type ScopeSet struct {
	names []string
	exact map[string]bool
	res   []*regexp.Regexp
}

// regexMeta are the characters that make a scopes entry a regular expression rather than a name.
const regexMeta = `\^$*+?()[]{}|`

// ParseScopes builds a ScopeSet. An entry holding any of \^$*+?()[]{}| is a regular expression that
// must match the whole scope; any other entry is an exact name.
func ParseScopes(entries []string) (ScopeSet, error) {
	s := ScopeSet{exact: map[string]bool{}}
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		s.names = append(s.names, e)
		if !strings.ContainsAny(e, regexMeta) {
			s.exact[e] = true
			continue
		}
		re, err := regexp.Compile(`^(?:` + e + `)$`)
		if err != nil {
			return ScopeSet{}, fmt.Errorf("scope pattern %q: %w", e, err)
		}
		s.res = append(s.res, re)
	}
	return s, nil
}

// Empty reports whether any scope is allowed.
func (s ScopeSet) Empty() bool { return len(s.names) == 0 }

// Allows reports whether scope is allowed.
func (s ScopeSet) Allows(scope string) bool {
	if s.Empty() || s.exact[scope] {
		return true
	}
	for _, re := range s.res {
		if re.MatchString(scope) {
			return true
		}
	}
	return false
}

// String lists the entries as configured.
func (s ScopeSet) String() string { return strings.Join(s.names, ", ") }

// firstName returns the first exact scope name, or "".
func (s ScopeSet) firstName() string {
	for _, n := range s.names {
		if s.exact[n] {
			return n
		}
	}
	return ""
}

// TitleContext is what pr-lint knows about the pull request besides its title.
type TitleContext struct {
	// Draft is true for a draft pull request.
	Draft bool
	// Branch is the head branch, used to recognise GitHub's default title and to propose a type.
	Branch string
}

// TitleResult is the outcome of the title check.
type TitleResult struct {
	// Commit is the parsed title (parsed without its WIP marker when WIP is true).
	Commit conventional.Commit
	// Conventional is true when the title (without WIP marker) is a Conventional Commits header.
	Conventional bool
	// WIP is true when the title or the draft state marks work in progress and AllowWIP is set.
	WIP bool
	// Findings are failures, or pending findings for work in progress.
	Findings []Finding
}

// Passed reports whether the title passed (no finding at all).
func (r TitleResult) Passed() bool { return len(r.Findings) == 0 }

var (
	wipBracket = regexp.MustCompile(`(?i)\s*\[\s*wip\s*\]\s*`)
	wipPrefix  = regexp.MustCompile(`(?i)^\s*wip\b\s*[:\-]?\s*`)
)

// IsWIPTitle reports whether a title marks work in progress: "[WIP]" anywhere, or a leading "wip" word.
func IsWIPTitle(title string) bool {
	return wipBracket.MatchString(title) || wipPrefix.MatchString(title)
}

// stripWIP removes WIP markers from a title.
func stripWIP(title string) string {
	s := wipBracket.ReplaceAllString(title, " ")
	s = wipPrefix.ReplaceAllString(s, "")
	return strings.TrimSpace(s)
}

// Title checks a pull request title: it must be a Conventional Commits header by
// conventional.ParseHeader (the parser of the release actions), then follow the policy. Problems make one
// failure finding (pending for work in progress when the policy allows it) with a corrected example.
func Title(title string, tc TitleContext, p TitlePolicy) TitleResult {
	res := TitleResult{}
	markedWIP := p.AllowWIP && IsWIPTitle(title)
	res.WIP = p.AllowWIP && (markedWIP || tc.Draft)
	header := title
	if markedWIP {
		header = stripWIP(title)
	}
	problems, c, ok := titleProblems(header, tc.Branch, p)
	res.Commit, res.Conventional = c, ok
	if markedWIP {
		problems = append([]string{"the title is marked as work in progress; remove the WIP marker when the pull request is ready"}, problems...)
	}
	if len(problems) == 0 {
		return res
	}
	level := Failure
	if res.WIP {
		level = Pending
	}
	res.Findings = []Finding{{Check: CheckTitle, Level: level,
		Message: strings.Join(problems, "; "), Example: SuggestTitle(header, tc.Branch, p)}}
	return res
}

// CommitMessage applies the title rules to the header of a commit message (for a single-commit pull
// request, whose message GitHub uses when squash-merging). WIP markers are not allowed there.
func CommitMessage(message string, branch string, p TitlePolicy) []Finding {
	header, _, _ := strings.Cut(strings.ReplaceAll(message, "\r\n", "\n"), "\n")
	problems, _, _ := titleProblems(header, branch, p)
	if len(problems) == 0 {
		return nil
	}
	return []Finding{{Check: CheckSingleCommit, Level: Failure,
		Message: fmt.Sprintf("the only commit's message %q is used when the pull request is squash-merged and must follow the title rules too: %s",
			header, strings.Join(problems, "; ")),
		Example: SuggestTitle(header, branch, p)}}
}

// titleProblems checks one header line and returns its problems, the parsed commit and whether the
// header is conventional.
func titleProblems(header, branch string, p TitlePolicy) ([]string, conventional.Commit, bool) {
	var problems []string
	if strings.ContainsAny(header, "\r\n") {
		problems = append(problems, "the title contains a line break")
	}
	c, err := conventional.ParseHeader(header)
	if err != nil {
		problems = append(problems, notConventional(header, branch, err))
	} else {
		problems = append(problems, policyProblems(c, p)...)
	}
	if p.MaxLength > 0 {
		if n := utf8.RuneCountInString(header); n > p.MaxLength {
			problems = append(problems, fmt.Sprintf("the title is %d characters long, over the limit of %d", n, p.MaxLength))
		}
	}
	return problems, c, err == nil
}

func notConventional(header, branch string, err error) string {
	msg := fmt.Sprintf("the title is not a Conventional Commits header `type(scope): description`: %v", err)
	if branch != "" && looksLikeDefaultTitle(header, branch) {
		msg += fmt.Sprintf("; it is GitHub's default title for the branch %q, which must be renamed", branch)
	}
	return msg
}

// defaultTitleFor returns GitHub's default pull request title for a branch with several commits: the
// branch name with '-' and '_' turned into spaces and the first letter capitalised (`fix/x` gives `Fix/x`).
func defaultTitleFor(branch string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(branch)
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

var slashTitle = regexp.MustCompile(`^([A-Za-z]+)/(\S.*)$`)

func looksLikeDefaultTitle(title, branch string) bool {
	return title == defaultTitleFor(branch) || strings.EqualFold(title, branch)
}

func policyProblems(c conventional.Commit, p TitlePolicy) []string {
	var problems []string
	if len(p.Types) > 0 && !contains(p.Types, c.Type) {
		msg := fmt.Sprintf("type %q is not allowed; allowed types: %s", c.Type, strings.Join(p.Types, ", "))
		if lower := strings.ToLower(c.Type); lower != c.Type && contains(p.Types, lower) {
			msg = fmt.Sprintf("type %q must be written in lower case: %q", c.Type, lower)
		}
		problems = append(problems, msg)
	}
	scopes := c.Scopes
	if len(scopes) == 0 && c.Scope != "" {
		scopes = []string{c.Scope}
	}
	if p.RequireScope && strings.TrimSpace(c.Scope) == "" {
		msg := "a scope is required, e.g. `type(scope): description`"
		if !p.Scopes.Empty() {
			msg += "; allowed scopes: " + p.Scopes.String()
		}
		problems = append(problems, msg)
	}
	if !p.Scopes.Empty() {
		for _, s := range scopes {
			if !p.Scopes.Allows(strings.TrimSpace(s)) {
				problems = append(problems, fmt.Sprintf("scope %q is not allowed; allowed scopes: %s", s, p.Scopes.String()))
			}
		}
	}
	if p.SubjectPattern != nil && !p.SubjectPattern.MatchString(c.Description) {
		problems = append(problems, fmt.Sprintf("the description %q does not match the pattern %s", c.Description, p.SubjectPattern.String()))
	}
	return problems
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// typeWords maps words people start titles and branches with to Conventional Commits types.
var typeWords = map[string]string{
	"feat": "feat", "feature": "feat", "features": "feat", "add": "feat", "adds": "feat", "added": "feat",
	"new": "feat", "implement": "feat",
	"fix": "fix", "fixes": "fix", "fixed": "fix", "bugfix": "fix", "hotfix": "fix", "bug": "fix",
	"docs": "docs", "doc": "docs", "documentation": "docs", "readme": "docs",
	"style": "style", "refactor": "refactor", "refactoring": "refactor", "cleanup": "refactor",
	"perf": "perf", "performance": "perf", "test": "test", "tests": "test", "testing": "test",
	"build": "build", "deps": "build", "ci": "ci", "chore": "chore", "chores": "chore", "release": "chore",
	"revert": "revert",
}

// typeFromWord maps a word to an allowed type ("" when none fits).
func typeFromWord(word string, allowed []string) string {
	w := strings.ToLower(word)
	t, ok := typeWords[w]
	if !ok {
		if len(allowed) > 0 && contains(allowed, w) {
			return w
		}
		return ""
	}
	if len(allowed) > 0 && !contains(allowed, t) {
		if contains(allowed, w) {
			return w
		}
		return ""
	}
	return t
}

var leadingWord = regexp.MustCompile(`^([A-Za-z]+)\s*(?:\(([^()]*)\))?\s*(!?)\s*(?:[:\-]\s*|\s+)(\S.*)$`)

// SuggestTitle proposes a corrected title: a conventional header keeping as much of the original as it
// can, with a type taken from the title's first word or the branch prefix.
func SuggestTitle(title, branch string, p TitlePolicy) string {
	s := strings.TrimSpace(markdown.OneLine(stripWIP(title)))
	var typ, scope, desc string
	bang := false
	if c, err := conventional.ParseHeader(s); err == nil {
		typ = typeFromWord(c.Type, p.Types)
		scope, desc, bang = strings.TrimSpace(c.Scope), c.Description, c.Bang
	} else if m := slashTitle.FindStringSubmatch(s); m != nil && typeFromWord(m[1], p.Types) != "" {
		// GitHub's default title for a branch "fix/x" is "Fix/x".
		typ, desc = typeFromWord(m[1], p.Types), strings.NewReplacer("-", " ", "_", " ", "/", " ").Replace(m[2])
	} else if m := leadingWord.FindStringSubmatch(s); m != nil && typeFromWord(m[1], p.Types) != "" {
		typ, scope, bang, desc = typeFromWord(m[1], p.Types), m[2], m[3] == "!", m[4]
		if w := strings.ToLower(m[1]); w == "add" || w == "adds" || w == "added" || w == "implement" {
			desc = strings.ToLower(m[1][:1]) + m[1][1:] + " " + desc
		}
	} else {
		desc = s
	}
	if typ == "" {
		if prefix, _, ok := strings.Cut(branch, "/"); ok {
			typ = typeFromWord(prefix, p.Types)
		}
	}
	if typ == "" {
		typ = "feat"
		if len(p.Types) > 0 && !contains(p.Types, typ) {
			typ = p.Types[0]
		}
	}
	if !p.Scopes.Empty() && (scope == "" || !allScopesAllowed(scope, p.Scopes)) {
		scope = p.Scopes.firstName()
		if scope == "" && p.RequireScope {
			scope = "scope"
		}
	} else if scope == "" && p.RequireScope {
		scope = "scope"
	}
	desc = tidyDescription(desc)
	if desc == "" {
		desc = "describe the change"
	}
	build := func(d string) string {
		h := typ
		if scope != "" {
			h += "(" + scope + ")"
		}
		if bang {
			h += "!"
		}
		return h + ": " + d
	}
	out := build(desc)
	if p.MaxLength > 0 && utf8.RuneCountInString(out) > p.MaxLength {
		room := p.MaxLength - utf8.RuneCountInString(build(""))
		out = build(truncateWords(desc, room))
	}
	if _, err := conventional.ParseHeader(out); err != nil {
		return build("describe the change")
	}
	return out
}

func allScopesAllowed(scope string, set ScopeSet) bool {
	for _, s := range strings.Split(scope, ",") {
		if !set.Allows(strings.TrimSpace(s)) {
			return false
		}
	}
	return true
}

// tidyDescription trims, drops a final period, and lower-cases the first letter unless the first word
// is an acronym ("README").
func tidyDescription(d string) string {
	d = strings.TrimSpace(d)
	d = strings.TrimRight(d, ".")
	d = strings.TrimSpace(d)
	r, size := utf8.DecodeRuneInString(d)
	if size == 0 {
		return d
	}
	next, _ := utf8.DecodeRuneInString(d[size:])
	if unicode.IsUpper(r) && !unicode.IsUpper(next) {
		d = string(unicode.ToLower(r)) + d[size:]
	}
	return d
}

// truncateWords cuts s to at most n characters at a word boundary.
func truncateWords(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n]
	cut := string(rs)
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut)
}
