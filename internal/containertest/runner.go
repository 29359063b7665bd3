package containertest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

// RunnerUID is the uid of the runner user on GitHub's hosted runners, who owns the workspace and the
// runner's temporary folders; the action's container runs as root.
const RunnerUID = 1001

// Docker runs the docker client.
type Docker struct {
	Cmd string // the client's path or name
}

// Run runs the client and returns its standard output; the error carries its standard error.
func (d Docker) Run(ctx context.Context, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, d.Cmd, args...) //nolint:gosec // the docker client named by -docker, with this program's arguments
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("docker %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}

// Job is what a job of the runner has: the image of the actions, a user-defined network (the job
// network the runner creates when the job runs in a container), and a temporary folder.
type Job struct {
	Docker  Docker
	Image   string
	Network string
	Gateway string // the network's gateway: the host's address for the containers
	Root    string // the host folder that holds the workspaces and runner folders
	// Socket is the engine's socket on this machine, mounted as /var/run/docker.sock as the runner does
	// (empty when the engine is not reached through a local socket).
	Socket string
	seq    int
}

// Label marks what the test creates on the engine, so that it can be found and removed.
const Label = "rose-actions.container-test"

// NewJob creates the job network and the temporary folder.
func NewJob(ctx context.Context, d Docker, image string) (*Job, error) {
	name := "rose-actions-ct-" + randomHex(4)
	if _, err := d.Run(ctx, "network", "create", "--driver", "bridge", "--label", Label, name); err != nil {
		return nil, err
	}
	j := &Job{Docker: d, Image: image, Network: name, Socket: localSocket(os.Getenv("DOCKER_HOST"))}
	gw, err := d.Run(ctx, "network", "inspect", name, "--format", "{{range .IPAM.Config}}{{.Gateway}} {{end}}")
	if err != nil {
		j.Close(ctx)
		return nil, err
	}
	if j.Gateway = strings.Fields(gw + " ")[0]; j.Gateway == "" {
		j.Close(ctx)
		return nil, fmt.Errorf("the network %s reports no gateway", name)
	}
	if j.Root, err = os.MkdirTemp("", "rose-actions-ct-"); err != nil {
		j.Close(ctx)
		return nil, err
	}
	return j, nil
}

// localSocket returns the path of the engine's socket from DOCKER_HOST, or the default socket.
func localSocket(host string) string {
	if p, ok := strings.CutPrefix(host, "unix://"); ok {
		return p
	}
	if host == "" {
		if _, err := os.Stat("/var/run/docker.sock"); err == nil {
			return "/var/run/docker.sock"
		}
	}
	return ""
}

// Close removes the network and the folder.
func (j *Job) Close(ctx context.Context) {
	_, _ = j.Docker.Run(ctx, "network", "rm", j.Network)
	if j.Root != "" {
		_ = os.RemoveAll(j.Root)
	}
}

// Dir makes a new folder in the job's folder.
func (j *Job) Dir(name string) (string, error) {
	j.seq++
	dir := filepath.Join(j.Root, fmt.Sprintf("%02d-%s", j.seq, name))
	return dir, os.MkdirAll(dir, 0o755)
}

// Step is one `uses:` step of a Docker action.
type Step struct {
	Action    string            // the action's folder name
	With      map[string]string // the step's `with:`; other inputs get their default
	Env       map[string]string // the step's `env:`
	EventName string            // pull_request, push ...
	Event     []byte            // the payload; {} when empty
	Workspace string            // host folder mounted as the workspace
	GitHub    map[string]string // GITHUB_* values that differ from the defaults (GITHUB_SHA, GITHUB_REF ...)
	Mounts    []string          // extra -v values
	Network   string            // the network, when not the job's
}

// Result is what a step left.
type Result struct {
	Code       int
	Log        string            // the container's standard output and error
	Outputs    map[string]string // parsed from the output file
	OutputsRaw string
	Summary    string
}

func (r Result) String() string {
	return fmt.Sprintf("exit %d\noutputs: %q\nsummary:\n%s\nlog:\n%s", r.Code, r.Outputs, r.Summary, r.Log)
}

// Run runs the step as actions/runner does for a Docker action: a container of the image with the action's
// args, --workdir /github/workspace, the workspace, runner temp, home, workflow (event) and file-command
// folders mounted, every input as INPUT_<NAME> (upper-cased, dashes kept) holding its default unless `with:`
// sets it, GITHUB_* and RUNNER_* variables with container paths, on the job network, as root, with the
// runner's folders owned by the runner user. Values are passed as `-e NAME` from the client's environment,
// as the runner does, so they never appear on a command line.
func (j *Job) Run(ctx context.Context, s Step) (Result, error) {
	meta, err := action.LoadMetadata(s.Action)
	if err != nil {
		return Result{}, err
	}
	temp, err := j.Dir("runner-" + s.Action)
	if err != nil {
		return Result{}, err
	}
	dirs := map[string]string{}
	for _, d := range []string{"_github_home", "_github_workflow", "_runner_file_commands"} {
		dirs[d] = filepath.Join(temp, d)
		if err := os.MkdirAll(dirs[d], 0o755); err != nil {
			return Result{}, err
		}
	}
	guid := randomHex(16)
	files := map[string]string{}
	for _, f := range []string{"set_output", "step_summary", "set_env", "add_path", "save_state"} {
		files[f] = f + "_" + guid
		if err := os.WriteFile(filepath.Join(dirs["_runner_file_commands"], files[f]), nil, 0o644); err != nil {
			return Result{}, err
		}
	}
	event := s.Event
	if len(event) == 0 {
		event = []byte("{}")
	}
	if err := os.WriteFile(filepath.Join(dirs["_github_workflow"], "event.json"), event, 0o644); err != nil {
		return Result{}, err
	}
	if err := ChownTree(temp, RunnerUID); err != nil {
		return Result{}, err
	}

	env := map[string]string{
		"HOME": "/github/home", "CI": "true", "GITHUB_ACTIONS": "true",
		"GITHUB_WORKSPACE": "/github/workspace", "GITHUB_EVENT_PATH": "/github/workflow/event.json",
		"GITHUB_EVENT_NAME": s.EventName,
		"GITHUB_OUTPUT":     "/github/file_commands/" + files["set_output"], "GITHUB_STEP_SUMMARY": "/github/file_commands/" + files["step_summary"],
		"GITHUB_ENV": "/github/file_commands/" + files["set_env"], "GITHUB_PATH": "/github/file_commands/" + files["add_path"],
		"GITHUB_STATE":      "/github/file_commands/" + files["save_state"],
		"GITHUB_REPOSITORY": "rose/container-test", "GITHUB_REPOSITORY_OWNER": "rose", "GITHUB_REPOSITORY_ID": "1",
		"GITHUB_SHA": strings.Repeat("0", 40), "GITHUB_REF": "refs/heads/main", "GITHUB_REF_NAME": "main", "GITHUB_REF_TYPE": "branch",
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_API_URL": "https://api.github.com", "GITHUB_GRAPHQL_URL": "https://api.github.com/graphql",
		"GITHUB_ACTOR": "rose-bot", "GITHUB_TRIGGERING_ACTOR": "rose-bot", "GITHUB_WORKFLOW": "container-test", "GITHUB_JOB": "container-test",
		"GITHUB_RUN_ID": "1", "GITHUB_RUN_NUMBER": "1", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_ACTION": "__rose_actions_" + strings.ReplaceAll(s.Action, "-", "_"),
		"GITHUB_RETENTION_DAYS": "90",
		"RUNNER_OS":             "Linux", "RUNNER_ARCH": "X64", "RUNNER_NAME": "container-test", "RUNNER_ENVIRONMENT": "github-hosted",
		"RUNNER_TEMP": "/github/runner_temp", "RUNNER_TOOL_CACHE": "/opt/hostedtoolcache", "RUNNER_WORKSPACE": "/home/runner/work/container-test",
	}
	for k, v := range s.GitHub {
		env[k] = v
	}
	for k, v := range s.Env {
		env[k] = v
	}
	for name, in := range meta.Inputs {
		v := ""
		if in.Default != nil && !strings.Contains(*in.Default, "${{") {
			v = *in.Default
		}
		if w, ok := s.With[name]; ok {
			v = w
		}
		env[actiontest.InputEnv(name)] = v
	}
	for name := range s.With {
		if _, ok := meta.Inputs[name]; !ok {
			return Result{}, fmt.Errorf("%s has no input %q", s.Action, name)
		}
	}

	network := j.Network
	if s.Network != "" {
		network = s.Network
	}
	args := []string{"run", "--name", "rose-actions-ct_" + randomHex(8), "--label", Label,
		"--workdir", "/github/workspace", "--rm", "--network", network}
	names := make([]string, 0, len(env))
	for k := range env {
		names = append(names, k)
	}
	sort.Strings(names)
	cmdEnv := os.Environ()
	for _, k := range names {
		args = append(args, "-e", k)
		cmdEnv = append(cmdEnv, k+"="+env[k])
	}
	args = append(args,
		"-v", temp+":/github/runner_temp",
		"-v", dirs["_github_home"]+":/github/home",
		"-v", dirs["_github_workflow"]+":/github/workflow",
		"-v", dirs["_runner_file_commands"]+":/github/file_commands",
		"-v", s.Workspace+":/github/workspace")
	if j.Socket != "" {
		args = append(args, "-v", j.Socket+":/var/run/docker.sock")
	}
	for _, m := range s.Mounts {
		args = append(args, "-v", m)
	}
	args = append(args, j.Image)
	args = append(args, meta.Runs.Args...)

	var log bytes.Buffer
	cmd := exec.CommandContext(ctx, j.Docker.Cmd, args...) //nolint:gosec // the docker client named by -docker, with this program's arguments
	cmd.Env = cmdEnv
	cmd.Stdout, cmd.Stderr = &log, &log
	res := Result{}
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		res.Code = ee.ExitCode()
	case err != nil:
		return res, fmt.Errorf("docker run %s: %w", s.Action, err)
	}
	res.Log = dropEngineWarnings(log.String())
	out, err := os.ReadFile(filepath.Join(dirs["_runner_file_commands"], files["set_output"]))
	if err != nil {
		return res, err
	}
	res.OutputsRaw = string(out)
	if res.Outputs, err = actiontest.ParseOutputs(res.OutputsRaw); err != nil {
		return res, fmt.Errorf("%s wrote a malformed output file: %w", s.Action, err)
	}
	sum, err := os.ReadFile(filepath.Join(dirs["_runner_file_commands"], files["step_summary"]))
	res.Summary = string(sum)
	return res, err
}

// dropEngineWarnings removes the engine's own warning about IP forwarding, which a sandboxed engine
// (--ip-forward=false) prints on every run and which says nothing about the action.
func dropEngineWarnings(log string) string {
	var keep []string
	for _, l := range strings.SplitAfter(log, "\n") {
		if !strings.HasPrefix(l, "WARNING: IPv4 forwarding is disabled") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// ChownTree gives dir and everything in it to uid (and the group of the same number), as the runner's
// folders and the checkout belong to the runner user.
func ChownTree(dir string, uid int) error {
	return filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// Lchown never follows a link, and the tree is one this program made in its own temporary folder.
		return os.Lchown(p, uid, uid) //nolint:gosec // see above
	})
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
