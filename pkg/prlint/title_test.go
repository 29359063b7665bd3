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
	return TitlePolicy{Types: MustTypes(DefaultTypes...), MaxLength: DefaultMaxTitleLength, AllowWIP: true}
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
		def := Title(header, TitleContext{}, TitlePolicy{Types: MustTypes(DefaultTypes...), MaxLength: DefaultMaxTitleLength})
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

// TestTitleIssue15 covers the options and messages added for teams coming from action-semantic-pull-request.
func TestTitleIssue15(t *testing.T) {
	policy := func(in TitleInputs) TitlePolicy {
		t.Helper()
		if in.Types == "" {
			in.Types = strings.Join(DefaultTypes, ",")
		}
		p, errs := ParseTitlePolicy(in)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return p
	}
	tests := []struct {
		name, title string
		in          TitleInputs
		kinds       []ProblemKind
		contains    []string
		example     string
		typ, scope  string
		subject     string
	}{
		// A type pattern reads types outside \w without a header-pattern.
		{name: "jira type", title: "JIRA-42(api): add x", in: TitleInputs{Types: `JIRA-\d+`}, typ: "JIRA-42", scope: "api", subject: "add x"},
		{name: "jira type and words", title: "feat: x", in: TitleInputs{Types: `feat, [A-Z]+-\d+`}, typ: "feat", subject: "x"},
		{name: "jira type unknown", title: "JIRA-x: y", in: TitleInputs{Types: `JIRA-\d+`}, kinds: []ProblemKind{ProblemNoType}},
		// `fix:` is a type without a description: the correction keeps the type.
		{name: "fix colon", title: "fix:", kinds: []ProblemKind{ProblemNoSubject}, example: "fix: describe the change", typ: "fix"},
		{name: "fix colon space", title: "fix: ", kinds: []ProblemKind{ProblemNoSubject}, example: "fix: describe the change", typ: "fix"},
		{name: "scoped fix colon", title: "fix(api)!:", kinds: []ProblemKind{ProblemNoSubject}, example: "fix(api)!: describe the change", typ: "fix", scope: "api"},
		// No type: the available types are listed.
		{name: "no type", title: "Fix bug", kinds: []ProblemKind{ProblemNoType}, contains: []string{"available types: feat, fix, docs"}},
		// The allowed scopes are said once, with every unknown scope.
		{name: "scopes once", title: "fix(a,b,c): x", in: TitleInputs{Scopes: "api,web"}, kinds: []ProblemKind{ProblemScope},
			contains: []string{`scopes "a", "b", "c" are not allowed; allowed scopes: api, web`}, typ: "fix", scope: "a,b,c", subject: "x"},
		{name: "disallowed and unknown", title: "fix(release,x): y", in: TitleInputs{Scopes: "release,api", DisallowScopes: "release"},
			kinds: []ProblemKind{ProblemScope, ProblemDisallowScope}, example: "fix(api): y"},
		// subject-pattern matches the whole description.
		{name: "whole subject", title: "fix: Foobar", in: TitleInputs{SubjectPattern: "Foo"}, kinds: []ProblemKind{ProblemSubjectPattern}},
		{name: "whole subject alternation", title: "fix: foobar", in: TitleInputs{SubjectPattern: "foo|foobar"}},
		{name: "custom error", title: "fix: Foobar", in: TitleInputs{SubjectPattern: "[a-z].*", SubjectPatternError: "{subject} in {title}\nis wrong"},
			contains: []string{`title "fix: Foobar": Foobar in fix: Foobar is wrong`}, kinds: []ProblemKind{ProblemSubjectPattern}},
		// header-pattern for titles that are not Conventional Commits.
		{name: "header pattern", title: "[api] PROJ-1 add x", in: TitleInputs{Types: `PROJ-\d+`, HeaderPattern: `^\[(\w+)\] ([A-Z]+-\d+) (.+)$`, HeaderPatternCorrespondence: "scope, type, subject"},
			typ: "PROJ-1", scope: "api", subject: "add x"},
		{name: "header pattern miss", title: "add x", in: TitleInputs{HeaderPattern: `^(\w+): (.+)$`, HeaderPatternCorrespondence: "type,subject"},
			kinds: []ProblemKind{ProblemNoType}, contains: []string{"does not match header-pattern", "available types"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Title(tt.title, TitleContext{}, policy(tt.in))
			var kinds []ProblemKind
			for _, p := range res.Problems {
				kinds = append(kinds, p.Kind)
			}
			if strings.Join(kindStrings(kinds), ",") != strings.Join(kindStrings(tt.kinds), ",") {
				t.Errorf("problems %v, want %v", kinds, tt.kinds)
			}
			if len(res.Findings) > 0 {
				f := res.Findings[0]
				if !strings.Contains(f.Message, `title "`+tt.title+`"`) {
					t.Errorf("message %q does not quote the title", f.Message)
				}
				for _, s := range tt.contains {
					if !strings.Contains(f.Message, s) {
						t.Errorf("message %q does not contain %q", f.Message, s)
					}
				}
				if tt.example != "" && f.Example != tt.example {
					t.Errorf("example %q, want %q", f.Example, tt.example)
				}
			}
			c := res.Commit
			if tt.typ != "" && (c.Type != tt.typ || c.Scope != tt.scope || c.Description != tt.subject) {
				t.Errorf("parsed type %q scope %q subject %q, want %q %q %q", c.Type, c.Scope, c.Description, tt.typ, tt.scope, tt.subject)
			}
		})
	}
}

func kindStrings(ks []ProblemKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func TestRE2Equivalent(t *testing.T) {
	tests := []struct {
		in, want string
		yes, no  []string
	}{
		{`^(?![A-Z]).+$`, `^[^A-Z].*$`, []string{"foo", "1x"}, []string{"Foo", ""}},
		{`^(?![A-Z]).*$`, `^(?:[^A-Z].*)?$`, []string{"foo", ""}, []string{"Foo"}},
		{`^(?![^a-z]).+$`, `^[a-z].*$`, []string{"foo"}, []string{"Foo", "1"}},
		{`^(?!\d).+$`, `^\D.*$`, []string{"a1"}, []string{"1a"}},
		{`^(?!.*\.$).+$`, `^(?:.*[^\.])$`, []string{"a b"}, []string{"a b.", ""}},
		{`^(?!_).+$`, `^[^_].*$`, []string{"a_"}, []string{"_a"}},
		{`^(?=[a-z]).+$`, ``, nil, nil},
		{`^(?!WIP)`, ``, nil, nil},
	}
	for _, tt := range tests {
		got := RE2Equivalent(tt.in)
		if got != tt.want {
			t.Errorf("RE2Equivalent(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		if got == "" {
			if _, err := CompilePattern(tt.in); err == nil || !strings.Contains(err.Error(), "docs/actions/pr-lint.md") {
				t.Errorf("CompilePattern(%q) = %v, want a pointer to the docs", tt.in, err)
			}
			continue
		}
		re := regexp.MustCompile(got)
		for _, s := range tt.yes {
			if !re.MatchString(s) {
				t.Errorf("%s does not match %q", got, s)
			}
		}
		for _, s := range tt.no {
			if re.MatchString(s) {
				t.Errorf("%s matches %q", got, s)
			}
		}
	}
}

func TestParseTitlePolicyErrors(t *testing.T) {
	tests := []struct {
		in    TitleInputs
		input string
		want  string
	}{
		{TitleInputs{Types: "feat,(?!x)"}, "types", "lookahead"},
		{TitleInputs{DisallowScopes: "a["}, "disallow-scopes", "not a valid RE2"},
		{TitleInputs{HeaderPattern: `^(\w+): (.*)$`}, "header-pattern", "2 capture groups, fewer than the 3 parts"},
		{TitleInputs{HeaderPattern: `^(\w+): (.*)$`, HeaderPatternCorrespondence: "type,body"}, "header-pattern-correspondence", `"body" is not a part`},
		{TitleInputs{HeaderPatternCorrespondence: "type,type,subject"}, "header-pattern-correspondence", "appears twice"},
		{TitleInputs{HeaderPatternCorrespondence: "scope,subject"}, "header-pattern-correspondence", "must name type and subject"},
		{TitleInputs{SubjectPattern: `(a)\1`}, "subject-pattern", "backreference"},
	}
	for _, tt := range tests {
		_, errs := ParseTitlePolicy(tt.in)
		if len(errs) != 1 || errs[0].Input != tt.input || !strings.Contains(errs[0].Problem, tt.want) {
			t.Errorf("ParseTitlePolicy(%+v) = %v, want %s: …%s…", tt.in, errs, tt.input, tt.want)
		}
	}
}

func TestCommitSameAsTitle(t *testing.T) {
	if fs := CommitSameAsTitle("feat: add x\r\n\r\nbody", "feat: add x"); fs != nil {
		t.Errorf("same header: %+v", fs)
	}
	fs := CommitSameAsTitle("wip\n\nbody", "feat: add x")
	if len(fs) != 1 || fs[0].Check != CheckSameAsTitle || !strings.Contains(fs[0].Message, `"feat: add x" differs from the commit header "wip"`) {
		t.Errorf("different header: %+v", fs)
	}
}
