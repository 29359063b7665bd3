package main

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/deploy"
	"github.com/rose/actions/pkg/probe"
	"github.com/rose/actions/pkg/railway"
)

// config is the validated inputs.
type config struct {
	token       railway.Token
	project     string
	environment string
	service     string
	apiURL      string
	opts        deploy.Options
	// validateOnly checks the config-as-code file and stops (input validate-only).
	validateOnly bool
	// rollbackTo restores this deployment instead of deploying (input rollback-to).
	rollbackTo string
	// configFile is the config-as-code file named by input config-file ("" to look in configDir).
	configFile, configInput string
	// configDir is the service's folder (input path), where Railway looks for railway.json or railway.toml.
	configDir string
}

var (
	shaRE          = regexp.MustCompile(`^[0-9a-fA-F]{7,40}$`)
	deploymentIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,63}$`)
)

// noToken explains what a deploy needs when no token is given.
const noToken = "railway-deploy needs a Railway token to deploy, and none was given. Either:\n" +
	"  - a project token (Railway: project → Settings → Tokens, for one environment): input `token` or env RAILWAY_TOKEN;\n" +
	"    project and environment then come from the token;\n" +
	"  - or an account or workspace token (Railway: Account Settings → Tokens): input `api-token` or env RAILWAY_API_TOKEN,\n" +
	"    with input `project` (the project id) and `environment` (name or id).\n" +
	"In a workflow, keep it in a secret: `env: RAILWAY_TOKEN: ${{ secrets.RAILWAY_TOKEN }}`. Locally: `RAILWAY_TOKEN=... railway-deploy`."

// parseInputs reads and validates every input before any work starts; tokens are masked at once.
func parseInputs(rt *action.Runtime) (config, error) {
	in := rt.Inputs()
	var c config
	projectToken := in.Secret("token", "RAILWAY_TOKEN")
	apiToken := in.Secret("api-token", "RAILWAY_API_TOKEN")
	c.project = in.String("project")
	c.environment = in.String("environment")
	c.service = in.Required("service")
	o := &c.opts
	o.Mode = in.Enum("mode", deploy.ModeUp, deploy.ModeCommit)
	o.CommitSHA = in.String("commit-sha")
	path := in.String("path")
	resolved := in.Path("path")
	o.Message = in.String("message")
	o.Wait = in.Bool("wait")
	o.Timeout = in.PositiveDuration("timeout")
	o.PollInterval = in.PositiveDuration("poll-interval")
	o.HealthURL = in.String("health-url")
	o.Rollback = in.Bool("rollback")
	c.apiURL = in.String("api-url")
	pathAsRoot := in.Bool("path-as-root")
	c.validateOnly = in.Bool("validate-only")
	c.rollbackTo = in.String("rollback-to")
	c.configInput = in.String("config-file")
	c.configFile = in.Path("config-file")

	c.configDir = resolved
	if path == "" || c.configDir == "" {
		c.configDir = rt.Workspace()
	}
	if c.rollbackTo != "" && !deploymentIDRE.MatchString(c.rollbackTo) {
		in.Invalid("rollback-to", c.rollbackTo, "a Railway deployment id, such as the previous-deployment-id output of the deploy step")
	}
	if c.rollbackTo != "" && c.validateOnly {
		in.Invalid("rollback-to", c.rollbackTo, "empty when validate-only is true (validate-only talks to no API)")
	}
	if c.configFile != "" {
		if st, err := os.Stat(c.configFile); err != nil || !st.Mode().IsRegular() {
			in.Invalid("config-file", c.configInput, "an existing railway.json or railway.toml file inside the workspace")
		} else if ext := strings.ToLower(filepath.Ext(c.configFile)); ext != ".json" && ext != ".toml" {
			in.Invalid("config-file", c.configInput, "a .json or .toml file (Railway's config as code)")
		}
	}

	if o.CommitSHA == "" {
		o.CommitSHA = rt.SHA()
	}
	if o.CommitSHA != "" && !shaRE.MatchString(o.CommitSHA) {
		in.Invalid("commit-sha", o.CommitSHA, "a commit SHA of 7 to 40 hexadecimal digits")
	}
	if o.Mode == deploy.ModeUp && !c.validateOnly && c.rollbackTo == "" {
		o.Path = resolved
		if path == "" {
			o.Path = rt.Workspace()
		}
		o.Archive = railway.ArchiveOptions{Root: rt.Workspace(), GlobalExcludes: railway.GlobalExcludesFile(rt.Getenv)}
		if !pathAsRoot && o.Path != "" {
			// Like `railway up <path>` run at the workspace: entries keep the folder's place in the
			// repository, for a Railway service whose root directory is that folder.
			o.Archive.Prefix = rel(rt, o.Path)
		}
		if st, err := os.Stat(o.Path); o.Path != "" && (err != nil || !st.IsDir()) {
			in.Invalid("path", path, "a folder inside the workspace to upload (mode: up)")
		}
	}
	if o.HealthURL != "" {
		u, err := url.Parse(o.HealthURL)
		shown := o.HealthURL
		if err == nil {
			rt.MaskURL(o.HealthURL) // its password and credential-shaped query values (?token=, ?key=)
			shown = u.Redacted()
		}
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			in.Invalid("health-url", shown, "an absolute http:// or https:// URL")
		}
	}
	rt.MaskURL(c.apiURL)
	if u, err := url.Parse(c.apiURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		in.Invalid("api-url", c.apiURL, "the URL of Railway's GraphQL endpoint, such as "+railway.DefaultEndpoint)
	}
	if err := in.Err(); err != nil {
		return c, err
	}
	if o.Message == "" && o.CommitSHA != "" {
		owner, repo := rt.Repo()
		o.Message = fmt.Sprintf("GitHub Actions: %s/%s@%s", owner, repo, o.CommitSHA[:min(7, len(o.CommitSHA))])
		if owner == "" {
			o.Message = "GitHub Actions: " + o.CommitSHA[:min(7, len(o.CommitSHA))]
		}
	}
	switch {
	case c.validateOnly:
		// No Railway call: a pull request (even from a fork, without secrets) can validate.
	case projectToken != "":
		c.token = railway.Token{Kind: railway.ProjectToken, Value: projectToken}
		if apiToken != "" {
			rt.Infof("both a project token and an account token were given: using the project token")
		}
	case apiToken != "":
		c.token = railway.Token{Kind: railway.AccountToken, Value: apiToken}
	default:
		return c, action.Usagef("%s", noToken)
	}
	return c, nil
}

// sleep is the sleeper of the Railway client, the deployer and the health probe; nil means real time.
var sleep func(ctx context.Context, d time.Duration) error

func run(ctx context.Context, rt *action.Runtime) error {
	c, err := parseInputs(rt)
	if err != nil {
		return err
	}
	if c.validateOnly {
		files, err := checkConfig(rt, c, c.environment)
		if err != nil {
			return err
		}
		return rt.SetOutput("config-file", strings.Join(files, "\n"))
	}
	client := railway.New(c.apiURL, c.token, rt.HTTPClient())
	upload := *rt.HTTPClient()
	upload.Timeout = 10 * time.Minute // a large tarball on a slow runner
	client.UploadHTTP = &upload
	client.Jitter = rand.Float64
	logf := safeLogf(rt)
	client.Logf = logf
	client.Source = source(rt)
	if sleep != nil {
		client.Sleep = sleep
	}

	rt.Infof("using a Railway %s on %s", c.token.Kind, c.apiURL)
	target, err := deploy.Resolve(ctx, client, c.token.Kind, c.project, c.environment, c.service)
	if err != nil {
		return classify(err)
	}
	c.opts.Target = target
	if c.rollbackTo != "" {
		return restore(ctx, rt, c, client, logf)
	}
	files, err := checkConfig(rt, c, target.EnvironmentName)
	if err != nil {
		return err
	}
	if err := rt.SetOutput("config-file", strings.Join(files, "\n")); err != nil {
		return err
	}
	logf("deploying %s (%s) to %s of project %s, mode %s", target.ServiceName, target.ServiceID, target.EnvironmentName, target.ProjectName, c.opts.Mode)

	res, runErr := newDeployer(rt, c, client, logf).Run(ctx, c.opts)
	if err := report(rt, res); err != nil {
		return err
	}
	if runErr != nil {
		return classify(runErr)
	}
	if res.Failed() {
		msg := res.Failure
		if res.RollbackNote != "" {
			msg += "; " + res.RollbackNote
		}
		return action.Failf("%s", msg)
	}
	switch {
	case res.Skipped:
		rt.Annotate(action.Annotation{Level: action.LevelNotice, Title: "Railway skipped the deployment", Message: res.Notice})
	case c.opts.Wait:
		logf("deployed %s in %s: %s", res.DeploymentID, res.Duration.Round(time.Second), orDash(res.URL))
	default:
		logf("deployment %s started (%s); not waiting (input wait: false)", res.DeploymentID, res.Status)
	}
	return nil
}

func newDeployer(rt *action.Runtime, c config, client *railway.Client, logf func(string, ...any)) *deploy.Deployer {
	return &deploy.Deployer{
		API:   client,
		Now:   rt.Now,
		Sleep: sleep,
		Logf:  logf,
		Warnf: rt.Warningf,
		Group: fencedGroup(rt),
		Prober: probe.Prober{
			Client: probe.NewClientFrom(rt.HTTPClient().Transport, true, false),
			Now:    rt.Now, Sleep: sleep, Jitter: rand.Float64, Logf: logf,
		},
		Health: probe.Config{MaxAttempts: 10, RetryDelay: c.opts.PollInterval, Timeout: 10 * time.Second,
			MaxTime: c.opts.Timeout, InContainer: !rt.Local()},
	}
}

// report sets the outputs and writes the summary of a run that reached Railway.
func report(rt *action.Runtime, res deploy.Result) error {
	if res.DeploymentID == "" && res.PreviousID == "" {
		return nil
	}
	outs := [][2]string{
		{"deployment-id", res.DeploymentID},
		{"status", res.Status},
		{"url", res.URL},
		{"previous-deployment-id", res.PreviousID},
		{"rolled-back", fmt.Sprint(res.RolledBack)},
	}
	for _, o := range outs {
		if err := rt.SetOutput(o[0], o[1]); err != nil {
			return err
		}
	}
	if res.DeploymentID != "" {
		if err := rt.AddSummary(deploy.Summary(res)); err != nil {
			rt.Warningf("could not write the job summary: %v", err)
		}
	}
	return nil
}

// restore is the rollback mode (input rollback-to): no deploy; the given deployment is restored.
func restore(ctx context.Context, rt *action.Runtime, c config, client *railway.Client, logf func(string, ...any)) error {
	logf("rollback mode: restoring deployment %s of %s in %s", c.rollbackTo, c.opts.Target.ServiceName, c.opts.Target.EnvironmentName)
	res, err := newDeployer(rt, c, client, logf).RollbackTo(ctx, c.opts, c.rollbackTo)
	if rerr := report(rt, res); rerr != nil {
		return rerr
	}
	if err != nil {
		return classify(err)
	}
	if res.Failed() {
		return action.Failf("%s", res.Failure)
	}
	logf("%s", res.RollbackNote)
	return nil
}

// checkConfig validates the service's config-as-code files (input config-file, else railway.json and
// railway.toml in the service's folder) against Railway's schema, and their healthcheck path for env
// against health-url's path. Each problem is an error annotation on its file and line; any problem is bad
// input (exit 2), so an invalid config fails the pull request that brings it, not the deploy. It returns the
// files checked, relative to the workspace.
func checkConfig(rt *action.Runtime, c config, env string) ([]string, error) {
	var paths []string
	if c.configFile != "" {
		paths = []string{c.configFile}
	} else {
		for _, name := range railway.ConfigFiles {
			p := filepath.Join(c.configDir, name)
			if _, err := os.Lstat(p); err == nil {
				paths = append(paths, p)
			}
		}
	}
	if len(paths) == 0 {
		rt.Infof("no railway.json or railway.toml in %s: no config as code to validate (Railway uses the service's dashboard settings)", rel(rt, c.configDir))
		return nil, nil
	}
	var shown []string
	problems := 0
	for _, p := range paths {
		name := rel(rt, p)
		shown = append(shown, name)
		data, err := rt.ReadFile(p)
		if err != nil {
			return shown, action.Usagef("config file %s: %v (a regular file inside the workspace is needed)", name, err)
		}
		cfg, err := railway.ValidateConfig(name, data)
		var cerr *railway.ConfigError
		if errors.As(err, &cerr) {
			for _, pr := range cerr.Problems {
				msg := pr.Message
				if pr.Key != "" {
					msg = pr.Key + ": " + msg
				}
				rt.Annotate(action.Annotation{Level: action.LevelError, File: name, Line: pr.Line, Title: "Railway config as code", Message: msg})
			}
			problems += len(cerr.Problems)
			continue
		}
		if c.opts.HealthURL == "" {
			rt.Infof("%s is valid against Railway's config-as-code schema", name)
			continue
		}
		hp := cfg.HealthPathFor(env)
		u, _ := url.Parse(c.opts.HealthURL)
		checked := u.EscapedPath()
		if checked == "" {
			checked = "/"
		}
		want, _, _ := strings.Cut(hp, "?")
		switch {
		case hp == "":
			rt.Infof("%s is valid; it sets no healthcheckPath, so Railway switches traffic without a healthcheck of its own (health-url is checked after SUCCESS)", name)
		case want != checked:
			key, line := cfg.HealthKeyFor(env)
			rt.Annotate(action.Annotation{Level: action.LevelError, File: name, Line: line, Title: "Railway config as code",
				Message: fmt.Sprintf("%s: %q, but health-url checks %q: Railway would judge the deployment by one path and this action by another; make them the same", key, hp, checked)})
			problems++
		default:
			rt.Infof("%s is valid; its healthcheckPath %s is the path health-url checks", name, hp)
		}
	}
	if problems > 0 {
		return shown, action.Usagef("%s: %d problem(s) in Railway's config as code (each annotated above with its file, line and key); nothing was deployed", strings.Join(shown, ", "), problems)
	}
	return shown, nil
}

func rel(rt *action.Runtime, p string) string {
	if r, err := filepath.Rel(rt.Workspace(), p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// classify turns configuration problems (unknown names, refused tokens) into exit 2.
func classify(err error) error {
	var cerr *deploy.ConfigError
	var gerr *railway.GraphQLError
	var lerr *railway.LinkError
	switch {
	case errors.As(err, &cerr):
		return action.Usagef("%v", err)
	case errors.As(err, &lerr):
		return action.Usagef("input path: %v", err)
	case errors.As(err, &gerr) && gerr.Unauthorized():
		return action.Usagef("%v", err)
	}
	return err
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "no public URL"
	}
	return s
}

// safeLogf logs lines that may carry text from Railway (names, statuses, log lines, error messages): each
// line of the message is printed on its own, with workflow-command markers neutralised (deploy.SafeLines),
// and masked secrets redacted by the runtime.
func safeLogf(rt *action.Runtime) func(format string, args ...any) {
	return func(format string, args ...any) {
		for _, l := range deploy.SafeLines(fmt.Sprintf(format, args...)) {
			rt.Infof("%s", l)
		}
	}
}

// fencedGroup starts a log group in which the runner processes no workflow command at all
// (::stop-commands:: with a random token, resumed when the group ends): the log lines of a failed
// deployment are printed there, so even a line that slipped past SafeLines is plain text.
func fencedGroup(rt *action.Runtime) func(title string) func() {
	return func(title string) func() {
		end := rt.Group(deploy.SafeText(title))
		if rt.Local() {
			return end
		}
		var b [16]byte
		if _, err := crand.Read(b[:]); err != nil {
			return end // no token, no fence: SafeLines still neutralises every line
		}
		token := hex.EncodeToString(b[:])
		fmt.Fprintf(rt.Stdout(), "::stop-commands::%s\n", token)
		return func() {
			fmt.Fprintf(rt.Stdout(), "::%s::\n", token)
			end()
		}
	}
}

// source is the x-source header: the action's name and version, like the CLI's "CLI 4.x". The version is
// the module version the binary was built from, else the ref the workflow used (GITHUB_ACTION_REF, e.g.
// v1), else "dev".
func source(rt *action.Runtime) string {
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	} else if ref := rt.Getenv("GITHUB_ACTION_REF"); sourceRefRE.MatchString(ref) {
		v = ref
	}
	return "rose-actions/railway-deploy " + v
}

var sourceRefRE = regexp.MustCompile(`^[A-Za-z0-9._/-]{1,100}$`)
