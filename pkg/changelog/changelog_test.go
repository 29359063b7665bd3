package changelog

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/conventional"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func entry(sha, msg string) Entry {
	return Entry{SHA: sha, Commit: conventional.Parse(msg), Parents: 1}
}

// sampleEntries is a realistic release: features, fixes, a breaking change with a multi-line note, a
// revert, hidden types, a non-conventional commit and a merge (left out).
func sampleEntries() []Entry {
	return []Entry{
		entry("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "feat(api)!: drop the v1 endpoints (#41)\n\nBREAKING CHANGE: /v1 is gone;\nuse /v2 instead.\n\nCloses #40"),
		entry("b1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "fix(ui): keep focus after save\n\nFixes #12, #13"),
		entry("c1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "feat: dark mode, see #7 and https://example.com/#8"),
		entry("d1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "perf(db): batch inserts"),
		entry("e1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "Revert \"feat(ui): confetti\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567."),
		entry("f1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "docs: explain the v2 API"),
		entry("01b2c3d4e5f60718293a4b5c6d7e8f9012345678", "chore(deps): bump x from 1 to 2 [skip ci]"),
		entry("11b2c3d4e5f60718293a4b5c6d7e8f9012345678", "update README ✨"),
		entry("21b2c3d4e5f60718293a4b5c6d7e8f9012345678", "feat(api): add /v2/items"),
		{SHA: "31b2c3d4e5f60718293a4b5c6d7e8f9012345678", Commit: conventional.Parse("Merge pull request #9 from rose/x\n\nfeat: merged"), Parents: 2},
		entry("41b2c3d4e5f60718293a4b5c6d7e8f9012345678", "style!: tabs everywhere"),
	}
}

func TestMarkdownGolden(t *testing.T) {
	date := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		entries []Entry
		opts    Options
	}{
		{"release", sampleEntries(), Options{Version: "1.2.0", PreviousTag: "v1.1.0", Tag: "v1.2.0",
			RepoURL: "https://github.com/rose/app", Date: date}},
		{"unreleased-no-repo", sampleEntries(), Options{Version: "Unreleased", PreviousTag: "v1.1.0"}},
		{"include-hidden", sampleEntries(), Options{Version: "1.2.0", RepoURL: "https://github.com/rose/app/",
			PreviousTag: "v1.1.0", Date: date, IncludeHidden: true}},
		{"custom-types", sampleEntries(), Options{Version: "2.0.0", RepoURL: "https://github.com/rose/app",
			Types: []TypeSection{{Type: "fix", Section: "Fixed"}, {Type: "feat", Section: "Added"}}}},
		{"empty", nil, Options{Version: "1.2.1", Date: date}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Markdown(tt.entries, tt.opts)
			golden(t, filepath.Join("testdata", "markdown", tt.name+".md"), got)
		})
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestJSON(t *testing.T) {
	b, err := JSON("1.2.0", "v1.1.0", "HEAD", sampleEntries())
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "json", "release.json"), string(b))

	var doc struct {
		Version, From, To string
		Commits           []map[string]any
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Commits) != len(sampleEntries())-1 {
		t.Errorf("got %d commits, want %d (merge left out)", len(doc.Commits), len(sampleEntries())-1)
	}
	wantKeys := []string{"breaking", "conventional", "scope", "sha", "subject", "type"}
	for _, c := range doc.Commits {
		var keys []string
		for k := range c {
			keys = append(keys, k)
		}
		if len(keys) != len(wantKeys) {
			t.Errorf("commit keys %v, want %v", keys, wantKeys)
		}
	}
	nonConv := doc.Commits[7]
	if nonConv["conventional"] != false || nonConv["type"] != "" || nonConv["subject"] != "update README ✨" {
		t.Errorf("non-conventional commit = %v", nonConv)
	}

	empty, err := JSON("Unreleased", "", "HEAD", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(empty), `"commits": []`) {
		t.Errorf("empty range gives %s, want an empty commits array", empty)
	}
}

func TestParseTypes(t *testing.T) {
	tests := []struct {
		spec    string
		want    []TypeSection
		wantErr string
	}{
		{spec: "", want: DefaultTypes},
		{spec: "feat: Features\nfix: Bug Fixes\n", want: []TypeSection{{Type: "feat", Section: "Features"}, {Type: "fix", Section: "Bug Fixes"}}},
		{spec: "feat=New, Fix=Fixed", want: []TypeSection{{Type: "feat", Section: "New"}, {Type: "fix", Section: "Fixed"}}},
		{spec: "- feat: Added\r\n- feature: Added", want: []TypeSection{{Type: "feat", Section: "Added"}, {Type: "feature", Section: "Added"}}},
		{spec: "feat", wantErr: `"feat": want "type: Title"`},
		{spec: "feat:", wantErr: "missing section title"},
		{spec: "fe at: X", wantErr: "ASCII letters"},
		{spec: "feat: A, feat: B", wantErr: "listed twice"},
	}
	for _, tt := range tests {
		got, err := ParseTypes(tt.spec)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseTypes(%q) error = %v, want %q", tt.spec, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseTypes(%q) = %v, %v; want %v", tt.spec, got, err, tt.want)
		}
	}
}

// TestText checks the escaping of commit text and the links to issues: plain subjects stay as they are,
// Markdown, HTML and mentions from a commit show as text, code spans stay code.
func TestText(t *testing.T) {
	l := linker{repo: "https://github.com/o/r"}
	tests := map[string]string{
		"fix #1":                      "fix [#1](https://github.com/o/r/issues/1)",
		"(#12)":                       "([#12](https://github.com/o/r/issues/12))",
		"#7, #8.":                     "[#7](https://github.com/o/r/issues/7), [#8](https://github.com/o/r/issues/8).",
		"a#1 b/#2 &#3; #x #5a":        "a#1 b/#2 &amp;#3; #x #5a",
		"[#4](u)":                     "\\[#4\\](u)",
		"keep focus after save (v2)":  "keep focus after save (v2)",
		"resolves nuxt/nuxt#33694":    "resolves [nuxt/nuxt#33694](https://github.com/nuxt/nuxt/issues/33694)",
		"see vuejs/language-tools#42": "see [vuejs/language-tools#42](https://github.com/vuejs/language-tools/issues/42)",
		"a/b/c#1 x/y#2a https://github.com/o/r/pull/3#4": "a/b/c#1 x/y#2a https://github.com/o/r/pull/3#4",
		"ping @org/team and @bob":                        "ping @&#8203;org/team and @&#8203;bob",
		"<img src=x onerror=alert(1)>":                   "&lt;img src=x onerror=alert(1)&gt;",
		"[click](javascript:alert(1))":                   "\\[click\\](javascript:alert(1))",
		"wrapped for `once: true` and `<b>`":             "wrapped for `once: true` and `<b>`",
		"unmatched ` tick and *stars*":                   "unmatched \\` tick and \\*stars\\*",
		"- not a list":                                   "\\- not a list",
		"#3 first":                                       "[#3](https://github.com/o/r/issues/3) first",
		"#0/0#0":                                         "[#0](https://github.com/o/r/issues/0)/0#0",
	}
	for in, want := range tests {
		if got := l.text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (linker{}).text("fix nuxt/nuxt#1 and #2 <b>"); got != "fix nuxt/nuxt#1 and #2 &lt;b&gt;" {
		t.Errorf("text without a repository = %q", got)
	}
}

// FuzzMarkdown renders one commit of arbitrary text and checks that commit text cannot change the shape of
// the section: one heading (the version's) and no other heading of level 1 or 2, only group headings,
// list items and their indented lines, no code fence left open; and, for text without code spans, no raw
// HTML and no live @mention.
func FuzzMarkdown(f *testing.F) {
	f.Add("feat(ui): <img src=x onerror=alert(1)> @org/team", "1.0.0")
	f.Add("fix: x\n\nBREAKING CHANGE: ```\n## 2.0.0\n- item\r# 3", "Unreleased")
	f.Add("feat(`a`)!: `<b>` and ``x` y``\n\nCloses nuxt/nuxt#1, #2", "v2.0.0")
	f.Add("Revert \"feat: x\"\r\rThis reverts commit 0123456.", "0.1.0")
	f.Fuzz(func(t *testing.T, message, version string) {
		if CheckVersion(version) != nil {
			return
		}
		e := Entry{SHA: "0123456789abcdef0123456789abcdef01234567", Commit: conventional.Parse(message)}
		out := Markdown([]Entry{e}, Options{Version: version, RepoURL: "https://github.com/o/r", PreviousTag: "v0.1.0",
			IncludeHidden: true})
		if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
			t.Fatalf("the section does not end with one newline: %q", out)
		}
		if closeFence(out) != out {
			t.Fatalf("a code fence is left open: %q", out)
		}
		d := parseDoc([]byte(out), version)
		if len(d.heads) == 0 || d.heads[0].line != 0 || !sameVersion(d.heads[0].version, version) {
			t.Fatalf("the section does not start with the version's heading: %q", out)
		}
		for _, h := range d.heads[1:] {
			if h.level != 3 {
				t.Fatalf("commit text made a heading %q: %q", d.lines[h.line], out)
			}
		}
		for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n")[1:] {
			if strings.ContainsRune(l, '\r') {
				t.Fatalf("line %d holds a CR: %q", i+2, l)
			}
			if l != "" && !strings.HasPrefix(l, "### ") && !strings.HasPrefix(l, "* ") && !strings.HasPrefix(l, "  ") {
				t.Fatalf("line %d is neither a group, an item nor inside one: %q in %q", i+2, l, out)
			}
		}
		if body := out[strings.IndexByte(out, '\n'):]; !strings.Contains(message, "`") { // the heading is the workflow's
			if strings.ContainsRune(body, '<') {
				t.Fatalf("raw < in %q", out)
			}
			for i := 0; i+1 < len(body); i++ {
				if body[i] == '@' && isWordByte(body[i+1]) {
					t.Fatalf("a live @mention in %q", out)
				}
			}
		}
	})
}
