package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rose/actions/pkg/action/actiontest"
)

// writeEvent loads a fixture payload, applies edits (dotted paths to values) and writes it.
func writeEvent(t *testing.T, fixture string, edits map[string]any) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/events", fixture))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for path, v := range edits {
		keys := strings.Split(path, ".")
		cur := m
		for _, k := range keys[:len(keys)-1] {
			cur = cur[k].(map[string]any)
		}
		cur[keys[len(keys)-1]] = v
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeGitHub serves a bare repository over git's smart HTTP protocol (git http-backend, as
// GitHub would: token in basic auth, user x-access-token) and the REST endpoints listing a pull
// request's commits, in pages of pageSize with Link headers like GitHub's. The pull request
// endpoint returns at most prCap commits, as GitHub's stops at 250.
type fakeGitHub struct {
	t        *testing.T
	srv      *httptest.Server
	token    string
	commits  []string // the pull request's commits, oldest first
	base     string
	head     string
	pageSize int
	prCap    int

	mu       sync.Mutex
	requests []string
}

func newFakeGitHub(t *testing.T, projectRoot string) *fakeGitHub {
	f := &fakeGitHub{t: t, token: "ghs_faketoken1234567890", pageSize: 2, prCap: 250}
	backend := &cgi.Handler{
		Path: filepath.Join(gitExecPath(t), "git-http-backend"),
		Env:  []string{"GIT_PROJECT_ROOT=" + projectRoot, "GIT_HTTP_EXPORT_ALL=1"},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/o/r.git/", func(w http.ResponseWriter, r *http.Request) {
		f.log(r)
		user, pass, ok := r.BasicAuth()
		if !ok || user != "x-access-token" || pass != f.token {
			w.Header().Set("WWW-Authenticate", `Basic realm="GitHub"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		backend.ServeHTTP(w, r)
	})
	mux.HandleFunc("GET /repos/o/r/pulls/7/commits", func(w http.ResponseWriter, r *http.Request) {
		f.log(r)
		if !f.authorized(w, r) {
			return
		}
		shas := f.commits[:min(len(f.commits), f.prCap)]
		f.page(w, r, shas, func(page []string) any {
			var out []map[string]any
			for _, s := range page {
				out = append(out, map[string]any{"sha": s, "commit": map[string]any{"message": "m"}})
			}
			return out
		})
	})
	mux.HandleFunc("GET /repos/o/r/compare/{spec}", func(w http.ResponseWriter, r *http.Request) {
		f.log(r)
		if !f.authorized(w, r) {
			return
		}
		if r.PathValue("spec") != f.base+"..."+f.head {
			http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
			return
		}
		f.page(w, r, f.commits, func(page []string) any {
			var cs []map[string]any
			for _, s := range page {
				cs = append(cs, map[string]any{"sha": s})
			}
			return map[string]any{"total_commits": len(f.commits), "commits": cs}
		})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.log(r)
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func gitExecPath(t *testing.T) string {
	out, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		t.Fatalf("git is needed: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func (f *fakeGitHub) log(r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
}

func (f *fakeGitHub) authorized(w http.ResponseWriter, r *http.Request) bool {
	if a := r.Header.Get("Authorization"); a != "Bearer "+f.token && a != "token "+f.token {
		http.Error(w, `{"message":"Requires authentication"}`, http.StatusUnauthorized)
		return false
	}
	return true
}

// page serves one page of items as GitHub does: per_page (at most 100, capped here at
// pageSize), page from 1, and a Link header with next and last.
func (f *fakeGitHub) page(w http.ResponseWriter, r *http.Request, items []string, render func([]string) any) {
	q := r.URL.Query()
	perPage := 30
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			http.Error(w, `{"message":"bad per_page"}`, http.StatusUnprocessableEntity)
			return
		}
		perPage = n
	}
	perPage = min(perPage, f.pageSize)
	page := 1
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			http.Error(w, `{"message":"bad page"}`, http.StatusUnprocessableEntity)
			return
		}
		page = n
	}
	last := max(1, (len(items)+perPage-1)/perPage)
	from := min((page-1)*perPage, len(items))
	to := min(from+perPage, len(items))
	link := func(p int) string {
		u := *r.URL
		qq := u.Query()
		qq.Set("page", strconv.Itoa(p))
		u.RawQuery = qq.Encode()
		return fmt.Sprintf("<%s%s>", f.srv.URL, u.RequestURI())
	}
	var links []string
	if page < last {
		links = append(links, link(page+1)+`; rel="next"`, link(last)+`; rel="last"`)
	}
	if page > 1 {
		links = append(links, link(1)+`; rel="first"`, link(page-1)+`; rel="prev"`)
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(render(items[from:to]))
}

// prSetup builds an origin with a pull request (refs/pull/7/head, 3 commits with secrets on top
// of main) served by a fake GitHub, and a workspace that is a shallow clone of main only, as
// actions/checkout leaves it.
func prSetup(t *testing.T) (*fakeGitHub, string, map[string]string, []string) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := newGitRepo(t, filepath.Join(root, "src"))
	f := newFakes(99)
	vals := map[string]string{"github-pat": f.githubToken(), "stripe-secret-key": f.stripeKey(), "slack-bot-token": f.slackBot()}
	base := src.Commit("base", "README.md", "hello\n")
	src.Git("checkout", "-q", "-b", "feature")
	var prCommits []string
	prCommits = append(prCommits, src.Commit("p1", "a.env", "GITHUB_TOKEN="+vals["github-pat"]+"\n"))
	prCommits = append(prCommits, src.Commit("p2", "b.py", "key = '"+vals["stripe-secret-key"]+"'\n"))
	prCommits = append(prCommits, src.Commit("p3", "c.py", "slack = '"+vals["slack-bot-token"]+"'\n", "a.env", ""))
	src.Git("checkout", "-q", "main")
	srv := filepath.Join(root, "srv")
	if err := os.MkdirAll(filepath.Join(srv, "o"), 0o755); err != nil {
		t.Fatal(err)
	}
	bare := filepath.Join(srv, "o", "r.git")
	src.Git("clone", "-q", "--bare", src.Dir, bare)
	src.Git("--git-dir", bare, "update-ref", "refs/pull/7/head", prCommits[2])
	src.Git("--git-dir", bare, "branch", "-D", "feature")

	gh := newFakeGitHub(t, srv)
	gh.commits, gh.base, gh.head = prCommits, base, prCommits[2]
	ws := filepath.Join(root, "ws")
	src.Git("clone", "-q", "--depth=1", "--branch", "main", "file://"+bare, ws)
	src.Git("-C", ws, "remote", "set-url", "origin", gh.srv.URL+"/o/r.git")
	return gh, ws, vals, prCommits
}

func TestPullRequestNotInCheckoutIsListedPaginatedAndFetched(t *testing.T) {
	for _, tc := range []struct {
		name        string
		prCap       int
		wantCompare bool
	}{
		{name: "pull request endpoint", prCap: 250},
		{name: "over the pull request endpoint's cap", prCap: 2, wantCompare: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gh, ws, vals, prCommits := prSetup(t)
			gh.prCap = tc.prCap
			event := writeEvent(t, "pull_request.opened.json", map[string]any{
				"number": 7, "pull_request.number": 7, "pull_request.commits": 3,
				"pull_request.base.sha": gh.base, "pull_request.head.sha": gh.head,
			})
			res := actiontest.Run(t, actiontest.Options{
				Action: "secret-scan", Run: run, Dir: ws, EventName: "pull_request", EventFile: event,
				Inputs: map[string]string{"report": "r.json", "token": gh.token},
				Env: map[string]string{
					"GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": gh.srv.URL, "GITHUB_SERVER_URL": gh.srv.URL,
				},
			})
			if res.Code != 1 {
				t.Fatalf("exit %d, want 1\n%s\n%s", res.Code, res.Stdout, res.Stderr)
			}
			got := locations(readReport(t, filepath.Join(ws, "r.json")))
			want := []located{
				{"github-pat", "a.env", 1, prCommits[0]},
				{"stripe-secret-key", "b.py", 1, prCommits[1]},
				{"slack-bot-token", "c.py", 1, prCommits[2]},
			}
			if !slices.Equal(got, want) {
				t.Errorf("findings\n got %+v\nwant %+v", got, want)
			}
			gh.mu.Lock()
			reqs := strings.Join(gh.requests, "\n")
			gh.mu.Unlock()
			// Every page was read: 3 commits in pages of 2.
			wantReqs := []string{"/repos/o/r/pulls/7/commits?per_page=100", "/repos/o/r/pulls/7/commits?page=2&per_page=100"}
			if tc.wantCompare {
				wantReqs = []string{"/repos/o/r/pulls/7/commits?per_page=100", "...", "?page=2&per_page=100"}
			}
			for _, want := range wantReqs {
				if !strings.Contains(reqs, want) {
					t.Errorf("no request %s in\n%s", want, reqs)
				}
			}
			if tc.wantCompare != strings.Contains(reqs, "/compare/") {
				t.Errorf("compare endpoint used = %v, want %v\n%s", !tc.wantCompare, tc.wantCompare, reqs)
			}
			if !strings.Contains(reqs, "/o/r.git/git-upload-pack") {
				t.Errorf("the commits were not fetched:\n%s", reqs)
			}
			// The token appears only in the command that masks it (the runner hides that line).
			var stdout []string
			for _, line := range strings.Split(res.Stdout, "\n") {
				if !strings.HasPrefix(line, "::add-mask::") {
					stdout = append(stdout, line)
				}
			}
			for where, text := range map[string]string{"stdout": strings.Join(stdout, "\n"), "stderr": res.Stderr, "summary": res.Summary} {
				for _, v := range vals {
					if strings.Contains(text, v) {
						t.Errorf("%s holds a planted secret", where)
					}
				}
				if strings.Contains(text, gh.token) || strings.Contains(text, base64.StdEncoding.EncodeToString([]byte("x-access-token:"+gh.token))) {
					t.Errorf("%s holds the token", where)
				}
			}
		})
	}
}

func TestPullRequestWithoutTokenIsAUsageError(t *testing.T) {
	gh, ws, _, _ := prSetup(t)
	event := writeEvent(t, "pull_request.opened.json", map[string]any{
		"pull_request.number": 7, "pull_request.base.sha": gh.base, "pull_request.head.sha": gh.head,
	})
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: ws, EventName: "pull_request", EventFile: event,
		Inputs: map[string]string{"token": ""},
		Env:    map[string]string{"GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": gh.srv.URL},
	})
	if res.Code != 2 || !strings.Contains(res.Stdout+res.Stderr, "token") {
		t.Errorf("exit %d, want 2 naming the token\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
}

func TestPullRequestInCheckoutScansBaseToHead(t *testing.T) {
	dir := t.TempDir()
	r := newGitRepo(t, dir)
	f := newFakes(5)
	tok := f.githubToken()
	r.Commit("old secret on main", "old.env", "TOKEN="+f.githubToken()+"\n")
	base := r.Commit("base", "README.md", "x\n")
	r.Git("checkout", "-q", "-b", "feature")
	head := r.Commit("pr", "new.env", "TOKEN="+tok+"\n")
	event := writeEvent(t, "pull_request.opened.json", map[string]any{
		"pull_request.base.sha": base, "pull_request.head.sha": head, "pull_request.commits": 1,
	})
	// No API server: the commits are local, so no request may be made.
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: dir, EventName: "pull_request", EventFile: event,
		Inputs: map[string]string{"report": "r.json"},
		Env:    map[string]string{"GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": "http://127.0.0.1:1"},
	})
	got := locations(readReport(t, filepath.Join(dir, "r.json")))
	if want := []located{{"github-pat", "new.env", 1, head}}; res.Code != 1 || !slices.Equal(got, want) {
		t.Errorf("exit %d, findings %+v, want %+v\n%s", res.Code, got, want, res.Stderr)
	}
}

func TestPushEvents(t *testing.T) {
	dir := t.TempDir()
	r := newGitRepo(t, dir)
	f := newFakes(11)
	old := r.Commit("old", "old.env", "TOKEN="+f.githubToken()+"\n")
	c1 := r.Commit("c1", "one.env", "TOKEN="+f.githubToken()+"\n")
	c2 := r.Commit("c2", "two.env", "KEY="+f.stripeKey()+"\n")
	zero := strings.Repeat("0", 40)
	tests := []struct {
		name  string
		edits map[string]any
		want  []located
	}{
		{
			name:  "before..after",
			edits: map[string]any{"before": old, "after": c2, "ref": "refs/heads/main"},
			want:  []located{{"github-pat", "one.env", 1, c1}, {"stripe-secret-key", "two.env", 1, c2}},
		},
		{
			name: "new branch: the pushed commits",
			edits: map[string]any{"before": zero, "after": c2, "ref": "refs/heads/main", "created": true,
				"commits": []any{map[string]any{"id": c2, "distinct": true}}},
			want: []located{{"stripe-secret-key", "two.env", 1, c2}},
		},
		{
			name:  "deleted branch",
			edits: map[string]any{"before": c2, "after": zero, "ref": "refs/heads/gone", "deleted": true},
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			event := writeEvent(t, "push.with-new-branch.json", tt.edits)
			res := actiontest.Run(t, actiontest.Options{
				Action: "secret-scan", Run: run, Dir: dir, EventName: "push", EventFile: event,
				Inputs: map[string]string{"report": "r-" + strings.ReplaceAll(tt.name, " ", "_") + ".json", "fail-on-findings": "false"},
			})
			if res.Code != 0 {
				t.Fatalf("exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
			}
			got := locations(readReport(t, filepath.Join(dir, "r-"+strings.ReplaceAll(tt.name, " ", "_")+".json")))
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestMergeGroupScansBaseToHead(t *testing.T) {
	dir := t.TempDir()
	r := newGitRepo(t, dir)
	f := newFakes(21)
	r.Commit("old", "old.env", "TOKEN="+f.githubToken()+"\n")
	base := r.Commit("base", "README.md", "x\n")
	head := r.Commit("queued", "q.py", "k = '"+f.stripeKey()+"'\n")
	event := writeEvent(t, "merge_group.checks_requested.json", map[string]any{
		"merge_group.base_sha": base, "merge_group.head_sha": head,
	})
	res := actiontest.Run(t, actiontest.Options{
		Action: "secret-scan", Run: run, Dir: dir, EventName: "merge_group", EventFile: event,
		Inputs: map[string]string{"report": "r.json"},
	})
	got := locations(readReport(t, filepath.Join(dir, "r.json")))
	if want := []located{{"stripe-secret-key", "q.py", 1, head}}; res.Code != 1 || !slices.Equal(got, want) {
		t.Errorf("exit %d, findings %+v, want %+v\n%s", res.Code, got, want, res.Stdout)
	}
}

func TestOtherEventsScanTheHistory(t *testing.T) {
	dir := t.TempDir()
	r := newGitRepo(t, dir)
	f := newFakes(77)
	c1 := r.Commit("c1", "a.env", "TOKEN="+f.githubToken()+"\n")
	for _, name := range []string{"schedule", "workflow_dispatch", "release"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "event.json")
			if err := os.WriteFile(p, []byte(`{"schedule":"17 3 * * 1","inputs":{}}`), 0o644); err != nil {
				t.Fatal(err)
			}
			res := actiontest.Run(t, actiontest.Options{
				Action: "secret-scan", Run: run, Dir: dir, EventName: name, EventFile: p,
				Inputs: map[string]string{"report": name + ".json"},
			})
			got := locations(readReport(t, filepath.Join(dir, name+".json")))
			if want := []located{{"github-pat", "a.env", 1, c1}}; res.Code != 1 || !slices.Equal(got, want) {
				t.Errorf("exit %d, findings %+v, want %+v\n%s", res.Code, got, want, res.Stdout)
			}
		})
	}
}
