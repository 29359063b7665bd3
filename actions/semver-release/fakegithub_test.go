package main

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// fakeGitHub serves the part of GitHub's REST API the action uses, as GitHub
// does: it checks the token, the API version header, methods, paths and JSON
// bodies; answers with GitHub-shaped JSON; returns 404 for what does not
// exist and 422 for a duplicate ref or release, an unknown object or a
// missing ref to update. Any other request fails the test.
type fakeGitHub struct {
	errorf func(format string, args ...any) // reports a request GitHub would not expect
	srv    *httptest.Server
	token  string
	owner  string
	repo   string
	branch string // default branch head (GitHub tags it for a release of a missing tag)

	mu      sync.Mutex
	commits map[string]bool
	// isCommit, when set, answers for SHAs not in commits (the repository
	// pushed to GitHub).
	isCommit func(sha string) bool
	refs     map[string]string // "refs/tags/v1.2.3" -> object SHA
	tags     map[string]fakeTag
	releases []map[string]any
	calls    []string // "METHOD path" of every request
	nextID   int64
	// readOnly makes every write answer 403 as GitHub does for a token
	// without the contents write permission.
	readOnly bool
	// beforeCreateRef, when set, runs before a ref is created (to simulate a
	// concurrent run).
	beforeCreateRef func(ref string)
	// releaseStatus, when set, is GitHub's answer to creating a release (a
	// 5xx outage, or 422 for a body GitHub refuses); refDeleteStatus the same
	// for deleting a ref.
	releaseStatus, refDeleteStatus int
}

type fakeTag struct {
	Tag, Message, ObjectSHA, ObjectType string
}

func newFakeGitHub(t *testing.T, commits []string) *fakeGitHub {
	f := startFakeGitHub(t.Errorf, commits)
	t.Cleanup(f.srv.Close)
	return f
}

// startFakeGitHub starts the server; the caller closes f.srv.
func startFakeGitHub(errorf func(string, ...any), commits []string) *fakeGitHub {
	f := &fakeGitHub{errorf: errorf, token: "ghs_testtoken0123456789abcdefghijklmnopqr", owner: "rose", repo: "service",
		commits: map[string]bool{}, refs: map[string]string{}, tags: map[string]fakeTag{}, nextID: 1000}
	for _, c := range commits {
		f.commits[c] = true
	}
	if len(commits) > 0 {
		f.branch = commits[0]
	}
	mux := http.NewServeMux()
	base := "/repos/{owner}/{repo}"
	mux.HandleFunc("GET "+base+"/git/ref/{ref...}", f.getRef)
	mux.HandleFunc("POST "+base+"/git/refs", f.createRef)
	mux.HandleFunc("PATCH "+base+"/git/refs/{ref...}", f.updateRef)
	mux.HandleFunc("DELETE "+base+"/git/refs/{ref...}", f.deleteRef)
	mux.HandleFunc("POST "+base+"/git/tags", f.createTag)
	mux.HandleFunc("GET "+base+"/git/tags/{sha}", f.getTag)
	mux.HandleFunc("GET "+base+"/releases/tags/{tag...}", f.getReleaseByTag)
	mux.HandleFunc("POST "+base+"/releases", f.createRelease)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.errorf("unexpected request %s %s", r.Method, r.URL.Path)
		f.fail(w, http.StatusNotFound, "Not Found", nil)
	})
	// Handlers run under f.mu (see guard); the server is recorded under it too, since requests come from
	// another process and the race detector sees no order between this write and their reads.
	srv := httptest.NewServer(f.guard(mux))
	f.mu.Lock()
	f.srv = srv
	f.mu.Unlock()
	return f
}

// env returns the variables that point the action at this server.
func (f *fakeGitHub) env() map[string]string {
	return map[string]string{"GITHUB_API_URL": f.srv.URL, "GITHUB_REPOSITORY": f.owner + "/" + f.repo,
		"GITHUB_SERVER_URL": "https://github.com"}
}

func (f *fakeGitHub) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.calls = append(f.calls, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+f.token {
			f.fail(w, http.StatusUnauthorized, "Bad credentials", nil)
			return
		}
		if r.Header.Get("X-GitHub-Api-Version") == "" || !strings.Contains(r.Header.Get("Accept"), "application/vnd.github") {
			f.errorf("%s %s without GitHub's Accept or X-GitHub-Api-Version headers", r.Method, r.URL.Path)
		}
		if (r.Method == http.MethodPost || r.Method == http.MethodPatch) && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			f.fail(w, http.StatusUnsupportedMediaType, "Unsupported Media Type", nil)
			return
		}
		if o, rp, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/repos/"), "/"); !ok || o != f.owner || !strings.HasPrefix(rp, f.repo+"/") {
			f.fail(w, http.StatusNotFound, "Not Found", nil)
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.readOnly && r.Method != http.MethodGet {
			f.fail(w, http.StatusForbidden, "Resource not accessible by integration", nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (f *fakeGitHub) fail(w http.ResponseWriter, code int, msg string, errs []map[string]string) {
	body := map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest", "status": fmt.Sprint(code)}
	if errs != nil {
		body["errors"] = errs
	}
	f.reply(w, code, body)
}

func (f *fakeGitHub) reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// body decodes a JSON object and checks the types of its fields: want maps
// a field to "string", "bool" or "object"; a leading "!" marks it required.
func (f *fakeGitHub) body(w http.ResponseWriter, r *http.Request, want map[string]string) (map[string]any, bool) {
	var m map[string]any
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		f.fail(w, http.StatusBadRequest, "Problems parsing JSON", nil)
		return nil, false
	}
	for k, typ := range want {
		required := strings.HasPrefix(typ, "!")
		typ = strings.TrimPrefix(typ, "!")
		v, ok := m[k]
		if !ok {
			if required {
				f.fail(w, http.StatusUnprocessableEntity, "Invalid request.\n\n\""+k+"\" wasn't supplied.", nil)
				return nil, false
			}
			continue
		}
		okType := false
		switch typ {
		case "string":
			_, okType = v.(string)
		case "bool":
			_, okType = v.(bool)
		case "object":
			_, okType = v.(map[string]any)
		}
		if !okType {
			f.fail(w, http.StatusUnprocessableEntity, fmt.Sprintf("Invalid request.\n\nFor '%s', %v is not a %s.", k, v, typ), nil)
			return nil, false
		}
	}
	return m, true
}

var shaRe = regexp.MustCompile(`^[0-9a-f]{40}$`)

func (f *fakeGitHub) apiURL(p string) string {
	return f.srv.URL + "/repos/" + f.owner + "/" + f.repo + p
}

func (f *fakeGitHub) refJSON(ref string) map[string]any {
	sha := f.refs[ref]
	typ := "commit"
	if _, ok := f.tags[sha]; ok {
		typ = "tag"
	}
	return map[string]any{"ref": ref, "node_id": "REF_" + sha[:8], "url": f.apiURL("/git/" + ref),
		"object": map[string]any{"type": typ, "sha": sha, "url": f.apiURL("/git/" + typ + "s/" + sha)}}
}

func (f *fakeGitHub) getRef(w http.ResponseWriter, r *http.Request) {
	ref := "refs/" + r.PathValue("ref")
	if _, ok := f.refs[ref]; !ok {
		f.fail(w, http.StatusNotFound, "Not Found", nil)
		return
	}
	f.reply(w, http.StatusOK, f.refJSON(ref))
}

func (f *fakeGitHub) createRef(w http.ResponseWriter, r *http.Request) {
	m, ok := f.body(w, r, map[string]string{"ref": "!string", "sha": "!string"})
	if !ok {
		return
	}
	ref, sha := m["ref"].(string), m["sha"].(string)
	if !strings.HasPrefix(ref, "refs/") || strings.Count(ref, "/") < 2 || strings.Contains(ref, "..") || strings.ContainsAny(ref, " ~^:?*[\\") {
		f.fail(w, http.StatusUnprocessableEntity, "Reference name is invalid", nil)
		return
	}
	if !shaRe.MatchString(sha) || (!f.known(sha) && f.tags[sha] == (fakeTag{})) {
		f.fail(w, http.StatusUnprocessableEntity, "Object does not exist", nil)
		return
	}
	if f.beforeCreateRef != nil {
		f.beforeCreateRef(ref)
	}
	if _, exists := f.refs[ref]; exists {
		f.fail(w, http.StatusUnprocessableEntity, "Reference already exists",
			[]map[string]string{{"resource": "Reference", "code": "already_exists", "field": "ref"}})
		return
	}
	f.refs[ref] = sha
	f.reply(w, http.StatusCreated, f.refJSON(ref))
}

func (f *fakeGitHub) updateRef(w http.ResponseWriter, r *http.Request) {
	m, ok := f.body(w, r, map[string]string{"sha": "!string", "force": "bool"})
	if !ok {
		return
	}
	ref := "refs/" + r.PathValue("ref")
	if _, exists := f.refs[ref]; !exists {
		f.fail(w, http.StatusUnprocessableEntity, "Reference does not exist", nil)
		return
	}
	sha := m["sha"].(string)
	if !f.known(sha) && f.tags[sha] == (fakeTag{}) {
		f.fail(w, http.StatusUnprocessableEntity, "Object does not exist", nil)
		return
	}
	if force, _ := m["force"].(bool); !force && strings.HasPrefix(ref, "refs/tags/") {
		// A tag moved to an unrelated commit is not a fast-forward.
		f.fail(w, http.StatusUnprocessableEntity, "Update is not a fast forward", nil)
		return
	}
	f.refs[ref] = sha
	f.reply(w, http.StatusOK, f.refJSON(ref))
}

func (f *fakeGitHub) deleteRef(w http.ResponseWriter, r *http.Request) {
	if f.refDeleteStatus != 0 {
		f.fail(w, f.refDeleteStatus, http.StatusText(f.refDeleteStatus), nil)
		return
	}
	ref := "refs/" + r.PathValue("ref")
	if _, exists := f.refs[ref]; !exists {
		f.fail(w, http.StatusUnprocessableEntity, "Reference does not exist", nil)
		return
	}
	delete(f.refs, ref)
	w.WriteHeader(http.StatusNoContent)
}

func (f *fakeGitHub) tagJSON(sha string) map[string]any {
	t := f.tags[sha]
	return map[string]any{"node_id": "TAG_" + sha[:8], "tag": t.Tag, "sha": sha, "url": f.apiURL("/git/tags/" + sha),
		"message":      t.Message,
		"tagger":       map[string]any{"name": "github-actions[bot]", "email": "41898282+github-actions[bot]@users.noreply.github.com", "date": "2026-01-31T12:00:00Z"},
		"object":       map[string]any{"type": t.ObjectType, "sha": t.ObjectSHA, "url": f.apiURL("/git/commits/" + t.ObjectSHA)},
		"verification": map[string]any{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil}}
}

func (f *fakeGitHub) createTag(w http.ResponseWriter, r *http.Request) {
	m, ok := f.body(w, r, map[string]string{"tag": "!string", "message": "!string", "object": "!string", "type": "!string", "tagger": "object"})
	if !ok {
		return
	}
	obj, typ := m["object"].(string), m["type"].(string)
	if typ != "commit" && typ != "tree" && typ != "blob" && typ != "tag" {
		f.fail(w, http.StatusUnprocessableEntity, "Invalid request.\n\n"+typ+" is not a member of [\"commit\", \"tree\", \"blob\"].", nil)
		return
	}
	if typ != "commit" || !f.known(obj) {
		f.fail(w, http.StatusUnprocessableEntity, "Object does not exist", nil)
		return
	}
	t := fakeTag{Tag: m["tag"].(string), Message: m["message"].(string), ObjectSHA: obj, ObjectType: typ}
	sum := sha1.Sum([]byte(fmt.Sprintf("%+v %d", t, len(f.tags))))
	sha := hex.EncodeToString(sum[:])
	f.tags[sha] = t
	f.reply(w, http.StatusCreated, f.tagJSON(sha))
}

func (f *fakeGitHub) getTag(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	if _, ok := f.tags[sha]; !ok {
		f.fail(w, http.StatusNotFound, "Not Found", nil)
		return
	}
	f.reply(w, http.StatusOK, f.tagJSON(sha))
}

func (f *fakeGitHub) getReleaseByTag(w http.ResponseWriter, r *http.Request) {
	for _, rel := range f.releases {
		if rel["tag_name"] == r.PathValue("tag") {
			f.reply(w, http.StatusOK, rel)
			return
		}
	}
	f.fail(w, http.StatusNotFound, "Not Found", nil)
}

func (f *fakeGitHub) createRelease(w http.ResponseWriter, r *http.Request) {
	m, ok := f.body(w, r, map[string]string{"tag_name": "!string", "target_commitish": "string", "name": "string",
		"body": "string", "draft": "bool", "prerelease": "bool", "make_latest": "string", "generate_release_notes": "bool"})
	if !ok {
		return
	}
	if f.releaseStatus != 0 {
		f.fail(w, f.releaseStatus, http.StatusText(f.releaseStatus), nil)
		return
	}
	tag := m["tag_name"].(string)
	for _, rel := range f.releases {
		if rel["tag_name"] == tag {
			f.fail(w, http.StatusUnprocessableEntity, "Validation Failed",
				[]map[string]string{{"resource": "Release", "code": "already_exists", "field": "tag_name"}})
			return
		}
	}
	if ml, ok := m["make_latest"].(string); ok && ml != "true" && ml != "false" && ml != "legacy" {
		f.fail(w, http.StatusUnprocessableEntity, "Validation Failed",
			[]map[string]string{{"resource": "Release", "code": "invalid", "field": "make_latest"}})
		return
	}
	if _, ok := f.refs["refs/tags/"+tag]; !ok {
		// GitHub creates a lightweight tag at the default branch.
		f.refs["refs/tags/"+tag] = f.branch
	}
	f.nextID++
	rel := map[string]any{
		"url": f.apiURL(fmt.Sprintf("/releases/%d", f.nextID)), "id": f.nextID,
		"html_url": "https://github.com/" + f.owner + "/" + f.repo + "/releases/tag/" + tag,
		"tag_name": tag, "target_commitish": "main", "name": m["name"], "body": m["body"],
		"draft": m["draft"] == true, "prerelease": m["prerelease"] == true, "make_latest": m["make_latest"],
		"created_at": "2026-01-31T12:00:00Z", "published_at": "2026-01-31T12:00:00Z",
		"author": map[string]any{"login": "github-actions[bot]", "id": 41898282, "type": "Bot"},
		"assets": []any{},
	}
	f.releases = append(f.releases, rel)
	f.reply(w, http.StatusCreated, rel)
}

// writes returns the mutating calls made so far.
func (f *fakeGitHub) writes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if !strings.HasPrefix(c, "GET ") {
			out = append(out, c)
		}
	}
	return out
}

// peeled returns the commit a tag ref points at and whether it is annotated.
func (f *fakeGitHub) peeled(ref string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	sha, ok := f.refs[ref]
	if !ok {
		return "", false
	}
	if t, ok := f.tags[sha]; ok {
		return t.ObjectSHA, true
	}
	return sha, false
}

// addAnnotatedTag stores a tag object and ref as an earlier run would have.
func (f *fakeGitHub) addAnnotatedTag(name, commit string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := fakeTag{Tag: name, Message: "Release " + name, ObjectSHA: commit, ObjectType: "commit"}
	sum := sha1.Sum([]byte(name + commit))
	sha := hex.EncodeToString(sum[:])
	f.tags[sha] = t
	f.refs["refs/tags/"+name] = sha
}

func (f *fakeGitHub) known(sha string) bool {
	return f.commits[sha] || (f.isCommit != nil && shaRe.MatchString(sha) && f.isCommit(sha))
}
