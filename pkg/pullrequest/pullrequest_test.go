package pullrequest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/internal/loopback"
)

// server is a small GitHub for one pull request (#7 of o/r): answers shaped like the REST API's, pages with
// Link headers, and a log of the requests it served.
type server struct {
	t        *testing.T
	mu       sync.Mutex
	srv      *httptest.Server
	log      []string
	nullGets int // GETs of the pull request answered with mergeable: null
	commits  []map[string]any
	comments []map[string]any
	nextID   int
}

func newServer(t *testing.T) *server {
	s := &server{t: t, nextID: 100}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *server) client() *Client {
	gh := github.NewClient(s.srv.Client())
	gh.BaseURL, _ = url.Parse(s.srv.URL + "/")
	return New(gh, "o", "r", func(ctx context.Context, d time.Duration) error { return ctx.Err() })
}

func (s *server) json(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// page serves items 2 a page with a Link header, as GitHub paginates.
func (s *server) page(w http.ResponseWriter, r *http.Request, items []map[string]any) {
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if p == 0 {
		p = 1
	}
	const per = 2
	lo, hi := min((p-1)*per, len(items)), min(p*per, len(items))
	if hi < len(items) {
		next := *r.URL
		q := next.Query()
		q.Set("page", strconv.Itoa(p+1))
		next.RawQuery = q.Encode()
		w.Header().Set("Link", fmt.Sprintf(`<%s%s>; rel="next"`, s.srv.URL, next.RequestURI()))
	}
	s.json(w, http.StatusOK, items[lo:hi])
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, r.Method+" "+r.URL.Path)
	switch p := r.URL.Path; {
	case p == "/repos/o/r/pulls/7" && r.Method == http.MethodGet:
		pr := map[string]any{"number": 7, "title": "feat: x", "labels": []map[string]any{{"name": "bot"}}, "mergeable": true}
		if s.nullGets > 0 {
			s.nullGets--
			pr["mergeable"] = nil
		}
		s.json(w, http.StatusOK, pr)
	case p == "/repos/o/r/pulls/7/commits":
		s.page(w, r, s.commits)
	case p == "/repos/o/r/contents/.github/pr-lint.yml":
		s.json(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	case p == "/user":
		s.json(w, http.StatusForbidden, map[string]any{"message": "Resource not accessible by integration"})
	case p == "/repos/o/r/issues/7/comments" && r.Method == http.MethodGet:
		s.page(w, r, s.comments)
	case p == "/repos/o/r/issues/7/comments" && r.Method == http.MethodPost:
		var c map[string]any
		_ = json.NewDecoder(r.Body).Decode(&c)
		s.nextID++
		c["id"], c["user"] = s.nextID, map[string]any{"login": "github-actions[bot]", "type": "Bot"}
		s.comments = append(s.comments, c)
		s.json(w, http.StatusCreated, c)
	case strings.HasPrefix(p, "/repos/o/r/issues/comments/"):
		id, _ := strconv.Atoi(strings.TrimPrefix(p, "/repos/o/r/issues/comments/"))
		for i, c := range s.comments {
			if c["id"] != id {
				continue
			}
			switch r.Method {
			case http.MethodPatch:
				var body map[string]any
				_ = json.NewDecoder(r.Body).Decode(&body)
				c["body"] = body["body"]
				s.json(w, http.StatusOK, c)
			case http.MethodDelete:
				s.comments = append(s.comments[:i], s.comments[i+1:]...)
				w.WriteHeader(http.StatusNoContent)
			}
			return
		}
		s.json(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	default:
		s.json(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	}
}

func TestGetPollsMergeable(t *testing.T) {
	s := newServer(t)
	s.nullGets = 2
	var waits []time.Duration
	c := s.client()
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	pr, err := c.Get(context.Background(), 7, true)
	if err != nil || pr.Mergeable == nil || !*pr.Mergeable {
		t.Fatalf("Get = %+v, %v", pr, err)
	}
	if len(waits) != 2 || waits[0] != time.Second || waits[1] != 2*time.Second {
		t.Errorf("waits %v", waits)
	}
	if got := Labels(pr); len(got) != 1 || got[0] != "bot" {
		t.Errorf("labels %v", got)
	}
	// Still null after every poll: the last answer, mergeable nil.
	s.nullGets = 100
	pr, err = c.Get(context.Background(), 7, true)
	if err != nil || pr.Mergeable != nil {
		t.Errorf("Get = %+v, %v", pr, err)
	}
}

func TestNonMergeCommits(t *testing.T) {
	s := newServer(t)
	commit := func(sha, msg string, parents int) map[string]any {
		ps := []map[string]any{}
		for i := 0; i < parents; i++ {
			ps = append(ps, map[string]any{"sha": fmt.Sprintf("p%d", i)})
		}
		return map[string]any{"sha": sha, "commit": map[string]any{"message": msg}, "parents": ps}
	}
	s.commits = []map[string]any{commit("a", "Merge branch 'main'", 2), commit("b", "feat: x", 1), commit("c", "Merge main", 2),
		commit("d", "fix: y", 1), commit("e", "fix: z", 1)}
	cs, err := s.client().NonMergeCommits(context.Background(), 7, 2)
	if err != nil || len(cs) != 2 || cs[0].Message != "feat: x" || cs[1].Message != "fix: y" {
		t.Fatalf("commits %+v, %v", cs, err)
	}
	// It stops reading once it has two (the third page is never asked for).
	if n := strings.Count(strings.Join(s.log, "\n"), "/commits"); n != 2 {
		t.Errorf("%d pages read, want 2", n)
	}
	s.commits = s.commits[:2]
	if cs, _ := s.client().NonMergeCommits(context.Background(), 7, 2); len(cs) != 1 {
		t.Errorf("one non-merge commit: %+v", cs)
	}
}

func TestFileNotFound(t *testing.T) {
	s := newServer(t)
	_, found, err := s.client().File(context.Background(), ".github/pr-lint.yml", "main")
	if err != nil || found {
		t.Errorf("found %v, err %v", found, err)
	}
}

// TestSticky: created, left when unchanged, updated in place, deleted when the body is empty; a person's
// comment that quotes the marker is never touched.
func TestSticky(t *testing.T) {
	s := newServer(t)
	const marker = "<!-- m -->"
	s.comments = []map[string]any{
		{"id": 1, "body": marker + " quoted by a person", "user": map[string]any{"login": "ann", "type": "User"}},
		{"id": 2, "body": "hello", "user": map[string]any{"login": "bob", "type": "User"}},
		{"id": 3, "body": "unrelated bot", "user": map[string]any{"login": "x[bot]", "type": "Bot"}},
	}
	st := &Sticky{Client: s.client(), Number: 7, Marker: marker}
	for i, step := range []struct{ body, want string }{
		{marker + " one", "created"}, {marker + " one", "unchanged"}, {marker + " two", "updated"}, {"", "deleted"}, {"", "none"},
	} {
		did, err := st.Sync(context.Background(), step.body)
		if err != nil || did != step.want {
			t.Fatalf("step %d: %q, %v; want %q", i, did, err, step.want)
		}
	}
	if len(s.comments) != 3 || s.comments[0]["body"] != marker+" quoted by a person" {
		t.Errorf("comments %v", s.comments)
	}
}

// TestDownAfterNetworkError: after a network failure every call fails at once with the same error, and
// an HTTP error answer does not stop the client.
func TestDownAfterNetworkError(t *testing.T) {
	gh := github.NewClient(nil)
	gh.BaseURL, _ = url.Parse("http://" + loopback.RefusedAddr(t) + "/")
	c := New(gh, "o", "r", nil)
	_, err := c.Get(context.Background(), 7, false)
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "get pull request #7") {
		t.Fatalf("first call: %v", err)
	}
	_, err2 := c.Files(context.Background(), 7)
	if err2 != err || c.Down() != err {
		t.Errorf("second call: %v, want the first error", err2)
	}

	s := newServer(t)
	c = s.client()
	_, err = c.Get(context.Background(), 8, false)
	if err == nil || errors.Is(err, ErrUnreachable) || !IsPermission(err) || c.Down() != nil {
		t.Errorf("404: %v, down %v", err, c.Down())
	}
}
