package main

import (
	"context"
	"fmt"
	"time"

	"github.com/Masterminds/semver/v3"

	"github.com/rose/actions/pkg/changelog"
	"github.com/rose/actions/pkg/conventional"
	"github.com/rose/actions/pkg/gitlog"
	"github.com/rose/actions/pkg/version"
)

// plan is what a run decides from the repository alone, before any API call.
type plan struct {
	head     string
	previous *gitlog.Tag     // the last release before this one; nil when none
	next     *semver.Version // nil when nothing is released
	tag      string          // the release tag (the last release's when next is nil)
	bump     version.Bump
	// already is true when HEAD carries the release tag: an earlier run
	// tagged it.
	already bool
	commits int              // commits in the release (merges excluded)
	reasons []version.Reason // the commits that decided the bump
	ignored int
	notes   string // the release's changelog (Markdown)
	// entries and notesOpts render the notes again in the heading style of a changelog file.
	entries   []changelog.Entry
	notesOpts changelog.Options
	// highestOfMajor and highest say whether next is the highest stable
	// version of its major and of all: moving the major tag and marking the
	// release latest depend on them.
	highestOfMajor, highest bool
	// conflict says why the release cannot be made: its tag exists at a
	// commit that is not HEAD's ancestor. A dry run reports it as a warning.
	conflict string
}

func (p plan) noReleaseReason() string {
	switch {
	case p.previous == nil && p.commits == 0:
		return "no commits to release"
	case p.previous == nil:
		return fmt.Sprintf("none of the %d commits triggers a release", p.commits)
	case p.commits == 0:
		return "no commits since " + p.previous.Name
	default:
		return fmt.Sprintf("none of the %d commits since %s triggers a release", p.commits, p.previous.Name)
	}
}

// makePlan finds the last release, the commits since and the next version.
func makePlan(ctx context.Context, repo *gitlog.Repo, cfg config, repoURL string, now time.Time) (plan, error) {
	var p plan
	head, err := repo.Resolve("HEAD")
	if err != nil {
		return p, err
	}
	p.head = head
	opts := cfg.tagOptions()
	all, err := repo.Tags(gitlog.TagOptions{Prefix: cfg.prefix, Path: cfg.path, Prerelease: true})
	if err != nil {
		return p, err
	}
	var paths []string
	if cfg.path != "" {
		paths = []string{cfg.path}
	}

	at, err := repo.TagsAt(head, opts)
	if err != nil {
		return p, err
	}
	var changes []version.Change
	var entries []changelog.Entry
	collect := func(from *gitlog.Tag) error {
		fromSHA := ""
		if from != nil {
			fromSHA = from.SHA // never ambiguous, unlike a name
		}
		commits, err := repo.Log(ctx, gitlog.LogOptions{From: fromSHA, To: head, Paths: paths})
		if err != nil {
			return err
		}
		for _, c := range commits {
			pc := conventional.Parse(c.Message)
			changes = append(changes, version.Change{SHA: c.SHA, Commit: pc})
			entries = append(entries, changelog.Entry{SHA: c.SHA, Commit: pc, Date: c.Date})
		}
		p.commits = len(commits)
		return nil
	}

	// When HEAD carries a release tag already (an earlier run, or a
	// replayed history), report that release as if it were being made: the
	// release before it, its commits, and the bump the rule predicts; publish
	// then completes whatever an earlier run left undone.
	var target *gitlog.Tag
	lastOpts := opts
	if len(at) > 0 {
		target = &at[0]
		lastOpts.Below = target.Version
	}
	last, err := repo.LastRelease(ctx, head, lastOpts)
	if err != nil {
		return p, err
	}
	p.previous = last
	vopts := version.Options{
		PreMajor:       cfg.preMajor,
		Prerelease:     cfg.channel,
		ReleaseTypes:   cfg.releaseTypes,
		InitialVersion: cfg.initial,
	}
	for _, t := range all {
		if target == nil || t.Name != target.Name {
			vopts.Existing = append(vopts.Existing, t.Version)
		}
	}
	var current *semver.Version
	if last != nil {
		current = last.Version
		if current.Prerelease() != "" {
			stableOpts := lastOpts
			stableOpts.Prerelease = false
			stable, err := repo.LastRelease(ctx, head, stableOpts)
			if err != nil {
				return p, err
			}
			if stable != nil {
				vopts.Stable = stable.Version
			}
		}
	}
	if err := collect(last); err != nil {
		return p, err
	}
	res, err := version.Next(current, changes, vopts)
	if err != nil {
		return p, err
	}
	if target != nil {
		p.already, p.next, p.tag = true, target.Version, target.Name
		// No commits between the release before and this one (two tags on
		// one commit) gives "none", as for any empty range.
		p.bump, p.reasons, p.ignored = res.Bump, res.Decisive(), res.Ignored
	} else {
		p.bump, p.ignored = res.Bump, res.Ignored
		if res.Next == nil {
			if last != nil {
				p.tag = last.Name
			}
			return p, nil
		}
		p.reasons = res.Decisive()
		p.next = res.Next
		p.tag = opts.TagName(res.Next)
		for _, t := range all {
			if t.Version.Equal(res.Next) || t.Name == p.tag {
				p.conflict = fmt.Sprintf("the next version is %s but tag %s already exists at commit %s, which is not an ancestor of HEAD (%s): release from the branch that holds it, or delete the stray tag", res.Next, t.Name, short(t.SHA), short(head))
				break
			}
		}
	}

	p.highestOfMajor, p.highest = true, true
	for _, t := range all {
		if t.Version.Prerelease() != "" || t.Name == p.tag {
			continue
		}
		if t.Version.GreaterThan(p.next) {
			p.highest = false
			if t.Version.Major() == p.next.Major() {
				p.highestOfMajor = false
			}
		}
	}
	prevName := ""
	if p.previous != nil {
		prevName = p.previous.Name
	}
	date := now
	if p.already {
		// A re-run for a release tagged earlier keeps the release's own date.
		if d, err := repo.TagDate(p.tag); err == nil {
			date = d
		}
	}
	p.entries = entries
	p.notesOpts = changelog.Options{
		Version:     p.next.String(),
		PreviousTag: prevName,
		Tag:         p.tag,
		RepoURL:     repoURL,
		Date:        date,
	}
	p.notes = changelog.Markdown(entries, p.notesOpts)
	return p, nil
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
