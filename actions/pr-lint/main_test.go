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
		"pr-lint": func() { os.Exit(action.Main(action.OSEnv(), "pr-lint", run)) },
	})
}

// TestScripts runs the end-to-end scripts of testdata/script: the real program, its environment contract,
// and no network (no token, no event: the API checks are skipped with a notice).
func TestScripts(t *testing.T) {
	testscript.Run(t, actiontest.ScriptParams("testdata/script"))
}
