package prlint

import (
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig([]byte(`
types: [feat, fix, docs]
scopes:
  - api
  - "ui-.*"
require-scope: true
max-title-length: 72
max-file-size: 5MB
branch-exempt: "main, develop"
branch-targets:
  hotfix/*: main
  feature/**: [develop, "release/*"]
required-files: [README.md]
comment: false
subject-pattern: ~
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"types":            "feat\nfix\ndocs",
		"scopes":           "api\nui-.*",
		"require-scope":    "true",
		"max-title-length": "72",
		"max-file-size":    "5MB",
		"branch-exempt":    "main, develop",
		"branch-targets":   "feature/**: develop, release/*\nhotfix/*: main",
		"required-files":   "README.md",
		"comment":          "false",
		"subject-pattern":  "",
	}
	for k, v := range want {
		if cfg[k] != v {
			t.Errorf("%s = %q, want %q", k, cfg[k], v)
		}
	}
	if len(cfg) != len(want) {
		t.Errorf("got %d settings: %q", len(cfg), cfg)
	}
	rules, err := ParseTargets(cfg["branch-targets"])
	if err != nil || len(rules) != 2 {
		t.Errorf("targets from config: %+v, %v", rules, err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"unknown key", "typos: [feat]", `line 1: unknown setting "typos"; known settings: types, scopes`},
		{"per-run setting", "token: abc", `unknown setting "token"`},
		{"not a mapping", "- feat", "line 1: the file must be a mapping of settings"},
		{"bad YAML", "types: [feat", "parse YAML: yaml: line 1"},
		{"nested list", "types: [[feat]]", "line 1: types: list items must be plain values"},
		{"map elsewhere", "types: {feat: 1}", "line 1: types: a mapping is only accepted for branch-targets"},
		{"duplicate", "comment: true\ncomment: false", `line 2: setting "comment" appears twice`},
		{"alias", "types: &t feat\nscopes: *t", "line 2: scopes: unsupported value (a YAML alias or anchor reference); accepted: a plain value"},
		{"nested target", "branch-targets:\n  hotfix/*: {main: 1}", `line 2: branch-targets: "hotfix/*": want a base branch or a list of them`},
	}
	for _, tt := range tests {
		if _, err := ParseConfig([]byte(tt.doc)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseConfig(%q) = %v, want an error containing %q", tt.name, tt.doc, err, tt.want)
		}
	}
	if cfg, err := ParseConfig(nil); err != nil || len(cfg) != 0 {
		t.Errorf("empty file: %v %v", cfg, err)
	}
}
