package changelog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rose/actions/pkg/conventional"
)

// Replays on real CHANGELOG files: vue's (conventional-changelog with "#" minors and "##" patches, see
// testdata/vue/NOTICE.md), a Keep a Changelog file and a goreleaser-style file. Each step checks that the
// bytes outside the written section are the file's own, that no commit appears twice and that dates stay.

const vueRepo = "https://github.com/vuejs/core"

func readFixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// commits parses "sha message" pairs into entries.
func commits(pairs ...string) []Entry {
	var out []Entry
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Entry{SHA: pairs[i], Commit: conventional.Parse(pairs[i+1]), Parents: 1})
	}
	return out
}

// render writes the section of version in the style old uses, as the actions do.
func render(old []byte, entries []Entry, version, prev, tag string, date time.Time) string {
	return Markdown(entries, Options{Version: version, PreviousTag: prev, Tag: tag, RepoURL: vueRepo,
		Date: date, Style: StyleOf(old, version)})
}

// lineOf returns the offset of the line of b that starts with prefix; it fails the test when there is none.
func lineOf(t *testing.T, b []byte, prefix string) int {
	t.Helper()
	s := string(b)
	if strings.HasPrefix(s, prefix) {
		return 0
	}
	i := strings.Index(s, "\n"+prefix)
	if i < 0 {
		t.Fatalf("no line starts with %q", prefix)
	}
	return i + 1
}

// keeps checks that got is old with old[from:to] replaced by section (and blank lines around it).
func keeps(t *testing.T, old, got []byte, from, to int, section string) {
	t.Helper()
	head, tail := string(old[:from]), string(old[to:])
	if !strings.HasPrefix(string(got), head) {
		t.Fatalf("the text above the section changed")
	}
	if !strings.HasSuffix(string(got), tail) {
		t.Fatalf("the text below the section changed")
	}
	middle := string(got[len(head) : len(got)-len(tail)])
	if strings.Trim(middle, "\n") != strings.Trim(section, "\n") {
		t.Fatalf("the section written is\n%s\nwant\n%s", middle, section)
	}
}

// onlyOnce fails unless each of the commits appears exactly once in b.
func onlyOnce(t *testing.T, b []byte, shas ...string) {
	t.Helper()
	for _, sha := range shas {
		if n := strings.Count(string(b), "/commit/"+sha+")"); n != 1 {
			t.Errorf("commit %s appears %d times", sha[:7], n)
		}
	}
}

var (
	fixA = "aaaaaaa000000000000000000000000000000001"
	fixB = "bbbbbbb000000000000000000000000000000002"
	feaC = "ccccccc000000000000000000000000000000003"
)

func TestVuePromoteUnreleasedThenRelease(t *testing.T) {
	orig := readFixture(t, "vue/CHANGELOG.md")

	// A push to main: the changelog action writes Unreleased above the newest release, at the level of the
	// file's patches.
	pending := commits(fixA, "fix(runtime-core): keep slot order (#15300)", fixB, "fix(ssr): escape attribute names\n\nresolves nuxt/nuxt#34001")
	unreleased := render(orig, pending, "Unreleased", "v3.5.41", "", time.Time{})
	if !strings.HasPrefix(unreleased, "## [Unreleased](https://github.com/vuejs/core/compare/v3.5.41...HEAD)\n") {
		t.Fatalf("Unreleased heading: %q", strings.SplitN(unreleased, "\n", 2)[0])
	}
	step1 := Update(orig, "Unreleased", unreleased)
	keeps(t, orig, step1, 0, 0, unreleased)
	if !strings.Contains(string(step1), "closes [nuxt/nuxt#34001](https://github.com/nuxt/nuxt/issues/34001)") {
		t.Error("the cross-repository reference is not linked")
	}
	// The same push again changes nothing.
	if again := Update(step1, "Unreleased", render(step1, pending, "Unreleased", "v3.5.41", "", time.Time{})); string(again) != string(step1) {
		t.Fatal("a second run changed the file")
	}

	// The release: 3.5.42 holds the pending fixes and one more; it takes Unreleased's place.
	date := time.Date(2026, 8, 20, 9, 0, 0, 0, time.FixedZone("+08", 8*3600))
	released := append(pending, commits(feaC, "fix(types): infer emits")...)
	section := render(step1, released, "3.5.42", "v3.5.41", "v3.5.42", date)
	if !strings.HasPrefix(section, "## [3.5.42](https://github.com/vuejs/core/compare/v3.5.41...v3.5.42) (2026-08-20)\n") {
		t.Fatalf("3.5.42 heading: %q", strings.SplitN(section, "\n", 2)[0])
	}
	step2 := Update(step1, "3.5.42", section)
	keeps(t, orig, step2, 0, 0, section)
	if strings.Contains(string(step2), "Unreleased") {
		t.Error("Unreleased is still there")
	}
	onlyOnce(t, step2, fixA, fixB, feaC)
	if again := Update(step2, "3.5.42", section); string(again) != string(step2) {
		t.Fatal("re-running the release changed the file")
	}
}

func TestVueMinorReleaseTakesLevelOne(t *testing.T) {
	orig := readFixture(t, "vue/CHANGELOG.md")
	st := StyleOf(orig, "3.6.0")
	if st.Level != 1 || st.Plain || st.Date != DateParens {
		t.Fatalf("StyleOf(vue, 3.6.0) = %+v, want level 1, linked, date in parentheses", st)
	}
	if st := StyleOf(orig, "3.5.42"); st.Level != 2 {
		t.Fatalf("StyleOf(vue, 3.5.42) = %+v, want level 2", st)
	}
	section := render(orig, commits(feaC, "feat(reactivity): add effect priorities"), "3.6.0", "v3.5.41", "v3.6.0",
		time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC))
	if !strings.HasPrefix(section, "# [3.6.0](") {
		t.Fatalf("3.6.0 heading: %q", section)
	}
	got := Update(orig, "3.6.0", section)
	keeps(t, orig, got, 0, 0, section)
}

// Regenerating 3.5.0, a "#" section with "##" groups of its own, replaces all of it (up to 3.5.0-rc.1),
// keeps its level and the date given (the tag's), and nothing else.
func TestVueRegenerateMinorSection(t *testing.T) {
	orig := readFixture(t, "vue/CHANGELOG.md")
	from, to := lineOf(t, orig, "# [3.5.0]("), lineOf(t, orig, "# [3.5.0-rc.1]")
	tagDate := time.Date(2024, 9, 3, 21, 13, 50, 0, time.FixedZone("+08", 8*3600))
	section := render(orig, commits(fixA, "fix(hydration): escape css var name to avoid mismatch (#11739)"),
		"3.5.0", "v3.5.0-rc.1", "v3.5.0", tagDate)
	if !strings.HasPrefix(section, "# [3.5.0](https://github.com/vuejs/core/compare/v3.5.0-rc.1...v3.5.0) (2024-09-03)\n") {
		t.Fatalf("3.5.0 heading: %q", strings.SplitN(section, "\n", 2)[0])
	}
	got := Update(orig, "3.5.0", section)
	// The section's own trailing blank lines go with it; one blank line separates it from the next.
	keeps(t, orig, got, from, to, section)
	if n := strings.Count(string(got), "Bug Fixes\n\n* **compiler-sfc:** fix import usage check"); n != 0 {
		t.Error("the old 3.5.0 groups are still there")
	}
}

func TestVueRegeneratePatchKeepsItsDate(t *testing.T) {
	orig := readFixture(t, "vue/CHANGELOG.md")
	from, to := lineOf(t, orig, "## [3.5.40]("), lineOf(t, orig, "## [3.5.39](")
	tagDate := time.Date(2026, 7, 16, 11, 5, 11, 0, time.FixedZone("+08", 8*3600))
	section := render(orig, commits(fixA, "fix(reactivity): handle effect removal during scope stop (#15084)\n\nCloses #15083"),
		"3.5.40", "v3.5.39", "v3.5.40", tagDate)
	if !strings.HasPrefix(section, "## [3.5.40](https://github.com/vuejs/core/compare/v3.5.39...v3.5.40) (2026-07-16)\n") {
		t.Fatalf("3.5.40 heading: %q", strings.SplitN(section, "\n", 2)[0])
	}
	got := Update(orig, "3.5.40", section)
	keeps(t, orig, got, from, to, section)
}

// The last release section ends before vue's trailing "## Previous Changelogs", which is no group of it.
func TestVueLastSectionStopsAtTrailingText(t *testing.T) {
	orig := readFixture(t, "vue/CHANGELOG.md")
	from, to := lineOf(t, orig, "# [3.5.0-alpha.1]"), lineOf(t, orig, "## Previous Changelogs")
	section := render(orig, commits(feaC, "feat: alpha"), "3.5.0-alpha.1", "v3.4.25", "v3.5.0-alpha.1",
		time.Date(2024, 4, 29, 0, 0, 0, 0, time.UTC))
	got := Update(orig, "3.5.0-alpha.1", section)
	keeps(t, orig, got, from, to, section)
}

// A release missing from the file goes between its neighbours.
func TestVueBackfillsAMissingRelease(t *testing.T) {
	orig := readFixture(t, "vue/CHANGELOG.md")
	from, to := lineOf(t, orig, "## [3.5.40]("), lineOf(t, orig, "## [3.5.39](")
	without := append(append([]byte{}, orig[:from]...), orig[to:]...)
	section := render(without, commits(fixA, "fix: x"), "3.5.40", "v3.5.39", "v3.5.40", time.Date(2026, 7, 16, 0, 0, 0, 0, time.UTC))
	got := Update(without, "3.5.40", section)
	keeps(t, without, got, from, from, section)
}

// Unreleased lists a commit the release does not hold: it keeps that one, loses the released one (and the
// group left empty), and the release goes below it.
func TestUnreleasedPartlyReleased(t *testing.T) {
	old := "# Changelog\n\n## Unreleased\n\n### Features\n\n* later ([ccccccc](https://x/commit/" + feaC + "))\n\n" +
		"### Bug Fixes\n\n* fixed ([aaaaaaa](https://x/commit/" + fixA + "))\n\n## [1.0.0](https://x) (2026-01-01)\n\n* old\n"
	section := "## [1.1.0](https://x/compare/v1.0.0...v1.1.0) (2026-02-01)\n\n### Bug Fixes\n\n* fixed ([aaaaaaa](https://x/commit/" + fixA + "))\n"
	got := string(Update([]byte(old), "1.1.0", section))
	want := "# Changelog\n\n## Unreleased\n\n### Features\n\n* later ([ccccccc](https://x/commit/" + feaC + "))\n\n" +
		section + "\n## [1.0.0](https://x) (2026-01-01)\n\n* old\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// Hand-written notes under Unreleased are never taken away.
	old = "# Changelog\n\n## Unreleased\n\nA note written by hand.\n\n### Bug Fixes\n\n* fixed (aaaaaaa)\n\n## 1.0.0\n\n* old\n"
	got = string(Update([]byte(old), "1.1.0", "## 1.1.0\n\n### Bug Fixes\n\n* fixed (aaaaaaa)\n"))
	want = "# Changelog\n\n## Unreleased\n\nA note written by hand.\n\n## 1.1.0\n\n### Bug Fixes\n\n* fixed (aaaaaaa)\n\n## 1.0.0\n\n* old\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestKeepAChangelog(t *testing.T) {
	orig := readFixture(t, "keepachangelog/CHANGELOG.md")
	st := StyleOf(orig, "1.2.0")
	if st.Level != 2 || st.Plain || st.Date != DateDash {
		t.Fatalf("StyleOf = %+v, want level 2, brackets, dash date", st)
	}
	section := Markdown(commits(fixA, "fix: handle empty input"), Options{Version: "1.2.0", PreviousTag: "v1.1.1",
		Tag: "v1.2.0", RepoURL: "https://github.com/o/r", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Style: st})
	if !strings.HasPrefix(section, "## [1.2.0](https://github.com/o/r/compare/v1.1.1...v1.2.0) - 2026-03-01\n") {
		t.Fatalf("heading: %q", strings.SplitN(section, "\n", 2)[0])
	}
	got := Update(orig, "1.2.0", section)
	// The hand-kept, empty [Unreleased] stays on top; the release goes below it; the link definitions at
	// the end are the file's own.
	at := lineOf(t, orig, "## [1.1.1]")
	keeps(t, orig, got, at, at, section)
	if !strings.HasPrefix(string(got), "# Changelog") || !strings.Contains(string(got), "## [Unreleased]\n") {
		t.Fatal("title or Unreleased lost")
	}
}

func TestGoreleaserStyle(t *testing.T) {
	orig := readFixture(t, "goreleaser/CHANGELOG.md")
	st := StyleOf(orig, "2.4.0")
	if st.Level != 2 || !st.Plain || st.Date != DateNone || !st.VPrefix {
		t.Fatalf("StyleOf = %+v, want level 2, plain v-prefixed version, no date", st)
	}
	section := Markdown(commits(fixA, "fix(docker): retry pushes"), Options{Version: "2.4.0", PreviousTag: "v2.3.2",
		Tag: "v2.4.0", RepoURL: "https://github.com/o/r", Date: time.Now(), Style: st})
	if !strings.HasPrefix(section, "## v2.4.0\n") {
		t.Fatalf("heading: %q", strings.SplitN(section, "\n", 2)[0])
	}
	got := Update(orig, "2.4.0", section)
	at := lineOf(t, orig, "## v2.3.2")
	keeps(t, orig, got, at, at, section)
	// goreleaser lists a commit as "* <sha> <message>": regenerating v2.3.2 with the same commits replaces
	// its section, and an Unreleased section listing them is taken out.
	withUnreleased := Update(orig, "Unreleased", "## Unreleased\n\n### Bug fixes\n* 1f2e3d4 fix: close files\n")
	regen := Update(withUnreleased, "2.3.2", "## v2.3.2\n\n### Bug fixes\n* 1f2e3d4 fix: close files\n")
	if strings.Contains(string(regen), "Unreleased") || strings.Count(string(regen), "1f2e3d4") != 1 {
		t.Fatalf("after regenerating v2.3.2:\n%s", regen)
	}
}

// TestStyleOf covers the forms of release headings found in the wild.
func TestStyleOf(t *testing.T) {
	tests := []struct {
		old, version string
		want         Style
	}{
		{"", "1.0.0", Style{}},
		{"# Changelog\n", "1.0.0", Style{}},
		{"## [1.0.0](x) (2026-01-01)\n", "1.1.0", Style{Level: 2}},
		{"# [1.1.0](x) (2026-01-01)\n## [1.0.1](x) (2025-01-01)\n# [1.0.0](x)\n", "1.1.1", Style{Level: 2}},
		{"# [1.1.0](x) (2026-01-01)\n## [1.0.1](x) (2025-01-01)\n", "2.0.0", Style{Level: 1}},
		{"# 1.0.0\n\n# 0.9.0\n", "1.0.1", Style{Level: 1, Plain: true, Date: DateNone}},
		{"## [1.0.0] - 2017-06-20\n", "1.1.0", Style{Level: 2, Date: DateDash}},
		{"## v1.0.0 (2020-01-01)\n", "1.1.0", Style{Level: 2, Plain: true, VPrefix: true}},
		{"## 1.0.0 - 2020-01-01\n", "1.1.0", Style{Level: 2, Plain: true, Date: DateDash}},
		{"# [1.0.0](x)\n\n## Bug Fixes\n", "1.0.0", Style{Level: 1, Date: DateNone}},
		{"## Unreleased\n", "Unreleased", Style{Level: 2}},
	}
	for _, tt := range tests {
		if got := StyleOf([]byte(tt.old), tt.version); got != tt.want {
			t.Errorf("StyleOf(%q, %s) = %+v, want %+v", tt.old, tt.version, got, tt.want)
		}
	}
}

func ExampleStyleOf() {
	old := []byte("# [3.5.0](https://github.com/vuejs/core/compare/v3.5.0-rc.1...v3.5.0) (2024-09-03)\n\n" +
		"## [3.4.38](https://github.com/vuejs/core/compare/v3.4.37...v3.4.38) (2024-08-15)\n")
	for _, v := range []string{"3.5.1", "3.6.0"} {
		fmt.Print(Markdown(nil, Options{Version: v, PreviousTag: "v3.5.0", Tag: "v" + v,
			RepoURL: "https://github.com/vuejs/core", Style: StyleOf(old, v)}))
	}
	// Output:
	// ## [3.5.1](https://github.com/vuejs/core/compare/v3.5.0...v3.5.1)
	// # [3.6.0](https://github.com/vuejs/core/compare/v3.5.0...v3.6.0)
}

// An Unreleased section rendered with hidden types (include-hidden) lists chores that a release rendered
// without them does not show: given all the release's commits, the release still takes its place.
func TestUnreleasedWithHiddenTypesPromoted(t *testing.T) {
	entries := commits(fixA, "fix: a", fixB, "chore(deps): bump x")
	old := "# Changelog\n\n" + Markdown(entries, Options{Version: "Unreleased", IncludeHidden: true}) + "\n## 1.0.0\n\n* old\n"
	section := Markdown(entries, Options{Version: "1.1.0"})
	if strings.Contains(section, "bump x") {
		t.Fatal("the release shows the chore")
	}
	got := string(UpdateRelease([]byte(old), "1.1.0", section, SHAs(entries)))
	want := "# Changelog\n\n" + section + "\n## 1.0.0\n\n* old\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// Without the list, the chore stays under Unreleased, and still no commit appears twice.
	got = string(Update([]byte(old), "1.1.0", section))
	if !strings.Contains(got, "## Unreleased") || strings.Count(got, "(aaaaaaa)") != 1 || strings.Count(got, "(bbbbbbb)") != 1 {
		t.Fatalf("got\n%s", got)
	}
}
