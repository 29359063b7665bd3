package redirect_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/rose/actions/pkg/redirect"
)

// recorder is a server that records the headers of every request it receives.
type recorder struct {
	mu   sync.Mutex
	seen []http.Header
}

func (r *recorder) handler(next string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.seen = append(r.seen, req.Header.Clone())
		r.mu.Unlock()
		if next != "" {
			http.Redirect(w, req, next, http.StatusFound)
			return
		}
		io.WriteString(w, "ok")
	}
}

func TestCrossOriginRedirectCarriesNoCredentials(t *testing.T) {
	var hunter recorder
	foreign := httptest.NewServer(hunter.handler(""))
	defer foreign.Close()
	var home recorder
	// The user's host redirects once to itself, then to the foreign host.
	mux := http.NewServeMux()
	mux.HandleFunc("/start", home.handler("/again"))
	mux.HandleFunc("/again", home.handler(foreign.URL+"/collect"))
	origin := httptest.NewServer(mux)
	defer origin.Close()

	client := &http.Client{CheckRedirect: redirect.Follow}
	req, _ := http.NewRequest(http.MethodGet, origin.URL+"/start?token=s3cr3t-query", nil)
	req.Header.Set("Authorization", "Bearer s3cr3t-bearer")
	req.Header.Set("Project-Access-Token", "s3cr3t-project")
	req.Header.Set("X-Api-Key", "s3cr3t-key")
	req.Header.Set("Cookie", "session=s3cr3t-cookie")
	req.Header.Set("User-Agent", "rose-test")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	if len(home.seen) != 2 || home.seen[1].Get("X-Api-Key") != "s3cr3t-key" {
		t.Fatalf("a same-origin redirect must keep the user's headers: %v", home.seen)
	}
	if len(hunter.seen) != 1 {
		t.Fatalf("the foreign host saw %d requests", len(hunter.seen))
	}
	for name, vs := range hunter.seen[0] {
		if strings.Contains(strings.Join(vs, " "), "s3cr3t") {
			t.Errorf("the foreign host received %s: %v", name, vs)
		}
	}
	if hunter.seen[0].Get("Referer") != "" || home.seen[1].Get("Referer") != "" {
		t.Errorf("a Referer was sent: %q %q", hunter.seen[0].Get("Referer"), home.seen[1].Get("Referer"))
	}
	if hunter.seen[0].Get("User-Agent") != "rose-test" {
		t.Errorf("User-Agent dropped: %v", hunter.seen[0])
	}
}

func TestDowngradeRefused(t *testing.T) {
	var hunter recorder
	plain := httptest.NewServer(hunter.handler(""))
	defer plain.Close()
	tlsSrv := httptest.NewTLSServer(http.RedirectHandler(plain.URL+"/x?token=s3cr3t", http.StatusFound))
	defer tlsSrv.Close()
	client := tlsSrv.Client()
	client.CheckRedirect = redirect.Follow
	_, err := client.Get(tlsSrv.URL)
	if !errors.Is(err, redirect.ErrDowngrade) {
		t.Fatalf("err = %v, want ErrDowngrade", err)
	}
	// net/http puts the request URL in front of the error; the rule's own message never shows a query value.
	var ue *url.Error
	if !errors.As(err, &ue) || strings.Contains(ue.Err.Error(), "s3cr3t") {
		t.Errorf("the refusal shows the query: %v", err)
	}
	if len(hunter.seen) != 0 {
		t.Fatalf("the plain-HTTP host was contacted")
	}
}

func TestTooManyHops(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL, http.StatusFound)
	}))
	defer srv.Close()
	_, err := (&http.Client{CheckRedirect: redirect.Follow}).Get(srv.URL)
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
		t.Fatalf("err = %v", err)
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://x.example/a", "https://x.example:443/b", true},
		{"https://x.example/a", "https://X.EXAMPLE/b", true},
		{"https://x.example/a", "http://x.example/a", false},
		{"https://x.example/a", "https://y.x.example/a", false},
		{"http://x.example:8080/", "http://x.example/", false},
	}
	for _, tt := range tests {
		a, _ := http.NewRequest("GET", tt.a, nil)
		b, _ := http.NewRequest("GET", tt.b, nil)
		if got := redirect.SameOrigin(a.URL, b.URL); got != tt.want {
			t.Errorf("SameOrigin(%s, %s) = %v", tt.a, tt.b, got)
		}
	}
}
