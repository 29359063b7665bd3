// Package workflowpolicy checks GitHub Actions workflow files against the
// security policy of this repository: third-party actions pinned to full
// commit SHAs, explicit least-privilege permissions on every workflow and
// job, no attacker-controllable expression text interpolated into shell
// scripts, and a timeout on every job.
//
// actionlint checks that workflows are valid; this package checks that valid
// workflows are also safe to run. It parses workflows with actionlint's parser
// so both tools agree on what a workflow means.
package workflowpolicy

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rhysd/actionlint"
)

// Rule names one policy rule. Findings carry it so callers and tests can
// tell rules apart.
type Rule string

// The rules this package enforces.
const (
	// RuleSyntax reports a file that is not a parseable workflow.
	RuleSyntax Rule = "syntax"
	// RuleUnpinned reports a third-party action, reusable workflow or Docker
	// image that is not pinned to an immutable reference.
	RuleUnpinned Rule = "unpinned-uses"
	// RulePermissions reports a workflow or job without a permissions block.
	RulePermissions Rule = "missing-permissions"
	// RuleInjection reports an expression of an untrusted context
	// interpolated into a run: script (or an actions/github-script script).
	RuleInjection Rule = "expression-injection"
	// RuleTimeout reports a job without timeout-minutes.
	RuleTimeout Rule = "missing-timeout"
)

// Finding is one policy violation at a position of a workflow file.
type Finding struct {
	File    string
	Line    int
	Col     int
	Rule    Rule
	Message string
}

// String formats the finding like a compiler diagnostic:
// file:line:col: message [rule].
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s [%s]", f.File, f.Line, f.Col, f.Message, f.Rule)
}

// Policy holds the settings of the checks. The zero value is the strictest
// policy: every non-local reference must be pinned to a commit SHA.
type Policy struct {
	// TrustedRepos lists "owner/repo" names whose actions and reusable
	// workflows may be referenced by tag or branch: first-party code that is
	// released by the same process as the workflows referencing it (for
	// example "rose/actions"). Matching is case-insensitive.
	TrustedRepos []string
}

var (
	shaRef       = regexp.MustCompile(`^[0-9a-f]{40}$`)
	dockerDigest = regexp.MustCompile(`^docker://[^@\s]+@sha256:[0-9a-f]{64}$`)
)

// CheckDir checks every *.yml and *.yaml file directly inside dir and returns
// the findings of all of them, sorted by file and position. File names in the
// findings are dir joined with the base name.
func (p Policy) CheckDir(dir string) ([]Finding, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read workflow directory: %w", err)
	}
	var all []Finding
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || (filepath.Ext(name) != ".yml" && filepath.Ext(name) != ".yaml") {
			continue
		}
		path := filepath.Join(dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read workflow: %w", err)
		}
		all = append(all, p.Check(path, src)...)
	}
	return all, nil
}

// Check checks one workflow file's content. file is only used to label the
// findings. The findings are sorted by position.
func (p Policy) Check(file string, src []byte) []Finding {
	c := &checker{policy: p, file: file}
	wf, errs := actionlint.Parse(src)
	for _, e := range errs {
		c.add(e.Line, e.Column, RuleSyntax, "workflow cannot be parsed: %s", e.Message)
	}
	if wf == nil {
		return c.sorted()
	}
	c.workflow(wf)
	return c.sorted()
}

type checker struct {
	policy   Policy
	file     string
	findings []Finding
}

func (c *checker) add(line, col int, rule Rule, format string, args ...any) {
	c.findings = append(c.findings, Finding{
		File: c.file, Line: line, Col: col, Rule: rule, Message: fmt.Sprintf(format, args...),
	})
}

func (c *checker) addAt(pos *actionlint.Pos, rule Rule, format string, args ...any) {
	line, col := 1, 1
	if pos != nil {
		line, col = pos.Line, pos.Col
	}
	c.add(line, col, rule, format, args...)
}

func (c *checker) sorted() []Finding {
	sort.SliceStable(c.findings, func(i, j int) bool {
		a, b := c.findings[i], c.findings[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return c.findings
}

func (c *checker) workflow(wf *actionlint.Workflow) {
	if wf.Permissions == nil {
		c.add(1, 1, RulePermissions,
			"workflow has no top-level permissions: add `permissions: {}` (or the least it needs) so no job gets the default token scopes")
	}
	ids := make([]string, 0, len(wf.Jobs))
	for id := range wf.Jobs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c.job(wf.Jobs[id])
	}
}

func (c *checker) job(j *actionlint.Job) {
	if j == nil {
		return
	}
	name := ""
	if j.ID != nil {
		name = j.ID.Value
	}
	if j.Permissions == nil {
		c.addAt(j.Pos, RulePermissions,
			"job %q has no permissions: declare the least it needs (`permissions: {}` when it needs none)", name)
	}
	if j.WorkflowCall != nil {
		// A job that calls a reusable workflow cannot set timeout-minutes;
		// the called workflow's own jobs carry the timeouts.
		c.uses(j.WorkflowCall.Uses)
		return
	}
	if j.TimeoutMinutes == nil {
		c.addAt(j.Pos, RuleTimeout,
			"job %q has no timeout-minutes: a hung step would hold a runner for 6 hours", name)
	}
	for _, s := range j.Steps {
		c.step(s)
	}
}

func (c *checker) step(s *actionlint.Step) {
	if s == nil || s.Exec == nil {
		return
	}
	switch e := s.Exec.(type) {
	case *actionlint.ExecRun:
		if e.Run != nil {
			c.script(e.Run, "run: script")
		}
	case *actionlint.ExecAction:
		c.uses(e.Uses)
		if e.Uses != nil && strings.HasPrefix(strings.ToLower(e.Uses.Value), "actions/github-script@") {
			if in, ok := e.Inputs["script"]; ok && in.Value != nil {
				c.script(in.Value, "actions/github-script script")
			}
		}
	}
}

// uses checks one `uses:` reference of a step or a job.
func (c *checker) uses(u *actionlint.String) {
	if u == nil {
		return
	}
	v := strings.TrimSpace(u.Value)
	switch {
	case v == "":
		return
	case strings.Contains(v, "${{"):
		c.addAt(u.Pos, RuleUnpinned, "uses %q is built from an expression, so it cannot be pinned", v)
	case strings.HasPrefix(v, "./"):
		// Local action or reusable workflow of the same repository and commit.
	case strings.HasPrefix(v, "docker://"):
		if !dockerDigest.MatchString(v) {
			c.addAt(u.Pos, RuleUnpinned,
				"image %q is not pinned by digest: use docker://<image>@sha256:<64 hex digits>", v)
		}
	default:
		repo, ref, ok := splitUses(v)
		if !ok {
			c.addAt(u.Pos, RuleUnpinned, "uses %q has no @ref: pin it to a full commit SHA", v)
			return
		}
		if c.trusted(repo) {
			return
		}
		if !shaRef.MatchString(ref) {
			c.addAt(u.Pos, RuleUnpinned,
				"third-party %q is pinned to %q, which can move: pin it to the full 40-character commit SHA (keep the tag in a comment)",
				repo, ref)
		}
	}
}

// splitUses splits "owner/repo/path@ref" into "owner/repo" and "ref".
func splitUses(v string) (repo, ref string, ok bool) {
	at := strings.LastIndex(v, "@")
	if at < 0 {
		return "", "", false
	}
	path, ref := v[:at], v[at+1:]
	parts := strings.SplitN(path, "/", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" || ref == "" {
		return "", "", false
	}
	return parts[0] + "/" + parts[1], ref, true
}

func (c *checker) trusted(repo string) bool {
	for _, t := range c.policy.TrustedRepos {
		if strings.EqualFold(t, repo) {
			return true
		}
	}
	return false
}

// script reports every ${{ }} expression of s that reads an untrusted context.
func (c *checker) script(s *actionlint.String, where string) {
	v := s.Value
	block := !s.Quoted && strings.Contains(v, "\n")
	offset := 0
	for {
		i := strings.Index(v[offset:], "${{")
		if i < 0 {
			return
		}
		start := offset + i
		body := v[start+3:]
		line, col := position(s, v, start, block)
		lexer := actionlint.NewExprLexer(body)
		node, err := actionlint.NewExprParser().Parse(lexer)
		if err != nil {
			c.add(line, col, RuleInjection,
				"cannot parse the expression in a %s (%s): move the value to env: and use it as \"$VAR\"", where, err.Message)
			return
		}
		for _, ref := range untrusted(node) {
			c.add(line, col, RuleInjection,
				"%s is interpolated into a %s, where crafted text becomes code: pass it through env: and use it as \"$VAR\"",
				ref, where)
		}
		offset = start + 3 + lexer.Offset()
		if offset > len(v) {
			return
		}
	}
}

// position returns the line and column in the file of byte offset off of a
// scalar value v that starts at s.Pos. A block scalar's content starts on the
// line after its indicator; its column is not known exactly and is reported
// as the column of the key.
func position(s *actionlint.String, v string, off int, block bool) (int, int) {
	if s.Pos == nil {
		return 1, 1
	}
	nl := strings.Count(v[:off], "\n")
	if block {
		return s.Pos.Line + 1 + nl, s.Pos.Col
	}
	if nl > 0 {
		return s.Pos.Line + nl, 1
	}
	col := s.Pos.Col + off
	if s.Quoted {
		col++
	}
	return s.Pos.Line, col
}

// safeGitHub lists the properties of the github context whose values cannot
// be chosen by whoever opens a pull request, pushes a branch or comments: ids,
// numbers, fixed URLs and names GitHub restricts to a safe character set.
var safeGitHub = map[string]bool{
	"action_path": true, "action_repository": false, "actor": true, "actor_id": true,
	"api_url": true, "event_name": true, "graphql_url": true, "job": true, "repository": true,
	"repository_id": true, "repository_owner": true, "repository_owner_id": true, "retention_days": true,
	"run_attempt": true, "run_id": true, "run_number": true, "server_url": true, "sha": true,
	"triggering_actor": true, "workflow_sha": true, "workspace": true, "ref_type": true,
	"ref_protected": true, "output": true, "path": true, "env": true, "step_summary": true, "state": true,
}

// safeContexts are whole contexts that hold nothing a contributor controls.
var safeContexts = map[string]bool{
	"runner": true, "strategy": true, "matrix": true, "job": true, "vars": true,
}

// untrusted returns the context references of the expression that may carry
// attacker-controlled text (or secrets, which must not be written into a
// script file either), as dotted paths such as github.event.pull_request.title.
func untrusted(node actionlint.ExprNode) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(n actionlint.ExprNode)
	walk = func(n actionlint.ExprNode) {
		switch n := n.(type) {
		case *actionlint.VariableNode, *actionlint.ObjectDerefNode, *actionlint.IndexAccessNode, *actionlint.ArrayDerefNode:
			path, dynamic := refPath(n)
			for _, d := range dynamic {
				walk(d)
			}
			if path != "" && !safeRef(path) && !seen[path] {
				seen[path] = true
				out = append(out, path)
			}
		case *actionlint.NotOpNode:
			walk(n.Operand)
		case *actionlint.CompareOpNode:
			walk(n.Left)
			walk(n.Right)
		case *actionlint.LogicalOpNode:
			walk(n.Left)
			walk(n.Right)
		case *actionlint.FuncCallNode:
			for _, a := range n.Args {
				walk(a)
			}
		}
	}
	walk(node)
	return out
}

// refPath turns a chain of property accesses into a dotted path. Dynamic
// index expressions become "*" and are returned so they are checked too.
func refPath(n actionlint.ExprNode) (string, []actionlint.ExprNode) {
	switch n := n.(type) {
	case *actionlint.VariableNode:
		return strings.ToLower(n.Name), nil
	case *actionlint.ObjectDerefNode:
		p, d := refPath(n.Receiver)
		if p == "" {
			return "", d
		}
		return p + "." + strings.ToLower(n.Property), d
	case *actionlint.ArrayDerefNode:
		p, d := refPath(n.Receiver)
		if p == "" {
			return "", d
		}
		return p + ".*", d
	case *actionlint.IndexAccessNode:
		p, d := refPath(n.Operand)
		if p == "" {
			return "", append(d, n.Index)
		}
		if s, ok := n.Index.(*actionlint.StringNode); ok {
			return p + "." + strings.ToLower(s.Value), d
		}
		return p + ".*", append(d, n.Index)
	default:
		// A function call result or literal dereferenced: its own
		// references are found by walking it.
		return "", []actionlint.ExprNode{n}
	}
}

func safeRef(path string) bool {
	parts := strings.Split(path, ".")
	if safeContexts[parts[0]] {
		return true
	}
	if parts[0] == "github" && len(parts) == 2 {
		return safeGitHub[parts[1]]
	}
	return false
}
