package probe

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rose/actions/internal/loopback"
)

// fakeClock advances only when the prober sleeps; it records every sleep.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
	onWake func(n int) // called after the n-th sleep (1-based)
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.sleeps = append(c.sleeps, d)
	n := len(c.sleeps)
	c.mu.Unlock()
	if c.onWake != nil {
		c.onWake(n)
	}
	return ctx.Err()
}

func (c *fakeClock) prober(t *testing.T, client *http.Client) *Prober {
	return &Prober{Client: client, Now: c.Now, Sleep: c.Sleep, Jitter: func() float64 { return 0 }, Logf: t.Logf}
}

// flaky answers 503 to the first n requests, then 200 "ok".
func flaky(n int32) (http.HandlerFunc, *atomic.Int32) {
	var hits atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) <= n {
			http.Error(w, "warming up", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, `{"status":"ok"}`)
	}, &hits
}

func TestRecoversAfterFailures(t *testing.T) {
	h, hits := flaky(3)
	srv := httptest.NewServer(h)
	defer srv.Close()
	clock := newFakeClock()
	res := clock.prober(t, srv.Client()).Run(context.Background(), Config{
		URLs: []string{srv.URL}, MaxAttempts: 10, RetryDelay: 5 * time.Second, MaxTime: 5 * time.Minute,
	})
	if !res.Healthy || res.Attempts != 4 || hits.Load() != 4 {
		t.Fatalf("healthy=%v attempts=%d hits=%d, want healthy after 4 attempts", res.Healthy, res.Attempts, hits.Load())
	}
	u := res.URLs[0]
	if u.Status != 200 || u.Reason != "" {
		t.Errorf("status %d reason %q, want 200 and no reason", u.Status, u.Reason)
	}
	for i, a := range u.Attempts[:3] {
		if a.Status != 503 || !strings.Contains(a.Reason, "HTTP 503, expected 200-399; body: warming up") {
			t.Errorf("attempt %d: status %d reason %q", i+1, a.Status, a.Reason)
		}
	}
	if want := []time.Duration{5 * time.Second, 5 * time.Second, 5 * time.Second}; fmt.Sprint(clock.sleeps) != fmt.Sprint(want) {
		t.Errorf("sleeps %v, want %v", clock.sleeps, want)
	}
}

func TestNeverRecovers(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "database down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	clock := newFakeClock()
	res := clock.prober(t, srv.Client()).Run(context.Background(), Config{
		URLs: []string{srv.URL}, MaxAttempts: 4, RetryDelay: time.Second, Backoff: Exponential, MaxDelay: 3 * time.Second,
	})
	if res.Healthy || res.Attempts != 4 || hits.Load() != 4 {
		t.Fatalf("healthy=%v attempts=%d hits=%d, want unhealthy after 4", res.Healthy, res.Attempts, hits.Load())
	}
	if r := res.URLs[0].Reason; !strings.Contains(r, "HTTP 500") || !strings.Contains(r, "database down") || !strings.Contains(r, "after 4 attempts") {
		t.Errorf("reason %q", r)
	}
	// Jitter 0: half of 1s, 2s, 3s (capped).
	if want := []time.Duration{500 * time.Millisecond, time.Second, 1500 * time.Millisecond}; fmt.Sprint(clock.sleeps) != fmt.Sprint(want) {
		t.Errorf("sleeps %v, want %v", clock.sleeps, want)
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	var hits atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) <= 2 {
			select { // slow: answers only after the client gave up
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	defer close(release)
	clock := newFakeClock()
	res := clock.prober(t, srv.Client()).Run(context.Background(), Config{
		URLs: []string{srv.URL}, MaxAttempts: 10, Timeout: 50 * time.Millisecond, RetryDelay: time.Second,
	})
	// Attempts 1 and 2 time out; on a loaded machine a later one may also miss the 50ms before it succeeds.
	attempts := res.URLs[0].Attempts
	if !res.Healthy || len(attempts) < 3 || attempts[len(attempts)-1].Status != http.StatusNoContent {
		t.Fatalf("healthy=%v attempts=%+v, want healthy after two timeouts", res.Healthy, attempts)
	}
	for _, a := range attempts[:len(attempts)-1] {
		if a.Healthy || a.Status != 0 || a.Reason != "no response within 50ms" {
			t.Errorf("attempt %d: status %d reason %q, want a timeout", a.N, a.Status, a.Reason)
		}
	}
}

// steppingClock advances by step at every reading: time passes between any two steps of a run.
type steppingClock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func (c *steppingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.step)
	return c.now
}

func TestDeadlinePassingJustBeforeARequestBoundsIt(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // never answers while the client waits
		case <-r.Context().Done():
		case <-block:
		}
	}))
	defer srv.Close()
	defer close(block)
	// Readings: start 1s, the check before attempt 1 at 2s (before the 2.5s deadline), the request's budget
	// at 3s (past it). The request must get an expired context, not none at all.
	clock := &steppingClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), step: time.Second}
	p := &Prober{Client: srv.Client(), Now: clock.Now, Sleep: newFakeClock().Sleep, Logf: t.Logf}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // fails rather than hangs
	defer cancel()
	res := p.Run(ctx, Config{URLs: []string{srv.URL}, MaxAttempts: 3, MaxTime: 1500 * time.Millisecond})
	if ctx.Err() != nil {
		t.Fatal("the request was not bounded by max-time")
	}
	if res.Healthy || res.Attempts != 1 {
		t.Fatalf("healthy=%v attempts=%d, want one attempt cut at once", res.Healthy, res.Attempts)
	}
	if r := res.URLs[0].Reason; !strings.HasPrefix(r, "timed out (max-time 1.5s reached") {
		t.Errorf("reason %q", r)
	}
}

func TestRefusedAtFirst(t *testing.T) {
	// Reserve a port, free it, and start listening on it only after the second wait.
	addr := loopback.RefusedAddr(t)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "up") }))
	defer srv.Close()
	clock := newFakeClock()
	clock.onWake = func(n int) {
		if n != 2 {
			return
		}
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Errorf("listen again on %s: %v", addr, err)
			return
		}
		srv.Listener = l
		srv.Start()
	}
	res := clock.prober(t, http.DefaultClient).Run(context.Background(), Config{
		URLs: []string{"http://" + addr + "/healthz"}, MaxAttempts: 5, RetryDelay: time.Second, InContainer: true,
	})
	if !res.Healthy || res.Attempts != 3 {
		t.Fatalf("healthy=%v attempts=%d, want healthy at attempt 3", res.Healthy, res.Attempts)
	}
	first := res.URLs[0].Attempts[0]
	if first.Reason != "connection refused by "+addr || !first.LoopbackRefused {
		t.Errorf("first attempt %+v, want a loopback refusal", first)
	}
}

func TestLocalhostExplanationOnlyInContainer(t *testing.T) {
	addr := loopback.RefusedAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	for _, inContainer := range []bool{true, false} {
		clock := newFakeClock()
		res := clock.prober(t, http.DefaultClient).Run(context.Background(), Config{
			URLs: []string{"http://" + addr + "/"}, MaxAttempts: 1, InContainer: inContainer,
		})
		reason, hint := res.URLs[0].Reason, res.URLs[0].Hint
		want := "http://172.17.0.1:" + port + "/"
		if got := strings.Contains(hint, want); got != inContainer {
			t.Errorf("inContainer=%v: hint %q mentions %s: %v", inContainer, hint, want, got)
		}
		if strings.Contains(reason, "Docker") {
			t.Errorf("the reason, which is escaped in the summary, holds the advice: %q", reason)
		}
		if !strings.Contains(reason, "connection refused") {
			t.Errorf("reason %q", reason)
		}
	}
}

func TestMaxTimeStopsTheRun(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()

	t.Run("fake clock", func(t *testing.T) {
		hits.Store(0)
		clock := newFakeClock()
		// Attempts at 0s and 5s; at 10s max-time has passed: the second URL is not checked.
		res := clock.prober(t, srv.Client()).Run(context.Background(), Config{
			URLs: []string{srv.URL, srv.URL + "/second"}, MaxAttempts: 100, RetryDelay: 5 * time.Second, MaxTime: 10 * time.Second,
		})
		if res.Healthy || res.Attempts != 2 || hits.Load() != 2 {
			t.Fatalf("healthy=%v attempts=%d hits=%d, want 2 attempts then stop", res.Healthy, res.Attempts, hits.Load())
		}
		if r := res.URLs[0].Reason; !strings.Contains(r, "max-time") {
			t.Errorf("reason %q lacks max-time", r)
		}
		if r := res.URLs[1].Reason; !strings.HasPrefix(r, "not checked: max-time reached") || len(res.URLs[1].Attempts) != 0 {
			t.Errorf("second URL: %q with %d attempts", r, len(res.URLs[1].Attempts))
		}
		if res.Duration > 10*time.Second {
			t.Errorf("run took %s of fake time, beyond max-time", res.Duration)
		}
	})
	t.Run("no wait beyond max-time", func(t *testing.T) {
		hits.Store(0)
		clock := newFakeClock()
		// Attempts at 0s, 3s, 6s, 9s; waiting for a fifth (12s) would pass max-time, so the run ends at 9s.
		res := clock.prober(t, srv.Client()).Run(context.Background(), Config{
			URLs: []string{srv.URL}, MaxAttempts: 100, RetryDelay: 3 * time.Second, MaxTime: 10 * time.Second,
		})
		if res.Healthy || res.Attempts != 4 || res.Duration != 9*time.Second {
			t.Fatalf("healthy=%v attempts=%d duration=%s, want 4 attempts in 9s", res.Healthy, res.Attempts, res.Duration)
		}
		if r := res.URLs[0].Reason; !strings.Contains(r, "max-time 10s would pass before the next attempt, after a 3s wait: stopped with 1s left") {
			t.Errorf("reason %q", r)
		}
	})
	t.Run("real clock", func(t *testing.T) {
		hits.Store(0)
		p := &Prober{Client: srv.Client(), Logf: t.Logf}
		res := p.Run(context.Background(), Config{
			URLs: []string{srv.URL}, MaxAttempts: 1000, RetryDelay: 20 * time.Millisecond, MaxTime: 100 * time.Millisecond,
		})
		// A loaded machine may reach max-time before the first attempt: assert no lower bound.
		if res.Healthy || res.Attempts >= 1000 {
			t.Fatalf("healthy=%v attempts=%d, want unhealthy, stopped by max-time", res.Healthy, res.Attempts)
		}
		if !strings.Contains(res.URLs[0].Reason, "max-time") {
			t.Errorf("reason %q lacks max-time", res.URLs[0].Reason)
		}
	})
	t.Run("slow server bounded by max-time", func(t *testing.T) {
		block := make(chan struct{})
		defer close(block)
		slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-block:
			}
		}))
		defer slow.Close()
		p := &Prober{Client: slow.Client(), Logf: t.Logf}
		res := p.Run(context.Background(), Config{
			URLs: []string{slow.URL}, MaxAttempts: 3, Timeout: time.Hour, RetryDelay: time.Millisecond, MaxTime: 80 * time.Millisecond,
		})
		// One attempt, cut by max-time (none when a loaded machine reached max-time before it): the hour
		// of timeout never applies.
		if res.Healthy || res.Attempts > 1 {
			t.Fatalf("healthy=%v attempts=%d, want at most one attempt, cut by max-time", res.Healthy, res.Attempts)
		}
		if r := res.URLs[0].Reason; !strings.Contains(r, "max-time 80ms reached") && !strings.HasPrefix(r, "not checked: max-time") {
			t.Errorf("reason %q lacks max-time", r)
		}
		for _, a := range res.URLs[0].Attempts {
			if !strings.Contains(a.Reason, "no response within") && a.Reason != "timed out" {
				t.Errorf("attempt reason %q, want a timeout", a.Reason)
			}
		}
	})
}

func TestRequestShapeAndJudgement(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/auth":
			if r.Header.Get("Authorization") != "Bearer s3cret" || r.Method != http.MethodHead {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			w.WriteHeader(http.StatusOK)
		case "/redirect":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/ok":
			fmt.Fprint(w, `{"status":"ok","version":"1.2.3"}`)
		case "/degraded":
			fmt.Fprint(w, `{"status":"degraded"}`)
		}
	}))
	defer srv.Close()
	tests := []struct {
		name    string
		cfg     Config
		follow  bool
		healthy bool
		status  int
		reason  string
	}{
		{name: "headers and method", cfg: Config{URLs: []string{srv.URL + "/auth"}, Method: http.MethodHead,
			Headers: http.Header{"Authorization": {"Bearer s3cret"}}}, healthy: true, status: 200},
		{name: "missing header", cfg: Config{URLs: []string{srv.URL + "/auth"}, Method: http.MethodHead}, status: 401, reason: "HTTP 401, expected 200-399"},
		{name: "redirect followed", cfg: Config{URLs: []string{srv.URL + "/redirect"}, Statuses: StatusSet{{200, 200}}}, follow: true, healthy: true, status: 200},
		{name: "redirect not followed", cfg: Config{URLs: []string{srv.URL + "/redirect"}, Statuses: StatusSet{{200, 200}}}, status: 302, reason: "HTTP 302, expected 200"},
		{name: "redirect accepted", cfg: Config{URLs: []string{srv.URL + "/redirect"}}, healthy: true, status: 302},
		{name: "body matches", cfg: Config{URLs: []string{srv.URL + "/ok"}, Body: regexp.MustCompile(`"status":\s*"ok"`)}, healthy: true, status: 200},
		{name: "body differs", cfg: Config{URLs: []string{srv.URL + "/degraded"}, Body: regexp.MustCompile(`"status":\s*"ok"`)}, status: 200,
			reason: `HTTP 200, body does not match "\"status\":\\s*\"ok\"": {"status":"degraded"}`},
		{name: "one of two unhealthy", cfg: Config{URLs: []string{srv.URL + "/ok", srv.URL + "/auth"}}, status: 401, reason: "HTTP 401"},
		{name: "bad URL", cfg: Config{URLs: []string{"http://[::1"}}, reason: "bad request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.MaxAttempts = 1
			res := newFakeClock().prober(t, NewClient(tt.follow, false)).Run(context.Background(), tt.cfg)
			d := res.Deciding()
			if res.Healthy != tt.healthy || d.Status != tt.status || !strings.Contains(d.Reason, tt.reason) {
				t.Errorf("healthy=%v status=%d reason=%q, want %v %d %q", res.Healthy, d.Status, d.Reason, tt.healthy, tt.status, tt.reason)
			}
		})
	}
}

func TestRedactsPasswordInURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer srv.Close()
	var logs strings.Builder
	p := &Prober{Client: srv.Client(), Logf: func(f string, a ...any) { fmt.Fprintf(&logs, f+"\n", a...) }}
	u := strings.Replace(srv.URL, "http://", "http://user:hunter2@", 1)
	res := p.Run(context.Background(), Config{URLs: []string{u}, MaxAttempts: 1})
	if strings.Contains(logs.String()+fmt.Sprint(res), "hunter2") {
		t.Errorf("password leaked: %s %+v", logs.String(), res)
	}
}

func TestDelay(t *testing.T) {
	tests := []struct {
		b      Backoff
		base   time.Duration
		cap    time.Duration
		n      int
		jitter float64
		want   time.Duration
	}{
		{Fixed, 5 * time.Second, 0, 1, 0.9, 5 * time.Second},
		{Fixed, 5 * time.Second, 0, 7, 0.9, 5 * time.Second},
		{Exponential, time.Second, 0, 1, 0, 500 * time.Millisecond},
		{Exponential, time.Second, 0, 1, 1, time.Second},
		{Exponential, time.Second, 0, 3, 0.5, 3 * time.Second},
		{Exponential, time.Second, 10 * time.Second, 10, 1, 10 * time.Second},
		{Exponential, time.Second, 0, 100, 1, DefaultMaxDelay},
		{Exponential, 2 * time.Minute, 0, 1, 1, 2 * time.Minute},
	}
	for _, tt := range tests {
		if got := Delay(tt.b, tt.base, tt.cap, tt.n, tt.jitter); got != tt.want {
			t.Errorf("Delay(%s, %s, %s, %d, %v) = %s, want %s", tt.b, tt.base, tt.cap, tt.n, tt.jitter, got, tt.want)
		}
	}
}

func TestParseBackoff(t *testing.T) {
	for in, want := range map[string]Backoff{"fixed": Fixed, "Exponential": Exponential} {
		if got, err := ParseBackoff(in); err != nil || got != want {
			t.Errorf("ParseBackoff(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseBackoff("linear"); err == nil {
		t.Error("linear accepted")
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "127.1.2.3": true, "::1": true,
		"api.localhost": true, "example.com": false, "172.17.0.1": false} {
		if IsLoopback(host) != want {
			t.Errorf("IsLoopback(%q) != %v", host, want)
		}
	}
}

func TestInsecureSkipsTLSVerification(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	for _, insecure := range []bool{false, true} {
		res := newFakeClock().prober(t, NewClient(true, insecure)).Run(context.Background(), Config{URLs: []string{srv.URL}, MaxAttempts: 1})
		if res.Healthy != insecure {
			t.Errorf("insecure=%v: healthy=%v (%s)", insecure, res.Healthy, res.URLs[0].Reason)
		}
	}
	// The test server's own trusted transport is kept by NewClientFrom.
	res := newFakeClock().prober(t, NewClientFrom(srv.Client().Transport, true, false)).Run(context.Background(), Config{URLs: []string{srv.URL}, MaxAttempts: 1})
	if !res.Healthy {
		t.Errorf("trusted transport: %s", res.URLs[0].Reason)
	}
}

func TestDNSFailureIsRetried(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	// A resolver that does not know the name yet (a service whose DNS record is still propagating).
	var lookups atomic.Int32
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// The default transport sends requests through HTTP_PROXY when it is set (self-hosted runners behind a
	// proxy): this test dials the name of the URL itself, so it must not go through a proxy.
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		if lookups.Add(1) <= 2 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
		}
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}
	clock := newFakeClock()
	res := clock.prober(t, &http.Client{Transport: tr}).Run(context.Background(), Config{
		URLs: []string{"http://app.internal.example/healthz"}, MaxAttempts: 5, RetryDelay: time.Second,
	})
	if !res.Healthy || res.Attempts != 3 {
		t.Fatalf("healthy=%v attempts=%d", res.Healthy, res.Attempts)
	}
	if r := res.URLs[0].Attempts[0].Reason; r != "DNS lookup of app.internal.example failed: no such host" {
		t.Errorf("reason %q", r)
	}
}
