// Package actiontest runs an action's program the way the GitHub Actions runner does — INPUT_ variables,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, an event payload, the workspace as working directory — and
// reads back what it wrote. It also gives testscript the same environment for end-to-end scripts.
package actiontest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/action"
)

// Options describe one run.
type Options struct {
	Action     string            // folder name, e.g. "pr-lint"
	Run        action.RunFunc    // the action's logic
	Inputs     map[string]string // by input name, as written in action.yml (set as INPUT_<NAME>)
	Env        map[string]string // other environment variables
	EventName  string            // GITHUB_EVENT_NAME
	EventFile  string            // a payload file, copied into the run's temp dir
	Dir        string            // workspace; default a new temp dir
	Local      bool              // run without GITHUB_ACTIONS=true (local mode)
	HTTPClient *http.Client
	// Chown replaces the ownership change of files the action creates (see action.Env.Chown).
	Chown   func(path string, uid, gid int) error
	Now     func() time.Time
	Context context.Context
}

// Result is what the run wrote.
type Result struct {
	Code    int
	Stdout  string
	Stderr  string
	Outputs map[string]string
	Summary string
	// OutputFile is the raw GITHUB_OUTPUT content.
	OutputFile string
}

// InputEnv is the variable the runner sets for an input name.
func InputEnv(name string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
}

// Run runs the action once and returns what it wrote. It fails the test only on harness errors.
func Run(t testing.TB, o Options) Result {
	t.Helper()
	tmp := t.TempDir()
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	env := map[string]string{}
	if !o.Local {
		env["GITHUB_ACTIONS"] = "true"
		env["CI"] = "true"
		env["GITHUB_WORKSPACE"] = o.Dir
		env["GITHUB_OUTPUT"] = filepath.Join(tmp, "output")
		env["GITHUB_STEP_SUMMARY"] = filepath.Join(tmp, "summary")
		for _, f := range []string{"output", "summary"} {
			if err := os.WriteFile(filepath.Join(tmp, f), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if o.EventFile != "" {
		b, err := os.ReadFile(o.EventFile)
		if err != nil {
			t.Fatalf("read event file: %v", err)
		}
		p := filepath.Join(tmp, "event.json")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		env["GITHUB_EVENT_PATH"] = p
	}
	if o.EventName != "" {
		env["GITHUB_EVENT_NAME"] = o.EventName
	}
	for k, v := range o.Env {
		env[k] = v
	}
	for k, v := range o.Inputs {
		env[InputEnv(k)] = v
	}
	var stdout, stderr bytes.Buffer
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	code := action.MainContext(ctx, action.Env{
		LookupEnv:  func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		Stdout:     &stdout,
		Stderr:     &stderr,
		Dir:        o.Dir,
		Now:        o.Now,
		HTTPClient: o.HTTPClient,
		Chown:      o.Chown,
	}, o.Action, o.Run)
	res := Result{Code: code, Stdout: stdout.String(), Stderr: stderr.String(), Outputs: map[string]string{}}
	if p := env["GITHUB_OUTPUT"]; p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		res.OutputFile = string(b)
		out, err := ParseOutputs(string(b))
		if err != nil {
			t.Fatalf("GITHUB_OUTPUT is malformed: %v\n%s", err, b)
		}
		res.Outputs = out
	}
	if p := env["GITHUB_STEP_SUMMARY"]; p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		res.Summary = string(b)
	}
	return res
}

// ParseOutputs reads a GITHUB_OUTPUT file as the runner does: `name=value` lines and `name<<DELIM` heredocs.
// A later value for the same name wins, as with the runner.
func ParseOutputs(s string) (map[string]string, error) {
	out := map[string]string{}
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			closed := false
			for i++; i < len(lines); i++ {
				if lines[i] == delim {
					closed = true
					break
				}
				val = append(val, lines[i])
			}
			if !closed {
				return nil, fmt.Errorf("output %q: delimiter %q never closed", name, delim)
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("line %d is neither name=value nor name<<delimiter: %q", i+1, line)
		}
		out[name] = val
	}
	return out, nil
}

// Leaks lists where secret appears in what a run wrote — stdout lines, stderr, the outputs file, the summary —
// apart from the ::add-mask:: commands that hide it. It names places, never the text, so a failing test does
// not print the secret either.
func Leaks(res Result, secret string) []string {
	var leaks []string
	for i, line := range strings.Split(res.Stdout, "\n") {
		if strings.Contains(line, secret) && !strings.HasPrefix(line, "::add-mask::") {
			leaks = append(leaks, fmt.Sprintf("stdout line %d", i+1))
		}
	}
	for _, place := range []struct{ name, text string }{
		{"stderr", res.Stderr}, {"outputs", res.OutputFile}, {"summary", res.Summary},
	} {
		if strings.Contains(place.text, secret) {
			leaks = append(leaks, place.name)
		}
	}
	return leaks
}
