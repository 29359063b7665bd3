// Package pullrequest reads a pull request through GitHub's REST API — the pull request itself (polling
// until GitHub knows whether it merges), its files, commits and labels, a commit's tree and blobs, a file at
// a ref — and keeps one sticky comment on it. It is pr-lint's API layer; the client comes from githubapi.
//
// A Client stops calling the API after a network failure: every later call returns the same error at once,
// so a run against an unreachable API fails its API part quickly instead of waiting for each call's
// retries, and the checks that need no API still run.
package pullrequest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v66/github"
)

// Client reads the pull requests of one repository.
type Client struct {
	gh          *github.Client
	owner, repo string
	sleep       func(ctx context.Context, d time.Duration) error

	mu   sync.Mutex
	down error
}

// New returns a Client for owner/repo. sleep waits between polls of the mergeable state (wait.Sleep; tests
// pass a fake).
func New(gh *github.Client, owner, repo string, sleep func(ctx context.Context, d time.Duration) error) *Client {
	return &Client{gh: gh, owner: owner, repo: repo, sleep: sleep}
}

// ErrUnreachable wraps the network error after which a Client stops calling the API.
var ErrUnreachable = errors.New("the GitHub API is unreachable")

// Down returns the error that stopped the client, or nil.
func (c *Client) Down() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.down
}

// call runs one API call unless the API is known to be down, and marks it down on a network failure (an
// error that is not an answer from GitHub).
func (c *Client) call(ctx context.Context, what string, do func() (*github.Response, error)) error {
	if err := c.Down(); err != nil {
		return err
	}
	resp, err := do()
	if err == nil {
		return nil
	}
	err = fmt.Errorf("%s: %w", what, err)
	if resp == nil && !isAnswer(err) {
		err = fmt.Errorf("%w: %w", ErrUnreachable, err)
		c.mu.Lock()
		c.down = err
		c.mu.Unlock()
	}
	return err
}

func isAnswer(err error) bool {
	var er *github.ErrorResponse
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	return errors.As(err, &er) || errors.As(err, &rl) || errors.As(err, &ab)
}

// MergeableDelays are the waits between polls of a pull request whose mergeable state GitHub is still
// computing (about 30 s in all).
var MergeableDelays = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 15 * time.Second}

// Get fetches pull request number; with waitMergeable it polls while `mergeable` is null, at most
// len(MergeableDelays) times, and returns the last answer (mergeable may still be nil).
func (c *Client) Get(ctx context.Context, number int, waitMergeable bool) (*github.PullRequest, error) {
	for attempt := 0; ; attempt++ {
		var pr *github.PullRequest
		err := c.call(ctx, fmt.Sprintf("get pull request #%d", number), func() (resp *github.Response, err error) {
			pr, resp, err = c.gh.PullRequests.Get(ctx, c.owner, c.repo, number)
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		if !waitMergeable || pr.Mergeable != nil || attempt >= len(MergeableDelays) {
			return pr, nil
		}
		if err := c.sleep(ctx, MergeableDelays[attempt]); err != nil {
			return nil, err
		}
	}
}

// Files lists the files of a pull request (GitHub lists at most 3000).
func (c *Client) Files(ctx context.Context, number int) ([]*github.CommitFile, error) {
	var all []*github.CommitFile
	err := eachPage(ctx, c, fmt.Sprintf("list files of pull request #%d", number),
		func(page int) ([]*github.CommitFile, *github.Response, error) {
			return c.gh.PullRequests.ListFiles(ctx, c.owner, c.repo, number, &github.ListOptions{PerPage: 100, Page: page})
		},
		func(files []*github.CommitFile) bool {
			all = append(all, files...)
			return false
		})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// Tree lists the blobs of a commit's tree, path to size; truncated is true when GitHub cut the listing.
func (c *Client) Tree(ctx context.Context, sha string) (map[string]int64, bool, error) {
	var t *github.Tree
	err := c.call(ctx, "get tree of "+sha, func() (resp *github.Response, err error) {
		t, resp, err = c.gh.Git.GetTree(ctx, c.owner, c.repo, sha, true)
		return resp, err
	})
	if err != nil {
		return nil, false, err
	}
	out := map[string]int64{}
	for _, e := range t.Entries {
		if e.GetType() == "blob" {
			out[e.GetPath()] = int64(e.GetSize())
		}
	}
	return out, t.GetTruncated(), nil
}

// Blob reads a blob's content.
func (c *Client) Blob(ctx context.Context, sha string) ([]byte, error) {
	var b []byte
	err := c.call(ctx, "get blob "+sha, func() (resp *github.Response, err error) {
		b, resp, err = c.gh.Git.GetBlobRaw(ctx, c.owner, c.repo, sha)
		return resp, err
	})
	return b, err
}

// File reads a file at a ref through the contents API; found is false when there is no such file.
func (c *Client) File(ctx context.Context, path, ref string) ([]byte, bool, error) {
	var fc *github.RepositoryContent
	notFound := false
	err := c.call(ctx, fmt.Sprintf("read %s at %s", path, ref), func() (*github.Response, error) {
		f, _, resp, err := c.gh.Repositories.GetContents(ctx, c.owner, c.repo, path, &github.RepositoryContentGetOptions{Ref: ref})
		if err != nil && resp != nil && resp.StatusCode == http.StatusNotFound {
			notFound = true
			return resp, nil
		}
		fc = f
		return resp, err
	})
	switch {
	case err != nil:
		return nil, false, err
	case notFound:
		return nil, false, nil
	case fc == nil:
		return nil, false, fmt.Errorf("read %s at %s: it is a directory", path, ref)
	}
	s, err := fc.GetContent()
	if err != nil {
		return nil, false, fmt.Errorf("decode %s: %w", path, err)
	}
	return []byte(s), true, nil
}

// Commit is a commit of a pull request.
type Commit struct {
	SHA, Message string
	Merge        bool // it has two parents or more
}

// NonMergeCommits lists the pull request's commits that are not merges, stopping once it has max of them
// (GitHub squash-merges a pull request with one non-merge commit using that commit's message, so two are
// enough to know it will not).
func (c *Client) NonMergeCommits(ctx context.Context, number, max int) ([]Commit, error) {
	var out []Commit
	err := eachPage(ctx, c, fmt.Sprintf("list commits of pull request #%d", number),
		func(page int) ([]*github.RepositoryCommit, *github.Response, error) {
			return c.gh.PullRequests.ListCommits(ctx, c.owner, c.repo, number, &github.ListOptions{PerPage: 100, Page: page})
		},
		func(cs []*github.RepositoryCommit) bool {
			for _, rc := range cs {
				if len(rc.Parents) >= 2 {
					continue
				}
				out = append(out, Commit{SHA: rc.GetSHA(), Message: rc.GetCommit().GetMessage()})
				if len(out) >= max {
					return true
				}
			}
			return false
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Labels returns the names of a pull request's labels.
func Labels(pr *github.PullRequest) []string {
	var out []string
	for _, l := range pr.Labels {
		out = append(out, l.GetName())
	}
	return out
}

// IsPermission reports whether err is GitHub refusing the token (a fork's read-only token, say).
func IsPermission(err error) bool {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode == http.StatusForbidden || er.Response.StatusCode == http.StatusNotFound
	}
	return false
}

// Sticky keeps one comment on a pull request: the first comment whose body starts with Marker and whose
// author is a bot or the token's own user. A person's comment quoting the marker is never touched.
type Sticky struct {
	Client *Client
	Number int
	Marker string
}

func (s *Sticky) find(ctx context.Context) (*github.IssueComment, error) {
	c := s.Client
	self := ""
	if err := c.call(ctx, "get the token's user", func() (*github.Response, error) {
		u, resp, err := c.gh.Users.Get(ctx, "")
		if err == nil {
			self = u.GetLogin()
		}
		if resp != nil {
			return resp, nil // the GITHUB_TOKEN may not read /user: not an error
		}
		return resp, err
	}); err != nil {
		return nil, err
	}
	var found *github.IssueComment
	err := eachPage(ctx, c, fmt.Sprintf("list comments of #%d", s.Number),
		func(page int) ([]*github.IssueComment, *github.Response, error) {
			return c.gh.Issues.ListComments(ctx, c.owner, c.repo, s.Number,
				&github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100, Page: page}})
		},
		func(cs []*github.IssueComment) bool {
			for _, cm := range cs {
				if !strings.HasPrefix(cm.GetBody(), s.Marker) {
					continue
				}
				if cm.GetUser().GetType() == "Bot" || (self != "" && cm.GetUser().GetLogin() == self) {
					found = cm
					return true
				}
			}
			return false
		})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// Sync creates, updates or (when body is empty) deletes the comment. It returns what it did: created,
// updated, unchanged, deleted or none.
func (s *Sticky) Sync(ctx context.Context, body string) (string, error) {
	existing, err := s.find(ctx)
	if err != nil {
		return "", err
	}
	c := s.Client
	switch {
	case body == "" && existing == nil:
		return "none", nil
	case body == "":
		return "deleted", c.call(ctx, fmt.Sprintf("delete comment %d", existing.GetID()), func() (*github.Response, error) {
			return c.gh.Issues.DeleteComment(ctx, c.owner, c.repo, existing.GetID())
		})
	case existing == nil:
		return "created", c.call(ctx, fmt.Sprintf("create comment on #%d", s.Number), func() (*github.Response, error) {
			_, resp, err := c.gh.Issues.CreateComment(ctx, c.owner, c.repo, s.Number, &github.IssueComment{Body: &body})
			return resp, err
		})
	case existing.GetBody() == body:
		return "unchanged", nil
	default:
		return "updated", c.call(ctx, fmt.Sprintf("update comment %d", existing.GetID()), func() (*github.Response, error) {
			_, resp, err := c.gh.Issues.EditComment(ctx, c.owner, c.repo, existing.GetID(), &github.IssueComment{Body: &body})
			return resp, err
		})
	}
}

// eachPage walks a paginated list, 100 items a page: list fetches a page (0 is the first), visit takes its
// items and returns true once it has what it needs. Each page goes through call, with its retries and its
// stop after the API proved unreachable.
func eachPage[T any](ctx context.Context, c *Client, what string, list func(page int) ([]T, *github.Response, error), visit func([]T) bool) error {
	page := 0
	for {
		var items []T
		next := 0
		err := c.call(ctx, what, func() (*github.Response, error) {
			l, resp, err := list(page)
			if resp != nil {
				next = resp.NextPage
			}
			items = l
			return resp, err
		})
		if err != nil {
			return err
		}
		if visit(items) || next == 0 {
			return nil
		}
		page = next
	}
}
