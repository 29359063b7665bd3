package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rose/actions/internal/loopback"
	"github.com/rose/actions/pkg/action/actiontest"
)

func runAction(t *testing.T, inputs map[string]string) actiontest.Result {
	t.Helper()
	return actiontest.Run(t, actiontest.Options{Action: "health-check", Run: run, Inputs: inputs})
}

// withSleep replaces the prober's sleeper for one test.
func withSleep(t *testing.T, f func(ctx context.Context, d time.Duration) error) {
	old := sleep
	sleep = f
	t.Cleanup(func() { sleep = old })
}

func TestRecoversAfterFailures(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) <= 3 {
			http.Error(w, "starting", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `{"status":"ok"}`)
	}))
	defer srv.Close()
	res := runAction(t, map[string]string{"url": srv.URL + "/health", "retry-delay": "1ms", "expected-body": `"ok"`})
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	want := map[string]string{"healthy": "true", "attempts": "4", "http-status": "200"}
	for k, v := range want {
		if res.Outputs[k] != v {
			t.Errorf("output %s = %q, want %q", k, res.Outputs[k], v)
		}
	}
	for _, k := range []string{"response-time-ms", "duration-ms"} {
		if _, err := strconv.Atoi(res.Outputs[k]); err != nil {
			t.Errorf("output %s = %q", k, res.Outputs[k])
		}
	}
	if strings.Count(res.Stdout, "HTTP 503, expected 200-399; body: starting") != 3 {
		t.Errorf("each failed attempt is not logged with its reason:\n%s", res.Stdout)
	}
	if !strings.Contains(res.Summary, "| ✅ healthy | 4 | 200 |") {
		t.Errorf("summary:\n%s", res.Summary)
	}
}

func TestNeverRecovers(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "db down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	res := runAction(t, map[string]string{"url": srv.URL, "retry-delay": "1ms", "max-attempts": "3", "backoff": "exponential"})
	if res.Code != 1 || hits.Load() != 3 {
		t.Fatalf("exit %d after %d requests, want 1 after 3\n%s", res.Code, hits.Load(), res.Stdout)
	}
	if res.Outputs["healthy"] != "false" || res.Outputs["attempts"] != "3" || res.Outputs["http-status"] != "500" {
		t.Errorf("outputs %v", res.Outputs)
	}
	if !strings.Contains(res.Stdout, "::error::1 of 1 URL(s) unhealthy") || !strings.Contains(res.Stdout, "db down") {
		t.Errorf("no error annotation with the reason:\n%s", res.Stdout)
	}
}

func TestSlowService(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) <= 2 {
			<-r.Context().Done() // slower than the timeout
			return
		}
	}))
	defer srv.Close()
	res := runAction(t, map[string]string{"url": srv.URL, "retry-delay": "1ms", "timeout": "50ms"})
	// Attempts 1 and 2 time out; on a loaded machine a later one may also miss the 50ms before one succeeds.
	n, _ := strconv.Atoi(res.Outputs["attempts"])
	if res.Code != 0 || n < 3 || res.Outputs["http-status"] != "200" {
		t.Fatalf("exit %d outputs %v\n%s", res.Code, res.Outputs, res.Stdout)
	}
	if got := strings.Count(res.Stdout, "no response within 50ms"); got != n-1 {
		t.Errorf("%d timeouts logged for %d attempts:\n%s", got, n, res.Stdout)
	}
}

func TestRefusesConnectionsAtFirst(t *testing.T) {
	addr := loopback.RefusedAddr(t)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	var mu sync.Mutex
	sleeps := 0
	withSleep(t, func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		if sleeps++; sleeps == 2 { // the service starts listening during the second wait
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			srv.Listener = l
			srv.Start()
		}
		return nil
	})
	res := runAction(t, map[string]string{"url": "http://" + addr + "/"})
	if res.Code != 0 || res.Outputs["attempts"] != "3" || res.Outputs["healthy"] != "true" {
		t.Fatalf("exit %d outputs %v\n%s", res.Code, res.Outputs, res.Stdout)
	}
	if strings.Count(res.Stdout, "connection refused by "+addr) != 2 {
		t.Errorf("refusals not logged:\n%s", res.Stdout)
	}
}

func TestMaxTimeBoundsTheRun(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	res := runAction(t, map[string]string{"url": srv.URL, "retry-delay": "20ms", "max-attempts": "1000", "max-time": "150ms"})
	n, _ := strconv.Atoi(res.Outputs["attempts"])
	// The last attempt may be cut by max-time before its request reaches the server; a loaded machine may
	// even reach max-time before the first attempt.
	if h := hits.Load(); res.Code != 1 || n >= 1000 || (int32(n) != h && int32(n) != h+1) {
		t.Fatalf("exit %d, %d attempts, %d requests: want exit 1 stopped by max-time", res.Code, n, hits.Load())
	}
	if !strings.Contains(res.Stdout, "max-time") {
		t.Errorf("max-time not named:\n%s", res.Stdout)
	}
}

func TestSeveralURLs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	res := runAction(t, map[string]string{"url": srv.URL + "/up\n" + srv.URL + "/down\n", "max-attempts": "2", "retry-delay": "1ms",
		"expected-status": "200,204"})
	if res.Code != 1 || res.Outputs["http-status"] != "404" || res.Outputs["attempts"] != "2" {
		t.Fatalf("exit %d outputs %v", res.Code, res.Outputs)
	}
	if !strings.Contains(res.Summary, "/up | ✅ healthy | 1 | 200") || !strings.Contains(res.Summary, "/down | ❌ unhealthy | 2 | 404") {
		t.Errorf("summary:\n%s", res.Summary)
	}
}

func TestLocalhostInsideAContainerIsExplained(t *testing.T) {
	addr := loopback.RefusedAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	res := runAction(t, map[string]string{"url": "http://" + addr + "/health", "max-attempts": "3", "retry-delay": "1ms"})
	if res.Code != 1 {
		t.Fatalf("exit %d", res.Code)
	}
	// Explained once in the log and once in the error, not at every attempt.
	if n := strings.Count(res.Stdout, "localhost is the action's own container"); n != 2 {
		t.Errorf("explained %d times:\n%s", n, res.Stdout)
	}
	for _, want := range []string{"localhost is the action's own container", "http://172.17.0.1:" + port + "/health", "services:"} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, res.Stdout)
		}
	}
}

func TestBadInputs(t *testing.T) {
	res := runAction(t, map[string]string{"url": "ftp://example.com\nhttp://ok.example", "expected-status": "abc", "backoff": "linear",
		"max-attempts": "0", "timeout": "10", "headers": "X-Token hunter2secret", "method": "get it"})
	if res.Code != 2 {
		t.Fatalf("exit %d, want 2", res.Code)
	}
	for _, want := range []string{`input "url" has value "ftp://example.com"`, `input "expected-status" has value "abc"`,
		`input "backoff" has value "linear": accepted values are fixed, exponential`, `input "max-attempts" has value "0"`,
		`input "timeout" has value "10"`, `(for seconds write 10s)`, `input "headers" has value (hidden)`, `input "method"`} {
		if !strings.Contains(res.Stdout+res.Stderr, want) {
			t.Errorf("error lacks %q:\n%s%s", want, res.Stdout, res.Stderr)
		}
	}
	if leaks := actiontest.Leaks(res, "hunter2secret"); len(leaks) > 0 {
		t.Errorf("a header line leaked in %q", leaks)
	}
	if len(res.Outputs) != 0 {
		t.Errorf("outputs set on bad input: %v", res.Outputs)
	}
}

func TestHeaderSecretsAreMasked(t *testing.T) {
	const secret = "planted-4f9d2c7a1b"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A careless service echoes the credential it refuses.
		http.Error(w, "refused "+r.Header.Get("Authorization"), http.StatusUnauthorized)
	}))
	defer srv.Close()
	res := runAction(t, map[string]string{"url": srv.URL, "headers": "Authorization: Bearer " + secret + "\nX-Trace: 1", "max-attempts": "2",
		"retry-delay": "1ms"})
	if res.Code != 1 {
		t.Fatalf("exit %d", res.Code)
	}
	if !strings.Contains(res.Stdout, "::add-mask::Bearer "+secret) {
		t.Errorf("the header value was not masked with the runner:\n%s", res.Stdout)
	}
	if leaks := actiontest.Leaks(res, secret); len(leaks) > 0 {
		t.Errorf("secret printed in: %q", leaks)
	}
	if !strings.Contains(res.Stdout, "refused ***") {
		t.Errorf("the echoed secret is not redacted to ***:\n%s", res.Stdout)
	}
}

func TestURLPasswordIsMasked(t *testing.T) {
	const password = "planted-url-pw-83f1"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pw, ok := r.BasicAuth()
		if !ok || user != "probe" {
			t.Errorf("request without the URL's basic credentials: %q", r.Header.Get("Authorization"))
		}
		// A careless service echoes the password it refuses.
		http.Error(w, "wrong password "+pw, http.StatusUnauthorized)
	}))
	defer srv.Close()
	withPassword := strings.Replace(srv.URL, "http://", "http://probe:"+password+"@", 1)
	res := runAction(t, map[string]string{"url": withPassword, "max-attempts": "1"})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	if !strings.Contains(res.Stdout, "::add-mask::"+password) {
		t.Errorf("the URL's password was not masked with the runner:\n%s", res.Stdout)
	}
	if leaks := actiontest.Leaks(res, password); len(leaks) > 0 {
		t.Errorf("password printed in: %q", leaks)
	}
	if !strings.Contains(res.Stdout, "wrong password ***") {
		t.Errorf("the echoed password is not redacted to ***:\n%s", res.Stdout)
	}

	bad := runAction(t, map[string]string{"url": "ftp://probe:" + password + "@files.example/"})
	if bad.Code != 2 || !strings.Contains(bad.Stdout+bad.Stderr, `input "url" has value "ftp://probe:xxxxx@files.example/"`) {
		t.Errorf("exit %d, want 2 naming the redacted URL:\n%s%s", bad.Code, bad.Stdout, bad.Stderr)
	}
	if leaks := actiontest.Leaks(bad, password); len(leaks) > 0 {
		t.Errorf("password of a bad URL printed in: %q", leaks)
	}
}

func TestLocalMode(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	res := actiontest.Run(t, actiontest.Options{Action: "health-check", Run: run, Local: true, Inputs: map[string]string{"url": srv.URL}})
	if res.Code != 0 || !strings.Contains(res.Stdout, "output healthy=true") || !strings.Contains(res.Stdout, "--- summary ---") {
		t.Errorf("exit %d\n%s", res.Code, res.Stdout)
	}
}
