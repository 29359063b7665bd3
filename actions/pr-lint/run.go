package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/prlint"
	"github.com/rose/actions/pkg/pullrequest"
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
	labels               []string
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
		p.fromPR(pr)
		p.baseRef, p.baseSHA = pr.GetBase().GetRef(), pr.GetBase().GetSHA()
		p.headSHA = pr.GetHead().GetSHA()
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

// fromPR takes what the pull request says of itself: title, draft state, labels, head branch and counts.
func (p *pull) fromPR(pr *github.PullRequest) {
	p.title, p.draft, p.labels = pr.GetTitle(), pr.GetDraft(), pullrequest.Labels(pr)
	p.branch = pr.GetHead().GetRef()
	p.commits, p.changedFile = pr.GetCommits(), pr.GetChangedFiles()
}

// isPR reports whether the event is about a pull request (not the merge queue).
func (p pull) isPR() bool { return p.event == "pull_request" || p.event == "pull_request_target" }

// lint gathers the pull request, runs every check of the pipeline and reports.
func lint(ctx context.Context, rt *action.Runtime, d deps) error {
	c, err := newChecker(ctx, rt, d)
	if err != nil {
		return err
	}
	rep := &prlint.Report{Title: c.p.title, Branch: c.p.branch}
	for _, step := range c.pipeline() {
		if step.enabled {
			rep.Record(step.run(ctx))
		}
	}
	return c.report(ctx, rep)
}

// newChecker reads the inputs, the event, the config file and the pull request as the API has it now. Bad
// input is an error (exit 2); an API that cannot be reached is not: the checks that need it fail later.
func newChecker(ctx context.Context, rt *action.Runtime, d deps) (*checker, error) {
	in := rt.Inputs()
	ri := readInputs(in)
	if err := in.Err(); err != nil {
		return nil, err
	}
	p, err := fromEvent(rt)
	if err != nil {
		return nil, err
	}
	// pull_request_target runs with the base repository's token on untrusted head code: nothing of the
	// head is read from the workspace, only what the API gives.
	target := p.event == "pull_request_target"
	owner, repo := rt.Repo()
	var api *pullrequest.Client
	if ri.token != "" && owner != "" && !rt.Local() {
		gh, err := rt.GitHubClient(ri.token)
		if err != nil {
			return nil, err
		}
		api = pullrequest.New(gh, owner, repo, d.sleep)
	}

	// The merge queue's event has no title or branch: read them from the pull request.
	var prErr error
	if p.event == "merge_group" && p.number > 0 && api != nil {
		pr, err := api.Get(ctx, p.number, false)
		if err != nil {
			prErr = err
		} else {
			base, baseSHA, head := p.baseRef, p.baseSHA, p.headSHA
			p.fromPR(pr)
			p.baseRef, p.baseSHA, p.headSHA = base, baseSHA, head
		}
	}
	if ri.title != "" {
		p.title = ri.title
	}
	if ri.branch != "" {
		p.branch = ri.branch
	}

	var gs *gitSource
	if !target {
		gs = openGit(rt.Workspace())
	}
	if err := checkRefs(rt, ri, target, gs); err != nil {
		return nil, err
	}
	if ri.base != "" {
		p.baseSHA = ri.base
	}
	if ri.head != "" {
		p.headSHA = ri.head
	}
	if rt.Local() && gs != nil {
		if p.branch == "" {
			p.branch = gs.headBranch()
		}
		if p.headSHA == "" {
			p.headSHA = "HEAD"
		}
	}

	s, err := loadSettings(ctx, rt, ri, target, api, p.baseSHA)
	if err != nil {
		return nil, err
	}

	var livePR *github.PullRequest
	if p.isPR() && api != nil && p.number > 0 {
		livePR, prErr = refresh(ctx, api, &p, ri)
	}
	if prErr != nil {
		rt.Warningf("the pull request could not be read through the GitHub API; the checks that need it fail: %v", prErr)
	}
	return &checker{rt: rt, s: s, p: p, gs: gs, api: api, prErr: prErr, livePR: livePR}, nil
}

// refresh reads the pull request as it is now (a re-run gets the payload of the first run, whose title,
// labels and draft state may have changed since), polled until GitHub knows whether it merges. The title and
// branch inputs still win.
func refresh(ctx context.Context, api *pullrequest.Client, p *pull, ri runInputs) (*github.PullRequest, error) {
	pr, err := api.Get(ctx, p.number, true)
	if err != nil {
		return nil, err
	}
	title := p.title
	p.fromPR(pr)
	if ri.title != "" || pr.GetTitle() == "" {
		p.title = title
	}
	if ri.branch != "" {
		p.branch = ri.branch
	}
	return pr, nil
}

// checkRefs refuses a base or head input that does not name a commit of the workspace: guessing past it
// would check the wrong changes and blame the wrong commit.
func checkRefs(rt *action.Runtime, ri runInputs, target bool, gs *gitSource) error {
	for _, r := range []struct{ name, value string }{{"base", ri.base}, {"head", ri.head}} {
		switch {
		case r.value == "":
		case target:
			return action.Usagef("input %s: %q is not accepted under pull_request_target, where nothing of the workspace is read; leave it empty", r.name, r.value)
		case gs == nil:
			return action.Usagef("input %s: %q needs the workspace's git history, and %s is not a git repository; check out the repository (actions/checkout with fetch-depth: 0)", r.name, r.value, rt.Workspace())
		default:
			if _, err := gs.commit(r.value); err != nil {
				return action.Usagef("input %s: %q does not resolve to a commit of the workspace's git history (%v); accepted: a SHA, branch, tag or revision that is fetched (actions/checkout with fetch-depth: 0)", r.name, r.value, err)
			}
		}
	}
	return nil
}

// loadSettings merges the policy inputs with the config file and parses them.
func loadSettings(ctx context.Context, rt *action.Runtime, ri runInputs, target bool, api *pullrequest.Client, baseSHA string) (settings, error) {
	cfg, err := loadConfig(ctx, rt, ri.config, target, api, baseSHA)
	if err != nil {
		return settings{}, err
	}
	defaults := map[string]string{}
	for k := range ri.policy {
		if m, ok := rt.Metadata().Inputs[k]; ok && m.Default != nil {
			defaults[k] = strings.TrimSpace(*m.Default)
		}
	}
	vals, from := merge(ri.policy, defaults, cfg, ri.config)
	return parseSettings(vals, from)
}

// step is one check of the pipeline: it runs when enabled and always returns an outcome — passed, found
// something, skipped with a reason, or failed because it could not be completed.
type step struct {
	check   prlint.Check
	enabled bool
	run     func(ctx context.Context) prlint.Outcome
}

// checker holds what the checks read.
type checker struct {
	rt     *action.Runtime
	s      settings
	p      pull
	gs     *gitSource
	api    *pullrequest.Client
	prErr  error // the pull request could not be read through the API
	livePR *github.PullRequest

	titleResult *prlint.TitleResult
	tree        *treeInfo
	changes     *changeSet
	commits     *commitInfo
}

func (c *checker) pipeline() []step {
	s := c.s
	return []step{
		{prlint.CheckTitle, true, c.title},
		{prlint.CheckSingleCommit, s.singleCommit, c.singleCommit},
		{prlint.CheckSameAsTitle, s.sameAsTitle, c.sameAsTitle},
		{prlint.CheckBranch, s.branch.Pattern != nil, c.branchName},
		{prlint.CheckTargets, len(s.branch.Targets) > 0, c.branchTarget},
		{prlint.CheckRequiredFiles, len(s.requiredFiles) > 0, c.requiredFiles},
		{prlint.CheckForbiddenPaths, len(s.forbiddenPaths) > 0, c.forbidden},
		{prlint.CheckLargeFiles, true, c.largeFiles},
		{prlint.CheckMarkers, true, c.markers},
		// The merge queue tests the merged result itself: the mergeable state is a pull request's.
		{prlint.CheckConflicts, c.p.event != "merge_group", c.mergeable},
	}
}

// ignoredBy returns the label of ignore-labels that the pull request carries, or "".
func (c *checker) ignoredBy() string {
	for _, l := range c.p.labels {
		for _, ig := range c.s.ignoreLabels {
			if l == ig {
				return l
			}
		}
	}
	return ""
}

func (c *checker) title(ctx context.Context) prlint.Outcome {
	if l := c.ignoredBy(); l != "" {
		return prlint.Skipped(prlint.CheckTitle, fmt.Sprintf("the pull request has the label %q, listed in ignore-labels", l))
	}
	if c.p.title == "" {
		if c.prErr != nil {
			return prlint.Errored(prlint.CheckTitle, c.prErr)
		}
		return prlint.Skipped(prlint.CheckTitle, "no pull request title: set the title input")
	}
	res := prlint.Title(c.p.title, prlint.TitleContext{Draft: c.p.draft, Branch: c.p.branch}, c.s.title)
	c.titleResult = &res
	return prlint.Ran(prlint.CheckTitle, res.Findings...)
}

func (c *checker) branchName(ctx context.Context) prlint.Outcome {
	if c.p.branch == "" {
		if c.prErr != nil {
			return prlint.Errored(prlint.CheckBranch, c.prErr)
		}
		return prlint.Skipped(prlint.CheckBranch, "no head branch: set the branch input")
	}
	return prlint.Ran(prlint.CheckBranch, prlint.BranchName(c.p.branch, c.s.branch)...)
}

func (c *checker) branchTarget(ctx context.Context) prlint.Outcome {
	if c.p.branch == "" || c.p.baseRef == "" {
		return prlint.Skipped(prlint.CheckTargets, "the base branch is known only from a pull request or merge queue event")
	}
	return prlint.Ran(prlint.CheckTargets, prlint.BranchTarget(c.p.branch, c.p.baseRef, c.s.branch)...)
}

func (c *checker) mergeable(ctx context.Context) prlint.Outcome {
	switch {
	case c.rt.Local() || !c.p.isPR():
		return prlint.Skipped(prlint.CheckConflicts, "the mergeable state comes from the GitHub API on a pull request event")
	case c.api == nil:
		return prlint.Skipped(prlint.CheckConflicts, "the mergeable state needs the GitHub API: set the token input")
	case c.prErr != nil && pullrequest.IsPermission(c.prErr):
		return prlint.Skipped(prlint.CheckConflicts, "the token may not read the pull request (it needs pull-requests: read): "+c.prErr.Error())
	case c.prErr != nil:
		return prlint.Errored(prlint.CheckConflicts, c.prErr)
	case c.livePR == nil:
		return prlint.Skipped(prlint.CheckConflicts, "the event names no pull request number")
	}
	return prlint.Ran(prlint.CheckConflicts, prlint.Mergeable(c.livePR.Mergeable, c.livePR.GetMergeableState())...)
}

// report writes the annotations, outputs, summary and comment, and turns the report into the exit code.
func (c *checker) report(ctx context.Context, rep *prlint.Report) error {
	rt := c.rt
	notice := func(format string, args ...any) {
		rt.Annotate(action.Annotation{Level: action.LevelNotice, Title: "pr-lint", Message: fmt.Sprintf(format, args...)})
	}
	// The comment is written before the report is rendered, so a comment that cannot be written is in it.
	commentDid, commentErr := "", error(nil)
	body := func() string {
		if rep.Clean() {
			return ""
		}
		return rep.Markdown()
	}
	switch {
	case !c.s.comment:
	case !c.p.isPR() || c.p.number == 0:
	case c.api == nil:
		notice("the report comment needs a token")
	default:
		commentDid, commentErr = (&pullrequest.Sticky{Client: c.api, Number: c.p.number, Marker: prlint.CommentMarker}).Sync(ctx, body())
	}
	md := rep.Markdown()
	// GitHub shows only the first annotations of a step; beyond maxAnnotations per check the report has them.
	perCheck := map[prlint.Check]int{}
	for _, f := range rep.Findings {
		if perCheck[f.Check]++; perCheck[f.Check] <= maxAnnotations {
			annotate(rt, f)
		}
	}
	for _, ch := range rep.Checks() {
		if n := perCheck[ch]; n > maxAnnotations {
			notice("%s: %d more findings are listed in the report (job summary)", ch.Label(), n-maxAnnotations)
		}
		if r := rep.SkipReason(ch); r != "" {
			notice("%s check skipped: %s", ch.Label(), r)
		}
	}
	if err := c.setOutputs(rep, md); err != nil {
		return err
	}
	if err := rt.AddSummary(md); err != nil {
		return err
	}
	switch {
	case commentErr != nil && pullrequest.IsPermission(commentErr):
		rt.Warningf("the report comment could not be written (the token may not write pull requests, as on a fork): %v", commentErr)
	case commentErr != nil && c.prErr == nil:
		return fmt.Errorf("pr-lint: %s; the report comment could not be written: %w", rep.Headline(), commentErr)
	case commentErr != nil:
		rt.Warningf("the report comment could not be written: %v", commentErr)
	case commentDid != "":
		rt.Infof("report comment: %s", commentDid)
	}
	rt.Infof("pr-lint: %s", rep.Headline())
	if rep.Failed() {
		return action.Failf("pr-lint: %s", rep.Headline())
	}
	return nil
}

// loadConfig reads the config file: from the workspace, or under pull_request_target from the base commit
// through the API (the workspace may hold the untrusted head). A missing file is fine only at the default path.
func loadConfig(ctx context.Context, rt *action.Runtime, path string, target bool, api *pullrequest.Client, baseSHA string) (map[string]string, error) {
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
		if b, found, err = api.File(ctx, strings.TrimPrefix(path, "./"), baseSHA); err != nil {
			return nil, err
		}
	} else {
		var err error
		b, err = rt.ReadFile(path)
		switch {
		case err == nil:
			found = true
		case !errors.Is(err, fs.ErrNotExist):
			return nil, action.Usagef("input config: %q could not be read: %v; accepted: a regular file inside the workspace", path, err)
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

// annotate shows a finding as an annotation, on its file and line when it has one. The runtime escapes
// the message, so a title or an API error body cannot start a workflow command.
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

// setOutputs writes the action's outputs. The title's parts are output as far as they were parsed, even
// when the title fails (`fix: ` gives the type fix).
func (c *checker) setOutputs(rep *prlint.Report, md string) error {
	typ, scope, subject, breaking := "", "", "", false
	if t := c.titleResult; t != nil {
		typ, scope, breaking = t.Commit.Type, t.Commit.Scope, t.Commit.Bang || t.Commit.Breaking
		if t.Conventional || t.Commit.Type != "" {
			subject = t.Commit.Description
		}
	}
	var errs, skipped []string
	for _, f := range rep.Findings {
		if f.Level == prlint.Failure {
			errs = append(errs, f.Check.Label()+": "+f.Message)
		}
	}
	for _, ch := range rep.Skipped() {
		skipped = append(skipped, string(ch))
	}
	for _, o := range []struct{ name, value string }{
		{"type", typ}, {"scope", scope}, {"subject", subject}, {"breaking", strconv.FormatBool(breaking)},
		{"problems", strconv.Itoa(rep.Problems())}, {"error-message", strings.Join(errs, "\n")},
		{"skipped-checks", strings.Join(skipped, ",")}, {"report", md},
	} {
		if err := c.rt.SetOutput(o.name, o.value); err != nil {
			return err
		}
	}
	return nil
}
