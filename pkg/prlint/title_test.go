package prlint

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/conventional"
)

func defaultTitlePolicy() TitlePolicy {
	return TitlePolicy{Types: DefaultTypes, MaxLength: DefaultMaxTitleLength, AllowWIP: true}
}

func mustScopes(t *testing.T, entries ...string) ScopeSet {
	t.Helper()
	s, err := ParseScopes(entries)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTitle(t *testing.T) {
	withScopes := defaultTitlePolicy()
	withScopes.Scopes = mustScopes(t, "api", "deps", "ui-.*")
	requireScope := withScopes
	requireScope.RequireScope = true
	noWIP := defaultTitlePolicy()
	noWIP.AllowWIP = false
	subject := defaultTitlePolicy()
	subject.SubjectPattern = regexp.MustCompile(`^[a-z]`)

	tests := []struct {
		name    string
		title   string
		tc      TitleContext
		policy  TitlePolicy
		level   Level // 0: passes
		message string
		example string
		wip     bool
	}{
		{name: "plain", title: "feat: add login", policy: defaultTitlePolicy()},
		{name: "breaking", title: "feat(api)!: drop v1", policy: withScopes},
		{name: "dependabot", title: "build(deps): bump x from 1 to 2", policy: withScopes},
		{name: "regex scope", title: "fix(ui-web): align", policy: withScopes},
		{name: "multi scopes", title: "fix(api,ui-web): align", policy: withScopes},
		{name: "scope refused", title: "fix(web): align", policy: withScopes, level: Failure,
			message: `scope "web" is not allowed`, example: "fix(api): align"},
		{name: "type refused", title: "feature: add login", policy: defaultTitlePolicy(), level: Failure,
			message: `type "feature" is not allowed`, example: "feat: add login"},
		{name: "upper-case type", title: "Feat: add login", policy: defaultTitlePolicy(), level: Failure,
			message: "lower case", example: "feat: add login"},
		{name: "github default title", title: "Fix/login bug", tc: TitleContext{Branch: "fix/login-bug"},
			policy: defaultTitlePolicy(), level: Failure, message: "GitHub's default title for the branch", example: "fix: login bug"},
		{name: "fixture title", title: "Update the README with new information.", tc: TitleContext{Branch: "changes"},
			policy: defaultTitlePolicy(), level: Failure, message: "not a Conventional Commits header",
			example: "feat: update the README with new information"},
		{name: "type from branch", title: "Login page", tc: TitleContext{Branch: "bugfix/login"},
			policy: defaultTitlePolicy(), level: Failure, example: "fix: login page"},
		{name: "first word", title: "Fixed crash on start.", policy: defaultTitlePolicy(), level: Failure,
			example: "fix: crash on start"},
		{name: "missing space", title: "fix:crash", policy: defaultTitlePolicy(), level: Failure, example: "fix: crash"},
		{name: "require scope", title: "feat: add login", policy: requireScope, level: Failure,
			message: "a scope is required", example: "feat(api): add login"},
		{name: "subject pattern", title: "feat: Add login", policy: subject, level: Failure,
			message: "does not match the pattern"},
		{name: "too long", title: "feat: " + strings.Repeat("word ", 30), policy: defaultTitlePolicy(), level: Failure,
			message: "over the limit of 100"},
		{name: "line break", title: "fix: x\n::error::injected", policy: defaultTitlePolicy(), level: Failure,
			message: "line break"},
		{name: "wip bracket", title: "[WIP] feat: add login", policy: defaultTitlePolicy(), level: Pending,
			message: "work in progress", example: "feat: add login", wip: true},
		{name: "wip prefix", title: "WIP: fix crash", policy: defaultTitlePolicy(), level: Pending, wip: true,
			example: "fix: crash"},
		{name: "wip alone", title: "wip", policy: defaultTitlePolicy(), level: Pending, wip: true},
		{name: "wip refused", title: "[WIP] feat: add login", policy: noWIP, level: Failure, example: "feat: add login"},
		{name: "draft bad title", title: "stuff", tc: TitleContext{Draft: true}, policy: defaultTitlePolicy(),
			level: Pending, wip: true},
		{name: "draft good title", title: "feat: x", tc: TitleContext{Draft: true}, policy: defaultTitlePolicy(), wip: true},
		{name: "draft without allow-wip", title: "stuff", tc: TitleContext{Draft: true}, policy: noWIP, level: Failure},
		{name: "any type when empty", title: "wibble: x", policy: TitlePolicy{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Title(tt.title, tt.tc, tt.policy)
			if res.WIP != tt.wip {
				t.Errorf("WIP = %v, want %v", res.WIP, tt.wip)
			}
			if tt.level == 0 {
				if !res.Passed() {
					t.Fatalf("Title(%q) = %+v, want a pass", tt.title, res.Findings)
				}
				return
			}
			if len(res.Findings) != 1 {
				t.Fatalf("Title(%q) findings = %+v, want one", tt.title, res.Findings)
			}
			f := res.Findings[0]
			if f.Level != tt.level || f.Check != CheckTitle {
				t.Errorf("level %s, want %s", f.Level, tt.level)
			}
			if !strings.Contains(f.Message, tt.message) {
				t.Errorf("message %q does not contain %q", f.Message, tt.message)
			}
			if tt.example != "" && f.Example != tt.example {
				t.Errorf("example %q, want %q", f.Example, tt.example)
			}
			// The corrected example always passes the same policy (a subject pattern cannot be guessed).
			if tt.policy.SubjectPattern == nil {
				p := tt.policy
				if ex := Title(f.Example, TitleContext{}, p); !ex.Passed() {
					t.Errorf("example %q fails the policy: %+v", f.Example, ex.Findings)
				}
			}
		})
	}
}

func TestTitleOutputsFields(t *testing.T) {
	res := Title("feat(api)!: drop v1", TitleContext{}, TitlePolicy{})
	c := res.Commit
	if !res.Conventional || c.Type != "feat" || c.Scope != "api" || c.Description != "drop v1" || !c.Bang {
		t.Errorf("commit %+v", c)
	}
}

func TestCommitMessage(t *testing.T) {
	p := defaultTitlePolicy()
	if fs := CommitMessage("fix: crash\r\n\r\nbody\r\n", "fix/crash", p); fs != nil {
		t.Errorf("good message: %+v", fs)
	}
	fs := CommitMessage("Fixed the crash\n\nbody", "fix/crash", p)
	if len(fs) != 1 || fs[0].Check != CheckSingleCommit || fs[0].Level != Failure || fs[0].Example != "fix: the crash" {
		t.Errorf("bad message: %+v", fs)
	}
	// WIP markers are never excused in a commit that becomes the squash commit.
	if fs := CommitMessage("[WIP] feat: x", "", p); len(fs) != 1 || fs[0].Level != Failure {
		t.Errorf("wip message: %+v", fs)
	}
}

func TestParseScopes(t *testing.T) {
	s := mustScopes(t, "api", "v1.2", "ui-.*", "(core|cli)")
	for scope, want := range map[string]bool{"api": true, "v1.2": true, "v1x2": false, "ui-web": true, "ui": false, "core": true, "cli": true, "apis": false} {
		if got := s.Allows(scope); got != want {
			t.Errorf("Allows(%q) = %v, want %v", scope, got, want)
		}
	}
	if _, err := ParseScopes([]string{"bad(["}); err == nil {
		t.Error("bad regex accepted")
	}
}

// TestTitleDecisionsMatchParser checks that pr-lint accepts exactly the titles the release actions' parser
// (conventional.ParseHeader) accepts, over every message of the parser's conformance corpus: with no extra
// policy the decisions are equal, and with the default policy every accepted title is one the parser accepts.
func TestTitleDecisionsMatchParser(t *testing.T) {
	f, err := os.Open("../conventional/testdata/conformance.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n, accepted, defaultsAccepted := 0, 0, 0
	for sc.Scan() {
		var c struct {
			Message string `json:"message"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		header := strings.TrimLeft(strings.ReplaceAll(c.Message, "\r\n", "\n"), "\n")
		header, _, _ = strings.Cut(header, "\n")
		n++
		_, perr := conventional.ParseHeader(header)
		got := Title(header, TitleContext{}, TitlePolicy{})
		if got.Passed() != (perr == nil) || got.Conventional != (perr == nil) {
			t.Errorf("%q: pr-lint passed=%v, parser error %v", header, got.Passed(), perr)
		}
		if got.Passed() {
			accepted++
		}
		def := Title(header, TitleContext{}, TitlePolicy{Types: DefaultTypes, MaxLength: DefaultMaxTitleLength})
		if def.Passed() {
			defaultsAccepted++
			if perr != nil {
				t.Errorf("%q: accepted by the default policy but not by the parser: %v", header, perr)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Fatalf("only %d cases read", n)
	}
	t.Logf("%d titles: %d conventional, %d pass the default policy", n, accepted, defaultsAccepted)
}
