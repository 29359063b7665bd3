package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gitconfig "github.com/go-git/go-git/v5/config"

	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/gitlog/gitlogtest"
)

var fixedNow = func() time.Time { return time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC) }

type jsonDoc struct {
	Version, From, To string
	Commits           []struct {
		SHA, Type, Scope, Subject string
		Breaking, Conventional    bool
	}
}

func runJSON(t *testing.T, dir string, inputs map[string]string) (actiontest.Result, jsonDoc) {
	t.Helper()
	in := map[string]string{"format": "json"}
	for k, v := range inputs {
		in[k] = v
	}
	res := actiontest.Run(t, actiontest.Options{Action: "changelog", Run: run, Inputs: in, Dir: dir, Now: fixedNow})
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	var doc jsonDoc
	if err := json.Unmarshal([]byte(res.Outputs["changelog"]), &doc); err != nil {
		t.Fatalf("changelog output is not JSON: %v\n%s", err, res.Outputs["changelog"])
	}
	return res, doc
}

func subjects(doc jsonDoc) string {
	var s []string
	for _, c := range doc.Commits {
		s = append(s, c.Subject)
	}
	return strings.Join(s, ", ")
}

func TestRange(t *testing.T) {
	b := gitlogtest.New(t)
	b.Commit("feat: one")
	v1 := b.Commit("fix: two")
	b.Tag("v1.0.0", v1)
	b.Commit("feat: three")
	b.Branch("release-2")
	b.Tag("v2.0.0", b.Commit("feat: on another branch"))
	b.Checkout("main")
	b.Branch("topic")
	b.Commit("fix(topic): four")
	b.Checkout("main")
	b.Merge("topic", "Merge branch 'topic'")
	head := b.Commit("feat(x)!: five")

	// The last release reachable from HEAD is v1.0.0 (v2.0.0 is on another branch); merges are left out.
	res, doc := runJSON(t, b.Dir, nil)
	if doc.From != "v1.0.0" || doc.To != "HEAD" || doc.Version != "Unreleased" {
		t.Errorf("range %q..%q version %q, want v1.0.0..HEAD Unreleased", doc.From, doc.To, doc.Version)
	}
	if got := subjects(doc); got != "five, four, three" {
		t.Errorf("commits %q, want five, four, three", got)
	}
	if res.Outputs["commits"] != "3" {
		t.Errorf("commits output %q, want 3", res.Outputs["commits"])
	}
	if c := doc.Commits[0]; c.SHA != head || c.Type != "feat" || c.Scope != "x" || !c.Breaking || !c.Conventional {
		t.Errorf("first commit %+v", c)
	}

	// When HEAD carries the release tag, the range is the release's: since the release before it.
	b.Tag("v1.1.0", head)
	_, doc = runJSON(t, b.Dir, map[string]string{"version": "1.1.0"})
	if doc.From != "v1.0.0" || subjects(doc) != "five, four, three" {
		t.Errorf("tagged HEAD: from %q commits %q", doc.From, subjects(doc))
	}

	// Explicit bounds.
	_, doc = runJSON(t, b.Dir, map[string]string{"from": "v1.0.0", "to": "release-2"})
	if subjects(doc) != "on another branch, three" {
		t.Errorf("v1.0.0..release-2: %q", subjects(doc))
	}
}

func TestRangeWithoutVPrefixOrTags(t *testing.T) {
	b := gitlogtest.New(t)
	b.Commit("feat: one")
	b.Tag("1.0.0", b.Commit("fix: two"))
	b.Commit("perf: three")
	_, doc := runJSON(t, b.Dir, nil)
	if doc.From != "1.0.0" || subjects(doc) != "three" {
		t.Errorf("unprefixed tags: from %q commits %q", doc.From, subjects(doc))
	}

	b2 := gitlogtest.New(t)
	b2.Commit("feat: one")
	b2.Commit("not conventional")
	_, doc = runJSON(t, b2.Dir, nil)
	if doc.From != "" || subjects(doc) != "not conventional, one" || doc.Commits[0].Conventional || doc.Commits[0].Type != "" {
		t.Errorf("no tags: from %q commits %+v", doc.From, doc.Commits)
	}
}

func TestMarkdownAndFiles(t *testing.T) {
	b := gitlogtest.New(t)
	b.Tag("v0.1.0", b.Commit("feat: one"))
	b.Commit("feat(api): add x (#3)")
	b.Commit("docs: y")
	b.Commit("chore: z")
	res := actiontest.Run(t, actiontest.Options{Action: "changelog", Run: run, Dir: b.Dir, Now: fixedNow,
		Env: map[string]string{"GITHUB_REPOSITORY": "rose/app", "GITHUB_SERVER_URL": "https://github.com"},
		Inputs: map[string]string{"version": "0.2.0", "file": "docs/CHANGELOG.md", "output-file": "notes.md",
			"types": "feat: New\ndocs: Docs", "include-hidden": "false"}})
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	md := res.Outputs["changelog"]
	for _, want := range []string{
		"## [0.2.0](https://github.com/rose/app/compare/v0.1.0...v0.2.0) (2026-02-03)\n",
		"### New\n\n* **api:** add x ([#3](https://github.com/rose/app/issues/3)) ([",
		"### Docs\n\n* y (",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("changelog lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "z (") {
		t.Errorf("hidden chore listed:\n%s", md)
	}
	if res.Summary != md {
		t.Errorf("summary %q, want the Markdown", res.Summary)
	}
	notes, err := os.ReadFile(filepath.Join(b.Dir, "notes.md"))
	if err != nil || string(notes) != md {
		t.Errorf("output-file = %q, %v", notes, err)
	}
	file, err := os.ReadFile(filepath.Join(b.Dir, "docs", "CHANGELOG.md"))
	if err != nil || string(file) != "# Changelog\n\n"+md {
		t.Errorf("file = %q, %v", file, err)
	}
}

func TestRepoURLFromRemote(t *testing.T) {
	b := gitlogtest.New(t)
	b.Tag("v1.0.0", b.Commit("feat: one"))
	b.Commit("fix: two (#5)")
	cfg, err := b.Repo.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Remotes["origin"] = &gitconfig.RemoteConfig{Name: "origin",
		URLs: []string{"https://x-access-token:ghs_secret@github.com/rose/app.git"}}
	if err := b.Repo.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	res := actiontest.Run(t, actiontest.Options{Action: "changelog", Run: run, Dir: b.Dir, Now: fixedNow, Local: true})
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stdout)
	}
	md := res.Stdout // local mode prints the outputs
	if !strings.Contains(md, "[#5](https://github.com/rose/app/issues/5)") || !strings.Contains(md, "compare/v1.0.0...HEAD") {
		t.Errorf("links from the origin remote missing:\n%s", md)
	}
	if strings.Contains(res.Stdout+res.Stderr, "ghs_secret") {
		t.Error("the remote's credentials leaked")
	}
}

func TestCompareTarget(t *testing.T) {
	tests := []struct {
		to, version, prev string
		tag               bool
		want              string
	}{
		{"HEAD", "Unreleased", "v1.0.0", false, "HEAD"},
		{"HEAD", "1.1.0", "v1.0.0", false, "v1.1.0"},
		{"HEAD", "v1.1.0", "v1.0.0", false, "v1.1.0"},
		{"HEAD", "1.1.0", "1.0.0", false, "1.1.0"},
		{"HEAD", "next", "v1.0.0", false, "HEAD"},
		{"v1.1.0", "1.1.0", "v1.0.0", true, "v1.1.0"},
		// A release workflow passes the commit: the link goes to the tag the release gets.
		{"0123456789abcdef0123456789abcdef01234567", "1.1.0", "v1.0.0", false, "v1.1.0"},
		{"main", "Unreleased", "v1.0.0", false, "main"},
	}
	for _, tt := range tests {
		if got := compareTarget(config{to: tt.to, version: tt.version}, tt.prev, tt.tag); got != tt.want {
			t.Errorf("compareTarget(%q, %q, %q) = %q, want %q", tt.to, tt.version, tt.prev, got, tt.want)
		}
	}
}
