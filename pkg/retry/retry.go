// Package retry is the one retry policy of the actions' network clients (GitHub's API, Railway's API and the
// health probe): exponential backoff with equal jitter, Retry-After in seconds or as an HTTP date, and which
// requests are safe to send twice.
package retry

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff is the wait before retry n (1-based): base doubled n-1 times, capped at maxDelay, with equal
// jitter (half fixed, half random from jitter in [0, 1)), so the wait never collapses to zero and clients
// that failed together do not retry together. A maxDelay below base is raised to base.
func Backoff(base, maxDelay time.Duration, n int, jitter float64) time.Duration {
	if base <= 0 {
		return 0
	}
	if maxDelay < base {
		maxDelay = base
	}
	d := base
	for i := 1; i < n && d < maxDelay; i++ {
		d *= 2
	}
	d = min(d, maxDelay)
	jitter = min(max(jitter, 0), 1)
	half := d / 2
	return half + time.Duration(jitter*float64(d-half))
}

// After reads a Retry-After header value: whole seconds or an HTTP date (a date in the past is no wait).
func After(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// Idempotent reports whether a request of this method may be sent again after a failure whose outcome is
// unknown (a 5xx or a broken connection): repeating it cannot do the work twice.
func Idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodTrace:
		return true
	}
	return false
}

// RetryableStatus reports whether an HTTP status is worth a retry: a 5xx other than 501 (which will never
// work), and 408 and 429, which ask for one.
func RetryableStatus(code int) bool {
	switch {
	case code == http.StatusRequestTimeout, code == http.StatusTooManyRequests:
		return true
	case code >= 500 && code != http.StatusNotImplemented:
		return true
	}
	return false
}
