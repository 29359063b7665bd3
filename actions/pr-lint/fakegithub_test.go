package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeGitHub is an httptest server that answers the REST API calls pr-lint makes the way GitHub does:
// it checks the token, the method, the path, the query and the JSON bodies, paginates with Link headers,
// and refuses what GitHub would refuse.
type fakeGitHub struct {
	t     *testing.T
	srv   *httptest.Server
	owner string
	repo  string
	token string

	mu sync.Mutex
	// pr is the pull request; mergeable answers are taken from mergeableSeq, one per GET, the last repeated.
	pr           map[string]any
	number       int
	mergeableSeq []*bool
	prGets       int
	files        []map[string]any // pull request files
	tree         map[string]int64 // head tree: path -> size
	treeSHA      string
	blobs        map[string]string // sha -> content
	contents     map[string]string // "ref:path" -> content
	commits      []map[string]any
	comments     []map[string]any
	nextID       int64
	requests     []string // "METHOD path?query"
	commentCalls []string // METHOD of comment writes, in order
	// readOnly makes writes fail as with a fork's read-only GITHUB_TOKEN.
	readOnly bool
}

func newFakeGitHub(t *testing.T, owner, repo, token string) *fakeGitHub {
	f := &fakeGitHub{t: t, owner: owner, repo: repo, token: token, nextID: 1000,
		blobs: map[string]string{}, contents: map[string]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func boolPtr(b bool) *bool { return &b }

func (f *fakeGitHub) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		f.t.Errorf("encode: %v", err)
	}
}

func (f *fakeGitHub) fail(w http.ResponseWriter, status int, msg string) {
	f.writeJSON(w, status, map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest"})
}

// paginate answers one page of items with GitHub's Link header.
func (f *fakeGitHub) paginate(w http.ResponseWriter, r *http.Request, items []map[string]any, maxPerPage int) {
	perPage, page := 30, 1
	if v := r.URL.Query().Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			f.fail(w, http.StatusUnprocessableEntity, "per_page must be a positive number")
			return
		}
		perPage = min(n, 100)
	}
	if v := r.URL.Query().Get("page"); v != "" {
		page, _ = strconv.Atoi(v)
	}
	if maxPerPage > 0 && len(items) > maxPerPage {
		items = items[:maxPerPage]
	}
	start := min((page-1)*perPage, len(items))
	end := min(start+perPage, len(items))
	if end < len(items) {
		next := *r.URL
		q := next.Query()
		q.Set("page", strconv.Itoa(page+1))
		q.Set("per_page", strconv.Itoa(perPage))
		next.RawQuery = q.Encode()
		w.Header().Set("Link", fmt.Sprintf(`<%s%s>; rel="next"`, f.srv.URL, next.RequestURI()))
	}
	f.writeJSON(w, http.StatusOK, items[start:end])
}

var (
	rePull         = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/([0-9]+)$`)
	rePullFiles    = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/([0-9]+)/files$`)
	rePullCommits  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/([0-9]+)/commits$`)
	reTree         = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/git/trees/([0-9a-f]{40})$`)
	reBlob         = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/git/blobs/([0-9a-f]{40})$`)
	reContents     = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/contents/(.+)$`)
	reIssueComment = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/([0-9]+)/comments$`)
	reComment      = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/([0-9]+)$`)
)

func (f *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
	if got := r.Header.Get("Authorization"); got != "Bearer "+f.token {
		f.fail(w, http.StatusUnauthorized, "Bad credentials")
		return
	}
	if r.Header.Get("User-Agent") == "" {
		f.fail(w, http.StatusForbidden, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header")
		return
	}
	path := r.URL.Path
	if f.readOnly && r.Method != http.MethodGet {
		f.fail(w, http.StatusForbidden, "Resource not accessible by integration")
		return
	}
	repoOK := func(m []string) bool {
		if m[1] != f.owner || m[2] != f.repo {
			f.fail(w, http.StatusNotFound, "Not Found")
			return false
		}
		return true
	}
	numberOK := func(m []string) bool {
		if !repoOK(m) {
			return false
		}
		if n, _ := strconv.Atoi(m[3]); n != f.number {
			f.fail(w, http.StatusNotFound, "Not Found")
			return false
		}
		return true
	}
	switch {
	case path == "/user" && r.Method == http.MethodGet:
		// An installation token (GITHUB_TOKEN) cannot read /user.
		f.fail(w, http.StatusForbidden, "Resource not accessible by integration")
	case rePull.MatchString(path) && r.Method == http.MethodGet:
		if m := rePull.FindStringSubmatch(path); numberOK(m) {
			pr := map[string]any{}
			for k, v := range f.pr {
				pr[k] = v
			}
			if len(f.mergeableSeq) > 0 {
				mg := f.mergeableSeq[min(f.prGets, len(f.mergeableSeq)-1)]
				pr["mergeable"], pr["mergeable_state"] = nil, "unknown"
				if mg != nil {
					pr["mergeable"], pr["mergeable_state"] = *mg, map[bool]string{true: "clean", false: "dirty"}[*mg]
				}
			}
			f.prGets++
			f.writeJSON(w, http.StatusOK, pr)
		}
	case rePullFiles.MatchString(path) && r.Method == http.MethodGet:
		if m := rePullFiles.FindStringSubmatch(path); numberOK(m) {
			f.paginate(w, r, f.files, 3000) // GitHub lists at most 3000 files
		}
	case rePullCommits.MatchString(path) && r.Method == http.MethodGet:
		if m := rePullCommits.FindStringSubmatch(path); numberOK(m) {
			f.paginate(w, r, f.commits, 250)
		}
	case reTree.MatchString(path) && r.Method == http.MethodGet:
		m := reTree.FindStringSubmatch(path)
		if !repoOK(m) {
			return
		}
		if m[3] != f.treeSHA || f.tree == nil {
			f.fail(w, http.StatusNotFound, "Not Found")
			return
		}
		if r.URL.Query().Get("recursive") == "" {
			f.t.Errorf("tree listed without recursive=1: %s", r.URL)
		}
		paths := make([]string, 0, len(f.tree))
		for p := range f.tree {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		var entries []map[string]any
		for _, p := range paths {
			entries = append(entries, map[string]any{"path": p, "mode": "100644", "type": "blob",
				"sha": fakeSHA(p), "size": f.tree[p], "url": f.srv.URL + "/blob"})
		}
		f.writeJSON(w, http.StatusOK, map[string]any{"sha": m[3], "url": f.srv.URL + path, "tree": entries, "truncated": false})
	case reBlob.MatchString(path) && r.Method == http.MethodGet:
		m := reBlob.FindStringSubmatch(path)
		if !repoOK(m) {
			return
		}
		content, ok := f.blobs[m[3]]
		if !ok {
			f.fail(w, http.StatusNotFound, "Not Found")
			return
		}
		if r.Header.Get("Accept") != "application/vnd.github.v3.raw" {
			f.writeJSON(w, http.StatusOK, map[string]any{"sha": m[3], "size": len(content), "encoding": "base64",
				"content": base64.StdEncoding.EncodeToString([]byte(content))})
			return
		}
		w.Header().Set("Content-Type", "application/vnd.github.raw")
		_, _ = io.WriteString(w, content)
	case reContents.MatchString(path) && r.Method == http.MethodGet:
		m := reContents.FindStringSubmatch(path)
		if !repoOK(m) {
			return
		}
		ref := r.URL.Query().Get("ref")
		content, ok := f.contents[ref+":"+m[3]]
		if !ok {
			f.fail(w, http.StatusNotFound, "Not Found")
			return
		}
		f.writeJSON(w, http.StatusOK, map[string]any{"type": "file", "encoding": "base64", "name": m[3], "path": m[3],
			"size": len(content), "sha": fakeSHA(content), "content": base64.StdEncoding.EncodeToString([]byte(content))})
	case reIssueComment.MatchString(path):
		m := reIssueComment.FindStringSubmatch(path)
		if !numberOK(m) {
			return
		}
		switch r.Method {
		case http.MethodGet:
			f.paginate(w, r, f.comments, 0)
		case http.MethodPost:
			body, ok := f.commentBody(w, r)
			if !ok {
				return
			}
			f.nextID++
			now := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC).Format(time.RFC3339)
			c := map[string]any{"id": f.nextID, "node_id": fmt.Sprintf("IC_%d", f.nextID), "body": body,
				"user":       map[string]any{"login": "github-actions[bot]", "id": 41898282, "type": "Bot"},
				"html_url":   fmt.Sprintf("https://github.com/%s/%s/pull/%d#issuecomment-%d", f.owner, f.repo, f.number, f.nextID),
				"created_at": now, "updated_at": now, "author_association": "NONE"}
			f.comments = append(f.comments, c)
			f.commentCalls = append(f.commentCalls, "create")
			f.writeJSON(w, http.StatusCreated, c)
		default:
			f.fail(w, http.StatusNotFound, "Not Found")
		}
	case reComment.MatchString(path):
		m := reComment.FindStringSubmatch(path)
		if !repoOK(m) {
			return
		}
		id, _ := strconv.ParseInt(m[3], 10, 64)
		idx := -1
		for i, c := range f.comments {
			if c["id"].(int64) == id {
				idx = i
			}
		}
		if idx < 0 {
			f.fail(w, http.StatusNotFound, "Not Found")
			return
		}
		if f.comments[idx]["user"].(map[string]any)["type"] != "Bot" {
			f.t.Errorf("%s of another user's comment %d", r.Method, id)
		}
		switch r.Method {
		case http.MethodPatch:
			body, ok := f.commentBody(w, r)
			if !ok {
				return
			}
			f.comments[idx]["body"] = body
			f.commentCalls = append(f.commentCalls, "update")
			f.writeJSON(w, http.StatusOK, f.comments[idx])
		case http.MethodDelete:
			f.comments = append(f.comments[:idx], f.comments[idx+1:]...)
			f.commentCalls = append(f.commentCalls, "delete")
			w.WriteHeader(http.StatusNoContent)
		default:
			f.fail(w, http.StatusNotFound, "Not Found")
		}
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		f.fail(w, http.StatusNotFound, "Not Found")
	}
}

// commentBody validates a comment write: a JSON object with a non-empty "body" of at most 65536 characters.
func (f *fakeGitHub) commentBody(w http.ResponseWriter, r *http.Request) (string, bool) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		f.fail(w, http.StatusUnsupportedMediaType, "Unsupported Media Type")
		return "", false
	}
	var in map[string]any
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		f.fail(w, http.StatusBadRequest, "Problems parsing JSON")
		return "", false
	}
	body, ok := in["body"].(string)
	if !ok || body == "" {
		f.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "Invalid request.\n\n\"body\" wasn't supplied."})
		return "", false
	}
	if len([]rune(body)) > 65536 {
		f.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "Validation Failed",
			"errors": []map[string]any{{"resource": "IssueComment", "code": "unprocessable", "field": "data", "message": "Body is too long (maximum is 65536 characters)"}}})
		return "", false
	}
	for k := range in {
		if k != "body" {
			f.t.Errorf("comment write with unexpected field %q", k)
		}
	}
	return body, true
}

// fakeSHA is a stable 40-hex id for a test value.
func fakeSHA(s string) string {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return fmt.Sprintf("%016x%016x%08x", h, h*31, uint32(h>>7))
}

// countRequests counts the requests whose "METHOD path" starts with prefix.
func (f *fakeGitHub) countRequests(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}
