package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "health-check")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	action := filepath.Join(dir, "action.yml")
	src := "name: health-check\nruns:\n  using: docker\n  image: ../Dockerfile\n  args: [health-check]\n"
	if err := os.WriteFile(action, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
		image  string
	}{
		{"no version", []string{"-root", root}, 2, "", "-version is required", "../Dockerfile"},
		{"bad version", []string{"-root", root, "-version", "1.x"}, 2, "", `version "1.x"`, "../Dockerfile"},
		{"bad digest", []string{"-root", root, "-version", "1.0.0", "-digest", "md5:00"}, 2, "", "digest", "../Dockerfile"},
		{"unknown flag", []string{"-nope"}, 2, "", "flag provided but not defined", "../Dockerfile"},
		{"extra argument", []string{"-version", "1.0.0", "x"}, 2, "", "unexpected arguments", "../Dockerfile"},
		{"missing workflows", []string{"-root", root, "-version", "1.0.0", "-workflows", "nope"}, 1, "", "read workflows", "../Dockerfile"},
		{"pin", []string{"-root", root, "-version", "v1.0.0"}, 0, "runs.image → docker://ghcr.io/rose/actions:1.0.0", "", "docker://ghcr.io/rose/actions:1.0.0"},
		{"again", []string{"-root", root, "-version", "1.0.0"}, 0, "nothing to change", "", "docker://ghcr.io/rose/actions:1.0.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q, want it to contain %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tt.stderr)
			}
			b, err := os.ReadFile(action)
			if err != nil {
				t.Fatal(err)
			}
			if want := "  image: " + tt.image + "\n"; !strings.Contains(string(b), want) {
				t.Errorf("action.yml:\n%s\nwant the line %q", b, want)
			}
		})
	}
}
