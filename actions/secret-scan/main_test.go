package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"secret-scan": func() { os.Exit(action.Main(action.OSEnv(), "secret-scan", run)) },
	})
}

// TestScripts runs the end-to-end scripts of testdata/script: the real program under the
// runner's environment contract (or locally), on real git repositories made by the scripts.
// Scripts plant generated fake credentials with `plant` (so that no credential-shaped literal
// lives in this repository) and check with `noplanted` that none leaks.
func TestScripts(t *testing.T) {
	p := actiontest.ScriptParams("testdata/script")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		for k, v := range map[string]string{
			"GIT_AUTHOR_NAME": "Ann Author", "GIT_AUTHOR_EMAIL": "ann@example.com", "GIT_COMMITTER_NAME": "Ann Author",
			"GIT_COMMITTER_EMAIL": "ann@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
			"GIT_AUTHOR_DATE": "2024-05-01T12:00:00Z", "GIT_COMMITTER_DATE": "2024-05-01T12:00:00Z",
		} {
			env.Setenv(k, v)
		}
		return nil
	}
	p.Cmds["plant"] = cmdPlant
	p.Cmds["noplanted"] = cmdNoPlanted
	testscript.Run(t, p)
}

// plant FILE KIND [PREFIX]: appends PREFIX and a generated fake credential of KIND (github,
// stripe, slack, aws, password) as one line to FILE, and remembers it for noplanted.
func cmdPlant(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: plant FILE KIND [PREFIX]")
	}
	planted := strings.Fields(ts.Getenv("PLANTED"))
	f := newFakes(uint64(len(planted) + 1000))
	var v string
	switch args[1] {
	case "github":
		v = f.githubToken()
	case "stripe":
		v = f.stripeKey()
	case "slack":
		v = f.slackBot()
	case "aws":
		v = f.awsKeyID()
	case "password":
		v = f.pick(alnum, 20)
	default:
		ts.Fatalf("unknown kind %q", args[1])
	}
	prefix := ""
	if len(args) == 3 {
		prefix = args[2]
	}
	path := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	ts.Check(err)
	_, err = fh.WriteString(prefix + v + "\n")
	ts.Check(err)
	ts.Check(fh.Close())
	ts.Setenv("PLANTED", strings.Join(append(planted, v), " "))
}

// noplanted FILE...: none of the planted values appears in the files (stdout and stderr name
// the last command's output).
func cmdNoPlanted(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: noplanted FILE...")
	}
	planted := strings.Fields(ts.Getenv("PLANTED"))
	if len(planted) == 0 {
		ts.Fatalf("nothing was planted")
	}
	for _, name := range args {
		text := ts.ReadFile(name)
		for _, v := range planted {
			if strings.Contains(text, v) || strings.Contains(text, v[8:20]) {
				ts.Fatalf("%s contains a planted value", name)
			}
		}
	}
}
