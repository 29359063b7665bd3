// Package railway is a typed client for Railway's public GraphQL API (backboard.railway.com/graphql/v2) and
// its upload endpoint: the operations a deploy needs, each checked against the published schema, with
// authentication per token kind, retries with backoff for what is safe to retry, Retry-After on 429, no
// credential sent across a redirect, and errors that say what went wrong and which token kind is expected.
// It also builds the upload the way Railway's CLI chooses its files (Archive, ArchiveWith, IgnoreRules) and
// validates config-as-code files (ValidateConfig).
package railway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/rose/actions/pkg/probe"
	"github.com/rose/actions/pkg/retry"
	"github.com/rose/actions/pkg/wait"
)

// DefaultEndpoint is Railway's public GraphQL endpoint.
const DefaultEndpoint = "https://backboard.railway.com/graphql/v2"

// UserAgent identifies this client to Railway (Cloudflare answers odd clients with HTML pages).
const UserAgent = "rose-actions-railway-deploy/1 (+https://github.com/rose/actions)"

// DefaultSource is the x-source header sent when Client.Source is empty. Railway's CLI sends its own name
// and version there ("CLI 4.x"); this client sends the action's.
const DefaultSource = "rose-actions/railway-deploy dev"

// TokenKind is the kind of a Railway token, which decides the header it travels in.
type TokenKind int

const (
	// ProjectToken is scoped to one environment of one project (RAILWAY_TOKEN); header Project-Access-Token.
	ProjectToken TokenKind = iota + 1
	// AccountToken is an account or workspace token (RAILWAY_API_TOKEN); header Authorization: Bearer.
	AccountToken
)

func (k TokenKind) String() string {
	switch k {
	case ProjectToken:
		return "project token"
	case AccountToken:
		return "account or workspace token"
	}
	return "no token"
}

// Token is a secret with its kind.
type Token struct {
	Kind  TokenKind
	Value string
}

// SetHeader puts the token in the header its kind uses.
func (t Token) SetHeader(h http.Header) {
	switch t.Kind {
	case ProjectToken:
		h.Set("Project-Access-Token", t.Value)
	case AccountToken:
		h.Set("Authorization", "Bearer "+t.Value)
	}
}

// Client talks to Railway. Build it with New; the fields may be changed before the first call.
type Client struct {
	Endpoint string
	Token    Token
	HTTP     *http.Client
	// UploadHTTP sends uploads, which may need a longer timeout than queries; HTTP when nil.
	UploadHTTP *http.Client
	// Now is the clock that reads Retry-After dates.
	Now func() time.Time
	// Sleep waits d or until ctx is done (injected in tests).
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0, 1) for the retry backoff.
	Jitter func() float64
	// MaxAttempts bounds the attempts of a request that fails with a 5xx or a network error.
	MaxAttempts int
	// MaxRateLimitWaits bounds how many 429 answers are waited out for one request.
	MaxRateLimitWaits int
	// MaxRetryAfter is the longest Retry-After honoured; a longer one fails at once.
	MaxRetryAfter time.Duration
	// RetryDelay is the first backoff delay after a 5xx or network error; it doubles, up to 30s.
	RetryDelay time.Duration
	// Logf reports retries; nil discards.
	Logf func(format string, args ...any)
	// Source is sent in the x-source header: the caller's name and version (DefaultSource when empty).
	Source string
}

// New returns a client for endpoint (DefaultEndpoint when empty).
func New(endpoint string, tok Token, hc *http.Client) *Client {
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Client{
		Endpoint: endpoint, Token: tok, HTTP: hc,
		Now:         time.Now,
		Sleep:       wait.Sleep,
		Jitter:      func() float64 { return 0.5 },
		MaxAttempts: 4, MaxRateLimitWaits: 5, MaxRetryAfter: 2 * time.Minute, RetryDelay: time.Second,
	}
}
func (c *Client) logf(format string, args ...any) {
	if c.Logf != nil {
		c.Logf(format, args...)
	}
}

type gqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName,omitempty"`
	Variables     map[string]any `json:"variables,omitempty"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

// Do sends one GraphQL operation and decodes its data into out. Queries are retried on 5xx and network
// errors; mutations only when nothing reached the server (a refused connection) or on 429, so a deploy is
// never started twice.
func (c *Client) Do(ctx context.Context, query string, vars map[string]any, out any) error {
	name := operationName(query)
	body, err := json.Marshal(gqlRequest{Query: query, OperationName: name, Variables: vars})
	if err != nil {
		return fmt.Errorf("railway %s: encode request: %w", name, err)
	}
	mutation := strings.HasPrefix(strings.TrimSpace(query), "mutation")
	status, raw, err := c.send(ctx, name, !mutation, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Endpoint, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		return req, nil
	})
	if err != nil {
		return err
	}
	var resp gqlResponse
	if err := json.Unmarshal(raw, &resp); err != nil {
		return &HTTPError{Operation: name, Status: http.StatusOK, Excerpt: probe.Excerpt(raw, 200), reason: "an answer that is not GraphQL JSON"}
	}
	if len(resp.Errors) == 0 && status >= 300 {
		return &HTTPError{Operation: name, Status: status, Excerpt: probe.Excerpt(raw, 200)}
	}
	if len(resp.Errors) > 0 {
		gerr := &GraphQLError{Operation: name, Kind: c.Token.Kind}
		for _, e := range resp.Errors {
			gerr.Messages = append(gerr.Messages, e.Message)
		}
		return gerr
	}
	if len(resp.Data) == 0 || string(resp.Data) == "null" {
		return &GraphQLError{Operation: name, Kind: c.Token.Kind, Messages: []string{"response without data"}}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Data, out); err != nil {
		return fmt.Errorf("railway %s: decode data: %w", name, err)
	}
	return nil
}

// send performs a request built by build, retrying as allowed, and returns the status and body of an
// answer that is JSON (any status below 500) or 2xx.
func (c *Client) send(ctx context.Context, name string, idempotent bool, build func(context.Context) (*http.Request, error)) (int, []byte, error) {
	hc := c.HTTP
	if name == "upload" && c.UploadHTTP != nil {
		hc = c.UploadHTTP
	}
	attempts, waits := 0, 0
	maxAttempts := max(c.MaxAttempts, 1)
	for {
		attempts++
		req, err := build(ctx)
		if err != nil {
			return 0, nil, fmt.Errorf("railway %s: %w", name, err)
		}
		req.Header.Set("User-Agent", UserAgent)
		req.Header.Set("Accept", "application/json")
		source := c.Source
		if source == "" {
			source = DefaultSource
		}
		req.Header.Set("x-source", source)
		c.Token.SetHeader(req.Header)
		resp, err := guarded(hc).Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return 0, nil, fmt.Errorf("railway %s: %w", name, ctx.Err())
			}
			var rerr *RedirectError
			if errors.As(err, &rerr) {
				rerr.Operation = name
				return 0, nil, rerr // never retried: the answer will not change
			}
			nerr := &NetworkError{Operation: name, Err: err}
			if (idempotent || notSent(err)) && attempts < maxAttempts {
				if err := c.backoff(ctx, name, attempts, nerr.Error()); err != nil {
					return 0, nil, err
				}
				continue
			}
			return 0, nil, nerr
		}
		raw, readErr := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			now := time.Now
			if c.Now != nil {
				now = c.Now
			}
			wait, ok := retry.After(resp.Header.Get("Retry-After"), now())
			if !ok {
				wait = retry.Backoff(c.RetryDelay, 30*time.Second, waits+1, c.Jitter())
			}
			waits++
			if waits > c.MaxRateLimitWaits || wait > c.MaxRetryAfter {
				return 0, nil, &RateLimitError{Operation: name, RetryAfter: wait, Reset: resp.Header.Get("X-RateLimit-Reset")}
			}
			c.logf("Railway rate limit reached (HTTP 429) on %s: waiting %s as Retry-After asks", name, wait)
			if err := c.Sleep(ctx, wait); err != nil {
				return 0, nil, fmt.Errorf("railway %s: %w", name, err)
			}
			attempts-- // a 429 was not processed: it does not use up an attempt
			continue
		case resp.StatusCode >= 500:
			herr := newHTTPError(name, resp, raw)
			if idempotent && attempts < maxAttempts {
				if err := c.backoff(ctx, name, attempts, herr.Error()); err != nil {
					return 0, nil, err
				}
				continue
			}
			return 0, nil, herr
		case readErr != nil:
			return 0, nil, &NetworkError{Operation: name, Err: readErr}
		case isHTML(resp.Header.Get("Content-Type"), raw):
			return 0, nil, newHTTPError(name, resp, raw)
		case resp.StatusCode >= 300 && !json.Valid(raw):
			return 0, nil, newHTTPError(name, resp, raw)
		}
		return resp.StatusCode, raw, nil
	}
}

// guarded returns a copy of hc that follows a redirect only to the same origin (or from http to https on
// the same host). Go's client copies custom headers such as Project-Access-Token to any host it is
// redirected to, so a redirect elsewhere is refused rather than followed: the token never leaves the host
// the user configured, and a refused redirect says where Railway pointed, so api-url can be corrected.
func guarded(hc *http.Client) *http.Client {
	g := *hc
	g.CheckRedirect = checkRedirect
	return &g
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	from := via[0].URL
	to := req.URL
	sameHost := strings.EqualFold(from.Host, to.Host)
	upgrade := from.Scheme == "http" && to.Scheme == "https"
	if !sameHost || (from.Scheme != to.Scheme && !upgrade) {
		return &RedirectError{From: origin(from.Scheme, from.Host), To: origin(to.Scheme, to.Host)}
	}
	if len(via) >= 10 {
		return &RedirectError{From: origin(from.Scheme, from.Host), To: origin(to.Scheme, to.Host), TooMany: true}
	}
	return nil
}

func origin(scheme, host string) string { return scheme + "://" + host }

func (c *Client) backoff(ctx context.Context, name string, attempt int, why string) error {
	d := retry.Backoff(c.RetryDelay, 30*time.Second, attempt, c.Jitter())
	c.logf("Railway %s failed (%s): retrying in %s", name, why, d.Round(time.Millisecond))
	if err := c.Sleep(ctx, d); err != nil {
		return fmt.Errorf("railway %s: %w", name, err)
	}
	return nil
}

// notSent reports whether err happened before the request reached the server (dialling failed).
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

func isHTML(contentType string, body []byte) bool {
	if strings.Contains(strings.ToLower(contentType), "text/html") {
		return true
	}
	b := bytes.TrimSpace(body)
	return bytes.HasPrefix(b, []byte("<"))
}

// operationName returns the name after "query" or "mutation".
func operationName(q string) string {
	f := strings.FieldsFunc(q, func(r rune) bool { return r == ' ' || r == '\n' || r == '(' || r == '{' || r == '\t' })
	if len(f) >= 2 && (f[0] == "query" || f[0] == "mutation") {
		return f[1]
	}
	return "operation"
}
