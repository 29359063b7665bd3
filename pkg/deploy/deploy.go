package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/rose/actions/pkg/probe"
	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/wait"
)

// Modes of deploying.
const (
	ModeUp     = "up"     // upload a folder as a tarball, like `railway up`
	ModeCommit = "commit" // deploy a commit of a GitHub-linked service
)

// Options say what to deploy and how to judge it.
type Options struct {
	Target Target
	Mode   string // ModeUp or ModeCommit
	Path   string // folder uploaded in ModeUp
	// Archive says how far the upload reaches (Root: the repository, that links must stay in) and which
	// global excludes file counts.
	Archive      railway.ArchiveOptions
	CommitSHA    string // commit deployed in ModeCommit; the latest when empty
	Message      string
	Wait         bool
	Timeout      time.Duration // longest wait for the deployment, and again for a rollback
	PollInterval time.Duration
	HealthURL    string // checked after SUCCESS when not empty
	Rollback     bool
	LogLines     int // log lines printed on failure; 40 when zero
}

// RollbackTo restores deployment id of the target service (the rollback mode: a workflow step that ran the
// service's own tests after a deploy, and saw them fail, passes the deploy's previous-deployment-id). It
// reads the deployment, checks that it belongs to the target's service and environment and that Railway can
// roll back to it, rolls back, waits until the deployment Railway creates for it serves, and checks
// o.HealthURL when set. Result.PreviousID is the deployment that served before the rollback. A deployment that
// does not exist or belongs elsewhere is a *ConfigError.
func (d *Deployer) RollbackTo(ctx context.Context, o Options, id string) (res Result, err error) {
	d.defaults()
	if o.PollInterval <= 0 {
		o.PollInterval = 5 * time.Second
	}
	res = Result{Target: o.Target, Started: d.Now(), RollbackWanted: true, Restore: true}
	defer func() { res.Duration = d.Now().Sub(res.Started) }()
	t := o.Target
	dep, err := d.API.Deployment(ctx, id)
	var gerr *railway.GraphQLError
	switch {
	case errors.As(err, &gerr) && gerr.NotFound():
		return res, configErrorf("input rollback-to: %q: Railway knows no deployment with this id; give a deployment id of %s, such as the previous-deployment-id output of the deploy step", id, t.ServiceName)
	case err != nil:
		return res, fmt.Errorf("read deployment %s: %w", id, err)
	case dep.ServiceID != t.ServiceID || dep.EnvironmentID != t.EnvironmentID:
		return res, configErrorf("input rollback-to: %q belongs to service %s in environment %s, not to %s (%s) in %s (%s)",
			id, orNone(dep.ServiceID), orNone(dep.EnvironmentID), t.ServiceName, t.ServiceID, t.EnvironmentName, t.EnvironmentID)
	}
	filter := railway.DeploymentFilter{ProjectID: t.ProjectID, EnvironmentID: t.EnvironmentID, ServiceID: t.ServiceID}
	prev, err := d.previous(ctx, filter)
	if err != nil {
		return res, fmt.Errorf("read the deployment that serves now: %w", err)
	}
	res.PreviousID = prev.ID
	res.event(d.Now(), id, dep.Status, "rollback target")
	if prev.ID == id {
		res.DeploymentID, res.LogsURL = id, Link(t, id)
		res.Status, res.URL = dep.Status, dep.PublicURL()
		res.RollbackNote = fmt.Sprintf("deployment %s already serves (%s): nothing to roll back", id, dep.Status)
		d.Logf("%s", res.RollbackNote)
		return res, nil
	}
	if !dep.CanRollback && !railway.Stable(dep.Status) {
		res.Failure = fmt.Sprintf("Railway cannot roll back to deployment %s (status %s, canRollback false): only a deployment that served, "+
			"with its image still within the plan's retention, can be restored", id, dep.Status)
		return res, nil
	}
	d.Logf("serving now: %s; rolling back to %s (%s, created %s)", orNone(prev.ID), id, dep.Status, dep.CreatedAt.UTC().Format(time.RFC3339))
	d.rollback(ctx, &res, filter, o, id)
	res.DeploymentID = res.RollbackID
	if res.DeploymentID == "" {
		res.DeploymentID = id
	}
	res.LogsURL = Link(t, res.DeploymentID)
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	if !res.RolledBack {
		res.Failure = res.RollbackNote
		return res, nil
	}
	if now, err := d.API.Deployment(ctx, res.DeploymentID); err == nil {
		res.Status = now.Status
		if u := now.PublicURL(); u != "" {
			res.URL = u
		}
	}
	if o.HealthURL != "" {
		cfg := d.Health
		cfg.URLs = []string{o.HealthURL}
		d.Logf("checking %s", redactURL(o.HealthURL))
		hr := d.Prober.Run(ctx, cfg)
		res.Health = &hr
		if !hr.Healthy {
			res.Failure = fmt.Sprintf("rolled back to %s, but %s is unhealthy: %s", id, redactURL(hr.Deciding().URL), hr.Deciding().Reason)
		}
	}
	return res, nil
}

// Deployer runs deployments. API is required; the rest defaults to real time and no output.
type Deployer struct {
	API   API
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Logf reports progress; Warnf reports what went wrong without failing the deploy.
	Logf, Warnf func(format string, args ...any)
	// Group starts a collapsible log group (the log lines of a failed deployment); nil prints a heading.
	Group func(title string) (end func())
	// Health is the probe used for HealthURL; its Config.URLs is set per check.
	Prober probe.Prober
	Health probe.Config
}

// Event is a status seen at a moment of the run.
type Event struct {
	At           time.Duration // since the start of the run
	DeploymentID string
	Status       string
	Note         string
}

// Result is what a run did.
type Result struct {
	Target       Target
	DeploymentID string
	Status       string // Railway's last status of the new deployment
	URL          string // public URL of the service, when it has one
	LogsURL      string
	CommitSHA    string
	PreviousID   string // the newest stable (SUCCESS or SLEEPING) deployment before this run: the rollback target
	TimedOut     bool
	Failure      string // why the deploy failed; empty when it succeeded
	// Skipped: Railway skipped the deployment (SKIPPED, no watched file changed); a success, see Notice.
	Skipped bool
	// WaitsForApproval: the deployment still waits for approval (NEEDS_APPROVAL) when the timeout passed.
	WaitsForApproval bool
	Notice           string // what the user should know about a success (a skipped deployment)
	// Restore: the run was a rollback to a given deployment (RollbackTo), not a deploy.
	Restore        bool
	Health         *probe.Result
	RollbackWanted bool
	RolledBack     bool   // a rollback was made and is serving
	RollbackID     string // the deployment the rollback created
	RollbackNote   string // what happened to the rollback, when one was wanted
	Logs           []railway.Log
	Timeline       []Event
	Started        time.Time
	Duration       time.Duration
	Archive        *railway.ArchiveStats
}

// Failed reports whether the deploy failed.
func (r Result) Failed() bool { return r.Failure != "" }

func (d *Deployer) defaults() {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Sleep == nil {
		d.Sleep = wait.Sleep
	}
	if d.Logf == nil {
		d.Logf = func(string, ...any) {}
	}
	if d.Warnf == nil {
		d.Warnf = d.Logf
	}
}

// Run deploys. It returns an error when the deploy could not be started (or the run was cancelled); a
// deployment that fails is reported in Result.Failure.
func (d *Deployer) Run(ctx context.Context, o Options) (res Result, err error) {
	d.defaults()
	if o.PollInterval <= 0 {
		o.PollInterval = 5 * time.Second
	}
	if o.LogLines <= 0 {
		o.LogLines = 40
	}
	res = Result{Target: o.Target, Started: d.Now(), CommitSHA: o.CommitSHA}
	defer func() { res.Duration = d.Now().Sub(res.Started) }()
	t := o.Target
	filter := railway.DeploymentFilter{ProjectID: t.ProjectID, EnvironmentID: t.EnvironmentID, ServiceID: t.ServiceID}

	// 0. Build the upload first: a folder that cannot be archived fails before Railway is asked anything.
	var archive bytes.Buffer
	if o.Mode != ModeCommit {
		st, err := railway.ArchiveWith(o.Path, &archive, o.Archive)
		if err != nil {
			return res, err
		}
		res.Archive = &st
		for _, w := range st.Warnings {
			d.Warnf("%s", w)
		}
		d.Logf("uploading %s: %d files, %s (%s compressed), %d ignored", o.Path, st.Files, size(st.Bytes), size(int64(archive.Len())), st.Ignored)
	}

	// 1. Remember what serves now: the rollback target.
	prev, err := d.previous(ctx, filter)
	switch {
	case err != nil:
		if ctx.Err() != nil {
			return res, err
		}
		d.Warnf("could not read the deployment that serves now, so no rollback will be possible: %v", err)
	case prev.ID == "":
		d.Logf("%s has no successful deployment in %s yet: nothing to roll back to if this one fails", t.ServiceName, t.EnvironmentName)
	default:
		res.PreviousID = prev.ID
		d.Logf("serving now: deployment %s (%s, created %s): the rollback target", prev.ID, prev.Status, prev.CreatedAt.UTC().Format(time.RFC3339))
	}

	// 2. Deploy.
	switch o.Mode {
	case ModeCommit:
		id, err := d.API.DeployCommit(ctx, t.EnvironmentID, t.ServiceID, o.CommitSHA)
		if err != nil {
			return res, fmt.Errorf("deploy commit %s of %s: %w", shortSHA(o.CommitSHA), t.ServiceName, err)
		}
		res.DeploymentID = id
	default:
		up, err := d.API.Upload(ctx, t.ProjectID, t.EnvironmentID, t.ServiceID, o.Message, archive.Bytes())
		if err != nil {
			return res, fmt.Errorf("upload %s to %s: %w", o.Path, t.ServiceName, err)
		}
		res.DeploymentID, res.LogsURL = up.DeploymentID, up.LogsURL
	}
	if res.LogsURL == "" {
		res.LogsURL = Link(t, res.DeploymentID)
	}
	d.Logf("deployment %s started: %s", res.DeploymentID, res.LogsURL)

	if !o.Wait {
		dep, err := d.API.Deployment(ctx, res.DeploymentID)
		if err != nil {
			d.Warnf("could not read the new deployment's status: %v", err)
		}
		res.Status, res.URL = dep.Status, dep.PublicURL()
		res.event(d.Now(), res.DeploymentID, dep.Status, "not waited for")
		return res, nil
	}

	// 3. Wait for a final status.
	dep, timedOut, err := d.wait(ctx, &res, res.DeploymentID, o)
	if err != nil {
		return res, err
	}
	res.Status, res.URL, res.TimedOut = dep.Status, dep.PublicURL(), timedOut
	switch {
	case timedOut && dep.Status == railway.StatusNeedsApproval:
		// Someone has to approve it in Railway; cancelling would throw that request away, and nothing
		// replaced the deployment that serves, so there is nothing to roll back either.
		res.WaitsForApproval = true
		res.Failure = fmt.Sprintf("deployment %s waits for approval in Railway (status NEEDS_APPROVAL) and was not approved within %s: "+
			"approve it in the dashboard (%s) and it deploys; it was not cancelled, and nothing was rolled back", res.DeploymentID, o.Timeout, res.LogsURL)
	case timedOut:
		res.Failure = fmt.Sprintf("deployment %s did not finish within %s (last status %s)", res.DeploymentID, o.Timeout, orNone(dep.Status))
		res.RollbackWanted = true
		// Stop our own deployment, so it cannot go live after the rollback; nothing else is cancelled.
		if err := d.API.Cancel(ctx, res.DeploymentID); err != nil {
			d.Warnf("could not cancel deployment %s: %v", res.DeploymentID, err)
		} else {
			d.Logf("cancelled deployment %s", res.DeploymentID)
			res.event(d.Now(), res.DeploymentID, "", "cancelled after the timeout")
		}
		d.printLogs(ctx, &res, o.LogLines, dep.Status)
	case dep.Status == railway.StatusFailed || dep.Status == railway.StatusCrashed:
		res.Failure = fmt.Sprintf("deployment %s ended %s", res.DeploymentID, dep.Status)
		res.RollbackWanted = true
		d.printLogs(ctx, &res, o.LogLines, dep.Status)
	case dep.Status == railway.StatusSkipped:
		// `railway up --ci` treats "No changed files matched patterns" as success: the service's watch
		// paths did not match, so Railway built nothing and the deployment that served keeps serving.
		res.Skipped = true
		res.Notice = fmt.Sprintf("deployment %s was SKIPPED by Railway: no changed file matched the service's watch paths "+
			"(\"No changed files matched patterns\"), so nothing was built; the deployment that served before keeps serving", res.DeploymentID)
		if n := len(res.Timeline); n > 0 && res.Timeline[n-1].DeploymentID == res.DeploymentID && res.Timeline[n-1].Status == dep.Status {
			res.Timeline[n-1].Note = "skipped: nothing to deploy"
		}
	case dep.Status == railway.StatusRemoved || dep.Status == railway.StatusRemoving:
		res.Failure = fmt.Sprintf("deployment %s ended %s: it was removed before serving (another deployment may have replaced it); the deployment that served before is untouched", res.DeploymentID, dep.Status)
	case railway.Stable(dep.Status) && o.HealthURL != "":
		cfg := d.Health
		cfg.URLs = []string{o.HealthURL}
		d.Logf("checking %s", redactURL(o.HealthURL))
		hr := d.Prober.Run(ctx, cfg)
		res.Health = &hr
		if !hr.Healthy {
			res.Failure = fmt.Sprintf("deployment %s is %s but %s is unhealthy: %s", res.DeploymentID, dep.Status, redactURL(hr.Deciding().URL), hr.Deciding().Reason)
			res.RollbackWanted = true
			res.event(d.Now(), res.DeploymentID, dep.Status, "health check failed")
			d.printLogs(ctx, &res, o.LogLines, railway.StatusCrashed)
		} else {
			res.event(d.Now(), res.DeploymentID, dep.Status, fmt.Sprintf("healthy after %d attempt(s)", hr.Attempts))
		}
	}
	if ctx.Err() != nil {
		return res, ctx.Err()
	}

	// 4. Roll back.
	if res.RollbackWanted {
		switch {
		case !o.Rollback:
			res.RollbackNote = "rollback is off (input rollback: false)"
		case res.PreviousID == "":
			res.RollbackNote = "no previous successful deployment to roll back to"
		default:
			d.rollback(ctx, &res, filter, o, res.PreviousID)
		}
		d.Logf("rollback: %s", res.RollbackNote)
	}
	return res, nil
}

// previousListSize is how many of the service's newest deployments are read to find the rollback target.
const previousListSize = 50

// previous finds the deployment that serves now: among the service's newest deployments, the stable one
// (SUCCESS or SLEEPING) created last, as the CLI's `railway down` chooses. The list's order is not trusted.
func (d *Deployer) previous(ctx context.Context, filter railway.DeploymentFilter) (railway.Deployment, error) {
	list, err := d.API.Deployments(ctx, filter, previousListSize)
	if err != nil {
		return railway.Deployment{}, err
	}
	return PreviousDeployment(list), nil
}

// PreviousDeployment returns the stable deployment (SUCCESS or SLEEPING) created last in list, whatever the
// list's order; ties go to the first listed. It returns the zero Deployment when none is stable.
func PreviousDeployment(list []railway.Deployment) railway.Deployment {
	var best railway.Deployment
	for _, dep := range list {
		if !railway.Stable(dep.Status) {
			continue
		}
		if best.ID == "" || dep.CreatedAt.After(best.CreatedAt) {
			best = dep
		}
	}
	return best
}

// wait polls deployment id until it reaches a final status or the timeout passes. The deployment is read
// at once, then every PollInterval, and once more at the deadline, so a final status is seen at most one
// interval after Railway reaches it.
func (d *Deployer) wait(ctx context.Context, res *Result, id string, o Options) (railway.Deployment, bool, error) {
	start := d.Now()
	deadline := start.Add(o.Timeout)
	var last railway.Deployment
	errorsInRow := 0
	for {
		dep, err := d.API.Deployment(ctx, id)
		switch {
		case err != nil && ctx.Err() != nil:
			return last, false, ctx.Err()
		case err != nil:
			errorsInRow++
			d.Warnf("reading deployment %s failed (%d in a row): %v", id, errorsInRow, err)
			if errorsInRow >= 5 {
				return last, false, fmt.Errorf("lost track of deployment %s: %w", id, err)
			}
		default:
			errorsInRow = 0
			if dep.Status != last.Status {
				d.Logf("%s: %s (%s)", id, SafeText(dep.Status), round(d.Now().Sub(start)))
				res.event(d.Now(), id, dep.Status, "")
				if _, known := railway.Statuses[dep.Status]; !known {
					d.Warnf("Railway reports status %q for deployment %s, which is not in the schema this action knows: "+
						"it is waited on like an in-progress status until the timeout", SafeText(dep.Status), id)
				}
			}
			last = dep
			if railway.Terminal(dep.Status) {
				return dep, false, nil
			}
		}
		now := d.Now()
		if !now.Before(deadline) {
			return last, true, nil
		}
		if err := d.Sleep(ctx, min(o.PollInterval, deadline.Sub(now))); err != nil {
			return last, false, err
		}
	}
}

// rollback asks Railway to roll back to deployment target and waits for the deployment it creates to serve.
func (d *Deployer) rollback(ctx context.Context, res *Result, filter railway.DeploymentFilter, o Options, target string) {
	known := map[string]bool{res.DeploymentID: true, res.PreviousID: true, target: true}
	if before, err := d.API.Deployments(ctx, filter, 10); err == nil {
		for _, dep := range before {
			known[dep.ID] = true
		}
	}
	d.Logf("rolling back to deployment %s", target)
	if err := d.API.Rollback(ctx, target); err != nil {
		res.RollbackNote = fmt.Sprintf("rollback to %s failed: %v (Railway rolls back only to an image still within the plan's retention)", target, err)
		return
	}
	res.event(d.Now(), target, "", "rollback requested")
	// Railway makes a new deployment from the previous one's image; find it.
	var newID string
	for i := 0; i < 5 && newID == ""; i++ {
		if i > 0 {
			if err := d.Sleep(ctx, o.PollInterval); err != nil {
				res.RollbackNote = "rollback requested; waiting for it was cancelled"
				return
			}
		}
		list, err := d.API.Deployments(ctx, filter, 10)
		if err != nil {
			d.Warnf("listing deployments after the rollback failed: %v", err)
			continue
		}
		for _, dep := range list {
			if !known[dep.ID] {
				newID = dep.ID
				break
			}
		}
	}
	waitFor := newID
	if waitFor == "" {
		waitFor = target // the rollback may reactivate the previous deployment itself
	}
	res.RollbackID = newID
	dep, timedOut, err := d.wait(ctx, res, waitFor, o)
	switch {
	case err != nil:
		res.RollbackNote = fmt.Sprintf("rollback to %s requested, but waiting for it failed: %v", target, err)
	case timedOut:
		res.RollbackNote = fmt.Sprintf("rollback to %s requested, but deployment %s did not serve within %s (last status %s)", target, waitFor, o.Timeout, orNone(dep.Status))
	case !railway.Stable(dep.Status):
		res.RollbackNote = fmt.Sprintf("rollback to %s ended %s", target, dep.Status)
	default:
		res.RolledBack = true
		res.RollbackNote = fmt.Sprintf("rolled back to deployment %s; %s serves", target, waitFor)
		if u := dep.PublicURL(); u != "" {
			res.URL = u
		}
	}
}

// printLogs prints the last lines of the build log (FAILED) or the runtime log (otherwise). A log that
// cannot be read is a warning, never a failure.
func (d *Deployer) printLogs(ctx context.Context, res *Result, n int, status string) {
	kind, fetch := "deploy", d.API.DeploymentLogs
	if status == railway.StatusFailed || status == railway.StatusBuilding || status == railway.StatusInitializing || status == railway.StatusQueued {
		kind, fetch = "build", d.API.BuildLogs
	}
	logs, err := fetch(ctx, res.DeploymentID, n)
	if err != nil {
		d.Warnf("could not read the %s logs of %s (the deploy result stands): %v", kind, res.DeploymentID, err)
		return
	}
	if len(logs) > n {
		logs = logs[len(logs)-n:]
	}
	res.Logs = logs
	title := fmt.Sprintf("last %d %s log lines of %s", len(logs), kind, res.DeploymentID)
	if d.Group != nil {
		defer d.Group(title)()
	} else {
		d.Logf("%s:", title)
	}
	for _, l := range logs {
		ts := SafeText(l.Timestamp)
		for _, line := range SafeLines(strings.TrimRight(l.Message, "\r\n")) {
			d.Logf("  %s %s", ts, line)
		}
	}
}

func (r *Result) event(at time.Time, id, status, note string) {
	r.Timeline = append(r.Timeline, Event{At: at.Sub(r.Started), DeploymentID: id, Status: status, Note: note})
}

// Statuses lists the distinct statuses deployment id went through, in order.
func (r Result) Statuses(id string) []string {
	var out []string
	for _, e := range r.Timeline {
		if e.DeploymentID == id && e.Status != "" && (len(out) == 0 || out[len(out)-1] != e.Status) {
			out = append(out, e.Status)
		}
	}
	return slices.Clip(out)
}

// Link is the dashboard page of a deployment.
func Link(t Target, deploymentID string) string {
	return fmt.Sprintf("https://railway.com/project/%s/service/%s?environmentId=%s&id=%s", t.ProjectID, t.ServiceID, t.EnvironmentID, deploymentID)
}

func orNone(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func shortSHA(s string) string {
	if s == "" {
		return "(latest)"
	}
	if len(s) > 7 {
		return s[:7]
	}
	return s
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// round shortens a duration for a log line: whole seconds from 10s on, else hundredths.
func round(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(10 * time.Millisecond)
}

// redactURL hides the password of a URL that carries one (https://user:xxxxx@host/).
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}
