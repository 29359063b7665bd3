package action

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	githubactions "github.com/sethvargo/go-githubactions"
)

// RunFunc is an action's logic.
type RunFunc func(ctx context.Context, rt *Runtime) error

// Runtime is an action's view of the runner: inputs, outputs, summary, annotations, event and clients.
type Runtime struct {
	name   string
	meta   *Metadata
	env    Env
	gha    *githubactions.Action
	local  bool
	inputs *Inputs

	mu      sync.Mutex
	secrets []string
	outputs map[string]string
}

// Main runs an action the way the runner expects and returns the exit code. SIGTERM and SIGINT cancel the
// context given to run.
func Main(env Env, name string, run RunFunc) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return MainContext(ctx, env, name, run)
}

// MainContext is Main with a caller-supplied context.
func MainContext(ctx context.Context, env Env, name string, run RunFunc) (code int) {
	env = env.withDefaults()
	rt, err := New(env, name)
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n", name, err)
		return ExitUsage
	}
	defer func() {
		if r := recover(); r != nil {
			rt.reportError(fmt.Errorf("internal error: %v", r))
			code = ExitFailure
		}
		rt.writeInputAudit()
	}()
	err = run(ctx, rt)
	if err == nil && ctx.Err() != nil {
		err = fmt.Errorf("cancelled: %w", ctx.Err())
	}
	if err != nil {
		rt.reportError(err)
	}
	return ExitCode(err)
}

// New builds the Runtime of the named action from env. Main calls it; tests may too.
func New(env Env, name string) (*Runtime, error) {
	env = env.withDefaults()
	meta, err := LoadMetadata(name)
	if err != nil {
		return nil, err
	}
	rt := &Runtime{
		name:    name,
		meta:    meta,
		env:     env,
		local:   env.getenv("GITHUB_ACTIONS") != "true",
		outputs: map[string]string{},
	}
	rt.gha = githubactions.New(
		githubactions.WithWriter(redactingWriter{rt: rt, w: env.Stdout}),
		githubactions.WithGetenv(env.getenv),
		githubactions.WithHTTPClient(env.HTTPClient),
	)
	rt.inputs = newInputs(rt)
	return rt, nil
}

// Name is the action's folder name.
func (rt *Runtime) Name() string { return rt.name }

// Metadata is the action's parsed action.yml.
func (rt *Runtime) Metadata() *Metadata { return rt.meta }

// Inputs returns the action's input reader.
func (rt *Runtime) Inputs() *Inputs { return rt.inputs }

// Local reports whether the program runs outside GitHub Actions.
func (rt *Runtime) Local() bool { return rt.local }

// Getenv reads an environment variable.
func (rt *Runtime) Getenv(key string) string { return rt.env.getenv(key) }

// LookupEnv reads an environment variable and says whether it is set.
func (rt *Runtime) LookupEnv(key string) (string, bool) { return rt.env.LookupEnv(key) }

// Now reads the clock.
func (rt *Runtime) Now() time.Time { return rt.env.Now() }

// HTTPClient is the base HTTP client (timeouts set; tests inject their own).
func (rt *Runtime) HTTPClient() *http.Client { return rt.env.HTTPClient }

// Stdout is where the action's log goes, with every masked secret redacted.
func (rt *Runtime) Stdout() io.Writer { return redactingWriter{rt: rt, w: rt.env.Stdout} }

// Workspace is GITHUB_WORKSPACE under the runner and the working directory locally.
func (rt *Runtime) Workspace() string {
	if ws := rt.env.getenv("GITHUB_WORKSPACE"); ws != "" && !rt.local {
		return ws
	}
	return rt.env.Dir
}

// Mask tells the runner to hide s in the log and keeps it out of everything this runtime prints.
// Locally nothing is printed: printing the mask command would show the secret.
func (rt *Runtime) Mask(s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	rt.mu.Lock()
	parts := append([]string{s}, strings.Split(s, "\n")...)
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) < 3 || contains(rt.secrets, p) {
			continue
		}
		rt.secrets = append(rt.secrets, p)
		if !rt.local {
			// Written straight to Stdout: the redacting writer would hide the very value being masked.
			fmt.Fprintf(rt.env.Stdout, "::add-mask::%s\n", escapeData(p))
		}
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(rt.secrets, func(i, j int) bool { return len(rt.secrets[i]) > len(rt.secrets[j]) })
	rt.mu.Unlock()
}

// Redact replaces every masked secret in s with ***.
func (rt *Runtime) Redact(s string) string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	for _, sec := range rt.secrets {
		s = strings.ReplaceAll(s, sec, "***")
	}
	return s
}

// Infof logs a line. Its arguments often carry text from outside (log lines, commit subjects, API errors):
// none of it can become a workflow command.
func (rt *Runtime) Infof(format string, args ...any) {
	fmt.Fprintln(rt.Stdout(), NeutralizeCommands(fmt.Sprintf(format, args...)))
}

// Debugf logs a debug line (shown when the run has debug logging on; locally only with RUNNER_DEBUG=1).
func (rt *Runtime) Debugf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if rt.local {
		if rt.env.getenv("RUNNER_DEBUG") == "1" {
			fmt.Fprintln(rt.Stdout(), "debug: "+NeutralizeCommands(msg))
		}
		return
	}
	rt.gha.IssueCommand(&githubactions.Command{Name: "debug", Message: msg})
}

// Warningf logs a warning annotation with no file.
func (rt *Runtime) Warningf(format string, args ...any) {
	rt.Annotate(Annotation{Level: LevelWarning, Message: fmt.Sprintf(format, args...)})
}

// Group starts a collapsible log group and returns the function that ends it.
func (rt *Runtime) Group(title string) (end func()) {
	if rt.local {
		fmt.Fprintln(rt.Stdout(), "== "+oneLine(title)+" ==")
		return func() {}
	}
	rt.gha.Group(oneLine(title))
	return rt.gha.EndGroup
}

func (rt *Runtime) reportError(err error) {
	msg := rt.Redact(err.Error())
	if errors.Is(err, ErrNotImplemented) {
		msg = rt.name + ": " + msg
	}
	if rt.local {
		fmt.Fprintf(rt.env.Stderr, "%s: error: %s\n", rt.name, msg)
		return
	}
	rt.gha.IssueCommand(&githubactions.Command{Name: "error", Message: msg})
}

// writeInputAudit records which inputs the program read, for the repository test that compares them with
// action.yml. It only acts when ROSE_ACTIONS_INPUT_AUDIT names a file.
func (rt *Runtime) writeInputAudit() {
	path := rt.env.getenv("ROSE_ACTIONS_INPUT_AUDIT")
	if path == "" {
		return
	}
	_ = os.WriteFile(path, []byte(strings.Join(rt.inputs.Read(), "\n")+"\n"), 0o644)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// redactingWriter hides masked secrets in everything written through it. Each Write is redacted whole, so
// callers write a full line at a time.
type redactingWriter struct {
	rt *Runtime
	w  io.Writer
}

func (r redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, r.rt.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func randomHex(r io.Reader, n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	return hex.EncodeToString(b), nil
}
