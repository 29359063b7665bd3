package railway_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/internal/loopback"
	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

func TestOperationsValidateAgainstSchema(t *testing.T) {
	if len(railway.Operations) < 9 {
		t.Fatalf("only %d operations listed", len(railway.Operations))
	}
	for name, op := range railway.Operations {
		if err := railwaytest.Validate(op); err != nil {
			t.Errorf("operation %s does not validate against Railway's schema: %v", name, err)
		}
		if !strings.Contains(op, " "+name) {
			t.Errorf("operation %s is not named %s", op[:30], name)
		}
	}
	// The validator does reject what Railway would: the docs' rollback example with a selection set,
	// an unknown field, a wrong argument type.
	for _, bad := range []string{
		`mutation { deploymentRollback(id: "d") { id status } }`,
		`query { deployment(id: "d") { id state } }`,
		`query { deployments(first: 1) { edges { node { id } } } }`,
		`query { deployment(id: 3) { id } }`,
	} {
		if railwaytest.Validate(bad) == nil {
			t.Errorf("%s validated", bad)
		}
	}
}

// fakeSleep records the waits instead of sleeping.
type fakeSleep struct{ waits []time.Duration }

func (f *fakeSleep) Sleep(ctx context.Context, d time.Duration) error {
	f.waits = append(f.waits, d)
	return ctx.Err()
}

func newClient(srv *railwaytest.Server, tok railway.Token) (*railway.Client, *fakeSleep) {
	c := railway.New(srv.GraphQLURL(), tok, srv.Client())
	fs := &fakeSleep{}
	c.Sleep = fs.Sleep
	return c, fs
}

func projectToken(srv *railwaytest.Server) railway.Token {
	return railway.Token{Kind: railway.ProjectToken, Value: srv.ProjectToken}
}
func TestClientOperations(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	ctx := context.Background()
	c, _ := newClient(srv, projectToken(srv))

	scope, err := c.ProjectToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if scope.ProjectID != "proj-1" || scope.EnvironmentID != "env-prod" || scope.Environment.Name != "production" || scope.Project.Name != "rose" {
		t.Errorf("scope %+v", scope)
	}
	p, err := c.Project(ctx, "proj-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Services) != 2 || p.Services[0].Name != "rose-production" || len(p.Environments) != 2 {
		t.Errorf("project %+v", p)
	}
	prev, err := c.Deployments(ctx, railway.DeploymentFilter{ProjectID: "proj-1", EnvironmentID: "env-prod", ServiceID: "svc-1",
		Statuses: []string{railway.StatusSuccess}}, 1)
	if err != nil || len(prev) != 1 || prev[0].ID != "dep-prev" {
		t.Fatalf("previous deployments %+v, %v", prev, err)
	}
	id, err := c.DeployCommit(ctx, "env-prod", "svc-1", "abc123")
	if err != nil || id == "" {
		t.Fatalf("deploy: %q, %v", id, err)
	}
	d, err := c.Deployment(ctx, id)
	if err != nil || d.ID != id || d.Status != "INITIALIZING" || d.PublicURL() != "https://rose-production-up.railway.app" || d.CreatedAt.IsZero() {
		t.Fatalf("deployment %+v, %v", d, err)
	}
	logs, err := c.BuildLogs(ctx, id, 50)
	if err != nil || len(logs) != 3 || !strings.Contains(logs[2].Message, "chainlit") {
		t.Fatalf("build logs %+v, %v", logs, err)
	}
	if _, err := c.DeploymentLogs(ctx, id, 50); err != nil {
		t.Fatal(err)
	}
	if err := c.Cancel(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := c.Rollback(ctx, "dep-prev"); err != nil {
		t.Fatal(err)
	}
	if len(srv.Rejected()) != 0 {
		t.Errorf("server rejected %+v", srv.Rejected())
	}
	if srv.Cancels[0] != id || srv.Rollbacks[0] != "dep-prev" {
		t.Errorf("cancels %v rollbacks %v", srv.Cancels, srv.Rollbacks)
	}
	for _, r := range srv.Requests {
		if r.Auth != "project" {
			t.Errorf("%s sent with %s auth", r.Op, r.Auth)
		}
	}
}

func TestAuthHeaders(t *testing.T) {
	var got http.Header
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		// Like Railway's endpoint: a POST of a JSON GraphQL request, or 400.
		var req struct {
			Query     string         `json:"query"`
			Variables map[string]any `json:"variables"`
		}
		if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&req) != nil || !strings.Contains(req.Query, "deployment(") || req.Variables["id"] != "d" {
			http.Error(w, `{"errors":[{"message":"Bad Request"}]}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"data":{"deployment":{"id":"d","status":"SUCCESS"}}}`))
	}))
	defer hs.Close()
	ctx := context.Background()
	for _, tt := range []struct {
		tok          railway.Token
		header, want string
		absent       string
	}{
		{railway.Token{Kind: railway.ProjectToken, Value: "pt"}, "Project-Access-Token", "pt", "Authorization"},
		{railway.Token{Kind: railway.AccountToken, Value: "at"}, "Authorization", "Bearer at", "Project-Access-Token"},
	} {
		c := railway.New(hs.URL, tt.tok, hs.Client())
		if _, err := c.Deployment(ctx, "d"); err != nil {
			t.Fatal(err)
		}
		if got.Get(tt.header) != tt.want || got.Get(tt.absent) != "" || got.Get("Team-Access-Token") != "" {
			t.Errorf("%s: headers %v", tt.tok.Kind, got)
		}
		if !strings.HasPrefix(got.Get("User-Agent"), "rose-actions") || got.Get("Content-Type") != "application/json" {
			t.Errorf("User-Agent %q Content-Type %q", got.Get("User-Agent"), got.Get("Content-Type"))
		}
	}
}

func TestBadTokens(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	ctx := context.Background()
	tests := []struct {
		name  string
		tok   railway.Token
		call  func(c *railway.Client) error
		wants []string
	}{
		{"unknown project token", railway.Token{Kind: railway.ProjectToken, Value: "rw-wrong-project-token"},
			func(c *railway.Client) error { _, err := c.ProjectToken(ctx); return err },
			[]string{"Project Token not found", "`token` (or RAILWAY_TOKEN) expects a project token", "`api-token`"}},
		{"account token refused", railway.Token{Kind: railway.AccountToken, Value: "rw-wrong-account-token"},
			func(c *railway.Client) error { _, err := c.Project(ctx, "proj-1"); return err },
			[]string{"Not Authorized", "account or workspace token was refused", "belongs in `token`"}},
		{"project token on another environment", railway.Token{Kind: railway.ProjectToken, Value: srv.ProjectToken},
			func(c *railway.Client) error { _, err := c.DeployCommit(ctx, "env-stg", "svc-1", ""); return err },
			[]string{"Not Authorized", "only for the one project environment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newClient(srv, tt.tok)
			err := tt.call(c)
			var gerr *railway.GraphQLError
			if !errors.As(err, &gerr) || !gerr.Unauthorized() {
				t.Fatalf("error %v, want an unauthorized GraphQLError", err)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), tt.tok.Value) {
				t.Errorf("error shows the token: %v", err)
			}
		})
	}
}

func TestRateLimitRetryAfterIsWaitedOut(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	srv.Faults = []railwaytest.Fault{{Op: "Deployment", Kind: railwaytest.RateLimited, RetryAfter: "7"},
		{Op: "Deployment", Kind: railwaytest.RateLimited, RetryAfter: "2"}}
	c, fs := newClient(srv, projectToken(srv))
	d, err := c.Deployment(context.Background(), "dep-prev")
	if err != nil || d.Status != "SUCCESS" {
		t.Fatalf("deployment %+v, %v", d, err)
	}
	if !slices.Equal(fs.waits, []time.Duration{7 * time.Second, 2 * time.Second}) {
		t.Errorf("waits %v, want [7s 2s]", fs.waits)
	}
	if got := srv.Ops(); !slices.Equal(got, []string{"Deployment", "Deployment", "Deployment"}) {
		t.Errorf("ops %v", got)
	}
}

func TestRateLimitTooLongFails(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	srv.Faults = []railwaytest.Fault{{Kind: railwaytest.RateLimited, RetryAfter: "3600"}}
	c, fs := newClient(srv, projectToken(srv))
	_, err := c.Deployment(context.Background(), "dep-prev")
	var rl *railway.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != time.Hour || len(fs.waits) != 0 {
		t.Fatalf("error %v waits %v, want a RateLimitError at once", err, fs.waits)
	}
}

func TestServerErrorRetriedForQueriesOnly(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	c, fs := newClient(srv, projectToken(srv))
	srv.Faults = []railwaytest.Fault{{Kind: railwaytest.ServerError}}
	if _, err := c.Deployment(context.Background(), "dep-prev"); err != nil {
		t.Fatalf("query after one 502: %v", err)
	}
	if len(fs.waits) != 1 {
		t.Errorf("waits %v, want one backoff", fs.waits)
	}
	srv.Faults = []railwaytest.Fault{{Kind: railwaytest.ServerError}}
	_, err := c.DeployCommit(context.Background(), "env-prod", "svc-1", "abc")
	var herr *railway.HTTPError
	if !errors.As(err, &herr) || herr.Status != 502 {
		t.Fatalf("mutation after a 502: %v, want the 502 without a retry (it may have been applied)", err)
	}
	if n := len(srv.Deployments); n != 1 {
		t.Errorf("%d deployments, want only the previous one", n)
	}
}

func TestHTMLAnswerIsAnError(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	c, _ := newClient(srv, projectToken(srv))
	srv.Faults = []railwaytest.Fault{{Kind: railwaytest.HTMLPage}}
	_, err := c.Deployment(context.Background(), "dep-prev")
	var herr *railway.HTTPError
	if !errors.As(err, &herr) || !herr.HTML || herr.Status != 403 {
		t.Fatalf("error %v, want an HTML HTTPError", err)
	}
	msg := err.Error()
	for _, w := range []string{"HTML page instead of JSON", "Cloudflare", `"Attention Required! | Cloudflare"`, "Sorry, you have been blocked"} {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q lacks %q", msg, w)
		}
	}
	if strings.Contains(msg, "<") || strings.Contains(msg, "var x") || strings.Contains(msg, "color:red") {
		t.Errorf("error %q keeps markup", msg)
	}
}

func TestGraphQLErrorAndMissingData(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	c, _ := newClient(srv, projectToken(srv))
	_, err := c.Deployment(context.Background(), "dep-nope")
	var gerr *railway.GraphQLError
	if !errors.As(err, &gerr) || !gerr.NotFound() || gerr.Unauthorized() || !strings.Contains(err.Error(), "Deployment not found") {
		t.Fatalf("error %v", err)
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"data":null}`)) }))
	defer hs.Close()
	c = railway.New(hs.URL, projectToken(srv), hs.Client())
	if _, err := c.Deployment(context.Background(), "d"); err == nil || !strings.Contains(err.Error(), "response without data") {
		t.Errorf("error %v, want response without data", err)
	}
}

func TestNetworkErrors(t *testing.T) {
	url := "http://" + loopback.RefusedAddr(t)
	c := railway.New(url+"/graphql/v2", railway.Token{Kind: railway.ProjectToken, Value: "t"}, nil)
	fs := &fakeSleep{}
	c.Sleep = fs.Sleep
	_, err := c.Deployment(context.Background(), "d")
	var nerr *railway.NetworkError
	if !errors.As(err, &nerr) || len(fs.waits) != 3 {
		t.Fatalf("error %v after %d waits, want a NetworkError after 3 backoffs", err, len(fs.waits))
	}
	// Exponential: 1s, 2s, 4s with jitter 0.5 -> 0.75s, 1.5s, 3s.
	if !slices.Equal(fs.waits, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second}) {
		t.Errorf("waits %v", fs.waits)
	}
	fs.waits = nil
	if err := c.Rollback(context.Background(), "d"); err == nil || len(fs.waits) != 3 {
		t.Errorf("refused mutation: %v after %d waits (a refused connection sent nothing: safe to retry)", err, len(fs.waits))
	}
}

func TestCancelledContextStopsWaiting(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	srv.Faults = []railwaytest.Fault{{Kind: railwaytest.RateLimited, RetryAfter: "30"}}
	c := railway.New(srv.GraphQLURL(), projectToken(srv), srv.Client())
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.Deployment(ctx, "dep-prev"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the context's deadline", err)
	}
}

func TestUploadURL(t *testing.T) {
	for endpoint, want := range map[string]string{
		"https://backboard.railway.com/graphql/v2": "https://backboard.railway.com/project/p%201/environment/e/up?message=fix+%26+go&serviceId=s",
		"http://127.0.0.1:9999/graphql/v2?x=1":     "http://127.0.0.1:9999/project/p%201/environment/e/up?message=fix+%26+go&serviceId=s",
	} {
		c := railway.New(endpoint, railway.Token{}, nil)
		got, err := c.UploadURL("p 1", "e", "s", "fix & go")
		if err != nil || got != want {
			t.Errorf("UploadURL from %s = %s, %v; want %s", endpoint, got, err, want)
		}
	}
	if _, err := railway.New("not a url", railway.Token{}, nil).UploadURL("p", "e", "s", ""); err == nil {
		t.Error("bad endpoint accepted")
	}
}
