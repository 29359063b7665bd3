package pinimage

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const (
	digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	ref    = "docker://ghcr.io/rose/actions:1.4.2"
)

func TestImageRef(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		want string
		err  string
	}{
		{"defaults", Options{Version: "1.4.2"}, ref, ""},
		{"leading v", Options{Version: "v1.4.2"}, ref, ""},
		{"prerelease", Options{Version: "2.0.0-rc.1"}, "docker://ghcr.io/rose/actions:2.0.0-rc.1", ""},
		{"digest", Options{Version: "1.4.2", Digest: digest}, ref + "@" + digest, ""},
		{"other registry", Options{Image: "registry.example.com:5000/team/img", Version: "0.1.0"}, "docker://registry.example.com:5000/team/img:0.1.0", ""},
		{"empty version", Options{}, "", `version ""`},
		{"not semver", Options{Version: "1.4"}, "", `version "1.4"`},
		{"metadata", Options{Version: "1.4.2+build.5"}, "", "build metadata"},
		{"short digest", Options{Version: "1.4.2", Digest: "sha256:abc"}, "", `digest "sha256:abc"`},
		{"image with tag", Options{Image: "ghcr.io/rose/actions:latest", Version: "1.4.2"}, "", "without tag"},
		{"upper-case image", Options{Image: "ghcr.io/Rose/actions", Version: "1.4.2"}, "", "lower-case"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ImageRef(tt.o)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ImageRef() error = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ImageRef() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestRewriteAction(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // empty: the error must contain err
		err  string
	}{
		{
			name: "block style keeps comments and order",
			src:  "name: x\nruns:\n  using: docker\n  image: ../Dockerfile # built on main\n  args:\n    - x\n",
			want: "name: x\nruns:\n  using: docker\n  image: " + ref + " # built on main\n  args:\n    - x\n",
		},
		{
			name: "flow style",
			src:  "runs: {using: docker, image: ../Dockerfile, args: [x]}\n",
			want: "runs: {using: docker, image: " + ref + ", args: [x]}\n",
		},
		{
			name: "single-quoted",
			src:  "runs:\n  using: 'docker'\n  image: '../Dockerfile'\n",
			want: "runs:\n  using: 'docker'\n  image: '" + ref + "'\n",
		},
		{
			name: "double-quoted",
			src:  "runs:\n  using: docker\n  image: \"../Dockerfile\"\n",
			want: "runs:\n  using: docker\n  image: \"" + ref + "\"\n",
		},
		{
			name: "CRLF line endings and a BOM-free UTF-8 description",
			src:  "description: Déploie — vite\r\nruns:\r\n  using: docker\r\n  image: ../Dockerfile\r\n",
			want: "description: Déploie — vite\r\nruns:\r\n  using: docker\r\n  image: " + ref + "\r\n",
		},
		{
			name: "re-pin an earlier release",
			src:  "runs:\n  using: docker\n  image: docker://ghcr.io/rose/actions:1.4.1@" + digest + "\n",
			want: "runs:\n  using: docker\n  image: " + ref + "\n",
		},
		{
			name: "Dockerfile variant in the folder",
			src:  "runs:\n  using: docker\n  image: Dockerfile.release\n",
			want: "runs:\n  using: docker\n  image: " + ref + "\n",
		},
		{name: "composite action", src: "runs:\n  using: composite\n  steps: []\n", err: ErrNotDocker.Error()},
		{name: "foreign image", src: "runs:\n  using: docker\n  image: docker://alpine:3\n", err: `runs.image is "docker://alpine:3"`},
		{name: "look-alike image", src: "runs:\n  using: docker\n  image: docker://ghcr.io/rose/actions-evil:1\n", err: "want a Dockerfile path"},
		{name: "no runs", src: "name: x\n", err: "no runs"},
		{name: "no image", src: "runs:\n  using: docker\n", err: "runs.image is missing"},
		{name: "block scalar image", src: "runs:\n  using: docker\n  image: >-\n    ../Dockerfile\n", err: "block or tagged"},
		{name: "not YAML", src: "runs: [\n", err: "parse YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RewriteAction([]byte(tt.src), DefaultImage, ref)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestRewriteRealAction rewrites an action.yml as the repository writes it and compares with a golden file;
// everything but the image line must be byte-for-byte the same.
func TestRewriteRealAction(t *testing.T) {
	src, err := os.ReadFile("testdata/pr-lint.action.yml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := RewriteAction(src, DefaultImage, ref+"@"+digest)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/pr-lint.action.golden.yml"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update after checking the change)", golden)
	}
	diffLines(t, src, got, 1)
}

// diffLines asserts that exactly n lines differ between a and b, and that each differing line of b holds
// the new image.
func diffLines(t *testing.T, a, b []byte, n int) {
	t.Helper()
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	if len(la) != len(lb) {
		t.Fatalf("line count changed: %d → %d", len(la), len(lb))
	}
	changed := 0
	for i := range la {
		if la[i] != lb[i] {
			changed++
			if !strings.Contains(lb[i], "docker://") && !strings.Contains(lb[i], "@v") {
				t.Errorf("line %d changed unexpectedly: %q → %q", i+1, la[i], lb[i])
			}
		}
	}
	if changed != n {
		t.Errorf("%d lines changed, want %d", changed, n)
	}
}

func TestRewriteWorkflow(t *testing.T) {
	src := `# pinned at release
on: workflow_call
jobs:
  a:
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
      - uses: rose/actions/health-check@main # health
      - uses: './pr-lint'
      - uses: "rose/actions/pr-lint@main"
      - uses: rose/actions-other/x@main
      - run: 'echo "uses: rose/actions/health-check@main"' 
  b:
    uses: Rose/Actions/.github/workflows/service-ci.yml@v1
    with: {uses: rose/actions/x@main}
`
	want := `# pinned at release
on: workflow_call
jobs:
  a:
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
      - uses: rose/actions/health-check@v1.4.2 # health
      - uses: './pr-lint'
      - uses: "rose/actions/pr-lint@v1.4.2"
      - uses: rose/actions-other/x@main
      - run: 'echo "uses: rose/actions/health-check@main"' 
  b:
    uses: Rose/Actions/.github/workflows/service-ci.yml@v1.4.2
    with: {uses: rose/actions/x@v1.4.2}
`
	got, n, err := RewriteWorkflow([]byte(src), "rose/actions", "v1.4.2")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if n != 4 {
		t.Errorf("rewrote %d references, want 4", n)
	}
	// Nothing to pin: the file is returned as it was.
	plain := []byte("on: push\njobs: {}\n")
	got, n, err = RewriteWorkflow(plain, "rose/actions", "v1.4.2")
	if err != nil || n != 0 || !bytes.Equal(got, plain) {
		t.Errorf("RewriteWorkflow(no reference) = %q, %d, %v", got, n, err)
	}
}

// copyRepo copies this repository's action.yml files and workflows into a temporary root.
func copyRepo(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	actions, err := filepath.Glob("../../*/action.yml")
	if err != nil || len(actions) < 6 {
		t.Fatalf("found %d action.yml files in the repository (%v), want 6", len(actions), err)
	}
	workflows, _ := filepath.Glob("../../.github/workflows/*.yml")
	if len(workflows) == 0 {
		t.Fatal("no workflow in ../../.github/workflows")
	}
	for _, src := range append(actions, workflows...) {
		rel, _ := filepath.Rel("../..", src)
		dst := filepath.Join(root, rel)
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A composite action is left alone.
	if err := os.MkdirAll(filepath.Join(root, "setup"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "setup", "action.yml"), []byte("runs:\n  using: composite\n  steps: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestPinRepo pins a copy of this repository as the release workflow does, then checks each file.
func TestPinRepo(t *testing.T) {
	root := copyRepo(t)
	before := snapshot(t, root)
	o := Options{Version: "v1.4.2", Digest: digest}
	changes, err := PinRepo(root, ".github/workflows", o)
	if err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, root)
	changed := map[string]bool{}
	for _, c := range changes {
		rel, _ := filepath.Rel(root, c.Path)
		changed[filepath.ToSlash(rel)] = true
	}
	pinnedActions, pinnedWorkflows := 0, 0
	for path, b := range after {
		a := before[path]
		if !changed[path] {
			if !bytes.Equal(a, b) {
				t.Errorf("%s changed but was not reported", path)
			}
			continue
		}
		if strings.HasSuffix(path, "/action.yml") {
			pinnedActions++
			var m struct {
				Runs struct{ Using, Image string }
			}
			if err := yaml.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if want := ref + "@" + digest; m.Runs.Image != want {
				t.Errorf("%s: runs.image = %q, want %q", path, m.Runs.Image, want)
			}
			diffLines(t, a, b, 1)
			continue
		}
		pinnedWorkflows++
		if bytes.Contains(b, []byte("rose/actions/pr-lint@main")) || bytes.Contains(b, []byte("rose/actions/health-check@main")) {
			t.Errorf("%s still references rose/actions@main", path)
		}
		if !bytes.Contains(b, []byte("@v1.4.2")) {
			t.Errorf("%s has no @v1.4.2 reference", path)
		}
	}
	if pinnedActions != 6 {
		t.Errorf("pinned %d actions, want 6", pinnedActions)
	}
	if pinnedWorkflows < 2 {
		t.Errorf("pinned %d workflows, want at least service-ci.yml and service-deploy.yml", pinnedWorkflows)
	}
	if after["setup/action.yml"] == nil || !bytes.Equal(before["setup/action.yml"], after["setup/action.yml"]) {
		t.Error("the composite action was touched")
	}

	// Idempotent: pinning the same release again changes nothing.
	again, err := PinRepo(root, ".github/workflows", o)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("second run changed %v", again)
	}
}

func TestPinRepoFailsWithoutWriting(t *testing.T) {
	root := copyRepo(t)
	// One action points at a foreign image: nothing at all may be written.
	bad := filepath.Join(root, "health-check", "action.yml")
	b, _ := os.ReadFile(bad)
	b = bytes.Replace(b, []byte("image: ../Dockerfile"), []byte("image: docker://alpine:3"), 1)
	if err := os.WriteFile(bad, b, 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	_, err := PinRepo(root, "", Options{Version: "1.4.2"})
	if err == nil || !strings.Contains(err.Error(), "health-check") {
		t.Fatalf("error = %v, want one naming health-check/action.yml", err)
	}
	after := snapshot(t, root)
	for p := range before {
		if !bytes.Equal(before[p], after[p]) {
			t.Errorf("%s was written although the run failed", p)
		}
	}

	if _, err := PinRepo(t.TempDir(), "", Options{Version: "1.4.2"}); err == nil || !strings.Contains(err.Error(), "no Docker action") {
		t.Errorf("empty root: error = %v", err)
	}
	if _, err := PinRepo(root, "", Options{Version: "one"}); err == nil {
		t.Error("bad version: want an error")
	}
	if _, err := PinRepo(root, "missing", Options{Version: "1.4.2"}); err == nil {
		t.Error("missing workflows folder: want an error")
	}
}

func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestErrNotDockerIsSentinel(t *testing.T) {
	_, err := RewriteAction([]byte("runs:\n  using: node24\n  main: index.js\n"), DefaultImage, ref)
	if !errors.Is(err, ErrNotDocker) {
		t.Fatalf("err = %v, want ErrNotDocker", err)
	}
}
