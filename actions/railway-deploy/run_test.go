package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

// The Railway test server's scripts, the runtime's clock and every sleep run on one railwaytest.Clock:
// runs take no real time.
type env struct {
	srv   *railwaytest.Server
	clock *railwaytest.Clock
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv := railwaytest.New()
	t.Cleanup(srv.Close)
	c := railwaytest.NewClock(time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC))
	srv.SetNow(c.Now)
	old := sleep
	sleep = c.Sleep
	t.Cleanup(func() { sleep = old })
	return &env{srv: srv, clock: c}
}

func (e *env) run(t *testing.T, inputs map[string]string, vars map[string]string) actiontest.Result {
	t.Helper()
	in := map[string]string{"service": "rose-production", "mode": "commit", "api-url": e.srv.GraphQLURL()}
	for k, v := range inputs {
		in[k] = v
	}
	envv := map[string]string{"GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567", "GITHUB_REPOSITORY": "rose/companion",
		"RAILWAY_TOKEN": e.srv.ProjectToken}
	for k, v := range vars {
		envv[k] = v
	}
	res := actiontest.Run(t, actiontest.Options{Action: "railway-deploy", Run: run, Inputs: in, Env: envv,
		HTTPClient: e.srv.Client(), Now: e.clock.Now})
	if rej := e.srv.Rejected(); len(rej) > 0 {
		t.Fatalf("the Railway test server rejected invalid requests: %+v", rej)
	}
	for _, tok := range []string{e.srv.ProjectToken, e.srv.AccountToken} {
		if leaks := actiontest.Leaks(res, tok); len(leaks) > 0 {
			t.Fatalf("token printed in %q", leaks)
		}
	}
	return res
}

func wantOutputs(t *testing.T, res actiontest.Result, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if res.Outputs[k] != v {
			t.Errorf("output %s = %q, want %q", k, res.Outputs[k], v)
		}
	}
}

func TestGoodDeploy(t *testing.T) {
	e := newEnv(t)
	res := e.run(t, nil, nil)
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantOutputs(t, res, map[string]string{"deployment-id": "dep-1", "status": "SUCCESS", "url": "https://rose-production-up.railway.app",
		"previous-deployment-id": "dep-prev", "rolled-back": "false"})
	if got := e.srv.Deployments[1].Meta["commitHash"]; got != "0123456789abcdef0123456789abcdef01234567" {
		t.Errorf("deployed commit %v, want GITHUB_SHA", got)
	}
	for _, want := range []string{"### Railway deploy of rose-production: ✅ deployed", "| Environment | production (<code>env-prod</code>) |",
		"| Commit | <code>0123456789abcdef0123456789abcdef01234567</code> |", "| +1m0s | dep-1 | SUCCESS |  |", "| Duration | 1m0s |"} {
		if !strings.Contains(res.Summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, res.Summary)
		}
	}
	if !strings.Contains(res.Stdout, "::add-mask::"+e.srv.ProjectToken) {
		t.Error("the token was not masked")
	}
}

func TestFailedDeploysRollBack(t *testing.T) {
	for _, tt := range []struct {
		name    string
		script  railwaytest.Script
		status  string
		cancels []string
		msg     string
	}{
		{"failed", railwaytest.Failed, "FAILED", nil, "deployment dep-1 ended FAILED; rolled back to deployment dep-prev; dep-2 serves"},
		{"crashed", railwaytest.Crashed, "CRASHED", nil, "deployment dep-1 ended CRASHED; rolled back"},
		{"timeout", railwaytest.Endless, "DEPLOYING", []string{"dep-1"}, "deployment dep-1 did not finish within 3m0s (last status DEPLOYING); rolled back"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.srv.NextScripts = []railwaytest.Script{tt.script}
			res := e.run(t, map[string]string{"timeout": "3m"}, nil)
			if res.Code != 1 {
				t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
			}
			wantOutputs(t, res, map[string]string{"deployment-id": "dep-1", "status": tt.status, "previous-deployment-id": "dep-prev", "rolled-back": "true"})
			if !slices.Equal(e.srv.Rollbacks, []string{"dep-prev"}) || e.srv.StatusOf("dep-2") != "SUCCESS" {
				t.Errorf("rollbacks %v, rollback deployment %s", e.srv.Rollbacks, e.srv.StatusOf("dep-2"))
			}
			if !slices.Equal(e.srv.Cancels, tt.cancels) {
				t.Errorf("cancelled %v, want %v", e.srv.Cancels, tt.cancels)
			}
			if !strings.Contains(res.Stdout, "::error::"+tt.msg) {
				t.Errorf("no error %q:\n%s", tt.msg, res.Stdout)
			}
			if !strings.Contains(res.Summary, "failed, rolled back") || !strings.Contains(res.Summary, "ModuleNotFoundError") {
				t.Errorf("summary:\n%s", res.Summary)
			}
		})
	}
}

func TestRateLimitIsWaitedOut(t *testing.T) {
	e := newEnv(t)
	e.srv.Faults = []railwaytest.Fault{{Op: "Deployment", Kind: railwaytest.RateLimited, RetryAfter: "17"}}
	res := e.run(t, nil, nil)
	if res.Code != 0 || !slices.Contains(e.clock.Sleeps(), 17*time.Second) {
		t.Fatalf("exit %d, sleeps %v\n%s", res.Code, e.clock.Sleeps(), res.Stdout)
	}
	if !strings.Contains(res.Stdout, "waiting 17s as Retry-After asks") {
		t.Errorf("the wait is not logged:\n%s", res.Stdout)
	}
}

func TestBadTokens(t *testing.T) {
	e := newEnv(t)
	res := e.run(t, nil, map[string]string{"RAILWAY_TOKEN": "rw-revoked-project-token"})
	if res.Code != 2 || !strings.Contains(res.Stdout, "Project Token not found") || !strings.Contains(res.Stdout, "expects a project token") {
		t.Errorf("bad project token: exit %d\n%s", res.Code, res.Stdout)
	}
	if l := actiontest.Leaks(res, "rw-revoked-project-token"); len(l) > 0 {
		t.Errorf("bad token printed in %q", l)
	}
	res = e.run(t, map[string]string{"project": "proj-1", "environment": "production"},
		map[string]string{"RAILWAY_TOKEN": "", "RAILWAY_API_TOKEN": "rw-wrong-account-token"})
	if res.Code != 2 || !strings.Contains(res.Stdout, "Not Authorized") || !strings.Contains(res.Stdout, "account or workspace token was refused") {
		t.Errorf("bad account token: exit %d\n%s", res.Code, res.Stdout)
	}
	if len(res.Outputs) != 0 || len(e.srv.Deployments) != 1 {
		t.Errorf("outputs %v, %d deployments after a refused token", res.Outputs, len(e.srv.Deployments))
	}
}

func TestAccountToken(t *testing.T) {
	e := newEnv(t)
	res := e.run(t, map[string]string{"project": "proj-1", "environment": "staging", "service": "worker", "api-token": e.srv.AccountToken},
		map[string]string{"RAILWAY_TOKEN": ""})
	if res.Code != 0 || res.Outputs["previous-deployment-id"] != "" {
		t.Fatalf("exit %d outputs %v\n%s", res.Code, res.Outputs, res.Stdout)
	}
	if !strings.Contains(res.Stdout, "has no successful deployment in staging yet") {
		t.Errorf("no note about the missing rollback target:\n%s", res.Stdout)
	}
	for _, r := range e.srv.Requests {
		if r.Auth != "account" {
			t.Errorf("%s sent as %s", r.Op, r.Auth)
		}
	}
}

func TestUploadMode(t *testing.T) {
	e := newEnv(t)
	ws := t.TempDir()
	for name, content := range map[string]string{
		"app/main.py": "import chainlit", "requirements.txt": "chainlit", ".gitignore": ".venv/\n*.pyc\n", ".railwayignore": "notebooks/\n",
		".venv/bin/python": "x", "app/cache.pyc": "x", "notebooks/explore.ipynb": "{}", ".git/HEAD": "ref", "node_modules/a/index.js": "x",
	} {
		p := filepath.Join(ws, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	res := actiontest.Run(t, actiontest.Options{Action: "railway-deploy", Run: run, Dir: ws, HTTPClient: e.srv.Client(), Now: e.clock.Now,
		Inputs: map[string]string{"service": "rose-production", "api-url": e.srv.GraphQLURL()},
		Env:    map[string]string{"RAILWAY_TOKEN": e.srv.ProjectToken, "GITHUB_SHA": "abcdef1234567", "GITHUB_REPOSITORY": "rose/companion"}})
	if res.Code != 0 || len(e.srv.Uploads) != 1 {
		t.Fatalf("exit %d, %d uploads\n%s", res.Code, len(e.srv.Uploads), res.Stdout)
	}
	up := e.srv.Uploads[0]
	var files []string
	for _, n := range up.Names {
		if !strings.HasSuffix(n, "/") {
			files = append(files, n)
		}
	}
	sort.Strings(files)
	if want := []string{"./.gitignore", "./.railwayignore", "./app/main.py", "./requirements.txt"}; !slices.Equal(files, want) {
		t.Errorf("uploaded %v, want %v", files, want)
	}
	if up.ContentType != "application/gzip" || up.Message != "GitHub Actions: rose/companion@abcdef1" {
		t.Errorf("upload %q %q", up.ContentType, up.Message)
	}
	if res.Outputs["deployment-id"] != "dep-1" || res.Outputs["status"] != "SUCCESS" {
		t.Errorf("outputs %v", res.Outputs)
	}
}

func TestHealthURLFailureRollsBack(t *testing.T) {
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no database", http.StatusServiceUnavailable)
	}))
	defer app.Close()
	e := newEnv(t)
	res := e.run(t, map[string]string{"health-url": app.URL + "/healthz"}, nil)
	if res.Code != 1 || res.Outputs["rolled-back"] != "true" || res.Outputs["status"] != "SUCCESS" {
		t.Fatalf("exit %d outputs %v\n%s", res.Code, res.Outputs, res.Stdout)
	}
	if !strings.Contains(res.Stdout, "is unhealthy: HTTP 503") {
		t.Errorf("no health failure:\n%s", res.Stdout)
	}
}

func TestHealthURLPasswordIsMasked(t *testing.T) {
	const password = "planted-health-pw-5d2e"
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pw, _ := r.BasicAuth()
		http.Error(w, "refused "+pw, http.StatusUnauthorized) // a careless service echoes the credential
	}))
	defer app.Close()
	e := newEnv(t)
	healthURL := strings.Replace(app.URL, "http://", "http://probe:"+password+"@", 1) + "/healthz"
	res := e.run(t, map[string]string{"health-url": healthURL}, nil)
	if res.Code != 1 || res.Outputs["rolled-back"] != "true" {
		t.Fatalf("exit %d outputs %v\n%s", res.Code, res.Outputs, res.Stdout)
	}
	if !strings.Contains(res.Stdout, "::add-mask::"+password) {
		t.Errorf("the health URL's password was not masked with the runner:\n%s", res.Stdout)
	}
	if leaks := actiontest.Leaks(res, password); len(leaks) > 0 {
		t.Errorf("password printed in %q", leaks)
	}
	if !strings.Contains(res.Stdout, "checking http://probe:xxxxx@") {
		t.Errorf("the checked URL is not shown redacted:\n%s", res.Stdout)
	}
}

func TestHTMLAnswer(t *testing.T) {
	e := newEnv(t)
	e.srv.Faults = []railwaytest.Fault{{Kind: railwaytest.HTMLPage}}
	res := e.run(t, nil, nil)
	if res.Code != 1 || !strings.Contains(res.Stdout, "HTML page instead of JSON") || !strings.Contains(res.Stdout, "Attention Required! | Cloudflare") {
		t.Errorf("exit %d\n%s", res.Code, res.Stdout)
	}
}

func TestEchoedTokenIsRedacted(t *testing.T) {
	e := newEnv(t)
	e.srv.Faults = []railwaytest.Fault{{Op: "ServiceInstanceDeployV2", Kind: railwaytest.GraphQLFailure,
		Message: "Invalid token " + e.srv.ProjectToken + " for this operation"}}
	res := e.run(t, nil, nil) // run checks that the token appears nowhere
	if res.Code == 0 || !strings.Contains(res.Stdout, "Invalid token *** for this operation") {
		t.Errorf("exit %d\n%s", res.Code, res.Stdout)
	}
}

func TestNoTokenLocally(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	res := actiontest.Run(t, actiontest.Options{Action: "railway-deploy", Run: run, Local: true, HTTPClient: srv.Client(),
		Inputs: map[string]string{"service": "rose-production", "api-url": srv.GraphQLURL()}})
	if res.Code != 2 {
		t.Fatalf("exit %d, want 2", res.Code)
	}
	for _, want := range []string{"needs a Railway token", "RAILWAY_TOKEN", "RAILWAY_API_TOKEN", "project token", "account or workspace token"} {
		if !strings.Contains(res.Stderr, want) {
			t.Errorf("explanation lacks %q:\n%s", want, res.Stderr)
		}
	}
	if len(srv.Requests) != 0 {
		t.Errorf("%d requests sent without a token", len(srv.Requests))
	}
}

func TestBadInputs(t *testing.T) {
	e := newEnv(t)
	res := e.run(t, map[string]string{"mode": "push", "timeout": "0s", "poll-interval": "5", "health-url": "/healthz", "commit-sha": "HEAD",
		"api-url": "backboard", "wait": "maybe", "service": ""}, nil)
	if res.Code != 2 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	for _, want := range []string{`input "mode" has value "push": accepted values are up, commit`, `input "timeout" has value "0s"`,
		`input "poll-interval" has value "5"`, `input "health-url" has value "/healthz"`, `input "commit-sha" has value "HEAD"`,
		`input "api-url" has value "backboard"`, `input "wait" has value "maybe"`, `input "service" is empty`} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("error lacks %q", want)
		}
	}
	if len(e.srv.Requests) != 0 {
		t.Errorf("requests sent despite bad inputs: %v", e.srv.Ops())
	}
}

func TestUnknownServiceListsTheKnownOnes(t *testing.T) {
	e := newEnv(t)
	res := e.run(t, map[string]string{"service": "rose-prod"}, nil)
	if res.Code != 2 || !strings.Contains(res.Stdout, `input service is "rose-prod": the project has no such service; accepted: "rose-production" (svc-1), "worker" (svc-2)`) {
		t.Errorf("exit %d\n%s", res.Code, res.Stdout)
	}
}

func TestNoWait(t *testing.T) {
	e := newEnv(t)
	res := e.run(t, map[string]string{"wait": "false"}, nil)
	if res.Code != 0 || res.Outputs["status"] != "INITIALIZING" || len(e.clock.Sleeps()) != 0 {
		t.Errorf("exit %d outputs %v sleeps %v", res.Code, res.Outputs, e.clock.Sleeps())
	}
}

// TestHealthURLQueryTokenIsMasked: a credential in health-url's query (?token=) is masked with the runner
// and never printed, even by a service that echoes it.
func TestHealthURLQueryTokenIsMasked(t *testing.T) {
	token := "hq-" + strings.Repeat("7c1e", 5) // built at test time
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad token "+r.URL.Query().Get("token"), http.StatusForbidden)
	}))
	defer app.Close()
	e := newEnv(t)
	res := e.run(t, map[string]string{"health-url": app.URL + "/healthz?token=" + token}, nil)
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	if !strings.Contains(res.Stdout, "::add-mask::"+token) {
		t.Errorf("the query token was not masked with the runner:\n%s", res.Stdout)
	}
	if leaks := actiontest.Leaks(res, token); len(leaks) > 0 {
		t.Errorf("token printed in %q", leaks)
	}
}
