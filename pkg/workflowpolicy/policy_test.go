package workflowpolicy

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// The repository's own policy: rose/actions may reference itself by tag.
var repoPolicy = Policy{TrustedRepos: []string{"rose/actions"}}

var wantComment = regexp.MustCompile(`# want ((?:[a-z-]+ ?)+)$`)

// expected reads the `# want rule...` comments of a testdata file as
// "line:rule" strings, one per expected finding.
func expected(t *testing.T, src []byte) []string {
	t.Helper()
	var want []string
	for i, line := range strings.Split(string(src), "\n") {
		m := wantComment.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, r := range strings.Fields(m[1]) {
			want = append(want, fmt.Sprintf("%d:%s", i+1, r))
		}
	}
	slices.Sort(want)
	return want
}

func got(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d:%s", f.Line, f.Rule))
	}
	slices.Sort(out)
	return out
}

func TestBadWorkflows(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("found %d bad examples, want at least 5", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := expected(t, src)
			if len(want) == 0 {
				t.Fatalf("%s has no `# want` comment: a bad example must expect findings", file)
			}
			findings := Policy{}.Check(file, src)
			if g := got(findings); !slices.Equal(g, want) {
				for _, f := range findings {
					t.Log(f)
				}
				t.Errorf("findings (line:rule)\n got %v\nwant %v", g, want)
			}
		})
	}
}

func TestGoodWorkflow(t *testing.T) {
	fs, err := repoPolicy.CheckDir("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		t.Errorf("unexpected finding: %s", f)
	}
}

func TestTrustedRepos(t *testing.T) {
	src := []byte(`name: t
on: push
permissions: {}
jobs:
  a:
    permissions: {}
    uses: Rose/Actions/.github/workflows/service-ci.yml@main
  b:
    permissions: {}
    uses: rose/actions-fork/.github/workflows/service-ci.yml@main
`)
	fs := repoPolicy.Check("t.yml", src)
	if g, want := got(fs), []string{"10:unpinned-uses"}; !slices.Equal(g, want) {
		t.Fatalf("got %v, want %v (a trusted repository matches by exact owner/name only)", g, want)
	}
}

func TestFindingMessages(t *testing.T) {
	src, err := os.ReadFile("testdata/bad/injection.yml")
	if err != nil {
		t.Fatal(err)
	}
	fs := Policy{}.Check("injection.yml", src)
	var refs []string
	for _, f := range fs {
		if f.Rule != RuleInjection {
			continue
		}
		if !strings.Contains(f.Message, "env:") {
			t.Errorf("%s: the message should say how to fix it (env:)", f)
		}
		refs = append(refs, strings.Fields(f.Message)[0])
	}
	want := []string{
		"github.event.pull_request.title", "github.head_ref", "steps.meta.outputs.title", "github.event",
		"inputs.name", "env.title", "github.event.comment.body", "secrets.token", "github.head_ref",
		"github.event.issue.title", "github.event.pull_request.labels.*.name", "needs.build.outputs.version",
		"github.event.issue.title",
	}
	if !slices.Equal(refs, want) {
		t.Errorf("untrusted references\n got %q\nwant %q", refs, want)
	}
	// Positions point at the expression, so an editor jumps to it.
	first := fs[0]
	if first.Line != 20 || first.Col != 26 || first.File != "injection.yml" {
		t.Errorf("first finding at %s, want injection.yml:20:26", first)
	}
	if s := first.String(); !strings.HasPrefix(s, "injection.yml:20:26: github.event.pull_request.title ") ||
		!strings.HasSuffix(s, "[expression-injection]") {
		t.Errorf("String() = %q", s)
	}
}

func TestSplitUses(t *testing.T) {
	tests := []struct {
		in, repo, ref string
		ok            bool
	}{
		{"actions/checkout@v4", "actions/checkout", "v4", true},
		{"github/codeql-action/upload-sarif@abc", "github/codeql-action", "abc", true},
		{"rose/actions/.github/workflows/x.yml@main", "rose/actions", "main", true},
		{"actions/checkout", "", "", false},
		{"checkout@v4", "", "", false},
		{"actions/checkout@", "", "", false},
	}
	for _, tt := range tests {
		repo, ref, ok := splitUses(tt.in)
		if repo != tt.repo || ref != tt.ref || ok != tt.ok {
			t.Errorf("splitUses(%q) = %q, %q, %v; want %q, %q, %v", tt.in, repo, ref, ok, tt.repo, tt.ref, tt.ok)
		}
	}
}

func TestCheckDirErrors(t *testing.T) {
	if _, err := (Policy{}).CheckDir(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("CheckDir of a missing directory: want an error")
	}
}

// TestRepositoryWorkflows holds this repository's own workflows and the
// documented example caller workflows to the policy.
func TestRepositoryWorkflows(t *testing.T) {
	dirs := []string{
		"../../.github/workflows",
		"../../docs/examples/rose/.github/workflows",
	}
	checked := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yml"))
		if len(files) == 0 {
			t.Errorf("no workflow found in %s", dir)
			continue
		}
		checked += len(files)
		fs, err := repoPolicy.CheckDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			t.Errorf("policy violation: %s", f)
		}
	}
	t.Logf("checked %d workflow files", checked)
}

// TestExamplesActionlint lints the documented example workflows with actionlint (the repository's own
// workflows are linted by the root package's test), with shellcheck when it is installed.
func TestExamplesActionlint(t *testing.T) {
	files, _ := filepath.Glob("../../docs/examples/*/.github/workflows/*.yml")
	if len(files) == 0 {
		t.Fatal("no example workflow found")
	}
	var out strings.Builder
	opts := &actionlint.LinterOptions{Oneline: true}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	}
	l, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint found %d problems in the examples:\n%s", len(errs), out.String())
	}
	// The linter must be able to fail on an example-shaped workflow.
	bad := []byte("on: push\njobs:\n  ci:\n    uses: rose/actions/.github/workflows/service-ci.yml@v1\n    timeout-minutes: 5\n")
	if errs, err := l.Lint("bad.yml", bad, nil); err != nil || len(errs) == 0 {
		t.Errorf("actionlint accepted timeout-minutes on a reusable-workflow call (errors %d, %v)", len(errs), err)
	}
}

var remoteReusable = regexp.MustCompile(`rose/actions/(\.github/workflows/[A-Za-z0-9_.-]+)@\S+`)

// TestExampleCallsMatchReusableWorkflows lints each example as if it called this checkout's reusable
// workflows (./.github/workflows/...), so actionlint checks every input and secret it passes against their
// workflow_call declarations: undeclared names, missing required ones and wrong types.
func TestExampleCallsMatchReusableWorkflows(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	proj, err := actionlint.NewProject(root)
	if err != nil || proj == nil {
		t.Fatalf("actionlint project at %s: %v", root, err)
	}
	files, _ := filepath.Glob("../../docs/examples/*/.github/workflows/*.yml")
	if len(files) == 0 {
		t.Fatal("no example workflow found")
	}
	var out strings.Builder
	l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{Oneline: true, WorkingDir: root})
	if err != nil {
		t.Fatal(err)
	}
	lint := func(name string, src []byte) int {
		errs, err := l.Lint(filepath.Join(root, ".github", "workflows", name), src, proj)
		if err != nil {
			t.Fatal(err)
		}
		return len(errs)
	}
	calls := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		calls += len(remoteReusable.FindAll(src, -1))
		local := remoteReusable.ReplaceAll(src, []byte("./$1"))
		if n := lint("zz-example-"+filepath.Base(f), local); n > 0 {
			t.Errorf("%s does not match the reusable workflows (%d problems):\n%s", f, n, out.String())
		}
		// The check can fail: an undeclared input is reported.
		bad := strings.Replace(string(local), "    with:\n", "    with:\n      no-such-input: x\n", 1)
		out.Reset()
		if n := lint("zz-bad-"+filepath.Base(f), []byte(bad)); n == 0 {
			t.Errorf("%s: an undeclared input of a reusable workflow was not reported", f)
		}
		out.Reset()
	}
	if calls < 3 {
		t.Errorf("found %d calls of rose/actions reusable workflows in the examples, want at least 3", calls)
	}
}
