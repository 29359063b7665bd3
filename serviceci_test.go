package actions_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

// TestServiceCITestEnvSame keeps the three copies of the test-environment loader (unit, integration and
// smoke jobs) identical: a fix to one is a fix to all. The smoke job's copy only adds the older names.
func TestServiceCITestEnvSame(t *testing.T) {
	unit := loadStep(t, serviceCI, "unit-tests", "load the test environment").script
	integ := loadStep(t, serviceCI, "integration-tests", "load the test environment").script
	smoke := loadStep(t, serviceCI, "smoke-tests", "load the test environment").script
	if unit != integ {
		t.Error("the integration-tests job's loader differs from the unit-tests job's")
	}
	extra := "if [ -n \"$ENV_LINES_OLD\" ]; then load \"input container-env\" false false \"$ENV_LINES_OLD\"; fi\n"
	if strings.Replace(smoke, extra, "", 1) != unit {
		t.Error("the smoke-tests job's loader differs from the unit-tests job's by more than container-env")
	}
}

// TestServiceCITestEnv loads secrets and env files the way the test jobs do, with hostile values: values are
// data (never run), every secret value is masked before anything else happens, and an error names the line,
// never the value.
func TestServiceCITestEnv(t *testing.T) {
	step := loadStep(t, serviceCI, "unit-tests", "load the test environment")
	mark := filepath.Join(t.TempDir(), "pwned")
	// Secret-looking values are generated here, never written out in the test source.
	secret := "sk-" + strings.Repeat("Ab3", 8)
	tests := []struct {
		name                    string
		lines, secretEnv, file  string
		wantCode                int
		wantEnv                 map[string]string
		wantMasked, wantMessage []string
	}{
		{
			name:      "plain, quoted, export, comments and CRLF",
			lines:     "A=1\n# comment\n\n  export B='two words'\r\nC=\"x=y\"\nEMPTY=\n",
			secretEnv: "KEY=" + secret + "\nPCT=50%0A::error::x\n",
			wantEnv:   map[string]string{"A": "1", "B": "two words", "C": "x=y", "EMPTY": "", "KEY": secret, "PCT": "50%0A::error::x"},
			// % is escaped so the mask is the value itself, not a decoded newline.
			wantMasked: []string{secret, "50%250A::error::x"},
		},
		{
			name:    "values are never run",
			lines:   "A=$(touch " + mark + ")\nB=`touch " + mark + "`\nC=${HOME}",
			wantEnv: map[string]string{"A": "$(touch " + mark + ")", "B": "`touch " + mark + "`", "C": "${HOME}"},
		},
		{
			name:      "env file filled from the secret",
			secretEnv: "GROQ_API_KEY=" + secret,
			file:      "ENVIRONMENT=ci\nGROQ_API_KEY=${GROQ_API_KEY}\nURL=https://x/${MISSING}/y\nODD=${not a name} $(touch " + mark + ")\nNESTED=${GROQ_API_KEY}${GROQ_API_KEY}",
			wantEnv: map[string]string{"ENVIRONMENT": "ci", "GROQ_API_KEY": secret, "URL": "https://x//y",
				"ODD": "${not a name} $(touch " + mark + ")", "NESTED": secret + secret},
			wantMasked:  []string{secret},
			wantMessage: []string{"::warning::tests/.env.ci line 3: ${MISSING} is not set: it is empty"},
		},
		{
			name: "a newline cannot add a variable", secretEnv: "A=x\nGITHUB_PATH=/tmp/evil",
			wantCode: 2, wantMessage: []string{"::error::secret UNIT_TEST_ENV line 2 sets GITHUB_PATH, which the runner or the shell uses"},
		},
		{
			name: "reserved names", lines: "LD_PRELOAD=/tmp/x.so",
			wantCode: 2, wantMessage: []string{"line 1 sets LD_PRELOAD"},
		},
		{
			name: "bad name from a secret is not shown", secretEnv: secret,
			wantCode: 2, wantMessage: []string{"::error::secret UNIT_TEST_ENV line 1 is not KEY=VALUE"},
		},
		{
			name: "bad name", secretEnv: "X-" + secret + "=1",
			wantCode: 2, wantMessage: []string{"::error::secret UNIT_TEST_ENV line 1: the name is not a variable name"},
		},
		{
			name: "missing env file", file: "-",
			wantCode: 2, wantMessage: []string{"::error::input test-env-file: 'tests/.env.ci' is not a file"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			envFile := ""
			if tt.file != "" {
				envFile = "tests/.env.ci"
			}
			if tt.file != "" && tt.file != "-" {
				if err := os.MkdirAll(filepath.Join(dir, "tests"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, envFile), []byte(tt.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			res := step.runIn(t, dir, map[string]string{
				"ENV_LINES": tt.lines, "SECRET_ENV": tt.secretEnv, "SECRET_NAME": "UNIT_TEST_ENV", "ENV_FILE": envFile,
			})
			if _, err := os.Stat(mark); err == nil {
				t.Fatal("a value ran a command")
			}
			out := res.stdout + res.stderr
			if res.code != tt.wantCode {
				t.Fatalf("exit %d, want %d\n%s", res.code, tt.wantCode, out)
			}
			for _, m := range tt.wantMessage {
				if !strings.Contains(out, m) {
					t.Errorf("output lacks %q:\n%s", m, out)
				}
			}
			// A secret value appears only in its ::add-mask:: command, which the runner does not print.
			rest := out
			for _, m := range tt.wantMasked {
				if !strings.Contains(out, "::add-mask::"+m+"\n") {
					t.Errorf("%q was not masked:\n%s", m, out)
				}
				rest = strings.ReplaceAll(rest, "::add-mask::"+m+"\n", "")
			}
			if strings.Contains(rest, secret) {
				t.Errorf("the secret reached the log:\n%s", rest)
			}
			if tt.wantCode != 0 {
				return
			}
			got := parseFileCommand(t, res.envOut)
			for k, v := range tt.wantEnv {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("%s = %q (set %v), want %q", k, g, ok, v)
				}
			}
			if len(got) != len(tt.wantEnv) {
				t.Errorf("GITHUB_ENV has %d variables, want %d: %v", len(got), len(tt.wantEnv), got)
			}
			names := strings.Fields(res.outputs["names"])
			if len(names) != len(tt.wantEnv) {
				t.Errorf("names output %q, want the %d names", res.outputs["names"], len(tt.wantEnv))
			}
		})
	}
}

// TestServiceCIConditions pins the design's job conditions: integration tests on pull requests and develop,
// never on main, non-blocking; smoke tests on main and pull requests into main; the audit and the coverage
// comment in their own jobs.
func TestServiceCIConditions(t *testing.T) {
	wf := readWorkflow(t, serviceCI)
	integ := wf.Jobs["integration-tests"]
	for _, want := range []string{"github.event_name == 'pull_request'", "inputs.integration-branch", "github.ref != format('refs/heads/{0}', inputs.production-branch)"} {
		if !strings.Contains(integ.If, want) {
			t.Errorf("integration-tests if: %q lacks %q", integ.If, want)
		}
	}
	if integ.ContinueOnError != true || !strings.Contains(strings.Join(integ.Needs, ","), "code-quality") {
		t.Errorf("integration-tests: continue-on-error %v, needs %v", integ.ContinueOnError, integ.Needs)
	}
	smoke := wf.Jobs["smoke-tests"]
	if !strings.Contains(smoke.If, "github.base_ref == inputs.production-branch") || !strings.Contains(smoke.If, "format('refs/heads/{0}', inputs.production-branch)") {
		t.Errorf("smoke-tests if: %q", smoke.If)
	}
	for input, want := range map[string]string{"coverage-threshold": "70", "production-branch": "main", "integration-branch": "develop",
		"health-path": "/api/health", "smoke-test-command": `pytest tests/test_deployment.py -k "not TestDeployedInstance"`, "dockerfile": ""} {
		if got := string(wf.On.WorkflowCall.Inputs[input].Default); got != want {
			t.Errorf("input %s defaults to %q, want %q", input, got, want)
		}
	}
	for _, secret := range []string{"UNIT_TEST_ENV", "INTEGRATION_TEST_ENV", "SMOKE_TEST_ENV", "CODECOV_TOKEN"} {
		if _, ok := wf.On.WorkflowCall.Secrets[secret]; !ok {
			t.Errorf("service-ci declares no %s secret", secret)
		}
	}
}

// TestServiceCIRailwayConfig runs the railway-deploy program the way service-ci's code-quality job calls it on
// every pull request (validate-only, with the step's own inputs from the workflow file): the example's
// railway.json passes for both environments; a health path other than the pipeline's, and a broken config,
// fail the pull request with exit 2.
func TestServiceCIRailwayConfig(t *testing.T) {
	bin := filepath.Join(buildActions(t), "railway-deploy")
	meta, err := action.LoadMetadata("railway-deploy")
	if err != nil {
		t.Fatal(err)
	}
	wf := readWorkflow(t, serviceCI)
	steps := map[string]map[string]any{}
	for _, s := range wf.Jobs["code-quality"].Steps {
		if name, _ := s["name"].(string); strings.HasPrefix(name, "railway config (") {
			steps[name] = s
		}
	}
	if len(steps) != 2 {
		t.Fatalf("code-quality has %d railway config steps, want production and staging", len(steps))
	}
	// The expressions of the steps' inputs, as the workflow's defaults (or the test's values) give them.
	expr := func(v, health string) string {
		return strings.NewReplacer("${{ inputs.working-directory }}", ".", "${{ inputs.railway-config }}", "railway.json",
			"${{ inputs.container-port }}", "8000", "${{ inputs.health-path }}", health).Replace(v)
	}
	tests := []struct {
		name, config, health string
		wantCode             int
		want                 string
	}{
		{name: "the example", health: "/api/health"},
		{name: "another health path", health: "/healthz", wantCode: 2, want: "healthcheckPath"},
		{name: "unknown key", config: `{"deploy": {"healthCheckPath": "/api/health"}}`, health: "/api/health", wantCode: 2, want: "healthCheckPath"},
		{name: "wrong type", config: `{"deploy": {"healthcheckPath": "/api/health", "healthcheckTimeout": "soon"}}`, health: "/api/health", wantCode: 2, want: "healthcheckTimeout"},
	}
	for _, tt := range tests {
		for name, step := range steps {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				ws := copyExample(t)
				if tt.config != "" {
					write(t, filepath.Join(ws, "railway.json"), tt.config)
				}
				with, _ := step["with"].(map[string]any)
				if uses, _ := step["uses"].(string); !strings.HasPrefix(uses, "rose/actions/railway-deploy@") || with["validate-only"] != "true" {
					t.Fatalf("%s: uses %v with %v", name, step["uses"], with)
				}
				tmp := t.TempDir()
				env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + ws,
					"GITHUB_OUTPUT=" + filepath.Join(tmp, "output"), "GITHUB_STEP_SUMMARY=" + filepath.Join(tmp, "summary")}
				for in, spec := range meta.Inputs {
					v := ""
					if spec.Default != nil && !strings.HasPrefix(*spec.Default, "${{") {
						v = *spec.Default
					}
					if w, ok := with[in]; ok {
						v = expr(fmt.Sprint(w), tt.health)
					}
					env = append(env, actiontest.InputEnv(in)+"="+v)
				}
				cmd := exec.Command(bin)
				cmd.Dir, cmd.Env = ws, env
				out, err := cmd.CombinedOutput()
				code := 0
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				if code != tt.wantCode || !strings.Contains(string(out), tt.want) {
					t.Errorf("exit %d, want %d and %q:\n%s", code, tt.wantCode, tt.want, out)
				}
			})
		}
	}
}

// TestServiceCICoverageComment builds the sticky pull-request comment from a current and a base coverage
// summary (the artifact of the base branch's last push run, fetched with gh), then posts it: created the first
// time, edited in place afterwards.
func TestServiceCICoverageComment(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base-summary.json")
	runs := filepath.Join(dir, "runs.json")
	comments := filepath.Join(dir, "comments.json")
	write(t, base, `{"total": 80.0, "threshold": 70, "files": [{"file": "src/a.py", "percent": 65.0}, {"file": "src/b.py", "percent": 90.0}]}`)
	write(t, runs, `{"workflow_runs": [{"id": 991}]}`)
	bin := t.TempDir()
	calls := filepath.Join(bin, "calls.log")
	// gh: the runs list, `gh run download` (copies the base summary into -D), the comment list, and writes.
	script := `#!/bin/bash
printf 'gh %s\n' "$*" >> "` + calls + `"
if [ "$1" = run ] && [ "$2" = download ]; then
  while [ $# -gt 0 ]; do [ "$1" = -D ] && { mkdir -p "$2"; cp "` + base + `" "$2/coverage-summary.json"; }; shift; done
  exit 0
fi
shift
jqexpr="." url="" input=""
while [ $# -gt 0 ]; do
  case "$1" in --jq) jqexpr="$2"; shift 2 ;; --input) input="$2"; shift 2 ;; -X) shift 2 ;; --paginate) shift ;; *) url="$1"; shift ;; esac
done
if [ -n "$input" ]; then { echo "body:"; cat "$input"; echo; } >> "` + calls + `"; exit 0; fi
case "$url" in
  *actions/workflows/*) jq -r "$jqexpr" "` + runs + `" ;;
  */comments) jq -r "$jqexpr" "` + comments + `" ;;
esac
`
	write(t, filepath.Join(bin, "gh"), script)
	if err := os.Chmod(filepath.Join(bin, "gh"), 0o755); err != nil {
		t.Fatal(err)
	}
	compare := loadStep(t, serviceCI, "coverage", "coverage against the base branch")
	sticky := loadStep(t, serviceCI, "coverage", "sticky comment")
	env := map[string]string{
		"PATH": bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GH_TOKEN": "x", "REPO": "rose/rose", "BASE": "develop",
		"WORKFLOW_REF": "rose/rose/.github/workflows/ci-cd.yml@refs/pull/7/merge", "TESTS": "success",
		"RUN_URL": "https://github.com/rose/rose/actions/runs/5", "PR": "7",
	}
	res := compare.runInWithTemp(t, dir, env, func(temp string) {
		write(t, filepath.Join(temp, "coverage", "coverage-summary", "coverage-summary.json"),
			`{"total": 75.5, "threshold": 70, "files": [{"file": "src/a.py", "percent": 60.0}, {"file": "src/c|`+"`"+`x.py", "percent": 10.0}, {"file": "src/b.py", "percent": 95.0}]}`)
	})
	if res.code != 0 {
		t.Fatalf("compare: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	var comment struct {
		Body string `json:"body"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(res.temp, "comment.json"))), &comment); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<!-- rose/actions service-ci coverage -->", "### ✅ Coverage: 75.50% (threshold 70%)", "Change: -4.50 points against `develop` (80.00%)",
		"| `src/a.py` | 60.00% | -5.00 |", "| `src/c??x.py` | 10.00% | new |",
	} {
		if !strings.Contains(comment.Body, want) {
			t.Errorf("comment lacks %q:\n%s", want, comment.Body)
		}
	}
	if strings.Contains(comment.Body, "src/b.py") {
		t.Errorf("a file above the threshold is listed:\n%s", comment.Body)
	}
	if log := readFile(t, calls); !strings.Contains(log, "actions/workflows/ci-cd.yml/runs?branch=develop&event=push&status=success") || !strings.Contains(log, "run download 991") {
		t.Errorf("gh calls:\n%s", log)
	}

	// No comment yet: one is created; a bot comment with the marker: it is edited.
	for _, tt := range []struct{ existing, want string }{
		{`[]`, "api -X POST repos/rose/rose/issues/7/comments"},
		{`[{"id": 31, "user": {"login": "someone"}, "body": "<!-- rose/actions service-ci coverage -->"}, {"id": 32, "user": {"login": "github-actions[bot]"}, "body": "<!-- rose/actions service-ci coverage -->\nold"}]`,
			"api -X PATCH repos/rose/rose/issues/comments/32"},
	} {
		write(t, comments, tt.existing)
		os.Remove(calls)
		r := sticky.runInWithTemp(t, dir, env, func(temp string) {
			write(t, filepath.Join(temp, "comment.json"), readFile(t, filepath.Join(res.temp, "comment.json")))
		})
		if log := readFile(t, calls); r.code != 0 || !strings.Contains(log, tt.want) || !strings.Contains(log, "Coverage: 75.50%") {
			t.Errorf("sticky comment: exit %d, calls:\n%s%s", r.code, log, r.stderr)
		}
	}
}

// TestServiceCISmokeInputs gives the smoke job's probe bad inputs: each is refused with exit 2 naming the
// input, before any request, and a value is never run.
func TestServiceCISmokeInputs(t *testing.T) {
	step := loadStep(t, serviceCI, "smoke-tests", "health and critical endpoints")
	mark := filepath.Join(t.TempDir(), "pwned")
	good := map[string]string{"PATH": os.Getenv("PATH"), "PORT": "9", "PID": "", "HEALTH_PATH": "/api/health", "SMOKE_PATHS": "",
		"METHOD": "GET", "EXPECTED": "200-399", "MAX_TIME": "1s"}
	for _, tt := range []struct{ name, key, value, want string }{
		{"health path", "HEALTH_PATH", "api/health", "input health-path: 'api/health'"},
		{"smoke path command", "SMOKE_PATHS", "/ok\n/$(touch " + mark + ")", "input smoke-paths:"},
		{"method", "METHOD", "GET -o /tmp/x", "input smoke-method: 'GET -o /tmp/x'"},
		{"statuses", "EXPECTED", "2xx", "input smoke-expected-status: '2xx'"},
		{"duration", "MAX_TIME", "3 minutes", "input health-max-time: '3 minutes'"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := step.run(t, merge(good, map[string]string{tt.key: tt.value}))
			if _, err := os.Stat(mark); err == nil {
				t.Fatal("an input ran a command")
			}
			if res.code != 2 || !strings.Contains(res.stdout, "::error::"+tt.want) {
				t.Errorf("exit %d, want 2 and %q:\n%s", res.code, tt.want, res.stdout)
			}
		})
	}
	// Nothing listens on port 9: the health check times out and says so (exit 1, not a pass).
	res := step.run(t, good)
	if res.code != 1 || !strings.Contains(res.stdout, "was not healthy within 1s") {
		t.Errorf("unreachable service: exit %d\n%s", res.code, res.stdout)
	}
}

// TestServiceCIAuditLockfiles: the audit step lists what it audits and what is missing, and says so when
// nothing could be audited instead of passing silently.
func TestServiceCIAuditLockfiles(t *testing.T) {
	step := loadStep(t, serviceCI, "dependency-audit", "lock files")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "svc", "uv.lock"), "version = 1\n")
	res := step.runIn(t, dir, map[string]string{"PATH": os.Getenv("PATH"), "WORKDIR": "svc", "LOCKFILES": "uv.lock\n  frontend/package-lock.json \n"})
	if res.code != 0 || res.outputs["args"] != "--lockfile=svc/uv.lock" || !strings.Contains(res.stdout, "::notice::svc/frontend/package-lock.json does not exist: not audited") {
		t.Errorf("exit %d, outputs %v\n%s", res.code, res.outputs, res.stdout)
	}
	res = step.runIn(t, dir, map[string]string{"PATH": os.Getenv("PATH"), "WORKDIR": ".", "LOCKFILES": "uv.lock"})
	if res.code != 0 || res.outputs["args"] != "" || !strings.Contains(res.stdout, "::warning::none of the audit-lockfiles exists") || !strings.Contains(res.summary, "nothing audited") {
		t.Errorf("nothing to audit: exit %d, outputs %v\n%s", res.code, res.outputs, res.stdout)
	}
}
