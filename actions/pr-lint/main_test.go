package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pr-lint": func() { os.Exit(action.Main(action.OSEnv(), "pr-lint", run)) },
	})
}

// TestScripts runs the end-to-end scripts of testdata/script: the real program, its environment contract,
// and no network (no token, no event: the API checks are skipped with a notice).
func TestScripts(t *testing.T) {
	p := actiontest.ScriptParams("testdata/script")
	// ScriptParams puts every script's GITHUB_OUTPUT and GITHUB_STEP_SUMMARY in one folder shared by the
	// scripts running in parallel, which truncate each other's files; give each script its own.
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		files := env.WorkDir + ".runner-files"
		if err := os.MkdirAll(files, 0o755); err != nil {
			return err
		}
		for _, f := range []string{"output", "summary"} {
			path := filepath.Join(files, f)
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				return err
			}
			env.Setenv(map[string]string{"output": "GITHUB_OUTPUT", "summary": "GITHUB_STEP_SUMMARY"}[f], path)
		}
		return nil
	}
	testscript.Run(t, p)
}
