package actions_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const serviceDeploy = ".github/workflows/service-deploy.yml"

// TestServiceDeployURLs runs the plan job's URL step of service-deploy.yml with good and hostile inputs. The
// URLs used to be built with `sed "s#^#${BASE}#"`: GNU sed's `e` flag ran a command from the url input, and a
// `#` in it made sed fail so the smoke paths were silently skipped.
func TestServiceDeployURLs(t *testing.T) {
	step := loadStep(t, serviceDeploy, "plan", "check the URLs")
	if strings.Contains(step.script, "sed") || strings.Contains(step.script, "eval") {
		t.Fatal("the URL step must build URLs with bash string operations only (no sed, no eval)")
	}
	mark := filepath.Join(t.TempDir(), "pwned")
	tests := []struct {
		name, url, health, smoke string
		wantCode                 int
		wantHealth               string
		wantSmoke                []string
		wantErr                  string // in stdout, for a refused input
	}{
		{name: "plain", url: "https://rose.example.com", health: "/api/health", smoke: "/api/session/start\n  /api/a?x=1&y=2  \n\n",
			wantHealth: "https://rose.example.com/api/health",
			wantSmoke:  []string{"https://rose.example.com/api/session/start", "https://rose.example.com/api/a?x=1&y=2"}},
		{name: "trailing slash, port and path", url: "http://10.0.0.1:8080/svc/", health: "/health",
			wantHealth: "http://10.0.0.1:8080/svc/health"},
		{name: "no smoke paths", url: "https://rose.example.com", health: "/api/health", smoke: "   \n",
			wantHealth: "https://rose.example.com/api/health"},
		{name: "sed e flag", url: "echo INJECTED;true #e", health: "/api/health", smoke: "/x",
			wantCode: 2, wantErr: "input url: 'echo INJECTED;true #e' is not a base URL"},
		{name: "sed e flag after a real URL", url: "https://h.example.com#e;touch " + mark + " #e", health: "/api/health", smoke: "/x",
			wantCode: 2, wantErr: "input url:"},
		{name: "fragment", url: "https://rose.example.com/#frag", health: "/api/health", smoke: "/x",
			wantCode: 2, wantErr: "fragment (#)"},
		{name: "query", url: "https://rose.example.com/?token=abc", health: "/api/health",
			wantCode: 2, wantErr: "input url:"},
		{name: "user info", url: "https://user:pass@rose.example.com", health: "/api/health",
			wantCode: 2, wantErr: "input url:"},
		{name: "command substitution", url: "https://rose.example.com/$(touch " + mark + ")", health: "/api/health",
			wantCode: 2, wantErr: "input url:"},
		{name: "newline starts a workflow command", url: "https://rose.example.com\n::add-mask::x", health: "/api/health",
			wantCode: 2, wantErr: "input url: 'https://rose.example.com?::add-mask::x'"},
		{name: "health path without slash", url: "https://rose.example.com", health: "api/health",
			wantCode: 2, wantErr: "input health-path: 'api/health' is not a path"},
		{name: "smoke path with a fragment", url: "https://rose.example.com", health: "/api/health", smoke: "/ok\n/x#e",
			wantCode: 2, wantErr: "input smoke-paths: '/x#e'"},
		{name: "smoke path with a command", url: "https://rose.example.com", health: "/api/health", smoke: "/$(touch " + mark + ")",
			wantCode: 2, wantErr: "input smoke-paths:"},
		{name: "smoke path output injection", url: "https://rose.example.com", health: "/api/health", smoke: "/a\nEOF\nhealth-url=https://evil.example",
			wantCode: 2, wantErr: "input smoke-paths: 'EOF'"},
		{name: "percent escapes stay visible", url: "https://rose.example.com/%0A::error::x #", health: "/api/health",
			wantCode: 2, wantErr: "'https://rose.example.com/%250A::error::x #'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := step.run(t, map[string]string{"URL": tt.url, "HEALTH_PATH": tt.health, "SMOKE_PATHS": tt.smoke})
			if _, err := os.Stat(mark); err == nil {
				t.Fatal("an input ran a command")
			}
			if strings.Contains(res.stdout+res.stderr, "INJECTED") && !strings.Contains(res.stdout, "'echo INJECTED") {
				t.Fatalf("an input ran a command:\n%s%s", res.stdout, res.stderr)
			}
			if res.code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", res.code, tt.wantCode, res.stdout, res.stderr)
			}
			if tt.wantCode != 0 {
				if !strings.Contains(res.stdout, "::error::"+"") || !strings.Contains(res.stdout, tt.wantErr) {
					t.Fatalf("stdout %q lacks the error %q", res.stdout, tt.wantErr)
				}
				for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
					if !strings.HasPrefix(line, "::error::input ") {
						t.Errorf("an output line is not the error annotation: %q", line)
					}
				}
				if len(res.outputs) != 0 {
					t.Errorf("a refused input still wrote outputs: %v", res.outputs)
				}
				return
			}
			if got := res.outputs["health-url"]; got != tt.wantHealth {
				t.Errorf("health-url = %q, want %q", got, tt.wantHealth)
			}
			var smoke []string
			if s := res.outputs["smoke-urls"]; s != "" {
				smoke = strings.Split(s, "\n")
			}
			if strings.Join(smoke, "|") != strings.Join(tt.wantSmoke, "|") {
				t.Errorf("smoke-urls = %q, want %q", smoke, tt.wantSmoke)
			}
		})
	}
}
