package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/secretreport"
	"github.com/rose/actions/pkg/secrets"
)

// inputs are the action's validated inputs.
type inputs struct {
	mode          string // auto, diff, history, files
	base, head    string
	path          string // files mode: the folder; git modes: the repository
	config        string
	maxFileSize   int64
	report, sarif string
	baseline      string
	// The path inputs resolved inside the workspace ("" when empty).
	pathDir, configPath, reportPath, sarifPath, baselinePath string
	failOnFindings                                           bool
	redact                                                   bool
	token                                                    string
}

func parseInputs(in *action.Inputs) (inputs, error) {
	v := inputs{
		mode:           in.Enum("mode", "auto", "diff", "history", "files"),
		base:           strings.TrimSpace(in.String("base")),
		head:           strings.TrimSpace(in.String("head")),
		path:           in.String("path"),
		config:         in.String("config"),
		maxFileSize:    in.Size("max-file-size"),
		report:         in.String("report"),
		sarif:          in.String("sarif"),
		pathDir:        in.Path("path"),
		configPath:     in.Path("config"),
		reportPath:     in.Path("report"),
		sarifPath:      in.Path("sarif"),
		baseline:       strings.TrimSpace(in.String("baseline")),
		baselinePath:   in.Path("baseline"),
		failOnFindings: in.Bool("fail-on-findings"),
		redact:         in.Bool("redact"),
		token:          in.Secret("token", "GITHUB_TOKEN"),
	}
	if err := in.Err(); err != nil {
		return v, err
	}
	if v.path == "" {
		v.path = "."
	}
	if v.mode == "diff" && v.base == "" {
		return v, action.Usagef(`input "base" is empty: mode diff scans base..head and needs a base commit (a SHA, branch or tag)`)
	}
	if v.mode == "diff" && v.head == "" {
		v.head = "HEAD"
	}
	if v.maxFileSize <= 0 {
		return v, action.Usagef(`input "max-file-size" has value %q: a size above zero such as 5MB is accepted`, in.String("max-file-size"))
	}
	return v, nil
}

// loadDetector reads the configuration file (optional at its default path) and builds the
// detector.
func loadDetector(rt *action.Runtime, in inputs) (*secrets.Detector, error) {
	var cfg secrets.Config
	if in.config != "" {
		data, err := rt.ReadFile(in.configPath)
		switch {
		case errors.Is(err, fs.ErrNotExist) && in.config == secrets.DefaultConfigPath:
			// no configuration: built-in rules only
		case errors.Is(err, fs.ErrNotExist):
			return nil, action.Usagef(`input "config" has value %q: no such file (leave it at %s, which may be absent, or name an existing file)`, in.config, secrets.DefaultConfigPath)
		case err != nil:
			return nil, action.Usagef(`input "config" has value %q: %v`, in.config, err)
		default:
			c, err := secrets.ParseConfig(data)
			if ke := (*secrets.KeyError)(nil); errors.As(err, &ke) {
				return nil, action.Usagef(`input "config" has value %q: %s:%d: %v`, in.config, in.config, ke.Line, err)
			}
			if err != nil {
				return nil, action.Usagef(`input "config" has value %q: %s: %v`, in.config, in.config, err)
			}
			cfg = c
			rt.Infof("Configuration: %s (%d extra rules, %d disabled, %d ignores)", in.config, len(c.Rules), len(c.Disabled), len(c.Ignores))
		}
	}
	det, err := secrets.NewDetector(cfg)
	if err != nil {
		return nil, action.Usagef(`input "config" has value %q: %v`, in.config, err)
	}
	return det, nil
}

// loadBaseline reads the baseline input: a JSON report of accepted findings.
func loadBaseline(rt *action.Runtime, in inputs) (*secretreport.Baseline, error) {
	if in.baseline == "" {
		return nil, nil
	}
	data, err := rt.ReadFile(in.baselinePath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, action.Usagef(`input "baseline" has value %q: no such file (a JSON report written by the report input, or empty for no baseline)`, in.baseline)
	}
	if err != nil {
		return nil, action.Usagef(`input "baseline" has value %q: %v`, in.baseline, err)
	}
	b, err := secretreport.ParseBaseline(data)
	if err != nil {
		return nil, action.Usagef(`input "baseline" has value %q: %v`, in.baseline, err)
	}
	rt.Infof("Baseline: %s (%s)", in.baseline, plural(b.Len(), "accepted finding"))
	if b.Unredacted > 0 {
		rt.Warningf("The baseline %s holds %s in clear (a report written with redact: false): write it again with redact: true before committing it, and revoke those secrets.", in.baseline, plural(b.Unredacted, "secret"))
	}
	return b, nil
}

// run scans what the inputs and the event select, reports the findings and fails when there
// are findings and fail-on-findings is true.
func run(ctx context.Context, rt *action.Runtime) error {
	in, err := parseInputs(rt.Inputs())
	if err != nil {
		return err
	}
	// The baseline first: reading it is cheap, building the detector is not.
	base, err := loadBaseline(rt, in)
	if err != nil {
		return err
	}
	det, err := loadDetector(rt, in)
	if err != nil {
		return err
	}
	start := rt.Now()
	p, err := planScan(ctx, rt, in)
	if err != nil {
		return err
	}
	res, err := execute(ctx, rt, det, base, p, in)
	if err != nil {
		return err
	}
	res.stats.Duration = rt.Now().Sub(start)
	if err := publish(rt, det, base, p, in, res); err != nil {
		return err
	}
	if n := len(res.findings); n > 0 && in.failOnFindings {
		what := plural(n, "secret")
		if res.stats.Accepted() > 0 {
			what = plural(n, "new secret")
		}
		return action.Failf("%s found: revoke and replace each one (see the annotations and the job summary)", what)
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
