package prlint

import (
	"fmt"
	"strings"
)

// TitleInputs are the raw values of the title inputs, as written in action.yml or the config file.
type TitleInputs struct {
	Types, Scopes, DisallowScopes              string
	RequireScope                               bool
	SubjectPattern, SubjectPatternError        string
	HeaderPattern, HeaderPatternCorrespondence string
	MaxTitleLength                             int
	AllowWIP                                   bool
}

// InputError is a bad value of one input: what is wrong with it and what is accepted.
type InputError struct {
	Input, Problem string
}

func (e InputError) Error() string { return e.Input + ": " + e.Problem }

// ParseTitlePolicy turns the title inputs into a policy. It returns every bad value, by input.
func ParseTitlePolicy(in TitleInputs) (TitlePolicy, []InputError) {
	p := TitlePolicy{RequireScope: in.RequireScope, MaxLength: in.MaxTitleLength, AllowWIP: in.AllowWIP,
		SubjectPatternError: strings.TrimSpace(in.SubjectPatternError)}
	var errs []InputError
	bad := func(input, problem string) { errs = append(errs, InputError{input, problem}) }
	var err error
	if p.Types, err = ParsePatterns(SplitPatterns(in.Types)); err != nil {
		bad("types", "type names or regular expressions are accepted: "+err.Error())
	}
	if p.Scopes, err = ParsePatterns(SplitPatterns(in.Scopes)); err != nil {
		bad("scopes", "scope names or regular expressions are accepted: "+err.Error())
	}
	if p.DisallowScopes, err = ParsePatterns(SplitPatterns(in.DisallowScopes)); err != nil {
		bad("disallow-scopes", "scope names or regular expressions are accepted: "+err.Error())
	}
	if in.SubjectPattern != "" {
		if p.SubjectPattern, err = CompilePattern(in.SubjectPattern); err != nil {
			bad("subject-pattern", "a regular expression in RE2 syntax is accepted, and "+err.Error())
		}
	}
	if in.HeaderPattern != "" {
		if p.HeaderPattern, err = CompilePattern(in.HeaderPattern); err != nil {
			bad("header-pattern", "a regular expression in RE2 syntax with capture groups is accepted, and "+err.Error())
		}
	}
	corr, cerr := parseCorrespondence(in.HeaderPatternCorrespondence)
	if cerr != nil {
		bad("header-pattern-correspondence", cerr.Error())
	}
	p.HeaderCorrespondence = corr
	if p.HeaderPattern != nil && cerr == nil {
		if n := p.HeaderPattern.NumSubexp(); n < len(corr) {
			bad("header-pattern", fmt.Sprintf("it has %d capture groups, fewer than the %d parts named by header-pattern-correspondence (%s)",
				n, len(corr), strings.Join(corr, ", ")))
		}
	}
	return p, errs
}

// parseCorrespondence reads `type, scope, subject` (comma- or newline-separated, so a config file's list
// works too) in any order; each part at most once, and the type and the subject are required.
func parseCorrespondence(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return DefaultHeaderCorrespondence, nil
	}
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		part = strings.ToLower(strings.TrimSpace(part))
		switch {
		case part == "":
			continue
		case part != "type" && part != "scope" && part != "subject":
			return nil, fmt.Errorf("%q is not a part; accepted: type, scope and subject, comma-separated, in the order of the capture groups (e.g. `type,scope,subject`)", part)
		case seen[part]:
			return nil, fmt.Errorf("%q appears twice; name each of type, scope and subject at most once", part)
		}
		seen[part] = true
		out = append(out, part)
	}
	if !seen["type"] || !seen["subject"] {
		return nil, fmt.Errorf("%q must name type and subject (scope is optional), e.g. `type,scope,subject`", s)
	}
	return out, nil
}

// SplitPatterns splits a list input on line breaks, and on commas outside brackets and braces, so that a
// regular expression such as `\d{1,3}` or `(a,b)` stays whole. Items are trimmed; empty ones are dropped.
func SplitPatterns(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	escaped := false
	flush := func() {
		if item := strings.TrimSpace(cur.String()); item != "" {
			out = append(out, item)
		}
		cur.Reset()
	}
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '(' || r == '[' || r == '{':
			depth++
		case (r == ')' || r == ']' || r == '}') && depth > 0:
			depth--
		case r == '\n' || r == '\r':
			depth = 0
			flush()
			continue
		case r == ',' && depth == 0:
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}
