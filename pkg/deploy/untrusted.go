package deploy

import (
	"strings"
	"unicode"
)

// zwsp is the zero-width space SafeLines puts inside a workflow-command marker: the line reads the same to a
// person, and the runner no longer sees a command.
const zwsp = "\u200b"

// SafeLines splits text that comes from outside the process (Railway's build and deploy logs, names and
// messages from its API) into lines that cannot reach the runner's command channel:
//   - every CR, LF and CRLF ends a line, so an embedded newline cannot start a new line that the runner
//     reads on its own;
//   - other control characters (terminal escapes, NUL, vertical tab...) are dropped, tabs kept;
//   - a line whose first non-blank characters are "::" (the runner's command form, read after leading
//     white space) gets a zero-width space between the colons;
//   - "##[" (the runner's legacy command form, recognised anywhere in a line) gets one after "##".
//
// An empty text gives one empty line.
func SafeLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safeLine(l)
	}
	return lines
}

// SafeText is SafeLines joined into one line with " ⏎ " where the lines broke, for a log line that must stay
// one line (a status, a name).
func SafeText(s string) string {
	return strings.Join(SafeLines(s), " ⏎ ")
}

func safeLine(l string) string {
	l = strings.Map(func(r rune) rune {
		if r == '\t' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, l)
	l = strings.ReplaceAll(l, "##[", "##"+zwsp+"[")
	rest := strings.TrimLeftFunc(l, unicode.IsSpace)
	if strings.HasPrefix(rest, "::") {
		lead := l[:len(l)-len(rest)]
		l = lead + ":" + zwsp + rest[1:]
	}
	return l
}
