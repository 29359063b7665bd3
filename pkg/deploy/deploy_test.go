package deploy

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/rose/actions/pkg/probe"
	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

type harness struct {
	srv    *railwaytest.Server
	clock  *railwaytest.Clock
	client *railway.Client
	d      *Deployer
	log    *strings.Builder
	warn   *strings.Builder
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	srv := railwaytest.New()
	t.Cleanup(srv.Close)
	c := railwaytest.NewClock(time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC))
	srv.SetNow(c.Now)
	client := railway.New(srv.GraphQLURL(), railway.Token{Kind: railway.ProjectToken, Value: srv.ProjectToken}, srv.Client())
	client.Sleep = c.Sleep
	h := &harness{srv: srv, clock: c, client: client, log: &strings.Builder{}, warn: &strings.Builder{}}
	h.d = &Deployer{API: client, Now: c.Now, Sleep: c.Sleep,
		Logf:   func(f string, a ...any) { fmt.Fprintf(h.log, f+"\n", a...) },
		Warnf:  func(f string, a ...any) { fmt.Fprintf(h.warn, f+"\n", a...) },
		Prober: probe.Prober{Now: c.Now, Sleep: c.Sleep},
		Health: probe.Config{MaxAttempts: 3, RetryDelay: 5 * time.Second, Timeout: 5 * time.Second},
	}
	return h
}

var target = Target{ProjectID: "proj-1", ProjectName: "rose", EnvironmentID: "env-prod", EnvironmentName: "production",
	ServiceID: "svc-1", ServiceName: "rose-production"}

func opts() Options {
	return Options{Target: target, Mode: ModeCommit, CommitSHA: "abc1234def", Wait: true, Timeout: 5 * time.Minute,
		PollInterval: 5 * time.Second, Rollback: true}
}

func (h *harness) run(t *testing.T, o Options) Result {
	t.Helper()
	res, err := h.d.Run(context.Background(), o)
	if err != nil {
		t.Fatalf("Run: %v\nlog:\n%s", err, h.log)
	}
	if rej := h.srv.Rejected(); len(rej) > 0 {
		t.Fatalf("the server rejected requests as invalid: %+v", rej)
	}
	return res
}

func TestGoodDeploy(t *testing.T) {
	h := newHarness(t)
	res := h.run(t, opts())
	if res.Failed() || res.Status != "SUCCESS" || res.RolledBack || res.RollbackWanted {
		t.Fatalf("result %+v\n%s", res, h.log)
	}
	if res.DeploymentID != "dep-1" || res.PreviousID != "dep-prev" || res.URL != "https://rose-production-up.railway.app" {
		t.Errorf("ids/url: %q %q %q", res.DeploymentID, res.PreviousID, res.URL)
	}
	if got := res.Statuses("dep-1"); !slices.Equal(got, []string{"INITIALIZING", "BUILDING", "DEPLOYING", "SUCCESS"}) {
		t.Errorf("statuses %v", got)
	}
	if len(h.srv.Rollbacks)+len(h.srv.Cancels) != 0 {
		t.Errorf("rollbacks %v cancels %v on a good deploy", h.srv.Rollbacks, h.srv.Cancels)
	}
	if h.srv.Deployments[1].Meta["commitHash"] != "abc1234def" {
		t.Errorf("deployed meta %v", h.srv.Deployments[1].Meta)
	}
	// Railway reaches SUCCESS at 60s; polls every 5s see it at 60s.
	if res.Duration != 60*time.Second {
		t.Errorf("duration %s", res.Duration)
	}
	if h.warn.Len() != 0 {
		t.Errorf("warnings: %s", h.warn)
	}
}

func TestFailuresRollBack(t *testing.T) {
	tests := []struct {
		name     string
		script   railwaytest.Script
		status   string
		logKind  string
		timedOut bool
		cancels  []string
	}{
		{name: "failed", script: railwaytest.Failed, status: "FAILED", logKind: "build"},
		{name: "crashed", script: railwaytest.Crashed, status: "CRASHED", logKind: "deploy"},
		{name: "timeout", script: railwaytest.Endless, status: "DEPLOYING", logKind: "deploy", timedOut: true, cancels: []string{"dep-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.srv.NextScripts = []railwaytest.Script{tt.script}
			o := opts()
			o.Timeout = 2 * time.Minute
			res := h.run(t, o)
			if !res.Failed() || res.Status != tt.status || res.TimedOut != tt.timedOut {
				t.Fatalf("failure %q status %s timedOut %v\n%s", res.Failure, res.Status, res.TimedOut, h.log)
			}
			if !res.RolledBack || res.RollbackID != "dep-2" || !slices.Equal(h.srv.Rollbacks, []string{"dep-prev"}) {
				t.Fatalf("rolledBack=%v rollbackID=%q rollbacks=%v note=%q", res.RolledBack, res.RollbackID, h.srv.Rollbacks, res.RollbackNote)
			}
			if got := h.srv.StatusOf("dep-2"); got != "SUCCESS" {
				t.Errorf("rollback deployment is %s", got)
			}
			if got := res.Statuses("dep-2"); !slices.Equal(got, []string{"DEPLOYING", "SUCCESS"}) {
				t.Errorf("rollback statuses %v", got)
			}
			// Only our own unfinished deployment is ever cancelled: never the one that served.
			if !slices.Equal(h.srv.Cancels, tt.cancels) {
				t.Errorf("cancels %v, want %v", h.srv.Cancels, tt.cancels)
			}
			if len(res.Logs) != 3 || !strings.Contains(h.log.String(), "last 3 "+tt.logKind+" log lines") || !strings.Contains(h.log.String(), "chainlit") {
				t.Errorf("logs %v\n%s", res.Logs, h.log)
			}
			if tt.timedOut && res.Duration < 2*time.Minute {
				t.Errorf("gave up after %s, before the timeout", res.Duration)
			}
		})
	}
}

func TestTimeoutPollsAtMostUntilTheDeadline(t *testing.T) {
	h := newHarness(t)
	h.srv.NextScripts = []railwaytest.Script{railwaytest.Endless}
	o := opts()
	o.Timeout, o.PollInterval, o.Rollback = 62*time.Second, 5*time.Second, false
	res := h.run(t, o)
	polls := 0
	for _, op := range h.srv.Ops() {
		if op == "Deployment" {
			polls++
		}
	}
	// 0, 5, ..., 60 and the deadline at 62s: 14 polls; the run ends at the deadline.
	if !res.TimedOut || polls != 14 || res.Duration != 62*time.Second || res.RollbackNote != "rollback is off (input rollback: false)" {
		t.Errorf("timedOut=%v polls=%d duration=%s note=%q", res.TimedOut, polls, res.Duration, res.RollbackNote)
	}
}

func TestHealthURL(t *testing.T) {
	var healthy bool
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !healthy {
			http.Error(w, "boom", http.StatusInternalServerError)
		}
	}))
	defer app.Close()
	for _, ok := range []bool{true, false} {
		t.Run(fmt.Sprint("healthy=", ok), func(t *testing.T) {
			healthy = ok
			h := newHarness(t)
			h.d.Prober.Client = app.Client()
			o := opts()
			o.HealthURL = app.URL + "/healthz"
			res := h.run(t, o)
			if res.Health == nil || res.Health.Healthy != ok || res.Failed() == ok || res.RolledBack == ok {
				t.Fatalf("health %+v failure %q rolledBack %v", res.Health, res.Failure, res.RolledBack)
			}
			if !ok && (res.Status != "SUCCESS" || !strings.Contains(res.Failure, "HTTP 500") || res.Health.Attempts != 3) {
				t.Errorf("status %s failure %q attempts %d", res.Status, res.Failure, res.Health.Attempts)
			}
		})
	}
}

func TestNoPreviousDeployment(t *testing.T) {
	h := newHarness(t)
	h.srv.Deployments = nil
	h.srv.NextScripts = []railwaytest.Script{railwaytest.Crashed}
	res := h.run(t, opts())
	if !res.Failed() || res.RolledBack || res.PreviousID != "" || len(h.srv.Rollbacks) != 0 ||
		res.RollbackNote != "no previous successful deployment to roll back to" {
		t.Fatalf("result %+v", res)
	}
	if !strings.Contains(h.log.String(), "has no successful deployment in production yet") {
		t.Errorf("log does not say so:\n%s", h.log)
	}
}

func TestLogFailureNeverFailsTheDeploy(t *testing.T) {
	h := newHarness(t)
	h.srv.FailLogs = true
	h.srv.NextScripts = []railwaytest.Script{railwaytest.Failed, railwaytest.Good}
	res := h.run(t, opts())
	if !res.RolledBack || !strings.Contains(h.warn.String(), "could not read the build logs") {
		t.Errorf("rolledBack=%v warnings=%q", res.RolledBack, h.warn)
	}
	res = h.run(t, opts())
	if res.Failed() {
		t.Errorf("a good deploy failed: %s", res.Failure)
	}
}

func TestRateLimitDuringPollingIsWaitedOut(t *testing.T) {
	h := newHarness(t)
	h.srv.Faults = []railwaytest.Fault{{Op: "Deployment", Kind: railwaytest.RateLimited, RetryAfter: "7"}, {Op: "Deployment", Kind: railwaytest.ServerError}}
	res := h.run(t, opts())
	if res.Failed() || res.Status != "SUCCESS" {
		t.Fatalf("failure %q", res.Failure)
	}
	if !strings.Contains(h.log.String(), "") || len(h.srv.Faults) != 0 {
		t.Errorf("faults left: %v", h.srv.Faults)
	}
}

// TestEveryStatus plays a deployment through each value of the schema's DeploymentStatus enum on the
// Railway test server, and checks what the deploy does: wait or stop, succeed or fail, cancel, roll back.
func TestEveryStatus(t *testing.T) {
	type want struct {
		failed, skipped, approval, timedOut bool
		cancels, rollbacks                  []string
	}
	inProgress := want{failed: true, timedOut: true, cancels: []string{"dep-1"}, rollbacks: []string{"dep-prev"}}
	tests := map[string]want{
		"INITIALIZING":   inProgress,
		"QUEUED":         inProgress,
		"WAITING":        inProgress,
		"BUILDING":       inProgress,
		"DEPLOYING":      inProgress,
		"NEEDS_APPROVAL": {failed: true, approval: true, timedOut: true},
		"SUCCESS":        {},
		"SLEEPING":       {},
		"SKIPPED":        {skipped: true},
		"FAILED":         {failed: true, rollbacks: []string{"dep-prev"}},
		"CRASHED":        {failed: true, rollbacks: []string{"dep-prev"}},
		"REMOVING":       {failed: true},
		"REMOVED":        {failed: true},
	}
	for status := range railway.Statuses {
		if _, ok := tests[status]; !ok {
			t.Errorf("status %s is not played by this test", status)
		}
	}
	for status, w := range tests {
		t.Run(status, func(t *testing.T) {
			h := newHarness(t)
			h.srv.NextScripts = []railwaytest.Script{{{Status: "QUEUED"}, {Status: status, After: 10 * time.Second}}}
			o := opts()
			o.Timeout = time.Minute
			res := h.run(t, o)
			if res.Status != status || res.Failed() != w.failed || res.Skipped != w.skipped ||
				res.WaitsForApproval != w.approval || res.TimedOut != w.timedOut {
				t.Fatalf("status %s failed=%v (%q) skipped=%v approval=%v timedOut=%v\n%s", res.Status, res.Failed(), res.Failure,
					res.Skipped, res.WaitsForApproval, res.TimedOut, h.log)
			}
			if !slices.Equal(h.srv.Cancels, w.cancels) || !slices.Equal(h.srv.Rollbacks, w.rollbacks) {
				t.Errorf("cancels %v (want %v), rollbacks %v (want %v)", h.srv.Cancels, w.cancels, h.srv.Rollbacks, w.rollbacks)
			}
			// A final status ends the wait at the first poll that sees it; only in-progress ones (and
			// NEEDS_APPROVAL, which an approval may end) are waited on until the timeout.
			if !w.timedOut {
				seen := slices.IndexFunc(res.Timeline, func(e Event) bool { return e.DeploymentID == "dep-1" && e.Status == status })
				if seen < 0 || res.Timeline[seen].At > 10*time.Second+o.PollInterval || res.Timeline[len(res.Timeline)-1].Note == "cancelled after the timeout" {
					t.Errorf("final status %s not seen at once: timeline %+v", status, res.Timeline)
				}
			}
			switch {
			case w.skipped:
				if !strings.Contains(res.Notice, "No changed files matched patterns") {
					t.Errorf("notice %q", res.Notice)
				}
			case w.approval:
				if !strings.Contains(res.Failure, "waits for approval") || !strings.Contains(res.Failure, "was not cancelled") {
					t.Errorf("failure %q", res.Failure)
				}
			}
		})
	}
}

// TestSleepingIsARollbackTarget: a SLEEPING deployment serves (App Sleeping), so a failed deploy rolls back
// to it, and it counts as the previous deployment.
func TestSleepingIsARollbackTarget(t *testing.T) {
	h := newHarness(t)
	h.srv.Deployments[0].Script = railwaytest.Script{{Status: "SUCCESS"}, {Status: "SLEEPING", After: 10 * time.Minute}}
	h.srv.NextScripts = []railwaytest.Script{railwaytest.Crashed}
	res := h.run(t, opts())
	if res.PreviousID != "dep-prev" || !res.RolledBack || !slices.Equal(h.srv.Rollbacks, []string{"dep-prev"}) {
		t.Fatalf("previous %q rolledBack %v rollbacks %v\n%s", res.PreviousID, res.RolledBack, h.srv.Rollbacks, h.log)
	}
}

// TestPreviousIsChosenByCreatedAtAndStatus: the rollback target is the stable deployment created last,
// whatever order the server lists them in, and never a newer FAILED, CRASHED or REMOVED one.
func TestPreviousIsChosenByCreatedAtAndStatus(t *testing.T) {
	for _, oldestFirst := range []bool{false, true} {
		h := newHarness(t)
		now := h.clock.Now()
		h.srv.OldestFirst = oldestFirst
		mk := func(id string, age time.Duration, status string) *railwaytest.Deployment {
			return &railwaytest.Deployment{ID: id, ServiceID: "svc-1", EnvironmentID: "env-prod", Created: now.Add(-age),
				Script: railwaytest.Script{{Status: status}}}
		}
		h.srv.Deployments = []*railwaytest.Deployment{
			mk("dep-old", 3*time.Hour, "SUCCESS"), // REMOVED by the newer SLEEPING one
			mk("dep-serving", 2*time.Hour, "SLEEPING"),
			mk("dep-failed", time.Hour, "FAILED"),
			mk("dep-crashed", 30*time.Minute, "CRASHED"),
			{ID: "dep-other-env", ServiceID: "svc-1", EnvironmentID: "env-stg", Created: now, Script: railwaytest.Script{{Status: "SUCCESS"}}},
		}
		res := h.run(t, opts())
		if res.PreviousID != "dep-serving" {
			t.Errorf("oldestFirst=%v: previous %q, want dep-serving\n%s", oldestFirst, res.PreviousID, h.log)
		}
	}
}

func TestPreviousDeployment(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 12, 1, 0, m, 0, 0, time.UTC) }
	tests := []struct {
		name string
		list []railway.Deployment
		want string
	}{
		{"empty", nil, ""},
		{"none stable", []railway.Deployment{{ID: "a", Status: "FAILED", CreatedAt: at(3)}, {ID: "b", Status: "REMOVED", CreatedAt: at(2)}}, ""},
		{"newest stable, listed last", []railway.Deployment{{ID: "a", Status: "SUCCESS", CreatedAt: at(1)}, {ID: "b", Status: "SUCCESS", CreatedAt: at(5)}}, "b"},
		{"sleeping counts", []railway.Deployment{{ID: "a", Status: "SUCCESS", CreatedAt: at(1)}, {ID: "b", Status: "SLEEPING", CreatedAt: at(2)}}, "b"},
		{"newer crash skipped", []railway.Deployment{{ID: "c", Status: "CRASHED", CreatedAt: at(9)}, {ID: "a", Status: "SUCCESS", CreatedAt: at(1)}}, "a"},
		{"tie keeps the first listed", []railway.Deployment{{ID: "a", Status: "SUCCESS", CreatedAt: at(1)}, {ID: "b", Status: "SUCCESS", CreatedAt: at(1)}}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PreviousDeployment(tt.list).ID; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLogLinesCannotInjectCommands: a Railway log message with embedded newlines and workflow commands is
// printed as lines that the runner reads as plain text.
func TestLogLinesCannotInjectCommands(t *testing.T) {
	h := newHarness(t)
	h.srv.Logs = []string{
		"fine\n::set-output name=url::https://evil.example\r::add-mask::x\r\n  ::error::pwned",
		"::warning file=a::b", "text ##[set-output name=x;]y", "\x1b[31mred\x1b[0m\x00",
	}
	h.srv.NextScripts = []railwaytest.Script{railwaytest.Failed}
	h.run(t, opts())
	lines := strings.Split(h.log.String(), "\n")
	var printed int
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "::") || strings.Contains(l, "##[") || strings.ContainsAny(l, "\r\x1b\x00") {
			t.Errorf("line reaches the command channel: %q", l)
		}
		if strings.Contains(l, "pwned") || strings.Contains(l, "evil.example") || strings.Contains(l, "red") {
			printed++
		}
	}
	if printed != 3 {
		t.Errorf("the log lines are not all printed (%d):\n%s", printed, h.log)
	}
}

func TestNoWait(t *testing.T) {
	h := newHarness(t)
	o := opts()
	o.Wait = false
	res := h.run(t, o)
	if res.Failed() || res.Status != "INITIALIZING" || res.Duration != 0 || len(h.clock.Sleeps()) != 0 {
		t.Fatalf("result %+v sleeps %v", res, h.clock.Sleeps())
	}
}

func TestUploadMode(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.py"), []byte("print()"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("x"), 0o644)
	o := opts()
	o.Mode, o.Path, o.Message = ModeUp, dir, "ci: deploy abc1234"
	res := h.run(t, o)
	if res.Failed() || res.Archive == nil || res.Archive.Files != 1 || len(h.srv.Uploads) != 1 {
		t.Fatalf("result %+v uploads %d", res, len(h.srv.Uploads))
	}
	if up := h.srv.Uploads[0]; !slices.Equal(up.Names, []string{"./main.py"}) || up.Message != "ci: deploy abc1234" {
		t.Errorf("upload %+v", up)
	}
	if !strings.Contains(res.LogsURL, "#build") {
		t.Errorf("logs URL %q", res.LogsURL)
	}
}

// TestOverheadAtMostOnePollInterval checks, on the fake clock, that the run ends at most one poll interval
// after Railway's deployment reaches SUCCESS.
func TestOverheadAtMostOnePollInterval(t *testing.T) {
	for _, successAt := range []time.Duration{0, 1 * time.Second, 59 * time.Second, 60 * time.Second, 61 * time.Second, 4*time.Minute + 59*time.Second} {
		for _, poll := range []time.Duration{time.Second, 5 * time.Second, 7 * time.Second, 30 * time.Second} {
			h := newHarness(t)
			h.srv.NextScripts = []railwaytest.Script{{{Status: "BUILDING"}, {Status: "SUCCESS", After: successAt}}}
			o := opts()
			o.PollInterval = poll
			res := h.run(t, o)
			overhead := res.Duration - successAt
			if res.Failed() || overhead < 0 || overhead > poll {
				t.Errorf("SUCCESS at %s, poll %s: run took %s (overhead %s), failure %q", successAt, poll, res.Duration, overhead, res.Failure)
			}
		}
	}
}

func TestSummaryGolden(t *testing.T) {
	h := newHarness(t)
	h.srv.NextScripts = []railwaytest.Script{railwaytest.Crashed}
	failed := h.run(t, opts())
	h = newHarness(t)
	good := h.run(t, opts())
	h = newHarness(t)
	h.srv.NextScripts = []railwaytest.Script{{{Status: "QUEUED"}, {Status: "SKIPPED", After: 10 * time.Second}}}
	skipped := h.run(t, opts())
	h = newHarness(t)
	h.srv.NextScripts = []railwaytest.Script{{{Status: "QUEUED"}, {Status: "NEEDS_APPROVAL", After: 10 * time.Second}}}
	o := opts()
	o.Timeout = time.Minute
	approval := h.run(t, o)
	h = newHarness(t)
	h.run(t, opts())
	restored, err := h.d.RollbackTo(context.Background(), opts(), "dep-prev")
	if err != nil {
		t.Fatal(err)
	}
	for name, res := range map[string]Result{"failed_rolled_back": failed, "success": good, "skipped": skipped,
		"needs_approval": approval, "restored": restored} {
		t.Run(name, func(t *testing.T) {
			got := Summary(res)
			path := filepath.Join("testdata", name+".md")
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("summary differs from %s:\n%s", path, got)
			}
		})
	}
}

func TestSummaryEscapes(t *testing.T) {
	s := Summary(Result{Target: Target{ServiceName: "a|b<script>"}, Failure: "x<img>", Logs: []railway.Log{{Message: "~~~~ end"}}})
	if strings.Contains(s, "<script>") || strings.Contains(s, "<img>") || !strings.Contains(s, `a\|b`) || strings.Count(s, "~~~~") != 2 {
		t.Errorf("summary not escaped:\n%s", s)
	}
}

// FuzzSafeLines: whatever Railway sends, no printed line can hold a line break, start a workflow command
// ("::" after blanks) or carry the legacy "##[" form; and no text is lost: each printed line, without the
// zero-width spaces and control characters, is the corresponding input line.
func FuzzSafeLines(f *testing.F) {
	for _, s := range []string{"", "ok", "a\n::set-output name=x::y", " \t::add-mask::s\r\n##[error]e", "\x1b[31m::\r::", "\u2028::x", ":\u200b:"} {
		f.Add(s)
	}
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\u200b' || (r != '\t' && unicode.IsControl(r)) {
				return -1
			}
			return r
		}, s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := SafeLines(s)
		in := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
		if len(lines) != len(in) {
			t.Fatalf("%d lines for %d input lines", len(lines), len(in))
		}
		for i, l := range lines {
			if strings.ContainsAny(l, "\r\n") || strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") || strings.Contains(l, "##[") {
				t.Fatalf("unsafe line %q from %q", l, s)
			}
			if strip(l) != strip(in[i]) {
				t.Fatalf("line %d changed: %q from %q", i, l, in[i])
			}
		}
		if one := SafeText(s); strings.ContainsAny(one, "\r\n") {
			t.Fatalf("SafeText kept a line break: %q", one)
		}
	})
}

// TestRollbackTo plays the post-deploy verification: a deploy succeeds, the service's own tests (a later
// workflow step) fail, and the rollback mode restores the deployment the deploy replaced.
func TestRollbackTo(t *testing.T) {
	h := newHarness(t)
	first := h.run(t, opts())
	if first.Failed() || first.PreviousID != "dep-prev" {
		t.Fatalf("deploy: %+v", first)
	}
	res, err := h.d.RollbackTo(context.Background(), opts(), first.PreviousID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() || !res.RolledBack || res.PreviousID != "dep-1" || res.DeploymentID != "dep-2" || res.Status != "SUCCESS" ||
		!slices.Equal(h.srv.Rollbacks, []string{"dep-prev"}) {
		t.Fatalf("rollback: %+v\n%s", res, h.log)
	}
	if st := h.srv.StatusOf("dep-1"); st != "REMOVED" {
		t.Errorf("the replaced deployment is %s", st)
	}

	// Asking again: dep-2 (the restored image) serves; rolling back to it is a no-op.
	again, err := h.d.RollbackTo(context.Background(), opts(), "dep-2")
	if err != nil || again.Failed() || again.RolledBack || !strings.Contains(again.RollbackNote, "already serves") || len(h.srv.Rollbacks) != 1 {
		t.Errorf("no-op rollback: %+v, %v", again, err)
	}
}

func TestRollbackToRefusesForeignOrUnknownDeployments(t *testing.T) {
	h := newHarness(t)
	h.srv.Deployments = append(h.srv.Deployments, &railwaytest.Deployment{ID: "dep-worker", ServiceID: "svc-2", EnvironmentID: "env-prod",
		Created: h.clock.Now().Add(-time.Minute), Script: railwaytest.Script{{Status: "SUCCESS"}}})
	for id, want := range map[string]string{"dep-nope": "knows no deployment", "dep-worker": "belongs to service svc-2"} {
		_, err := h.d.RollbackTo(context.Background(), opts(), id)
		var cerr *ConfigError
		if !errors.As(err, &cerr) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "input rollback-to") {
			t.Errorf("%s: error %v", id, err)
		}
	}
	if len(h.srv.Rollbacks) != 0 {
		t.Errorf("rollbacks %v", h.srv.Rollbacks)
	}
}

func TestRollbackToChecksHealth(t *testing.T) {
	h := newHarness(t)
	h.run(t, opts())
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }))
	defer bad.Close()
	o := opts()
	o.HealthURL = bad.URL + "/api/health"
	res, err := h.d.RollbackTo(context.Background(), o, "dep-prev")
	if err != nil || !res.RolledBack || !res.Failed() || !strings.Contains(res.Failure, "unhealthy") {
		t.Errorf("result %+v, %v", res, err)
	}
}

// TestUnknownStatusIsWaitedOnWithAWarning: a status Railway adds after this schema is neither success nor
// failure: the deploy says so and waits, as for an in-progress status.
func TestUnknownStatusIsWaitedOnWithAWarning(t *testing.T) {
	h := newHarness(t)
	h.srv.NextScripts = []railwaytest.Script{{{Status: "BUILDING"}, {Status: "HIBERNATING", After: 10 * time.Second}, {Status: "SUCCESS", After: 30 * time.Second}}}
	res := h.run(t, opts())
	if res.Failed() || res.Status != "SUCCESS" || !strings.Contains(h.warn.String(), `status "HIBERNATING"`) {
		t.Errorf("status %s failure %q warnings %q", res.Status, res.Failure, h.warn)
	}
}
