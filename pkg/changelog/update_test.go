package changelog

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/conventional"
)

const section120 = "## [1.2.0](https://github.com/o/r/compare/v1.1.0...v1.2.0) (2026-01-31)\n\n### Features\n\n* new thing\n"

func TestUpdate(t *testing.T) {
	tests := []struct {
		name, old, version, section, want string
	}{
		{
			name: "new file", old: "", version: "1.2.0", section: section120,
			want: "# Changelog\n\n" + section120,
		},
		{
			name:    "insert below the title and its text, above the newest release",
			old:     "# Changelog\n\nAll notable changes.\n\n## [1.1.0](x) (2026-01-01)\n\n* old\n",
			version: "1.2.0", section: section120,
			want: "# Changelog\n\nAll notable changes.\n\n" + section120 + "\n## [1.1.0](x) (2026-01-01)\n\n* old\n",
		},
		{
			name:    "replace the same version, keep the rest byte for byte",
			old:     "# Changelog\n\n## [1.2.0](old) (2026-01-30)\n\n* stale\n* stale 2\n\n## 1.1.0\n\n* old   \n\n\n# [1.0.0](y)\n* major\n",
			version: "v1.2.0", section: section120,
			want: "# Changelog\n\n" + section120 + "\n## 1.1.0\n\n* old   \n\n\n# [1.0.0](y)\n* major\n",
		},
		{
			name:    "replace the last section, keep link definitions",
			old:     "# Changelog\n\n## [Unreleased]\n\n* a\n\n## [1.2.0] - 2026-01-30\n\n* stale\n\n[Unreleased]: https://x/compare/v1.2.0...HEAD\n[1.2.0]: https://x/compare/v1.1.0...v1.2.0\n",
			version: "1.2.0", section: section120,
			want: "# Changelog\n\n## [Unreleased]\n\n* a\n\n" + section120 + "\n[Unreleased]: https://x/compare/v1.2.0...HEAD\n[1.2.0]: https://x/compare/v1.1.0...v1.2.0\n",
		},
		{
			name: "title only, no final newline",
			old:  "# Changelog", version: "1.2.0", section: section120,
			want: "# Changelog\n\n" + section120,
		},
		{
			name: "no heading: at the end",
			old:  "Some notes.\n", version: "Unreleased", section: "## Unreleased\n\n* x\n",
			want: "Some notes.\n\n## Unreleased\n\n* x\n",
		},
		{
			name:    "unreleased replaced on re-run",
			old:     "# Changelog\n\n## Unreleased\n\n* a\n\n## 1.0.0 (2025-01-01)\n\n* b\n",
			version: "Unreleased", section: "## Unreleased\n\n* a\n* c\n",
			want: "# Changelog\n\n## Unreleased\n\n* a\n* c\n\n## 1.0.0 (2025-01-01)\n\n* b\n",
		},
		{
			name:    "headings in code fences are ignored",
			old:     "# Changelog\n\n```md\n## 1.2.0\n```\n\n## 1.1.0\n\n* b\n",
			version: "1.2.0", section: "## 1.2.0\n\n* c\n",
			want: "# Changelog\n\n```md\n## 1.2.0\n```\n\n## 1.2.0\n\n* c\n\n## 1.1.0\n\n* b\n",
		},
		{
			// An unclosed fence runs to the end of the file (CommonMark): a section below it would be code.
			name: "unclosed fence at the end: the section goes above it, the fence stays",
			old:  "~~~", version: "0", section: "## 0\n\n* entry\n",
			want: "## 0\n\n* entry\n\n~~~",
		},
		{
			name:    "unclosed fence after a section: not part of it",
			old:     "# Changelog\n\n## 1.0.0\n\n* a\n\n```go\n## 0.9.0\n",
			version: "1.0.0", section: "## 1.0.0\n\n* b\n",
			want: "# Changelog\n\n## 1.0.0\n\n* b\n\n```go\n## 0.9.0\n",
		},
		{
			name:    "a fence the section leaves open is closed",
			old:     "# Changelog\n\n## 1.0.0\n\n* a\n",
			version: "1.1.0", section: "## 1.1.0\n\n* b\n  ````\n",
			want: "# Changelog\n\n## 1.1.0\n\n* b\n  ````\n````\n\n## 1.0.0\n\n* a\n",
		},
		{
			name:    "lone CR line ends",
			old:     "# Changelog\r\r## 1.1.0\r\r* b\r",
			version: "1.2.0", section: "## 1.2.0\n\n* c\n",
			want: "# Changelog\r\r## 1.2.0\r\r* c\r\r## 1.1.0\r\r* b\r",
		},
		{
			// Older conventional-changelog versions put an anchor right above each release heading.
			name:    "an anchor above a heading belongs to its section",
			old:     "# Changelog\n\n<a name=\"1.1.0\"></a>\n# [1.1.0](x) (2017-01-01)\n\n* b\n\n<a name=\"1.0.0\"></a>\n# 1.0.0\n\n* a\n",
			version: "1.1.0", section: "# [1.1.0](x) (2017-01-01)\n\n* c\n",
			want: "# Changelog\n\n<a name=\"1.1.0\"></a>\n# [1.1.0](x) (2017-01-01)\n\n* c\n\n<a name=\"1.0.0\"></a>\n# 1.0.0\n\n* a\n",
		},
		{
			name:    "a new release goes above the anchor of the newest",
			old:     "# Changelog\n\n<a name=\"1.1.0\"></a>\n# [1.1.0](x) (2017-01-01)\n\n* b\n",
			version: "1.2.0", section: "# 1.2.0\n\n* c\n",
			want: "# Changelog\n\n# 1.2.0\n\n* c\n\n<a name=\"1.1.0\"></a>\n# [1.1.0](x) (2017-01-01)\n\n* b\n",
		},
		{
			name:    "CRLF file stays CRLF",
			old:     "# Changelog\r\n\r\n## 1.1.0\r\n\r\n* b\r\n",
			version: "1.2.0", section: "## 1.2.0\n\n* c\n",
			want: "# Changelog\r\n\r\n## 1.2.0\r\n\r\n* c\r\n\r\n## 1.1.0\r\n\r\n* b\r\n",
		},
		{
			name:    "monorepo tags and other headings",
			old:     "# Changelog\n\n## Notes\n\ntext\n\n## tools/v1.1.0\n\n* b\n",
			version: "tools/v1.2.0", section: "## tools/v1.2.0\n\n* c\n",
			want: "# Changelog\n\n## Notes\n\ntext\n\n## tools/v1.2.0\n\n* c\n\n## tools/v1.1.0\n\n* b\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Update([]byte(tt.old), tt.version, tt.section))
			if got != tt.want {
				t.Errorf("Update:\n--- got\n%s\n--- want\n%s", got, tt.want)
			}
			// Idempotent: writing the same section again changes nothing.
			if again := string(Update([]byte(got), tt.version, tt.section)); again != got {
				t.Errorf("second Update changed the file:\n%s", again)
			}
		})
	}
}

func TestCheckVersion(t *testing.T) {
	for _, v := range []string{"1.2.0", "v1.2.0-rc.1", "Unreleased", "tools/v1.0.0", "2026-01-31"} {
		if err := CheckVersion(v); err != nil {
			t.Errorf("CheckVersion(%q) = %v", v, err)
		}
	}
	for _, v := range []string{"", "1.2.0 beta", "[1.2.0]", "(x)", "#1", "a\tb"} {
		if err := CheckVersion(v); err == nil {
			t.Errorf("CheckVersion(%q) accepted", v)
		}
	}
}

// FuzzUpdate writes a rendered section into arbitrary Markdown and checks that a second run changes nothing,
// that the section is there, that every other level-1 and level-2 heading is kept in order, and that the
// bytes outside the edit are kept: the output is the input with one region replaced, and the new region is
// the section between line ends.
func FuzzUpdate(f *testing.F) {
	f.Add("# Changelog\n\n## 1.1.0\n\n* b\n", "1.2.0", "feat: x")
	f.Add("## [1.2.0]\n```\n## 1.2.0\n", "1.2.0", "fix: y\n\nBREAKING CHANGE: ```\n## 0")
	f.Add("[x]: y\r\n", "Unreleased", "feat: z")
	f.Add("# [3.5.0](x) (2024-09-03)\n\n## Bug Fixes\n\n* a\n\n## [3.4.38](y)\n", "3.5.0", "fix: b")
	f.Add("a\rb\r## 0\r~~~\r", "0", "feat!: c\r\rBREAKING CHANGE: ~~~\r## 1")
	f.Fuzz(func(t *testing.T, old, version, message string) {
		if CheckVersion(version) != nil {
			return
		}
		entries := []Entry{{SHA: "0123456789abcdef", Commit: conventional.Parse(message)}}
		section := Markdown(entries, Options{Version: version, IncludeHidden: true, Style: StyleOf([]byte(old), version)})
		once := UpdateRelease([]byte(old), version, section, SHAs(entries))
		twice := UpdateRelease(once, version, section, SHAs(entries))
		if string(once) != string(twice) {
			t.Fatalf("not idempotent:\nonce  %q\ntwice %q", once, twice)
		}
		norm := strings.NewReplacer("\r\n", "\n", "\r", "\n")
		want := strings.TrimRight(closeFence(norm.Replace(section)), "\n")
		if !strings.Contains(norm.Replace(string(once)), want) {
			t.Fatalf("section %q missing from %q", want, once)
		}
		if len(bytes.TrimSpace([]byte(old))) == 0 {
			return // a new file: DefaultTitle and the section
		}
		if got, want := otherReleases(once, version), otherReleases([]byte(old), version); !slices.Equal(got, want) {
			t.Fatalf("other releases changed:\nbefore %q\nafter  %q\nin %q", want, got, once)
		}
		// Taking the section out of once leaves old, with at most line ends added and, when old had a
		// section of this version, that section taken out.
		nl := newline([]byte(old))
		written := strings.ReplaceAll(want+"\n", "\n", nl)
		i := strings.Index(string(once), written)
		if i < 0 {
			t.Fatalf("section %q not written as one block into %q", written, once)
		}
		rest := string(once[:i]) + string(once[i+len(written):])
		p := 0
		for p < len(old) && p < len(rest) && old[p] == rest[p] {
			p++
		}
		s := 0
		for s < len(old)-p && s < len(rest)-p && old[len(old)-1-s] == rest[len(rest)-1-s] {
			s++
		}
		if added := rest[p : len(rest)-s]; strings.Trim(added, "\r\n") != "" {
			t.Fatalf("bytes outside the section changed: %q added to %q", added, old)
		}
		if removed := old[p : len(old)-s]; !hasHeading([]byte(old), version) && !hasHeading([]byte(old), "Unreleased") &&
			strings.Trim(removed, "\r\n") != "" {
			t.Fatalf("an insertion removed %q from %q", removed, old)
		}
	})
}

// otherReleases lists the release headings of doc other than version's and Unreleased: writing a section
// never loses, moves or duplicates another release.
func otherReleases(doc []byte, version string) []string {
	d := parseDoc(doc, version)
	var out []string
	for _, h := range d.heads {
		if h.release() && h.line < d.limit && !sameVersion(h.version, version) && !isUnreleased(h.version) {
			out = append(out, strings.TrimRight(string(d.lines[h.line]), "\r\n"))
		}
	}
	return out
}

func hasHeading(doc []byte, version string) bool { return parseDoc(doc, version).find(version) >= 0 }
