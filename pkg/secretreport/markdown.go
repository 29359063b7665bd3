package secretreport

import (
	"fmt"
	"strings"
	"time"
)

// MaxSummaryRows bounds the summary table; the step summary is limited to 1 MiB.
const MaxSummaryRows = 500

// SummaryOptions add context to the job summary.
type SummaryOptions struct {
	Mode        string // what was scanned, e.g. "history", "diff 1a2b3c4..5d6e7f8", "files under ."
	CommitURL   string // prefix of commit links, e.g. https://github.com/o/r/commit/ ; empty: no links
	MaxFileSize int64
	// UnusedIgnores are configured fingerprints that suppressed nothing.
	UnusedIgnores []string
}

// Markdown renders the job summary: a heading with the count, what was scanned, and a table of
// findings (rule, file:line, commit, author). It never shows a secret, not even redacted.
func Markdown(r Report, opts SummaryOptions) string {
	var b strings.Builder
	switch n := len(r.Findings); n {
	case 0:
		b.WriteString("## Secret scan: no secrets found\n\n")
	case 1:
		b.WriteString("## Secret scan: 1 secret found\n\n")
	default:
		fmt.Fprintf(&b, "## Secret scan: %d secrets found\n\n", n)
	}
	st := r.Stats
	what := "Scanned"
	if opts.Mode != "" {
		what = "Scanned " + escapeText(opts.Mode) + ":"
	}
	if st.Commits > 0 {
		fmt.Fprintf(&b, "%s %s, %s, %s of added text in %s.", what, plural(st.Commits, "commit"), plural(st.Files, "file version"), humanBytes(st.Bytes), humanDuration(st.Duration))
	} else {
		fmt.Fprintf(&b, "%s %s, %s in %s.", what, plural(st.Files, "file"), humanBytes(st.Bytes), humanDuration(st.Duration))
	}
	if st.Skipped > 0 {
		fmt.Fprintf(&b, " %s skipped (binary", plural(st.Skipped, "file"))
		if opts.MaxFileSize > 0 {
			fmt.Fprintf(&b, ", larger than %s", humanBytes(opts.MaxFileSize))
		}
		b.WriteString(" or unreadable).")
	}
	b.WriteString("\n")
	if len(r.Findings) > 0 {
		b.WriteString("\n| Rule | File:line | Commit | Author |\n| --- | --- | --- | --- |\n")
		for i, f := range r.Findings {
			if i == MaxSummaryRows {
				fmt.Fprintf(&b, "\n%d more findings are in the report.\n", len(r.Findings)-MaxSummaryRows)
				break
			}
			commit := "—"
			if f.Commit != "" {
				commit = code(short(f.Commit))
				if opts.CommitURL != "" {
					commit = "[" + commit + "](" + opts.CommitURL + f.Commit + ")"
				}
			}
			author := "—"
			if f.Author != "" {
				author = escapeText(f.Author)
			}
			desc := f.Description
			if desc == "" {
				desc = f.RuleID
			}
			fmt.Fprintf(&b, "| %s %s | %s | %s | %s |\n", code(f.RuleID), escapeText(desc), code(fmt.Sprintf("%s:%d", f.File, f.Line)), commit, author)
		}
		b.WriteString("\nRevoke each credential at its provider and replace it: removing it from the code leaves it in git history. " +
			"A false alarm can be silenced with a `secret-scan:allow` comment on its line or by adding its fingerprint (in the JSON report) to `ignores` in the configuration file.\n")
	}
	if len(opts.UnusedIgnores) > 0 {
		fmt.Fprintf(&b, "\n%s in the configuration matched nothing and can be removed:\n\n", plural(len(opts.UnusedIgnores), "ignore"))
		for _, ig := range opts.UnusedIgnores {
			fmt.Fprintf(&b, "- %s\n", code(ig))
		}
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

func humanDuration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// code renders s as an inline code span that survives backticks and pipes inside a table.
func code(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// escapeText escapes user-controlled text (author names, paths) for a Markdown table cell: no
// HTML, links, emphasis or cell breaks.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\n', '\r':
			b.WriteByte(' ')
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '~', '&':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
