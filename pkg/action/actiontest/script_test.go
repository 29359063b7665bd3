package actiontest_test

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

// probe is a tiny program on the health-check metadata, so the script commands can be tested on their own.
func probe(ctx context.Context, rt *action.Runtime) error {
	in := rt.Inputs()
	attempts := in.Int("max-attempts", 1, 100)
	if err := in.Err(); err != nil {
		return err
	}
	if err := rt.AddSummary("## probe ran"); err != nil {
		return err
	}
	if attempts > 5 {
		return action.Failf("too many attempts")
	}
	return rt.SetOutput("attempts", "3")
}

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"probe": func() { os.Exit(action.Main(action.OSEnv(), "health-check", probe)) },
	})
}

func TestScriptCommands(t *testing.T) {
	testscript.Run(t, actiontest.ScriptParams("testdata/script"))
}
