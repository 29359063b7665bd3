package changelog

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
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

func TestUpdateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "docs", "CHANGELOG.md")
	if err := UpdateFile(path, "1.1.0", "## 1.1.0\n\n* b\n"); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := UpdateFile(path, "1.2.0", section120); err != nil {
		t.Fatal(err)
	}
	if err := UpdateFile(path, "1.2.0", section120); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "# Changelog\n\n" + section120 + "\n## 1.1.0\n\n* b\n"
	if string(got) != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	if strings.Count(string(got), "## [1.2.0]") != 1 {
		t.Error("the 1.2.0 section is duplicated")
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the file's own 0600", st.Mode().Perm())
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestUpdateFileErrors(t *testing.T) {
	dir := t.TempDir()
	if err := UpdateFile(dir, "1.0.0", "## 1.0.0\n"); err == nil || !strings.Contains(err.Error(), "read changelog") {
		t.Errorf("UpdateFile on a directory: error = %v", err)
	}
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		return // root writes anywhere
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ro, "CHANGELOG.md")
	if err := UpdateFile(path, "1.0.0", "## 1.0.0\n"); err == nil {
		t.Error("UpdateFile in a read-only folder succeeded")
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
	if err := UpdateFile(filepath.Join(t.TempDir(), "C.md"), "1 2", "## 1 2\n"); err == nil {
		t.Error("UpdateFile accepted a version with a space")
	}
}

func FuzzUpdate(f *testing.F) {
	f.Add("# Changelog\n\n## 1.1.0\n\n* b\n", "1.2.0")
	f.Add("## [1.2.0]\n```\n## 1.2.0\n", "1.2.0")
	f.Add("[x]: y\r\n", "Unreleased")
	f.Fuzz(func(t *testing.T, old, version string) {
		if CheckVersion(version) != nil {
			return
		}
		section := "## " + version + "\n\n* entry\n"
		once := Update([]byte(old), version, section)
		twice := Update(once, version, section)
		if string(once) != string(twice) {
			t.Errorf("not idempotent:\nonce  %q\ntwice %q", once, twice)
		}
		if !strings.Contains(strings.ReplaceAll(string(once), "\r\n", "\n"), "* entry\n") {
			t.Errorf("section missing from %q", once)
		}
	})
}
