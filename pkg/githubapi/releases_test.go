package githubapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// gitServer answers the git-data and release endpoints Releases uses, with the JSON shapes and status
// codes GitHub gives: 404 for a missing ref or release, 422 for a duplicate ref or release, 201 on create,
// 204 on delete. fail makes the endpoint "METHOD pattern" answer with a status instead.
type gitServer struct {
	mu       sync.Mutex
	refs     map[string]string         // "tags/v1.0.0" -> object SHA
	tags     map[string]string         // tag object SHA -> commit SHA
	releases map[string]map[string]any // tag -> release
	fail     map[string]int            // "POST /releases" -> status
	calls    []string
	bodies   map[string]map[string]any // last JSON body per "METHOD pattern"
	before   map[string]func()         // runs before the endpoint answers
}

func newGitServer(t *testing.T) (*gitServer, Releases) {
	g := &gitServer{refs: map[string]string{}, tags: map[string]string{}, releases: map[string]map[string]any{},
		fail: map[string]int{}, bodies: map[string]map[string]any{}, before: map[string]func(){}}
	mux := http.NewServeMux()
	const base = "/repos/o/r"
	handle := func(pattern string, h func(w http.ResponseWriter, r *http.Request, body map[string]any)) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			g.mu.Lock()
			defer g.mu.Unlock()
			key := strings.Replace(pattern, base, "", 1)
			g.calls = append(g.calls, r.Method+" "+r.URL.Path)
			var body map[string]any
			if r.Method == http.MethodPost || r.Method == http.MethodPatch {
				if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
					reply(w, http.StatusBadRequest, map[string]any{"message": "Problems parsing JSON"})
					return
				}
				g.bodies[key] = body
			}
			if f := g.before[key]; f != nil {
				f()
			}
			if code := g.fail[key]; code != 0 {
				reply(w, code, map[string]any{"message": http.StatusText(code)})
				return
			}
			h(w, r, body)
		})
	}
	refJSON := func(ref string) map[string]any {
		sha, typ := g.refs[ref], "commit"
		if _, ok := g.tags[sha]; ok {
			typ = "tag"
		}
		return map[string]any{"ref": "refs/" + ref, "object": map[string]any{"type": typ, "sha": sha}}
	}
	handle("GET "+base+"/git/ref/{ref...}", func(w http.ResponseWriter, r *http.Request, _ map[string]any) {
		if _, ok := g.refs[r.PathValue("ref")]; !ok {
			reply(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
			return
		}
		reply(w, http.StatusOK, refJSON(r.PathValue("ref")))
	})
	handle("POST "+base+"/git/refs", func(w http.ResponseWriter, r *http.Request, b map[string]any) {
		ref := strings.TrimPrefix(b["ref"].(string), "refs/")
		if _, ok := g.refs[ref]; ok {
			reply(w, http.StatusUnprocessableEntity, map[string]any{"message": "Reference already exists"})
			return
		}
		g.refs[ref] = b["sha"].(string)
		reply(w, http.StatusCreated, refJSON(ref))
	})
	handle("PATCH "+base+"/git/refs/{ref...}", func(w http.ResponseWriter, r *http.Request, b map[string]any) {
		if _, ok := g.refs[r.PathValue("ref")]; !ok {
			reply(w, http.StatusUnprocessableEntity, map[string]any{"message": "Reference does not exist"})
			return
		}
		g.refs[r.PathValue("ref")] = b["sha"].(string)
		reply(w, http.StatusOK, refJSON(r.PathValue("ref")))
	})
	handle("DELETE "+base+"/git/refs/{ref...}", func(w http.ResponseWriter, r *http.Request, _ map[string]any) {
		if _, ok := g.refs[r.PathValue("ref")]; !ok {
			reply(w, http.StatusUnprocessableEntity, map[string]any{"message": "Reference does not exist"})
			return
		}
		delete(g.refs, r.PathValue("ref"))
		w.WriteHeader(http.StatusNoContent)
	})
	handle("POST "+base+"/git/tags", func(w http.ResponseWriter, r *http.Request, b map[string]any) {
		sha := fmt.Sprintf("%040x", len(g.tags)+0xabc)
		g.tags[sha] = b["object"].(string)
		reply(w, http.StatusCreated, map[string]any{"sha": sha, "tag": b["tag"], "message": b["message"],
			"object": map[string]any{"type": "commit", "sha": b["object"]}})
	})
	handle("GET "+base+"/git/tags/{sha}", func(w http.ResponseWriter, r *http.Request, _ map[string]any) {
		commit, ok := g.tags[r.PathValue("sha")]
		if !ok {
			reply(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
			return
		}
		reply(w, http.StatusOK, map[string]any{"sha": r.PathValue("sha"), "object": map[string]any{"type": "commit", "sha": commit}})
	})
	handle("GET "+base+"/releases/tags/{tag...}", func(w http.ResponseWriter, r *http.Request, _ map[string]any) {
		rel, ok := g.releases[r.PathValue("tag")]
		if !ok {
			reply(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
			return
		}
		reply(w, http.StatusOK, rel)
	})
	handle("POST "+base+"/releases", func(w http.ResponseWriter, r *http.Request, b map[string]any) {
		tag := b["tag_name"].(string)
		if _, ok := g.releases[tag]; ok {
			reply(w, http.StatusUnprocessableEntity, map[string]any{"message": "Validation Failed",
				"errors": []any{map[string]any{"resource": "Release", "code": "already_exists", "field": "tag_name"}}})
			return
		}
		b["html_url"] = "https://github.com/o/r/releases/tag/" + tag
		g.releases[tag] = b
		reply(w, http.StatusCreated, b)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c, err := New(Options{BaseURL: srv.URL, Token: "t", MaxRetries: 1,
		Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return g, Releases{Client: c, Owner: "o", Repo: "r"}
}

func reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

const (
	commitA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	commitB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

func TestEnsureTag(t *testing.T) {
	ctx := context.Background()
	g, rs := newGitServer(t)
	created, err := rs.EnsureTag(ctx, "v1.0.0", commitA, "Release v1.0.0")
	if err != nil || !created {
		t.Fatalf("EnsureTag = %v, %v; want created", created, err)
	}
	if g.bodies["POST /git/tags"]["message"] != "Release v1.0.0" || g.bodies["POST /git/tags"]["type"] != "commit" {
		t.Errorf("tag object body = %v", g.bodies["POST /git/tags"])
	}
	if sha, ok, err := rs.TagCommit(ctx, "v1.0.0"); err != nil || !ok || sha != commitA {
		t.Errorf("TagCommit = %s, %v, %v; want the commit through the annotated tag", sha, ok, err)
	}
	// Again: nothing is created.
	if created, err := rs.EnsureTag(ctx, "v1.0.0", commitA, "Release v1.0.0"); err != nil || created {
		t.Errorf("second EnsureTag = %v, %v", created, err)
	}
	// At another commit: a conflict that names both.
	_, err = rs.EnsureTag(ctx, "v1.0.0", commitB, "Release v1.0.0")
	var conflict *TagConflictError
	if !errors.As(err, &conflict) || conflict.SHA != commitA || conflict.Want != commitB ||
		!strings.Contains(err.Error(), "aaaaaaa") || !strings.Contains(err.Error(), "bbbbbbb") {
		t.Errorf("EnsureTag at another commit: %v", err)
	}
	// A lightweight tag at the commit is accepted.
	g.refs["tags/v2.0.0"] = commitB
	if created, err := rs.EnsureTag(ctx, "v2.0.0", commitB, "x"); err != nil || created {
		t.Errorf("EnsureTag over a lightweight tag = %v, %v", created, err)
	}
}

func TestEnsureTagRace(t *testing.T) {
	// Another run creates the ref between our read and our write: GitHub answers 422, and the tag is
	// accepted when it names the same commit, and a conflict when it does not.
	for _, tt := range []struct {
		other string
		ok    bool
	}{{commitA, true}, {commitB, false}} {
		g, rs := newGitServer(t)
		g.before["POST /git/refs"] = func() { g.refs["tags/v1.0.0"] = tt.other }
		created, err := rs.EnsureTag(context.Background(), "v1.0.0", commitA, "m")
		var conflict *TagConflictError
		if created || (err == nil) != tt.ok || !tt.ok && !errors.As(err, &conflict) {
			t.Errorf("other run at %s: EnsureTag = %v, %v", tt.other[:7], created, err)
		}
	}
}

func TestWritePermissionMessage(t *testing.T) {
	g, rs := newGitServer(t)
	g.fail["POST /git/tags"] = http.StatusForbidden
	_, err := rs.EnsureTag(context.Background(), "v1.0.0", commitA, "m")
	if err == nil || !strings.Contains(err.Error(), "contents: write") || !IsStatus(err, http.StatusForbidden) {
		t.Errorf("EnsureTag refused: %v", err)
	}
}

func TestDeleteTag(t *testing.T) {
	g, rs := newGitServer(t)
	g.refs["tags/v1.0.0"] = commitA
	if err := rs.DeleteTag(context.Background(), "v1.0.0"); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.refs["tags/v1.0.0"]; ok {
		t.Error("the tag is still there")
	}
	if err := rs.DeleteTag(context.Background(), "v1.0.0"); err != nil {
		t.Errorf("deleting a missing tag: %v", err)
	}
	g.fail["DELETE /git/refs/{ref...}"] = http.StatusForbidden
	if err := rs.DeleteTag(context.Background(), "v1.0.0"); err == nil {
		t.Error("a refused delete succeeded")
	}
}

func TestEnsureRelease(t *testing.T) {
	ctx := context.Background()
	g, rs := newGitServer(t)
	rel, created, err := rs.EnsureRelease(ctx, NewRelease{Tag: "v1.1.0", Body: "notes", Latest: true})
	if err != nil || !created || rel.GetHTMLURL() != "https://github.com/o/r/releases/tag/v1.1.0" {
		t.Fatalf("EnsureRelease = %v, %v, %v", rel, created, err)
	}
	b := g.bodies["POST /releases"]
	if b["name"] != "v1.1.0" || b["make_latest"] != "true" || b["prerelease"] != false || b["body"] != "notes" {
		t.Errorf("release body = %v", b)
	}
	if _, created, err := rs.EnsureRelease(ctx, NewRelease{Tag: "v1.1.0"}); err != nil || created {
		t.Errorf("second EnsureRelease = %v, %v", created, err)
	}
	if _, _, err := rs.EnsureRelease(ctx, NewRelease{Tag: "v1.2.0-rc.1", Prerelease: true, Latest: true}); err != nil {
		t.Fatal(err)
	}
	if b := g.bodies["POST /releases"]; b["make_latest"] != "false" || b["prerelease"] != true {
		t.Errorf("a prerelease is never latest: %v", b)
	}
	g.fail["POST /releases"] = http.StatusInternalServerError
	if _, _, err := rs.EnsureRelease(ctx, NewRelease{Tag: "v9.0.0"}); err == nil || !strings.Contains(err.Error(), "create release v9.0.0") {
		t.Errorf("a failed create: %v", err)
	}
}

func TestMoveTag(t *testing.T) {
	ctx := context.Background()
	g, rs := newGitServer(t)
	if moved, err := rs.MoveTag(ctx, "v1", commitA); err != nil || !moved || g.refs["tags/v1"] != commitA {
		t.Fatalf("MoveTag (create) = %v, %v; refs %v", moved, err, g.refs)
	}
	if moved, err := rs.MoveTag(ctx, "v1", commitA); err != nil || moved {
		t.Errorf("MoveTag (same) = %v, %v", moved, err)
	}
	if moved, err := rs.MoveTag(ctx, "v1", commitB); err != nil || !moved || g.refs["tags/v1"] != commitB {
		t.Errorf("MoveTag (move) = %v, %v", moved, err)
	}
	if g.bodies["PATCH /git/refs/{ref...}"]["force"] != true {
		t.Errorf("a moved tag is forced: %v", g.bodies["PATCH /git/refs/{ref...}"])
	}
}

func TestReleaseBody(t *testing.T) {
	short := "## 1.0.0\n\n* x\n"
	if ReleaseBody(short) != short {
		t.Error("a short body changed")
	}
	long := strings.Repeat("* a line of notes ✨\n", 10000)
	got := ReleaseBody(long)
	if n := len([]rune(got)); n > MaxReleaseBody {
		t.Errorf("body of %d characters, over the limit", n)
	}
	if !strings.HasSuffix(got, "limit)\n") || !strings.Contains(got, "✨\n\n…") {
		t.Errorf("the cut is not at a line end: %q", got[len(got)-120:])
	}
}
