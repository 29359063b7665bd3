package secretreport

import (
	"fmt"
	"strings"
	"time"

	"github.com/rose/actions/pkg/markdown"
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
	// Baseline names the baseline file ("" when none was given); UnusedBaseline counts its
	// entries that matched nothing, shown when it is above zero.
	Baseline       string
	UnusedBaseline int
}

// Markdown renders the job summary: a heading with the count of new findings, what was scanned,
// the findings that were accepted (baselined, ignored by fingerprint, allowed inline), and a table
// of the new findings (rule, file:line, commit, author). It never shows a secret, not even
// redacted. Every text that comes from the repository (paths, author names, rule descriptions of
// the configuration) is escaped with package markdown: no mention, link or HTML survives.
func Markdown(r Report, opts SummaryOptions) string {
	var b strings.Builder
	st := r.Stats
	newWord := "secret"
	if st.Accepted() > 0 {
		newWord = "new secret"
	}
	switch n := len(r.Findings); n {
	case 0:
		fmt.Fprintf(&b, "## Secret scan: no %ss found\n\n", newWord)
	default:
		fmt.Fprintf(&b, "## Secret scan: %s found\n\n", plural(n, newWord))
	}
	what := "Scanned"
	if opts.Mode != "" {
		what = "Scanned " + markdown.Text(opts.Mode) + ":"
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
	if n := st.Accepted(); n > 0 {
		var parts []string
		if st.Baselined > 0 {
			parts = append(parts, fmt.Sprintf("%d in the baseline", st.Baselined))
		}
		if st.Ignored > 0 {
			parts = append(parts, fmt.Sprintf("%d ignored by fingerprint in the configuration", st.Ignored))
		}
		if st.AllowedInline > 0 {
			parts = append(parts, fmt.Sprintf("%d allowed inline (`secret-scan:allow`)", st.AllowedInline))
		}
		fmt.Fprintf(&b, "\n%s accepted, not failures: %s.\n", plural(n, "finding"), strings.Join(parts, ", "))
	}
	if opts.Baseline != "" && opts.UnusedBaseline > 0 {
		entries := "1 entry"
		if opts.UnusedBaseline != 1 {
			entries = fmt.Sprintf("%d entries", opts.UnusedBaseline)
		}
		fmt.Fprintf(&b, "\n%s of the baseline %s matched nothing in this scan (the secret was removed from history, or is outside what was scanned).\n",
			entries, code(opts.Baseline))
	}
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
				if opts.CommitURL != "" && isHex(f.Commit) {
					commit = "[" + commit + "](" + opts.CommitURL + f.Commit + ")"
				}
			}
			author := "—"
			if f.Author != "" {
				author = markdown.Text(f.Author)
			}
			desc := f.Description
			if desc == "" {
				desc = f.RuleID
			}
			if f.InTestPath {
				desc += " (" + TestPathNote + ")"
			}
			fmt.Fprintf(&b, "| %s %s | %s | %s | %s |\n", code(f.RuleID), markdown.Text(desc), code(fmt.Sprintf("%s:%d", f.File, f.Line)), commit, author)
		}
		b.WriteString("\nRevoke each credential at its provider and replace it: removing it from the code leaves it in git history. " +
			"A false alarm can be silenced with a `secret-scan:allow` comment on its line or by adding its fingerprint (in the JSON report) to `ignores` in the configuration file; " +
			"to accept every finding of an old history at once, pass a report of it as `baseline`.\n")
	}
	if r.LimitedCount > 0 {
		verb := "were"
		if r.LimitedCount == 1 {
			verb = "was"
		}
		fmt.Fprintf(&b, "\n%s %s read only in part. Their text is so dense in rule keywords (generated, minified "+
			"or repeated data) that reading it with every rule would take longer than secret-scan allows a scan "+
			"(20 MB/s a core); from the line named on, some rules did not read them. Move such data out of the "+
			"repository, or list it in `allow-paths` once you have checked it:\n\n", plural(r.LimitedCount, "file"), verb)
		for _, l := range r.Limited {
			fmt.Fprintf(&b, "- %s\n", code(fmt.Sprintf("%s:%d", l.Path, l.Line)))
		}
		if more := r.LimitedCount - len(r.Limited); more > 0 {
			fmt.Fprintf(&b, "- and %d more\n", more)
		}
	}
	if len(opts.UnusedIgnores) > 0 {
		fmt.Fprintf(&b, "\n%s in the configuration matched nothing and can be removed:\n\n", plural(len(opts.UnusedIgnores), "ignore"))
		for _, ig := range opts.UnusedIgnores {
			fmt.Fprintf(&b, "- %s\n", code(ig))
		}
	}
	return b.String()
}

func isHex(s string) bool {
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s != ""
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
