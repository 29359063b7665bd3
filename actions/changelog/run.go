package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

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
	// An empty version is decided once the repository is open: the version of the tag "to" names, or
	// Unreleased.
	if cfg.version != "" {
		if err := changelog.CheckVersion(cfg.version); err != nil {
			return cfg, action.Usagef("input \"version\" has value %q: %v", cfg.version, err)
		}
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
			return h, err // "find the last release tag v*: ... shallow clone"
		}
		if err != nil {
			return h, action.Failf("find the last release: %v", err)
		}
		if tag != nil {
			h.from = tag.Name
		}
	}
	commits, err := repo.Log(ctx, gitlog.LogOptions{From: h.from, To: toSHA})
	if errors.Is(err, gitlog.ErrShallow) {
		return h, fmt.Errorf("list the commits %s..%s: %w", h.from, cfg.to, err)
	}
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
		return fmt.Errorf("input %q has value %q: %w", input, rev, err) // the checkout is misconfigured: run says what to do
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
		return action.Usagef("%v; the changelog reads the history: check out the repository with its whole history (actions/checkout with fetch-depth: 0)", err)
	}
	defer repo.Close()
	if cfg.version == "" {
		cfg.version = versionOf(repo, cfg.to)
	}
	h, err := collect(ctx, repo, cfg)
	if errors.Is(err, gitlog.ErrShallow) {
		return action.Usagef("%v; %s", err, gitlog.ShallowAdvice(!rt.Local()))
	}
	if err != nil {
		return err
	}
	date, err := releaseDate(rt, repo, cfg)
	if err != nil {
		return action.Failf("%v", err)
	}

	repoURL := rt.RepoURL()
	if repoURL == "" {
		repoURL = gitlog.WebURL(repo.RemoteURL("origin"))
	}
	opts := changelog.Options{
		Version: cfg.version, PreviousTag: h.from, Tag: compareTarget(cfg, h.from, repo.IsTag(cfg.to)), RepoURL: repoURL,
		Date: date, Types: cfg.types, IncludeHidden: cfg.includeHidden,
	}
	md := changelog.Markdown(h.entries, opts)
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
		// The section takes the file's own heading style (levels, brackets, date form), so the outputs
		// show it as the file does.
		if err := rt.UpdateFile(cfg.filePath, func(old []byte) ([]byte, error) {
			opts.Style = changelog.StyleOf(old, cfg.version)
			md = changelog.Markdown(h.entries, opts)
			return changelog.UpdateRelease(old, cfg.version, md, changelog.SHAs(h.entries)), nil
		}); err != nil {
			return action.Failf("input file: %v", err)
		}
		rt.Infof("updated %s (section %s)", cfg.file, cfg.version)
	}
	rendering := md
	if cfg.format == "json" {
		b, err := changelog.JSON(cfg.version, h.from, cfg.to, h.entries)
		if err != nil {
			return err
		}
		rendering = string(b)
	}
	if cfg.outputFile != "" {
		if err := rt.WriteFile(cfg.outputPath, []byte(rendering)); err != nil {
			return action.Failf("input output-file: %v", err)
		}
	}
	if err := rt.SetOutput("changelog", rendering); err != nil {
		return err
	}
	if err := rt.SetOutput("version", cfg.version); err != nil {
		return err
	}
	if err := rt.SetOutput("commits", fmt.Sprint(count)); err != nil {
		return err
	}
	return rt.AddSummary(md)
}

// versionOf is the version a changelog for the range ending at "to" has when no version is given: the
// version of the release tag "to" names (v3.5.40 gives 3.5.40, tools/v1.2.0 gives 1.2.0), or Unreleased.
func versionOf(repo *gitlog.Repo, to string) string {
	if to == "HEAD" || !repo.IsTag(to) {
		return "Unreleased"
	}
	name := to[strings.LastIndexByte(to, '/')+1:]
	v, err := semver.StrictNewVersion(strings.TrimPrefix(strings.TrimPrefix(name, "v"), "V"))
	if err != nil || changelog.CheckVersion(v.String()) != nil {
		return "Unreleased"
	}
	return v.String()
}

// releaseDate is the date in the heading: the tag's own date when "to" is a tag (a past release keeps
// its day), today for a release being made, none for Unreleased.
func releaseDate(rt *action.Runtime, repo *gitlog.Repo, cfg config) (time.Time, error) {
	switch {
	case strings.EqualFold(cfg.version, "Unreleased"):
		return time.Time{}, nil
	case cfg.to != "HEAD" && repo.IsTag(cfg.to):
		d, err := repo.TagDate(cfg.to)
		if err != nil {
			return time.Time{}, fmt.Errorf("date of release %s: %w", cfg.to, err)
		}
		return d, nil
	default:
		return rt.Now(), nil
	}
}

// compareTarget is the right side of the compare link: the "to" tag, or the tag the version will get
// (with the previous tag's "v" prefix) when a version is given for a commit (HEAD, or the SHA a release
// workflow passes), or the "to" revision.
func compareTarget(cfg config, prevTag string, toIsTag bool) string {
	if toIsTag || strings.EqualFold(cfg.version, "Unreleased") {
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
