package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/prlint"
	"github.com/rose/actions/pkg/wait"
)

// run is the action's logic with real dependencies.
func run(ctx context.Context, rt *action.Runtime) error {
	return lint(ctx, rt, deps{sleep: wait.Sleep})
}

// maxAnnotations bounds the annotations printed per check.
const maxAnnotations = 25

// deps are what tests replace.
type deps struct {
	// sleep waits between polls of the mergeable state.
	sleep func(ctx context.Context, d time.Duration) error
}

// pull is what pr-lint knows of the pull request.
type pull struct {
	event                string
	number               int
	title                string
	draft                bool
	branch, baseRef      string
	baseSHA, headSHA     string
	commits, changedFile int
}

var mergeQueueRef = regexp.MustCompile(`/pr-([0-9]+)-[0-9a-f]+$`)

// fromEvent reads the pull request of a pull_request, pull_request_target or merge_group event.
func fromEvent(rt *action.Runtime) (pull, error) {
	p := pull{event: rt.EventName()}
	if rt.Local() || p.event == "" {
		return p, nil
	}
	ev, err := rt.Event()
	if err != nil {
		return p, err
	}
	switch e := ev.(type) {
	case *github.PullRequestEvent:
		pr := e.GetPullRequest()
		p.number = pr.GetNumber()
		if p.number == 0 {
			p.number = e.GetNumber()
		}
		p.title, p.draft = pr.GetTitle(), pr.GetDraft()
		p.branch, p.baseRef = pr.GetHead().GetRef(), pr.GetBase().GetRef()
		p.headSHA, p.baseSHA = pr.GetHead().GetSHA(), pr.GetBase().GetSHA()
		p.commits, p.changedFile = pr.GetCommits(), pr.GetChangedFiles()
	case *github.MergeGroupEvent:
		mg := e.GetMergeGroup()
		p.headSHA, p.baseSHA = mg.GetHeadSHA(), mg.GetBaseSHA()
		p.baseRef = strings.TrimPrefix(mg.GetBaseRef(), "refs/heads/")
		if m := mergeQueueRef.FindStringSubmatch(mg.GetHeadRef()); m != nil {
			p.number, _ = strconv.Atoi(m[1])
		}
	}
	return p, nil
}

// isPR reports whether the event is about a pull request (not the merge queue).
func (p pull) isPR() bool { return p.event == "pull_request" || p.event == "pull_request_target" }

// lint runs every check.
func lint(ctx context.Context, rt *action.Runtime, d deps) error {
	in := rt.Inputs()
	ri := readInputs(in)
	if err := in.Err(); err != nil {
		return err
	}
	p, err := fromEvent(rt)
	if err != nil {
		return err
	}
	// pull_request_target runs with the base repository's token on untrusted head code: nothing of the
	// head is read from the workspace, only what the API gives.
	target := p.event == "pull_request_target"
	owner, repo := rt.Repo()
	var api *apiSource
	if ri.token != "" && owner != "" && !rt.Local() {
		gh, err := rt.GitHubClient(ri.token)
		if err != nil {
			return err
		}
		api = &apiSource{gh: gh, owner: owner, repo: repo, sleep: d.sleep}
	}
	notice := func(format string, args ...any) {
		rt.Annotate(action.Annotation{Level: action.LevelNotice, Title: "pr-lint", Message: fmt.Sprintf(format, args...)})
	}

	// The merge queue's event has no title or branch: read them from the pull request.
	if p.event == "merge_group" && p.number > 0 && api != nil {
		pr, err := api.pullRequest(ctx, p.number, false)
		switch {
		case err != nil && isPermission(err):
			rt.Warningf("pull request #%d could not be read (the token needs pull-requests: read): %v", p.number, err)
		case err != nil:
			return err
		default:
			p.title, p.branch, p.draft = pr.GetTitle(), pr.GetHead().GetRef(), pr.GetDraft()
			p.commits = pr.GetCommits()
		}
	}
	if ri.title != "" {
		p.title = ri.title
	}
	if ri.branch != "" {
		p.branch = ri.branch
	}
	if ri.base != "" {
		p.baseSHA = ri.base
	}
	if ri.head != "" {
		p.headSHA = ri.head
	}

	var gs *gitSource
	if !target {
		gs = openGit(rt.Workspace())
	}
	if rt.Local() && gs != nil {
		if p.branch == "" {
			p.branch = gs.headBranch()
		}
		if p.headSHA == "" {
			p.headSHA = "HEAD"
		}
	}

	cfg, err := loadConfig(ctx, rt, ri.config, target, api, p.baseSHA)
	if err != nil {
		return err
	}
	defaults := map[string]string{}
	for k := range ri.policy {
		if m, ok := rt.Metadata().Inputs[k]; ok && m.Default != nil {
			defaults[k] = strings.TrimSpace(*m.Default)
		}
	}
	vals, from := merge(ri.policy, defaults, cfg, ri.config)
	s, err := parseSettings(vals, from)
	if err != nil {
		return err
	}

	// The pull request as it is now (the payload may be stale), polled until GitHub knows whether it merges.
	var livePR *github.PullRequest
	if p.isPR() && api != nil && p.number > 0 {
		livePR, err = api.pullRequest(ctx, p.number, true)
		switch {
		case err != nil && isPermission(err):
			rt.Warningf("pull request #%d could not be read (the token needs pull-requests: read): %v", p.number, err)
			livePR = nil
		case err != nil:
			return err
		default:
			// A re-run gets the payload of the first run: the title and draft state may have changed since.
			p.commits, p.changedFile, p.draft = livePR.GetCommits(), livePR.GetChangedFiles(), livePR.GetDraft()
			if ri.title == "" && livePR.GetTitle() != "" {
				p.title = livePR.GetTitle()
			}
		}
	}

	rep := &prlint.Report{Title: p.title, Branch: p.branch}

	// 1. Title.
	var title prlint.TitleResult
	if p.title != "" {
		title = prlint.Title(p.title, prlint.TitleContext{Draft: p.draft, Branch: p.branch}, s.title)
		rep.Ran(prlint.CheckTitle)
		rep.Add(title.Findings...)
	} else {
		rep.Skip(prlint.CheckTitle, "no pull request title: set the title input")
	}

	// 2. Branch name and target.
	if s.branch.Pattern != nil {
		if p.branch != "" {
			rep.Ran(prlint.CheckBranch)
			rep.Add(prlint.BranchName(p.branch, s.branch)...)
		} else {
			rep.Skip(prlint.CheckBranch, "no head branch: set the branch input")
		}
	}
	if len(s.branch.Targets) > 0 {
		switch {
		case p.branch == "" || p.baseRef == "":
			rep.Skip(prlint.CheckTargets, "the base branch is known only from a pull request or merge queue event")
		default:
			rep.Ran(prlint.CheckTargets)
			rep.Add(prlint.BranchTarget(p.branch, p.baseRef, s.branch)...)
		}
	}

	// 3-5. Content checks: git objects when the workspace has them, else the API.
	content(ctx, rt, rep, s, p, gs, api)

	// 5. Mergeable state.
	switch {
	case rt.Local():
		notice("merge conflicts: the mergeable state comes from the GitHub API on a pull request event; skipped locally")
	case !p.isPR():
	case livePR == nil:
		rep.Skip(prlint.CheckConflicts, "the mergeable state needs the GitHub API (a token)")
	default:
		rep.Ran(prlint.CheckConflicts)
		rep.Add(prlint.Mergeable(livePR.Mergeable, livePR.GetMergeableState())...)
	}

	// 6. Single commit.
	if s.singleCommit {
		singleCommit(ctx, rep, s, p, gs, api)
	}

	// Report.
	md := rep.Markdown()
	// GitHub shows only the first annotations of a step; beyond maxAnnotations per check the report has them.
	perCheck := map[prlint.Check]int{}
	for _, f := range rep.Findings {
		if perCheck[f.Check]++; perCheck[f.Check] <= maxAnnotations {
			annotate(rt, f)
		}
	}
	for _, c := range rep.Checks() {
		if n := perCheck[c]; n > maxAnnotations {
			notice("%s: %d more findings are listed in the report (job summary)", c.Label(), n-maxAnnotations)
		}
	}
	for _, c := range rep.Checks() {
		if r := rep.SkipReason(c); r != "" {
			notice("%s check skipped: %s", c.Label(), r)
		}
	}
	if err := setOutputs(rt, title, rep, md); err != nil {
		return err
	}
	if err := rt.AddSummary(md); err != nil {
		return err
	}
	switch {
	case !s.comment:
	case !p.isPR() || p.number == 0:
	case api == nil:
		notice("the report comment needs a token")
	default:
		body := md
		if rep.Clean() {
			body = ""
		}
		did, err := (&stickyComment{api: api, number: p.number}).sync(ctx, body)
		switch {
		case err != nil && isPermission(err):
			rt.Warningf("the report comment could not be written (the token may not write pull requests, as on a fork): %v", err)
		case err != nil:
			return err
		default:
			rt.Infof("report comment: %s", did)
		}
	}
	rt.Infof("pr-lint: %s", rep.Headline())
	if rep.Failed() {
		return action.Failf("pr-lint: %s", rep.Headline())
	}
	return nil
}

// content runs the checks that read the head commit: required files, large files and conflict markers.
func content(ctx context.Context, rt *action.Runtime, rep *prlint.Report, s settings, p pull, gs *gitSource, api *apiSource) {
	// Git objects first.
	if gs != nil && p.headSHA != "" {
		if head, err := gs.commit(p.headSHA); err == nil {
			if len(s.requiredFiles) > 0 {
				if files, err := gs.files(head); err == nil {
					rep.Ran(prlint.CheckRequiredFiles)
					rep.Add(prlint.RequiredFiles(s.requiredFiles, files)...)
				} else {
					rep.Skip(prlint.CheckRequiredFiles, err.Error())
				}
			}
			if p.baseSHA == "" {
				rep.Skip(prlint.CheckLargeFiles, "no base commit: set the base input")
				rep.Skip(prlint.CheckConflicts, "no base commit to find the lines added: set the base input")
				return
			}
			if base, err := gs.commit(p.baseSHA); err == nil {
				from, exact := gs.diffBase(base, head)
				if exact || api == nil || p.number == 0 {
					files, markers, err := gs.changes(ctx, from, head)
					if err == nil {
						rep.Ran(prlint.CheckLargeFiles)
						rep.Add(prlint.LargeFiles(files, s.maxFileSize, s.largeFiles)...)
						rep.Ran(prlint.CheckConflicts)
						rep.Add(markers...)
						return
					}
					rt.Debugf("git diff: %v", err)
				}
			}
			// The base or the merge base is not fetched: fall through to the API for the diff.
			s.requiredFiles = nil
		} else {
			rt.Debugf("head commit %s: %v", p.headSHA, err)
		}
	}
	if api == nil || p.headSHA == "" || p.headSHA == "HEAD" {
		reason := "the head commit is not in the workspace's git history and there is no API access (a token and a pull request event)"
		if len(s.requiredFiles) > 0 {
			rep.Skip(prlint.CheckRequiredFiles, reason)
		}
		rep.Skip(prlint.CheckLargeFiles, reason)
		return
	}
	if len(s.requiredFiles) > 0 {
		sizes, truncated, err := api.tree(ctx, p.headSHA)
		if err != nil {
			rep.Skip(prlint.CheckRequiredFiles, err.Error())
		} else {
			files := make([]string, 0, len(sizes))
			for f := range sizes {
				files = append(files, f)
			}
			rep.Ran(prlint.CheckRequiredFiles)
			if fs := prlint.RequiredFiles(s.requiredFiles, files); len(fs) > 0 && truncated {
				for i := range fs {
					fs[i].Level = prlint.Warning
					fs[i].Message += " (GitHub truncated the tree listing, so it may exist)"
				}
				rep.Add(fs...)
			} else {
				rep.Add(fs...)
			}
		}
	}
	if p.number == 0 {
		rep.Skip(prlint.CheckLargeFiles, "the merge queue's changes are read from git: check out the history (fetch-depth: 0)")
		return
	}
	files, findings, err := api.apiChanges(ctx, p.number, p.headSHA, p.changedFile, s.maxFileSize)
	if err != nil {
		rep.Skip(prlint.CheckLargeFiles, err.Error())
		return
	}
	rep.Ran(prlint.CheckLargeFiles)
	rep.Ran(prlint.CheckConflicts)
	rep.Add(prlint.LargeFiles(files, s.maxFileSize, s.largeFiles)...)
	rep.Add(findings...)
}

// singleCommit applies the title rules to the only commit of a one-commit pull request.
func singleCommit(ctx context.Context, rep *prlint.Report, s settings, p pull, gs *gitSource, api *apiSource) {
	if p.commits == 0 && api == nil {
		rep.Skip(prlint.CheckSingleCommit, "the number of commits is known only from a pull request event")
		return
	}
	if p.commits != 1 {
		rep.Ran(prlint.CheckSingleCommit)
		return
	}
	msg := ""
	if gs != nil && p.headSHA != "" {
		if c, err := gs.commit(p.headSHA); err == nil {
			msg = c.Message
		}
	}
	if msg == "" && api != nil && p.number > 0 {
		cs, err := api.commits(ctx, p.number)
		if err != nil || len(cs) == 0 {
			rep.Skip(prlint.CheckSingleCommit, fmt.Sprintf("the commit could not be read: %v", err))
			return
		}
		msg = cs[0].GetCommit().GetMessage()
	}
	if msg == "" {
		rep.Skip(prlint.CheckSingleCommit, "the commit could not be read")
		return
	}
	rep.Ran(prlint.CheckSingleCommit)
	rep.Add(prlint.CommitMessage(msg, p.branch, s.title)...)
}

// loadConfig reads the config file: from the workspace, or under pull_request_target from the base commit
// through the API (the workspace may hold the untrusted head). A missing file is fine only at the default path.
func loadConfig(ctx context.Context, rt *action.Runtime, path string, target bool, api *apiSource, baseSHA string) (map[string]string, error) {
	if path == "" {
		return nil, nil
	}
	var b []byte
	found := false
	if target {
		if api == nil {
			rt.Warningf("the config file %s was not read: under pull_request_target it is read from the base commit through the API, which needs a token", path)
			return nil, nil
		}
		var err error
		if b, found, err = api.file(ctx, strings.TrimPrefix(path, "./"), baseSHA); err != nil {
			return nil, err
		}
	} else {
		var err error
		b, err = rt.ReadFile(path)
		switch {
		case err == nil:
			found = true
		case !errors.Is(err, os.ErrNotExist):
			return nil, action.Usagef("input config: read %s: %v", path, err)
		}
	}
	if !found {
		if path != defaultConfig {
			return nil, action.Usagef("input config: the file %q does not exist", path)
		}
		return nil, nil
	}
	cfg, err := prlint.ParseConfig(b)
	if err != nil {
		return nil, action.Usagef("config file %s: %v", path, err)
	}
	return cfg, nil
}

// annotate shows a finding as an annotation, on its file and line when it has one.
func annotate(rt *action.Runtime, f prlint.Finding) {
	level := action.LevelError
	switch f.Level {
	case prlint.Warning:
		level = action.LevelWarning
	case prlint.Pending:
		level = action.LevelNotice
	}
	msg := f.Message
	if f.Example != "" {
		msg += "\nExample: " + f.Example
	}
	rt.Annotate(action.Annotation{Level: level, File: f.File, Line: f.Line, Title: "pr-lint: " + f.Check.Label(), Message: msg})
}

// setOutputs writes the action's outputs.
func setOutputs(rt *action.Runtime, t prlint.TitleResult, rep *prlint.Report, md string) error {
	typ, scope, subject, breaking := "", "", "", false
	if t.Conventional {
		typ, scope, subject, breaking = t.Commit.Type, t.Commit.Scope, t.Commit.Description, t.Commit.Bang || t.Commit.Breaking
	}
	for _, o := range []struct{ name, value string }{
		{"type", typ}, {"scope", scope}, {"subject", subject}, {"breaking", strconv.FormatBool(breaking)},
		{"problems", strconv.Itoa(rep.Problems())}, {"report", md},
	} {
		if err := rt.SetOutput(o.name, o.value); err != nil {
			return err
		}
	}
	return nil
}
