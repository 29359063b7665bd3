package main

import (
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/changelog"
	"github.com/rose/actions/pkg/githubapi"
	"github.com/rose/actions/pkg/gitlog"
	"github.com/rose/actions/pkg/version"
)

// config is the validated inputs.
type config struct {
	token         string
	prefix        string
	initial       *semver.Version
	channel       string
	preMajor      bool
	releaseTypes  []string
	dryRun        bool
	createRelease bool
	majorTag      bool
	path          string // cleaned, slash-separated, "" for the whole repository
	changelogFile string
	changelogPath string // changelogFile resolved inside the workspace
}

// tagOptions selects this configuration's release tags; prereleases count
// only on a prerelease channel.
func (c config) tagOptions() gitlog.TagOptions {
	return gitlog.TagOptions{Prefix: c.prefix, Path: c.path, Prerelease: c.channel != ""}
}

// prefixRe: empty, or words joined by inner "/" (release/v): never a leading or trailing "/", which would
// give tags such as "v/1.2.0" that no tool reads as versions.
var prefixRe = regexp.MustCompile(`^(([A-Za-z0-9._-]+/)*[A-Za-z0-9._-]+)?$`)

// parseInputs reads and checks every input; every problem is reported at once.
func parseInputs(rt *action.Runtime) (config, error) {
	in := rt.Inputs()
	c := config{
		token:         in.Secret("token"),
		prefix:        in.String("tag-prefix"),
		channel:       in.String("prerelease"),
		preMajor:      in.Bool("pre-major"),
		releaseTypes:  in.List("release-types"),
		dryRun:        in.Bool("dry-run"),
		createRelease: in.Bool("create-release"),
		majorTag:      in.Bool("major-tag"),
		changelogFile: in.String("changelog-file"),
		changelogPath: in.Path("changelog-file"),
	}
	initial := in.String("initial-version")
	rawPath := in.String("path")
	var problems []action.InputProblem
	var ie *action.InputError
	if err := in.Err(); err != nil && !errors.As(err, &ie) {
		return c, err
	}
	if ie != nil {
		problems = append(problems, ie.Problems...)
	}
	if !prefixRe.MatchString(c.prefix) || strings.Contains(c.prefix, "..") {
		problems = append(problems, action.InputProblem{Input: "tag-prefix", Value: c.prefix,
			Accepted: "letters, digits, '.', '_', '-' and inner '/' (e.g. v, release/v, or empty for bare versions; use the path input for monorepo folders)"})
	}
	v, err := semver.StrictNewVersion(strings.TrimPrefix(initial, "v"))
	if err != nil {
		problems = append(problems, action.InputProblem{Input: "initial-version", Value: initial,
			Accepted: "a semantic version such as 0.1.0 or 1.0.0"})
	} else {
		c.initial = v
	}
	if c.channel != "" {
		if err := version.ValidChannel(c.channel); err != nil {
			problems = append(problems, action.InputProblem{Input: "prerelease", Value: c.channel,
				Accepted: "a channel name such as rc, beta or alpha: " + err.Error()})
		}
	}
	for _, t := range c.releaseTypes {
		if !regexp.MustCompile(`^\w+$`).MatchString(t) {
			problems = append(problems, action.InputProblem{Input: "release-types", Value: strings.Join(c.releaseTypes, ","),
				Accepted: "commit types separated by commas or new lines, such as feat,fix,perf"})
			break
		}
	}
	if rawPath != "" {
		p := path.Clean(strings.ReplaceAll(rawPath, "\\", "/"))
		p = strings.TrimPrefix(p, "./")
		if path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") || !regexp.MustCompile(`^[A-Za-z0-9._/@+-]+$`).MatchString(p) {
			problems = append(problems, action.InputProblem{Input: "path", Value: rawPath,
				Accepted: "a sub-folder of the repository, relative and inside it, such as services/api"})
		} else if p != "." {
			c.path = p
		}
	}
	if len(problems) > 0 {
		return c, &action.InputError{Problems: problems}
	}
	if !c.dryRun && c.token == "" {
		return c, action.Usagef("input \"token\" is empty: creating the tag and the release needs a token with contents: write permission (it defaults to ${{ github.token }}; locally export GITHUB_TOKEN), or set dry-run: true to only compute the version")
	}
	return c, nil
}

func run(ctx context.Context, rt *action.Runtime) error {
	cfg, err := parseInputs(rt)
	if err != nil {
		return err
	}
	owner, repoName := rt.Repo()
	if !cfg.dryRun && (owner == "" || repoName == "") {
		return action.Usagef("GITHUB_REPOSITORY is not set (owner/name): it names the repository to tag; set it, or use dry-run: true")
	}
	repo, err := gitlog.Open(rt.Workspace())
	if err != nil {
		return action.Usagef("%v; semver-release reads the history and the tags: check out the repository with its whole history (actions/checkout with fetch-depth: 0)", err)
	}
	defer func() { _ = repo.Close() }()
	if cfg.path != "" {
		if ok, err := repo.Exists("HEAD", cfg.path); err == nil && !ok {
			rt.Warningf("path %q does not exist at HEAD: no commit can touch it", cfg.path)
		}
	}
	repoURL := rt.RepoURL()
	if repoURL == "" {
		repoURL = gitlog.WebURL(repo.RemoteURL("origin")) // a local run: links from the origin remote
	}
	p, err := makePlan(ctx, repo, cfg, repoURL, rt.Now())
	if err != nil {
		if errors.Is(err, gitlog.ErrShallow) {
			return action.Usagef("%v; release tags and their history are needed: %s", err, gitlog.ShallowAdvice(!rt.Local()))
		}
		return err
	}
	if p.conflict != "" {
		if !cfg.dryRun {
			return action.Failf("%s", p.conflict)
		}
		rt.Warningf("%s", p.conflict)
	}
	out := result{plan: p, dryRun: cfg.dryRun}
	switch {
	case p.next == nil:
		rt.Infof("No release: %s", p.noReleaseReason())
	case cfg.dryRun:
		rt.Infof("Dry run: the next version would be %s (%s bump); nothing is created.", p.tag, p.bump)
		if cfg.createRelease && owner != "" {
			out.releaseURL = fmt.Sprintf("%s/%s/%s/releases/tag/%s", rt.ServerURL(), owner, repoName, p.tag)
		}
	default:
		gh, err := rt.GitHubClient(cfg.token)
		if err != nil {
			return err
		}
		pub := publisher{gh: githubapi.Releases{Client: gh, Owner: owner, Repo: repoName}, rt: rt}
		if out.released, out.releaseURL, err = pub.publish(ctx, p, cfg); err != nil {
			return err
		}
		if !out.released {
			// Everything existed already (the local clone may just lack
			// the tag): this run released nothing.
			out.already = true
		}
		// Replacing the version's section is idempotent, so a re-run
		// leaves the file as the first run wrote it.
		if cfg.changelogFile != "" {
			if err := rt.UpdateFile(cfg.changelogPath, func(old []byte) ([]byte, error) {
				// The section takes the file's own heading style; it replaces an Unreleased section that
				// lists only this release's commits.
				opts := p.notesOpts
				opts.Style = changelog.StyleOf(old, p.next.String())
				return changelog.UpdateRelease(old, p.next.String(), changelog.Markdown(p.entries, opts),
					changelog.SHAs(p.entries)), nil
			}); err != nil {
				return fmt.Errorf("update %s: %w", cfg.changelogFile, err)
			}
			rt.Infof("Updated %s with the %s section (not committed).", cfg.changelogFile, p.next)
		}
	}
	if err := writeOutputs(rt, out); err != nil {
		return err
	}
	return rt.AddSummary(summary(out, cfg))
}
