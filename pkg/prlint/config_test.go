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
	tests := map[string]string{
		"unknown key":     "typos: [feat]",
		"per-run setting": "token: abc",
		"not a mapping":   "- feat",
		"bad YAML":        "types: [feat",
		"nested list":     "types: [[feat]]",
		"map elsewhere":   "types: {feat: 1}",
		"duplicate":       "comment: true\ncomment: false",
	}
	for name, doc := range tests {
		if _, err := ParseConfig([]byte(doc)); err == nil {
			t.Errorf("%s: %q accepted", name, doc)
		} else if name == "unknown key" && !strings.Contains(err.Error(), `"typos"`) {
			t.Errorf("%s: error %v does not name the key", name, err)
		}
	}
	if cfg, err := ParseConfig(nil); err != nil || len(cfg) != 0 {
		t.Errorf("empty file: %v %v", cfg, err)
	}
}
