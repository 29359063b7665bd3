package deploy

import (
	"fmt"
	"strings"
	"time"
)

// Summary renders a run as GitHub-flavoured Markdown for the job summary: service, environment, commit,
// deployment link, status timeline, duration, health check, rollback and the last log lines.
func Summary(r Result) string {
	var b strings.Builder
	verdict := "✅ deployed"
	switch {
	case r.Failed() && r.RolledBack:
		verdict = "❌ failed, rolled back"
	case r.Failed():
		verdict = "❌ failed"
	case r.Status != "" && r.Status != "SUCCESS":
		verdict = "⏳ started (not waited for)"
	}
	fmt.Fprintf(&b, "### Railway deploy of %s: %s\n\n", cell(r.Target.ServiceName), verdict)
	b.WriteString("| | |\n| --- | --- |\n")
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", k, v)
		}
	}
	row("Service", fmt.Sprintf("%s (`%s`)", cell(r.Target.ServiceName), cell(r.Target.ServiceID)))
	row("Environment", fmt.Sprintf("%s (`%s`)", cell(r.Target.EnvironmentName), cell(r.Target.EnvironmentID)))
	row("Project", fmt.Sprintf("%s (`%s`)", cell(r.Target.ProjectName), cell(r.Target.ProjectID)))
	if r.CommitSHA != "" {
		row("Commit", "`"+cell(r.CommitSHA)+"`")
	}
	if r.DeploymentID != "" {
		row("Deployment", fmt.Sprintf("[%s](%s)", cell(r.DeploymentID), r.LogsURL))
	}
	row("Status", cell(r.Status))
	row("URL", cell(r.URL))
	row("Duration", r.Duration.Round(time.Second).String())
	if r.Archive != nil {
		row("Uploaded", fmt.Sprintf("%d files, %s", r.Archive.Files, size(r.Archive.Bytes)))
	}
	if r.Health != nil {
		d := r.Health.Deciding()
		h := fmt.Sprintf("healthy (HTTP %d, %d attempt(s))", d.Status, r.Health.Attempts)
		if !r.Health.Healthy {
			h = "unhealthy: " + d.Reason
		}
		row("Health check", cell(h))
	}
	row("Previous deployment", cell(r.PreviousID))
	row("Rollback", cell(r.RollbackNote))
	if r.Failed() {
		fmt.Fprintf(&b, "\n**Failure:** %s\n", escape(r.Failure))
	}
	if len(r.Timeline) > 0 {
		b.WriteString("\n#### Timeline\n\n| time | deployment | status | note |\n| --- | --- | --- | --- |\n")
		for _, e := range r.Timeline {
			fmt.Fprintf(&b, "| +%s | %s | %s | %s |\n", e.At.Round(time.Second), cell(e.DeploymentID), cell(e.Status), cell(e.Note))
		}
	}
	if len(r.Logs) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>Last %d log lines</summary>\n\n~~~~text\n", len(r.Logs))
		for _, l := range r.Logs {
			fmt.Fprintf(&b, "%s %s\n", l.Timestamp, strings.ReplaceAll(strings.TrimRight(l.Message, "\n"), "~~~~", "~ ~ ~ ~"))
		}
		b.WriteString("~~~~\n\n</details>\n")
	}
	return b.String()
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(escape(s), "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// escape keeps s from opening HTML or links in Markdown.
func escape(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}
