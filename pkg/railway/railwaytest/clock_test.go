package railwaytest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestClockMovesOnlyWhenSlept(t *testing.T) {
	start := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
	c := NewClock(start)
	if got := c.Now(); !got.Equal(start) {
		t.Fatalf("Now() = %s, want %s", got, start)
	}
	for _, d := range []time.Duration{5 * time.Second, time.Minute} {
		if err := c.Sleep(context.Background(), d); err != nil {
			t.Fatalf("Sleep(%s) = %v", d, err)
		}
	}
	if got, want := c.Now(), start.Add(65*time.Second); !got.Equal(want) {
		t.Errorf("Now() = %s after the sleeps, want %s", got, want)
	}
	if got := c.Sleeps(); !slices.Equal(got, []time.Duration{5 * time.Second, time.Minute}) {
		t.Errorf("Sleeps() = %v", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Sleep(ctx, time.Second); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context = %v, want context.Canceled", err)
	}
}

func TestClockDrivesTheScripts(t *testing.T) {
	s := New()
	defer s.Close()
	c := NewClock(time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC))
	s.SetNow(c.Now)
	s.Lock()
	s.NextScripts = []Script{{{Status: "BUILDING"}, {Status: "SUCCESS", After: time.Minute}}}
	s.Unlock()
	code, body := post(t, s, `{"query":"mutation D($s: String!, $e: String!) { serviceInstanceDeployV2(serviceId: $s, environmentId: $e) }","variables":{"s":"svc-1","e":"env-prod"}}`,
		map[string]string{"Project-Access-Token": s.ProjectToken})
	if code != 200 {
		t.Fatalf("deploy: HTTP %d %s", code, body)
	}
	if got := s.StatusOf("dep-1"); got != "BUILDING" {
		t.Fatalf("status %q at once, want BUILDING (%s)", got, body)
	}
	_ = c.Sleep(context.Background(), time.Minute)
	if got := s.StatusOf("dep-1"); got != "SUCCESS" {
		t.Errorf("status %q a minute later, want SUCCESS", got)
	}
}
