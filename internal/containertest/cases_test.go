package containertest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPayloadRewritesRealEvents(t *testing.T) {
	b, err := payload("pull_request.opened.json", map[string]any{"pull_request.title": "feat: x", "pull_request.head.sha": "abc"})
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Action      string
		PullRequest struct {
			Title string
			Head  struct{ SHA string }
		} `json:"pull_request"`
	}
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Action != "opened" || ev.PullRequest.Title != "feat: x" || ev.PullRequest.Head.SHA != "abc" {
		t.Errorf("got %+v", ev)
	}
	// A field the payload does not have is a mistake in the case, not a new field.
	for _, path := range []string{"pull_request.no_such_field", "no_such_object.title"} {
		if _, err := payload("pull_request.opened.json", map[string]any{path: 1}); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v", path, err)
		}
	}
}

func TestLocalSocket(t *testing.T) {
	for host, want := range map[string]string{
		"unix:///tmp/e/docker.sock": "/tmp/e/docker.sock",
		"tcp://10.0.0.1:2376":       "",
	} {
		if got := localSocket(host); got != want {
			t.Errorf("localSocket(%q) = %q, want %q", host, got, want)
		}
	}
}
