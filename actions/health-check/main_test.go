package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
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

// hunterServer is a foreign host that a hostile service redirects to: it answers 500 when a request carries
// anything beyond what describes the client (a credential header, a cookie, a Referer with the first URL).
func hunterServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for name := range r.Header {
			switch name {
			case "User-Agent", "Accept-Encoding", "Connection":
			default:
				http.Error(w, "received "+name, http.StatusInternalServerError)
				return
			}
		}
		fmt.Fprint(w, "nothing received")
	}))
}

// redirector sends /away to the hunter and, over TLS, /plain to the plain-HTTP app.
func redirector(hunter, app string, tls bool) *httptest.Server {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, hunter+"/collect", http.StatusFound)
		case "/plain":
			http.Redirect(w, r, app+"/ok", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	})
	if tls {
		return httptest.NewTLSServer(h)
	}
	return httptest.NewServer(h)
}

// TestScripts runs testdata/script end to end: the real program through the runner's environment contract,
// against a real local HTTP service ($APP_URL).
func TestScripts(t *testing.T) {
	app := appServer()
	t.Cleanup(app.Close) // the scripts run in parallel, after this function returns
	hunter := hunterServer()
	t.Cleanup(hunter.Close)
	away := redirector(hunter.URL, app.URL, false)
	t.Cleanup(away.Close)
	awayTLS := redirector(hunter.URL, app.URL, true)
	t.Cleanup(awayTLS.Close)
	p := actiontest.ScriptParams("testdata/script")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		env.Setenv("APP_URL", app.URL)
		env.Setenv("REDIRECT_URL", away.URL)
		env.Setenv("REDIRECT_TLS_URL", awayTLS.URL)
		return nil
	}
	testscript.Run(t, p)
}
