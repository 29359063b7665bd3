package actions_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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

// TestServiceDeployNotifications sends the report job's Slack and Discord messages to local servers, with
// values that would break JSON built by pasting text (quotes, backslashes, newlines, Slack's <link|text>
// syntax), and checks that each payload is valid JSON that carries every field the design asks for.
func TestServiceDeployNotifications(t *testing.T) {
	step := loadStep(t, serviceDeploy, "report", "notifications")
	type got struct {
		path string
		body map[string]any
		raw  string
	}
	received := make(chan got, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("%s: payload is not JSON: %v\n%s", r.URL.Path, err, b)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s: Content-Type %q", r.URL.Path, ct)
		}
		received <- got{r.URL.Path, m, string(b)}
	}))
	defer srv.Close()

	hostile := `v1.2.3" \ <x|y> *bold*` + "\nnext"
	job := map[string]string{
		"ENVIRONMENT": "production", "URL": "https://rose.example.com", "DEPLOY_RESULT": "success", "VERIFY_RESULT": "failure",
		"RELEASE_RESULT": "skipped", "ROLLED_BACK": "true", "PREVIOUS": "dep-prev-1", "DEPLOYMENT_ID": "dep-new-2",
		"DEPLOY_SECONDS": "272", "VERSION": hostile, "COVERAGE": "75.2", "SERVICE": "rose", "REPO": "rose/rose",
		"SHA": "abc123def4567890abc123def4567890abc12345", "BRANCH": "main", "EVENT": "push", "ACTOR": "dev\"eloper",
		"RUN_URL": "https://github.com/rose/rose/actions/runs/123", "COMMIT_URL": "https://github.com/rose/rose/commit/abc123",
	}
	for _, ok := range []string{"true", "false"} {
		t.Run("ok="+ok, func(t *testing.T) {
			res := step.run(t, merge(job, map[string]string{
				"SLACK_WEBHOOK_URL": srv.URL + "/slack", "DISCORD_WEBHOOK_URL": srv.URL + "/discord", "OK": ok, "DURATION": "4m 32s",
			}))
			if res.code != 0 {
				t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
			}
			if !strings.Contains(res.stdout, "Slack: sent") || !strings.Contains(res.stdout, "Discord: sent") {
				t.Errorf("stdout: %s", res.stdout)
			}
			for i := 0; i < 2; i++ {
				g := <-received
				var text string
				switch g.path {
				case "/slack":
					blocks, _ := g.body["blocks"].([]any)
					for _, b := range blocks {
						text += fmt.Sprint(b.(map[string]any)["text"].(map[string]any)["text"]) + "\n"
					}
					// Slack's link syntax in a value is escaped; the real links stay links.
					if strings.Contains(text, "<x|y>") || !strings.Contains(text, "&lt;x|y&gt;") || !strings.Contains(text, "<https://rose.example.com|View production>") {
						t.Errorf("slack text not escaped:\n%s", text)
					}
				case "/discord":
					text = g.raw
					if m, _ := g.body["allowed_mentions"].(map[string]any); m == nil {
						t.Error("discord payload allows mentions")
					}
				default:
					t.Fatalf("unexpected path %s", g.path)
				}
				// Go decoded the JSON: the hostile version came through intact.
				if !strings.Contains(fmt.Sprint(g.body), `v1.2.3" \`) {
					t.Errorf("%s: the version was altered: %s", g.path, g.raw)
				}
				for _, want := range []string{"production", "abc123d", "4m 32s", "75.2%", "Rolled back", "actions/runs/123"} {
					if !strings.Contains(strings.ReplaceAll(text, "*", ""), want) && !strings.Contains(g.raw, want) {
						t.Errorf("%s payload lacks %q:\n%s", g.path, want, g.raw)
					}
				}
				if (ok == "false") != strings.Contains(g.raw, "Railway dashboard") {
					t.Errorf("%s: rollback instructions present=%v on ok=%s", g.path, strings.Contains(g.raw, "Railway dashboard"), ok)
				}
			}
		})
	}
	t.Run("no webhook", func(t *testing.T) {
		res := step.run(t, merge(job, map[string]string{"SLACK_WEBHOOK_URL": "", "DISCORD_WEBHOOK_URL": "", "OK": "true", "DURATION": "1m 0s"}))
		if res.code != 0 || !strings.Contains(res.stdout, "no notification") {
			t.Errorf("exit %d: %s", res.code, res.stdout)
		}
	})
	t.Run("webhook down is a warning", func(t *testing.T) {
		res := step.run(t, merge(job, map[string]string{"SLACK_WEBHOOK_URL": "http://127.0.0.1:9/slack", "DISCORD_WEBHOOK_URL": "", "OK": "true", "DURATION": "1m 0s"}))
		if res.code != 0 || !strings.Contains(res.stdout, "::warning::Slack notification failed") {
			t.Errorf("exit %d: %s", res.code, res.stdout)
		}
	})
}

// TestServiceDeployRollbackAfterTests runs the step that restores the previous deployment when the post-deploy
// tests fail, against a server that answers like Railway's GraphQL API.
func TestServiceDeployRollbackAfterTests(t *testing.T) {
	step := loadStep(t, serviceDeploy, "deploy", "roll back after failed post-deploy tests")
	token := "rw-" + strings.Repeat("5e", 16)
	for _, tt := range []struct {
		name, answer, previous string
		wantCode               int
		wantRolled             string
		wantOut                string
	}{
		{"rolled back", `{"data":{"deploymentRollback":true}}`, "dep-prev", 1, "true", "rolled back to dep-prev"},
		{"refused", `{"errors":[{"message":"Deployment cannot be rolled back\n::error::injected"}]}`, "dep-prev", 1, "false", "was refused by Railway: Deployment cannot be rolled back ::error::injected"},
		{"first deploy", ``, "", 1, "false", "no previous deployment to roll back to"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var gotAuth, gotBody string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/health" {
					return
				}
				gotAuth = r.Header.Get("Project-Access-Token")
				b, _ := io.ReadAll(r.Body)
				gotBody = string(b)
				io.WriteString(w, tt.answer)
			}))
			defer srv.Close()
			res := step.run(t, map[string]string{
				"PATH": os.Getenv("PATH"), "RAILWAY_TOKEN": token, "RAILWAY_API_TOKEN": "", "PREVIOUS": tt.previous,
				"HEALTH_URL": srv.URL + "/health", "API_URL": srv.URL + "/graphql/v2",
			})
			if res.code != tt.wantCode || res.outputs["rolled-back"] != tt.wantRolled {
				t.Fatalf("exit %d, rolled-back %q\n%s%s", res.code, res.outputs["rolled-back"], res.stdout, res.stderr)
			}
			if !strings.Contains(res.stdout, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, res.stdout)
			}
			if strings.Contains(res.stdout, "\n::error::injected") || strings.Contains(res.stdout+res.stderr, token) {
				t.Errorf("an injected command or the token reached the log:\n%s", res.stdout)
			}
			if tt.previous == "" {
				return
			}
			if gotAuth != token {
				t.Errorf("Project-Access-Token = %q", gotAuth)
			}
			var req struct {
				Query     string            `json:"query"`
				Variables map[string]string `json:"variables"`
			}
			if err := json.Unmarshal([]byte(gotBody), &req); err != nil || !strings.Contains(req.Query, "deploymentRollback(id: $id)") || req.Variables["id"] != tt.previous {
				t.Errorf("request %s (%v)", gotBody, err)
			}
		})
	}
}
