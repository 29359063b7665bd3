// Package markdown escapes untrusted text — pull-request titles, branch names, file paths, author names,
// server answers — for the GitHub-flavoured Markdown of job summaries and comments, so that such text can
// neither break a table nor open HTML, links, emphasis or @mentions.
package markdown

import "strings"

// OneLine turns every run of line breaks and control characters into a single space.
func OneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Text escapes untrusted text for use inline (paragraphs, list items, table cells): line breaks become
// spaces; the characters that open emphasis, code, links, tables, math or HTML are backslash-escaped or
// become entities; a leading character that would start a heading, list or quote is escaped; and @mentions
// are broken with a zero-width space so that nobody is notified. Characters that are harmless inside a line
// (- . ( ) = !) are left alone, so paths, versions and URLs stay readable in the Markdown source.
func Text(s string) string {
	s = OneLine(s)
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '@':
			b.WriteString("@&#8203;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '#', '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '.', ')':
			if i > 0 && allDigits(s[:i]) {
				b.WriteByte('\\') // "1." or "1)" at the start would begin an ordered list
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Code renders untrusted text in code font: a <code> element around Text, so the text is escaped exactly as
// elsewhere (no raw <, backtick, pipe or line break reaches the Markdown source). Empty text shows as such.
func Code(s string) string {
	if strings.TrimSpace(s) == "" {
		return "*(empty)*"
	}
	return "<code>" + Text(s) + "</code>"
}
