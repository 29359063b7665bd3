package prlint

import (
	"strings"
	"testing"
)

func TestRequiredFiles(t *testing.T) {
	files := []string{"README.md", "LICENSE", "docs/guide/intro.md", ".github/CODEOWNERS"}
	tests := []struct {
		patterns []string
		missing  []string
	}{
		{[]string{"README.md", "./LICENSE"}, nil},
		{[]string{"docs/**/*.md", ".github/CODEOWNERS"}, nil},
		{[]string{"CHANGELOG.md", "docs/*.md", "*.md"}, []string{"CHANGELOG.md", "docs/*.md"}},
	}
	for _, tt := range tests {
		fs := RequiredFiles(tt.patterns, files)
		var got []string
		for _, f := range fs {
			if f.Check != CheckRequiredFiles || f.Level != Failure {
				t.Errorf("finding %+v", f)
			}
			got = append(got, f.Message)
		}
		if len(got) != len(tt.missing) {
			t.Fatalf("RequiredFiles(%q) = %q, want missing %q", tt.patterns, got, tt.missing)
		}
		for i, m := range tt.missing {
			if !strings.Contains(got[i], `"`+m+`"`) {
				t.Errorf("finding %q does not name %q", got[i], m)
			}
		}
	}
}

const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 5242880\n"

func TestIsLFSPointer(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    bool
	}{
		{"pointer", pointer, true},
		{"pointer with ext", strings.Replace(pointer, "oid", "ext-0-foo sha256:abc\noid", 1), true},
		{"no size", "version https://git-lfs.github.com/spec/v1\noid sha256:abc\n", false},
		{"text mentioning it", "see version https://git-lfs.github.com/spec/v1\n", false},
		{"big", pointer + strings.Repeat("x", 2000), false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := IsLFSPointer([]byte(tt.content)); got != tt.want {
			t.Errorf("%s: IsLFSPointer = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLargeFiles(t *testing.T) {
	files := []ChangedFile{
		{Path: "small.txt", Size: 10},
		{Path: "exact.bin", Size: 1_000_000},
		{Path: "big.bin", Size: 2 << 20},
		{Path: "model.bin", Size: 130, LFS: true},
	}
	fs := LargeFiles(files, Size{Bytes: 1_000_000, Number: "1", Unit: "MB"}, LargeFilesWarn)
	if len(fs) != 1 || fs[0].File != "big.bin" || fs[0].Level != Warning || !strings.Contains(fs[0].Message, `"big.bin" is 2.1 MB, over the 1 MB limit`) {
		t.Fatalf("warn: %+v", fs)
	}
	fs = LargeFiles(files, Size{Bytes: 100, Number: "100", Unit: "B"}, LargeFilesFail)
	if len(fs) != 2 || fs[0].Level != Failure {
		t.Fatalf("fail: %+v", fs)
	}
	for _, f := range fs {
		if f.File == "model.bin" {
			t.Errorf("an LFS pointer was reported: %+v", f)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 2 << 20: "2.0 MiB", 1_000_000: "976.6 KiB", 3 << 30: "3.0 GiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestConflictMarkers(t *testing.T) {
	added := []AddedLine{
		{1, "package x"},
		{5, "<<<<<<< HEAD"},
		{6, "a := 1"},
		{7, "======="},
		{8, "a := 2"},
		{9, ">>>>>>> feature/x"},
		{10, "<<<<<<<<< not a marker (9 chars)"},
		{11, " <<<<<<< indented"},
	}
	fs := ConflictMarkers("x.go", added)
	var lines []int
	for _, f := range fs {
		if f.File != "x.go" || f.Level != Failure || f.Check != CheckMarkers || !strings.Contains(f.Message, "delete the <<<<<<<, ======= and >>>>>>> lines, then commit") {
			t.Errorf("finding %+v", f)
		}
		lines = append(lines, f.Line)
	}
	if len(lines) != 3 || lines[0] != 5 || lines[1] != 7 || lines[2] != 9 {
		t.Fatalf("lines = %v, want [5 7 9]", lines)
	}
	// A Markdown heading underline alone is not a conflict.
	if fs := ConflictMarkers("README.md", []AddedLine{{1, "Title"}, {2, "======="}}); fs != nil {
		t.Errorf("setext heading reported: %+v", fs)
	}
	if fs := ConflictMarkers("a.txt", []AddedLine{{3, ">>>>>>>\r"}}); len(fs) != 1 {
		t.Errorf("CRLF marker: %+v", fs)
	}
}

func TestAddedLinesFromPatch(t *testing.T) {
	patch := "@@ -1,3 +1,4 @@\n line one\n-old two\n+new two\n+<<<<<<< HEAD\n line three\n@@ -10,2 +11,3 @@ func x() {\n ctx\n+>>>>>>> branch\n ctx2\n\\ No newline at end of file"
	got := AddedLinesFromPatch(patch)
	want := []AddedLine{{2, "new two"}, {3, "<<<<<<< HEAD"}, {12, ">>>>>>> branch"}}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if got := AddedLinesFromPatch(""); got != nil {
		t.Errorf("empty patch: %+v", got)
	}
}

func TestMergeable(t *testing.T) {
	yes, no := true, false
	if fs := Mergeable(&yes, "clean"); fs != nil {
		t.Errorf("clean: %+v", fs)
	}
	if fs := Mergeable(&no, "dirty"); len(fs) != 1 || fs[0].Level != Failure {
		t.Errorf("dirty: %+v", fs)
	}
	if fs := Mergeable(nil, "unknown"); len(fs) != 1 || fs[0].Level != Warning {
		t.Errorf("unknown: %+v", fs)
	}
}

func TestForbiddenPaths(t *testing.T) {
	tests := []struct {
		path string
		rule string // "" when allowed
	}{
		{".env", ".env"},
		{"services/api/.env", ".env"},
		{".env.production", ".env.*"},
		{"frontend/.env.local", ".env.*"},
		{".env.example", ""},
		{"api/.env.sample", ""},
		{".env.template", ""},
		{"certs/server.pem", "*.pem"},
		{"keys/deploy.p12", "*.p12"},
		{"home/.ssh/id_rsa", "id_rsa"},
		{"home/.ssh/id_ed25519", "id_ed25519"},
		{"home/.ssh/id_rsa.pub", ""},
		{".npmrc", ""},
		{"docs/env.md", ""},
		{"environment.py", ""},
		{"src/.envrc", ""},
	}
	for _, tt := range tests {
		fs := ForbiddenPaths(DefaultForbiddenPaths, []ChangedFile{{Path: tt.path}})
		switch {
		case tt.rule == "" && len(fs) != 0:
			t.Errorf("%s: forbidden: %s", tt.path, fs[0].Message)
		case tt.rule != "" && (len(fs) != 1 || fs[0].File != tt.path || !strings.Contains(fs[0].Message, `entry "`+tt.rule+`"`)):
			t.Errorf("%s: findings %+v, want one by %q", tt.path, fs, tt.rule)
		}
	}
	// Rooted patterns, ** and a later negation.
	custom := []string{"secrets/**", "!secrets/README.md", "/config/prod.yml"}
	for p, want := range map[string]bool{"secrets/a/b.txt": true, "secrets/README.md": false, "config/prod.yml": true, "x/config/prod.yml": false} {
		if got := len(ForbiddenPaths(custom, []ChangedFile{{Path: p}})) == 1; got != want {
			t.Errorf("custom %s: forbidden=%v, want %v", p, got, want)
		}
	}
	// The Rose example allows its committed CI template (placeholders only) by path, and nothing else.
	rose := append(append([]string{}, DefaultForbiddenPaths...), "!tests/.env.ci")
	for p, want := range map[string]bool{"tests/.env.ci": false, ".env.ci": true, "other/tests/.env.ci": true, "tests/.env": true} {
		if got := len(ForbiddenPaths(rose, []ChangedFile{{Path: p}})) == 1; got != want {
			t.Errorf("rose %s: forbidden=%v, want %v", p, got, want)
		}
	}
	if err := ValidateForbiddenPaths([]string{"!a[", "b"}); err == nil {
		t.Error("bad glob accepted")
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in            string
		bytes         int64
		limit, format string // String() and Format(2_000_000)
		err           string
	}{
		{in: "1MB", bytes: 1_000_000, limit: "1 MB", format: "2.0 MB"},
		{in: "1 mb", bytes: 1_000_000, limit: "1 MB", format: "2.0 MB"},
		{in: "1.5MB", bytes: 1_500_000, limit: "1.5 MB", format: "2.0 MB"},
		{in: "512KiB", bytes: 524_288, limit: "512 KiB", format: "1953.1 KiB"},
		{in: "1MiB", bytes: 1 << 20, limit: "1 MiB", format: "1.9 MiB"},
		{in: "2GB", bytes: 2_000_000_000, limit: "2 GB", format: "0.0 GB"},
		{in: "2048", bytes: 2048, limit: "2048 B", format: "2000000 B"},
		{in: "100B", bytes: 100, limit: "100 B", format: "2000000 B"},
		{in: "1M", err: "ambiguous: write 1MB (powers of 1000) or 1MiB"},
		{in: "3k", err: "write 3KB"},
		{in: "1TB", err: `"TB" is not a unit`},
		{in: "-1MB", err: "not a size"},
		{in: "MB", err: "not a size"},
	}
	for _, tt := range tests {
		s, err := ParseSize(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseSize(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || s.Bytes != tt.bytes || s.String() != tt.limit || s.Format(2_000_000) != tt.format {
			t.Errorf("ParseSize(%q) = %d %q %q, %v; want %d %q %q", tt.in, s.Bytes, s, s.Format(2_000_000), err, tt.bytes, tt.limit, tt.format)
		}
	}
	// Rounding that would hide the excess shows the bytes.
	mb, _ := ParseSize("1MB")
	if got := mb.Format(1_000_001); got != "1.0 MB (1000001 bytes)" {
		t.Errorf("Format(1000001) = %q", got)
	}
}
