package railway

import (
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{"Sat, 28 Nov 2026 08:00:30 GMT", 30 * time.Second, true},
		{"Sat, 28 Nov 2026 07:59:00 GMT", 0, true},
		{"", 0, false},
		{"-3", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestOperationName(t *testing.T) {
	for q, want := range map[string]string{OpDeployment: "Deployment", OpRollback: "DeploymentRollback", "{ me { id } }": "operation"} {
		if got := operationName(q); got != want {
			t.Errorf("operationName(%.20q) = %q, want %q", q, got, want)
		}
	}
}

func FuzzHTMLExcerpt(f *testing.F) {
	f.Add("<html><head><title>Blocked</title></head><body><p>You are blocked</p><script>x()</script></body></html>")
	f.Add("<<<>>>")
	f.Fuzz(func(t *testing.T, s string) {
		if ex := htmlExcerpt([]byte(s)); len([]rune(ex)) > 400 {
			t.Fatalf("excerpt of %d runes", len([]rune(ex)))
		}
	})
}
