package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/gitlog"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"semver-release": func() { os.Exit(action.Main(action.OSEnv(), "semver-release", run)) },
	})
}

type fakeKey struct{}

// scriptFake is the fake GitHub API of one script and the problems it saw.
type scriptFake struct {
	*fakeGitHub
	mu   sync.Mutex
	errs []string
}

// TestScripts runs testdata/script/*.txtar end to end through the runner
// contract. Each script gets a fake GitHub API (GITHUB_API_URL,
// GITHUB_REPOSITORY=rose/service, $FAKE_TOKEN) that knows the commits of
// the workspace repository, a git identity, and these commands:
//
//	github-writes N         exactly N mutating API calls were made
//	github-tag NAME         NAME is an annotated tag of the workspace's HEAD
//	github-ref NAME         the lightweight or annotated tag NAME points at HEAD
//	github-release TAG RE   the release of TAG exists and its body matches RE
func TestScripts(t *testing.T) {
	p := actiontest.ScriptParams("testdata/script")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		sf := &scriptFake{}
		sf.fakeGitHub = startFakeGitHub(func(format string, args ...any) {
			sf.mu.Lock()
			sf.errs = append(sf.errs, fmt.Sprintf(format, args...))
			sf.mu.Unlock()
		}, nil)
		// The fake answers from the script's own workspace ($WORK). It is set under the fake's lock, which its
		// handlers hold, and reads no script variable: requests arrive on the server's goroutines.
		work := env.WorkDir
		sf.fakeGitHub.mu.Lock()
		defer sf.fakeGitHub.mu.Unlock()
		sf.isCommit = func(sha string) bool {
			r, err := gitlog.Open(work)
			if err != nil {
				return false
			}
			defer func() { _ = r.Close() }()
			got, err := r.Resolve(sha)
			return err == nil && got == sha
		}
		env.Defer(sf.srv.Close)
		env.Values[fakeKey{}] = sf
		for k, v := range sf.env() {
			env.Setenv(k, v)
		}
		env.Setenv("FAKE_TOKEN", sf.token)
		for k, v := range map[string]string{"GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com",
			"GIT_COMMITTER_NAME": "Dev", "GIT_COMMITTER_EMAIL": "dev@example.com", "GIT_CONFIG_NOSYSTEM": "1",
			"GIT_CONFIG_GLOBAL": "/dev/null"} {
			env.Setenv(k, v)
		}
		return nil
	}
	fake := func(ts *testscript.TestScript) *scriptFake {
		sf := ts.Value(fakeKey{}).(*scriptFake)
		sf.mu.Lock()
		defer sf.mu.Unlock()
		if len(sf.errs) > 0 {
			ts.Fatalf("the fake GitHub API saw unexpected requests: %q", sf.errs)
		}
		return sf
	}
	head := func(ts *testscript.TestScript) string {
		ws := ts.Getenv("GITHUB_WORKSPACE")
		r, err := gitlog.Open(ws)
		ts.Check(err)
		defer func() { _ = r.Close() }()
		h, err := r.Resolve("HEAD")
		ts.Check(err)
		return h
	}
	p.Cmds["github-writes"] = func(ts *testscript.TestScript, neg bool, args []string) {
		n, err := strconv.Atoi(args[0])
		ts.Check(err)
		if got := fake(ts).writes(); (len(got) == n) == neg {
			ts.Fatalf("mutating calls: %q; want %d", got, n)
		}
	}
	p.Cmds["github-tag"] = func(ts *testscript.TestScript, neg bool, args []string) {
		got, annotated := fake(ts).peeled("refs/tags/" + args[0])
		if ok := got == head(ts) && annotated; ok == neg {
			ts.Fatalf("tag %s -> %q (annotated %v); HEAD is %s", args[0], got, annotated, head(ts))
		}
	}
	p.Cmds["github-ref"] = func(ts *testscript.TestScript, neg bool, args []string) {
		got, _ := fake(ts).peeled("refs/tags/" + args[0])
		if (got == head(ts)) == neg {
			ts.Fatalf("tag %s -> %q; HEAD is %s", args[0], got, head(ts))
		}
	}
	p.Cmds["github-release"] = func(ts *testscript.TestScript, neg bool, args []string) {
		f := fake(ts)
		re := regexp.MustCompile(args[1])
		found := false
		f.mu.Lock()
		for _, rel := range f.releases {
			if rel["tag_name"] == args[0] {
				found = re.MatchString(fmt.Sprint(rel["body"]))
			}
		}
		f.mu.Unlock()
		if found == neg {
			ts.Fatalf("release %s with a body matching %q: %v", args[0], args[1], found)
		}
	}
	testscript.Run(t, p)
}
