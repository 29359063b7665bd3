package probe

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/rose/actions/pkg/redirect"
	"github.com/rose/actions/pkg/retry"
	"github.com/rose/actions/pkg/wait"
)

// Backoff is how the delay between attempts grows.
type Backoff int

const (
	// Fixed waits RetryDelay between every two attempts.
	Fixed Backoff = iota
	// Exponential doubles the delay after each attempt, up to MaxDelay, with random jitter.
	Exponential
)

// ParseBackoff parses "fixed" or "exponential".
func ParseBackoff(s string) (Backoff, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fixed", "":
		return Fixed, nil
	case "exponential":
		return Exponential, nil
	}
	return Fixed, fmt.Errorf("backoff %q is not one of fixed, exponential", s)
}

func (b Backoff) String() string {
	if b == Exponential {
		return "exponential"
	}
	return "fixed"
}

// DefaultMaxDelay caps the exponential backoff when Config.MaxDelay is zero.
const DefaultMaxDelay = time.Minute

// maxBody is how much of a response body is read to match ExpectedBody.
const maxBody = 1 << 20

// Config says what to probe and what counts as healthy.
type Config struct {
	URLs        []string
	Method      string         // GET when empty
	Statuses    StatusSet      // healthy status codes; 200-399 when empty
	Body        *regexp.Regexp // the body must match it when not nil
	Headers     http.Header
	Timeout     time.Duration // per request; none when zero
	MaxAttempts int           // per URL; 1 when < 1
	RetryDelay  time.Duration
	Backoff     Backoff
	MaxDelay    time.Duration // cap of the exponential backoff; DefaultMaxDelay when zero
	MaxTime     time.Duration // overall deadline of the whole run; none when zero
	// InContainer tells that the program runs inside a container (a Docker action), where a refused
	// localhost URL deserves an explanation.
	InContainer bool
}

// Prober runs probes. Its zero value works with real time and http.DefaultClient.
type Prober struct {
	Client *http.Client
	Now    func() time.Time
	// Sleep waits d or until ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0, 1).
	Jitter func() float64
	// Logf reports each attempt; nil discards.
	Logf func(format string, args ...any)
}

// Attempt is one request.
type Attempt struct {
	N            int
	Status       int // 0 when no response came
	ResponseTime time.Duration
	Healthy      bool
	Reason       string // why it was not healthy
	// LoopbackRefused tells that a localhost URL refused the connection inside a container.
	LoopbackRefused bool
}

// URLResult is the outcome for one URL.
type URLResult struct {
	URL          string // redacted (no password)
	Healthy      bool
	Attempts     []Attempt
	Status       int           // of the last attempt
	ResponseTime time.Duration // of the last attempt
	Reason       string        // why the URL is unhealthy, empty when healthy; may quote the server
	// Hint is this program's own advice (Markdown) on how to fix it, such as reaching the runner from a
	// container; unlike Reason it holds no text from the server.
	Hint string
}

// Result is the outcome of a run.
type Result struct {
	Healthy  bool
	URLs     []URLResult
	Attempts int           // over all URLs
	Duration time.Duration // of the whole run
}

// Deciding returns the URL result that decides the outcome: the first unhealthy URL, else the last one.
func (r Result) Deciding() URLResult {
	for _, u := range r.URLs {
		if !u.Healthy {
			return u
		}
	}
	if len(r.URLs) == 0 {
		return URLResult{}
	}
	return r.URLs[len(r.URLs)-1]
}

// NewClient returns an HTTP client for probing: redirects followed or not, TLS verified or not.
// Per-request timeouts come from Config.Timeout, not from the client.
func NewClient(followRedirects, insecure bool) *http.Client {
	return NewClientFrom(nil, followRedirects, insecure)
}

// NewClientFrom is NewClient on the transport of base (an *http.Transport is cloned; nil means the
// default transport). Another kind of RoundTripper is used as it is, and cannot skip TLS verification.
func NewClientFrom(base http.RoundTripper, followRedirects, insecure bool) *http.Client {
	var rt http.RoundTripper
	switch b := base.(type) {
	case nil:
		rt = probeTransport(http.DefaultTransport.(*http.Transport), insecure)
	case *http.Transport:
		rt = probeTransport(b, insecure)
	default:
		rt = b
	}
	// Redirects never carry the user's headers to another origin, nor a Referer, nor go from HTTPS to HTTP.
	c := &http.Client{Transport: rt, CheckRedirect: redirect.Follow}
	if !followRedirects {
		c.CheckRedirect = redirect.Refuse
	}
	return c
}

func probeTransport(base *http.Transport, insecure bool) *http.Transport {
	tr := base.Clone()
	tr.DisableKeepAlives = true // each attempt is a fresh connection, like a new client would make
	if insecure {
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{}
		}
		tr.TLSClientConfig.InsecureSkipVerify = true //nolint:gosec // asked for by the user
	}
	return tr
}

// Run probes every URL in turn until each is healthy, its attempts run out or MaxTime passes.
// It never returns an error: failures are in the result.
func (p *Prober) Run(ctx context.Context, cfg Config) Result {
	p.defaults()
	start := p.Now()
	var deadline time.Time
	if cfg.MaxTime > 0 {
		deadline = start.Add(cfg.MaxTime)
	}
	res := Result{Healthy: true}
	for _, raw := range cfg.URLs {
		u := p.probeURL(ctx, cfg, raw, deadline)
		res.URLs = append(res.URLs, u)
		res.Attempts += len(u.Attempts)
		res.Healthy = res.Healthy && u.Healthy
	}
	if len(cfg.URLs) == 0 {
		res.Healthy = false
	}
	res.Duration = p.Now().Sub(start)
	return res
}

func (p *Prober) defaults() {
	if p.Client == nil {
		p.Client = http.DefaultClient
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Sleep == nil {
		p.Sleep = wait.Sleep
	}
	if p.Jitter == nil {
		p.Jitter = func() float64 { return 0.5 }
	}
	if p.Logf == nil {
		p.Logf = func(string, ...any) {}
	}
}

// Delay is the wait after failed attempt n (1-based): RetryDelay for fixed backoff, otherwise the shared
// exponential policy of package retry, capped at maxDelay (DefaultMaxDelay when zero).
func Delay(b Backoff, base, maxDelay time.Duration, n int, jitter float64) time.Duration {
	if b == Fixed || base <= 0 {
		return base
	}
	if maxDelay <= 0 {
		maxDelay = DefaultMaxDelay
	}
	return retry.Backoff(base, maxDelay, n, jitter)
}

func (p *Prober) probeURL(ctx context.Context, cfg Config, raw string, deadline time.Time) (res URLResult) {
	res = URLResult{URL: redact(raw)}
	attempts := max(cfg.MaxAttempts, 1)
	explained := false
	defer func() {
		if n := len(res.Attempts); !res.Healthy && n > 0 && res.Attempts[n-1].LoopbackRefused {
			res.Hint = LocalhostExplanation(mustParse(raw))
		}
	}()
	for n := 1; n <= attempts; n++ {
		if reason := stopReason(ctx, p.Now(), deadline); reason != "" {
			if len(res.Attempts) == 0 {
				res.Reason = "not checked: " + reason
			} else {
				res.Reason += " (" + reason + ")"
			}
			p.Logf("%s: stopped before attempt %d: %s", res.URL, n, reason)
			return res
		}
		a := p.attempt(ctx, cfg, raw, deadline)
		a.N = n
		res.Attempts = append(res.Attempts, a)
		res.Status, res.ResponseTime = a.Status, a.ResponseTime
		if a.Healthy {
			res.Healthy, res.Reason = true, ""
			p.Logf("attempt %d/%d %s: healthy (HTTP %d in %s)", n, attempts, res.URL, a.Status, a.ResponseTime.Round(time.Millisecond))
			return res
		}
		res.Reason = a.Reason
		p.Logf("attempt %d/%d %s: %s", n, attempts, res.URL, a.Reason)
		if a.LoopbackRefused && !explained {
			explained = true
			p.Logf("%s", LocalhostExplanation(mustParse(raw)))
		}
		if n == attempts {
			break
		}
		d := Delay(cfg.Backoff, cfg.RetryDelay, cfg.MaxDelay, n, p.Jitter())
		if !deadline.IsZero() && p.Now().Add(d).After(deadline) {
			left := Round(deadline.Sub(p.Now()))
			if left <= 0 {
				res.Reason += fmt.Sprintf(" (max-time %s reached)", Round(cfg.MaxTime))
			} else {
				res.Reason += fmt.Sprintf(" (max-time %s would pass before the next attempt, after a %s wait: stopped with %s left)",
					Round(cfg.MaxTime), Round(d), left)
			}
			p.Logf("%s: max-time %s would pass during the next %s wait (%s left): giving up", res.URL, Round(cfg.MaxTime), Round(d), left)
			return res
		}
		if err := p.Sleep(ctx, d); err != nil {
			res.Reason += " (" + err.Error() + ")"
			return res
		}
	}
	if attempts > 1 && len(res.Attempts) == attempts {
		res.Reason += fmt.Sprintf(" (after %d attempts)", attempts)
	}
	return res
}

func stopReason(ctx context.Context, now, deadline time.Time) string {
	if err := ctx.Err(); err != nil {
		return "cancelled"
	}
	if !deadline.IsZero() && !now.Before(deadline) {
		return "max-time reached"
	}
	return ""
}

func (p *Prober) attempt(ctx context.Context, cfg Config, raw string, deadline time.Time) Attempt {
	timeout, bounded := cfg.Timeout, cfg.Timeout > 0
	if !deadline.IsZero() {
		// The deadline may pass between the check before this attempt and now: the request then gets an
		// expired context, never an unbounded one.
		if left := max(deadline.Sub(p.Now()), 0); !bounded || left < timeout {
			timeout, bounded = left, true
		}
	}
	reqCtx := ctx
	if bounded {
		var cancel context.CancelFunc
		reqCtx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	method := cfg.Method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequestWithContext(reqCtx, method, raw, nil)
	if err != nil {
		return Attempt{Reason: "bad request: " + redactErr(err, raw)}
	}
	for k, vs := range cfg.Headers {
		for _, v := range vs {
			if http.CanonicalHeaderKey(k) == "Host" {
				req.Host = v
				continue
			}
			req.Header.Add(k, v)
		}
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "rose-actions-health-check")
	}
	began := p.Now()
	resp, err := p.Client.Do(req)
	if err != nil {
		return Attempt{ResponseTime: p.Now().Sub(began), Reason: describeError(err, req.URL, timeout, cfg.InContainer),
			LoopbackRefused: cfg.InContainer && errors.Is(err, syscall.ECONNREFUSED) && IsLoopback(req.URL.Hostname())}
	}
	defer resp.Body.Close()
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	a := Attempt{Status: resp.StatusCode, ResponseTime: p.Now().Sub(began)}
	statuses := cfg.Statuses
	if len(statuses) == 0 {
		statuses = StatusSet{{200, 399}}
	}
	switch {
	case !statuses.Contains(resp.StatusCode):
		a.Reason = fmt.Sprintf("HTTP %d, expected %s", resp.StatusCode, statuses)
		if ex := Excerpt(body, 200); ex != "" {
			a.Reason += "; body: " + ex
		}
	case readErr != nil:
		a.Reason = fmt.Sprintf("HTTP %d, reading the body failed: %s", resp.StatusCode, describeError(readErr, req.URL, timeout, false))
	case cfg.Body != nil && !cfg.Body.Match(body):
		a.Reason = fmt.Sprintf("HTTP %d, body does not match %q", resp.StatusCode, cfg.Body.String())
		if ex := Excerpt(body, 200); ex != "" {
			a.Reason += ": " + ex
		}
	default:
		a.Healthy = true
	}
	return a
}

func mustParse(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		return &url.URL{}
	}
	return u
}

// describeError turns a transport error into a short reason, with the localhost explanation when relevant.
func describeError(err error, u *url.URL, timeout time.Duration, inContainer bool) string {
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		if timeout > 0 {
			return fmt.Sprintf("no response within %s", Round(timeout))
		}
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("connection refused by %s", u.Host)
	case errors.Is(err, syscall.ECONNRESET):
		return fmt.Sprintf("connection reset by %s", u.Host)
	}
	return redactErr(err, u.String())
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// IsLoopback reports whether host names this machine: localhost, 127.0.0.0/8 or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LocalhostExplanation says why a localhost URL is refused inside a Docker action and how to reach a
// service that runs on the runner.
func LocalhostExplanation(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443"}[u.Scheme]
		if port == "" {
			port = "80"
		}
	}
	gw := *u
	gw.User = nil
	gw.Host = net.JoinHostPort("172.17.0.1", port)
	return "The action runs as a Docker action, so localhost is the action's own container, not the runner. " +
		"A service started on the runner (for example `docker run -p " + port + ":" + port + "`) is reached through the Docker host gateway, " +
		"e.g. " + gw.String() + " on the default bridge network; a service of a job that runs in a container " +
		"(`services:`) is reached by its service name as host name"
}

// Excerpt returns at most n runes of body on one line, for a log message.
func Excerpt(body []byte, n int) string {
	s := strings.Join(strings.FieldsFunc(string(body), unicode.IsSpace), " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, s)
	if r := []rune(s); len(r) > n {
		s = string(r[:n]) + "…"
	}
	return s
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}

// redactErr renders err with any password in raw replaced.
func redactErr(err error, raw string) string {
	msg := err.Error()
	if u, perr := url.Parse(raw); perr == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
	}
	return msg
}

// Round shortens a duration for a message the way a person writes one: 1.999996685s is 2s, 3.5s stays 3.5s,
// 250ms stays 250ms. Timeouts cut short by a deadline come out a few microseconds shy of what was written.
func Round(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d
}
