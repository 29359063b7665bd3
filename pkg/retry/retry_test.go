package retry

import (
	"net/http"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		name           string
		base, maxDelay time.Duration
		n              int
		jitter         float64
		want           time.Duration
	}{
		{"first, no jitter", time.Second, time.Minute, 1, 0, 500 * time.Millisecond},
		{"first, full jitter", time.Second, time.Minute, 1, 0.999999999, time.Second},
		{"doubles", time.Second, time.Minute, 4, 0, 4 * time.Second},
		{"capped", time.Second, 5 * time.Second, 10, 1, 5 * time.Second},
		{"cap below base", 2 * time.Second, time.Second, 3, 1, 2 * time.Second},
		{"no base", 0, time.Minute, 3, 0.5, 0},
		{"jitter out of range is clamped", time.Second, time.Minute, 1, 7, time.Second},
		{"huge attempt count stays capped", time.Second, 30 * time.Second, 1 << 20, 0, 15 * time.Second},
	}
	for _, tt := range tests {
		if got := Backoff(tt.base, tt.maxDelay, tt.n, tt.jitter); got.Round(time.Millisecond) != tt.want {
			t.Errorf("%s: Backoff = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestAfter(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		got, ok := After(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("After(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIdempotentAndStatus(t *testing.T) {
	for m, want := range map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": false, "PATCH": false} {
		if Idempotent(m) != want {
			t.Errorf("Idempotent(%s) != %v", m, want)
		}
	}
	for code, want := range map[int]bool{500: true, 502: true, 503: true, 501: false, 429: true, 408: true, 404: false, 403: false} {
		if RetryableStatus(code) != want {
			t.Errorf("RetryableStatus(%d) != %v", code, want)
		}
	}
}
