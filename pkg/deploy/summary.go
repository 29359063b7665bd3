package deploy

import (
	"fmt"
	"strings"
	"time"

	"github.com/rose/actions/pkg/markdown"
	"github.com/rose/actions/pkg/railway"
)

// Summary renders a run as GitHub-flavoured Markdown for the job summary: service, environment, commit,
// deployment link, status timeline, duration, health check, rollback and the last log lines.
func Summary(r Result) string {
	var b strings.Builder
	verdict := "✅ deployed"
	switch {
	case r.Restore && r.RolledBack && !r.Failed():
		verdict = "↩️ previous deployment restored"
	case r.Restore && !r.Failed():
		verdict = "↩️ nothing to restore"
	case r.Restore:
		verdict = "❌ restore failed"
	case r.Failed() && r.RolledBack:
		verdict = "❌ failed, rolled back"
	case r.WaitsForApproval:
		verdict = "⏸️ waits for approval in Railway"
	case r.Failed():
		verdict = "❌ failed"
	case r.Skipped:
		verdict = "⏭️ skipped by Railway (nothing to deploy)"
	case r.Status != "" && !railway.Stable(r.Status):
		verdict = "⏳ started (not waited for)"
	}
	fmt.Fprintf(&b, "### Railway deploy of %s: %s\n\n", markdown.Text(r.Target.ServiceName), verdict)
	b.WriteString("| | |\n| --- | --- |\n")
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", k, v)
		}
	}
	row("Service", markdown.Text(r.Target.ServiceName)+" ("+markdown.Code(r.Target.ServiceID)+")")
	row("Environment", markdown.Text(r.Target.EnvironmentName)+" ("+markdown.Code(r.Target.EnvironmentID)+")")
	row("Project", markdown.Text(r.Target.ProjectName)+" ("+markdown.Code(r.Target.ProjectID)+")")
	if r.CommitSHA != "" {
		row("Commit", markdown.Code(r.CommitSHA))
	}
	if r.DeploymentID != "" {
		row("Deployment", fmt.Sprintf("[%s](%s)", markdown.Text(r.DeploymentID), r.LogsURL))
	}
	row("Status", markdown.Text(r.Status))
	row("URL", markdown.Text(r.URL))
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
		row("Health check", markdown.Text(h))
	}
	row("Previous deployment", markdown.Text(r.PreviousID))
	row("Rollback", markdown.Text(r.RollbackNote))
	if r.Failed() {
		fmt.Fprintf(&b, "\n**Failure:** %s\n", markdown.Text(r.Failure))
	}
	if r.Notice != "" {
		fmt.Fprintf(&b, "\n**Note:** %s\n", markdown.Text(r.Notice))
	}
	if len(r.Timeline) > 0 {
		b.WriteString("\n#### Timeline\n\n| time | deployment | status | note |\n| --- | --- | --- | --- |\n")
		for _, e := range r.Timeline {
			fmt.Fprintf(&b, "| +%s | %s | %s | %s |\n", e.At.Round(time.Second), markdown.Text(e.DeploymentID), markdown.Text(e.Status), markdown.Text(e.Note))
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
