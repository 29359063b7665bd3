package action_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

// The runtime is tested through the health-check action's metadata: any declared action would do, and this
// one declares inputs of every kind.
const testAction = "health-check"

func runWith(t *testing.T, inputs map[string]string, run action.RunFunc) actiontest.Result {
	t.Helper()
	return actiontest.Run(t, actiontest.Options{Action: testAction, Run: run, Inputs: inputs})
}

func TestInputsTyped(t *testing.T) {
	var (
		dur     time.Duration
		n       int
		list    []string
		enum    string
		b       bool
		size    int64
		unread  []string
		deflt   string
		trimmed string
	)
	res := runWith(t, map[string]string{
		"url":             "  https://a.example/health \n https://b.example ",
		"timeout":         "1m30s",
		"max-attempts":    "7",
		"backoff":         "Exponential",
		"insecure":        "TRUE",
		"expected-body":   "ok",
		"expected-status": "200,204",
	}, func(ctx context.Context, rt *action.Runtime) error {
		in := rt.Inputs()
		list = in.List("url")
		trimmed = in.Required("url")
		dur = in.Duration("timeout")
		n = in.Int("max-attempts", 1, 100)
		enum = in.Enum("backoff", "fixed", "exponential")
		b = in.Bool("insecure")
		deflt = in.String("method") // not set: the action.yml default
		size, _ = action.ParseSize("512KiB")
		unread = in.Unread()
		return in.Err()
	})
	if res.Code != 0 {
		t.Fatalf("exit %d, stdout:\n%s", res.Code, res.Stdout)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"duration", dur, 90 * time.Second},
		{"int", n, 7},
		{"list", strings.Join(list, "|"), "https://a.example/health|https://b.example"},
		{"enum keeps the declared spelling", enum, "exponential"},
		{"bool", b, true},
		{"default from action.yml", deflt, "GET"},
		{"size", size, int64(512 * 1024)},
		{"trimmed", strings.HasPrefix(trimmed, "https://"), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(unread) == 0 {
		t.Errorf("Unread() is empty although most inputs were not read")
	}
}

func TestInputErrorsNameInputValueAndAccepted(t *testing.T) {
	tests := []struct {
		name   string
		inputs map[string]string
		read   func(in *action.Inputs)
		want   []string
	}{
		{"bool", map[string]string{"insecure": "yes"}, func(in *action.Inputs) { in.Bool("insecure") },
			[]string{`"insecure"`, `"yes"`, "true or false"}},
		{"int range", map[string]string{"max-attempts": "0"}, func(in *action.Inputs) { in.Int("max-attempts", 1, 100) },
			[]string{`"max-attempts"`, `"0"`, "from 1 to 100"}},
		{"int syntax", map[string]string{"max-attempts": "ten"}, func(in *action.Inputs) { in.Int("max-attempts", 1, 100) },
			[]string{`"max-attempts"`, `"ten"`}},
		{"duration", map[string]string{"timeout": "30"}, func(in *action.Inputs) { in.Duration("timeout") },
			[]string{`"timeout"`, `"30"`, "30s"}},
		{"negative duration", map[string]string{"timeout": "-5s"}, func(in *action.Inputs) { in.Duration("timeout") },
			[]string{`"timeout"`, "duration"}},
		{"zero duration", map[string]string{"timeout": "0s"}, func(in *action.Inputs) { in.PositiveDuration("timeout") },
			[]string{`"timeout"`, "above zero"}},
		{"empty positive duration", map[string]string{"timeout": ""}, func(in *action.Inputs) { in.PositiveDuration("timeout") },
			[]string{`"timeout"`, "above zero"}},
		{"caller's own validation", map[string]string{}, func(in *action.Inputs) { in.Invalid("url", "ftp://x", "http(s) URLs") },
			[]string{`"url"`, `"ftp://x"`, "http(s) URLs"}},
		{"enum", map[string]string{"backoff": "linear"}, func(in *action.Inputs) { in.Enum("backoff", "fixed", "exponential") },
			[]string{`"backoff"`, `"linear"`, "fixed, exponential"}},
		{"regexp", map[string]string{"expected-body": "a(b"}, func(in *action.Inputs) { in.Regexp("expected-body") },
			[]string{`"expected-body"`, "regular expression"}},
		{"size", map[string]string{"expected-body": "12 parsecs"}, func(in *action.Inputs) { in.Size("expected-body") },
			[]string{`"expected-body"`, "1MB"}},
		{"required", map[string]string{"url": " "}, func(in *action.Inputs) { in.Required("url") },
			[]string{`"url"`, "required"}},
		{"two problems at once", map[string]string{"insecure": "maybe", "backoff": "x"},
			func(in *action.Inputs) { in.Bool("insecure"); in.Enum("backoff", "fixed", "exponential") },
			[]string{`"insecure"`, `"backoff"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runWith(t, tt.inputs, func(ctx context.Context, rt *action.Runtime) error {
				tt.read(rt.Inputs())
				return rt.Inputs().Err()
			})
			if res.Code != action.ExitUsage {
				t.Errorf("exit code %d, want 2", res.Code)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Stdout, w) {
					t.Errorf("message lacks %s:\n%s", w, res.Stdout)
				}
			}
			if !strings.Contains(res.Stdout, "::error::") {
				t.Errorf("the error is not shown as an error annotation:\n%s", res.Stdout)
			}
		})
	}
}

func TestInvalidSecretHidesTheValue(t *testing.T) {
	const planted = "Authorization: Bearer planted-header-secret"
	res := runWith(t, map[string]string{"headers": planted}, func(ctx context.Context, rt *action.Runtime) error {
		in := rt.Inputs()
		in.String("headers")
		in.InvalidSecret("headers", "one `Name: value` header per line")
		return in.Err()
	})
	if res.Code != action.ExitUsage || !strings.Contains(res.Stdout, "(hidden)") || strings.Contains(res.Stdout, "planted-header-secret") {
		t.Fatalf("exit %d, stdout %q", res.Code, res.Stdout)
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1MB", 1_000_000, true}, {"512KiB", 524_288, true}, {"5mb", 5_000_000, true}, {"2048", 2048, true},
		{"1.5MiB", 1_572_864, true}, {"1 GB", 1_000_000_000, true}, {"10B", 10, true},
		{"", 0, false}, {"MB", 0, false}, {"1XB", 0, false}, {"-1MB", 0, false}, {"1e9", 0, false},
		// Undocumented single-letter units are ambiguous (1000 or 1024): refused.
		{"1M", 0, false}, {"3k", 0, false}, {"2G", 0, false},
	}
	for _, tt := range tests {
		got, err := action.ParseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestUndeclaredInputPanicsAsInternalError(t *testing.T) {
	res := runWith(t, nil, func(ctx context.Context, rt *action.Runtime) error {
		rt.Inputs().String("no-such-input")
		return nil
	})
	if res.Code != action.ExitFailure || !strings.Contains(res.Stdout, "not declared") {
		t.Fatalf("exit %d, stdout %q", res.Code, res.Stdout)
	}
}

func TestOutputsUseRandomDelimiterAndRefuseInjection(t *testing.T) {
	var injected error
	res := runWith(t, nil, func(ctx context.Context, rt *action.Runtime) error {
		if err := rt.SetOutput("healthy", "true"); err != nil {
			return err
		}
		if err := rt.SetOutput("http-status", "line one\nline two"); err != nil {
			return err
		}
		// A value carrying a delimiter of the old fixed kind and an injected second output stays one value.
		if err := rt.SetOutput("attempts", "3\n_GitHubActionsFileCommandDelimeter_\nhealthy=false"); err != nil {
			return err
		}
		if err := rt.SetOutput("undeclared", "x"); err == nil {
			return errors.New("an undeclared output was accepted")
		}
		return nil
	})
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stdout)
	}
	_ = injected
	want := map[string]string{
		"healthy":     "true",
		"http-status": "line one\nline two",
		"attempts":    "3\n_GitHubActionsFileCommandDelimeter_\nhealthy=false",
	}
	if len(res.Outputs) != len(want) {
		t.Fatalf("outputs %q, want %q", res.Outputs, want)
	}
	for k, v := range want {
		if res.Outputs[k] != v {
			t.Errorf("output %s = %q, want %q", k, res.Outputs[k], v)
		}
	}
	if !strings.Contains(res.OutputFile, "<<ghadelimiter_") {
		t.Errorf("outputs are not written in heredoc form with a ghadelimiter_: %q", res.OutputFile)
	}
}

// fixedRand always returns the same bytes, so a test can know the delimiter in advance.
type fixedRand struct{}

func (fixedRand) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0xab
	}
	return len(p), nil
}

func TestOutputContainingTheDelimiterIsRefused(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	delim := "ghadelimiter_" + strings.Repeat("ab", 16)
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": out}
	var stdout bytes.Buffer
	code := action.MainContext(context.Background(), action.Env{
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		Stdout:    &stdout, Rand: fixedRand{}, Dir: dir,
	}, testAction, func(ctx context.Context, rt *action.Runtime) error {
		return rt.SetOutput("http-status", "x\n"+delim+"\nhealthy=false")
	})
	if code != action.ExitFailure {
		t.Errorf("exit %d, want 1", code)
	}
	b, _ := os.ReadFile(out)
	if len(b) != 0 {
		t.Errorf("GITHUB_OUTPUT was written: %q", b)
	}
	if !strings.Contains(stdout.String(), "delimiter") {
		t.Errorf("no explanation: %q", stdout.String())
	}
}

func TestAnnotationEscaping(t *testing.T) {
	tests := []struct {
		name string
		a    action.Annotation
		want string
	}{
		{"plain", action.Annotation{Level: action.LevelError, File: "a.go", Line: 3, Title: "bad", Message: "msg"},
			"::error file=a.go,line=3,title=bad::msg"},
		{"hostile title and message", action.Annotation{Level: action.LevelWarning, File: "x,y:z.go", Line: 1,
			Title: "t: a, b\n::error::boom", Message: "100% sure\r\n::add-mask::x"},
			"::warning file=x%2Cy%3Az.go,line=1,title=t%3A a%2C b%0A%3A%3Aerror%3A%3Aboom::100%25 sure%0D%0A::add-mask::x"},
		{"all positions", action.Annotation{Level: action.LevelNotice, File: "f", Line: 1, EndLine: 2, Col: 3, EndCol: 4, Message: "m"},
			"::notice file=f,line=1,endLine=2,col=3,endColumn=4::m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := action.FormatAnnotation(tt.a)
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if strings.Count(got, "\n") != 0 {
				t.Errorf("annotation spans lines: %q", got)
			}
		})
	}
}

func TestSecretsAreMaskedAndRedactedEverywhere(t *testing.T) {
	const token = "ghp_plantedSecretValue1234567890abcdef"
	res := actiontest.Run(t, actiontest.Options{
		Action: "semver-release", Inputs: map[string]string{"token": token},
		Run: func(ctx context.Context, rt *action.Runtime) error {
			tok := rt.Inputs().Secret("token")
			rt.Infof("using token %s", tok)
			rt.Annotate(action.Annotation{Message: "token " + tok})
			if err := rt.AddSummary("token: " + tok); err != nil {
				return err
			}
			return action.Failf("request with %s failed", tok)
		},
	})
	if res.Code != 1 {
		t.Fatalf("exit %d", res.Code)
	}
	masks := strings.Count(res.Stdout, "::add-mask::")
	if masks != 1 {
		t.Errorf("%d add-mask commands, want 1", masks)
	}
	rest := strings.Replace(res.Stdout, "::add-mask::"+token, "", 1)
	for where, text := range map[string]string{"stdout": rest, "stderr": res.Stderr, "summary": res.Summary} {
		if strings.Contains(text, token) {
			t.Errorf("the token reached %s", where)
		}
	}
	if !strings.Contains(res.Summary, "***") || !strings.Contains(rest, "***") {
		t.Errorf("redaction marker missing: stdout %q summary %q", rest, res.Summary)
	}
}

func TestLocalModeNeverPrintsMaskAndPrintsOutputs(t *testing.T) {
	const token = "plantedLocalToken-987654321"
	dir := t.TempDir()
	res := actiontest.Run(t, actiontest.Options{
		Action: "semver-release", Local: true, Dir: dir,
		Env: map[string]string{"GITHUB_TOKEN": token},
		Run: func(ctx context.Context, rt *action.Runtime) error {
			if !rt.Local() {
				return errors.New("not local")
			}
			if rt.Workspace() != dir {
				return errors.New("workspace is not the working directory")
			}
			if got := rt.Inputs().Secret("token"); got != token {
				return errors.New("the ${{ github.token }} default did not fall back to GITHUB_TOKEN")
			}
			rt.Annotate(action.Annotation{Level: action.LevelWarning, File: "a.go", Line: 2, Message: "careful"})
			return rt.SetOutput("version", "1.2.3")
		},
	})
	if res.Code != 0 {
		t.Fatalf("exit %d: %s%s", res.Code, res.Stdout, res.Stderr)
	}
	if strings.Contains(res.Stdout, token) || strings.Contains(res.Stdout, "::") {
		t.Errorf("local output leaks the token or prints workflow commands: %q", res.Stdout)
	}
	for _, want := range []string{"output version=1.2.3", "warning: a.go:2: careful"} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("stdout lacks %q: %q", want, res.Stdout)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"ok", nil, 0},
		{"check failed", action.Failf("2 problems"), 1},
		{"runtime error", errors.New("connection reset"), 1},
		{"usage", action.Usagef("bad config"), 2},
		{"not implemented", action.ErrNotImplemented, 2},
		{"wrapped input error", errors.Join(errors.New("x"), &action.InputError{}), 2},
	}
	for _, tt := range tests {
		res := runWith(t, nil, func(context.Context, *action.Runtime) error { return tt.err })
		if res.Code != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, res.Code, tt.want)
		}
	}
}

func TestCancelledContextFails(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := actiontest.Run(t, actiontest.Options{Action: testAction, Context: ctx,
		Run: func(ctx context.Context, rt *action.Runtime) error { return nil }})
	if res.Code != action.ExitFailure || !strings.Contains(res.Stdout, "cancelled") {
		t.Fatalf("exit %d: %s", res.Code, res.Stdout)
	}
}

func TestEventDecodedIntoGoGitHubTypes(t *testing.T) {
	tests := []struct {
		file, name string
		check      func(any) bool
	}{
		{"pull_request.opened.json", "pull_request", func(e any) bool {
			pr, ok := e.(*github.PullRequestEvent)
			return ok && pr.GetPullRequest().GetNumber() > 0 && pr.GetPullRequest().GetHead().GetSHA() != ""
		}},
		{"pull_request.opened.json", "pull_request_target", func(e any) bool {
			_, ok := e.(*github.PullRequestEvent)
			return ok
		}},
		{"push.json", "push", func(e any) bool {
			p, ok := e.(*github.PushEvent)
			return ok && p.GetAfter() != ""
		}},
		{"merge_group.checks_requested.json", "merge_group", func(e any) bool {
			m, ok := e.(*github.MergeGroupEvent)
			return ok && m.GetMergeGroup().GetHeadSHA() != ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got any
			res := actiontest.Run(t, actiontest.Options{
				Action: testAction, EventName: tt.name, EventFile: filepath.Join("testdata", "events", tt.file),
				Run: func(ctx context.Context, rt *action.Runtime) error {
					var err error
					got, err = rt.Event()
					return err
				},
			})
			if res.Code != 0 || !tt.check(got) {
				t.Fatalf("exit %d, event %T: %s", res.Code, got, res.Stdout)
			}
		})
	}
}

func TestSummaryAppendsAndGroups(t *testing.T) {
	res := runWith(t, nil, func(ctx context.Context, rt *action.Runtime) error {
		end := rt.Group("Checking\nthings")
		rt.Infof("inside")
		end()
		if err := rt.AddSummary("## one"); err != nil {
			return err
		}
		return rt.AddSummary("## two\n")
	})
	if res.Summary != "## one\n## two\n" {
		t.Errorf("summary %q", res.Summary)
	}
	if !strings.Contains(res.Stdout, "::group::Checking things\ninside\n::endgroup::") {
		t.Errorf("group: %q", res.Stdout)
	}
}

func TestSummaryIsCutAtGitHubsLimit(t *testing.T) {
	big := strings.Repeat("é", 600_000) // 1.2 MB of two-byte characters
	res := runWith(t, nil, func(ctx context.Context, rt *action.Runtime) error {
		if err := rt.AddSummary("## start"); err != nil {
			return err
		}
		return rt.AddSummary(big)
	})
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stdout)
	}
	if len(res.Summary) > 1<<20 {
		t.Errorf("summary is %d bytes, over 1 MiB", len(res.Summary))
	}
	if !utf8.ValidString(res.Summary) || !strings.Contains(res.Summary, "summary was cut") || !strings.HasPrefix(res.Summary, "## start\n") {
		t.Errorf("cut summary is malformed (valid UTF-8: %v, %d bytes)", utf8.ValidString(res.Summary), len(res.Summary))
	}
}
