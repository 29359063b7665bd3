// Package githubapi builds go-github clients for the actions: the API base from GITHUB_API_URL (GitHub
// Enterprise included), a token, a User-Agent, per-request timeouts, and retries of what is safe to retry —
// 5xx answers and network errors for idempotent requests, rate-limit answers for every request (GitHub
// refused them before doing anything) — waiting for Retry-After or the rate-limit reset.
package githubapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/redirect"
	"github.com/rose/actions/pkg/retry"
	"github.com/rose/actions/pkg/wait"
)

// DefaultBaseURL is github.com's REST API.
const DefaultBaseURL = "https://api.github.com"

// Options configure New.
type Options struct {
	Token      string
	BaseURL    string       // default DefaultBaseURL
	HTTPClient *http.Client // base client; its Transport is wrapped, never modified
	UserAgent  string
	Timeout    time.Duration // per request, default 30s
	MaxRetries int           // default 4
	MaxWait    time.Duration // longest single wait for a rate limit, default 60s
	// Sleep waits between attempts; tests inject a fake. It returns early with ctx's error.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
}

// New returns a go-github client configured by opts.
func New(opts Options) (*github.Client, error) {
	base := opts.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an absolute URL", opts.BaseURL)
	}
	hc := &http.Client{Timeout: opts.Timeout}
	if hc.Timeout == 0 {
		hc.Timeout = 30 * time.Second
	}
	inner := http.DefaultTransport
	if opts.HTTPClient != nil && opts.HTTPClient.Transport != nil {
		inner = opts.HTTPClient.Transport
	}
	// Redirects (an archive or an asset served from another host) never carry the token, nor a Referer, nor
	// go from https to http; the token is added per request, only for the API's own origins.
	hc.CheckRedirect = redirect.Follow
	upload := &url.URL{Scheme: "https", Host: "uploads.github.com", Path: "/"}
	if u.Host != "api.github.com" {
		// GitHub Enterprise serves uploads at /api/uploads/ beside /api/v3/.
		up := *u
		up.Path = strings.Replace(u.Path, "/api/v3/", "/api/uploads/", 1)
		upload = &up
	}
	var rt http.RoundTripper = NewRetryTransport(inner, opts)
	if opts.Token != "" {
		rt = &authTransport{next: rt, token: opts.Token, origins: []*url.URL{u, upload}}
	}
	hc.Transport = rt
	c := github.NewClient(hc)
	c.BaseURL = u
	c.UploadURL = upload
	if opts.UserAgent != "" {
		c.UserAgent = opts.UserAgent
	}
	return c, nil
}

// RetryTransport retries what is safe to retry.
type RetryTransport struct {
	next       http.RoundTripper
	maxRetries int
	maxWait    time.Duration
	sleep      func(ctx context.Context, d time.Duration) error
	now        func() time.Time
}

// NewRetryTransport wraps next with the retry policy of opts.
func NewRetryTransport(next http.RoundTripper, opts Options) *RetryTransport {
	t := &RetryTransport{next: next, maxRetries: opts.MaxRetries, maxWait: opts.MaxWait, sleep: opts.Sleep, now: opts.Now}
	if t.maxRetries == 0 {
		t.maxRetries = 4
	}
	if t.maxWait == 0 {
		t.maxWait = 60 * time.Second
	}
	if t.sleep == nil {
		t.sleep = wait.Sleep
	}
	if t.now == nil {
		t.now = time.Now
	}
	return t
}

// RoundTrip implements http.RoundTripper.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 {
			if req.Body != nil && req.GetBody == nil {
				return nil, fmt.Errorf("%s %s: cannot retry a request whose body cannot be replayed", req.Method, req.URL.Path)
			}
			r = req.Clone(req.Context())
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				r.Body = body
			}
		}
		resp, err := t.next.RoundTrip(r)
		wait, retry := t.decide(req, resp, err, attempt)
		if !retry || attempt >= t.maxRetries {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err := t.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

// decide says whether to retry and how long to wait first.
func (t *RetryTransport) decide(req *http.Request, resp *http.Response, err error, attempt int) (time.Duration, bool) {
	backoff := retry.Backoff(2*time.Second, time.Minute, attempt+1, rand.Float64())
	if err != nil {
		if req.Context().Err() != nil {
			return 0, false
		}
		return backoff, retry.Idempotent(req.Method)
	}
	if wait, limited := t.rateLimitWait(resp); limited {
		if wait > t.maxWait {
			return 0, false // waiting that long would outlive the job; report the answer instead
		}
		return wait, true
	}
	if retry.RetryableStatus(resp.StatusCode) {
		return backoff, retry.Idempotent(req.Method)
	}
	return 0, false
}

// rateLimitWait recognises primary and secondary rate-limit answers and how long they ask to wait.
func (t *RetryTransport) rateLimitWait(resp *http.Response) (time.Duration, bool) {
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusTooManyRequests {
		return 0, false
	}
	if wait, ok := retry.After(resp.Header.Get("Retry-After"), t.now()); ok {
		return wait, true
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			return max(time.Unix(reset, 0).Sub(t.now()), 0) + time.Second, true
		}
	}
	// A secondary limit without headers: GitHub advises waiting at least a minute. A 403 is only a limit
	// when its message says so (otherwise it is a permission problem, not worth retrying).
	if resp.StatusCode == http.StatusTooManyRequests || secondaryLimitMessage(resp) {
		return time.Minute, true
	}
	return 0, false
}

// secondaryLimitMessage reads the start of a 403's body, puts it back for the caller, and reports whether it
// is GitHub's secondary rate limit message.
func secondaryLimitMessage(resp *http.Response) bool {
	if resp.StatusCode != http.StatusForbidden || resp.Body == nil {
		return false
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
	return err == nil && bytes.Contains(bytes.ToLower(head), []byte("secondary rate limit"))
}

// authTransport adds the token to requests for the API's own origins only. go-github's WithAuthToken adds it
// to every request the client sends, redirected ones included, which would hand it to any host a redirect
// names.
type authTransport struct {
	next    http.RoundTripper
	token   string
	origins []*url.URL
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for _, o := range t.origins {
		if redirect.SameOrigin(o, req.URL) {
			req = req.Clone(req.Context()) // a RoundTripper must not modify its request
			req.Header.Set("Authorization", "Bearer "+t.token)
			break
		}
	}
	return t.next.RoundTrip(req)
}
