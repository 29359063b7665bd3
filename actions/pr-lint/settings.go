package main

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/prlint"
)

// defaultConfig is the config input's default: the file is optional at that path only.
const defaultConfig = ".github/pr-lint.yml"

// runInputs are the per-run inputs (never taken from a config file).
type runInputs struct {
	token                     string
	title, branch, base, head string
	config                    string
	// policy holds the raw values of the policy inputs, by input name.
	policy map[string]string
}

// readInputs reads every input; the policy inputs stay raw until the config file is merged in.
func readInputs(in *action.Inputs) runInputs {
	ri := runInputs{
		token:  in.Secret("token"),
		title:  in.String("title"),
		branch: in.String("branch"),
		base:   in.String("base"),
		head:   in.String("head"),
		config: in.String("config"),
		policy: map[string]string{},
	}
	for _, k := range prlint.ConfigKeys {
		ri.policy[k] = in.String(k)
	}
	return ri
}

// settings are the parsed policy.
type settings struct {
	title          prlint.TitlePolicy
	ignoreLabels   []string
	branch         prlint.BranchPolicy
	requiredFiles  []string
	forbiddenPaths []string
	maxFileSize    prlint.Size
	largeFiles     prlint.LargeFileMode
	singleCommit   bool
	sameAsTitle    bool
	comment        bool
}

// merge takes each policy setting from the input when it was changed from its action.yml default, else
// from the config file when the file sets it, else the default. It returns the values and where each
// came from.
func merge(inputs map[string]string, defaults map[string]string, file map[string]string, fileName string) (map[string]string, map[string]string) {
	vals, from := map[string]string{}, map[string]string{}
	for k, v := range inputs {
		vals[k], from[k] = v, "input "+k
		if fv, ok := file[k]; ok && v == defaults[k] {
			vals[k], from[k] = fv, fmt.Sprintf("setting %s of %s", k, fileName)
		}
	}
	return vals, from
}

// parseSettings validates every value and reports all the bad ones at once.
func parseSettings(vals, from map[string]string) (settings, error) {
	var s settings
	var problems []string
	bad := func(key, accepted string) {
		problems = append(problems, fmt.Sprintf("%s: %q is not accepted; %s", from[key], vals[key], accepted))
	}
	boolean := func(key string) bool {
		switch vals[key] {
		case "true", "True", "TRUE":
			return true
		case "false", "False", "FALSE", "":
			return false
		}
		bad(key, "accepted values are true or false")
		return false
	}
	regex := func(key string) *regexp.Regexp {
		if vals[key] == "" {
			return nil
		}
		re, err := prlint.CompilePattern(vals[key])
		if err != nil {
			bad(key, "a regular expression in RE2 syntax is accepted, and "+err.Error())
		}
		return re
	}

	maxLen, err := strconv.Atoi(vals["max-title-length"])
	if err != nil || maxLen < 0 || maxLen > 1000 {
		bad("max-title-length", "a whole number from 0 (no limit) to 1000 is accepted")
		maxLen = 0
	}
	title, errs := prlint.ParseTitlePolicy(prlint.TitleInputs{
		Types: vals["types"], Scopes: vals["scopes"], DisallowScopes: vals["disallow-scopes"],
		RequireScope:   boolean("require-scope"),
		SubjectPattern: vals["subject-pattern"], SubjectPatternError: vals["subject-pattern-error"],
		HeaderPattern: vals["header-pattern"], HeaderPatternCorrespondence: vals["header-pattern-correspondence"],
		MaxTitleLength: maxLen, AllowWIP: boolean("allow-wip"),
	})
	for _, e := range errs {
		bad(e.Input, e.Problem)
	}
	s.title = title
	s.ignoreLabels = action.SplitList(vals["ignore-labels"])

	s.branch.Pattern = regex("branch-pattern")
	s.branch.Exempt = action.SplitList(vals["branch-exempt"])
	if err := prlint.ValidateGlobs(s.branch.Exempt); err != nil {
		bad("branch-exempt", "globs such as dependabot/** are accepted: "+err.Error())
	}
	if s.branch.Targets, err = prlint.ParseTargets(vals["branch-targets"]); err != nil {
		bad("branch-targets", "one `head-glob: base, base` rule a line is accepted (e.g. `hotfix/*: main`): "+err.Error())
	}
	s.requiredFiles = action.SplitList(vals["required-files"])
	if err := prlint.ValidateGlobs(s.requiredFiles); err != nil {
		bad("required-files", "paths or globs are accepted: "+err.Error())
	}
	s.forbiddenPaths = action.SplitList(vals["forbidden-paths"])
	if err := prlint.ValidateForbiddenPaths(s.forbiddenPaths); err != nil {
		bad("forbidden-paths", "globs, each optionally preceded by ! to allow a path again, are accepted: "+err.Error())
	}
	if s.maxFileSize, err = prlint.ParseSize(vals["max-file-size"]); err != nil || s.maxFileSize.Bytes <= 0 {
		why := "it is zero"
		if err != nil {
			why = err.Error()
		}
		bad("max-file-size", "a positive size with a unit B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024), such as 1MB or 512KiB, or a number of bytes, is accepted: "+why)
	}
	switch strings.ToLower(vals["large-files"]) {
	case "warn":
		s.largeFiles = prlint.LargeFilesWarn
	case "fail":
		s.largeFiles = prlint.LargeFilesFail
	default:
		bad("large-files", "accepted values are warn, fail")
	}
	s.singleCommit = boolean("single-commit-matches-title")
	s.sameAsTitle = boolean("single-commit-same-as-title")
	s.comment = boolean("comment")
	if len(problems) > 0 {
		sort.Strings(problems)
		return s, action.Usagef("invalid settings:\n  %s", strings.Join(problems, "\n  "))
	}
	return s, nil
}
