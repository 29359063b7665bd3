package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/google/go-github/v66/github"
	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/gitscan"
)

// plan is what to scan: a folder, or a selection of commits of a repository.
type plan struct {
	files bool
	dir   string // the folder (files) or the repository (git modes)
	// prefix is dir relative to the workspace, slash-separated ("" for the workspace itself):
	// annotations need workspace-relative paths.
	prefix string
	sel    gitscan.Selection
	desc   string // for the log and the summary
	empty  bool   // nothing to scan (a deleted branch)
}

const zeroSHA = "0000000000000000000000000000000000000000"

// planScan turns the mode and, in auto mode, the event into a plan. In auto mode a pull
// request's or a push's commits that are not in the checkout are listed with the API and
// fetched (go-git, no git binary).
func planScan(ctx context.Context, rt *action.Runtime, in inputs) (plan, error) {
	p, err := planMode(ctx, rt, in)
	p.prefix = workspacePrefix(rt.Workspace(), p.dir)
	return p, err
}

// workspacePrefix returns dir relative to the workspace as a slash path, or "" when dir is
// the workspace or outside it.
func workspacePrefix(workspace, dir string) string {
	rel, err := filepath.Rel(workspace, dir)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) {
		return ""
	}
	return filepath.ToSlash(rel)
}

func planMode(ctx context.Context, rt *action.Runtime, in inputs) (plan, error) {
	dir := in.pathDir
	if dir == "" {
		dir = rt.Workspace()
	}
	switch in.mode {
	case "files":
		return plan{files: true, dir: dir, desc: "files under " + in.path}, nil
	case "history":
		return plan{dir: dir, sel: gitscan.Selection{All: true}, desc: "history"}, nil
	case "diff":
		if err := checkRevisions(dir, in); err != nil {
			return plan{}, err
		}
		return plan{dir: dir, sel: gitscan.Selection{Base: in.base, Head: in.head}, desc: fmt.Sprintf("diff %s..%s", in.base, in.head)}, nil
	}
	var ev any
	switch rt.EventName() {
	case "pull_request", "pull_request_target", "push", "merge_group":
		// Only these events change what is scanned; others (schedule, workflow_dispatch ...)
		// scan the full history whatever their payload.
		var err error
		if ev, err = rt.Event(); err != nil {
			return plan{}, fmt.Errorf("read the %s event: %w", rt.EventName(), err)
		}
	}
	switch e := ev.(type) {
	case *github.PullRequestEvent:
		return planPullRequest(ctx, rt, in, dir, e)
	case *github.PushEvent:
		return planPush(ctx, rt, in, dir, e)
	case *github.MergeGroupEvent:
		mg := e.GetMergeGroup()
		base, head := mg.GetBaseSHA(), mg.GetHeadSHA()
		if base != "" && head != "" && hasCommits(dir, base, head) {
			return plan{dir: dir, sel: gitscan.Selection{Base: base, Head: head}, desc: fmt.Sprintf("merge group %s..%s", short(base), short(head))}, nil
		}
		rt.Warningf("The merge group's commits are not in the checkout (use fetch-depth: 0): scanning the full history")
	}
	name := rt.EventName()
	if name == "" {
		name = "no event (local run)"
	}
	return plan{dir: dir, sel: gitscan.Selection{All: true}, desc: "history (" + name + ")"}, nil
}

func planPullRequest(ctx context.Context, rt *action.Runtime, in inputs, dir string, e *github.PullRequestEvent) (plan, error) {
	pr := e.GetPullRequest()
	base, head, number := pr.GetBase().GetSHA(), pr.GetHead().GetSHA(), pr.GetNumber()
	if base == "" || head == "" {
		return plan{}, fmt.Errorf("the %s event has no pull_request base and head SHAs", rt.EventName())
	}
	desc := fmt.Sprintf("pull request #%d (%s..%s)", number, short(base), short(head))
	if hasCommits(dir, base, head) {
		return plan{dir: dir, sel: gitscan.Selection{Base: base, Head: head}, desc: desc}, nil
	}
	// Not in the checkout (actions/checkout fetches one merge commit by default): list the
	// pull request's commits with the API, every page, then fetch what is missing.
	rt.Infof("The pull request's commits are not in the checkout: listing them with the API")
	shas, err := listPullRequestCommits(ctx, rt, in.token, number, base, head, pr.GetCommits())
	if err != nil {
		return plan{}, err
	}
	if len(shas) == 0 {
		return plan{dir: dir, empty: true, desc: desc}, nil
	}
	if !hasCommits(dir, shas...) {
		ref := fmt.Sprintf("refs/pull/%d/head", number)
		if err := fetchCommits(ctx, rt, dir, in.token, ref, len(shas)+1); err != nil {
			return plan{}, fmt.Errorf("fetch the pull request's %s: %w (or check out with fetch-depth: 0)", plural(len(shas), "commit"), err)
		}
		if !hasCommits(dir, shas...) {
			return plan{}, fmt.Errorf("the pull request's commits are still missing after fetching %s: check out with fetch-depth: 0", ref)
		}
	}
	return plan{dir: dir, sel: gitscan.Selection{Commits: shas}, desc: desc}, nil
}

func planPush(ctx context.Context, rt *action.Runtime, in inputs, dir string, e *github.PushEvent) (plan, error) {
	before, after := e.GetBefore(), e.GetAfter()
	if after == "" || after == zeroSHA {
		return plan{dir: dir, empty: true, desc: "push deleting " + e.GetRef()}, nil
	}
	if before != "" && before != zeroSHA && hasCommits(dir, before, after) {
		return plan{dir: dir, sel: gitscan.Selection{Base: before, Head: after}, desc: fmt.Sprintf("push %s..%s", short(before), short(after))}, nil
	}
	// A new branch (before is zero), or a before commit that is not in the checkout: scan the
	// pushed commits the payload lists. GitHub lists up to 2048 of them.
	var shas []string
	for _, c := range e.Commits {
		if id := c.GetID(); id != "" {
			shas = append(shas, id)
		}
	}
	desc := fmt.Sprintf("push of %s to %s", plural(len(shas), "commit"), strings.TrimPrefix(e.GetRef(), "refs/heads/"))
	if len(shas) == 0 {
		// A branch created at an existing commit brings nothing new.
		return plan{dir: dir, empty: true, desc: desc}, nil
	}
	if len(shas) >= 2048 {
		rt.Warningf("The push lists 2048 commits, GitHub's limit: scanning all history reachable from %s instead", short(after))
		return plan{dir: dir, sel: gitscan.Selection{Head: after}, desc: "history of " + short(after)}, nil
	}
	if !hasCommits(dir, shas...) {
		if err := fetchCommits(ctx, rt, dir, in.token, e.GetRef(), len(shas)+1); err != nil {
			return plan{}, fmt.Errorf("fetch the pushed commits: %w (or check out with fetch-depth: 0)", err)
		}
		if !hasCommits(dir, shas...) {
			return plan{}, errors.New("the pushed commits are still missing after fetching: check out with fetch-depth: 0")
		}
	}
	return plan{dir: dir, sel: gitscan.Selection{Commits: shas}, desc: desc}, nil
}

// checkRevisions resolves the base and head inputs, so that a wrong one is a usage error that
// names it.
func checkRevisions(dir string, in inputs) error {
	r, err := gitscan.Open(dir)
	if errors.Is(err, gitscan.ErrNotRepository) {
		return action.Usagef(`input "path" has value %q: not a git repository (mode diff scans git commits)`, in.path)
	}
	if err != nil {
		return err
	}
	defer r.Close()
	for _, rev := range []struct{ name, value string }{{"base", in.base}, {"head", in.head}} {
		if _, err := r.ResolveCommit(rev.value); err != nil {
			return action.Usagef(`input %q has value %q: no such commit, branch or tag here (a shallow checkout lacks history: use fetch-depth: 0)`, rev.name, rev.value)
		}
	}
	return nil
}

// hasCommits reports whether the repository at dir holds every commit named.
func hasCommits(dir string, shas ...string) bool {
	r, err := gitscan.Open(dir)
	if err != nil {
		return false
	}
	defer r.Close()
	for _, s := range shas {
		if !r.HasCommit(s) {
			return false
		}
	}
	return true
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
