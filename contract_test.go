package actions_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	actions "github.com/rose/actions"
	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
	buildOut  []byte
)

// buildActions compiles every action's program once, as the Dockerfile does.
func buildActions(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "rose-actions-bin-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", binDir+string(os.PathSeparator), "./actions/...")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build ./actions/...: %v\n%s", buildErr, buildOut)
	}
	return binDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// runnerStep runs a built program the way the runner starts a Docker action: every declared input as an
// INPUT_ variable (dashes kept, upper case) holding its default unless overridden, the file-command files,
// the event payload, and the workspace as working directory.
type runnerStep struct {
	code    int
	stdout  string
	outputs map[string]string
	outRaw  string
	read    []string
}

func runStep(t *testing.T, name string, overrides map[string]string) runnerStep {
	t.Helper()
	bin := filepath.Join(buildActions(t), name)
	meta, err := action.LoadMetadata(name)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	ws := filepath.Join(tmp, "workspace")
	if err := os.MkdirAll(ws, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range []string{"output", "summary", "audit"} {
		files[f] = filepath.Join(tmp, f)
		if err := os.WriteFile(files[f], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	event, err := os.ReadFile(filepath.Join("pkg", "action", "testdata", "events", "pull_request.opened.json"))
	if err != nil {
		t.Fatal(err)
	}
	eventPath := filepath.Join(tmp, "event.json")
	if err := os.WriteFile(eventPath, event, 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "GITHUB_ACTIONS=true", "CI=true",
		"GITHUB_WORKSPACE=" + ws, "GITHUB_OUTPUT=" + files["output"], "GITHUB_STEP_SUMMARY=" + files["summary"],
		"GITHUB_EVENT_NAME=pull_request", "GITHUB_EVENT_PATH=" + eventPath, "GITHUB_REPOSITORY=Codertocat/Hello-World",
		"GITHUB_API_URL=http://127.0.0.1:9", // nothing listens: no test reaches the network
		"ROSE_ACTIONS_INPUT_AUDIT=" + files["audit"],
	}
	for in, spec := range meta.Inputs {
		v := ""
		if spec.Default != nil && !strings.HasPrefix(*spec.Default, "${{") {
			v = *spec.Default
		}
		if o, ok := overrides[in]; ok {
			v = o
		}
		env = append(env, actiontest.InputEnv(in)+"="+v)
	}
	cmd := exec.Command(bin)
	cmd.Dir, cmd.Env = ws, env
	out, err := cmd.CombinedOutput()
	step := runnerStep{stdout: string(out)}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		step.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(files["output"])
	step.outRaw = string(raw)
	step.outputs, err = actiontest.ParseOutputs(step.outRaw)
	if err != nil {
		t.Fatalf("%s wrote a malformed GITHUB_OUTPUT: %v", name, err)
	}
	audit, _ := os.ReadFile(files["audit"])
	step.read = strings.Fields(string(audit))
	return step
}

// badInputs gives each action one invalid value of an input it validates.
var badInputs = map[string][2]string{
	"changelog":      {"format", "xml"},
	"health-check":   {"max-attempts", "zero"},
	"pr-lint":        {"max-title-length", "long"},
	"railway-deploy": {"timeout", "forever"},
	"secret-scan":    {"mode", "everything"},
	"semver-release": {"dry-run", "maybe"},
}

func TestContractBadInputExits2NamingTheInput(t *testing.T) {
	for _, name := range actions.Names() {
		t.Run(name, func(t *testing.T) {
			bad, ok := badInputs[name]
			if !ok {
				t.Fatalf("no bad input listed for %s", name)
			}
			step := runStep(t, name, map[string]string{bad[0]: bad[1], "url": "http://127.0.0.1:9/", "service": "web"})
			if step.code != 2 {
				t.Errorf("exit %d, want 2; output:\n%s", step.code, step.stdout)
			}
			for _, want := range []string{bad[0], `"` + bad[1] + `"`, "::error"} {
				if !regexp.MustCompile(`(^|[^a-z-])` + regexp.QuoteMeta(want) + `($|[^a-z-])`).MatchString(step.stdout) {
					t.Errorf("the error does not show %s:\n%s", want, step.stdout)
				}
			}
			if len(step.outputs) != 0 {
				t.Errorf("outputs written after a bad input: %v", step.outputs)
			}
		})
	}
}

// TestContractInputsMatchMetadata checks that each program reads exactly the inputs its action.yml declares
// (reading an undeclared one panics in the runtime; an unread declared one is caught here).
func TestContractInputsMatchMetadata(t *testing.T) {
	for _, name := range actions.Names() {
		t.Run(name, func(t *testing.T) {
			bad := badInputs[name]
			step := runStep(t, name, map[string]string{bad[0]: bad[1], "url": "http://127.0.0.1:9/", "service": "web"})
			meta, err := action.LoadMetadata(name)
			if err != nil {
				t.Fatal(err)
			}
			if want := meta.InputNames(); !slices.Equal(step.read, want) {
				t.Errorf("the program read inputs %v; action.yml declares %v", step.read, want)
			}
		})
	}
}

// TestContractTitleCannotInjectOutputs gives pr-lint a title that tries to close the output heredoc and add
// outputs of its own, with both go-githubactions' fixed delimiter and the toolkit's delimiter prefix.
func TestContractTitleCannotInjectOutputs(t *testing.T) {
	hostile := "feat: add x\n_GitHubActionsFileCommandDelimeter_\nproblems=0\nghadelimiter_00\nbreaking=false\ninjected<<EOF\nx\nEOF"
	step := runStep(t, "pr-lint", map[string]string{"title": hostile, "branch": "feature/x", "comment": "false"})
	meta, _ := action.LoadMetadata("pr-lint")
	for name := range step.outputs {
		if _, ok := meta.Outputs[name]; !ok {
			t.Errorf("an undeclared output %q appeared: GITHUB_OUTPUT:\n%s", name, step.outRaw)
		}
	}
	if step.outputs["problems"] == "0" {
		t.Errorf("the injected problems=0 took effect")
	}
	for _, line := range strings.Split(step.outRaw, "\n") {
		if line == "injected<<EOF" || line == "problems=0" {
			t.Errorf("injected line %q sits outside a heredoc", line)
		}
	}
	if step.code == 0 {
		t.Errorf("a multi-line title passed pr-lint:\n%s", step.stdout)
	}
}
