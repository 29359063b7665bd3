package prlint

import (
	"regexp"
	"strings"
	"testing"
)

func defaultBranchPolicy(t *testing.T) BranchPolicy {
	t.Helper()
	return BranchPolicy{Pattern: regexp.MustCompile(DefaultBranchPattern), Exempt: DefaultBranchExempt}
}

func TestBranchName(t *testing.T) {
	p := defaultBranchPolicy(t)
	tests := []struct {
		branch   string
		ok       bool
		wantHint string
	}{
		{"feature/login-page", true, ""},
		{"fix/x", true, ""},
		{"hotfix/1.2.3", true, ""},
		{"dependabot/npm_and_yarn/lodash-4.17.21", true, ""}, // ** crosses segments
		{"renovate/golang-1.x", true, ""},
		{"release-please--branches--main", true, ""},
		{"main", true, ""},
		{"develop", true, ""},
		{"develop2", false, "feature/develop2"},
		{"changes", false, "feature/changes"},
		{"Feature/Login_Page", false, "feature/login_page"},
		{"features/new thing", false, "feature/new-thing"},
		{"fix/", false, ""},
		{"", false, ""},
		{"dependabot", true, ""}, // doublestar: ** also matches no segment
		{"dependabots/x", false, "feature/x"},
	}
	for _, tt := range tests {
		t.Run(tt.branch, func(t *testing.T) {
			fs := BranchName(tt.branch, p)
			if (len(fs) == 0) != tt.ok {
				t.Fatalf("BranchName(%q) = %+v, want ok=%v", tt.branch, fs, tt.ok)
			}
			if tt.ok {
				return
			}
			if fs[0].Check != CheckBranch || fs[0].Level != Failure {
				t.Errorf("finding = %+v", fs[0])
			}
			if fs[0].Example != tt.wantHint {
				t.Errorf("example = %q, want %q", fs[0].Example, tt.wantHint)
			}
			if tt.wantHint != "" && !p.Pattern.MatchString(tt.wantHint) {
				t.Errorf("example %q does not match the pattern", tt.wantHint)
			}
		})
	}
}

func TestBranchNameDisabled(t *testing.T) {
	if fs := BranchName("anything goes", BranchPolicy{}); fs != nil {
		t.Errorf("no pattern: %+v", fs)
	}
}

func TestParseTargets(t *testing.T) {
	rules, err := ParseTargets("# gitflow\nhotfix/*: main\nrelease/*: main, develop\n\nfeature/**: develop\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 3 || rules[1].Head != "release/*" || strings.Join(rules[1].Bases, "|") != "main|develop" {
		t.Fatalf("rules = %+v", rules)
	}
	for _, bad := range []string{"hotfix/*", "hotfix/*:", ": main", "hotfix/[: main"} {
		if _, err := ParseTargets(bad); err == nil {
			t.Errorf("ParseTargets(%q) accepted", bad)
		}
	}
}

func TestBranchTarget(t *testing.T) {
	rules, err := ParseTargets("hotfix/*: main\nrelease/*: main\nfeature/**: develop\nfeat/**: develop\nfix/*: develop, release/*")
	if err != nil {
		t.Fatal(err)
	}
	p := BranchPolicy{Exempt: DefaultBranchExempt, Targets: rules}
	tests := []struct {
		branch, base string
		ok           bool
	}{
		{"hotfix/crash", "main", true},
		{"hotfix/crash", "develop", false},
		{"release/1.2", "main", true},
		{"feature/x", "develop", true},
		{"feature/a/b", "develop", true},
		{"feature/x", "main", false},
		{"fix/x", "release/1.2", true},
		{"fix/x", "main", false},
		{"chore/x", "main", true},         // no rule: anything goes
		{"dependabot/go/x", "main", true}, // exempt
	}
	for _, tt := range tests {
		fs := BranchTarget(tt.branch, tt.base, p)
		if (len(fs) == 0) != tt.ok {
			t.Errorf("BranchTarget(%q -> %q) = %+v, want ok=%v", tt.branch, tt.base, fs, tt.ok)
		}
		if !tt.ok && (fs[0].Check != CheckTargets || !strings.Contains(fs[0].Message, `"`+tt.base+`"`)) {
			t.Errorf("finding = %+v", fs[0])
		}
	}
	if fs := BranchTarget("feature/x", "main", BranchPolicy{}); fs != nil {
		t.Errorf("no rules: %+v", fs)
	}
}
