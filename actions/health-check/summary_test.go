package main

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rose/actions/pkg/probe"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestSummaryGolden(t *testing.T) {
	res := probe.Result{
		Healthy:  false,
		Attempts: 4,
		Duration: 15250 * time.Millisecond,
		URLs: []probe.URLResult{
			{URL: "https://app.example/healthz", Healthy: true, Status: 200, ResponseTime: 42 * time.Millisecond,
				Attempts: []probe.Attempt{{N: 1, Status: 200, Healthy: true}}},
			{URL: "https://app.example/ready|x", Status: 503, ResponseTime: 7 * time.Millisecond, Reason: "HTTP 503, expected 200-399; body: <h1>down</h1> (after 3 attempts)",
				Attempts: []probe.Attempt{{N: 1}, {N: 2}, {N: 3, Status: 503}}},
			{URL: "http://localhost:9/", Reason: "not checked: max-time reached"},
			{URL: "http://localhost:8080/", Reason: "connection refused by localhost:8080 `x`", Attempts: []probe.Attempt{{N: 1}},
				Hint: probe.LocalhostExplanation(&url.URL{Scheme: "http", Host: "localhost:8080", Path: "/"})},
		},
	}
	got := Summary(res)
	path := filepath.Join("testdata", "summary.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("summary differs from %s:\n%s", path, got)
	}
}
