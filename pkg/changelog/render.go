package changelog

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path"
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
				b.WriteString("* " + scopePrefix(e.Commit) + l.note(note) + "\n")
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
	return "**" + markdown.Text(c.Scope) + ":** "
}

// note renders a multi-line breaking-change note: each line escaped and linked, the later lines indented
// to stay inside the list item, whatever their line ends (a lone CR ends a line in Markdown too).
func (l linker) note(s string) string {
	lines := strings.Split(strings.TrimSpace(lineEnds.Replace(s)), "\n")
	for i, line := range lines {
		lines[i] = l.text(strings.TrimSpace(line))
	}
	return strings.Join(lines, "\n  ")
}

var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// linker writes links to the repository at repo (https://github.com/owner/name); with no repo it writes
// plain text.
type linker struct{ repo string }

func (l linker) heading(opts Options) string {
	st := opts.Style
	version := opts.Version
	if version == "" {
		version = "Unreleased"
	}
	name := version
	if st.VPrefix && version[0] >= '0' && version[0] <= '9' {
		name = "v" + version
	}
	switch link := l.compare(opts); {
	case !st.Plain && link != "":
		name = "[" + name + "](" + link + ")"
	case !st.Plain && (st.Date == DateDash || isUnreleased(version) && st.Date == DateNone):
		name = "[" + name + "]" // Keep a Changelog's reference-style heading
	}
	level := st.Level
	if level < 1 || level > 2 {
		level = 2
	}
	h := strings.Repeat("#", level) + " " + name
	// Unreleased has no date: it would change every day while its commits stay the same.
	if !opts.Date.IsZero() && !isUnreleased(version) {
		switch st.Date {
		case DateParens:
			h += " (" + opts.Date.Format("2006-01-02") + ")"
		case DateDash:
			h += " - " + opts.Date.Format("2006-01-02")
		}
	}
	return h + "\n"
}

// compare is the compare link of the release, or "".
func (l linker) compare(opts Options) string {
	if l.repo == "" || opts.PreviousTag == "" {
		return ""
	}
	to := opts.Tag
	if to == "" {
		to = "HEAD"
	}
	return fmt.Sprintf("%s/compare/%s...%s", l.repo, opts.PreviousTag, to)
}

func (l linker) entry(e Entry) string {
	c := e.Commit
	desc := strings.TrimSpace(markdown.OneLine(c.Description)) // a line break would end the list item
	line := "* " + scopePrefix(c) + l.text(desc)
	if e.SHA != "" {
		short := e.SHA[:min(7, len(e.SHA))]
		if l.repo != "" {
			line += fmt.Sprintf(" ([%s](%s/commit/%s))", short, l.repo, e.SHA)
		} else {
			line += " (" + short + ")"
		}
	}
	inDesc := map[string]bool{}
	for _, r := range issueRefs(desc) {
		inDesc[r.key()] = true
	}
	var refs []string
	for _, r := range closedIssues(c) {
		if !inDesc[r.key()] {
			inDesc[r.key()] = true
			refs = append(refs, l.issue(r))
		}
	}
	if len(refs) > 0 {
		line += ", closes " + strings.Join(refs, " ")
	}
	return line
}

// closedIssues returns the issues a commit closes, as conventional-changelog finds them: the references
// after "closes", "fixes", "resolves" or "refs" (any tense) in the body or the footers ("Closes #12",
// "resolves nuxt/nuxt#33694", "Fixes: #1, #2").
func closedIssues(c conventional.Commit) []issueRef {
	lines := strings.Split(lineEnds.Replace(c.Body), "\n")
	for _, f := range c.Footers {
		lines = append(lines, f.Token+" "+strings.Split(lineEnds.Replace(f.Value), "\n")[0])
	}
	var out []issueRef
	for _, line := range lines {
		words := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' || r == ':' })
		for i, w := range words {
			switch strings.ToLower(w) {
			case "closes", "close", "closed", "fixes", "fix", "fixed", "resolves", "resolve", "resolved", "refs", "ref":
			default:
				continue
			}
			out = append(out, issueRefs(strings.Join(words[i+1:], " "))...)
			break
		}
	}
	return out
}

// issueRef is a reference to an issue or pull request: #12, or owner/name#12 in another repository.
type issueRef struct {
	repo   string // "owner/name", or "" for this repository
	number string
}

func (r issueRef) key() string { return strings.ToLower(r.repo) + "#" + r.number }

func (r issueRef) String() string { return r.repo + "#" + r.number }

func (l linker) issue(r issueRef) string {
	if l.repo == "" {
		return r.String()
	}
	base := l.repo
	if r.repo != "" {
		// Another repository on the same server: https://github.com/owner/name less owner/name.
		server := strings.TrimSuffix(l.repo, "/"+path.Base(path.Dir(l.repo))+"/"+path.Base(l.repo))
		base = server + "/" + r.repo
	}
	return fmt.Sprintf("[%s](%s/issues/%s)", r, base, r.number)
}

// text escapes one line of commit text for Markdown and links its issue references. Code spans stay code
// (nothing inside them is interpreted); everything else is escaped as pkg/markdown escapes untrusted text:
// no HTML, link, emphasis or @mention survives.
func (l linker) text(s string) string {
	var b strings.Builder
	for i, seg := range codeSpans(s) {
		if seg.code {
			b.WriteString(seg.text)
			continue
		}
		b.WriteString(l.link(seg.text, i == 0))
	}
	return b.String()
}

// link escapes s and turns its issue references into links. Only the start of a line gets the escapes
// that keep it from opening a heading or a list.
func (l linker) link(s string, lineStart bool) string {
	escape := func(t string) string {
		if t == "" || lineStart {
			return markdown.Text(t)
		}
		// A letter in front keeps markdown.Text's start-of-line escapes away from the middle of a line.
		return markdown.Text("x" + t)[1:]
	}
	var b strings.Builder
	last := 0
	for _, m := range findIssueRefs(s) {
		b.WriteString(escape(s[last:m.start]))
		lineStart = false
		b.WriteString(l.issue(m.ref))
		last = m.end
	}
	if last == 0 {
		return escape(s)
	}
	b.WriteString(escape(s[last:]))
	return b.String()
}

type span struct {
	text string
	code bool
}

// codeSpans splits s into text and code spans: a run of backticks opens a span that the next run of the
// same length closes. An unmatched run is text.
func codeSpans(s string) []span {
	var out []span
	text := 0
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := 0
		for i+n < len(s) && s[i+n] == '`' {
			n++
		}
		closeAt := -1
		for j := i + n; j < len(s); {
			if s[j] != '`' {
				j++
				continue
			}
			m := 0
			for j+m < len(s) && s[j+m] == '`' {
				m++
			}
			if m == n {
				closeAt = j
				break
			}
			j += m
		}
		if closeAt < 0 || strings.TrimSpace(s[i+n:closeAt]) == "" {
			i += n
			continue
		}
		if text < i {
			out = append(out, span{text: s[text:i]})
		}
		out = append(out, span{text: s[i : closeAt+n], code: true})
		i = closeAt + n
		text = i
	}
	if text < len(s) || len(out) == 0 {
		out = append(out, span{text: s[text:]})
	}
	return out
}

type refMatch struct {
	start, end int
	ref        issueRef
}

// findIssueRefs finds the references of s that stand alone: "#12" or "owner/name#12", not inside a word,
// a URL or an existing link.
func findIssueRefs(s string) []refMatch {
	var out []refMatch
	for i := 0; i < len(s); i++ {
		if s[i] != '#' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 || j < len(s) && (isWordByte(s[j]) || s[j] == ']') {
			continue
		}
		start, repo := i, ""
		if k := repoBefore(s, i); k >= 0 && (len(out) == 0 || k >= out[len(out)-1].end) {
			start, repo = k, s[k:i]
		} else if i > 0 && (isWordByte(s[i-1]) || strings.ContainsRune("[/&#\\.-", rune(s[i-1]))) {
			continue
		}
		out = append(out, refMatch{start: start, end: j, ref: issueRef{repo: repo, number: s[i+1 : j]}})
		i = j - 1
	}
	return out
}

// repoBefore returns where an "owner/name" that ends at i starts, or -1: owner is letters, digits and
// hyphens; name adds dots and underscores; nothing word-like or "/" comes before it.
func repoBefore(s string, i int) int {
	j := i
	for j > 0 && (isWordByte(s[j-1]) || s[j-1] == '.' || s[j-1] == '-') {
		j--
	}
	if j == i || j == 0 || s[j-1] != '/' {
		return -1
	}
	k := j - 1
	for k > 0 && (isWordByte(s[k-1]) && s[k-1] != '_' || s[k-1] == '-') {
		k--
	}
	if k == j-1 || k > 0 && (isWordByte(s[k-1]) || strings.ContainsRune("/.:@-[", rune(s[k-1]))) {
		return -1
	}
	return k
}

// issueRefs returns the references of s.
func issueRefs(s string) []issueRef {
	var out []issueRef
	for _, m := range findIssueRefs(s) {
		out = append(out, m.ref)
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
