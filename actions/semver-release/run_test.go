package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/action/actiontest"
	"github.com/rose/actions/pkg/gitlog"
	"github.com/rose/actions/pkg/gitlog/gitlogtest"
)

var fixedNow = func() time.Time { return time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC) }

// history builds a repository released as v1.2.0 (annotated tag) with a
// feature and a fix since, and returns it with every commit SHA, HEAD first.
func history(t *testing.T) (*gitlogtest.Builder, []string) {
	t.Helper()
	b := gitlogtest.New(t)
	c1 := b.Commit("feat: first feature")
	b.Tag("v1.1.0", c1)
	b.Tag("v1", c1)
	c2 := b.Commit("fix(api): handle empty body\n\nCloses #12")
	b.AnnotatedTag("v1.2.0", c2, "Release v1.2.0")
	c3 := b.Commit("feat(ui): dark mode (#15)")
	c4 := b.Commit("fix: typo in error message")
	return b, []string{c4, c3, c2, c1}
}

func runAction(t *testing.T, dir string, f *fakeGitHub, inputs map[string]string) actiontest.Result {
	t.Helper()
	o := actiontest.Options{Action: "semver-release", Run: run, Dir: dir, Inputs: inputs, Now: fixedNow, Env: map[string]string{}}
	if f != nil {
		o.Env = f.env()
		o.HTTPClient = f.srv.Client()
		if _, ok := inputs["token"]; !ok {
			o.Inputs = copyMap(inputs)
			o.Inputs["token"] = f.token
		}
	}
	res := actiontest.Run(t, o)
	if f != nil {
		// Only the runner's mask command may carry the token.
		masked := false
		var rest []string
		for _, line := range strings.Split(res.Stdout, "\n") {
			if line == "::add-mask::"+f.token {
				masked = true
				continue
			}
			rest = append(rest, line)
		}
		if !masked {
			t.Errorf("the token was not masked")
		}
		if all := strings.Join(rest, "\n") + res.Stderr + res.Summary + res.OutputFile; strings.Contains(all, f.token) {
			t.Errorf("the token appears in the output")
		}
	}
	return res
}

func copyMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func wantOutputs(t *testing.T, res actiontest.Result, want map[string]string) {
	t.Helper()
	if res.Code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.Code, res.Stdout, res.Stderr)
	}
	for k, v := range want {
		if got, ok := res.Outputs[k]; !ok || got != v {
			t.Errorf("output %s = %q (set: %v), want %q", k, got, ok, v)
		}
	}
}

func TestReleaseCreatesTagReleaseAndMovesMajor(t *testing.T) {
	b, shas := history(t)
	head := shas[0]
	f := newFakeGitHub(t, shas)
	f.refs["refs/tags/v1"] = shas[3] // the major tag at an older release

	res := runAction(t, b.Dir, f, map[string]string{})
	wantOutputs(t, res, map[string]string{
		"version": "1.3.0", "previous-version": "1.2.0", "tag": "v1.3.0", "bump": "minor", "released": "true",
		"release-url": "https://github.com/rose/service/releases/tag/v1.3.0",
	})
	notes := res.Outputs["changelog"]
	for _, s := range []string{"1.3.0", "dark mode", "typo in error message"} {
		if !strings.Contains(notes, s) {
			t.Errorf("changelog output lacks %q:\n%s", s, notes)
		}
	}
	if strings.Contains(notes, "handle empty body") {
		t.Errorf("changelog output has a commit of the previous release:\n%s", notes)
	}

	if got, annotated := f.peeled("refs/tags/v1.3.0"); got != head || !annotated {
		t.Errorf("tag v1.3.0 -> %s (annotated %v), want annotated tag of %s", got, annotated, head)
	}
	if got, _ := f.peeled("refs/tags/v1"); got != head {
		t.Errorf("major tag v1 -> %s, want %s", got, head)
	}
	if len(f.releases) != 1 {
		t.Fatalf("%d releases, want 1", len(f.releases))
	}
	rel := f.releases[0]
	if rel["tag_name"] != "v1.3.0" || rel["name"] != "v1.3.0" || rel["body"] != notes || rel["prerelease"] != false || rel["make_latest"] != "true" {
		t.Errorf("release = %+v\nwant tag v1.3.0 with body = the changelog output", rel)
	}
	want := []string{
		"POST /repos/rose/service/git/tags",
		"POST /repos/rose/service/git/refs",
		"POST /repos/rose/service/releases",
		"PATCH /repos/rose/service/git/refs/tags/v1",
	}
	if got := f.writes(); !reflect.DeepEqual(got, want) {
		t.Errorf("writes = %q\nwant %q", got, want)
	}
	for _, s := range []string{"| `v1.2.0` |", "v1.3.0", "minor", "**Why minor**", "feat(ui): dark mode", "### Release notes"} {
		if !strings.Contains(res.Summary, s) {
			t.Errorf("summary lacks %q:\n%s", s, res.Summary)
		}
	}

	// Re-run on the same commit, the tag not fetched locally: nothing new.
	res2 := runAction(t, b.Dir, f, map[string]string{})
	wantOutputs(t, res2, map[string]string{"version": "1.3.0", "previous-version": "1.2.0", "tag": "v1.3.0",
		"released": "false", "bump": "none", "release-url": "https://github.com/rose/service/releases/tag/v1.3.0"})
	// Re-run with the tag fetched (checkout with fetch-depth: 0).
	b.AnnotatedTag("v1.3.0", head, "Release v1.3.0")
	res3 := runAction(t, b.Dir, f, map[string]string{})
	wantOutputs(t, res3, map[string]string{"version": "1.3.0", "previous-version": "1.2.0", "tag": "v1.3.0",
		"released": "false", "bump": "none"})
	if !strings.Contains(res3.Summary, "already released") {
		t.Errorf("summary of a re-run:\n%s", res3.Summary)
	}
	if got := f.writes(); len(got) != len(want) || len(f.releases) != 1 {
		t.Errorf("re-runs wrote %q, releases %d; want nothing new", got[len(want):], len(f.releases))
	}
}

func TestCompletesHalfDoneRun(t *testing.T) {
	b, shas := history(t)
	head := shas[0]
	f := newFakeGitHub(t, shas)
	// An earlier run created the tag and died before the release.
	f.addAnnotatedTag("v1.3.0", head)
	f.refs["refs/tags/v1"] = shas[3]
	b.AnnotatedTag("v1.3.0", head, "Release v1.3.0") // fetched by checkout

	res := runAction(t, b.Dir, f, map[string]string{})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "previous-version": "1.2.0", "tag": "v1.3.0",
		"released": "true", "bump": "minor"})
	want := []string{"POST /repos/rose/service/releases", "PATCH /repos/rose/service/git/refs/tags/v1"}
	if got := f.writes(); !reflect.DeepEqual(got, want) {
		t.Errorf("writes = %q, want %q (no second tag)", got, want)
	}
	if len(f.releases) != 1 || !strings.Contains(f.releases[0]["body"].(string), "dark mode") {
		t.Errorf("releases = %+v", f.releases)
	}
	if !strings.Contains(res.Summary, "completed an earlier run") {
		t.Errorf("summary:\n%s", res.Summary)
	}
}

func TestConcurrentTagCreation(t *testing.T) {
	b, shas := history(t)
	f := newFakeGitHub(t, shas)
	// Another run creates the same tag between our check and our create: 422.
	f.beforeCreateRef = func(ref string) {
		if ref == "refs/tags/v1.3.0" {
			f.tags["0000000000000000000000000000000000000abc"] = fakeTag{Tag: "v1.3.0", ObjectSHA: shas[0], ObjectType: "commit"}
			f.refs[ref] = "0000000000000000000000000000000000000abc"
		}
	}
	res := runAction(t, b.Dir, f, map[string]string{"major-tag": "false"})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "released": "true"})
	if len(f.releases) != 1 {
		t.Errorf("%d releases, want 1", len(f.releases))
	}
}

func TestStrayTagElsewhere(t *testing.T) {
	b, shas := history(t)
	f := newFakeGitHub(t, shas)
	f.addAnnotatedTag("v1.3.0", shas[2]) // on an older commit
	res := runAction(t, b.Dir, f, map[string]string{})
	if res.Code != 1 || !strings.Contains(res.Stdout, "already exists on GitHub at commit") {
		t.Errorf("exit %d, stdout:\n%s", res.Code, res.Stdout)
	}
	if len(f.releases) != 0 {
		t.Errorf("a release was created: %+v", f.releases)
	}
}

func TestDryRun(t *testing.T) {
	b, _ := history(t)
	dir := b.Dir
	// No token, no server: a dry run needs neither.
	res := runAction(t, dir, nil, map[string]string{"dry-run": "true", "changelog-file": "CHANGELOG.md"})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "previous-version": "1.2.0", "tag": "v1.3.0",
		"bump": "minor", "released": "false", "release-url": ""})
	if !strings.Contains(res.Outputs["changelog"], "dark mode") || !strings.Contains(res.Summary, "dry run") {
		t.Errorf("changelog %q\nsummary %s", res.Outputs["changelog"], res.Summary)
	}
	if _, err := os.Stat(filepath.Join(dir, "CHANGELOG.md")); !os.IsNotExist(err) {
		t.Errorf("dry run wrote CHANGELOG.md (stat: %v)", err)
	}
	tags, _ := mustOpen(t, dir).Tags(gitlog.TagOptions{Prefix: "v"})
	if len(tags) != 2 {
		t.Errorf("dry run changed local tags: %v", tags)
	}
}

func mustOpen(t *testing.T, dir string) *gitlog.Repo {
	t.Helper()
	r, err := gitlog.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

func TestNoTokenExits2(t *testing.T) {
	b, _ := history(t)
	res := runAction(t, b.Dir, nil, map[string]string{"token": ""})
	if res.Code != 2 || !strings.Contains(res.Stdout, `input \"token\" is empty`) && !strings.Contains(res.Stdout, `input "token" is empty`) {
		t.Errorf("exit %d, stdout:\n%s", res.Code, res.Stdout)
	}
	if len(res.Outputs) != 0 {
		t.Errorf("outputs written before failing: %v", res.Outputs)
	}
}

func TestBadInputs(t *testing.T) {
	b, _ := history(t)
	res := runAction(t, b.Dir, nil, map[string]string{
		"dry-run": "maybe", "initial-version": "one", "prerelease": "r c", "path": "../elsewhere", "tag-prefix": "v x",
		"release-types": "feat,fi x",
	})
	if res.Code != 2 {
		t.Fatalf("exit %d, want 2; stdout:\n%s", res.Code, res.Stdout)
	}
	for _, s := range []string{`"dry-run"`, `"maybe"`, `"initial-version"`, `"one"`, `"prerelease"`, `"r c"`, `"path"`, `"../elsewhere"`, `"tag-prefix"`, `"release-types"`} {
		if !strings.Contains(res.Stdout, s) {
			t.Errorf("error does not name %s:\n%s", s, res.Stdout)
		}
	}
}

func TestTagPrefixForms(t *testing.T) {
	b, _ := history(t)
	for prefix, ok := range map[string]bool{
		"": true, "v": true, "release/v": true, "api-v": true,
		"v/": false, "/v": false, "release//v": false, "v x": false, "a/../v": false,
	} {
		res := runAction(t, b.Dir, nil, map[string]string{"dry-run": "true", "tag-prefix": prefix})
		if got := res.Code != 2; got != ok {
			t.Errorf("tag-prefix %q: exit %d, want accepted=%v; stdout:\n%s", prefix, res.Code, ok, res.Stdout)
		}
		if !ok && !strings.Contains(res.Stdout, `input "tag-prefix" has value "`+prefix+`"`) {
			t.Errorf("tag-prefix %q: the error does not name the input:\n%s", prefix, res.Stdout)
		}
	}
}

func TestNothingToRelease(t *testing.T) {
	b, shas := history(t)
	b.Tag("v1.3.0", shas[1]) // released up to the feature; the fix is new
	f := newFakeGitHub(t, shas)
	res := runAction(t, b.Dir, f, map[string]string{"release-types": "feat"})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "previous-version": "1.3.0", "tag": "v1.3.0",
		"bump": "none", "released": "false", "release-url": "", "changelog": ""})
	if len(f.calls) != 0 {
		t.Errorf("calls = %q, want none", f.calls)
	}
	if !strings.Contains(res.Summary, "none of the 1 commits since v1.3.0 triggers a release") {
		t.Errorf("summary:\n%s", res.Summary)
	}
}

func TestNoCommitsSinceRelease(t *testing.T) {
	b, shas := history(t)
	b.Tag("v1.3.0", shas[0])
	res := runAction(t, b.Dir, nil, map[string]string{"dry-run": "true", "major-tag": "false"})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "previous-version": "1.2.0", "bump": "minor", "released": "false"})
	b.Commit("docs: after the release")
	res = runAction(t, b.Dir, nil, map[string]string{"dry-run": "true"})
	wantOutputs(t, res, map[string]string{"version": "1.3.1", "previous-version": "1.3.0", "bump": "patch"})
}

func TestPrereleaseChannel(t *testing.T) {
	b, shas := history(t)
	b.Tag("v1.3.0-rc.1", shas[1])
	f := newFakeGitHub(t, shas)
	res := runAction(t, b.Dir, f, map[string]string{"prerelease": "rc"})
	wantOutputs(t, res, map[string]string{"version": "1.3.0-rc.2", "previous-version": "1.3.0-rc.1", "tag": "v1.3.0-rc.2",
		"bump": "patch", "released": "true"})
	if len(f.releases) != 1 || f.releases[0]["prerelease"] != true || f.releases[0]["make_latest"] != "false" {
		t.Errorf("release = %+v, want a prerelease not marked latest", f.releases)
	}
	if _, ok := f.refs["refs/tags/v1"]; ok {
		t.Errorf("a prerelease moved the major tag")
	}
}

func TestMonorepoPath(t *testing.T) {
	b := gitlogtest.New(t)
	c1 := b.Commit("feat(tools): first", "tools/main.go", "1")
	b.Tag("tools/v0.1.0", c1)
	b.Tag("v3.0.0", c1)
	b.Commit("feat(web)!: rewrite", "web/index.html", "2") // outside the path
	c3 := b.Commit("fix(tools): flag parsing", "tools/main.go", "3")
	f := newFakeGitHub(t, []string{c3})
	res := runAction(t, b.Dir, f, map[string]string{"path": "./tools/", "create-release": "false"})
	wantOutputs(t, res, map[string]string{"version": "0.1.1", "previous-version": "0.1.0", "tag": "tools/v0.1.1",
		"bump": "patch", "released": "true"})
	if got, annotated := f.peeled("refs/tags/tools/v0.1.1"); got != c3 || !annotated {
		t.Errorf("tools/v0.1.1 -> %s %v", got, annotated)
	}
	if got, _ := f.peeled("refs/tags/tools/v0"); got != c3 {
		t.Errorf("major tag tools/v0 -> %q, want %s", got, c3)
	}
	if len(f.releases) != 0 {
		t.Errorf("create-release: false made a release")
	}
	if strings.Contains(res.Outputs["changelog"], "rewrite") {
		t.Errorf("changelog has a commit outside the path:\n%s", res.Outputs["changelog"])
	}
}

func TestFirstReleaseAndPreMajor(t *testing.T) {
	b := gitlogtest.New(t)
	b.Commit("chore: init")
	b.Commit("feat!: new api")
	res := runAction(t, b.Dir, nil, map[string]string{"dry-run": "true"})
	wantOutputs(t, res, map[string]string{"version": "0.1.0", "previous-version": "", "tag": "v0.1.0", "bump": "major"})
	b.Tag("v0.1.0", b.Head())
	b.Commit("feat!: break again")
	res = runAction(t, b.Dir, nil, map[string]string{"dry-run": "true", "pre-major": "true"})
	wantOutputs(t, res, map[string]string{"version": "0.2.0", "previous-version": "0.1.0", "bump": "minor"})
	res = runAction(t, b.Dir, nil, map[string]string{"dry-run": "true"})
	wantOutputs(t, res, map[string]string{"version": "1.0.0", "bump": "major"})
}

func TestChangelogFile(t *testing.T) {
	b, shas := history(t)
	f := newFakeGitHub(t, shas)
	path := filepath.Join(b.Dir, "CHANGELOG.md")
	if err := os.WriteFile(path, []byte("# Changelog\n\n## 1.2.0 (2026-01-01)\n\n* old entry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the re-run must not duplicate the section
		res := runAction(t, b.Dir, f, map[string]string{"changelog-file": "CHANGELOG.md"})
		if res.Code != 0 {
			t.Fatalf("exit %d:\n%s", res.Code, res.Stdout)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(got), "dark mode"); n != 1 {
		t.Errorf("CHANGELOG.md has the release %d times:\n%s", n, got)
	}
	if !strings.Contains(string(got), "old entry") {
		t.Errorf("CHANGELOG.md lost the older sections:\n%s", got)
	}
}

// The documented flow: the changelog action wrote Unreleased on each push; the release takes its place,
// in the file's style (a minor release at level 1 in a conventional-changelog file), and the rest of the
// file stays byte for byte.
func TestChangelogFilePromotesUnreleased(t *testing.T) {
	b, shas := history(t)
	f := newFakeGitHub(t, shas)
	link := func(sha string) string {
		return "([" + sha[:7] + "](https://github.com/rose/service/commit/" + sha + "))"
	}
	rest := "# [1.2.0](https://github.com/rose/service/compare/v1.1.0...v1.2.0) (2026-01-01)\n\n\n## Bug Fixes\n\n" +
		"* **api:** handle empty body\n\n\n\n## [1.1.1](https://github.com/rose/service/compare/v1.1.0...v1.1.1) (2025-12-01)\n\n* x\n"
	old := "## [Unreleased](https://github.com/rose/service/compare/v1.2.0...HEAD)\n\n### Features\n\n* **ui:** dark mode " +
		link(shas[1]) + "\n\n### Bug Fixes\n\n* typo in error message " + link(shas[0]) + "\n\n" + rest
	path := filepath.Join(b.Dir, "CHANGELOG.md")
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runAction(t, b.Dir, f, map[string]string{"changelog-file": "CHANGELOG.md"})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "released": "true"})
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), "# [1.3.0](https://github.com/rose/service/compare/v1.2.0...v1.3.0) (2026-01-31)\n") ||
		!strings.HasSuffix(string(got), "\n\n"+rest) || strings.Contains(string(got), "Unreleased") {
		t.Errorf("CHANGELOG.md:\n%s", got)
	}
	for _, sha := range shas[:2] {
		if n := strings.Count(string(got), sha); n != 1 {
			t.Errorf("commit %s appears %d times:\n%s", sha[:7], n, got)
		}
	}
}

func TestPlanHonoursCancellation(t *testing.T) {
	b, _ := history(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	repo := mustOpen(t, b.Dir)
	if _, err := makePlan(ctx, repo, config{prefix: "v", initial: nil}, "", fixedNow()); err == nil {
		t.Errorf("makePlan with a cancelled context: no error")
	}
}

func TestTagPrefixWithSlash(t *testing.T) {
	b := gitlogtest.New(t)
	c := b.Commit("feat: one")
	b.Tag("release/v1.0.0", c)
	b.Tag("v9.0.0", c) // another prefix: ignored
	b.Commit("fix: two")
	res := runAction(t, b.Dir, nil, map[string]string{"dry-run": "true", "tag-prefix": "release/v"})
	wantOutputs(t, res, map[string]string{"version": "1.0.1", "previous-version": "1.0.0", "tag": "release/v1.0.1", "bump": "patch"})
}

func TestNextTagExistsElsewhere(t *testing.T) {
	b, shas := history(t)
	b.Branch("other")
	other := b.Commit("feat: elsewhere")
	b.Tag("v1.3.0", other) // not an ancestor of main's HEAD
	b.Checkout("main")
	f := newFakeGitHub(t, append(shas, other))
	res := runAction(t, b.Dir, f, map[string]string{})
	if res.Code != 1 || !strings.Contains(res.Stdout, "tag v1.3.0 already exists at commit") {
		t.Errorf("exit %d, stdout:\n%s", res.Code, res.Stdout)
	}
	if w := f.writes(); len(w) != 0 {
		t.Errorf("writes: %q", w)
	}
	// A dry run still computes every output and warns.
	res = runAction(t, b.Dir, nil, map[string]string{"dry-run": "true"})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "bump": "minor", "released": "false"})
	if !strings.Contains(res.Stdout, "::warning::the next version is 1.3.0 but tag v1.3.0 already exists") {
		t.Errorf("no warning:\n%s", res.Stdout)
	}
}

func TestReadOnlyToken(t *testing.T) {
	b, shas := history(t)
	f := newFakeGitHub(t, shas)
	f.readOnly = true
	res := runAction(t, b.Dir, f, map[string]string{})
	if res.Code != 1 || !strings.Contains(res.Stdout, "403 Resource not accessible by integration") ||
		!strings.Contains(res.Stdout, "permissions: contents: write") {
		t.Errorf("exit %d, stdout:\n%s", res.Code, res.Stdout)
	}
}

func TestMissingPathWarns(t *testing.T) {
	b, _ := history(t)
	res := runAction(t, b.Dir, nil, map[string]string{"dry-run": "true", "path": "services/none"})
	wantOutputs(t, res, map[string]string{"bump": "none", "released": "false", "tag": ""})
	if !strings.Contains(res.Stdout, `::warning::path "services/none" does not exist at HEAD`) {
		t.Errorf("no warning:\n%s", res.Stdout)
	}
}

// No tag without its release: when GitHub refuses the release after the tag was created, the tag is
// deleted again, the major tag is not moved, and the run fails and says so. A re-run then releases.
func TestReleaseFailureDeletesTheNewTag(t *testing.T) {
	b, shas := history(t)
	f := newFakeGitHub(t, shas)
	f.releaseStatus = http.StatusBadGateway
	res := runAction(t, b.Dir, f, map[string]string{})
	if res.Code != 1 || !strings.Contains(res.Stdout, "create release v1.3.0") ||
		!strings.Contains(res.Stdout, "tag v1.3.0 was deleted again, so no tag is left without its release") {
		t.Errorf("exit %d, stdout:\n%s", res.Code, res.Stdout)
	}
	if _, ok := f.peeled("refs/tags/v1.3.0"); ok {
		t.Error("tag v1.3.0 is left without its release")
	}
	if sha, _ := f.peeled("refs/tags/v1"); sha == shas[0] {
		t.Error("the major tag moved to a release that does not exist")
	}
	if res.Outputs["released"] == "true" {
		t.Errorf("outputs of a failed run: %v", res.Outputs)
	}

	// The outage is over: the re-run creates both.
	f.mu.Lock()
	f.releaseStatus = 0
	f.mu.Unlock()
	res = runAction(t, b.Dir, f, map[string]string{})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "released": "true"})
	if sha, ok := f.peeled("refs/tags/v1.3.0"); !ok || sha != shas[0] {
		t.Errorf("tag v1.3.0 = %s, %v after the re-run", sha, ok)
	}
}

// When the tag cannot be deleted either, the error says that it stands without its release and that a
// re-run completes it (as it does: a tag without its release is completed).
func TestReleaseFailureTagNotDeleted(t *testing.T) {
	b, shas := history(t)
	f := newFakeGitHub(t, shas)
	f.releaseStatus = http.StatusBadGateway
	f.refDeleteStatus = http.StatusForbidden
	res := runAction(t, b.Dir, f, map[string]string{})
	if res.Code != 1 || !strings.Contains(res.Stdout, "could not be deleted again") || !strings.Contains(res.Stdout, "re-run to publish it") {
		t.Errorf("exit %d, stdout:\n%s", res.Code, res.Stdout)
	}
	f.mu.Lock()
	f.releaseStatus = 0
	f.mu.Unlock()
	res = runAction(t, b.Dir, f, map[string]string{})
	wantOutputs(t, res, map[string]string{"version": "1.3.0", "released": "true"})
	if !strings.Contains(res.Stdout, "Tag v1.3.0 already exists") || !strings.Contains(res.Stdout, "Published release v1.3.0") {
		t.Errorf("re-run:\n%s", res.Stdout)
	}
}

// Commit text is untrusted: HTML, links and @mentions from a commit reach neither the release body nor
// the summary as Markdown. A plain subject stays readable.
func TestHostileCommitTextIsEscaped(t *testing.T) {
	b, shas := history(t)
	hostile := b.Commit("feat(ui): <img src=x onerror=alert(1)> ping @rose/admins [win](javascript:alert(1))\n\nBREAKING CHANGE: <script>x</script>\n## 9.9.9")
	f := newFakeGitHub(t, append([]string{hostile}, shas...))
	res := runAction(t, b.Dir, f, map[string]string{})
	wantOutputs(t, res, map[string]string{"version": "2.0.0", "released": "true"})
	f.mu.Lock()
	body, _ := f.releases[len(f.releases)-1]["body"].(string)
	f.mu.Unlock()
	for name, text := range map[string]string{"release body": body, "summary": res.Summary, "changelog output": res.Outputs["changelog"]} {
		for _, bad := range []string{"<img", "<script", "@rose/admins", "[win](javascript:", "\n## 9.9.9"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s holds %q:\n%s", name, bad, text)
			}
		}
		if !strings.Contains(text, "&lt;img src=x onerror=alert(1)&gt;") || !strings.Contains(text, "@&#8203;rose/admins") {
			t.Errorf("%s does not show the text escaped:\n%s", name, text)
		}
	}
	if !strings.Contains(body, "* typo in error message (") {
		t.Errorf("a plain subject is not kept as it is:\n%s", body)
	}
}
