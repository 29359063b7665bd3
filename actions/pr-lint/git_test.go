package main

import (
	"context"
	"testing"

	"github.com/rose/actions/pkg/action/actiontest"
)

func TestAddedLines(t *testing.T) {
	old := "a\n<<<<<<< kept\nb\nc\n"
	new := "a\n<<<<<<< kept\nb\n>>>>>>> added\nc\nd"
	got := addedLines(old, new)
	if len(got) != 2 || got[0].Line != 4 || got[0].Text != ">>>>>>> added" || got[1].Line != 6 || got[1].Text != "d" {
		t.Fatalf("addedLines = %+v", got)
	}
}

// TestGitChangesOnlyAddedMarkers: markers already in the base are not the pull request's doing; only the
// lines it adds are reported, at their line in the head version.
func TestGitChangesOnlyAddedMarkers(t *testing.T) {
	r := newTestRepo(t)
	dir := r.dir
	r.g.Git("checkout", "-q", "-b", "old-markers", r.base)
	base := r.g.Commit("chore: base with a marker", "doc.txt", "intro\n<<<<<<< already here\nbody\n")
	head := r.g.Commit("fix: add the rest", "doc.txt", "intro\n<<<<<<< already here\nbody\n=======\nother\n>>>>>>> new\n")

	gs := openGit(dir)
	bc, err := gs.commit(base)
	if err != nil {
		t.Fatal(err)
	}
	hc, err := gs.commit(head)
	if err != nil {
		t.Fatal(err)
	}
	from, exact := gs.diffBase(bc, hc)
	if !exact || from.Hash != bc.Hash {
		t.Fatalf("merge base %s exact=%v", from.Hash, exact)
	}
	files, markers, err := gs.changes(context.Background(), from, hc)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Path != "doc.txt" {
		t.Errorf("files %+v", files)
	}
	if len(markers) != 2 || markers[0].Line != 4 || markers[1].Line != 6 {
		t.Errorf("markers %+v, want lines 4 and 6", markers)
	}
}

// TestGitChangesFromMergeBase: when the base branch moved on after the pull request branched off, what the
// base branch added is not the pull request's: changes are measured from the merge base, like GitHub's diff.
func TestGitChangesFromMergeBase(t *testing.T) {
	r := newTestRepo(t)
	r.g.Git("checkout", "-q", "main")
	newBase := r.g.Commit("chore: vendor a blob", "vendor/blob.bin", string(make([]byte, 3<<20)))

	gs := openGit(r.dir)
	bc, err := gs.commit(newBase)
	if err != nil {
		t.Fatal(err)
	}
	hc, err := gs.commit(r.head)
	if err != nil {
		t.Fatal(err)
	}
	from, exact := gs.diffBase(bc, hc)
	if !exact || from.Hash.String() != r.base {
		t.Fatalf("merge base %s, want %s", from.Hash, r.base)
	}
	files, _, err := gs.changes(context.Background(), from, hc)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "vendor/blob.bin" {
			t.Errorf("the base branch's file is counted as the pull request's")
		}
	}
	if len(files) != 5 {
		t.Errorf("files %+v, want the 5 the pull request adds or changes", files)
	}
}

// TestShallowCheckout: actions/checkout fetches one commit by default. The head is there (required files come
// from git) but not the base, so sizes and markers come from the API.
func TestShallowCheckout(t *testing.T) {
	r := newTestRepo(t)
	ws := t.TempDir()
	r.g.Git("clone", "-q", "--depth", "1", "--branch", "changes", "file://"+r.dir, ws)
	f := prServer(t, r, r.head, "feature/readme", "docs: update the readme")
	apiFiles(f, r.head)
	res := runLint(t, &sleeper{}, actiontest.Options{
		EventName: "pull_request", EventFile: eventFile(t, "pull_request.opened.json", setPR(r.base, r.head, "feature/readme", "")),
		Dir: ws, Env: prEnv(f), HTTPClient: f.srv.Client(),
		Inputs: map[string]string{"token": testToken, "required-files": "README.md, LICENSE", "comment": "false"},
	})
	if res.Code != 1 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	wantContains(t, "stdout", res.Stdout, `required file "LICENSE" is missing`, "::error file=app.py,line=3,", "::warning file=assets/big.bin,")
	if f.countRequests("GET /repos/Codertocat/Hello-World/pulls/2/files") == 0 {
		t.Error("the files API was not used")
	}
	if f.countRequests("GET /repos/Codertocat/Hello-World/git/trees/") != 1 {
		t.Error("the tree should be read once, for sizes only (required files come from git)")
	}
}
