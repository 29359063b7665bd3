package containertest

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	actions "github.com/rose/actions"
	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/railway/railwaytest"
	"github.com/rose/actions/pkg/secrets/secretstest"
)

// Cases lists the container tests, in the order they run. To add one: a name that says what it shows, and a
// function that prepares a workspace (h.Workspace, newRepo), runs steps with c.Step, and checks their exit
// code, outputs, summary and files with c's methods.
func Cases() []Case {
	return []Case{
		{"image: the final stage holds the programs, CA bundle and /tmp", imageContents},
		{"every action: a bad input exits 2 naming the input", badInputs},
		{"secret-scan: full history finds a removed token", secretScanHistory},
		{"secret-scan: push range scans only the pushed commits", secretScanPush},
		{"secret-scan: pull_request payload scans the pull request's commits", secretScanPullRequest},
		{"changelog: file and output-file in a uid-1001 workspace", changelogFile},
		{"semver-release: dry run computes the next version", semverDryRun},
		{"semver-release: no token exits 2 and says so", semverNoToken},
		{"pr-lint: pull_request payload with a good title", prLintGood},
		{"pr-lint: pull_request payload with a bad title", prLintBad},
		{"health-check: a host server through the job network's gateway", healthGateway},
		{"health-check: localhost explains the container", healthLocalhost},
		{"health-check: the smoke job's default-bridge gateway (docker-gateway.sh)", healthDefaultBridge},
		{"health-check: HTTPS trusted through the image's CA bundle", healthHTTPSImageCA},
		{"health-check: HTTPS with a mounted CA bundle", healthHTTPSMountedCA},
		{"health-check: HTTPS with an unknown CA fails with x509", healthHTTPSUnknownCA},
		{"railway-deploy: deploy to the Railway API test server", railwayDeployOK},
		{"railway-deploy: a failed deploy rolls back", railwayDeployRollback},
	}
}

//go:embed testdata/events/*.json
var events embed.FS

// payload returns the real webhook payload of file with the fields at the dotted paths replaced.
func payload(file string, set map[string]any) ([]byte, error) {
	b, err := events.ReadFile("testdata/events/" + file)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for path, v := range set {
		keys := strings.Split(path, ".")
		obj := m
		for _, k := range keys[:len(keys)-1] {
			next, ok := obj[k].(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: no object at %s", file, path)
			}
			obj = next
		}
		if _, ok := obj[keys[len(keys)-1]]; !ok {
			return nil, fmt.Errorf("%s: no field %s", file, path)
		}
		obj[keys[len(keys)-1]] = v
	}
	return json.Marshal(m)
}

// Workspace makes an empty workspace folder.
func (h *Harness) Workspace(name string) (string, error) { return h.Job.Dir("workspace-" + name) }

// repo is a git repository made with the git CLI on the host (the image has no git: the programs must not
// need one).
type repo struct {
	dir  string
	tick int
}

func newRepo(dir string) (*repo, error) {
	r := &repo{dir: dir}
	_, err := r.git("init", "-q", "-b", "main")
	return r, err
}

func (r *repo) git(args ...string) (string, error) {
	// The workspace belongs to the runner user: git run by root refuses it unless told it is safe.
	cmd := exec.CommandContext(context.Background(), "git", append([]string{"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "safe.directory=*"}, args...)...) //nolint:gosec // the git binary with the cases' own arguments
	cmd.Dir = r.dir
	// A fixed clock and identity: the same commits on every machine.
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.tick) * time.Minute).Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Rose Test", "GIT_AUTHOR_EMAIL=test@rose.invalid",
		"GIT_COMMITTER_NAME=Rose Test", "GIT_COMMITTER_EMAIL=test@rose.invalid",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// commit writes files (a nil content removes the file) and commits them; it returns the commit's SHA.
func (r *repo) commit(msg string, files map[string]*string) (string, error) {
	r.tick++
	for name, content := range files {
		p := filepath.Join(r.dir, name)
		if content == nil {
			if _, err := r.git("rm", "-q", name); err != nil {
				return "", err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(*content), 0o644); err != nil {
			return "", err
		}
		if _, err := r.git("add", name); err != nil {
			return "", err
		}
	}
	if _, err := r.git("commit", "-q", "--allow-empty", "-m", msg); err != nil {
		return "", err
	}
	return r.git("rev-parse", "HEAD")
}

func text(s string) *string { return &s }

// imageContents checks the image's files and configuration against the released image's contract.
func imageContents(_ context.Context, h *Harness, c *Check) error {
	for _, p := range h.Image.Check(h.Expect) {
		c.Errorf("%s", p)
	}
	return nil
}

// badInputs gives each action one invalid value of an input it validates: the program must stop before any
// work, exit 2, and name the input and the value, in the container as on the host.
func badInputs(ctx context.Context, h *Harness, c *Check) error {
	bad := []struct{ action, input, value string }{
		{"changelog", "format", "xml"},
		{"health-check", "max-attempts", "zero"},
		{"pr-lint", "max-title-length", "long"},
		{"railway-deploy", "timeout", "forever"},
		{"secret-scan", "mode", "everything"},
		{"semver-release", "dry-run", "maybe"},
	}
	if len(bad) != len(actions.Names()) {
		c.Errorf("%d bad inputs listed for %d actions: list one for each", len(bad), len(actions.Names()))
	}
	for _, b := range bad {
		ws, err := h.Workspace("bad-input")
		if err != nil {
			return err
		}
		if err := ChownTree(ws, RunnerUID); err != nil {
			return err
		}
		// Required inputs get a value, so that the bad one is what is refused.
		with := map[string]string{b.input: b.value, "url": "http://" + h.Job.Gateway + ":9/", "service": "web"}
		meta, err := action.LoadMetadata(b.action)
		if err != nil {
			return err
		}
		for k := range with {
			if _, ok := meta.Inputs[k]; !ok {
				delete(with, k)
			}
		}
		res, err := c.Step(ctx, h, Step{Action: b.action, Workspace: ws, EventName: "push", With: with})
		if err != nil {
			return err
		}
		if res.Code != 2 {
			c.Errorf("%s with %s=%s: exit %d, want 2", b.action, b.input, b.value, res.Code)
		}
		if !regexp.MustCompile(`(?m)^::error::.*\b` + regexp.QuoteMeta(b.input) + `\b.*"` + regexp.QuoteMeta(b.value) + `"`).MatchString(res.Log) {
			c.Errorf("%s with %s=%s: no ::error naming the input and the value", b.action, b.input, b.value)
		}
		if len(res.Outputs) > 0 {
			c.Errorf("%s wrote outputs after a bad input: %v", b.action, res.Outputs)
		}
	}
	return nil
}

// fakeToken makes a GitHub token that the scanner recognises (its checksum is right), at run time: no
// credential-shaped literal lives in the repository.
func fakeToken(seed uint64) string { return secretstest.NewGen(seed).GitHubToken("ghp_") }

func secretScanHistory(ctx context.Context, h *Harness, c *Check) error {
	ws, err := h.Workspace("secret-history")
	if err != nil {
		return err
	}
	r, err := newRepo(ws)
	if err != nil {
		return err
	}
	token := fakeToken(1)
	for _, step := range []struct {
		msg   string
		files map[string]*string
	}{
		{"docs: readme", map[string]*string{"README.md": text("# demo\n")}},
		{"chore: add config", map[string]*string{"deploy/config.env": text("REGION=eu\nGITHUB_TOKEN=" + token + "\n")}},
		{"chore: remove config", map[string]*string{"deploy/config.env": nil}},
	} {
		if _, err := r.commit(step.msg, step.files); err != nil {
			return err
		}
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return err
	}
	res, err := c.Step(ctx, h, Step{Action: "secret-scan", Workspace: ws, EventName: "workflow_dispatch",
		With: map[string]string{"mode": "history", "report": "reports/secret-scan.json", "sarif": "reports/secret-scan.sarif"}})
	if err != nil {
		return err
	}
	c.Exit(res, 1)
	c.Output(res, "findings", `^1$`)
	c.Output(res, "report", `^reports/secret-scan\.json$`)
	c.Output(res, "sarif", `^reports/secret-scan\.sarif$`)
	c.Log(res, `^::error file=deploy/config\.env,line=2,`)
	c.Summary(res, `deploy/config\.env`)
	c.NotIn(res, "planted token", token)
	for _, f := range []string{"reports", "reports/secret-scan.json", "reports/secret-scan.sarif"} {
		c.Owner(filepath.Join(ws, f), RunnerUID)
	}
	var report struct{ Findings []json.RawMessage }
	if b, err := os.ReadFile(filepath.Join(ws, "reports/secret-scan.json")); err != nil {
		c.Errorf("the report: %v", err)
	} else if err := json.Unmarshal(b, &report); err != nil || len(report.Findings) != 1 {
		c.Errorf("the report holds %d findings (%v); want 1", len(report.Findings), err)
	} else if strings.Contains(string(b), token) {
		c.Errorf("the report shows the planted token")
	}
	return nil
}

func secretScanPush(ctx context.Context, h *Harness, c *Check) error {
	ws, err := h.Workspace("secret-push")
	if err != nil {
		return err
	}
	r, err := newRepo(ws)
	if err != nil {
		return err
	}
	old, pushed := fakeToken(2), fakeToken(3)
	// A token committed before the push is not the push's business; the pushed one is.
	before, err := r.commit("chore: old settings", map[string]*string{"old.env": text("GITHUB_TOKEN=" + old + "\n")})
	if err != nil {
		return err
	}
	if _, err := r.commit("feat: add the service", map[string]*string{"svc/app.env": text("GITHUB_TOKEN=" + pushed + "\n")}); err != nil {
		return err
	}
	after, err := r.commit("docs: notes", map[string]*string{"NOTES.md": text("notes\n")})
	if err != nil {
		return err
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return err
	}
	event, err := payload("push.json", map[string]any{"ref": "refs/heads/main", "before": before, "after": after,
		"created": false, "deleted": false, "base_ref": nil})
	if err != nil {
		return err
	}
	res, err := c.Step(ctx, h, Step{Action: "secret-scan", Workspace: ws, EventName: "push", Event: event,
		GitHub: map[string]string{"GITHUB_SHA": after, "GITHUB_REF": "refs/heads/main"}})
	if err != nil {
		return err
	}
	c.Exit(res, 1)
	c.Output(res, "findings", `^1$`)
	c.Log(res, `^::error file=svc/app\.env,line=1,`)
	if strings.Contains(res.Log, "old.env") {
		c.Errorf("the push scan reports old.env, committed before the push")
	}
	c.Summary(res, `svc/app\.env`)
	c.NotIn(res, "pushed token", pushed)
	c.NotIn(res, "old token", old)
	return nil
}

// secretScanPullRequest scans the commits of a pull request named by the real pull_request payload: the
// base's own token is not reported, the pull request's is.
func secretScanPullRequest(ctx context.Context, h *Harness, c *Check) error {
	ws, err := h.Workspace("secret-pr")
	if err != nil {
		return err
	}
	r, err := newRepo(ws)
	if err != nil {
		return err
	}
	onBase, inPR := fakeToken(4), fakeToken(5)
	base, err := r.commit("chore: base settings", map[string]*string{"base.env": text("GITHUB_TOKEN=" + onBase + "\n")})
	if err != nil {
		return err
	}
	if _, err := r.git("checkout", "-q", "-b", "feature/settings"); err != nil {
		return err
	}
	if _, err := r.commit("feat: settings", map[string]*string{"conf/settings.py": text("TOKEN = '" + inPR + "'\n")}); err != nil {
		return err
	}
	head, err := r.commit("docs: settings", map[string]*string{"conf/README.md": text("settings\n")})
	if err != nil {
		return err
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return err
	}
	event, err := payload("pull_request.opened.json", map[string]any{
		"pull_request.head.ref": "feature/settings", "pull_request.head.sha": head,
		"pull_request.base.ref": "main", "pull_request.base.sha": base, "pull_request.commits": 2,
	})
	if err != nil {
		return err
	}
	res, err := c.Step(ctx, h, Step{Action: "secret-scan", Workspace: ws, EventName: "pull_request", Event: event,
		With:   map[string]string{"token": ""},
		GitHub: map[string]string{"GITHUB_REF": "refs/pull/2/merge", "GITHUB_SHA": head, "GITHUB_HEAD_REF": "feature/settings", "GITHUB_BASE_REF": "main"}})
	if err != nil {
		return err
	}
	c.Exit(res, 1)
	c.Output(res, "findings", `^1$`)
	c.Log(res, `^::error file=conf/settings\.py,line=1,`)
	if strings.Contains(res.Log, "base.env") {
		c.Errorf("the pull request scan reports base.env, which is on the base")
	}
	c.NotIn(res, "pull request's token", inPR)
	c.NotIn(res, "base's token", onBase)
	return nil
}

func changelogFile(ctx context.Context, h *Harness, c *Check) error {
	ws, err := h.Workspace("changelog")
	if err != nil {
		return err
	}
	r, err := newRepo(ws)
	if err != nil {
		return err
	}
	if _, err := r.commit("feat: first release", map[string]*string{"CHANGELOG.md": text("# Changelog\n\n## 1.0.0\n\n- first release\n")}); err != nil {
		return err
	}
	if _, err := r.git("tag", "v1.0.0"); err != nil {
		return err
	}
	if _, err := r.commit("feat(api): add the health endpoint", map[string]*string{"api.txt": text("health\n")}); err != nil {
		return err
	}
	if _, err := r.commit("fix: trim the greeting", map[string]*string{"greet.txt": text("hi\n")}); err != nil {
		return err
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return err
	}
	res, err := c.Step(ctx, h, Step{Action: "changelog", Workspace: ws, EventName: "push",
		With: map[string]string{"version": "1.1.0", "file": "CHANGELOG.md", "output-file": "notes/1.1.0.md"}})
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "commits", `^2$`)
	c.Output(res, "changelog", `(?s)Features.*add the health endpoint.*Bug Fixes.*trim the greeting`)
	c.Summary(res, `add the health endpoint`)
	b, err := os.ReadFile(filepath.Join(ws, "CHANGELOG.md"))
	if err != nil {
		c.Errorf("CHANGELOG.md: %v", err)
	} else if s := string(b); !regexp.MustCompile(`(?s)^# Changelog\n\n## \[?1\.1\.0\b.*add the health endpoint.*\n## 1\.0\.0\n`).MatchString(s) {
		c.Errorf("CHANGELOG.md does not have the 1.1.0 section above 1.0.0:\n%s", s)
	}
	if b, err := os.ReadFile(filepath.Join(ws, "notes/1.1.0.md")); err != nil || !strings.Contains(string(b), "trim the greeting") {
		c.Errorf("notes/1.1.0.md: %v %q", err, b)
	}
	for _, f := range []string{"CHANGELOG.md", "notes", "notes/1.1.0.md"} {
		c.Owner(filepath.Join(ws, f), RunnerUID)
	}
	return nil
}

// releaseRepo makes a repository released as v1.2.0 with a feature after it.
func releaseRepo(h *Harness, name string) (string, error) {
	ws, err := h.Workspace(name)
	if err != nil {
		return "", err
	}
	r, err := newRepo(ws)
	if err != nil {
		return "", err
	}
	if _, err := r.commit("feat: the service", map[string]*string{"app.txt": text("v1\n")}); err != nil {
		return "", err
	}
	if _, err := r.git("tag", "-a", "-m", "v1.2.0", "v1.2.0"); err != nil {
		return "", err
	}
	if _, err := r.commit("feat(cli): add the export command", map[string]*string{"cli.txt": text("export\n")}); err != nil {
		return "", err
	}
	return ws, ChownTree(ws, RunnerUID)
}

func semverDryRun(ctx context.Context, h *Harness, c *Check) error {
	ws, err := releaseRepo(h, "semver-dry-run")
	if err != nil {
		return err
	}
	res, err := c.Step(ctx, h, Step{Action: "semver-release", Workspace: ws, EventName: "push",
		With: map[string]string{"dry-run": "true"}})
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "version", `^1\.3\.0$`)
	c.Output(res, "previous-version", `^1\.2\.0$`)
	c.Output(res, "tag", `^v1\.3\.0$`)
	c.Output(res, "bump", `^minor$`)
	c.Output(res, "released", `^false$`)
	c.Output(res, "changelog", `add the export command`)
	c.Summary(res, `1\.3\.0`)
	return nil
}

func semverNoToken(ctx context.Context, h *Harness, c *Check) error {
	ws, err := releaseRepo(h, "semver-no-token")
	if err != nil {
		return err
	}
	res, err := c.Step(ctx, h, Step{Action: "semver-release", Workspace: ws, EventName: "push",
		With: map[string]string{"token": ""}})
	if err != nil {
		return err
	}
	c.Exit(res, 2)
	c.Log(res, `^::error.*token`)
	c.NoOutput(res, "released")
	if out, err := (&repo{dir: ws}).git("tag", "--list", "v1.3.0"); err != nil || out != "" {
		c.Errorf("a tag was created without a token: %q %v", out, err)
	}
	return nil
}

// prLint runs pr-lint on the real pull_request payload, retitled, with the head and base of a repository:
// a branch that adds a file to main.
func prLint(ctx context.Context, h *Harness, c *Check, title, branch string) (Result, error) {
	ws, err := h.Workspace("pr-lint")
	if err != nil {
		return Result{}, err
	}
	r, err := newRepo(ws)
	if err != nil {
		return Result{}, err
	}
	base, err := r.commit("chore: init", map[string]*string{"README.md": text("# demo\n"), "LICENSE": text("MIT\n")})
	if err != nil {
		return Result{}, err
	}
	if _, err := r.git("checkout", "-q", "-b", branch); err != nil {
		return Result{}, err
	}
	head, err := r.commit(title, map[string]*string{"README.md": text("# demo\n\nMore information.\n")})
	if err != nil {
		return Result{}, err
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return Result{}, err
	}
	event, err := payload("pull_request.opened.json", map[string]any{
		"pull_request.title": title, "pull_request.head.ref": branch, "pull_request.head.sha": head,
		"pull_request.base.ref": "main", "pull_request.base.sha": base, "pull_request.commits": 1,
	})
	if err != nil {
		return Result{}, err
	}
	return c.Step(ctx, h, Step{Action: "pr-lint", Workspace: ws, EventName: "pull_request", Event: event,
		With:   map[string]string{"token": "", "comment": "false"},
		GitHub: map[string]string{"GITHUB_REF": "refs/pull/2/merge", "GITHUB_SHA": head, "GITHUB_HEAD_REF": branch, "GITHUB_BASE_REF": "main"}})
}

func prLintGood(ctx context.Context, h *Harness, c *Check) error {
	res, err := prLint(ctx, h, c, "feat(readme): explain the service", "feature/readme")
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "type", `^feat$`)
	c.Output(res, "scope", `^readme$`)
	c.Output(res, "subject", `^explain the service$`)
	c.Output(res, "problems", `^0$`)
	c.Summary(res, `\| Title \|\s*✅`)
	return nil
}

func prLintBad(ctx context.Context, h *Harness, c *Check) error {
	// The payload's own title and branch: not a Conventional Commits header, not a convention branch.
	res, err := prLint(ctx, h, c, "Update the README with new information.", "changes")
	if err != nil {
		return err
	}
	c.Exit(res, 1)
	c.Output(res, "type", `^$`)
	c.Output(res, "problems", `^[1-9]`)
	c.Log(res, `^::error title=pr-lint%3A Title::.*not a Conventional Commits header`)
	c.Log(res, `^::error title=pr-lint%3A Branch name::branch "changes" does not match`)
	c.Summary(res, `\| Title \|\s*❌`)
	return nil
}

// healthCheck runs health-check on url with a few quick attempts.
func healthCheck(ctx context.Context, h *Harness, c *Check, url string, mounts ...string) (Result, error) {
	ws, err := h.Workspace("health-check")
	if err != nil {
		return Result{}, err
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return Result{}, err
	}
	return c.Step(ctx, h, Step{Action: "health-check", Workspace: ws, EventName: "push", Mounts: mounts,
		With: map[string]string{"url": url, "expected-status": "200", "max-attempts": "2", "retry-delay": "1s", "timeout": "5s", "max-time": "30s"}})
}

func healthGateway(ctx context.Context, h *Harness, c *Check) error {
	res, err := healthCheck(ctx, h, c, h.Servers.HTTP+"/healthz")
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "healthy", `^true$`)
	c.Output(res, "attempts", `^1$`)
	c.Output(res, "http-status", `^200$`)
	c.Output(res, "response-time-ms", `^[0-9]+$`)
	c.Summary(res, h.Job.Gateway)
	return nil
}

// healthDefaultBridge does what ci-cd.yml's smoke job does: find the default bridge's gateway with
// scripts/docker-gateway.sh (a fresh engine reports none: the script must fall back to the interface's
// address and say so), serve on it, and check the server from an action on the default bridge.
func healthDefaultBridge(ctx context.Context, h *Harness, c *Check) error {
	d := h.Job.Docker
	reported, err := d.Run(ctx, "network", "inspect", "bridge", "--format", "{{range .IPAM.Config}}{{.Gateway}}{{end}}")
	if err != nil {
		return err
	}
	iface, err := d.Run(ctx, "network", "inspect", "bridge", "--format", `{{index .Options "com.docker.network.bridge.name"}}`)
	if err != nil {
		return err
	}
	want, err := interfaceIPv4(iface)
	if err != nil {
		return err
	}
	var stdout, stderr strings.Builder
	cmd := exec.CommandContext(ctx, "bash", "scripts/docker-gateway.sh", "bridge")
	cmd.Env = append(os.Environ(), "DOCKER="+d.Cmd, "GITHUB_ACTIONS=true")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("scripts/docker-gateway.sh: %w: %s", err, stderr.String())
	}
	got := strings.TrimSpace(stdout.String())
	c.Notef("the bridge reports gateway %q; docker-gateway.sh printed %q and said %q", reported, got, strings.TrimSpace(stderr.String()))
	if got != want {
		c.Errorf("scripts/docker-gateway.sh printed %q; the bridge interface %s has %s", got, iface, want)
	}
	if reported == "" && !strings.Contains(stderr.String(), "::notice::the Docker network bridge reports no gateway") {
		c.Errorf("the bridge reports no gateway and the script does not say so: %q", stderr.String())
	}
	url, stop, err := h.Servers.ServeHealth(want)
	if err != nil {
		return err
	}
	defer stop()
	ws, err := h.Workspace("health-bridge")
	if err != nil {
		return err
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return err
	}
	res, err := c.Step(ctx, h, Step{Action: "health-check", Workspace: ws, EventName: "push", Network: "bridge",
		With: map[string]string{"url": url + "/healthz", "expected-body": "^ok", "max-attempts": "2", "retry-delay": "1s", "timeout": "5s"}})
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "healthy", `^true$`)
	return nil
}

// interfaceIPv4 returns the first IPv4 address of a network interface of this machine.
func interfaceIPv4(name string) (string, error) {
	ifc, err := net.InterfaceByName(name)
	if err != nil {
		return "", fmt.Errorf("the bridge interface %q: %w", name, err)
	}
	addrs, err := ifc.Addrs()
	if err != nil {
		return "", err
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil {
			return n.IP.String(), nil
		}
	}
	return "", fmt.Errorf("the bridge interface %s has no IPv4 address", name)
}

func healthLocalhost(ctx context.Context, h *Harness, c *Check) error {
	res, err := healthCheck(ctx, h, c, "http://localhost:8080/healthz")
	if err != nil {
		return err
	}
	c.Exit(res, 1)
	c.Output(res, "healthy", `^false$`)
	c.Log(res, `localhost is the action's own container, not the runner`)
	c.Summary(res, `localhost is the action's own container`)
	return nil
}

// healthHTTPSImageCA reaches a server whose CA is in the image's bundle: it fails when the programs do not
// read /etc/ssl/certs/ca-certificates.crt, or the image lacks it.
func healthHTTPSImageCA(ctx context.Context, h *Harness, c *Check) error {
	res, err := healthCheck(ctx, h, c, h.Servers.HTTPSImageCA+"/healthz")
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "healthy", `^true$`)
	c.Output(res, "http-status", `^200$`)
	return nil
}

// healthHTTPSMountedCA replaces the image's bundle with one that holds the server's CA, as a self-hosted
// runner with a private CA would.
func healthHTTPSMountedCA(ctx context.Context, h *Harness, c *Check) error {
	res, err := healthCheck(ctx, h, c, h.Servers.HTTPSMountedCA+"/healthz", h.Servers.CAFile+":"+CABundle+":ro")
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "healthy", `^true$`)
	c.Output(res, "http-status", `^200$`)
	return nil
}

// healthHTTPSUnknownCA reaches the server of the mounted CA without mounting it.
func healthHTTPSUnknownCA(ctx context.Context, h *Harness, c *Check) error {
	res, err := healthCheck(ctx, h, c, h.Servers.HTTPSMountedCA+"/healthz")
	if err != nil {
		return err
	}
	c.Exit(res, 1)
	c.Output(res, "healthy", `^false$`)
	c.Log(res, `x509: certificate signed by unknown authority`)
	c.Summary(res, `certificate signed by unknown authority`)
	return nil
}

// railwayDeploy deploys the workspace's folder to a fresh Railway API test server whose next deployment
// follows script, and returns the server for its records.
func railwayDeploy(ctx context.Context, h *Harness, c *Check, script railwaytest.Script) (Result, *railwaytest.Server, string, error) {
	srv, url, err := h.Servers.NewRailway()
	if err != nil {
		return Result{}, nil, "", err
	}
	srv.Lock()
	srv.NextScripts = []railwaytest.Script{script}
	srv.RollbackScript = railwaytest.Script{{Status: "DEPLOYING"}, {Status: "SUCCESS", After: 2 * time.Second}}
	token := srv.ProjectToken
	srv.Unlock()
	ws, err := h.Workspace("railway-deploy")
	if err != nil {
		return Result{}, nil, "", err
	}
	for name, content := range map[string]string{"main.py": "print('rose')\n", "requirements.txt": "fastapi\n"} {
		if err := os.WriteFile(filepath.Join(ws, name), []byte(content), 0o644); err != nil {
			return Result{}, nil, "", err
		}
	}
	if err := ChownTree(ws, RunnerUID); err != nil {
		return Result{}, nil, "", err
	}
	res, err := c.Step(ctx, h, Step{Action: "railway-deploy", Workspace: ws, EventName: "push",
		Env:  map[string]string{"RAILWAY_TOKEN": token},
		With: map[string]string{"service": "rose-production", "api-url": url, "poll-interval": "1s", "timeout": "1m"}})
	if err == nil {
		c.NotIn(res, "Railway token", token)
		srv.Lock()
		if rej := slices.IndexFunc(srv.Requests, func(r railwaytest.Request) bool { return r.Rejected != "" }); rej >= 0 {
			c.Errorf("the Railway server rejected request %s: %s", srv.Requests[rej].Op, srv.Requests[rej].Rejected)
		}
		if len(srv.Uploads) != 1 || srv.Uploads[0].Entries["./main.py"] != "print('rose')\n" {
			var names [][]string
			for _, u := range srv.Uploads {
				names = append(names, u.Names)
			}
			c.Errorf("the server received uploads of %q; want one holding main.py", names)
		}
		srv.Unlock()
	}
	return res, srv, token, err
}

func railwayDeployOK(ctx context.Context, h *Harness, c *Check) error {
	res, srv, _, err := railwayDeploy(ctx, h, c, railwaytest.Script{{Status: "BUILDING"}, {Status: "DEPLOYING", After: time.Second}, {Status: "SUCCESS", After: 2 * time.Second}})
	if err != nil {
		return err
	}
	c.Exit(res, 0)
	c.Output(res, "status", `^SUCCESS$`)
	c.Output(res, "deployment-id", `^dep-1$`)
	c.Output(res, "previous-deployment-id", `^dep-prev$`)
	c.Output(res, "rolled-back", `^false$`)
	c.Summary(res, `SUCCESS`)
	srv.Lock()
	defer srv.Unlock()
	if len(srv.Rollbacks) > 0 {
		c.Errorf("a successful deploy rolled back to %v", srv.Rollbacks)
	}
	return nil
}

func railwayDeployRollback(ctx context.Context, h *Harness, c *Check) error {
	res, srv, _, err := railwayDeploy(ctx, h, c, railwaytest.Script{{Status: "BUILDING"}, {Status: "FAILED", After: 2 * time.Second}})
	if err != nil {
		return err
	}
	c.Exit(res, 1)
	c.Output(res, "status", `^FAILED$`)
	c.Output(res, "deployment-id", `^dep-1$`)
	c.Output(res, "previous-deployment-id", `^dep-prev$`)
	c.Output(res, "rolled-back", `^true$`)
	c.Log(res, `rolling back to deployment dep-prev`)
	c.Summary(res, `rolled back`)
	srv.Lock()
	defer srv.Unlock()
	if !slices.Equal(srv.Rollbacks, []string{"dep-prev"}) {
		c.Errorf("rollbacks %v; want [dep-prev]", srv.Rollbacks)
	}
	return nil
}
