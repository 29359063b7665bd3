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

// TestParseConfigTitleOptions: the options added for action-semantic-pull-request users work from a config
// file, lists included.
func TestParseConfigTitleOptions(t *testing.T) {
	cfg, err := ParseConfig([]byte(`
types: [feat, fix, 'JIRA-\d{1,5}']
disallow-scopes: [release, "[A-Z]+"]
subject-pattern: '^[^A-Z].*$'
subject-pattern-error: |
  The subject "{subject}" of "{title}"
  must not start with a capital.
header-pattern: '^([\w-]+)(?:\(([\w,-]+)\))?: (.+)$'
header-pattern-correspondence: [type, scope, subject]
ignore-labels: [bot, ignore-semantic-pull-request]
forbidden-paths: [".env", "!.env.example"]
single-commit-same-as-title: true
`))
	if err != nil {
		t.Fatal(err)
	}
	p, errs := ParseTitlePolicy(TitleInputs{Types: cfg["types"], DisallowScopes: cfg["disallow-scopes"],
		SubjectPattern: cfg["subject-pattern"], SubjectPatternError: cfg["subject-pattern-error"],
		HeaderPattern: cfg["header-pattern"], HeaderPatternCorrespondence: cfg["header-pattern-correspondence"]})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := p.Types.Names(); len(got) != 3 || got[2] != `JIRA-\d{1,5}` {
		t.Errorf("types %q", got)
	}
	res := Title("JIRA-7(RELEASE): Add x", TitleContext{}, p)
	if len(res.Problems) != 2 || res.Problems[0].Kind != ProblemDisallowScope || res.Problems[1].Kind != ProblemSubjectPattern ||
		!strings.Contains(res.Findings[0].Message, `The subject "Add x" of "JIRA-7(RELEASE): Add x" must not start with a capital.`) {
		t.Errorf("problems %+v", res.Problems)
	}
	if cfg["ignore-labels"] != "bot\nignore-semantic-pull-request" || cfg["forbidden-paths"] != ".env\n!.env.example" || cfg["single-commit-same-as-title"] != "true" {
		t.Errorf("config %q", cfg)
	}
}
