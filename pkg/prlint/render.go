package prlint

import (
	"fmt"
	"strings"

	"github.com/rose/actions/pkg/markdown"
)

// CommentMarker starts the body of pr-lint's sticky comment; it is how the comment is found again.
const CommentMarker = "<!-- rose/actions:pr-lint -->"

// maxPerCheck bounds the findings listed per check, so that a pull request adding thousands of large
// files still gets a comment under GitHub's 65,536-character limit.
const maxPerCheck = 30

// MaxReportLength is the longest report rendered, in bytes (GitHub comments hold 65,536 characters).
const MaxReportLength = 60000

var statusIcon = map[Status]string{
	StatusPassed:  "✅",
	StatusFailed:  "❌",
	StatusWarning: "⚠️",
	StatusPending: "⏳",
	StatusSkipped: "⏭️",
}

var levelIcon = map[Level]string{Failure: "❌", Warning: "⚠️", Pending: "⏳"}

// Headline summarises the report in one line of plain text. Skipped checks are always counted ("3 of 4
// checks skipped"): a run that checked little never reads as a clean pass.
func (r *Report) Headline() string {
	fails, warns, pend := r.Count(Failure), r.Count(Warning), r.Count(Pending)
	total, skipped := len(r.Checks()), len(r.skipped)
	switch {
	case total == 0:
		return "no check ran"
	case fails+warns+pend == 0 && skipped == 0:
		if total == 1 {
			return "the only check passed"
		}
		return fmt.Sprintf("all %d checks passed", total)
	case fails+warns+pend == 0 && skipped == total:
		return fmt.Sprintf("%d of %d checks skipped: nothing was checked", skipped, total)
	}
	var parts []string
	if fails > 0 {
		parts = append(parts, plural(fails, "failure"))
	}
	if warns > 0 {
		parts = append(parts, plural(warns, "warning"))
	}
	if pend > 0 {
		parts = append(parts, plural(pend, "pending item"))
	}
	if fails+warns+pend == 0 {
		passed := total - skipped
		parts = append(parts, fmt.Sprintf("%d passed", passed))
	}
	if skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d checks skipped", skipped, total))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Markdown renders the report as GitHub-flavoured Markdown, starting with CommentMarker. Every piece
// of untrusted text (title, branch, messages quoting them, paths) is escaped so that it can neither
// format, link, mention, nor open HTML comments in the rendered report.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString(CommentMarker + "\n")
	icon := statusIcon[StatusPassed]
	switch {
	case r.Failed():
		icon = statusIcon[StatusFailed]
	case r.Count(Warning) > 0:
		icon = statusIcon[StatusWarning]
	case r.Count(Pending) > 0:
		icon = statusIcon[StatusPending]
	case len(r.skipped) > 0:
		icon = statusIcon[StatusSkipped]
	}
	fmt.Fprintf(&b, "### %s pr-lint: %s\n\n", icon, r.Headline())
	if r.Title != "" {
		fmt.Fprintf(&b, "**Title:** %s<br>\n", markdown.Code(r.Title))
	}
	if r.Branch != "" {
		fmt.Fprintf(&b, "**Branch:** %s\n", markdown.Code(r.Branch))
	}
	b.WriteString("\n| Check | Result |\n| --- | --- |\n")
	for _, c := range r.Checks() {
		st := r.Status(c)
		if reason := r.SkipReason(c); st == StatusSkipped && reason != "" {
			fmt.Fprintf(&b, "| %s | %s %s: %s |\n", c.Label(), statusIcon[st], st, markdown.Text(reason))
			continue
		}
		fmt.Fprintf(&b, "| %s | %s %s |\n", c.Label(), statusIcon[st], st)
	}
	details := false
	for _, c := range r.Checks() {
		n := 0
		for _, f := range r.Findings {
			if f.Check != c {
				continue
			}
			if !details {
				b.WriteString("\n#### Details\n\n")
				details = true
			}
			n++
			if n > maxPerCheck {
				continue
			}
			fmt.Fprintf(&b, "- %s **%s**: %s\n", levelIcon[f.Level], c.Label(), markdown.Text(f.Message))
			if f.Example != "" {
				fmt.Fprintf(&b, "  Example: %s\n", markdown.Code(f.Example))
			}
		}
		if n > maxPerCheck {
			fmt.Fprintf(&b, "- … and %d more %s findings\n", n-maxPerCheck, c.Label())
		}
	}
	out := b.String()
	if len(out) > MaxReportLength {
		cut := strings.LastIndexByte(out[:MaxReportLength], '\n')
		out = out[:cut+1] + "\n… the report was cut to fit in a comment.\n"
	}
	return out
}
