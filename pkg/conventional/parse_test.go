package conventional

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		message string
		want    Commit
	}{
		{
			name:    "spec example with footers",
			message: "fix: prevent racing of requests\n\nIntroduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now.\n\nReviewed-by: Z\nRefs: #123\n",
			want: Commit{
				Header: "fix: prevent racing of requests", Type: "fix", Description: "prevent racing of requests",
				Body:         "Introduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now.",
				Footers:      []Footer{{"Reviewed-by", "Z"}, {"Refs", "#123"}},
				Conventional: true,
			},
		},
		{
			name:    "scope bang and breaking footer",
			message: "feat(api)!: send an email to the customer when a product is shipped\n\nBREAKING CHANGE: the `extends` key in config file is now used for extending other config files\n",
			want: Commit{
				Header: "feat(api)!: send an email to the customer when a product is shipped", Type: "feat",
				Scope: "api", Scopes: []string{"api"}, Bang: true, Breaking: true,
				Description:   "send an email to the customer when a product is shipped",
				Footers:       []Footer{{"BREAKING CHANGE", "the `extends` key in config file is now used for extending other config files"}},
				BreakingNotes: []string{"the `extends` key in config file is now used for extending other config files"},
				Conventional:  true,
			},
		},
		{
			name:    "bang without note uses the description as the note",
			message: "chore!: drop support for Node 6",
			want: Commit{
				Header: "chore!: drop support for Node 6", Type: "chore", Bang: true, Breaking: true,
				Description: "drop support for Node 6", BreakingNotes: []string{"drop support for Node 6"}, Conventional: true,
			},
		},
		{
			name:    "CRLF, trailing spaces and a multi-line breaking note",
			message: "feat(a,b): two scopes  \r\n\r\nbody\r\n\r\nBREAKING-CHANGE: first line\r\nsecond line\r\nRefs #4\r\n",
			want: Commit{
				Header: "feat(a,b): two scopes  ", Type: "feat", Scope: "a,b", Scopes: []string{"a", "b"},
				Breaking: true, Description: "two scopes", Body: "body",
				Footers:       []Footer{{"BREAKING-CHANGE", "first line\nsecond line"}, {"Refs", "#4"}},
				BreakingNotes: []string{"first line\nsecond line"},
				Conventional:  true,
			},
		},
		{
			name:    "squash body with a breaking bullet",
			message: "feat: big squash (#10)\n\n* feat: a\n\n* fix: b\n\n* BREAKING CHANGE: c changed",
			want: Commit{
				Header: "feat: big squash (#10)", Type: "feat", Breaking: true, Description: "big squash (#10)",
				Body: "* feat: a\n\n* fix: b\n\n* BREAKING CHANGE: c changed", BreakingNotes: []string{"c changed"},
				Conventional: true,
			},
		},
		{
			name:    "merge commit",
			message: "Merge pull request #12 from rose/feat/x\n\nAdd x.",
			want: Commit{
				Header: "Merge pull request #12 from rose/feat/x", Description: "Merge pull request #12 from rose/feat/x",
				Body: "Add x.", Merge: true,
			},
		},
		{
			name:    "git revert",
			message: "Revert \"feat(ui): add dark mode\"\n\nThis reverts commit 0123456789abcdef.\n",
			want: Commit{
				Header: "Revert \"feat(ui): add dark mode\"", Description: "Revert \"feat(ui): add dark mode\"",
				Body:   "This reverts commit 0123456789abcdef.",
				Revert: &Revert{Header: "feat(ui): add dark mode", SHA: "0123456789abcdef"},
			},
		},
		{
			name:    "revert type",
			message: "revert: feat: x\n\nThis reverts commit abc1234.",
			want: Commit{
				Header: "revert: feat: x", Type: "revert", Description: "feat: x", Body: "This reverts commit abc1234.",
				Revert: &Revert{Header: "feat: x", SHA: "abc1234"}, Conventional: true,
			},
		},
		{
			name:    "skip ci and emoji",
			message: "chore(release): 1.2.0 ✨ [skip ci]",
			want: Commit{
				Header: "chore(release): 1.2.0 ✨ [skip ci]", Type: "chore", Scope: "release", Scopes: []string{"release"},
				Description: "1.2.0 ✨ [skip ci]", Conventional: true,
			},
		},
		{
			name:    "not conventional",
			message: "✨ add sparkle\n\nBREAKING CHANGE: still breaking",
			want: Commit{
				Header: "✨ add sparkle", Description: "✨ add sparkle", Breaking: true,
				Footers: []Footer{{"BREAKING CHANGE", "still breaking"}}, BreakingNotes: []string{"still breaking"},
			},
		},
		{
			name:    "gpg lines and leading blank lines are skipped",
			message: "\n\ngpg: Signature made Mon\nfix: x\n\nRefs #1",
			want: Commit{
				Header: "fix: x", Type: "fix", Description: "x", Footers: []Footer{{"Refs", "#1"}}, Conventional: true,
			},
		},
		{
			name:    "lower-case note keyword is accepted like the reference parser",
			message: "fix: x\n\nbreaking change: y",
			want: Commit{
				Header: "fix: x", Type: "fix", Description: "x", Body: "breaking change: y", Breaking: true,
				BreakingNotes: []string{"y"}, Conventional: true,
			},
		},
		{
			name:    "note after a horizontal rule still counts",
			message: "fix: x\n\n---\n\nBREAKING CHANGE: y",
			want: Commit{
				Header: "fix: x", Type: "fix", Description: "x", Body: "---", Breaking: true,
				Footers: []Footer{{"BREAKING CHANGE", "y"}}, BreakingNotes: []string{"y"}, Conventional: true,
			},
		},
		{
			name:    "empty",
			message: "\r\n\n",
			want:    Commit{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.message)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %#v\nwant %#v", tt.message, got, tt.want)
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		header                  string
		typ, scope, description string
		bang                    bool
		wantErr                 error
		errContains             string
	}{
		{header: "feat: add x", typ: "feat", description: "add x"},
		{header: "feat(parser)!: drop y", typ: "feat", scope: "parser", bang: true, description: "drop y"},
		{header: "Fix(UI): z", typ: "Fix", scope: "UI", description: "z"},
		{header: "feat(a): b (c): d", typ: "feat", scope: "a", description: "b (c): d"},
		{header: "fix(deps(dev)): bump", typ: "fix", scope: "deps(dev)", description: "bump"},
		{header: "build(deps): bump x from 1 to 2", typ: "build", scope: "deps", description: "bump x from 1 to 2"},
		{header: "", wantErr: ErrEmpty},
		{header: "   ", wantErr: ErrEmpty},
		{header: "add a feature", wantErr: ErrNoType, errContains: "is not \"type(scope): description\""},
		{header: ": x", wantErr: ErrNoType},
		{header: "feat:x", wantErr: ErrNoSeparator, errContains: "add a space after the colon"},
		{header: "feat x", wantErr: ErrNoType, errContains: `is not "type(scope): description"`},
		{header: "feat x: y", wantErr: ErrNoSeparator, errContains: `found ' ' after type "feat"`},
		{header: "feat!(a): x", wantErr: ErrNoSeparator},
		{header: "feat(a: x", wantErr: ErrUnclosedScope},
		{header: "feat(a) : x", wantErr: ErrNoSeparator},
		{header: "feat(): x", typ: "feat", description: "x"},
		{header: "(s): x", scope: "s", wantErr: ErrNoType},
		{header: "feat: ", typ: "feat", wantErr: ErrNoDescription},
		{header: "feat:", wantErr: ErrNoDescription},
		{header: "✨ feat: x", wantErr: ErrBadType, errContains: "'✨'"},
		{header: "Fix/x", wantErr: ErrNoType, errContains: `looks like a branch name (GitHub titles a pull request from branch "fix/x" as "Fix/x")`},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			c, err := ParseHeader(tt.header)
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("ParseHeader(%q) error = %v, want %v", tt.header, err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), tt.errContains) {
				t.Errorf("error %q does not contain %q", err, tt.errContains)
			}
			if c.Type != tt.typ || c.Scope != tt.scope || c.Bang != tt.bang {
				t.Errorf("got type=%q scope=%q bang=%v, want %q %q %v", c.Type, c.Scope, c.Bang, tt.typ, tt.scope, tt.bang)
			}
			if tt.description != "" && c.Description != tt.description {
				t.Errorf("description = %q, want %q", c.Description, tt.description)
			}
			if c.Conventional != (err == nil) {
				t.Errorf("Conventional = %v with error %v", c.Conventional, err)
			}
		})
	}
}
