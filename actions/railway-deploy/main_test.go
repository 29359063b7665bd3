package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"railway-deploy": func() { os.Exit(action.Main(action.OSEnv(), "railway-deploy", run)) },
	})
}

// scripts are deployment lives on the real clock, short enough for tests.
var scripts = map[string]railwaytest.Script{
	"good":     {{Status: "BUILDING"}, {Status: "DEPLOYING", After: 30 * time.Millisecond}, {Status: "SUCCESS", After: 60 * time.Millisecond}},
	"failed":   {{Status: "BUILDING"}, {Status: "FAILED", After: 40 * time.Millisecond}},
	"crashed":  {{Status: "BUILDING"}, {Status: "DEPLOYING", After: 20 * time.Millisecond}, {Status: "CRASHED", After: 50 * time.Millisecond}},
	"endless":  {{Status: "BUILDING"}, {Status: "DEPLOYING", After: 20 * time.Millisecond}},
	"skipped":  {{Status: "QUEUED"}, {Status: "SKIPPED", After: 20 * time.Millisecond}},
	"sleeping": {{Status: "BUILDING"}, {Status: "SLEEPING", After: 20 * time.Millisecond}},
	"approval": {{Status: "QUEUED"}, {Status: "NEEDS_APPROVAL", After: 20 * time.Millisecond}},
}

// serverConfig is a script's railwaytest.json: how its own Railway test server behaves.
type serverConfig struct {
	Next       []string `json:"next"`
	NoPrevious bool     `json:"noPrevious"`
	FailLogs   bool     `json:"failLogs"`
	Logs       []string `json:"logs"`
	Faults     []struct {
		Op         string `json:"op"`
		Kind       string `json:"kind"` // 429, 502, html
		RetryAfter string `json:"retryAfter"`
	} `json:"faults"`
}

type serverKey struct{}

// TestScripts runs testdata/script end to end. Each script gets its own Railway test server ($RAILWAY_URL,
// tokens $TEST_PROJECT_TOKEN and $TEST_ACCOUNT_TOKEN), configured by the script's railwaytest.json.
func TestScripts(t *testing.T) {
	p := actiontest.ScriptParams("testdata/script")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		srv := railwaytest.New()
		env.Defer(srv.Close)
		srv.Lock() // the server already serves: configure it under its lock
		defer srv.Unlock()
		srv.RollbackScript = railwaytest.Script{{Status: "DEPLOYING"}, {Status: "SUCCESS", After: 30 * time.Millisecond}}
		srv.NextScripts = []railwaytest.Script{scripts["good"]}
		if b, err := os.ReadFile(filepath.Join(env.WorkDir, "railwaytest.json")); err == nil {
			var cfg serverConfig
			if err := json.Unmarshal(b, &cfg); err != nil {
				return err
			}
			srv.NextScripts = nil
			for _, n := range cfg.Next {
				srv.NextScripts = append(srv.NextScripts, scripts[n])
			}
			if cfg.NoPrevious {
				srv.Deployments = nil
			}
			srv.FailLogs = cfg.FailLogs
			if cfg.Logs != nil {
				srv.Logs = cfg.Logs
			}
			for _, f := range cfg.Faults {
				kind := map[string]railwaytest.FaultKind{"429": railwaytest.RateLimited, "502": railwaytest.ServerError, "html": railwaytest.HTMLPage}[f.Kind]
				srv.Faults = append(srv.Faults, railwaytest.Fault{Op: f.Op, Kind: kind, RetryAfter: f.RetryAfter})
			}
		}
		env.Values[serverKey{}] = srv
		env.Setenv("RAILWAY_URL", srv.GraphQLURL())
		env.Setenv("TEST_PROJECT_TOKEN", srv.ProjectToken)
		env.Setenv("TEST_ACCOUNT_TOKEN", srv.AccountToken)
		return nil
	}
	p.Cmds["uploaded"] = cmdUploaded
	p.Cmds["railway-valid"] = cmdValid
	p.Cmds["railway-calls"] = cmdCalls
	testscript.Run(t, p)
}

// cmdUploaded checks the last tarball the script's server received: `uploaded ./app.py` (present),
// `! uploaded ./.git/HEAD` (absent).
func cmdUploaded(ts *testscript.TestScript, neg bool, args []string) {
	srv := ts.Value(serverKey{}).(*railwaytest.Server)
	srv.Lock()
	defer srv.Unlock()
	if len(srv.Uploads) == 0 {
		ts.Fatalf("no upload received")
	}
	up := srv.Uploads[len(srv.Uploads)-1]
	if up.ContentType != "application/gzip" {
		ts.Fatalf("upload Content-Type %q", up.ContentType)
	}
	for _, name := range args {
		_, ok := up.Entries[name]
		if ok == neg {
			ts.Fatalf("entry %s present: %v (archive holds %v)", name, ok, up.Names)
		}
	}
}

// cmdValid checks that the script's server rejected no request as invalid against Railway's schema.
func cmdValid(ts *testscript.TestScript, neg bool, args []string) {
	srv := ts.Value(serverKey{}).(*railwaytest.Server)
	if rej := srv.Rejected(); len(rej) > 0 {
		ts.Fatalf("invalid requests: %+v", rej)
	}
}

// cmdCalls checks what the script's server was asked: `railway-calls cancels dep-1` (exactly these ids
// cancelled; none when no id is given), `railway-calls rollbacks dep-prev`, `railway-calls uploads 1`,
// `railway-calls requests 0`,
// `railway-calls source <regexp>` (every request's x-source header matches).
func cmdCalls(ts *testscript.TestScript, neg bool, args []string) {
	srv := ts.Value(serverKey{}).(*railwaytest.Server)
	srv.Lock()
	defer srv.Unlock()
	if len(args) == 0 {
		ts.Fatalf("usage: railway-calls cancels|rollbacks|source [args]")
	}
	var got []string
	switch args[0] {
	case "cancels":
		got = srv.Cancels
	case "rollbacks":
		got = srv.Rollbacks
	case "requests":
		if n := fmt.Sprint(len(srv.Requests)); n != args[1] {
			ts.Fatalf("%s requests received, want %s", n, args[1])
		}
		return
	case "uploads":
		if n := fmt.Sprint(len(srv.Uploads)); n != args[1] {
			ts.Fatalf("%s uploads received, want %s", n, args[1])
		}
		return
	case "source":
		re := regexp.MustCompile(args[1])
		for _, r := range srv.Requests {
			if !re.MatchString(r.Source) {
				ts.Fatalf("request %s has x-source %q", r.Op, r.Source)
			}
		}
		return
	default:
		ts.Fatalf("unknown railway-calls %s", args[0])
	}
	if !slices.Equal(got, args[1:]) {
		ts.Fatalf("%s: %v, want %v", args[0], got, args[1:])
	}
}
