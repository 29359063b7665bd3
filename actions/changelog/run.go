package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/changelog"
	"github.com/rose/actions/pkg/conventional"
	"github.com/rose/actions/pkg/gitlog"
)

// config holds the validated inputs.
type config struct {
	from, to, version, format string
	file, outputFile          string
	filePath, outputPath      string // resolved inside the workspace
	types                     []changelog.TypeSection
	includeHidden             bool
}

// parseInputs reads and validates every input before any work starts.
func parseInputs(in *action.Inputs) (config, error) {
	cfg := config{
		from:          strings.TrimSpace(in.String("from")),
		to:            strings.TrimSpace(in.String("to")),
		version:       strings.TrimSpace(in.String("version")),
		format:        in.Enum("format", "markdown", "json"),
		file:          strings.TrimSpace(in.String("file")),
		filePath:      in.Path("file"),
		outputFile:    strings.TrimSpace(in.String("output-file")),
		outputPath:    in.Path("output-file"),
		includeHidden: in.Bool("include-hidden"),
	}
	typesSpec := in.String("types")
	if err := in.Err(); err != nil {
		return cfg, err
	}
	if cfg.to == "" {
		cfg.to = "HEAD"
	}
	if cfg.version == "" {
		cfg.version = "Unreleased"
	}
	if err := changelog.CheckVersion(cfg.version); err != nil {
		return cfg, action.Usagef("input \"version\" has value %q: %v", cfg.version, err)
	}
	types, err := changelog.ParseTypes(typesSpec)
	if err != nil {
		return cfg, action.Usagef("input \"types\" has value %q: %v; accepted: \"type: Title\" items, one per line "+
			"or comma-separated (e.g. \"feat: Features, fix: Bug Fixes\")", typesSpec, err)
	}
	cfg.types = types
	return cfg, nil
}

// history is the range of commits a changelog covers.
type history struct {
	from, to string // from: the tag, revision or "" (start of history); to: as given
	entries  []changelog.Entry
}

// collect resolves the range and reads its commits. Unknown revisions are input errors.
func collect(ctx context.Context, repo *gitlog.Repo, cfg config) (history, error) {
	h := history{from: cfg.from, to: cfg.to}
	toSHA, err := repo.Resolve(cfg.to)
	if err != nil {
		return h, revisionError("to", cfg.to, err)
	}
	if cfg.from != "" {
		if _, err := repo.Resolve(cfg.from); err != nil {
			return h, revisionError("from", cfg.from, err)
		}
	} else {
		tag, err := lastRelease(ctx, repo, toSHA)
		if errors.Is(err, gitlog.ErrShallow) {
			return h, action.Usagef("find the last release: %v", err)
		}
		if err != nil {
			return h, action.Failf("find the last release: %v", err)
		}
		if tag != nil {
			h.from = tag.Name
		}
	}
	commits, err := repo.Log(ctx, gitlog.LogOptions{From: h.from, To: toSHA})
	if err != nil {
		return h, action.Failf("list the commits %s..%s: %v", h.from, cfg.to, err)
	}
	for _, c := range commits {
		h.entries = append(h.entries, changelog.Entry{SHA: c.SHA, Commit: conventional.Parse(c.Message),
			Date: c.Date, Parents: c.Parents})
	}
	return h, nil
}

func revisionError(input, rev string, err error) error {
	if errors.Is(err, gitlog.ErrShallow) {
		return action.Usagef("input %q has value %q: %v", input, rev, err) // the checkout is misconfigured, as in semver-release
	}
	return action.Usagef("input %q has value %q: not a branch, tag or commit of the repository (%v); "+
		"accepted: a revision such as v1.2.0, main or a commit SHA", input, rev, err)
}

// lastRelease is the highest stable release tag ("v1.2.3", or "1.2.3" when the repository has no v-tags)
// reachable from sha. When that tag points at sha itself (the changelog of a release just tagged), it is
// the release before it.
func lastRelease(ctx context.Context, repo *gitlog.Repo, sha string) (*gitlog.Tag, error) {
	for _, prefix := range []string{"v", ""} {
		opts := gitlog.TagOptions{Prefix: prefix}
		tag, err := repo.LastRelease(ctx, sha, opts)
		if err != nil {
			return nil, err
		}
		if tag != nil && tag.SHA == sha {
			opts.Below = tag.Version
			if tag, err = repo.LastRelease(ctx, sha, opts); err != nil {
				return nil, err
			}
		}
		if tag != nil {
			return tag, nil
		}
	}
	return nil, nil
}

func run(ctx context.Context, rt *action.Runtime) error {
	cfg, err := parseInputs(rt.Inputs())
	if err != nil {
		return err
	}
	repo, err := gitlog.Open(rt.Workspace())
	if err != nil {
		return action.Usagef("%v; the changelog reads the history: check out with fetch-depth: 0", err)
	}
	defer repo.Close()
	h, err := collect(ctx, repo, cfg)
	if err != nil {
		return err
	}

	repoURL := rt.RepoURL()
	if repoURL == "" {
		repoURL = webURL(repo.RemoteURL("origin"))
	}
	md := changelog.Markdown(h.entries, changelog.Options{
		Version: cfg.version, PreviousTag: h.from, Tag: compareTarget(cfg, h.from), RepoURL: repoURL,
		Date: rt.Now(), Types: cfg.types, IncludeHidden: cfg.includeHidden,
	})
	rendering := md
	if cfg.format == "json" {
		b, err := changelog.JSON(cfg.version, h.from, cfg.to, h.entries)
		if err != nil {
			return err
		}
		rendering = string(b)
	}
	count := 0
	for _, e := range h.entries {
		if !e.IsMerge() {
			count++
		}
	}
	from := h.from
	if from == "" {
		from = "the start of history"
	}
	rt.Infof("%d commits from %s to %s", count, from, cfg.to)

	if cfg.file != "" {
		if err := rt.UpdateFile(cfg.filePath, func(old []byte) ([]byte, error) {
			if err := changelog.CheckVersion(cfg.version); err != nil {
				return nil, fmt.Errorf("version %q: %w", cfg.version, err)
			}
			return changelog.Update(old, cfg.version, md), nil
		}); err != nil {
			return action.Failf("input file: %v", err)
		}
		rt.Infof("updated %s (section %s)", cfg.file, cfg.version)
	}
	if cfg.outputFile != "" {
		if err := rt.WriteFile(cfg.outputPath, []byte(rendering)); err != nil {
			return action.Failf("input output-file: %v", err)
		}
	}
	if err := rt.SetOutput("changelog", rendering); err != nil {
		return err
	}
	if err := rt.SetOutput("commits", fmt.Sprint(count)); err != nil {
		return err
	}
	return rt.AddSummary(md)
}

// compareTarget is the right side of the compare link: the "to" revision, or the tag the version will
// get (with the previous tag's "v" prefix) when a version is given for HEAD.
func compareTarget(cfg config, prevTag string) string {
	if cfg.to != "HEAD" || strings.EqualFold(cfg.version, "Unreleased") {
		return cfg.to
	}
	if _, err := semver.StrictNewVersion(strings.TrimPrefix(cfg.version, "v")); err != nil {
		return cfg.to
	}
	if strings.HasPrefix(prevTag, "v") && !strings.HasPrefix(cfg.version, "v") {
		return "v" + cfg.version
	}
	return cfg.version
}

// webURL turns a git remote URL (https, ssh or scp-like) into the repository's web address, without
// credentials; "" when it cannot.
func webURL(remote string) string {
	remote = strings.TrimSpace(remote)
	if remote == "" {
		return ""
	}
	var host, path string
	if u, err := url.Parse(remote); err == nil && u.Host != "" {
		switch u.Scheme {
		case "http", "https", "ssh", "git":
		default:
			return ""
		}
		host, path = u.Hostname(), u.Path
		if u.Scheme == "http" || u.Scheme == "https" {
			if p := u.Port(); p != "" {
				host += ":" + p
			}
		}
	} else if at := strings.Index(remote, "@"); at >= 0 && strings.Contains(remote[at:], ":") && !strings.Contains(remote, "://") {
		rest := remote[at+1:]
		i := strings.IndexByte(rest, ':')
		host, path = rest[:i], rest[i+1:]
	} else {
		return ""
	}
	path = strings.Trim(strings.TrimSuffix(strings.Trim(path, "/"), ".git"), "/")
	if host == "" || strings.Count(path, "/") < 1 {
		return ""
	}
	return "https://" + host + "/" + path
}
