package changelog

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
)

// DefaultTitle starts a changelog file that Update creates.
const DefaultTitle = "# Changelog\n"

// CheckVersion reports whether version can head a section that Update finds again: one word, with no
// brackets, parentheses or "#".
func CheckVersion(version string) error {
	if version == "" {
		return errors.New("empty version")
	}
	if strings.ContainsFunc(version, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("[]()#", r) || unicode.IsControl(r)
	}) {
		return errors.New("a version must be one word without spaces, brackets, parentheses or \"#\"")
	}
	return nil
}

// Update returns the changelog text old with section (a rendered release section, its heading first)
// written in, and changes nothing else byte for byte:
//
//   - the section of the same version (heading "## 1.2.0", "## [1.2.0](...) (date)", "# [v1.2.0]" ...) is
//     replaced in place;
//   - otherwise an Unreleased section whose listed commits all belong to the release is replaced by it, in
//     place: the release promotes it. Commits of the release that Unreleased lists beside others are taken
//     out of it, so that no commit appears in two sections;
//   - otherwise the section is inserted among the releases by version (newest first: above the newest
//     release for a new one, below Unreleased), or, when the file has no release yet, at the end above any
//     link reference definitions.
//
// A section runs to the next release heading, or to the next heading of its own level or above: the
// "## Bug Fixes" of a "# [3.5.0]" section belongs to it. Headings inside code fences are text. Empty old
// text gives a new changelog with DefaultTitle. Line ends follow old's (LF, CRLF or CR).
func Update(old []byte, version, section string) []byte {
	return UpdateRelease(old, version, section, nil)
}

// UpdateRelease is Update for a release whose commits are all listed in commits (full SHAs), including
// those section does not show (hidden types): an Unreleased section that was rendered with other types
// loses their items too.
func UpdateRelease(old []byte, version, section string, commits []string) []byte {
	section = lineEnds.Replace(section)
	section = strings.TrimRight(section, "\n") + "\n"
	section = closeFence(section)
	if len(bytes.TrimSpace(old)) == 0 {
		return []byte(DefaultTitle + "\n" + section)
	}
	d := parseDoc(old, version)
	section = strings.ReplaceAll(section, "\n", d.nl)
	released := commitRefs(section)
	for _, c := range commits {
		if len(c) >= 7 && isHex(c) {
			released = append(released, strings.ToLower(c))
		}
	}

	var edits []edit
	target := d.find(version)
	unreleased := -1
	if !isUnreleased(version) {
		unreleased = d.find("Unreleased")
	}
	if unreleased >= 0 {
		// The Unreleased section loses the commits the release lists; when it has nothing else left, the
		// release takes its place.
		from, to := d.heads[unreleased].line, d.sectionEnd(unreleased)
		kept, changed, empty := d.prune(from, to, released)
		switch {
		case empty && target < 0:
			edits = append(edits, edit{from: from, to: d.contentEnd(unreleased), text: section})
			target = -2 // written
		case empty:
			edits = append(edits, edit{from: from, to: to})
		case changed:
			edits = append(edits, edit{from: from, to: to, text: kept})
		}
	}
	switch {
	case target >= 0:
		edits = append(edits, edit{from: d.heads[target].line, to: d.contentEnd(target), text: section})
	case target == -1:
		at := d.insertAt(version)
		edits = append(edits, edit{from: at, to: at, text: section})
	}
	return d.apply(edits)
}

// doc is a changelog split into lines, with its headings.
type doc struct {
	lines [][]byte
	nl    string
	heads []head
	// limit is where the last section ends at the latest: the start of the trailing block of link
	// reference definitions, or of a code fence left open (it runs to the end of the file, and any
	// heading below it is code).
	limit int
	// deepest is the deepest level of the release headings (1 or 2); lastRelease the index in heads of
	// the last one (-1 when none).
	deepest, lastRelease int
}

// head is an ATX heading outside code fences.
type head struct {
	line    int
	level   int    // 1 to 6
	title   string // the text after the "#"s
	version string // the version a level-1 or level-2 heading names, or ""
}

func (h head) release() bool { return h.version != "" }

// parseDoc reads old; a heading that names version (whatever it looks like) is a release heading too.
func parseDoc(old []byte, version string) doc {
	d := doc{lines: splitKeepEnds(old), nl: newline(old), lastRelease: -1}
	var f fence
	openFence := -1
	for i, raw := range d.lines {
		l := strings.TrimRight(string(raw), "\r\n")
		if f.char != 0 {
			if f.closes(l) {
				f, openFence = fence{}, -1
			}
			continue
		}
		if f = opensFence(l); f.char != 0 {
			openFence = i
			continue
		}
		level, title, ok := atxHeading(l)
		if !ok {
			continue
		}
		h := head{line: i, level: level, title: title}
		if level <= 2 {
			if v := titleVersion(title); looksLikeVersion(v) || sameVersion(v, version) {
				h.version = v
			}
		}
		d.heads = append(d.heads, h)
	}
	// The trailing block of link reference definitions ("[1.2.0]: https://...") is not part of a section.
	d.limit = len(d.lines)
	end := len(d.lines)
	for end > 0 && (isLinkDefinition(d.lines[end-1]) || isBlankLine(d.lines[end-1])) {
		end--
	}
	if end < len(d.lines) && hasLinkDefinition(d.lines[end:]) {
		d.limit = end
	}
	if openFence >= 0 && openFence < d.limit {
		d.limit = openFence
	}
	for k, h := range d.heads {
		if h.release() && h.line < d.limit {
			d.lastRelease = k
			d.deepest = max(d.deepest, h.level)
		}
	}
	return d
}

// atxHeading reads a heading that starts the line: one to six "#", then a space or the end of the line.
func atxHeading(l string) (level int, title string, ok bool) {
	for level < len(l) && l[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level < len(l) && l[level] != ' ' && l[level] != '\t' {
		return 0, "", false
	}
	title = strings.TrimSpace(l[level:])
	// A closing sequence of "#" is not part of the title.
	if t := strings.TrimRight(title, "#"); t != title && (t == "" || strings.HasSuffix(t, " ")) {
		title = strings.TrimSpace(t)
	}
	return level, title, true
}

// titleVersion returns the first word of a heading's title, without brackets.
func titleVersion(title string) string {
	if strings.HasPrefix(title, "[") {
		if i := strings.IndexByte(title, ']'); i > 0 {
			return strings.TrimSpace(title[1:i])
		}
	}
	if i := strings.IndexAny(title, " \t("); i >= 0 {
		title = title[:i]
	}
	return title
}

// find returns the index in heads of the first release heading of version, or -1.
func (d doc) find(version string) int {
	for k, h := range d.heads {
		if h.release() && h.line < d.limit && sameVersion(h.version, version) {
			return k
		}
	}
	return -1
}

// sectionEnd returns the line where the section of heads[k] ends: the next release heading, the next
// heading of the same level or above, or, after the last release, a heading at a release level that does
// not title a group of changes (vue's "## Previous Changelogs" below its last "# [x.y.0]" release).
func (d doc) sectionEnd(k int) int {
	h := d.heads[k]
	for j := k + 1; j < len(d.heads); j++ {
		g := d.heads[j]
		switch {
		case g.line >= d.limit:
			return d.limit
		case g.release() || g.level <= h.level:
			return d.start(j)
		case j > d.lastRelease && g.level <= d.deepest && !changeGroup(g.title):
			return d.start(j)
		}
	}
	return d.limit
}

// start is the first line of the section of heads[k]: its heading, or the HTML anchor right above it that
// older conventional-changelog versions write (`<a name="1.2.0"></a>`), which belongs to the heading.
func (d doc) start(k int) int {
	l := d.heads[k].line
	if l > 0 && isAnchor(d.lines[l-1]) && (k == 0 || d.heads[k-1].line < l-1) {
		return l - 1
	}
	return l
}

// isAnchor reports whether l is an empty HTML anchor alone on its line: <a name="x"></a> or <a id="x"></a>.
func isAnchor(l []byte) bool {
	s := strings.TrimSpace(string(l))
	return (strings.HasPrefix(s, "<a name=") || strings.HasPrefix(s, "<a id=")) && strings.HasSuffix(s, "></a>") &&
		strings.Count(s, "<") == 2
}

// contentEnd is sectionEnd less the blank lines that end the section: the spacing between sections is
// the file's own and stays as it is when a section is replaced.
func (d doc) contentEnd(k int) int {
	end := d.sectionEnd(k)
	for end > d.heads[k].line+1 && isBlankLine(d.lines[end-1]) {
		end--
	}
	return end
}

// changeGroup reports whether a heading title names a group of changes within a release.
func changeGroup(title string) bool {
	t := strings.ToLower(strings.TrimLeft(title, "⚠️ :*_"))
	for _, ts := range DefaultTypes {
		if strings.EqualFold(t, ts.Section) {
			return true
		}
	}
	switch t {
	case "breaking changes", strings.ToLower(OtherSection), "added", "changed", "deprecated", "removed",
		"fixed", "security", "new features", "bug fixes", "fixes", "others", "dependencies", "notes":
		return true
	}
	return false
}

// insertAt returns the line above which a new section of version goes: above the first release that is
// older (or not a semantic version), below Unreleased; at the end of the releases when every release is
// newer; at the end of the text when there is none.
func (d doc) insertAt(version string) int {
	v := parseVersion(version)
	for k, h := range d.heads {
		if !h.release() || h.line >= d.limit {
			continue
		}
		if isUnreleased(h.version) && !isUnreleased(version) {
			continue
		}
		if v == nil {
			return d.start(k)
		}
		if hv := parseVersion(h.version); hv == nil || hv.LessThan(v) {
			return d.start(k)
		}
	}
	if d.lastRelease >= 0 {
		return d.sectionEnd(d.lastRelease)
	}
	return d.limit
}

// edit replaces lines[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// apply makes the edits (in any order, not overlapping). A written section is separated from the text
// around it by one blank line.
func (d doc) apply(edits []edit) []byte {
	var out bytes.Buffer
	pos := 0
	for len(edits) > 0 {
		k := 0
		for i, e := range edits {
			if e.from < edits[k].from {
				k = i
			}
		}
		e := edits[k]
		edits = append(edits[:k], edits[k+1:]...)
		for _, l := range d.lines[pos:e.from] {
			out.Write(l)
		}
		pos = e.to
		if e.text == "" {
			continue
		}
		if out.Len() > 0 {
			b := out.Bytes()
			sep := d.nl
			if b[len(b)-1] == '\r' && sep[0] == '\n' {
				sep = "\r" // "\r" then "\n" would be one CRLF line end, not two
			}
			if b[len(b)-1] != '\n' && b[len(b)-1] != '\r' {
				out.WriteString(d.nl)
			}
			if ls := splitKeepEnds(out.Bytes()); !isBlankLine(ls[len(ls)-1]) && !isAnchor(ls[len(ls)-1]) {
				out.WriteString(sep) // a section's own anchor stays right above its heading
			}
		}
		out.WriteString(e.text)
		if e.to < len(d.lines) {
			next := d.lines[e.to]
			if d.nl == "\r" && next[0] == '\n' {
				out.WriteString("\n") // keep the next line: the section's last CR and its LF make one line end
			}
			if !isBlankLine(next) && !endsWithBlankLine(out.Bytes()) {
				out.WriteString(d.nl)
			}
		}
	}
	for _, l := range d.lines[pos:] {
		out.Write(l)
	}
	return out.Bytes()
}

// prune takes the list items that name one of the released commits out of lines[from:to] (a section),
// and the headings of groups left with no item. It returns the remaining text, whether it changed, and
// whether the section is left with no item at all while it had some (all of them released).
func (d doc) prune(from, to int, released []string) (kept string, changed, empty bool) {
	type block struct {
		start, end int
		item       bool
		drop       bool
	}
	var blocks []block
	for i := from + 1; i < to; {
		l := string(d.lines[i])
		switch {
		case isItem(l):
			j := i + 1
			for j < to && isContinuation(string(d.lines[j])) {
				j++
			}
			blocks = append(blocks, block{start: i, end: j, item: true,
				drop: anyReleased(commitRefs(joinLines(d.lines[i:j])), released)})
			i = j
		default:
			blocks = append(blocks, block{start: i, end: i + 1})
			i++
		}
	}
	dropped := 0
	for _, b := range blocks {
		if b.drop {
			dropped++
		}
	}
	if dropped == 0 {
		return "", false, false
	}
	// A group heading whose items are all gone goes too, with the blank lines after it.
	for k := range blocks {
		if blocks[k].item {
			continue
		}
		if _, _, ok := atxHeading(strings.TrimRight(string(d.lines[blocks[k].start]), "\r\n")); !ok {
			continue
		}
		left := false // an item or a paragraph stays in the group
		j := k + 1
		for ; j < len(blocks); j++ {
			text := strings.TrimRight(string(d.lines[blocks[j].start]), "\r\n")
			if !blocks[j].item {
				if _, _, ok := atxHeading(text); ok {
					break
				}
			}
			if !blocks[j].drop && strings.TrimSpace(text) != "" {
				left = true
			}
		}
		if !left {
			for i := k; i < j; i++ {
				blocks[i].drop = true // the heading, its blank lines and its released items
			}
		}
	}
	var b strings.Builder
	b.Write(d.lines[from])
	empty = true // nothing left but headings and blank lines
	for _, bl := range blocks {
		if bl.drop {
			continue
		}
		text := joinLines(d.lines[bl.start:bl.end])
		b.WriteString(text)
		if _, _, heading := atxHeading(strings.TrimRight(text, "\r\n")); !heading && strings.TrimSpace(text) != "" {
			empty = false
		}
	}
	return b.String(), true, empty
}

// endsWithBlankLine reports whether b (ending with a line end) ends with a blank line.
func endsWithBlankLine(b []byte) bool {
	ls := splitKeepEnds(b)
	return len(ls) > 0 && isBlankLine(ls[len(ls)-1])
}

func joinLines(ls [][]byte) string {
	var b strings.Builder
	for _, l := range ls {
		b.Write(l)
	}
	return b.String()
}

// isItem reports whether l starts a bullet list item at the left margin.
func isItem(l string) bool {
	return len(l) >= 2 && strings.ContainsRune("*-+", rune(l[0])) && (l[1] == ' ' || l[1] == '\t')
}

// isContinuation reports whether l continues the list item above: indented and not blank.
func isContinuation(l string) bool {
	return (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && strings.TrimSpace(l) != ""
}

// commitRefs returns the commit hashes (7 to 40 hexadecimal digits) a text names the way changelogs do:
// a link to .../commit/<sha>, "(abc1234)", "[abc1234]", or an item that starts with the hash
// (goreleaser's "* abc1234 feat: ...").
func commitRefs(s string) []string {
	var out []string
	add := func(h string) {
		if len(h) >= 7 && len(h) <= 40 && isHex(h) {
			out = append(out, strings.ToLower(h))
		}
	}
	for _, l := range strings.Split(lineEnds.Replace(s), "\n") {
		rest := l
		for {
			i := strings.Index(rest, "/commit/")
			if i < 0 {
				break
			}
			rest = rest[i+len("/commit/"):]
			add(hexPrefix(rest))
		}
		for i := 0; i < len(l); i++ {
			if l[i] == '(' || l[i] == '[' {
				h := hexPrefix(l[i+1:])
				if j := i + 1 + len(h); j < len(l) && (l[j] == ')' || l[j] == ']') {
					add(h)
				}
			}
		}
		if isItem(l) {
			add(hexPrefix(strings.TrimLeft(l[2:], " \t")))
		}
	}
	return out
}

func hexPrefix(s string) string {
	n := 0
	for n < len(s) && n < 40 && isHexByte(s[n]) {
		n++
	}
	if n < len(s) && isWordByte(s[n]) {
		return "" // part of a longer word
	}
	return s[:n]
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexByte(s[i]) {
			return false
		}
	}
	return true
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// anyReleased reports whether one of refs names one of the released commits: one is a prefix of the other,
// as a short hash is of the full one.
func anyReleased(refs, released []string) bool {
	for _, r := range refs {
		for _, s := range released {
			if strings.HasPrefix(r, s) || strings.HasPrefix(s, r) {
				return true
			}
		}
	}
	return false
}

func isUnreleased(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "unreleased") }

func normalizeVersion(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	return v
}

func sameVersion(a, b string) bool {
	return normalizeVersion(a) == normalizeVersion(b) && normalizeVersion(a) != ""
}

// looksLikeVersion accepts "1.2.3", "v1.2", "path/v1.2.3", "2026-01-31" and "Unreleased".
func looksLikeVersion(v string) bool {
	if i := strings.LastIndexByte(v, '/'); i >= 0 {
		v = v[i+1:]
	}
	n := normalizeVersion(v)
	return n == "unreleased" || n != "" && n[0] >= '0' && n[0] <= '9'
}

// closeFence closes a code fence that section (LF line ends) leaves open: it would otherwise hide the
// headings below the section, which the next run would then take for part of it.
func closeFence(section string) string {
	var f fence
	for _, l := range strings.Split(strings.TrimSuffix(section, "\n"), "\n") {
		switch {
		case f.char != 0:
			if f.closes(l) {
				f = fence{}
			}
		default:
			f = opensFence(l)
		}
	}
	if f.char == 0 {
		return section
	}
	return section + strings.Repeat(string(f.char), f.n) + "\n"
}

// fence is an open fenced code block: its character and length.
type fence struct {
	char byte
	n    int
}

// opensFence reads a CommonMark opening code fence: up to three spaces, then three or more backticks
// (with no backtick in the info string) or tildes.
func opensFence(l string) fence {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return fence{}
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 || t[0] == '`' && strings.IndexByte(t[n:], '`') >= 0 {
		return fence{}
	}
	return fence{char: t[0], n: n}
}

// closes reports whether l closes the fence: up to three spaces, at least as many of the same character,
// then only spaces or tabs.
func (f fence) closes(l string) bool {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 {
		return false
	}
	n := 0
	for n < len(t) && t[n] == f.char {
		n++
	}
	return n >= f.n && strings.Trim(t[n:], " \t") == ""
}

func isBlankLine(l []byte) bool { return len(bytes.TrimSpace(l)) == 0 }

func isLinkDefinition(l []byte) bool {
	s := strings.TrimSpace(string(l))
	i := strings.Index(s, "]:")
	return strings.HasPrefix(s, "[") && i > 1
}

func hasLinkDefinition(ls [][]byte) bool {
	for _, l := range ls {
		if isLinkDefinition(l) {
			return true
		}
	}
	return false
}

// newline returns the line end b uses: that of its first line (CRLF, LF or a lone CR, all line ends in
// CommonMark), or LF when b has none.
func newline(b []byte) string {
	i := bytes.IndexAny(b, "\r\n")
	switch {
	case i < 0:
		return "\n"
	case b[i] == '\n':
		return "\n"
	case i+1 < len(b) && b[i+1] == '\n':
		return "\r\n"
	default:
		return "\r"
	}
}

// splitKeepEnds splits b into lines, each with its line end: CRLF, LF or a lone CR.
func splitKeepEnds(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := bytes.IndexAny(b, "\r\n")
		if i < 0 {
			out = append(out, b)
			break
		}
		if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
		out = append(out, b[:i+1])
		b = b[i+1:]
	}
	return out
}
