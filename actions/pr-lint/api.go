package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/prlint"
)

// apiSource reads the pull request through GitHub's REST API.
type apiSource struct {
	gh          *github.Client
	owner, repo string
	sleep       func(ctx context.Context, d time.Duration) error
}

// mergeableDelays are the waits between polls of a pull request whose mergeable state GitHub is still
// computing (about 30 s in all).
var mergeableDelays = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 15 * time.Second}

// pullRequest fetches the pull request; with waitMergeable it polls while `mergeable` is null.
func (a *apiSource) pullRequest(ctx context.Context, number int, waitMergeable bool) (*github.PullRequest, error) {
	for attempt := 0; ; attempt++ {
		pr, _, err := a.gh.PullRequests.Get(ctx, a.owner, a.repo, number)
		if err != nil {
			return nil, fmt.Errorf("get pull request #%d: %w", number, err)
		}
		if !waitMergeable || pr.Mergeable != nil || attempt >= len(mergeableDelays) {
			return pr, nil
		}
		if err := a.sleep(ctx, mergeableDelays[attempt]); err != nil {
			return nil, err
		}
	}
}

// prFiles lists the files of a pull request (GitHub lists at most 3000).
func (a *apiSource) prFiles(ctx context.Context, number int) ([]*github.CommitFile, error) {
	var all []*github.CommitFile
	opts := &github.ListOptions{PerPage: 100}
	for {
		files, resp, err := a.gh.PullRequests.ListFiles(ctx, a.owner, a.repo, number, opts)
		if err != nil {
			return nil, fmt.Errorf("list files of pull request #%d: %w", number, err)
		}
		all = append(all, files...)
		if resp.NextPage == 0 {
			return all, nil
		}
		opts.Page = resp.NextPage
	}
}

// tree lists the blobs of a commit's tree, path to size; truncated is true when GitHub cut the listing.
func (a *apiSource) tree(ctx context.Context, sha string) (map[string]int64, bool, error) {
	t, _, err := a.gh.Git.GetTree(ctx, a.owner, a.repo, sha, true)
	if err != nil {
		return nil, false, fmt.Errorf("get tree of %s: %w", sha, err)
	}
	out := map[string]int64{}
	for _, e := range t.Entries {
		if e.GetType() == "blob" {
			out[e.GetPath()] = int64(e.GetSize())
		}
	}
	return out, t.GetTruncated(), nil
}

// blob reads a blob's content (used only for small blobs that may be LFS pointers).
func (a *apiSource) blob(ctx context.Context, sha string) ([]byte, error) {
	b, _, err := a.gh.Git.GetBlobRaw(ctx, a.owner, a.repo, sha)
	if err != nil {
		return nil, fmt.Errorf("get blob %s: %w", sha, err)
	}
	return b, nil
}

// file reads a file at a ref through the contents API; found is false on 404.
func (a *apiSource) file(ctx context.Context, path, ref string) ([]byte, bool, error) {
	fc, _, resp, err := a.gh.Repositories.GetContents(ctx, a.owner, a.repo, path, &github.RepositoryContentGetOptions{Ref: ref})
	if err != nil {
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("read %s at %s: %w", path, ref, err)
	}
	if fc == nil {
		return nil, false, fmt.Errorf("read %s at %s: it is a directory", path, ref)
	}
	s, err := fc.GetContent()
	if err != nil {
		return nil, false, fmt.Errorf("decode %s: %w", path, err)
	}
	return []byte(s), true, nil
}

// commits lists a pull request's commits (the first page is enough to tell one from several).
func (a *apiSource) commits(ctx context.Context, number int) ([]*github.RepositoryCommit, error) {
	cs, _, err := a.gh.PullRequests.ListCommits(ctx, a.owner, a.repo, number, &github.ListOptions{PerPage: 2})
	if err != nil {
		return nil, fmt.Errorf("list commits of pull request #%d: %w", number, err)
	}
	return cs, nil
}

// apiChanges gathers changed files and conflict markers from the pull request files API, sizes from the
// Git Trees API, and reports GitHub's 3000-file cap when it bites.
func (a *apiSource) apiChanges(ctx context.Context, number int, headSHA string, changedFiles int, maxSize int64) ([]prlint.ChangedFile, []prlint.Finding, error) {
	files, err := a.prFiles(ctx, number)
	if err != nil {
		return nil, nil, err
	}
	var findings []prlint.Finding
	if changedFiles > len(files) {
		findings = append(findings, prlint.Finding{Check: prlint.CheckLargeFiles, Level: prlint.Warning, Message: fmt.Sprintf(
			"GitHub's API lists only %d of the pull request's %d changed files (it stops at 3000); the other %d were not checked for size or conflict markers: check out the history (actions/checkout with fetch-depth: 0) so pr-lint reads the git objects",
			len(files), changedFiles, changedFiles-len(files))})
	}
	var sizes map[string]int64
	truncated := false
	var out []prlint.ChangedFile
	omitted := 0
	for _, f := range files {
		if f.GetStatus() == "removed" {
			continue
		}
		if patchOmitted(f) {
			omitted++
		}
		findings = append(findings, prlint.ConflictMarkers(f.GetFilename(), prlint.AddedLinesFromPatch(f.GetPatch()))...)
		if sizes == nil {
			if sizes, truncated, err = a.tree(ctx, headSHA); err != nil {
				return nil, nil, err
			}
		}
		size, ok := sizes[f.GetFilename()]
		if !ok {
			continue // a submodule, or beyond a truncated tree listing
		}
		cf := prlint.ChangedFile{Path: f.GetFilename(), Size: size}
		// Only a blob that would be reported and is small enough to be a pointer is worth reading.
		if size > maxSize && size <= prlint.MaxLFSPointerSize && f.GetSHA() != "" {
			if b, err := a.blob(ctx, f.GetSHA()); err == nil {
				cf.LFS = prlint.IsLFSPointer(b)
			}
		}
		out = append(out, cf)
	}
	if omitted > 0 {
		findings = append(findings, prlint.Finding{Check: prlint.CheckConflicts, Level: prlint.Warning, Message: fmt.Sprintf(
			"GitHub's API gives no diff for %d changed files (too large to show), so they were not checked for conflict markers", omitted)})
	}
	if truncated {
		findings = append(findings, prlint.Finding{Check: prlint.CheckLargeFiles, Level: prlint.Warning,
			Message: "GitHub's API truncated the listing of the head commit's tree; the sizes of some files are unknown"})
	}
	return out, findings, nil
}

// patchOmitted reports a changed file whose patch GitHub omitted (a diff too large to show, or binary).
func patchOmitted(f *github.CommitFile) bool {
	return f.Patch == nil && f.GetChanges() > 0 && !binaryName(f.GetFilename())
}

// binaryName guesses from the extension that a file is binary (GitHub gives binary files no patch).
func binaryName(name string) bool {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return false
	}
	switch strings.ToLower(name[i+1:]) {
	case "png", "jpg", "jpeg", "gif", "ico", "webp", "pdf", "zip", "gz", "tgz", "jar", "bin", "exe", "so", "dll",
		"woff", "woff2", "ttf", "otf", "mp3", "mp4", "mov", "wasm", "pyc", "db", "sqlite", "parquet", "pt", "onnx":
		return true
	}
	return false
}

// stickyComment keeps one comment with the report on the pull request.
type stickyComment struct {
	api    *apiSource
	number int
}

// find returns pr-lint's comment: the first comment whose body starts with the marker and whose author is
// a bot or the token's own user.
func (s *stickyComment) find(ctx context.Context) (*github.IssueComment, error) {
	self := ""
	if u, _, err := s.api.gh.Users.Get(ctx, ""); err == nil {
		self = u.GetLogin() // a personal token; the GITHUB_TOKEN may not read /user
	}
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		cs, resp, err := s.api.gh.Issues.ListComments(ctx, s.api.owner, s.api.repo, s.number, opts)
		if err != nil {
			return nil, fmt.Errorf("list comments of #%d: %w", s.number, err)
		}
		for _, c := range cs {
			if !strings.HasPrefix(c.GetBody(), prlint.CommentMarker) {
				continue
			}
			if c.GetUser().GetType() == "Bot" || (self != "" && c.GetUser().GetLogin() == self) {
				return c, nil
			}
		}
		if resp.NextPage == 0 {
			return nil, nil
		}
		opts.Page = resp.NextPage
	}
}

// sync creates, updates or (when body is empty) deletes the comment. It returns what it did.
func (s *stickyComment) sync(ctx context.Context, body string) (string, error) {
	existing, err := s.find(ctx)
	if err != nil {
		return "", err
	}
	switch {
	case body == "" && existing == nil:
		return "none", nil
	case body == "":
		if _, err := s.api.gh.Issues.DeleteComment(ctx, s.api.owner, s.api.repo, existing.GetID()); err != nil {
			return "", fmt.Errorf("delete comment %d: %w", existing.GetID(), err)
		}
		return "deleted", nil
	case existing == nil:
		if _, _, err := s.api.gh.Issues.CreateComment(ctx, s.api.owner, s.api.repo, s.number, &github.IssueComment{Body: &body}); err != nil {
			return "", fmt.Errorf("create comment on #%d: %w", s.number, err)
		}
		return "created", nil
	case existing.GetBody() == body:
		return "unchanged", nil
	default:
		if _, _, err := s.api.gh.Issues.EditComment(ctx, s.api.owner, s.api.repo, existing.GetID(), &github.IssueComment{Body: &body}); err != nil {
			return "", fmt.Errorf("update comment %d: %w", existing.GetID(), err)
		}
		return "updated", nil
	}
}

// isPermission reports whether err is GitHub refusing the token (a fork's read-only token, say).
func isPermission(err error) bool {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode == http.StatusForbidden || er.Response.StatusCode == http.StatusNotFound
	}
	return false
}
