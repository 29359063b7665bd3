package changelog

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/rose/actions/pkg/conventional"
	"github.com/rose/actions/pkg/markdown"
)

// OtherSection is the title of the section of hidden types that have no title of their own and of
// non-conventional commits, listed with Options.IncludeHidden.
const OtherSection = "Other Changes"

// BreakingSection is the title of the section that lists breaking changes first.
const BreakingSection = "⚠ BREAKING CHANGES"

// ParseTypes reads a types specification: "type: Title" (or "type=Title") items, one per line or separated
// by commas. The listed types are visible, in the given order; several types may share a title. An empty
// spec gives DefaultTypes.
func ParseTypes(spec string) ([]TypeSection, error) {
	spec = strings.TrimSpace(strings.ReplaceAll(spec, "\r\n", "\n"))
	if spec == "" {
		return DefaultTypes, nil
	}
	var items []string
	if strings.Contains(spec, "\n") {
		items = strings.Split(spec, "\n")
	} else {
		items = strings.Split(spec, ",")
	}
	var out []TypeSection
	seen := map[string]bool{}
	for _, item := range items {
		item = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(item), "- "))
		if item == "" {
			continue
		}
		i := strings.IndexAny(item, ":=")
		if i < 0 {
			return nil, fmt.Errorf("%q: want \"type: Title\"", item)
		}
		typ, title := strings.TrimSpace(item[:i]), strings.TrimSpace(item[i+1:])
		if typ == "" || strings.IndexFunc(typ, func(r rune) bool {
			return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		}) >= 0 {
			return nil, fmt.Errorf("%q: the type must be ASCII letters, digits or underscores", item)
		}
		if title == "" {
			return nil, fmt.Errorf("%q: missing section title", item)
		}
		key := strings.ToLower(typ)
		if seen[key] {
			return nil, fmt.Errorf("%q: type %q is listed twice", item, typ)
		}
		seen[key] = true
		out = append(out, TypeSection{Type: key, Section: title})
	}
	if len(out) == 0 {
		return DefaultTypes, nil
	}
	return out, nil
}

// typeKey is the type a commit is filed under: "revert" for reverts, its lower-case type otherwise.
func typeKey(c conventional.Commit) string {
	if c.Revert != nil {
		return "revert"
	}
	if !c.Conventional {
		return ""
	}
	return strings.ToLower(c.Type)
}

// sectionOf returns the title of the section e belongs in, or "" when it is not listed.
func sectionOf(c conventional.Commit, types []TypeSection, includeHidden bool) string {
	key := typeKey(c)
	for _, t := range types {
		if t.Type == key {
			if !t.Hidden {
				return t.Section
			}
			if includeHidden {
				return t.Section
			}
			return ""
		}
	}
	if !includeHidden {
		return ""
	}
	for _, t := range DefaultTypes {
		if t.Type == key && key != "" {
			return t.Section
		}
	}
	return OtherSection
}

func renderMarkdown(entries []Entry, opts Options) string {
	types := opts.Types
	if types == nil {
		types = DefaultTypes
	}
	l := linker{repo: strings.TrimSuffix(opts.RepoURL, "/")}
	var b strings.Builder
	b.WriteString(l.heading(opts))

	// Section order: Types, then the DefaultTypes titles, then OtherSection.
	var order []string
	for _, ts := range [][]TypeSection{types, DefaultTypes, {{Section: OtherSection}}} {
		for _, t := range ts {
			if !slices.Contains(order, t.Section) {
				order = append(order, t.Section)
			}
		}
	}
	groups := map[string][]Entry{}
	var breaking []Entry
	for _, e := range entries {
		if e.IsMerge() {
			continue
		}
		if len(e.Commit.BreakingNotes) > 0 {
			breaking = append(breaking, e)
		}
		if s := sectionOf(e.Commit, types, opts.IncludeHidden); s != "" {
			groups[s] = append(groups[s], e)
		}
	}
	if len(breaking) > 0 {
		sortEntries(breaking)
		b.WriteString("\n### " + BreakingSection + "\n\n")
		for _, e := range breaking {
			for _, note := range e.Commit.BreakingNotes {
				b.WriteString("* " + scopePrefix(e.Commit) + indent(l.issues(note)) + "\n")
			}
		}
	}
	for _, title := range order {
		list := groups[title]
		if len(list) == 0 {
			continue
		}
		sortEntries(list)
		b.WriteString("\n### " + title + "\n\n")
		for _, e := range list {
			b.WriteString(l.entry(e) + "\n")
		}
	}
	return b.String()
}

// sortEntries orders entries by scope (none first), then description, like conventional-changelog.
func sortEntries(es []Entry) {
	slices.SortStableFunc(es, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Commit.Scope, b.Commit.Scope),
			cmp.Compare(a.Commit.Description, b.Commit.Description))
	})
}

func scopePrefix(c conventional.Commit) string {
	if c.Scope == "" || c.Scope == "*" || !c.Conventional {
		return ""
	}
	return "**" + c.Scope + ":** "
}

// indent keeps the later lines of a multi-line note inside its list item, whatever their line ends (a
// lone CR ends a line in Markdown too).
func indent(s string) string {
	return strings.ReplaceAll(lineEnds.Replace(s), "\n", "\n  ")
}

var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// linker writes links to the repository at repo (https://github.com/owner/name); with no repo it writes
// plain text.
type linker struct{ repo string }

func (l linker) heading(opts Options) string {
	version := opts.Version
	if version == "" {
		version = "Unreleased"
	}
	h := "## " + version
	if l.repo != "" && opts.PreviousTag != "" {
		to := opts.Tag
		if to == "" {
			to = "HEAD"
		}
		h = fmt.Sprintf("## [%s](%s/compare/%s...%s)", version, l.repo, opts.PreviousTag, to)
	}
	if !opts.Date.IsZero() {
		h += " (" + opts.Date.UTC().Format("2006-01-02") + ")"
	}
	return h + "\n"
}

func (l linker) entry(e Entry) string {
	c := e.Commit
	desc := strings.TrimSpace(markdown.OneLine(c.Description)) // a line break would end the list item
	line := "* " + scopePrefix(c) + l.issues(desc)
	if e.SHA != "" {
		short := e.SHA[:min(7, len(e.SHA))]
		if l.repo != "" {
			line += fmt.Sprintf(" ([%s](%s/commit/%s))", short, l.repo, e.SHA)
		} else {
			line += " (" + short + ")"
		}
	}
	var refs []string
	for _, f := range c.Footers {
		switch strings.ToLower(f.Token) {
		case "closes", "close", "closed", "fixes", "fix", "fixed", "resolves", "resolve", "resolved", "refs":
		default:
			continue
		}
		for _, n := range issueNumbers(f.Value) {
			if !slices.Contains(refs, n) && !slices.Contains(issueNumbers(desc), n) {
				refs = append(refs, n)
			}
		}
	}
	if len(refs) > 0 {
		linked := make([]string, len(refs))
		for i, n := range refs {
			linked[i] = l.issue(n)
		}
		line += ", closes " + strings.Join(linked, " ")
	}
	return line
}

func (l linker) issue(n string) string {
	if l.repo == "" {
		return "#" + n
	}
	return fmt.Sprintf("[#%s](%s/issues/%s)", n, l.repo, n)
}

// issues links every "#123" of s that stands alone: not inside a word, a URL or an existing link.
func (l linker) issues(s string) string {
	if l.repo == "" || !strings.Contains(s, "#") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '#' {
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			alone := i == 0 || !isWordByte(s[i-1]) && !strings.ContainsRune("[/&#", rune(s[i-1]))
			if j > i+1 && alone && (j == len(s) || !isWordByte(s[j]) && s[j] != ']') {
				b.WriteString(l.issue(s[i+1 : j]))
				i = j - 1
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// issueNumbers returns the numbers of the "#123" references in s.
func issueNumbers(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != '#' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > i+1 && (j == len(s) || !isWordByte(s[j])) {
			out = append(out, s[i+1:j])
		}
	}
	return out
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

type jsonCommit struct {
	SHA          string `json:"sha"`
	Type         string `json:"type"`
	Scope        string `json:"scope"`
	Subject      string `json:"subject"`
	Breaking     bool   `json:"breaking"`
	Conventional bool   `json:"conventional"`
}

type jsonDoc struct {
	Version string       `json:"version"`
	From    string       `json:"from"`
	To      string       `json:"to"`
	Commits []jsonCommit `json:"commits"`
}

func renderJSON(version, from, to string, entries []Entry) ([]byte, error) {
	doc := jsonDoc{Version: version, From: from, To: to, Commits: []jsonCommit{}}
	for _, e := range entries {
		if e.IsMerge() {
			continue
		}
		c := e.Commit
		jc := jsonCommit{SHA: e.SHA, Scope: c.Scope, Subject: c.Description, Breaking: c.Breaking,
			Conventional: c.Conventional}
		if c.Conventional {
			jc.Type = c.Type
		}
		doc.Commits = append(doc.Commits, jc)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode changelog: %w", err)
	}
	return append(b, '\n'), nil
}
