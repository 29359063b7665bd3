package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/google/go-github/v66/github"
	"github.com/rose/actions/pkg/action"
)

// listPullRequestCommits lists every commit of a pull request, oldest first, following the
// API's pages. The pull request endpoint stops at 250 commits; when the event says there are
// more, the compare endpoint (also paginated) lists them all.
func listPullRequestCommits(ctx context.Context, rt *action.Runtime, token string, number int, base, head string, want int) ([]string, error) {
	gh, err := rt.GitHubClient(token)
	if err != nil {
		return nil, err
	}
	owner, repo := rt.Repo()
	if owner == "" || repo == "" {
		return nil, errors.New("GITHUB_REPOSITORY is not set: cannot list the pull request's commits")
	}
	var shas []string
	opts := &github.ListOptions{PerPage: 100}
	for {
		commits, resp, err := gh.PullRequests.ListCommits(ctx, owner, repo, number, opts)
		if err != nil {
			return nil, fmt.Errorf("list the commits of pull request #%d: %w", number, err)
		}
		for _, c := range commits {
			shas = append(shas, c.GetSHA())
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if want <= len(shas) {
		rt.Infof("Pull request #%d has %s", number, plural(len(shas), "commit"))
		return shas, nil
	}
	// More than the pull request endpoint returns: the comparison lists them all.
	shas = shas[:0]
	opts = &github.ListOptions{PerPage: 100}
	for {
		cmp, resp, err := gh.Repositories.CompareCommits(ctx, owner, repo, base, head, opts)
		if err != nil {
			return nil, fmt.Errorf("compare %s...%s: %w", short(base), short(head), err)
		}
		for _, c := range cmp.Commits {
			shas = append(shas, c.GetSHA())
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	rt.Infof("Pull request #%d has %s (listed by comparing %s...%s)", number, plural(len(shas), "commit"), short(base), short(head))
	return shas, nil
}

// fetchCommits fetches ref from the repository's origin (or the event's repository) into dir,
// depth commits deep, with go-git.
func fetchCommits(ctx context.Context, rt *action.Runtime, dir, token, ref string, depth int) error {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return fmt.Errorf("open repository: %w", err)
	}
	url := ""
	if origin, err := repo.Remote("origin"); err == nil && len(origin.Config().URLs) > 0 {
		url = origin.Config().URLs[0]
	}
	if url == "" {
		owner, name := rt.Repo()
		if owner == "" {
			return errors.New("no origin remote and no GITHUB_REPOSITORY")
		}
		url = strings.TrimSuffix(rt.ServerURL(), "/") + "/" + owner + "/" + name + ".git"
	}
	local := "refs/remotes/secret-scan/" + strings.TrimPrefix(strings.TrimPrefix(ref, "refs/"), "heads/")
	remote := git.NewRemote(repo.Storer, &config.RemoteConfig{Name: "secret-scan", URLs: []string{url}})
	var auth transport.AuthMethod
	if token != "" && (strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) {
		auth = &githttp.BasicAuth{Username: "x-access-token", Password: token}
	}
	rt.Infof("Fetching %s (%d commits deep)", ref, depth)
	err = remote.FetchContext(ctx, &git.FetchOptions{
		RefSpecs: []config.RefSpec{config.RefSpec("+" + ref + ":" + local)},
		Depth:    depth,
		Auth:     auth,
		Tags:     git.NoTags,
	})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return fmt.Errorf("fetch %s: %w", ref, err)
	}
	return nil
}
