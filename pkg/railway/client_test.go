package railway_test

import (
	"bytes"
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

// TestRedirectsKeepTheTokenOnItsHost: a Railway endpoint that redirects to another origin (here a second,
// credential-hunting server) or from HTTPS to HTTP gets a clear error, and the other host sees nothing. A
// redirect within the same origin is followed with the token.
func TestRedirectsKeepTheTokenOnItsHost(t *testing.T) {
	secret := "rw-" + strings.Repeat("5e3f", 6) // built at test time: never a literal token
	var hunted []string
	hunter := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, vs := range r.Header {
			for _, v := range vs {
				if strings.Contains(v, secret) {
					hunted = append(hunted, k)
				}
			}
		}
		hunted = append(hunted, "request "+r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"data":{"deployment":{"id":"d","status":"SUCCESS"}},"deploymentId":"x"}`))
	}))
	defer hunter.Close()
	var sameOriginToken string
	redirector := func(target func(r *http.Request) string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/moved/graphql/v2" {
				sameOriginToken = r.Header.Get("Project-Access-Token") + r.Header.Get("Authorization")
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{"data":{"deployment":{"id":"d","status":"SUCCESS"}}}`))
				return
			}
			http.Redirect(w, r, target(r), http.StatusTemporaryRedirect)
		}
	}
	plain := httptest.NewServer(redirector(func(r *http.Request) string { return hunter.URL + r.URL.Path + "?token=" + secret }))
	defer plain.Close()
	tlsSrv := httptest.NewTLSServer(redirector(func(r *http.Request) string { return "http://" + r.Host + r.URL.Path }))
	defer tlsSrv.Close()
	same := httptest.NewServer(redirector(func(r *http.Request) string { return "/moved" + r.URL.Path }))
	defer same.Close()

	ctx := context.Background()
	for _, kind := range []railway.TokenKind{railway.ProjectToken, railway.AccountToken} {
		tok := railway.Token{Kind: kind, Value: secret}
		for name, srv := range map[string]*httptest.Server{"other host": plain, "https to http": tlsSrv} {
			c := railway.New(srv.URL+"/graphql/v2", tok, srv.Client())
			c.Sleep = (&fakeSleep{}).Sleep
			_, err := c.Deployment(ctx, "d")
			var rerr *railway.RedirectError
			if !errors.As(err, &rerr) || !strings.Contains(err.Error(), "set api-url") || strings.Contains(err.Error(), secret) {
				t.Errorf("%s, %s: query error %v", kind, name, err)
			}
			_, err = c.Upload(ctx, "p", "e", "s", "", []byte("x"))
			if !errors.As(err, &rerr) {
				t.Errorf("%s, %s: upload error %v", kind, name, err)
			}
		}
		c := railway.New(same.URL+"/graphql/v2", tok, same.Client())
		if _, err := c.Deployment(ctx, "d"); err != nil {
			t.Errorf("%s: same-origin redirect: %v", kind, err)
		}
		if !strings.Contains(sameOriginToken, secret) {
			t.Errorf("%s: the same-origin redirect lost the token", kind)
		}
	}
	if len(hunted) > 0 {
		t.Errorf("the other host received: %v", hunted)
	}
}

// TestSourceHeader: every request names the action and its version in x-source, as the CLI names itself.
func TestSourceHeader(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	c, _ := newClient(srv, projectToken(srv))
	c.Source = "rose-actions/railway-deploy v1.2.3"
	if _, err := c.Deployment(context.Background(), "dep-prev"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Upload(context.Background(), "proj-1", "env-prod", "svc-1", "", emptyTarball(t)); err != nil {
		t.Fatal(err)
	}
	c.Source = ""
	if _, err := c.Deployment(context.Background(), "dep-prev"); err != nil {
		t.Fatal(err)
	}
	srv.Lock()
	defer srv.Unlock()
	var got []string
	for _, r := range srv.Requests {
		got = append(got, r.Source)
	}
	want := []string{"rose-actions/railway-deploy v1.2.3", "rose-actions/railway-deploy v1.2.3", railway.DefaultSource}
	if !slices.Equal(got, want) {
		t.Errorf("x-source %q, want %q", got, want)
	}
}

// TestStatusesCoverTheSchema: railway.Statuses documents exactly the values of the schema's
// DeploymentStatus enum.
func TestStatusesCoverTheSchema(t *testing.T) {
	s, err := railwaytest.Schema()
	if err != nil {
		t.Fatal(err)
	}
	enum := s.Types["DeploymentStatus"]
	if enum == nil || len(enum.EnumValues) == 0 {
		t.Fatal("no DeploymentStatus enum in the schema")
	}
	var inSchema []string
	for _, v := range enum.EnumValues {
		inSchema = append(inSchema, v.Name)
		if railway.Statuses[v.Name] == "" {
			t.Errorf("status %s of the schema is not handled", v.Name)
		}
	}
	for st := range railway.Statuses {
		if !slices.Contains(inSchema, st) {
			t.Errorf("status %s is not in the schema", st)
		}
	}
}

func emptyTarball(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := railway.Archive(t.TempDir(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
