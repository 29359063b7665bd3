package actions_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"

	actions "github.com/rose/actions"
	"github.com/rose/actions/internal/catalog"
	"github.com/rose/actions/pkg/action"
)

var update = flag.Bool("update", false, "rewrite action-catalog.md from the action.yml files")

var wantActions = []string{"changelog", "health-check", "pr-lint", "railway-deploy", "secret-scan", "semver-release"}

func TestSixActions(t *testing.T) {
	if got := actions.Names(); !slices.Equal(got, wantActions) {
		t.Fatalf("actions %v, want %v", got, wantActions)
	}
}

var (
	inputName     = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	releasedImage = regexp.MustCompile(`^docker://ghcr\.io/rose/actions:[0-9]+\.[0-9]+\.[0-9]+[0-9A-Za-z.-]*(@sha256:[0-9a-f]{64})?$`)
)

// TestMetadataComplete holds every action.yml to what users of a well-kept action expect.
func TestMetadataComplete(t *testing.T) {
	for _, name := range actions.Names() {
		t.Run(name, func(t *testing.T) {
			m, err := action.LoadMetadata(name)
			if err != nil {
				t.Fatal(err)
			}
			if m.Name == "" || m.Description == "" || m.Author == "" {
				t.Errorf("name %q, description %q, author %q: all are needed", m.Name, m.Description, m.Author)
			}
			if m.Branding["icon"] == "" || m.Branding["color"] == "" {
				t.Errorf("branding needs icon and color: %v", m.Branding)
			}
			// On main the image is built from the current code; a release commit points at the published image.
			image := m.Runs.Image == "../Dockerfile" || releasedImage.MatchString(m.Runs.Image)
			if m.Runs.Using != "docker" || !image || m.Runs.Entrypoint != "" || !slices.Equal(m.Runs.Args, []string{name}) {
				t.Errorf("runs = %+v; want docker, ../Dockerfile (or the released image), args [%s] and no entrypoint", m.Runs, name)
			}
			if len(m.Inputs) == 0 || len(m.Outputs) == 0 {
				t.Errorf("%d inputs, %d outputs", len(m.Inputs), len(m.Outputs))
			}
			for in, spec := range m.Inputs {
				if !inputName.MatchString(in) {
					t.Errorf("input %q: use lower-case kebab-case names", in)
				}
				if strings.TrimSpace(spec.Description) == "" {
					t.Errorf("input %q has no description", in)
				}
				if !spec.Required && spec.Default == nil {
					t.Errorf("input %q is optional and has no default", in)
				}
				if spec.Required && spec.Default != nil && *spec.Default != "" {
					t.Errorf("input %q is required and has a default", in)
				}
			}
			for out, spec := range m.Outputs {
				if strings.TrimSpace(spec.Description) == "" {
					t.Errorf("output %q has no description", out)
				}
			}
		})
	}
}

func TestCatalog(t *testing.T) {
	got, err := catalog.Render(actions.Names(), action.LoadMetadata)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("action-catalog.md", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("action-catalog.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("action-catalog.md is out of date with the action.yml files: run `go test . -run TestCatalog -update`")
	}
}

// TestDockerfile checks the image contract: every action's binary, static, CA certificates, no USER line.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(b)
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "ca-certificates", "org.opencontainers.image.source", "./actions/"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	if regexp.MustCompile(`(?m)^\s*USER\b`).MatchString(df) {
		t.Error("Dockerfile has a USER line: the runner's file-command files are not writable by another user")
	}
}

// TestActionlint lints every workflow and a workflow that uses each local action with every input, so that
// errors in action metadata or workflows fail the build.
func TestActionlint(t *testing.T) {
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	opts := &actionlint.LinterOptions{WorkingDir: root, Oneline: true}
	if sc, err := lookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	}
	l, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	proj, err := actionlint.NewProject(root)
	if err != nil {
		t.Fatal(err)
	}
	workflows, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.y*ml"))
	errs, err := l.LintFiles(workflows, proj)
	if err != nil {
		t.Fatal(err)
	}
	contract := usesEveryAction(t)
	errs2, err := l.Lint(filepath.Join(root, ".github", "workflows", "zz-contract-test.yml"), []byte(contract), proj)
	if err != nil {
		t.Fatal(err)
	}
	errs = append(errs, errs2...)
	if len(errs) > 0 {
		t.Errorf("actionlint found %d problems:\n%s", len(errs), out.String())
	}
	// The linter must be able to fail: an undeclared input to a local action is an error.
	bad := strings.Replace(contract, "        with:\n", "        with:\n          no-such-input: x\n", 1)
	errs3, err := l.Lint(filepath.Join(root, ".github", "workflows", "zz-bad.yml"), []byte(bad), proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs3) == 0 {
		t.Error("actionlint accepted an undeclared input: the metadata check is not working")
	}
}

func usesEveryAction(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("name: contract\non: [pull_request]\npermissions: {}\njobs:\n  all:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n")
	for _, name := range actions.Names() {
		m, err := action.LoadMetadata(name)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("      - uses: ./" + name + "\n        with:\n")
		for _, in := range m.InputNames() {
			b.WriteString("          " + in + ": 'x'\n")
		}
	}
	return b.String()
}
