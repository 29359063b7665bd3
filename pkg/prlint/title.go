package prlint

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
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
	// Types lists the allowed types: exact names or whole-type patterns; empty allows any type.
	Types PatternSet
	// Scopes lists the allowed scopes; empty allows any scope.
	Scopes ScopeSet
	// DisallowScopes lists scopes that must not appear (each scope of `fix(a,b): x` is checked).
	DisallowScopes PatternSet
	// RequireScope fails a title without a scope.
	RequireScope bool
	// SubjectPattern, when set, must match the whole description.
	SubjectPattern *regexp.Regexp
	// SubjectPatternError replaces the message of a description that does not match SubjectPattern;
	// {subject} and {title} are replaced by the description and the title.
	SubjectPatternError string
	// HeaderPattern, when set, replaces the Conventional Commits grammar: its capture groups give the type,
	// scope and subject in the order of HeaderCorrespondence.
	HeaderPattern *regexp.Regexp
	// HeaderCorrespondence names the capture groups of HeaderPattern: "type", "scope", "subject".
	HeaderCorrespondence []string
	// MaxLength is the longest title in characters; 0 means no limit.
	MaxLength int
	// AllowWIP reports work-in-progress titles and draft pull requests as pending instead of failed.
	AllowWIP bool
}

// DefaultHeaderCorrespondence is the header-pattern-correspondence input's default.
var DefaultHeaderCorrespondence = []string{"type", "scope", "subject"}

// MustTypes builds a PatternSet of types from trusted entries (it panics on a bad pattern).
func MustTypes(entries ...string) PatternSet {
	s, err := ParsePatterns(entries)
	if err != nil {
		panic(err)
	}
	return s
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
	// Commit is the parsed title (parsed without its WIP marker when WIP is true). For a title that is not
	// valid it holds what could be parsed: `fix: ` gives the type "fix" and no description.
	Commit conventional.Commit
	// Conventional is true when the title (without WIP marker) follows the grammar (Conventional Commits,
	// or HeaderPattern when set).
	Conventional bool
	// WIP is true when the title or the draft state marks work in progress and AllowWIP is set.
	WIP bool
	// Problems lists what is wrong with the title, each with its kind.
	Problems []Problem
	// Findings are failures, or pending findings for work in progress.
	Findings []Finding
}

// ProblemKind classifies a title problem.
type ProblemKind string

// The kinds of title problems.
const (
	ProblemLineBreak      ProblemKind = "line-break"
	ProblemNoType         ProblemKind = "no-type"          // no type could be read
	ProblemGrammar        ProblemKind = "grammar"          // a type, but not `type(scope): description`
	ProblemNoSubject      ProblemKind = "no-subject"       // nothing after `type: `
	ProblemType           ProblemKind = "type"             // the type is not allowed
	ProblemRequireScope   ProblemKind = "require-scope"    // no scope, and one is required
	ProblemScope          ProblemKind = "scope"            // a scope is not allowed
	ProblemDisallowScope  ProblemKind = "disallowed-scope" // a scope is in disallow-scopes
	ProblemSubjectPattern ProblemKind = "subject-pattern"  // the description does not match subject-pattern
	ProblemLength         ProblemKind = "length"           // over max-title-length
	ProblemWIP            ProblemKind = "wip"              // marked as work in progress
)

// Problem is one thing wrong with a title.
type Problem struct {
	Kind    ProblemKind
	Message string
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
// conventional.ParseHeader (the parser of the release actions), or match HeaderPattern when the policy sets
// one, then follow the policy. Problems make one failure finding (pending for work in progress when the
// policy allows it) that quotes the title, with a corrected example.
func Title(title string, tc TitleContext, p TitlePolicy) TitleResult {
	res := TitleResult{}
	markedWIP := p.AllowWIP && IsWIPTitle(title)
	res.WIP = p.AllowWIP && (markedWIP || tc.Draft)
	header := title
	if markedWIP {
		header = stripWIP(title)
	}
	problems, c, ok := titleProblems(header, title, tc.Branch, p)
	res.Commit, res.Conventional = c, ok
	if markedWIP {
		problems = append([]Problem{{ProblemWIP, "it is marked as work in progress; remove the WIP marker when the pull request is ready"}}, problems...)
	}
	res.Problems = problems
	if len(problems) == 0 {
		return res
	}
	level := Failure
	if res.WIP {
		level = Pending
	}
	res.Findings = []Finding{{Check: CheckTitle, Level: level,
		Message: fmt.Sprintf("title %q: %s", markdown.OneLine(title), joinProblems(problems)),
		Example: SuggestTitle(header, tc.Branch, p)}}
	return res
}

func joinProblems(ps []Problem) string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "; ")
}

// CommitHeader returns the first line of a commit message.
func CommitHeader(message string) string {
	header, _, _ := strings.Cut(strings.ReplaceAll(message, "\r\n", "\n"), "\n")
	return header
}

// CommitMessage applies the title rules to the header of a commit message (for a single-commit pull
// request, whose message GitHub uses when squash-merging). WIP markers are not allowed there.
func CommitMessage(message string, branch string, p TitlePolicy) []Finding {
	header := CommitHeader(message)
	problems, _, _ := titleProblems(header, header, branch, p)
	if len(problems) == 0 {
		return nil
	}
	return []Finding{{Check: CheckSingleCommit, Level: Failure,
		Message: fmt.Sprintf("the only commit's message %q is used when the pull request is squash-merged and must follow the title rules too: %s",
			markdown.OneLine(header), joinProblems(problems)),
		Example: SuggestTitle(header, branch, p)}}
}

// CommitSameAsTitle checks that the header of a one-commit pull request's only commit equals its title:
// GitHub proposes that commit's message, not the title, when squash-merging it.
func CommitSameAsTitle(message, title string) []Finding {
	header := CommitHeader(message)
	if header == title {
		return nil
	}
	return []Finding{{Check: CheckSameAsTitle, Level: Failure, Example: title, Message: fmt.Sprintf(
		"the pull request has one commit, and GitHub squash-merges it with that commit's message, not the title: the title %q differs from the commit header %q; amend the commit (git commit --amend -m %q, then push --force-with-lease) or rename the pull request",
		markdown.OneLine(title), markdown.OneLine(header), markdown.OneLine(title))}}
}

// ParseTitle reads a header with the policy's grammar: HeaderPattern when set, else Conventional Commits
// (conventional.ParseHeader), where a type pattern of Types may also match a type holding characters
// outside letters, digits and underscores (`JIRA-123: x`). The Commit holds what could be read either way.
func ParseTitle(header string, p TitlePolicy) (conventional.Commit, error) {
	if p.HeaderPattern != nil {
		return parseWithPattern(header, p)
	}
	c, err := conventional.ParseHeader(header)
	if err == nil || !p.Types.HasPatterns() {
		if err != nil && c.Type == "" {
			// `fix:` or `fix(api)!:` has a type and nothing after it: keep what it says.
			if m := bareType.FindStringSubmatch(header); m != nil {
				c.Type, c.Scope, c.Bang, c.Breaking, c.Description = m[1], m[2], m[3] == "!", m[3] == "!", ""
				err = fmt.Errorf("%w after %q", conventional.ErrNoDescription, header)
			}
		}
		return c, err
	}
	// A pattern type such as JIRA-\d+: read the type up to the scope or the colon, and the rest with the
	// Conventional Commits grammar.
	i := strings.IndexAny(header, "(!: ")
	if i <= 0 || !p.Types.Matches(header[:i]) {
		return c, err
	}
	rest, rerr := conventional.ParseHeader("x" + header[i:])
	rest.Header, rest.Type = header, header[:i]
	if rerr == nil {
		rest.Conventional = true
	}
	return rest, rerr
}

var bareType = regexp.MustCompile(`^(\w+)(?:\(([^()]*)\))?(!?):\s*$`)

// ErrHeaderPattern is returned by ParseTitle when a title does not match the policy's HeaderPattern.
var ErrHeaderPattern = errors.New("the title does not match header-pattern")

func parseWithPattern(header string, p TitlePolicy) (conventional.Commit, error) {
	c := conventional.Commit{Header: header}
	m := p.HeaderPattern.FindStringSubmatch(header)
	if m == nil {
		return c, fmt.Errorf("%w %s", ErrHeaderPattern, p.HeaderPattern.String())
	}
	corr := p.HeaderCorrespondence
	if len(corr) == 0 {
		corr = DefaultHeaderCorrespondence
	}
	for i, name := range corr {
		if i+1 >= len(m) {
			break
		}
		switch name {
		case "type":
			c.Type = m[i+1]
		case "scope":
			c.Scope = m[i+1]
		case "subject":
			c.Description = m[i+1]
		}
	}
	for _, s := range strings.Split(c.Scope, ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.Scopes = append(c.Scopes, s)
		}
	}
	switch {
	case c.Type == "":
		return c, fmt.Errorf("%w: header-pattern %s matched no type", conventional.ErrNoType, p.HeaderPattern.String())
	case strings.TrimSpace(c.Description) == "":
		return c, fmt.Errorf("%w after %q", conventional.ErrNoDescription, header)
	}
	c.Conventional = true
	return c, nil
}

// titleProblems checks one header line and returns its problems, the parsed commit and whether the
// header follows the grammar. title is the text quoted in messages (with its WIP marker).
func titleProblems(header, title, branch string, p TitlePolicy) ([]Problem, conventional.Commit, bool) {
	var problems []Problem
	if strings.ContainsAny(header, "\r\n") {
		problems = append(problems, Problem{ProblemLineBreak, "it contains a line break"})
	}
	c, err := ParseTitle(header, p)
	if err != nil {
		problems = append(problems, grammarProblem(header, branch, c, err, p))
	} else {
		problems = append(problems, policyProblems(c, title, p)...)
	}
	if p.MaxLength > 0 {
		if n := utf8.RuneCountInString(header); n > p.MaxLength {
			problems = append(problems, Problem{ProblemLength, fmt.Sprintf("it is %d characters long, over the limit of %d (max-title-length)", n, p.MaxLength)})
		}
	}
	return problems, c, err == nil
}

func grammarProblem(header, branch string, c conventional.Commit, err error, p TitlePolicy) Problem {
	switch {
	case errors.Is(err, conventional.ErrNoDescription):
		return Problem{ProblemNoSubject, fmt.Sprintf("no description after the type %q: write what the change does, e.g. `%s: describe the change`", c.Type, c.Type)}
	case errors.Is(err, ErrHeaderPattern):
		return Problem{ProblemNoType, err.Error() + availableTypes(p)}
	}
	kind := ProblemGrammar
	if c.Type == "" {
		kind = ProblemNoType
	}
	// The parser's message quotes the header, which the finding already quotes.
	why := strings.ReplaceAll(err.Error(), strconv.Quote(header), "the title")
	msg := fmt.Sprintf("it is not a Conventional Commits header `type(scope): description`: %s", why)
	if branch != "" && looksLikeDefaultTitle(header, branch) {
		msg += fmt.Sprintf("; it is GitHub's default title for the branch %q, which must be renamed", branch)
	}
	if kind == ProblemNoType {
		msg += availableTypes(p)
	}
	return Problem{kind, msg}
}

// availableTypes lists the allowed types for a message, or says that any type is accepted.
func availableTypes(p TitlePolicy) string {
	if p.Types.Empty() {
		return "; any type is accepted"
	}
	return "; available types: " + p.Types.String()
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

func policyProblems(c conventional.Commit, title string, p TitlePolicy) []Problem {
	var problems []Problem
	if !p.Types.Allows(c.Type) {
		msg := fmt.Sprintf("type %q is not allowed%s", c.Type, availableTypes(p))
		if lower := strings.ToLower(c.Type); lower != c.Type && p.Types.Matches(lower) {
			msg = fmt.Sprintf("type %q must be written in lower case: %q", c.Type, lower)
		}
		problems = append(problems, Problem{ProblemType, msg})
	}
	scopes := c.Scopes
	if len(scopes) == 0 && strings.TrimSpace(c.Scope) != "" {
		scopes = []string{strings.TrimSpace(c.Scope)}
	}
	if p.RequireScope && len(scopes) == 0 {
		msg := "a scope is required, e.g. `type(scope): description`"
		if !p.Scopes.Empty() {
			msg += "; allowed scopes: " + p.Scopes.String()
		}
		problems = append(problems, Problem{ProblemRequireScope, msg})
	}
	var unknown, disallowed []string
	for _, s := range scopes {
		if !p.Scopes.Allows(s) {
			unknown = append(unknown, s)
		}
		if p.DisallowScopes.Matches(s) {
			disallowed = append(disallowed, s)
		}
	}
	if len(unknown) > 0 {
		problems = append(problems, Problem{ProblemScope, fmt.Sprintf("%s not allowed; allowed scopes: %s",
			pluralQuoted("scope", unknown), p.Scopes.String())})
	}
	if len(disallowed) > 0 {
		problems = append(problems, Problem{ProblemDisallowScope, fmt.Sprintf("%s disallowed (disallow-scopes: %s)",
			pluralQuoted("scope", disallowed), p.DisallowScopes.String())})
	}
	if p.SubjectPattern != nil && !matchesWhole(p.SubjectPattern, c.Description) {
		msg := fmt.Sprintf("the description %q does not match the pattern %s (subject-pattern, matched against the whole description)",
			c.Description, p.SubjectPattern.String())
		if p.SubjectPatternError != "" {
			msg = FormatSubjectError(p.SubjectPatternError, c.Description, title)
		}
		problems = append(problems, Problem{ProblemSubjectPattern, msg})
	}
	return problems
}

// pluralQuoted renders `scope "a" is` or `scopes "a", "b" are`.
func pluralQuoted(word string, items []string) string {
	q := strings.Join(quoteAll(items), ", ")
	if len(items) == 1 {
		return fmt.Sprintf("%s %s is", word, q)
	}
	return fmt.Sprintf("%ss %s are", word, q)
}

// matchesWhole reports whether re matches all of s: its leftmost match spans s, or the pattern anchored at
// both ends matches (so `foo|foobar` accepts "foobar").
func matchesWhole(re *regexp.Regexp, s string) bool {
	if loc := re.FindStringIndex(s); loc == nil {
		return false
	} else if loc[0] == 0 && loc[1] == len(s) {
		return true
	}
	whole, err := regexp.Compile(`^(?:` + re.String() + `)$`)
	return err == nil && whole.MatchString(s)
}

// FormatSubjectError fills the subject-pattern-error template: {subject} and {title} are replaced by the
// title's description and the title (line breaks in the template are kept as spaces).
func FormatSubjectError(template, subject, title string) string {
	msg := strings.NewReplacer("{subject}", subject, "{title}", title).Replace(template)
	return markdown.OneLine(msg)
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
func typeFromWord(word string, allowed PatternSet) string {
	w := strings.ToLower(word)
	t, ok := typeWords[w]
	if !ok {
		if !allowed.Empty() && allowed.Matches(w) {
			return w
		}
		return ""
	}
	if !allowed.Allows(t) {
		if allowed.Matches(w) {
			return w
		}
		return ""
	}
	return t
}

var leadingWord = regexp.MustCompile(`^([A-Za-z]+)\s*(?:\(([^()]*)\))?\s*(!?)\s*(?:[:\-]\s*|\s+)(\S.*)$`)

// onlyWord is a title that is a type word and nothing else: `fix:`, `fix(api)!:`, `Fix -`.
var onlyWord = regexp.MustCompile(`^([A-Za-z]+)\s*(?:\(([^()]*)\))?\s*(!?)\s*[:\-]?\s*$`)

// SuggestTitle proposes a corrected title: a conventional header keeping as much of the original as it
// can, with a type taken from the title's first word or the branch prefix. It returns "" when the policy
// allows no type it can write (only patterns that no Conventional Commits type matches).
func SuggestTitle(title, branch string, p TitlePolicy) string {
	s := strings.TrimSpace(markdown.OneLine(stripWIP(title)))
	var typ, scope, desc string
	bang := false
	if c, err := conventional.ParseHeader(s); err == nil || (c.Type != "" && errors.Is(err, conventional.ErrNoDescription)) {
		typ = typeFromWord(c.Type, p.Types)
		scope, desc, bang = strings.TrimSpace(c.Scope), c.Description, c.Bang
	} else if m := slashTitle.FindStringSubmatch(s); m != nil && typeFromWord(m[1], p.Types) != "" {
		// GitHub's default title for a branch "fix/x" is "Fix/x".
		typ, desc = typeFromWord(m[1], p.Types), strings.NewReplacer("-", " ", "_", " ", "/", " ").Replace(m[2])
	} else if m := onlyWord.FindStringSubmatch(s); m != nil && typeFromWord(m[1], p.Types) != "" {
		// `fix:` alone: the type is right, the description is missing.
		typ, scope, bang = typeFromWord(m[1], p.Types), m[2], m[3] == "!"
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
		if !p.Types.Allows(typ) {
			typ = p.Types.firstName()
		}
	}
	if typ == "" || !isWordType(typ) {
		return ""
	}
	if !allScopesAllowed(scope, p) {
		scope = firstAllowedScope(p)
		if scope == "" && p.RequireScope {
			scope = "scope"
		}
	} else if scope == "" && p.RequireScope {
		scope = firstAllowedScope(p)
		if scope == "" {
			scope = "scope"
		}
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

func isWordType(t string) bool {
	for i := 0; i < len(t); i++ {
		if !(t[i] == '_' || t[i] >= '0' && t[i] <= '9' || t[i] >= 'a' && t[i] <= 'z' || t[i] >= 'A' && t[i] <= 'Z') {
			return false
		}
	}
	return t != ""
}

// firstAllowedScope returns the first scope name of the allowed list that is not disallowed, or "".
func firstAllowedScope(p TitlePolicy) string {
	for _, n := range p.Scopes.names {
		if p.Scopes.exact[n] && !p.DisallowScopes.Matches(n) {
			return n
		}
	}
	return ""
}

func allScopesAllowed(scope string, p TitlePolicy) bool {
	if strings.TrimSpace(scope) == "" {
		return true
	}
	for _, s := range strings.Split(scope, ",") {
		s = strings.TrimSpace(s)
		if !p.Scopes.Allows(s) || p.DisallowScopes.Matches(s) {
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
