package prlint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// DefaultBranchPattern is the branch-pattern input's default.
const DefaultBranchPattern = `^(feature|feat|fix|bugfix|hotfix|release|chore|docs|refactor|test|ci|perf|build)/[a-z0-9][a-z0-9._-]*$`

// DefaultBranchExempt is the branch-exempt input's default.
var DefaultBranchExempt = []string{"dependabot/**", "renovate/**", "release-please--*", "main", "develop"}

// TargetRule says which base branches a head branch matching Head may target.
type TargetRule struct {
	// Head is a glob (doublestar syntax: `*` within one path segment, `**` across segments).
	Head string
	// Bases are globs of the allowed base branches.
	Bases []string
}

// BranchPolicy is the branch-name and branch-target policy.
type BranchPolicy struct {
	// Pattern is the regular expression a head branch must match; nil disables the name check.
	Pattern *regexp.Regexp
	// Exempt globs exempt a head branch from the name check (and the target check).
	Exempt []string
	// Targets restrict the base branch by head branch; empty disables the target check.
	Targets []TargetRule
}

// ValidateGlobs returns an error naming the first malformed glob.
func ValidateGlobs(globs []string) error {
	for _, g := range globs {
		if !doublestar.ValidatePattern(g) {
			return fmt.Errorf("%q is not a valid glob", g)
		}
	}
	return nil
}

// matchGlob matches a branch name or path against a doublestar glob.
func matchGlob(glob, name string) bool {
	ok, err := doublestar.Match(glob, name)
	return err == nil && ok
}

// Exempted returns the exemption glob that matches branch, or "".
func (p BranchPolicy) Exempted(branch string) string {
	for _, g := range p.Exempt {
		if matchGlob(g, branch) {
			return g
		}
	}
	return ""
}

// BranchName checks the head branch name against the pattern unless an exemption matches.
func BranchName(branch string, p BranchPolicy) []Finding {
	if p.Pattern == nil || p.Exempted(branch) != "" {
		return nil
	}
	if branch == "" {
		return []Finding{{Check: CheckBranch, Level: Failure, Message: "the head branch name is unknown"}}
	}
	if p.Pattern.MatchString(branch) {
		return nil
	}
	msg := fmt.Sprintf("branch %q does not match the pattern %s; rename the branch (git branch -m NEW, then push it and open a new pull request)", branch, p.Pattern.String())
	return []Finding{{Check: CheckBranch, Level: Failure, Message: msg,
		Example: branchHint(branch, p.Pattern)}}
}

// branchHint proposes a conforming branch name: lower case, hyphens for other characters, and a
// prefix derived from the name when it has none. It returns "" when its proposal does not match either.
func branchHint(branch string, pattern *regexp.Regexp) string {
	prefix, rest, found := strings.Cut(branch, "/")
	if !found {
		prefix, rest = "", branch
	}
	slug := slugify(rest)
	candidates := []string{}
	if found {
		p := strings.ToLower(prefix)
		if t := typeFromWord(p, PatternSet{}); t != "" && t != p {
			candidates = append(candidates, branchPrefixFor(t)+"/"+slug)
		}
		candidates = append(candidates, p+"/"+slug)
	}
	candidates = append(candidates, "feature/"+slug, "fix/"+slug)
	for _, c := range candidates {
		if slug != "" && pattern.MatchString(c) {
			return c
		}
	}
	return ""
}

func branchPrefixFor(typ string) string {
	if typ == "feat" {
		return "feature"
	}
	return typ
}

// slugify lower-cases s and turns each run of characters outside [a-z0-9._] into one hyphen.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '.' || r == '_' {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = true
	}
	return strings.Trim(b.String(), "-._")
}

// BranchTarget checks that the base branch is allowed for the head branch. The rules whose Head glob
// matches the head branch together allow the union of their Bases; a head branch that no rule matches,
// or that is exempt, may target anything.
func BranchTarget(branch, base string, p BranchPolicy) []Finding {
	if len(p.Targets) == 0 || p.Exempted(branch) != "" {
		return nil
	}
	var allowed []string
	matched := false
	for _, r := range p.Targets {
		if !matchGlob(r.Head, branch) {
			continue
		}
		matched = true
		for _, b := range r.Bases {
			if matchGlob(b, base) {
				return nil
			}
			allowed = append(allowed, b)
		}
	}
	if !matched {
		return nil
	}
	return []Finding{{Check: CheckTargets, Level: Failure, Message: fmt.Sprintf(
		"branch %q may not target %q; it may target %s", branch, base, strings.Join(quoteAll(allowed), ", "))}}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// ParseTargets reads branch targets written one rule a line as `head-glob: base-glob, base-glob`
// (the branch-targets input). Blank lines and lines starting with # are ignored.
func ParseTargets(text string) ([]TargetRule, error) {
	var rules []TargetRule
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// The separator is the last ": " or trailing ":" so that globs may hold colons only in theory;
		// branch names cannot contain ':' in git, so the first colon is the separator.
		head, bases, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("line %d %q: want `head-glob: base, base`", i+1, line)
		}
		r := TargetRule{Head: strings.TrimSpace(head)}
		for _, b := range strings.Split(bases, ",") {
			if b = strings.TrimSpace(b); b != "" {
				r.Bases = append(r.Bases, b)
			}
		}
		if r.Head == "" || len(r.Bases) == 0 {
			return nil, fmt.Errorf("line %d %q: want `head-glob: base, base`", i+1, line)
		}
		if err := ValidateGlobs(append([]string{r.Head}, r.Bases...)); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		rules = append(rules, r)
	}
	return rules, nil
}
