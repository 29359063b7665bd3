package railway_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/rose/actions/internal/gittest"
	"github.com/rose/actions/pkg/railway"
)

// The CLI chooses the files of `railway up` with the `ignore` crate. ripgrep walks with the same crate and
// the same settings (hidden files shown, parents read, git_global, require_git, links followed), its custom
// ignore file being .rgignore where the CLI's is .railwayignore. With -ripgrep, TestArchiveMatchesTheCLIRules
// runs `rg --files --hidden --follow` on each case (with .railwayignore renamed .rgignore, the .git and
// node_modules components the CLI drops removed) and writes what it lists into the case's "#want" section:
// the expected lists are the crate's own answers, not ours. Without the flag the archive is compared with them.
var ripgrep = flag.Bool("ripgrep", false, "record each ignore case's expected files with ripgrep (the CLI's ignore crate)")

// ignoreCase is a txtar file of testdata/ignore: the tree's files, and the sections
// "#upload" (the folder uploaded, "." when absent), "#links" ("link -> target" lines) and "#want" (the files
// the CLI would upload, relative to the uploaded folder, sorted).
type ignoreCase struct {
	path          string
	ar            *txtar.Archive
	upload        string
	links, wanted []string
}

func loadIgnoreCase(t *testing.T, path string) ignoreCase {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := ignoreCase{path: path, ar: ar, upload: "."}
	for _, f := range ar.Files {
		var lines []string // one entry a line: names may hold spaces
		for _, l := range strings.Split(string(f.Data), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, strings.Replace(l, " -> ", "->", 1))
			}
		}
		switch f.Name {
		case "#upload":
			c.upload = strings.TrimSpace(string(f.Data))
		case "#links":
			c.links = lines
		case "#want":
			c.wanted = lines
		}
	}
	return c
}

// build writes the tree into a new folder and returns it; rename maps file base names (for ripgrep).
func (c ignoreCase) build(t *testing.T, rename map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range c.ar.Files {
		if strings.HasPrefix(f.Name, "#") && slices.Contains([]string{"#upload", "#links", "#want"}, f.Name) {
			continue
		}
		name := f.Name
		if to, ok := rename[filepath.Base(name)]; ok {
			name = filepath.Join(filepath.Dir(name), to)
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range c.links {
		link, target, _ := strings.Cut(l, "->")
		p := filepath.Join(root, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// ripgrepFiles lists the files the ignore crate keeps, as the CLI's upload loop then filters them.
func (c ignoreCase) ripgrepFiles(t *testing.T) []string {
	t.Helper()
	root := c.build(t, map[string]string{".railwayignore": ".rgignore"})
	cmd := exec.Command("rg", "--files", "--hidden", "--follow", "--no-config")
	cmd.Dir = filepath.Join(root, filepath.FromSlash(c.upload))
	home := t.TempDir() // no global git configuration of the machine
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("rg: %v", err)
	}
	var files []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.Split(strings.TrimPrefix(l, "./"), "/")
		if l == "" || slices.Contains(parts, ".git") || slices.Contains(parts, "node_modules") {
			continue
		}
		if parts[len(parts)-1] == ".rgignore" {
			parts[len(parts)-1] = ".railwayignore"
		}
		files = append(files, "./"+strings.Join(parts, "/"))
	}
	slices.Sort(files)
	return files
}

func TestArchiveMatchesTheCLIRules(t *testing.T) {
	paths, _ := filepath.Glob("testdata/ignore/*.txtar")
	if len(paths) < 6 {
		t.Fatalf("only %d cases", len(paths))
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			c := loadIgnoreCase(t, path)
			if *ripgrep {
				c.wanted = c.ripgrepFiles(t)
				c.ar.Files = slices.DeleteFunc(c.ar.Files, func(f txtar.File) bool { return f.Name == "#want" })
				c.ar.Files = append(c.ar.Files, txtar.File{Name: "#want", Data: []byte(strings.Join(c.wanted, "\n") + "\n")})
				if err := os.WriteFile(path, txtar.Format(c.ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if len(c.wanted) == 0 {
				t.Fatalf("%s has no #want section: run with -ripgrep", path)
			}
			root := c.build(t, nil)
			list, _, err := railway.ArchiveFiles(filepath.Join(root, filepath.FromSlash(c.upload)), railway.ArchiveOptions{Root: root})
			if err != nil {
				t.Fatal(err)
			}
			got := slices.DeleteFunc(list, func(n string) bool { return strings.HasSuffix(n, "/") })
			slices.Sort(got)
			if !slices.Equal(got, c.wanted) {
				t.Errorf("archive lists\n  %s\nthe CLI's rules give\n  %s", strings.Join(got, "\n  "), strings.Join(c.wanted, "\n  "))
			}
		})
	}
}

// TestArchiveRealRepositories builds repositories the way users get them, with git itself: a submodule
// (a .git file, and the superproject's .gitignore stops at its root) and a linked work tree (a .git file
// whose repository's info/exclude applies).
func TestArchiveRealRepositories(t *testing.T) {
	lib := gittest.New(t, "")
	lib.Commit("feat: lib", "lib.go", "package lib\n", "notes.tmp", "kept: the superproject's *.tmp stops here\n")

	super := gittest.New(t, "")
	super.Commit("feat: app", ".gitignore", "*.tmp\n.env\n", "app.py", "print()\n")
	super.Write("a.tmp", "x\n")
	super.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", lib.Dir, "lib")
	super.Git("commit", "-q", "-m", "chore: submodule")
	super.Write(".env", "SECRET=1\n")
	super.Write(".git/info/exclude", "local.txt\n")
	super.Write("local.txt", "excluded by info/exclude\n")

	list, _, err := railway.ArchiveFiles(super.Dir, railway.ArchiveOptions{Root: super.Dir})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"./.gitignore", "./.gitmodules", "./app.py", "./lib/", "./lib/lib.go", "./lib/notes.tmp"}
	if slices.Sort(list); !slices.Equal(list, want) {
		t.Errorf("superproject: %v, want %v", list, want)
	}

	wt := filepath.Join(t.TempDir(), "wt")
	super.Git("worktree", "add", "-q", wt)
	if err := os.WriteFile(filepath.Join(wt, "local.txt"), []byte("excluded\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	list, _, err = railway.ArchiveFiles(wt, railway.ArchiveOptions{Root: wt})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"./.gitignore", "./.gitmodules", "./app.py", "./lib/"}
	if slices.Sort(list); !slices.Equal(list, want) {
		t.Errorf("work tree: %v, want %v", list, want)
	}
}

// TestArchiveLinkErrors: a link that is broken, loops, leaves the repository or leads into .git fails the
// upload with an error that names the link; nothing is sent.
func TestArchiveLinkErrors(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "id_rsa"), []byte("key"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, link, target, reason string
	}{
		{"broken", "app/config.yaml", "missing.yaml", "is broken"},
		{"outside", "app/key", filepath.Join(outside, "id_rsa"), "points outside the repository"},
		{"outside relative", "up", "../../..", "points outside the repository"},
		{"into .git", "leak", ".git/config", "points into a .git folder"},
		{"loop", "app/again", "..", "makes a loop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, map[string]string{".git/config": "[http]\nextraheader = AUTHORIZATION: basic x\n", "app/main.py": "print()"})
			if err := os.Symlink(tt.target, filepath.Join(root, filepath.FromSlash(tt.link))); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			_, err := railway.ArchiveWith(root, &buf, railway.ArchiveOptions{Root: root})
			var lerr *railway.LinkError
			if !errors.As(err, &lerr) || lerr.Path != tt.link || !strings.Contains(err.Error(), tt.reason) || !strings.Contains(err.Error(), tt.link) {
				t.Fatalf("error %v, want a LinkError for %s that %s", err, tt.link, tt.reason)
			}
		})
	}
}

// TestArchiveFollowsLinks: a link to a file inside the repository uploads the file's content under the
// link's name (Railway never sees a link that would dangle on its side).
func TestArchiveFollowsLinks(t *testing.T) {
	root := writeTree(t, map[string]string{"config/prod.yaml": "port: 8080\n", "lib/shared/util.py": "u\n"})
	for link, target := range map[string]string{"config/current.yaml": "prod.yaml", "shared": "lib/shared"} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := railway.ArchiveWith(root, &buf, railway.ArchiveOptions{Root: root}); err != nil {
		t.Fatal(err)
	}
	entries := readTar(t, buf.Bytes())
	if entries["./config/current.yaml"] != "port: 8080\n" || entries["./shared/util.py"] != "u\n" {
		t.Errorf("links not followed: %v", entries)
	}
}

func readTar(t *testing.T, gz []byte) map[string]string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	out := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeSymlink {
			t.Errorf("%s is stored as a link", h.Name)
		}
		b, _ := io.ReadAll(tr)
		out[h.Name] = string(b)
	}
}

// TestArchivePrefix: without --path-as-root the CLI names entries from the project folder; Prefix does the
// same, and starts with the uploaded folder's own entry.
func TestArchivePrefix(t *testing.T) {
	root := writeTree(t, map[string]string{"apps/api/main.py": "print()", "apps/api/pkg/m.py": "m"})
	list, _, err := railway.ArchiveFiles(filepath.Join(root, "apps", "api"), railway.ArchiveOptions{Root: root, Prefix: "apps/api"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"./apps/api/", "./apps/api/main.py", "./apps/api/pkg/", "./apps/api/pkg/m.py"}
	if !slices.Equal(list, want) {
		t.Errorf("entries %v, want %v", list, want)
	}
	for _, bad := range []string{"../x", "/abs", ".."} {
		if _, _, err := railway.ArchiveFiles(root, railway.ArchiveOptions{Prefix: bad}); err == nil {
			t.Errorf("prefix %q accepted", bad)
		}
	}
}

// TestIgnoredLinksAreNotFollowed: a link the ignore rules leave out is never followed, so a broken or
// outside one there does not stop the upload (it is not sent).
func TestIgnoredLinksAreNotFollowed(t *testing.T) {
	root := writeTree(t, map[string]string{".railwayignore": "dev-*\nlinked/\n", "app.py": "print()"})
	for link, target := range map[string]string{"dev-broken": "missing", "dev-home": t.TempDir(), "linked": t.TempDir()} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	list, st, err := railway.ArchiveFiles(root, railway.ArchiveOptions{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(list, []string{"./.railwayignore", "./app.py"}) || st.Ignored != 3 {
		t.Errorf("entries %v, %d ignored", list, st.Ignored)
	}
}

func TestParseIgnoreBytes(t *testing.T) {
	rules, err := railway.ParseIgnore([]byte("\ufeff*.log\r\nbuild/  \r\n\xff\xfe\n*.txt\n"))
	if len(rules) != 2 || rules.Match("a.log", false) != railway.Ignored || rules.Match("build", true) != railway.Ignored {
		t.Errorf("rules %+v", rules)
	}
	if rules.Match("a.txt", false) != railway.NoMatch || err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("the lines after one that is not UTF-8 must be left out, with an error naming it: %v", err)
	}
}
