package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/markdown"
	"github.com/rose/actions/pkg/version"
)

// result is what a run reports.
type result struct {
	plan
	released   bool
	releaseURL string
	dryRun     bool
}

func (r result) version() string {
	if r.next != nil {
		return r.next.String()
	}
	if r.previous != nil {
		return r.previous.Version.String()
	}
	return ""
}

func (r result) previousVersion() string {
	if r.previous != nil {
		return r.previous.Version.String()
	}
	return ""
}

// reportedBump is the bump of the release HEAD gets or has. A dry run on a
// commit that carries its release tag already reports that release's bump,
// as predicted from its commits (what a replay of the history expects); a
// real run that creates nothing reports "none".
func (r result) reportedBump() version.Bump {
	if r.next == nil || (!r.dryRun && !r.released) {
		return version.None
	}
	return r.bump
}

func writeOutputs(rt *action.Runtime, r result) error {
	outs := [][2]string{
		{"version", r.version()},
		{"previous-version", r.previousVersion()},
		{"tag", r.tag},
		{"bump", r.reportedBump().String()},
		{"released", strconv.FormatBool(r.released)},
		{"release-url", r.releaseURL},
		{"changelog", r.notes},
	}
	for _, o := range outs {
		if err := rt.SetOutput(o[0], o[1]); err != nil {
			return err
		}
	}
	return nil
}

// summary renders the job summary: a table, the commits that decided the
// bump, and the release notes.
func summary(r result, cfg config) string {
	var b strings.Builder
	b.WriteString("## semver-release\n\n")
	prev := "(none)"
	if r.previous != nil {
		prev = "`" + r.previous.Name + "`"
	}
	next := "(no release)"
	if r.next != nil {
		next = "`" + r.tag + "`"
	}
	status := "no"
	switch {
	case r.next == nil:
		status = "no: " + r.noReleaseReason()
	case cfg.dryRun:
		status = "no: dry run, nothing created"
	case r.released && r.already:
		status = "yes: completed an earlier run"
	case r.released:
		status = "yes"
	case r.already:
		status = "no: already released"
	}
	if r.releaseURL != "" && !cfg.dryRun {
		next = "[" + next + "](" + r.releaseURL + ")"
	}
	b.WriteString("| previous | next | bump | released |\n| --- | --- | --- | --- |\n")
	fmt.Fprintf(&b, "| %s | %s | %s | %s |\n\n", prev, next, r.reportedBump(), markdown.Text(status))
	if len(r.reasons) > 0 && r.next != nil {
		fmt.Fprintf(&b, "**Why %s** (%d of %d commits since %s decide it):\n\n", r.bump, len(r.reasons), r.commits, prevOr(r))
		const maxReasons = 30
		for i, x := range r.reasons {
			if i == maxReasons {
				fmt.Fprintf(&b, "- … and %d more\n", len(r.reasons)-maxReasons)
				break
			}
			fmt.Fprintf(&b, "- `%s` %s (%s)\n", short(x.SHA), markdown.Text(x.Header), markdown.Text(x.Why))
		}
		if r.ignored > 0 {
			fmt.Fprintf(&b, "\n%d commits trigger nothing (merges, reverted pairs, or types outside release-types).\n", r.ignored)
		}
		b.WriteString("\n")
	}
	if r.notes != "" {
		b.WriteString("### Release notes\n\n")
		b.WriteString(strings.TrimRight(r.notes, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}

func prevOr(r result) string {
	if r.previous != nil {
		return r.previous.Name
	}
	return "the start of history"
}
