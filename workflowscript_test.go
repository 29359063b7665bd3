package actions_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A workflow step's `run:` script, taken from the workflow file and run with bash the way the runner runs it
// (`bash --noprofile --norc -eo pipefail {0}`), with the runner's file commands pointing at temporary files.
// Tests of the reusable workflows' scripts go through it, so they test the text that ships, not a copy.

type stepScript struct {
	path, job, name string
	script          string
	env             map[string]string
}

// loadStep returns the step called name of job in the workflow file at path.
func loadStep(t *testing.T, path, job, name string) stepScript {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string            `yaml:"name"`
				Run  string            `yaml:"run"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	j, ok := wf.Jobs[job]
	if !ok {
		t.Fatalf("%s has no job %q", path, job)
	}
	for _, s := range j.Steps {
		if s.Name == name {
			if s.Run == "" {
				t.Fatalf("%s: job %s, step %q has no run: script", path, job, name)
			}
			return stepScript{path: path, job: job, name: name, script: s.Run, env: s.Env}
		}
	}
	t.Fatalf("%s: job %s has no step %q", path, job, name)
	return stepScript{}
}

// stepResult is what one run of a step left behind.
type stepResult struct {
	code            int
	stdout, stderr  string
	outputs         map[string]string
	summary, envOut string
	dir             string // the working directory
	temp            string // RUNNER_TEMP
}

// run runs the script in a fresh working directory (or dir, when given) with env as the whole environment
// besides PATH, HOME and the runner's file-command variables. It fails the test when the script's env: block
// names a variable that env does not set, so a test cannot forget an input the workflow passes.
func (s stepScript) runIn(t *testing.T, dir string, env map[string]string) stepResult {
	t.Helper()
	return s.runInWithTemp(t, dir, env, nil)
}

// runInWithTemp is runIn with a hook that prepares RUNNER_TEMP before the script starts (an artifact that an
// earlier step downloaded there, say).
func (s stepScript) runInWithTemp(t *testing.T, dir string, env map[string]string, prepare func(temp string)) stepResult {
	t.Helper()
	for k := range s.env {
		if _, ok := env[k]; !ok {
			t.Fatalf("%s / %s: the test does not set %s, which the step's env: passes", s.job, s.name, k)
		}
	}
	tmp := t.TempDir()
	if dir == "" {
		dir = t.TempDir()
	}
	script := filepath.Join(tmp, "step.sh")
	if err := os.WriteFile(script, []byte(s.script), 0o600); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range []string{"GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_PATH"} {
		files[f] = filepath.Join(tmp, strings.ToLower(f))
		if err := os.WriteFile(files[f], nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	runnerTemp := filepath.Join(tmp, "runner-temp")
	if err := os.Mkdir(runnerTemp, 0o700); err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(runnerTemp)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "RUNNER_TEMP=" + runnerTemp, "LC_ALL=C.UTF-8"}
	for k, v := range files {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	read := func(name string) string {
		b, err := os.ReadFile(files[name])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return stepResult{
		code: code, stdout: stdout.String(), stderr: stderr.String(),
		outputs: parseFileCommand(t, read("GITHUB_OUTPUT")), summary: read("GITHUB_STEP_SUMMARY"),
		envOut: read("GITHUB_ENV"), dir: dir, temp: runnerTemp,
	}
}

func (s stepScript) run(t *testing.T, env map[string]string) stepResult {
	t.Helper()
	return s.runIn(t, "", env)
}

// parseFileCommand reads a GITHUB_OUTPUT or GITHUB_ENV file the way the runner does: name=value lines and
// name<<DELIMITER blocks. A malformed file fails the test, as it would fail the step.
func parseFileCommand(t *testing.T, content string) map[string]string {
	t.Helper()
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(content))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			closed := false
			for sc.Scan() {
				if sc.Text() == delim {
					closed = true
					break
				}
				val = append(val, sc.Text())
			}
			if !closed {
				t.Fatalf("file command %q: no closing delimiter %q", name, delim)
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("file command line %q is neither name=value nor name<<delimiter", line)
		}
		out[name] = val
	}
	return out
}

// stringList is a YAML value that is one string or a list of strings (a job's needs).
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = []string{n.Value}
		return nil
	}
	var s []string
	if err := n.Decode(&s); err != nil {
		return err
	}
	*l = s
	return nil
}

// scalar is any YAML scalar as its text (a default of 70, true or "x").
type scalar string

func (s *scalar) UnmarshalYAML(n *yaml.Node) error {
	*s = scalar(n.Value)
	return nil
}

type workflowFile struct {
	On struct {
		WorkflowCall struct {
			Inputs map[string]struct {
				Default scalar `yaml:"default"`
				Type    string `yaml:"type"`
			} `yaml:"inputs"`
			Secrets map[string]any `yaml:"secrets"`
			Outputs map[string]any `yaml:"outputs"`
		} `yaml:"workflow_call"`
	} `yaml:"on"`
	Jobs map[string]struct {
		If              string            `yaml:"if"`
		Needs           stringList        `yaml:"needs"`
		ContinueOnError bool              `yaml:"continue-on-error"`
		Permissions     map[string]string `yaml:"permissions"`
		Steps           []map[string]any  `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflow(t *testing.T, path string) workflowFile {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf workflowFile
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return wf
}
