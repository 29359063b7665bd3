package githubapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/githubapi"
)

// recorder is a fake sleeper: it records the waits and returns at once.
type recorder struct{ waits []time.Duration }

func (r *recorder) sleep(ctx context.Context, d time.Duration) error {
	r.waits = append(r.waits, d)
	return ctx.Err()
}

func newClient(t *testing.T, h http.Handler, rec *recorder, now time.Time) *github.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := githubapi.New(githubapi.Options{
		Token: "test-token", BaseURL: srv.URL + "/api/v3", HTTPClient: srv.Client(), UserAgent: "rose-actions/test",
		Sleep: rec.sleep, Now: func() time.Time { return now },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func TestHeadersAndEnterpriseBase(t *testing.T) {
	var gotPath, gotAuth, gotUA string
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotAuth, gotUA = r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("User-Agent")
		writeJSON(w, 200, map[string]any{"id": 1, "full_name": "rose/actions"})
	}), &recorder{}, time.Now())
	repo, _, err := c.Repositories.Get(context.Background(), "rose", "actions")
	if err != nil {
		t.Fatal(err)
	}
	if repo.GetFullName() != "rose/actions" {
		t.Errorf("repo %v", repo)
	}
	if gotPath != "/api/v3/repos/rose/actions" || gotAuth != "Bearer test-token" || gotUA != "rose-actions/test" {
		t.Errorf("path %q auth %q ua %q", gotPath, gotAuth, gotUA)
	}
}

func TestRetryPolicy(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		method    string
		answers   []func(w http.ResponseWriter)
		wantCalls int32
		wantCode  int
		wantWaits []time.Duration // exact waits where they are fixed by headers; nil = only count checked
		waits     int
	}{
		{
			name: "GET retried on 502 then succeeds", method: http.MethodGet,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) { writeJSON(w, 502, map[string]string{"message": "Server Error"}) },
				func(w http.ResponseWriter) { writeJSON(w, 200, map[string]any{"id": 1}) },
			},
			wantCalls: 2, wantCode: 200, waits: 1,
		},
		{
			name: "POST not retried on 500", method: http.MethodPost,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) { writeJSON(w, 500, map[string]string{"message": "Server Error"}) },
				func(w http.ResponseWriter) { writeJSON(w, 201, map[string]any{"id": 1}) },
			},
			wantCalls: 1, wantCode: 500, waits: 0,
		},
		{
			name: "POST retried after a secondary rate limit with Retry-After", method: http.MethodPost,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) {
					w.Header().Set("Retry-After", "7")
					writeJSON(w, 403, map[string]string{"message": "You have exceeded a secondary rate limit."})
				},
				func(w http.ResponseWriter) { writeJSON(w, 201, map[string]any{"id": 1}) },
			},
			wantCalls: 2, wantCode: 201, wantWaits: []time.Duration{7 * time.Second},
		},
		{
			name: "primary rate limit waits for the reset", method: http.MethodGet,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) {
					w.Header().Set("X-RateLimit-Remaining", "0")
					w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(20*time.Second).Unix(), 10))
					writeJSON(w, 403, map[string]string{"message": "API rate limit exceeded"})
				},
				func(w http.ResponseWriter) { writeJSON(w, 200, map[string]any{"id": 1}) },
			},
			wantCalls: 2, wantCode: 200, wantWaits: []time.Duration{21 * time.Second},
		},
		{
			name: "a wait longer than MaxWait is not attempted", method: http.MethodGet,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) {
					w.Header().Set("Retry-After", "3600")
					writeJSON(w, 429, map[string]string{"message": "slow down"})
				},
			},
			wantCalls: 1, wantCode: 429, waits: 0,
		},
		{
			name: "secondary rate limit named only in the message waits a minute", method: http.MethodPost,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) {
					writeJSON(w, 403, map[string]string{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."})
				},
				func(w http.ResponseWriter) { writeJSON(w, 201, map[string]any{"id": 1}) },
			},
			wantCalls: 2, wantCode: 201, wantWaits: []time.Duration{time.Minute},
		},
		{
			name: "a permission 403 is not retried and its message reaches the caller", method: http.MethodPost,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) {
					writeJSON(w, 403, map[string]string{"message": "Resource not accessible by integration"})
				},
			},
			wantCalls: 1, wantCode: 403, waits: 0,
		},
		{
			name: "plain 404 is not retried", method: http.MethodGet,
			answers: []func(http.ResponseWriter){
				func(w http.ResponseWriter) { writeJSON(w, 404, map[string]string{"message": "Not Found"}) },
			},
			wantCalls: 1, wantCode: 404, waits: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			rec := &recorder{}
			c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := int(calls.Add(1)) - 1
				if r.Method != tt.method {
					t.Errorf("method %s", r.Method)
				}
				if r.Method == http.MethodPost {
					var body map[string]any
					if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body["tag_name"] != "v1.0.0" {
						t.Errorf("attempt %d: body not replayed: %v %v", n, body, err)
					}
				}
				tt.answers[min(n, len(tt.answers)-1)](w)
			}), rec, now)
			ctx := context.Background()
			var resp *github.Response
			if tt.method == http.MethodPost {
				_, resp, _ = c.Repositories.CreateRelease(ctx, "o", "r", &github.RepositoryRelease{TagName: github.String("v1.0.0")})
			} else {
				_, resp, _ = c.Repositories.Get(ctx, "o", "r")
			}
			if resp == nil || resp.StatusCode != tt.wantCode {
				t.Fatalf("response %v, want status %d", resp, tt.wantCode)
			}
			if calls.Load() != tt.wantCalls {
				t.Errorf("%d calls, want %d", calls.Load(), tt.wantCalls)
			}
			if tt.wantWaits != nil {
				if len(rec.waits) != len(tt.wantWaits) || rec.waits[0] != tt.wantWaits[0] {
					t.Errorf("waits %v, want %v", rec.waits, tt.wantWaits)
				}
			} else if len(rec.waits) != tt.waits {
				t.Errorf("waits %v, want %d of them", rec.waits, tt.waits)
			}
		})
	}
}

func TestRetriesStopWhenCancelled(t *testing.T) {
	var calls atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	rec := &recorder{}
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		cancel() // the runner sent SIGTERM while the request was in flight
		writeJSON(w, 503, map[string]string{"message": "unavailable"})
	}), rec, time.Now())
	_, _, err := c.Repositories.Get(ctx, "o", "r")
	if err == nil {
		t.Fatal("no error after cancellation")
	}
	if calls.Load() != 1 {
		t.Errorf("%d calls after cancellation, want 1", calls.Load())
	}
}

func TestBadBaseURL(t *testing.T) {
	if _, err := githubapi.New(githubapi.Options{BaseURL: "not a url"}); err == nil {
		t.Fatal("a relative GITHUB_API_URL was accepted")
	}
}

// The body of a 403 read to look for a rate-limit message is put back, so the caller sees GitHub's message.
func TestPermissionMessageSurvivesTheRateLimitCheck(t *testing.T) {
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 403, map[string]string{"message": "Resource not accessible by integration"})
	}), &recorder{}, time.Now())
	_, _, err := c.Repositories.CreateRelease(context.Background(), "o", "r", &github.RepositoryRelease{TagName: github.String("v1.0.0")})
	var ge *github.ErrorResponse
	if !errors.As(err, &ge) || ge.Message != "Resource not accessible by integration" {
		t.Fatalf("error %v, want GitHub's permission message", err)
	}
}

// A redirect to another host (an archive or asset URL, or a hostile server) never receives the token.
func TestTokenStaysWithTheAPI(t *testing.T) {
	var hunterAuth atomic.Value
	hunter := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hunterAuth.Store(r.Header.Get("Authorization") + "|" + r.Header.Get("Referer"))
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id": 1, "name": "r"}`))
	}))
	defer hunter.Close()
	var apiAuth atomic.Value
	rec := &recorder{}
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		apiAuth.Store(r.Header.Get("Authorization"))
		http.Redirect(w, r, hunter.URL+"/moved", http.StatusFound)
	}), rec, time.Now())
	repo, _, err := c.Repositories.Get(context.Background(), "o", "r")
	if err != nil {
		t.Fatal(err)
	}
	if repo.GetName() != "r" {
		t.Fatalf("the redirect was not followed: %v", repo)
	}
	if got := apiAuth.Load(); got != "Bearer test-token" {
		t.Errorf("the API received Authorization %q", got)
	}
	if got := hunterAuth.Load(); got != "|" {
		t.Errorf("the other host received Authorization|Referer %q", got)
	}
}
