package actions_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/prlint"
)

const (
	serviceCI  = ".github/workflows/service-ci.yml"
	roseDir    = "docs/examples/rose"
	pythonDeps = "import pytest, pytest_cov, fastapi, httpx, uvicorn"
)

// debianPython returns the Python that runs the example's tests: Debian's /usr/bin/python3 when it has the
// packages (.ci/run installs python3-pytest, python3-pytest-cov, python3-fastapi, python3-httpx and
// python3-uvicorn), else python3 from PATH. The test is skipped only when neither has them: on CI it never is.
func debianPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if p, err := exec.LookPath(py); err == nil && exec.Command(p, "-c", pythonDeps).Run() == nil {
			return p
		}
	}
	t.Skip("no python3 with pytest, pytest-cov, fastapi, httpx and uvicorn: apt-get install python3-pytest python3-pytest-cov python3-fastapi python3-httpx python3-uvicorn (.ci/run does)")
	return ""
}

// uvShims maps the example's uv commands onto the Python of the machine: uv and PyPI cannot be reached here, so
// `uv run X` runs X from the environment Debian's packages provide, and `uvicorn`, `pytest` and `python3`
// are that Python's modules. The workflows' commands then run unchanged.
func uvShims(t *testing.T, python string) string {
	t.Helper()
	dir := t.TempDir()
	shims := map[string]string{
		"uv":      "[ \"$1\" = run ] || { echo \"uv shim: only 'uv run' is mapped\" >&2; exit 2; }\nshift\nexec \"$@\"\n",
		"uvicorn": "exec " + python + " -m uvicorn \"$@\"\n",
		"pytest":  "exec " + python + " -m pytest -p no:cacheprovider \"$@\"\n",
		"python3": "exec " + python + " \"$@\"\n",
	}
	for name, body := range shims {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// copyExample copies docs/examples/rose into a temporary folder, so the tests' reports and caches stay out
// of the repository.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "rose")
	if err := os.CopyFS(dir, os.DirFS(roseDir)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// merge returns the union of the maps; later ones win.
func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// TestRoseExample runs the example service's own tests the way service-ci's jobs run them, step by step from
// the workflow file: the unit-tests job (test environment from a secret and tests/.env.ci, tests with
// coverage and JUnit, the report and the coverage threshold), the code-quality job's frontend build, and the
// smoke-tests job without a Dockerfile (the service started with railway.json's start command, health and
// critical endpoints, the deployment test suite, the stop).
func TestRoseExample(t *testing.T) {
	python := debianPython(t)
	dir := copyExample(t)
	path := uvShims(t, python) + string(os.PathListSeparator) + os.Getenv("PATH")
	base := map[string]string{"PATH": path, "GITHUB_WORKSPACE": dir}

	// A made-up key, built at run time: it must be masked and must reach the tests through tests/.env.ci.
	key := "gsk_" + strings.Repeat("Q7", 12)
	load := loadStep(t, serviceCI, "unit-tests", "load the test environment")
	res := load.runIn(t, dir, merge(base, map[string]string{
		"ENV_LINES": "EXTRA=1", "SECRET_ENV": "GROQ_API_KEY=" + key, "SECRET_NAME": "UNIT_TEST_ENV", "ENV_FILE": "tests/.env.ci",
	}))
	if res.code != 0 {
		t.Fatalf("load the test environment: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stdout, "::add-mask::"+key) {
		t.Errorf("the secret value was not masked:\n%s", res.stdout)
	}
	testEnv := parseFileCommand(t, res.envOut)
	if testEnv["GROQ_API_KEY"] != key || testEnv["SHORT_TERM_MEMORY_DB_PATH"] != ":memory:" || testEnv["ENVIRONMENT"] != "ci" {
		t.Errorf("test environment = %v", testEnv)
	}
	env := merge(base, testEnv)

	tests := loadStep(t, serviceCI, "unit-tests", "unit tests")
	cmd := "uv run pytest tests/unit --cov=src --cov-report=xml --cov-report=html --cov-report=term --junitxml=pytest-report.xml"
	if res := tests.runIn(t, dir, merge(env, map[string]string{"CMD": cmd})); res.code != 0 {
		t.Fatalf("unit tests: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, f := range []string{"coverage.xml", "htmlcov/index.html", "pytest-report.xml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the unit tests did not write %s", f)
		}
	}

	report := loadStep(t, serviceCI, "unit-tests", "test report")
	res = report.runIn(t, dir, merge(env, map[string]string{"REPORT": "pytest-report.xml", "TITLE": "Unit tests"}))
	if res.code != 0 || !regexp.MustCompile(`✅ Unit tests: \d+ passed, 0 failed`).MatchString(res.summary) {
		t.Errorf("test report: exit %d, summary %q\n%s", res.code, res.summary, res.stderr)
	}

	cov := loadStep(t, serviceCI, "unit-tests", "coverage threshold")
	res = cov.runIn(t, dir, merge(env, map[string]string{"CMD": "", "THRESHOLD": "70", "REPORT": "coverage.xml"}))
	if res.code != 0 || res.outputs["total"] == "" {
		t.Fatalf("coverage threshold: exit %d, outputs %v\n%s%s", res.code, res.outputs, res.stdout, res.stderr)
	}
	t.Logf("example coverage: %s%%", res.outputs["total"])
	// The same report against a threshold above it fails, naming both numbers.
	res = cov.runIn(t, dir, merge(env, map[string]string{"CMD": "", "THRESHOLD": "100.5", "REPORT": "coverage.xml"}))
	if res.code != 1 || !strings.Contains(res.stdout, "is below the 100.5% threshold") {
		t.Errorf("coverage over a threshold of 100.5: exit %d\n%s", res.code, res.stdout)
	}

	if _, err := exec.LookPath("npm"); err == nil {
		fe := loadStep(t, serviceCI, "code-quality", "frontend")
		res := fe.runIn(t, dir, merge(base, map[string]string{"FRONTEND": "frontend", "npm_config_offline": "true"}))
		if res.code != 0 {
			t.Errorf("frontend: exit %d\n%s%s", res.code, res.stdout, res.stderr)
		} else if _, err := os.Stat(filepath.Join(dir, "frontend", "dist", "index.html")); err != nil {
			t.Error("npm run build did not build frontend/dist")
		}
	}

	t.Run("mypy", func(t *testing.T) {
		if exec.Command(python, "-m", "mypy", "--version").Run() != nil {
			t.Skip("no mypy for " + python + ": apt-get install python3-mypy (.ci/run does)")
		}
		shim := filepath.Join(t.TempDir(), "mypy")
		if err := os.WriteFile(shim, []byte("#!/bin/sh\nexec "+python+" -m mypy \"$@\"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		step := loadStep(t, serviceCI, "code-quality", "mypy")
		res := step.runIn(t, dir, merge(base, map[string]string{"PATH": filepath.Dir(shim) + string(os.PathListSeparator) + path, "MYPY_PATHS": "src"}))
		if res.code != 0 || !strings.Contains(res.stdout, "Success: no issues found") {
			t.Errorf("mypy (strict, from pyproject.toml): exit %d\n%s%s", res.code, res.stdout, res.stderr)
		}
	})

	t.Run("smoke without a Dockerfile", func(t *testing.T) {
		port := freePort(t)
		smokeEnv := merge(env, map[string]string{"PORT": port})
		start := loadStep(t, serviceCI, "smoke-tests", "start the service")
		res := start.runIn(t, dir, merge(smokeEnv, map[string]string{
			"DOCKERFILE": "", "START_COMMAND": "", "RAILWAY_CONFIG": "railway.json", "ENV_NAMES": "",
		}))
		if res.code != 0 || res.outputs["mode"] != "runner" || res.outputs["pid"] == "" {
			t.Fatalf("start the service: exit %d, outputs %v\n%s%s", res.code, res.outputs, res.stdout, res.stderr)
		}
		if !strings.Contains(res.stdout, "railway.json (deploy.startCommand): uv run uvicorn src.ai_companion") {
			t.Errorf("the start command did not come from railway.json:\n%s", res.stdout)
		}
		pid, log := res.outputs["pid"], res.outputs["log"]
		stop := loadStep(t, serviceCI, "smoke-tests", "stop the service")
		stopped := false
		stopIt := func() {
			if stopped {
				return
			}
			stopped = true
			if res := stop.runIn(t, dir, merge(smokeEnv, map[string]string{"MODE": "runner", "PID": pid})); res.code != 0 {
				t.Errorf("stop the service: exit %d\n%s%s", res.code, res.stdout, res.stderr)
			}
		}
		defer stopIt()

		probe := loadStep(t, serviceCI, "smoke-tests", "health and critical endpoints")
		res = probe.runIn(t, dir, merge(smokeEnv, map[string]string{
			"PID": pid, "HEALTH_PATH": "/api/health", "SMOKE_PATHS": "/api/session/start\n", "METHOD": "GET",
			"EXPECTED": "200-399", "MAX_TIME": "60s",
		}))
		if res.code != 0 {
			b, _ := os.ReadFile(log)
			t.Fatalf("health and critical endpoints: exit %d\n%s%s\nservice log:\n%s", res.code, res.stdout, res.stderr, b)
		}
		url := res.outputs["url"]
		if url != "http://127.0.0.1:"+port || !strings.Contains(res.summary, "| `GET /api/session/start` | 200 |") {
			t.Errorf("url %q, summary %q", url, res.summary)
		}
		// A critical endpoint that does not exist fails the job.
		res = probe.runIn(t, dir, merge(smokeEnv, map[string]string{
			"PID": pid, "HEALTH_PATH": "/api/health", "SMOKE_PATHS": "/api/nope", "METHOD": "GET",
			"EXPECTED": "200-399", "MAX_TIME": "10s",
		}))
		if res.code != 1 || !strings.Contains(res.stdout, "::error::GET /api/nope answered 404") {
			t.Errorf("a missing endpoint: exit %d\n%s", res.code, res.stdout)
		}

		deploy := loadStep(t, serviceCI, "smoke-tests", "deployment tests")
		res = deploy.runIn(t, dir, merge(smokeEnv, map[string]string{
			"CMD": `pytest tests/test_deployment.py -k "not TestDeployedInstance"`, "SERVICE_URL": url,
		}))
		if res.code != 0 || !regexp.MustCompile(`\d+ passed`).MatchString(res.stdout) || strings.Contains(res.stdout, "skipped") {
			t.Errorf("deployment tests: exit %d (want every test to run against the service)\n%s%s", res.code, res.stdout, res.stderr)
		}

		stopIt()
		n := 0
		fmt.Sscan(pid, &n)
		if err := syscall.Kill(n, 0); err == nil {
			time.Sleep(time.Second)
			if err := syscall.Kill(n, 0); err == nil {
				t.Errorf("the service (pid %s) still runs after the stop step", pid)
			}
		}
	})
}

// TestTestReportAnnotations fails a test on purpose and checks that the report step puts an error annotation
// on the failing line of the test file, escaped for the workflow-command syntax, and lists it in the summary.
func TestTestReportAnnotations(t *testing.T) {
	python := debianPython(t)
	dir := t.TempDir()
	test := "def test_ok():\n    assert True\n\n\ndef test_broken():\n    x = {'a': 1}\n    assert x == {'a': 2}, 'boom: 50%, a,b'\n"
	if err := os.MkdirAll(filepath.Join(dir, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tests", "test_x.py"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, family := range []string{"xunit1", "xunit2"} {
		t.Run(family, func(t *testing.T) {
			cmd := exec.Command(python, "-m", "pytest", "-p", "no:cacheprovider", "-o", "junit_family="+family,
				"--junitxml=report.xml", "tests")
			cmd.Dir = dir
			if b, err := cmd.CombinedOutput(); err == nil {
				t.Fatalf("pytest passed with a broken test:\n%s", b)
			}
			report := loadStep(t, serviceCI, "unit-tests", "test report")
			res := report.runIn(t, dir, map[string]string{"PATH": os.Getenv("PATH"), "GITHUB_WORKSPACE": dir, "REPORT": "report.xml", "TITLE": "Unit tests"})
			if res.code != 0 {
				t.Fatalf("test report: exit %d\n%s%s", res.code, res.stdout, res.stderr)
			}
			want := "::error file=tests/test_x.py,line=7,title=failure%3A tests.test_x.test_broken::"
			if !strings.Contains(res.stdout, want) {
				t.Errorf("no annotation on line 7:\nwant %s\ngot  %s", want, res.stdout)
			}
			if strings.Count(res.stdout, "::error") != 1 || strings.Contains(res.stdout, "\n::error::") {
				t.Errorf("want exactly one annotation:\n%s", res.stdout)
			}
			if !strings.Contains(res.summary, "❌ Unit tests: 1 passed, 1 failed") || !strings.Contains(res.summary, "`tests.test_x.test_broken`") {
				t.Errorf("summary:\n%s", res.summary)
			}
		})
	}
}

// TestRoseExampleForbiddenPaths checks the forbidden-paths list the example's ci-cd.yml gives pr-lint with
// pr-lint's own matcher: local .env files and keys are refused, the committed templates (.env.example and the
// design's tests/.env.ci) are allowed.
func TestRoseExampleForbiddenPaths(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(roseDir, ".github", "workflows", "ci-cd.yml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s+forbidden-paths: (.+)$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("the example's ci-cd.yml sets no forbidden-paths")
	}
	patterns := action.SplitList(string(m[1]))
	if err := prlint.ValidateForbiddenPaths(patterns); err != nil {
		t.Fatal(err)
	}
	for path, forbidden := range map[string]bool{
		".env": true, ".env.local": true, "frontend/.env.production": true, "deploy/key.pem": true, "id_ed25519": true,
		".env.example": false, "tests/.env.ci": false, "railway/production.env": false, "src/ai_companion/settings.py": false,
		"other/tests/.env.ci": true,
	} {
		got := len(prlint.ForbiddenPaths(patterns, []prlint.ChangedFile{{Path: path}})) > 0
		if got != forbidden {
			t.Errorf("%s: forbidden = %v, want %v", path, got, forbidden)
		}
	}
	// Every committed file of the example passes the list it ships.
	err = filepath.WalkDir(roseDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(roseDir, p)
		if f := prlint.ForbiddenPaths(patterns, []prlint.ChangedFile{{Path: filepath.ToSlash(rel)}}); len(f) > 0 {
			t.Errorf("the example's own %s is forbidden: %s", rel, f[0].Message)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
