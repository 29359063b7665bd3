package action

import (
	"fmt"
	"os"
	"strings"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/githubapi"
)

// EventName is GITHUB_EVENT_NAME ("" locally).
func (rt *Runtime) EventName() string { return rt.env.getenv("GITHUB_EVENT_NAME") }

// EventPayload returns the raw event payload from GITHUB_EVENT_PATH, or nil when there is none.
func (rt *Runtime) EventPayload() ([]byte, error) {
	path := rt.env.getenv("GITHUB_EVENT_PATH")
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read event payload: %w", err)
	}
	return b, nil
}

// Event decodes the event payload into go-github's type for GITHUB_EVENT_NAME (*github.PullRequestEvent,
// *github.PushEvent, *github.MergeGroupEvent, ...). It returns nil, nil when there is no event.
func (rt *Runtime) Event() (any, error) {
	b, err := rt.EventPayload()
	if err != nil || b == nil {
		return nil, err
	}
	return DecodeEvent(rt.EventName(), b)
}

// DecodeEvent decodes a webhook payload of the named event.
func DecodeEvent(name string, payload []byte) (any, error) {
	if name == "" {
		return nil, fmt.Errorf("decode event: GITHUB_EVENT_NAME is not set")
	}
	// pull_request_target carries a pull_request payload.
	if name == "pull_request_target" {
		name = "pull_request"
	}
	ev, err := github.ParseWebHook(name, payload)
	if err != nil {
		return nil, fmt.Errorf("decode %s event: %w", name, err)
	}
	return ev, nil
}

// Repo returns the owner and name of the repository (GITHUB_REPOSITORY).
func (rt *Runtime) Repo() (owner, repo string) {
	owner, repo, _ = strings.Cut(rt.env.getenv("GITHUB_REPOSITORY"), "/")
	return owner, repo
}

// SHA is GITHUB_SHA.
func (rt *Runtime) SHA() string { return rt.env.getenv("GITHUB_SHA") }

// Ref is GITHUB_REF.
func (rt *Runtime) Ref() string { return rt.env.getenv("GITHUB_REF") }

// ServerURL is GITHUB_SERVER_URL, https://github.com by default.
func (rt *Runtime) ServerURL() string {
	if v := rt.env.getenv("GITHUB_SERVER_URL"); v != "" {
		return strings.TrimRight(v, "/")
	}
	return "https://github.com"
}

// APIURL is GITHUB_API_URL, https://api.github.com by default.
func (rt *Runtime) APIURL() string {
	if v := rt.env.getenv("GITHUB_API_URL"); v != "" {
		return strings.TrimRight(v, "/")
	}
	return githubapi.DefaultBaseURL
}

// RepoURL is the web address of the repository, or "" when GITHUB_REPOSITORY is unset.
func (rt *Runtime) RepoURL() string {
	owner, repo := rt.Repo()
	if owner == "" || repo == "" {
		return ""
	}
	return rt.ServerURL() + "/" + owner + "/" + repo
}

// GitHubClient returns a go-github client for the API at GITHUB_API_URL (GitHub Enterprise included), with
// timeouts, retries on 5xx and rate limits, and this repository's User-Agent. The token is masked.
func (rt *Runtime) GitHubClient(token string) (*github.Client, error) {
	if token == "" {
		return nil, Usagef("a GitHub token is needed: set the token input (it defaults to ${{ github.token }} in a workflow; locally export GITHUB_TOKEN)")
	}
	rt.Mask(token)
	return githubapi.New(githubapi.Options{
		Token:      token,
		BaseURL:    rt.APIURL(),
		HTTPClient: rt.env.HTTPClient,
		UserAgent:  "rose-actions/" + rt.name,
	})
}
