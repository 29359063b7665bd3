package changelog

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// DefaultTitle starts a changelog file that UpdateFile creates.
const DefaultTitle = "# Changelog\n"

// CheckVersion reports whether version can head a section that UpdateFile finds again: one word, with no
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

func updateFile(path, version, section string) error {
	if err := CheckVersion(version); err != nil {
		return fmt.Errorf("update changelog: version %q: %w", version, err)
	}
	old, err := os.ReadFile(path)
	mode := fs.FileMode(0o644)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return fmt.Errorf("read changelog: %w", err)
	default:
		if st, err := os.Stat(path); err == nil {
			mode = st.Mode().Perm()
		}
	}
	data := Update(old, version, section)
	if bytes.Equal(data, old) {
		return nil
	}
	return writeAtomic(path, data, mode)
}

// Update returns the changelog text old with section written in: it replaces the section of the same
// version (heading "## 1.2.0", "## [1.2.0](...) (date)", "# [v1.2.0]" ...) when there is one, and
// otherwise inserts section above the newest version section (or, when there is none, at the end, above
// any link reference definitions). A section runs to the next "#" or "##" heading. Everything else is kept
// byte for byte. Empty old text gives a new changelog with DefaultTitle. Line ends follow old's (CRLF or LF).
func Update(old []byte, version, section string) []byte {
	section = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(section)
	section = strings.TrimRight(section, "\n") + "\n"
	section = closeFence(section)
	if len(bytes.TrimSpace(old)) == 0 {
		return []byte(DefaultTitle + "\n" + section)
	}
	lines := splitKeepEnds(old)
	nl := newline(old)
	section = strings.ReplaceAll(section, "\n", nl)

	headings, openFence := versionHeadings(lines, version)
	// The trailing block of link reference definitions ("[1.2.0]: https://...") is not part of a section.
	end := len(lines)
	for end > 0 && (isLinkDefinition(lines[end-1]) || isBlankLine(lines[end-1])) {
		end--
	}
	if end < len(lines) && !hasLinkDefinition(lines[end:]) {
		end = len(lines)
	}

	var out bytes.Buffer
	write := func(ls [][]byte) {
		for _, l := range ls {
			out.Write(l)
		}
	}
	for k, h := range headings {
		if !h.same || !h.version {
			continue
		}
		stop := end
		if k+1 < len(headings) && headings[k+1].line < end {
			stop = headings[k+1].line
		}
		if openFence >= 0 && openFence < stop {
			// A fence left open runs to the end of the file and hides any heading below it: it is not
			// part of the section, so that it stays where it is.
			stop = openFence
		}
		write(lines[:h.line])
		out.WriteString(section)
		if stop < len(lines) && !isBlankLine(lines[stop]) {
			out.WriteString(nl)
		}
		write(lines[stop:])
		return out.Bytes()
	}

	at := end // no version section yet: below the title and its text, above link definitions
	for _, h := range headings {
		if h.version {
			at = h.line
			break
		}
	}
	if openFence >= 0 && at > openFence {
		// A code fence left open runs to the end of the file: a section written below it would be code,
		// and the next run would not find it. Insert it above the fence instead.
		at = openFence
	}
	write(lines[:at])
	if at > 0 {
		if last := lines[at-1]; !bytes.HasSuffix(last, []byte("\n")) && !bytes.HasSuffix(last, []byte("\r")) {
			out.WriteString(nl)
		}
		if !isBlankLine(lines[at-1]) {
			out.WriteString(nl)
		}
	}
	out.WriteString(section)
	if at < len(lines) && !isBlankLine(lines[at]) {
		out.WriteString(nl)
	}
	write(lines[at:])
	return out.Bytes()
}

type heading struct {
	line    int  // index in lines
	version bool // the heading names a version
	same    bool // the heading of the version being written
}

// versionHeadings finds the level-1 and level-2 headings outside fenced code blocks (a section ends at the
// next one) and says which name a version. openFence is the line that opens a code fence left unclosed at
// the end of lines, or -1: in CommonMark such a block runs to the end of the document.
func versionHeadings(lines [][]byte, version string) (hs []heading, openFence int) {
	var f fence
	openFence = -1
	for i, raw := range lines {
		l := strings.TrimRight(string(raw), "\r\n")
		if f.char != 0 {
			if f.closes(l) {
				f = fence{}
				openFence = -1
			}
			continue
		}
		if f = opensFence(l); f.char != 0 {
			openFence = i
			continue
		}
		v, ok := headingVersion(l)
		if !ok {
			continue
		}
		same := sameVersion(v, version)
		hs = append(hs, heading{line: i, same: same, version: same || looksLikeVersion(v)})
	}
	return hs, openFence
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

// headingVersion returns the first word of a "# " or "## " heading, without brackets.
func headingVersion(line string) (string, bool) {
	var rest string
	switch {
	case strings.HasPrefix(line, "## "):
		rest = line[3:]
	case strings.HasPrefix(line, "# "):
		rest = line[2:]
	default:
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "[") {
		if i := strings.IndexByte(rest, ']'); i > 0 {
			return strings.TrimSpace(rest[1:i]), true
		}
	}
	if i := strings.IndexAny(rest, " \t("); i >= 0 {
		rest = rest[:i]
	}
	return rest, rest != ""
}

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

// writeAtomic writes data to a temporary file beside path and renames it over path, so that readers see
// the old or the new file, never a partial one.
func writeAtomic(path string, data []byte, mode fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write changelog: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write changelog: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write changelog: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write changelog: %w", err)
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("write changelog: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write changelog: %w", err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write changelog: %w", err)
	}
	return nil
}
