// Package changelog renders parsed commits as release notes (Markdown in the conventional-changelog style,
// or JSON for other tools) and writes a release section into the text of a CHANGELOG file, in the file's own
// style and without touching anything else. It does no I/O: the actions read and write the file through
// the runtime, which keeps them inside the workspace.
package changelog

import (
	"time"

	"github.com/rose/actions/pkg/conventional"
)

// Entry is one commit of a release.
type Entry struct {
	// SHA is the full commit hash.
	SHA string
	// Commit is the parsed commit message.
	Commit conventional.Commit
	// Date is the commit date; optional.
	Date time.Time
	// Parents is the number of parents of the commit; 0 means unknown, and then the message decides
	// whether it is a merge (Commit.Merge).
	Parents int
}

// IsMerge reports whether the entry is a merge commit.
func (e Entry) IsMerge() bool {
	if e.Parents > 0 {
		return e.Parents > 1
	}
	return e.Commit.Merge
}

// TypeSection maps a commit type (compared ignoring case) to the title of its section. Hidden sections are
// listed only with Options.IncludeHidden.
type TypeSection struct {
	Type    string
	Section string
	Hidden  bool
}

// Options control the Markdown rendering.
type Options struct {
	// Version is the heading ("1.2.0", "Unreleased").
	Version string
	// PreviousTag and Tag make the compare link (RepoURL/compare/PreviousTag...Tag); an empty Tag
	// compares with HEAD, an empty PreviousTag gives no link.
	PreviousTag, Tag string
	// RepoURL is the repository's web URL (https://github.com/owner/repo); empty: no links.
	RepoURL string
	// Date goes into the heading, as a day in its own time zone (a tag keeps the day its author saw);
	// zero: no date. Unreleased never shows one.
	Date time.Time
	// Types lists the visible sections in order; nil: DefaultTypes. A type missing from Types is hidden.
	Types []TypeSection
	// Style is the form of the heading: its level, brackets, date; see StyleOf.
	Style Style
	// IncludeHidden lists hidden types too (under their DefaultTypes title, or "Other Changes", where
	// non-conventional commits go as well).
	IncludeHidden bool
}

// DefaultTypes are the sections of the conventionalcommits preset.
var DefaultTypes = []TypeSection{
	{Type: "feat", Section: "Features"},
	{Type: "feature", Section: "Features"},
	{Type: "fix", Section: "Bug Fixes"},
	{Type: "perf", Section: "Performance Improvements"},
	{Type: "revert", Section: "Reverts"},
	{Type: "docs", Section: "Documentation", Hidden: true},
	{Type: "style", Section: "Styles", Hidden: true},
	{Type: "chore", Section: "Miscellaneous Chores", Hidden: true},
	{Type: "refactor", Section: "Code Refactoring", Hidden: true},
	{Type: "test", Section: "Tests", Hidden: true},
	{Type: "build", Section: "Build System", Hidden: true},
	{Type: "ci", Section: "Continuous Integration", Hidden: true},
}

// Markdown renders entries as a Markdown release section in the conventional-changelog style: a version
// heading with a compare link and date (in opts.Style), a "⚠ BREAKING CHANGES" section, then one section
// per type in the order of Types. Each entry shows its scope in bold, its description with issue
// references (#12, owner/repo#12) linked, and its short SHA linked to the commit. Commit text is escaped:
// Markdown, HTML and @mentions in it show as text, and code spans stay code. Merge commits are left out.
// The result ends with one newline.
func Markdown(entries []Entry, opts Options) string {
	return renderMarkdown(entries, opts)
}

// SHAs returns the full SHAs of the entries, for UpdateRelease.
func SHAs(entries []Entry) []string {
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.SHA)
	}
	return out
}

// JSON renders entries as {"version","from","to","commits":[{"sha","type","scope","subject","breaking",
// "conventional"}]}. Merge commits are left out.
func JSON(version, from, to string, entries []Entry) ([]byte, error) {
	return renderJSON(version, from, to, entries)
}
