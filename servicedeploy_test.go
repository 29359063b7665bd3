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

	"github.com/rose/actions/internal/gittest"
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

// TestServiceDeployRollbackAfterTests checks the wiring of the rollback after failed post-deploy tests:
// railway-deploy's rollback mode restores the deploy step's previous-deployment-id, only when the tests
// failed, rollback is on and there is a deployment to restore; the step after it reports each outcome.
func TestServiceDeployRollbackAfterTests(t *testing.T) {
	wf := readWorkflow(t, serviceDeploy)
	var restore map[string]any
	for _, s := range wf.Jobs["deploy"].Steps {
		if s["name"] == "restore the previous deployment" {
			restore = s
		}
	}
	if restore == nil {
		t.Fatal("the deploy job has no step \"restore the previous deployment\"")
	}
	with, _ := restore["with"].(map[string]any)
	cond, _ := restore["if"].(string)
	if uses, _ := restore["uses"].(string); !strings.HasPrefix(uses, "rose/actions/railway-deploy@") ||
		with["rollback-to"] != "${{ steps.deploy.outputs.previous-deployment-id }}" || with["health-url"] == nil {
		t.Errorf("restore step: uses %v, with %v", restore["uses"], with)
	}
	for _, want := range []string{"failure()", "steps.post.outcome == 'failure'", "inputs.rollback", "steps.deploy.outputs.previous-deployment-id != ''"} {
		if !strings.Contains(cond, want) {
			t.Errorf("restore step if: %q lacks %q", cond, want)
		}
	}

	step := loadStep(t, serviceDeploy, "deploy", "roll back after failed post-deploy tests")
	for _, tt := range []struct {
		name, rollback, previous, restore string
		wantCode                          int
		wantRolled, wantOut               string
	}{
		{"restored", "true", "dep-prev", "success", 0, "true", ""},
		{"restore failed", "true", "dep-prev", "failure", 0, "false", "::error::the post-deploy tests failed and restoring dep-prev failed too"},
		{"first deploy", "true", "", "skipped", 0, "false", "no previous deployment to roll back to"},
		{"rollback off", "false", "dep-prev", "skipped", 0, "false", "rollback is off"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := step.run(t, map[string]string{"PATH": os.Getenv("PATH"), "ROLLBACK": tt.rollback, "PREVIOUS": tt.previous, "RESTORE": tt.restore})
			if res.code != tt.wantCode || res.outputs["rolled-back"] != tt.wantRolled || !strings.Contains(res.stdout, tt.wantOut) {
				t.Errorf("exit %d, rolled-back %q\n%s%s", res.code, res.outputs["rolled-back"], res.stdout, res.stderr)
			}
			if tt.wantRolled == "true" && !strings.Contains(res.summary, "Rolled back to dep-prev") {
				t.Errorf("summary: %q", res.summary)
			}
		})
	}
}

// TestServiceDeployReleaseCommit replays two releases the way service-deploy's release job makes them, with
// its own step scripts in a real repository pushed to a bare "origin": the release commit adds CHANGELOG.md
// and is off the branch, the next release merges the previous release commit (so its tag stays reachable and
// only the new commits count), the changelog accumulates, and a re-run finds the tag and stops.
func TestServiceDeployReleaseCommit(t *testing.T) {
	origin := gittest.New(t, "")
	origin.Git("config", "receive.denyCurrentBranch", "ignore")
	work := gittest.New(t, "")
	work.Git("remote", "add", "origin", origin.Dir)
	work.Commit("feat: first", "app.py", "print(1)\n")
	work.Commit("fix: second", "app.py", "print(2)\n")

	// The runner has sudo; this machine's tests run as a user that needs none.
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "sudo"), []byte("#!/bin/sh\nexec \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PATH": bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GITHUB_SERVER_URL": "https://github.com",
		"GIT_CONFIG_NOSYSTEM": "1"}
	join := loadStep(t, serviceDeploy, "release", "join the release line")
	start := loadStep(t, serviceDeploy, "release", "start the release commit")
	commit := loadStep(t, serviceDeploy, "release", "release commit and tag")
	push := loadStep(t, serviceDeploy, "release", "push the tag")
	run := func(s stepScript, vars map[string]string) stepResult {
		t.Helper()
		res := s.runIn(t, work.Dir, merge(env, vars))
		if res.code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", s.name, res.code, res.stdout, res.stderr)
		}
		return res
	}
	release := func(tag, section string) (prev string) {
		t.Helper()
		sha := work.Git("rev-parse", "main")
		work.Git("checkout", "-q", "main")
		prev = run(join, map[string]string{"PREFIX": "v"}).outputs["previous-tag"]
		res := run(start, map[string]string{"TAG": tag, "PREVIOUS_TAG": prev, "CHANGELOG_FILE": "CHANGELOG.md", "SHA": sha})
		if res.outputs["exists"] != "false" {
			t.Fatalf("%s: exists = %q", tag, res.outputs["exists"])
		}
		// What the changelog action does: the version's section below the title.
		b, err := os.ReadFile(filepath.Join(work.Dir, "CHANGELOG.md"))
		if err != nil {
			t.Fatal(err)
		}
		title, rest, _ := strings.Cut(string(b), "\n\n")
		work.Write("CHANGELOG.md", title+"\n\n"+section+"\n"+rest)
		run(commit, map[string]string{"TAG": tag, "MERGED": res.outputs["merged"], "CHANGELOG_FILE": "CHANGELOG.md"})
		run(push, map[string]string{"TAG": tag, "TOKEN": "x"})
		return prev
	}

	if prev := release("v1.0.0", "## 1.0.0\n- first"); prev != "" {
		t.Fatalf("first release: previous tag %q", prev)
	}
	main1 := work.Git("rev-parse", "main")
	if got := origin.Git("rev-parse", "v1.0.0^{commit}^"); got != main1 {
		t.Errorf("v1.0.0's parent is %s, want main %s", got, main1)
	}
	if got := origin.Git("show", "v1.0.0:CHANGELOG.md"); !strings.Contains(got, "## 1.0.0") {
		t.Errorf("v1.0.0's CHANGELOG.md:\n%s", got)
	}
	if err := work.Try("cat-file", "-e", "main:CHANGELOG.md"); err == nil {
		t.Error("the release commit reached main")
	}

	work.Git("checkout", "-q", "main")
	work.Commit("feat: third", "app.py", "print(3)\n")
	if prev := release("v1.1.0", "## 1.1.0\n- third"); prev != "v1.0.0" {
		t.Fatalf("second release: previous tag %q, want v1.0.0", prev)
	}
	parents := strings.Fields(origin.Git("rev-list", "--parents", "-n", "1", "v1.1.0^{commit}"))
	if len(parents) != 3 || parents[1] != work.Git("rev-parse", "main") || parents[2] != origin.Git("rev-parse", "v1.0.0^{commit}") {
		t.Errorf("v1.1.0 parents %v: want main and the v1.0.0 release commit", parents)
	}
	log := origin.Git("show", "v1.1.0:CHANGELOG.md")
	if !strings.Contains(log, "## 1.1.0") || !strings.Contains(log, "## 1.0.0") || strings.Index(log, "## 1.1.0") > strings.Index(log, "## 1.0.0") {
		t.Errorf("v1.1.0's CHANGELOG.md does not hold both versions, newest first:\n%s", log)
	}
	if got := origin.Git("show", "v1.1.0:app.py"); got != "print(3)" {
		t.Errorf("v1.1.0's tree is not main's: app.py = %q", got)
	}

	// After joining the line, only the commits since the last release count (semver-release's view).
	work.Git("checkout", "-q", "main")
	work.Commit("fix: fourth", "app.py", "print(4)\n")
	run(join, map[string]string{"PREFIX": "v"})
	if got := work.Git("log", "--no-merges", "--format=%s", "v1.1.0..HEAD"); got != "fix: fourth" {
		t.Errorf("commits since v1.1.0 after joining: %q", got)
	}

	// A re-run of a pushed release stops at the tag.
	work.Git("checkout", "-q", "main")
	work.Git("fetch", "-q", "--tags", "origin")
	res := run(start, map[string]string{"TAG": "v1.1.0", "PREVIOUS_TAG": "v1.0.0", "CHANGELOG_FILE": "CHANGELOG.md", "SHA": work.Git("rev-parse", "main")})
	if res.outputs["exists"] != "true" {
		t.Errorf("re-run: exists = %q", res.outputs["exists"])
	}
	// A hostile prefix is refused before it reaches a pattern.
	if res := join.runIn(t, work.Dir, merge(env, map[string]string{"PREFIX": "v$(touch x)"})); res.code != 2 || !strings.Contains(res.stdout, "input tag-prefix") {
		t.Errorf("hostile prefix: exit %d\n%s", res.code, res.stdout)
	}
}

// fakeGH puts a gh on PATH that answers `gh api` like GitHub's REST API from fixed documents (applying --jq
// with the real jq, as gh does) and records every call and request body in calls.
func fakeGH(t *testing.T, answers map[string]string) (bin, calls string) {
	t.Helper()
	bin = t.TempDir()
	calls = filepath.Join(bin, "calls.log")
	var cases strings.Builder
	for pattern, file := range answers {
		fmt.Fprintf(&cases, "    *%s*) doc=%q ;;\n", pattern, file)
	}
	script := `#!/bin/bash
printf 'gh %s\n' "$*" >> "` + calls + `"
[ "$1" = api ] || { echo "fake gh: only api" >&2; exit 2; }
shift
jqexpr="." url="" input=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jq) jqexpr="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    -X) shift 2 ;;
    --paginate) shift ;;
    *) url="$1"; shift ;;
  esac
done
if [ -n "$input" ]; then { echo "body:"; cat "$input"; echo; } >> "` + calls + `"; fi
doc=""
case "$url" in
` + cases.String() + `esac
[ -n "$doc" ] || { echo '{}'; exit 0; }
jq -r "$jqexpr" "$doc"
`
	if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, calls
}

// TestServiceDeployReport runs the report job's steps against API answers shaped like GitHub's: the job
// durations table and the design's state.json, and the final status of the environment's deployment.
func TestServiceDeployReport(t *testing.T) {
	dir := t.TempDir()
	jobs := filepath.Join(dir, "jobs.json")
	deployments := filepath.Join(dir, "deployments.json")
	if err := os.WriteFile(jobs, []byte(`{"total_count": 3, "jobs": [
  {"name": "ci / unit-tests", "status": "completed", "conclusion": "success", "started_at": "2026-10-23T10:30:00Z", "completed_at": "2026-10-23T10:32:00Z"},
  {"name": "deploy-production / deploy", "status": "completed", "conclusion": "success", "started_at": "2026-10-23T10:33:00Z", "completed_at": "2026-10-23T10:37:32Z"},
  {"name": "deploy-production / report|x", "status": "in_progress", "conclusion": null, "started_at": "2026-10-23T10:38:00Z", "completed_at": null}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(deployments, []byte(`[{"id": 4242, "environment": "production"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	bin, calls := fakeGH(t, map[string]string{"/actions/runs/": jobs, "/deployments?": deployments})
	job := map[string]string{
		"PATH": bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GH_TOKEN": "x",
		"ENVIRONMENT": "production", "URL": "https://rose.example.com", "DEPLOY_RESULT": "success", "VERIFY_RESULT": "success",
		"RELEASE_RESULT": "success", "ROLLED_BACK": "false", "PREVIOUS": "dep-1", "DEPLOYMENT_ID": "dep-2", "DEPLOY_SECONDS": "272",
		"VERSION": "1.1.0", "COVERAGE": "75.2", "SERVICE": "rose", "REPO": "rose/rose", "SHA": "abc123", "BRANCH": "main",
		"EVENT": "push", "ACTOR": "dev", "RUN_URL": "https://github.com/rose/rose/actions/runs/7", "COMMIT_URL": "https://github.com/rose/rose/commit/abc123",
		"RUN_ID": "7", "ATTEMPT": "1",
	}

	out := loadStep(t, serviceDeploy, "report", "outcome").run(t, job)
	if out.outputs["ok"] != "true" || out.outputs["duration"] != "4m 32s" {
		t.Fatalf("outcome outputs %v", out.outputs)
	}
	step := loadStep(t, serviceDeploy, "report", "job durations")
	res := step.run(t, merge(job, map[string]string{"OK": "true"}))
	if res.code != 0 {
		t.Fatalf("job durations: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, want := range []string{"| ci / unit-tests | success | 2m 0s |", "| deploy-production / deploy | success | 4m 32s |", "| deploy-production / report?x | in_progress | running |"} {
		if !strings.Contains(res.summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, res.summary)
		}
	}
	b, err := os.ReadFile(filepath.Join(res.temp, "metrics", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		WorkflowRunID string `json:"workflow_run_id"`
		CommitSHA     string `json:"commit_sha"`
		TriggeredBy   string `json:"triggered_by"`
		Jobs          map[string]struct {
			Status   string   `json:"status"`
			Duration *int     `json:"duration"`
			Coverage *float64 `json:"coverage"`
		} `json:"jobs"`
		Deployment map[string]any `json:"deployment"`
	}
	if err := json.Unmarshal(b, &state); err != nil {
		t.Fatalf("state.json: %v\n%s", err, b)
	}
	unit := state.Jobs["ci / unit-tests"]
	if state.WorkflowRunID != "7" || state.CommitSHA != "abc123" || state.TriggeredBy != "push" || unit.Duration == nil || *unit.Duration != 120 ||
		unit.Coverage == nil || *unit.Coverage != 75.2 || state.Deployment["health_check"] != "passed" || state.Deployment["version"] != "1.1.0" {
		t.Errorf("state.json:\n%s", b)
	}

	status := loadStep(t, serviceDeploy, "report", "deployment status")
	for _, tt := range []struct{ ok, rolled, wantState, wantDesc string }{
		{"true", "false", `"state": "success"`, "deployed 1.1.0"},
		{"false", "true", `"state": "failure"`, "rolled back to dep-1"},
	} {
		os.Remove(calls)
		res := status.run(t, merge(job, map[string]string{"OK": tt.ok, "ROLLED_BACK": tt.rolled}))
		if res.code != 0 {
			t.Fatalf("deployment status: exit %d\n%s%s", res.code, res.stdout, res.stderr)
		}
		log, _ := os.ReadFile(calls)
		if !strings.Contains(string(log), "deployments/4242/statuses") || !strings.Contains(string(log), tt.wantState) || !strings.Contains(string(log), tt.wantDesc) {
			t.Errorf("ok=%s rolled=%s: calls\n%s", tt.ok, tt.rolled, log)
		}
	}
}

// TestServiceDeployReleaseBody publishes the GitHub release through a gh that records what it is given: the
// body is the release notes followed by the deployment block the design asks for.
func TestServiceDeployReleaseBody(t *testing.T) {
	bin := t.TempDir()
	notes := filepath.Join(bin, "notes.md")
	calls := filepath.Join(bin, "calls.log")
	write(t, filepath.Join(bin, "gh"), `#!/bin/bash
printf 'gh %s\n' "$*" >> "`+calls+`"
[ "$1 $2" = "release view" ] && exit 1
while [ $# -gt 0 ]; do [ "$1" = --notes-file ] && cp "$2" "`+notes+`"; shift; done
exit 0
`)
	if err := os.Chmod(filepath.Join(bin, "gh"), 0o755); err != nil {
		t.Fatal(err)
	}
	step := loadStep(t, serviceDeploy, "release", "GitHub release")
	res := step.run(t, map[string]string{
		"PATH": bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GH_TOKEN": "x", "GH_REPO": "rose/rose",
		"TAG": "v1.1.0", "VERSION": "1.1.0", "NOTES": "## 1.1.0\n\n### Features\n\n- add enhanced memory retrieval",
		"ENVIRONMENT": "production", "URL": "https://rose-production.up.railway.app", "DEPLOYMENT_ID": "dep-2",
		"DEPLOY_SECONDS": "272", "COVERAGE": "75.2", "SHA": "abc123def456", "ACTOR": "developer",
	})
	if res.code != 0 || res.outputs["version"] != "1.1.0" {
		t.Fatalf("exit %d, outputs %v\n%s%s", res.code, res.outputs, res.stdout, res.stderr)
	}
	body := readFile(t, notes)
	for _, want := range []string{
		"- add enhanced memory retrieval", "## Deployment", "| environment | production |", "| URL | https://rose-production.up.railway.app |",
		"| Railway deployment | `dep-2` |", "| deploy duration | 4m 32s |", "| coverage | 75.2% |", "| commit | abc123def456 |",
		"| deployed by | @developer |", "| deployed at | 20",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("release body lacks %q:\n%s", want, body)
		}
	}
	if log := readFile(t, calls); !strings.Contains(log, "gh release create v1.1.0 --verify-tag --title v1.1.0") {
		t.Errorf("gh calls:\n%s", log)
	}
}
