package actions_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rose/actions/internal/gittest"
)

// TestDependencyUpdatesTakeOnlyLockFiles runs the privileged job's step of service-dependency-updates.yml
// against artifacts that the unprivileged job (which ran the updated, unreviewed code) could have planted:
// only the expected lock files, as regular files, reach the pull request.
func TestDependencyUpdatesTakeOnlyLockFiles(t *testing.T) {
	step := loadStep(t, ".github/workflows/service-dependency-updates.yml", "pull-request", "take the updated files")
	uvLock := "version = 1\n\n[[package]]\nname = \"fastapi\"\nversion = \"0.115.0\"\n\n[[package]]\nname = \"httpx\"\nversion = \"0.28.1\"\n"
	npmLock := `{"lockfileVersion": 3, "packages": {"": {"name": "rose-frontend"}, "node_modules/vite": {"version": "6.0.1"}}}`
	tests := []struct {
		name     string
		plant    func(t *testing.T, dir string)
		wantCode int
		want     string
	}{
		{name: "lock files", plant: func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "uv.lock"), strings.Replace(uvLock, "0.115.0", "0.116.2", 1))
			write(t, filepath.Join(dir, "frontend", "package-lock.json"), strings.Replace(npmLock, "6.0.1", "6.1.0", 1))
		}, want: "| `fastapi` | `0.115.0` | `0.116.2` |"},
		{name: "a workflow file", plant: func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "uv.lock"), uvLock)
			write(t, filepath.Join(dir, ".github", "workflows", "ci.yml"), "on: push\n")
		}, wantCode: 1, want: "unexpected file: .github/workflows/ci.yml"},
		{name: "a link", plant: func(t *testing.T, dir string) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("/etc/passwd", filepath.Join(dir, "uv.lock")); err != nil {
				t.Fatal(err)
			}
		}, wantCode: 1, want: "unexpected file: uv.lock"},
		{name: "nothing", plant: func(t *testing.T, dir string) {}, wantCode: 1, want: "handed over no file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := gittest.New(t, "")
			repo.Commit("chore: base", "uv.lock", uvLock, "frontend/package.json", "{}", "frontend/package-lock.json", npmLock)
			env := map[string]string{"PATH": os.Getenv("PATH"), "FRONTEND": "frontend", "WORKDIR": "."}
			// The artifact is downloaded into RUNNER_TEMP/updates: plant it where the step's runner puts it.
			res := step.runInWithTemp(t, repo.Dir, env, func(temp string) { tt.plant(t, filepath.Join(temp, "updates")) })
			if res.code != tt.wantCode || !strings.Contains(res.stdout+readFile(t, filepath.Join(res.temp, "pr-body.md")), tt.want) {
				t.Fatalf("exit %d (want %d), want %q\n%s%s", res.code, tt.wantCode, tt.want, res.stdout, res.stderr)
			}
			if tt.wantCode != 0 {
				if _, err := os.Stat(filepath.Join(repo.Dir, ".github")); err == nil {
					t.Error("a planted file reached the checkout")
				}
				if got := readFile(t, filepath.Join(repo.Dir, "uv.lock")); got != uvLock {
					t.Errorf("uv.lock changed to %q", got)
				}
				return
			}
			if got := res.outputs["paths"]; got != "uv.lock\nfrontend/package-lock.json" && got != "frontend/package-lock.json\nuv.lock" {
				t.Errorf("paths = %q", got)
			}
		})
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, _ := os.ReadFile(path)
	return string(b)
}

// TestGoModuleUpdatesTakeOnlyGoModSum does the same for this repository's own dependency-updates.yml.
func TestGoModuleUpdatesTakeOnlyGoModSum(t *testing.T) {
	step := loadStep(t, ".github/workflows/dependency-updates.yml", "pull-request", "take go.mod and go.sum")
	for _, tt := range []struct {
		name     string
		files    map[string]string
		wantCode int
	}{
		{"go.mod and go.sum", map[string]string{"go.mod": "module x\n\ngo 1.26\n\nrequire example.com/y v1.2.0\n", "go.sum": "example.com/y v1.2.0 h1:x\n"}, 0},
		{"an extra file", map[string]string{"go.mod": "module x\n", "go.sum": "", "main.go": "package main\n"}, 1},
		{"go.sum missing", map[string]string{"go.mod": "module x\n"}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			repo := gittest.New(t, "")
			repo.Commit("chore: base", "go.mod", "module x\n\ngo 1.26\n\nrequire example.com/y v1.1.0\n", "go.sum", "example.com/y v1.1.0 h1:x\n")
			res := step.runInWithTemp(t, repo.Dir, map[string]string{"PATH": os.Getenv("PATH")}, func(temp string) {
				for name, content := range tt.files {
					write(t, filepath.Join(temp, "updates", name), content)
				}
			})
			if res.code != tt.wantCode {
				t.Fatalf("exit %d, want %d\n%s%s", res.code, tt.wantCode, res.stdout, res.stderr)
			}
			if tt.wantCode == 0 && !strings.Contains(readFile(t, filepath.Join(res.temp, "pr-body.md")), "+require example.com/y v1.2.0") {
				t.Errorf("PR body:\n%s", readFile(t, filepath.Join(res.temp, "pr-body.md")))
			}
			if tt.wantCode != 0 && strings.Contains(readFile(t, filepath.Join(repo.Dir, "go.mod")), "module x\n\ngo") == false {
				t.Error("go.mod changed although the artifact was refused")
			}
		})
	}
}
