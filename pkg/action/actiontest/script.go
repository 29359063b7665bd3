package actiontest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// ScriptParams returns testscript parameters for the scripts in dir. Each script starts like a runner step:
// GITHUB_ACTIONS=true, GITHUB_WORKSPACE=$WORK, and empty GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files of
// its own, outside $WORK, in the folder $RUNNER_FILES. Commands added:
//
//	output NAME REGEXP   the output NAME exists and matches REGEXP
//	! output NAME        no output NAME was written
//	summary REGEXP       the job summary matches REGEXP
//	outputs-count N      exactly N outputs were written
//	exits CODE PROG ...  runs PROG (a command registered with testscript.Main) and checks its exit code; unlike
//	                     `! exec`, it tells 1 (check failed) from 2 (bad input)
func ScriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir: dir,
		Setup: func(env *testscript.Env) error {
			// A sibling of $WORK of its own: scripts run in parallel, and the workspace must hold only the
			// script's files.
			files := filepath.Join(filepath.Dir(env.WorkDir), filepath.Base(env.WorkDir)+".runner")
			if err := os.MkdirAll(files, 0o755); err != nil {
				return err
			}
			for _, f := range []string{"output", "summary"} {
				if err := os.WriteFile(filepath.Join(files, f), nil, 0o644); err != nil {
					return err
				}
			}
			env.Setenv("GITHUB_ACTIONS", "true")
			env.Setenv("CI", "true")
			env.Setenv("GITHUB_WORKSPACE", env.WorkDir)
			env.Setenv("GITHUB_OUTPUT", filepath.Join(files, "output"))
			env.Setenv("GITHUB_STEP_SUMMARY", filepath.Join(files, "summary"))
			env.Setenv("RUNNER_FILES", files) // so a script can read them: $RUNNER_FILES/output, /summary
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"output":        cmdOutput,
			"summary":       cmdSummary,
			"outputs-count": cmdOutputsCount,
			"exits":         cmdExits,
		},
	}
}

func readOutputs(ts *testscript.TestScript) map[string]string {
	b, err := os.ReadFile(ts.Getenv("GITHUB_OUTPUT"))
	ts.Check(err)
	out, err := ParseOutputs(string(b))
	ts.Check(err)
	return out
}

func cmdOutput(ts *testscript.TestScript, neg bool, args []string) {
	out := readOutputs(ts)
	if neg {
		if len(args) != 1 {
			ts.Fatalf("usage: ! output NAME")
		}
		if v, ok := out[args[0]]; ok {
			ts.Fatalf("output %s is set (to %q)", args[0], v)
		}
		return
	}
	if len(args) != 2 {
		ts.Fatalf("usage: output NAME REGEXP")
	}
	v, ok := out[args[0]]
	if !ok {
		ts.Fatalf("output %s was not written", args[0])
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	if !re.MatchString(v) {
		ts.Fatalf("output %s = %q does not match %q", args[0], v, args[1])
	}
}

func cmdSummary(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: summary REGEXP")
	}
	b, err := os.ReadFile(ts.Getenv("GITHUB_STEP_SUMMARY"))
	ts.Check(err)
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	if re.Match(b) == neg {
		ts.Fatalf("summary match of %q is %v, want %v; summary:\n%s", args[0], !neg, neg, b)
	}
}

func cmdOutputsCount(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: outputs-count N")
	}
	n := len(readOutputs(ts))
	if (itoa(n) == args[0]) == neg {
		ts.Fatalf("%d outputs written (negated: %v); want %s", n, neg, args[0])
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("run %s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}
