package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"health-check": func() { os.Exit(action.Main(action.OSEnv(), "health-check", run)) },
	})
}

// appServer is the service the scripts probe: /ok answers 200, /flaky/<key> answers 503 twice per key and
// then 200, /down 500, /slow never answers in time, /auth 401 unless the bearer token is "s3cret-planted".
func appServer() *httptest.Server {
	var mu sync.Mutex
	flaky := map[string]int{}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/ok":
			fmt.Fprint(w, `{"status":"ok"}`)
		case strings.HasPrefix(r.URL.Path, "/flaky/"):
			mu.Lock()
			flaky[r.URL.Path]++
			n := flaky[r.URL.Path]
			mu.Unlock()
			if n <= 2 {
				http.Error(w, "warming up", http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, "ready")
		case r.URL.Path == "/down":
			http.Error(w, "database unreachable", http.StatusInternalServerError)
		case r.URL.Path == "/slow":
			<-r.Context().Done()
		case r.URL.Path == "/auth":
			if r.Header.Get("Authorization") != "Bearer s3cret-planted" {
				http.Error(w, "bad credentials: "+r.Header.Get("Authorization"), http.StatusUnauthorized)
			}
		default:
			http.NotFound(w, r)
		}
	}))
}

// TestScripts runs testdata/script end to end: the real program through the runner's environment contract,
// against a real local HTTP service ($APP_URL).
func TestScripts(t *testing.T) {
	app := appServer()
	t.Cleanup(app.Close) // the scripts run in parallel, after this function returns
	p := actiontest.ScriptParams("testdata/script")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		// Scripts run in parallel: each needs its own GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
		files := env.WorkDir + ".runner-files"
		if err := os.MkdirAll(files, 0o755); err != nil {
			return err
		}
		for name, f := range map[string]string{"GITHUB_OUTPUT": "output", "GITHUB_STEP_SUMMARY": "summary"} {
			path := filepath.Join(files, f)
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				return err
			}
			env.Setenv(name, path)
		}
		env.Setenv("APP_URL", app.URL)
		return nil
	}
	p.Cmds["exits"] = cmdExits
	testscript.Run(t, p)
}

// cmdExits runs a program and checks its exit code: `exits 2 health-check`. (A shell would drop the
// INPUT_ variables whose names hold a dash.)
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
