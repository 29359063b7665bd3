package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// tree builds a workspace with an outside folder beside it, both resolved, and returns their paths.
func tree(t *testing.T) (ws, outside string) {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ws, outside = filepath.Join(root, "ws"), filepath.Join(root, "outside")
	for _, d := range []string{filepath.Join(ws, "docs"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(t, filepath.Join(outside, "passwd"), "root:x:0:0\n")
	mustWrite(t, filepath.Join(ws, "docs", "CHANGES.md"), "# Changes\n")
	links := map[string]string{
		"up":           "..",
		"to-outside":   filepath.Join(outside, "passwd"),
		"rel-outside":  "../outside/passwd",
		"inside":       "docs/CHANGES.md",
		"dangling-out": "../outside/nothing-here",
		"dangling-in":  "docs/not-yet.md",
		"loop":         "loop",
		"docs-link":    "docs",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(ws, name)); err != nil {
			t.Fatal(err)
		}
	}
	return ws, outside
}

func mustWrite(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestResolve(t *testing.T) {
	ws, outside := tree(t)
	tests := []struct {
		name, path string
		want       string // "" when refused
		outside    bool   // refused as leaving the workspace
	}{
		{name: "plain relative", path: "CHANGELOG.md", want: filepath.Join(ws, "CHANGELOG.md")},
		{name: "missing folders", path: "a/b/c.json", want: filepath.Join(ws, "a/b/c.json")},
		{name: "workspace itself", path: ".", want: ws},
		{name: "absolute inside", path: filepath.Join(ws, "docs"), want: filepath.Join(ws, "docs")},
		{name: "link inside", path: "inside", want: filepath.Join(ws, "docs/CHANGES.md")},
		{name: "dangling link inside", path: "dangling-in", want: filepath.Join(ws, "docs/not-yet.md")},
		{name: "through a folder link", path: "docs-link/x.md", want: filepath.Join(ws, "docs/x.md")},
		{name: "dot dot", path: "../x.json", outside: true},
		{name: "dot dot after a folder", path: "docs/../../outside/passwd", outside: true},
		{name: "absolute outside", path: "/etc/passwd", outside: true},
		{name: "absolute link", path: "to-outside", outside: true},
		{name: "relative link", path: "rel-outside", outside: true},
		{name: "dangling link outside", path: "dangling-out", outside: true},
		{name: "folder link to the parent", path: "up/outside/passwd", outside: true},
		{name: "prefix sibling", path: ws + "-evil/x", outside: true},
		{name: "link loop", path: "loop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.path, ws)
			switch {
			case tt.want != "":
				if err != nil || got != tt.want {
					t.Fatalf("Resolve(%q) = %q, %v; want %q", tt.path, got, err, tt.want)
				}
			case tt.outside:
				if !errors.Is(err, ErrOutside) {
					t.Fatalf("Resolve(%q) = %q, %v; want ErrOutside", tt.path, got, err)
				}
			default:
				if err == nil {
					t.Fatalf("Resolve(%q) = %q; want an error", tt.path, got)
				}
			}
		})
	}
	// A second root (RUNNER_TEMP) admits its own files.
	if got, err := Resolve(filepath.Join(outside, "passwd"), ws, outside); err != nil || got != filepath.Join(outside, "passwd") {
		t.Fatalf("second root: %q, %v", got, err)
	}
}

func TestWriteFileReplacesLinksNeverTheirTargets(t *testing.T) {
	ws, outside := tree(t)
	link := filepath.Join(ws, "to-outside")
	if err := WriteFile(link, []byte("new\n"), 0o644, NoOwner); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "passwd")); string(b) != "root:x:0:0\n" {
		t.Fatalf("the link's target was written: %q", b)
	}
	st, err := os.Lstat(link)
	if err != nil || !st.Mode().IsRegular() {
		t.Fatalf("the link was not replaced by a regular file: %v %v", st, err)
	}
	if b, _ := os.ReadFile(link); string(b) != "new\n" {
		t.Fatalf("content %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(ws, ".*.tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestWriteFileKeepsModeAndRefusesFolders(t *testing.T) {
	ws, _ := tree(t)
	p := filepath.Join(ws, "run.sh")
	mustWrite(t, p, "old")
	if err := os.Chmod(p, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new"), 0o644, NoOwner); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o750 {
		t.Fatalf("mode %v, want 0750", st.Mode().Perm())
	}
	if err := WriteFile(filepath.Join(ws, "docs"), []byte("x"), 0o644, NoOwner); err == nil {
		t.Fatal("writing over a folder succeeded")
	}
}

func TestReadFileOnlyRegular(t *testing.T) {
	ws, _ := tree(t)
	fifo := filepath.Join(ws, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]string{
		"symbolic link": filepath.Join(ws, "inside"),
		"folder":        filepath.Join(ws, "docs"),
		"named pipe":    fifo,
		"device":        "/dev/null",
	} {
		if _, err := ReadFile(p); err == nil {
			t.Errorf("%s: read succeeded", name)
		}
	}
	b, err := ReadFile(filepath.Join(ws, "docs", "CHANGES.md"))
	if err != nil || string(b) != "# Changes\n" {
		t.Fatalf("regular file: %q, %v", b, err)
	}
	if _, err := ReadFile(filepath.Join(ws, "absent")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("absent file: %v, want ErrNotExist", err)
	}
}

func TestOwnership(t *testing.T) {
	ws, _ := tree(t)
	type call struct {
		path     string
		uid, gid int
	}
	var calls []call
	owner := Owner{UID: 1001, GID: 127, Chown: func(p string, uid, gid int) error {
		calls = append(calls, call{p, uid, gid})
		return nil
	}}
	if err := WriteFile(filepath.Join(ws, "reports", "deep", "x.json"), []byte("{}"), 0o644, owner); err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(ws, "reports"), filepath.Join(ws, "reports", "deep")}
	if len(calls) != 3 {
		t.Fatalf("chown calls %v, want two folders and the file", calls)
	}
	for i, w := range want {
		if calls[i].path != w || calls[i].uid != 1001 || calls[i].gid != 127 {
			t.Errorf("call %d = %+v, want %s to 1001:127", i, calls[i], w)
		}
	}
	// The file is given away before the rename, under its temporary name in the same folder.
	if last := calls[2]; filepath.Dir(last.path) != want[1] || last.uid != 1001 {
		t.Errorf("file chown %+v", last)
	}
	// Existing folders are left alone.
	calls = nil
	if err := WriteFile(filepath.Join(ws, "docs", "y.md"), []byte("y"), 0o644, owner); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 {
		t.Fatalf("chown calls %v, want only the new file", calls)
	}
}

func TestOwnershipAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Log("not root: an unprivileged process cannot give files away; the injected-chown test covers the logic")
		return
	}
	ws, _ := tree(t)
	if err := os.Chown(ws, 1001, 1001); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(ws, "out", "CHANGELOG.md")
	if err := WriteFile(p, []byte("x"), 0o644, OwnerOf(ws)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{p, filepath.Dir(p)} {
		st, _ := os.Stat(q)
		if sys := st.Sys().(*syscall.Stat_t); sys.Uid != 1001 {
			t.Errorf("%s owned by %d, want 1001", q, sys.Uid)
		}
	}
}
