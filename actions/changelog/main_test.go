package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"changelog": func() { os.Exit(action.Main(action.OSEnv(), "changelog", run)) },
	})
}

// TestScripts runs the end-to-end scripts of testdata/script: real git repositories built with the git
// CLI, the real program and its runner contract (INPUT_ variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY).
func TestScripts(t *testing.T) {
	p := actiontest.ScriptParams("testdata/script")
	// ScriptParams gives each script its own GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files; git gets a fixed
	// identity and clock and no system or user configuration.
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		// Deterministic commits: the same script always gives the same SHAs.
		for k, v := range map[string]string{
			"GIT_AUTHOR_NAME": "Rose Dev", "GIT_AUTHOR_EMAIL": "dev@rose.example",
			"GIT_COMMITTER_NAME": "Rose Dev", "GIT_COMMITTER_EMAIL": "dev@rose.example",
			"GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z",
			"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
		} {
			env.Setenv(k, v)
		}
		return nil
	}
	testscript.Run(t, p)
}
