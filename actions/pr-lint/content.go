package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/prlint"
	"github.com/rose/actions/pkg/pullrequest"
)

// The content checks read the head commit: its tree (required files), and the changes from the merge base
// (forbidden paths, large files, conflict markers). Git objects of the workspace come first, the API second.
// Each source is read once and shared by the checks; a source that cannot be read makes each check that
// needs it skipped (nothing to read it from) or failed (reading it went wrong), never passed.

// treeInfo is the head commit's file list, or why it is unknown.
type treeInfo struct {
	files     []string
	truncated bool // GitHub cut the listing
	skip      string
	err       error
}

// changeSet is what the pull request changes, or why it is unknown.
type changeSet struct {
	files    []prlint.ChangedFile
	markers  []prlint.Finding
	warnings map[prlint.Check][]prlint.Finding
	skip     string
	err      error
}

// noSource is the reason the content checks are skipped when neither git nor the API can be read.
func (c *checker) noSource() string {
	api := "and the API is read only on a pull request event, with a token"
	switch {
	case c.gs == nil && c.p.event == "pull_request_target":
		api = "under pull_request_target, and the API needs a token"
		return "the workspace is never read " + api
	case c.gs == nil:
		return "the workspace is not a git repository, " + api
	case c.p.headSHA == "":
		return "no head commit: set the head input"
	}
	return fmt.Sprintf("the head commit %s is not in the workspace's git history (fetch it: actions/checkout with fetch-depth: 0), %s", c.p.headSHA, api)
}

func (c *checker) headTree(ctx context.Context) *treeInfo {
	if c.tree != nil {
		return c.tree
	}
	t := &treeInfo{}
	c.tree = t
	if c.gs != nil && c.p.headSHA != "" {
		if head, err := c.gs.commit(c.p.headSHA); err == nil {
			t.files, t.err = c.gs.files(head)
			return t
		}
	}
	if c.gs == nil && c.p.event != "pull_request_target" && (c.api == nil || c.p.number == 0) {
		// No git history and no pull request to ask the API about: the files of the workspace are the head.
		t.files, t.err = c.workspaceFiles()
		return t
	}
	if c.api == nil || c.p.headSHA == "" || c.p.headSHA == "HEAD" {
		t.skip = c.noSource()
		return t
	}
	sizes, truncated, err := c.api.Tree(ctx, c.p.headSHA)
	if err != nil {
		t.err = err
		return t
	}
	for f := range sizes {
		t.files = append(t.files, f)
	}
	t.truncated = truncated
	return t
}

func (c *checker) requiredFiles(ctx context.Context) prlint.Outcome {
	t := c.headTree(ctx)
	switch {
	case t.err != nil:
		return prlint.Errored(prlint.CheckRequiredFiles, t.err)
	case t.skip != "":
		return prlint.Skipped(prlint.CheckRequiredFiles, t.skip)
	}
	fs := prlint.RequiredFiles(c.s.requiredFiles, t.files)
	if t.truncated {
		for i := range fs {
			fs[i].Level = prlint.Warning
			fs[i].Message += " (GitHub truncated the tree listing, so it may exist)"
		}
	}
	return prlint.Ran(prlint.CheckRequiredFiles, fs...)
}

// changed reads the pull request's changes once.
func (c *checker) changed(ctx context.Context) *changeSet {
	if c.changes != nil {
		return c.changes
	}
	cs := &changeSet{warnings: map[prlint.Check][]prlint.Finding{}}
	c.changes = cs
	p := c.p
	if c.gs != nil && p.headSHA != "" {
		if head, err := c.gs.commit(p.headSHA); err == nil {
			if p.baseSHA == "" {
				cs.skip = "no base commit to compare the head with: set the base input (e.g. base: origin/main)"
				return cs
			}
			if base, err := c.gs.commit(p.baseSHA); err == nil {
				from, exact := c.gs.diffBase(base, head)
				if exact || c.api == nil || p.number == 0 {
					files, markers, err := c.gs.changes(ctx, from, head)
					if err == nil {
						cs.files, cs.markers = files, markers
						return cs
					}
					c.rt.Debugf("git diff: %v", err)
				}
			}
			// The base or the merge base is not fetched: the API gives the diff.
		} else {
			c.rt.Debugf("head commit %s: %v", p.headSHA, err)
		}
	}
	switch {
	case c.api == nil || p.headSHA == "" || p.headSHA == "HEAD":
		cs.skip = c.noSource()
	case p.number == 0:
		cs.skip = "the merge queue's changes are read from git: check out the history (fetch-depth: 0)"
	default:
		cs.err = c.apiChanges(ctx, cs)
	}
	return cs
}

// outcome turns the change set into check ch's outcome with the findings of find.
func (cs *changeSet) outcome(ch prlint.Check, find func() []prlint.Finding) prlint.Outcome {
	switch {
	case cs.err != nil:
		return prlint.Errored(ch, cs.err)
	case cs.skip != "":
		return prlint.Skipped(ch, cs.skip)
	}
	return prlint.Ran(ch, append(cs.warnings[ch], find()...)...)
}

func (c *checker) forbidden(ctx context.Context) prlint.Outcome {
	cs := c.changed(ctx)
	return cs.outcome(prlint.CheckForbiddenPaths, func() []prlint.Finding { return prlint.ForbiddenPaths(c.s.forbiddenPaths, cs.files) })
}

func (c *checker) largeFiles(ctx context.Context) prlint.Outcome {
	cs := c.changed(ctx)
	return cs.outcome(prlint.CheckLargeFiles, func() []prlint.Finding {
		return prlint.LargeFiles(cs.files, c.s.maxFileSize, c.s.largeFiles)
	})
}

func (c *checker) markers(ctx context.Context) prlint.Outcome {
	cs := c.changed(ctx)
	return cs.outcome(prlint.CheckMarkers, func() []prlint.Finding { return cs.markers })
}

// apiChanges gathers changed files and conflict markers from the pull request files API, sizes from the
// Git Trees API, and reports GitHub's 3000-file cap when it bites.
func (c *checker) apiChanges(ctx context.Context, cs *changeSet) error {
	p, api := c.p, c.api
	files, err := api.Files(ctx, p.number)
	if err != nil {
		return err
	}
	if p.changedFile > len(files) {
		msg := fmt.Sprintf("GitHub's API lists only %d of the pull request's %d changed files (it stops at 3000); the other %d were not checked: check out the history (actions/checkout with fetch-depth: 0) so pr-lint reads the git objects",
			len(files), p.changedFile, p.changedFile-len(files))
		for _, ch := range []prlint.Check{prlint.CheckLargeFiles, prlint.CheckMarkers, prlint.CheckForbiddenPaths} {
			cs.warnings[ch] = append(cs.warnings[ch], prlint.Finding{Level: prlint.Warning, Message: msg})
		}
	}
	var sizes map[string]int64
	truncated := false
	omitted := 0
	for _, f := range files {
		if f.GetStatus() == "removed" {
			continue
		}
		if patchOmitted(f) {
			omitted++
		}
		cs.markers = append(cs.markers, prlint.ConflictMarkers(f.GetFilename(), prlint.AddedLinesFromPatch(f.GetPatch()))...)
		if sizes == nil {
			if sizes, truncated, err = api.Tree(ctx, p.headSHA); err != nil {
				return err
			}
		}
		cf := prlint.ChangedFile{Path: f.GetFilename()}
		size, ok := sizes[f.GetFilename()]
		if ok {
			cf.Size = size
			// Only a blob that would be reported and is small enough to be a pointer is worth reading.
			if size > c.s.maxFileSize.Bytes && size <= prlint.MaxLFSPointerSize && f.GetSHA() != "" {
				b, err := api.Blob(ctx, f.GetSHA())
				if errors.Is(err, pullrequest.ErrUnreachable) {
					return err
				}
				cf.LFS = err == nil && prlint.IsLFSPointer(b)
			}
		}
		cs.files = append(cs.files, cf) // a submodule or a file beyond a truncated listing has no size: 0
	}
	if omitted > 0 {
		cs.warnings[prlint.CheckMarkers] = append(cs.warnings[prlint.CheckMarkers], prlint.Finding{Level: prlint.Warning, Message: fmt.Sprintf(
			"GitHub's API gives no diff for %d changed files (too large to show), so they were not checked for conflict markers", omitted)})
	}
	if truncated {
		cs.warnings[prlint.CheckLargeFiles] = append(cs.warnings[prlint.CheckLargeFiles], prlint.Finding{Level: prlint.Warning,
			Message: "GitHub's API truncated the listing of the head commit's tree; the sizes of some files are unknown"})
	}
	return nil
}

// patchOmitted reports a changed file whose patch GitHub omitted (a diff too large to show, or binary).
func patchOmitted(f *github.CommitFile) bool {
	return f.Patch == nil && f.GetChanges() > 0 && !binaryName(f.GetFilename())
}

// binaryName guesses from the extension that a file is binary (GitHub gives binary files no patch).
func binaryName(name string) bool {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return false
	}
	switch strings.ToLower(name[i+1:]) {
	case "png", "jpg", "jpeg", "gif", "ico", "webp", "pdf", "zip", "gz", "tgz", "jar", "bin", "exe", "so", "dll",
		"woff", "woff2", "ttf", "otf", "mp3", "mp4", "mov", "wasm", "pyc", "db", "sqlite", "parquet", "pt", "onnx":
		return true
	}
	return false
}

// commitInfo is the pull request's non-merge commits (at most two), or why they are unknown.
type commitInfo struct {
	messages []string
	skip     string
	err      error
}

// prCommits reads the pull request's non-merge commits once: from git (the commits from the merge base to
// the head), else the API. GitHub squash-merges a pull request with one non-merge commit using that commit's
// message, so two are enough.
func (c *checker) prCommits(ctx context.Context) *commitInfo {
	if c.commits != nil {
		return c.commits
	}
	ci := &commitInfo{}
	c.commits = ci
	p := c.p
	if c.gs != nil && p.headSHA != "" && p.baseSHA != "" {
		head, herr := c.gs.commit(p.headSHA)
		base, berr := c.gs.commit(p.baseSHA)
		if herr == nil && berr == nil {
			if from, exact := c.gs.diffBase(base, head); exact {
				if msgs, err := c.gs.nonMergeCommits(ctx, from, head, 2); err == nil {
					ci.messages = msgs
					return ci
				}
			}
		}
	}
	switch {
	case c.api != nil && p.number > 0:
		cs, err := c.api.NonMergeCommits(ctx, p.number, 2)
		if err != nil {
			ci.err = err
			return ci
		}
		for _, cm := range cs {
			ci.messages = append(ci.messages, cm.Message)
		}
	case p.baseSHA == "":
		ci.skip = "the pull request's commits are known from a pull request event, or from git with the base input set"
	default:
		ci.skip = c.noSource()
	}
	return ci
}

// oneCommit runs check ch on the only non-merge commit's message, when there is exactly one.
func (c *checker) oneCommit(ctx context.Context, ch prlint.Check, check func(msg string) []prlint.Finding) prlint.Outcome {
	if l := c.ignoredBy(); l != "" {
		return prlint.Skipped(ch, fmt.Sprintf("the pull request has the label %q, listed in ignore-labels", l))
	}
	ci := c.prCommits(ctx)
	switch {
	case ci.err != nil:
		return prlint.Errored(ch, ci.err)
	case ci.skip != "":
		return prlint.Skipped(ch, ci.skip)
	case len(ci.messages) != 1:
		return prlint.Ran(ch) // several commits: GitHub squash-merges with the title
	}
	return prlint.Ran(ch, check(ci.messages[0])...)
}

func (c *checker) singleCommit(ctx context.Context) prlint.Outcome {
	return c.oneCommit(ctx, prlint.CheckSingleCommit, func(msg string) []prlint.Finding {
		return prlint.CommitMessage(msg, c.p.branch, c.s.title)
	})
}

func (c *checker) sameAsTitle(ctx context.Context) prlint.Outcome {
	if c.p.title == "" {
		return prlint.Skipped(prlint.CheckSameAsTitle, "no pull request title: set the title input")
	}
	return c.oneCommit(ctx, prlint.CheckSameAsTitle, func(msg string) []prlint.Finding {
		fs := prlint.CommitSameAsTitle(msg, c.p.title)
		// Work in progress will be renamed: the difference is pending, as the title's own problems are.
		if t := c.titleResult; t != nil && t.WIP {
			for i := range fs {
				fs[i].Level = prlint.Pending
			}
		}
		return fs
	})
}

// workspaceFiles lists the workspace files that the required-files patterns name, through the runtime: a
// path counts only when it is a regular file inside the workspace once its links are resolved.
func (c *checker) workspaceFiles() ([]string, error) {
	root := c.rt.Workspace()
	var out []string
	for _, pat := range c.s.requiredFiles {
		pat = strings.TrimPrefix(pat, "./")
		matches, err := doublestar.Glob(os.DirFS(root), pat, doublestar.WithFilesOnly())
		if err != nil {
			return nil, fmt.Errorf("list %s in the workspace: %w", pat, err)
		}
		for _, m := range matches {
			p, err := c.rt.ResolvePath(m)
			if err != nil {
				c.rt.Debugf("required file %s: %v", m, err)
				continue // a link that leaves the workspace is not the repository's file
			}
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				out = append(out, m)
			}
		}
	}
	return out, nil
}
