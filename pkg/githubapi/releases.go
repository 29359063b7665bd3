package githubapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/google/go-github/v66/github"
)

// Releases writes the tags and releases of one repository through the REST API: annotated tags and their
// refs, GitHub releases, and moving tags such as v1. Every method is safe to repeat: what exists already
// is checked and kept.
type Releases struct {
	Client      *github.Client
	Owner, Repo string
}

// TagConflictError says that a tag exists at another commit than the one it should name.
type TagConflictError struct {
	Tag  string
	SHA  string // the commit the tag names
	Want string // the commit it should name
}

func (e *TagConflictError) Error() string {
	return fmt.Sprintf("tag %s already exists on GitHub at commit %s, not at %s", e.Tag, short(e.SHA), short(e.Want))
}

// IsStatus reports whether err is a GitHub API answer with the HTTP status code.
func IsStatus(err error, code int) bool {
	var er *github.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == code
}

// WriteError wraps an error of a write (creating or moving a tag or a release) and explains the usual cause
// of a refusal: a token without the contents write permission (GitHub answers 403, or 404 for a token that
// cannot see the repository).
func WriteError(what string, err error) error {
	if IsStatus(err, http.StatusForbidden) || IsStatus(err, http.StatusNotFound) {
		return fmt.Errorf("%s: %w (the token needs the contents write permission: `permissions: contents: write` in the workflow job)", what, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// TagCommit returns the commit the tag names, through an annotated tag object or directly, and whether the
// tag exists.
func (r Releases) TagCommit(ctx context.Context, tag string) (sha string, ok bool, err error) {
	ref, _, err := r.Client.Git.GetRef(ctx, r.Owner, r.Repo, "tags/"+tag)
	switch {
	case IsStatus(err, http.StatusNotFound):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("read tag %s: %w", tag, err)
	}
	return r.peel(ctx, tag, ref)
}

func (r Releases) peel(ctx context.Context, tag string, ref *github.Reference) (string, bool, error) {
	obj := ref.GetObject()
	sha := obj.GetSHA()
	if obj.GetType() == "tag" {
		t, _, err := r.Client.Git.GetTag(ctx, r.Owner, r.Repo, sha)
		if err != nil {
			return "", true, fmt.Errorf("read tag object of %s: %w", tag, err)
		}
		sha = t.GetObject().GetSHA()
	}
	return sha, true, nil
}

// EnsureTag creates the annotated tag (its object, with message, then its ref) at commit sha unless it
// exists. It reports whether it created it. A tag that exists at another commit is a *TagConflictError. A
// concurrent run that created the same tag meanwhile is accepted when the tag names sha.
func (r Releases) EnsureTag(ctx context.Context, tag, sha, message string) (created bool, err error) {
	existing, ok, err := r.TagCommit(ctx, tag)
	if err != nil {
		return false, err
	}
	if ok {
		return false, r.sameCommit(tag, existing, sha)
	}
	obj, _, err := r.Client.Git.CreateTag(ctx, r.Owner, r.Repo, &github.Tag{
		Tag:     github.String(tag),
		Message: github.String(message),
		Object:  &github.GitObject{Type: github.String("commit"), SHA: github.String(sha)},
	})
	if err != nil {
		return false, WriteError("create tag object "+tag, err)
	}
	_, _, err = r.Client.Git.CreateRef(ctx, r.Owner, r.Repo, &github.Reference{
		Ref:    github.String("refs/tags/" + tag),
		Object: &github.GitObject{SHA: obj.SHA},
	})
	if err != nil {
		if IsStatus(err, http.StatusUnprocessableEntity) {
			if existing, ok, gerr := r.TagCommit(ctx, tag); gerr == nil && ok {
				return false, r.sameCommit(tag, existing, sha)
			}
		}
		return false, WriteError("create tag ref "+tag, err)
	}
	return true, nil
}

func (r Releases) sameCommit(tag, got, want string) error {
	if got != want {
		return &TagConflictError{Tag: tag, SHA: got, Want: want}
	}
	return nil
}

// DeleteTag deletes the tag's ref (the tag object stays, unreachable, as git leaves it). A tag that does not
// exist is no error.
func (r Releases) DeleteTag(ctx context.Context, tag string) error {
	_, err := r.Client.Git.DeleteRef(ctx, r.Owner, r.Repo, "tags/"+tag)
	if err != nil && !IsStatus(err, http.StatusNotFound) && !IsStatus(err, http.StatusUnprocessableEntity) {
		return WriteError("delete tag "+tag, err)
	}
	return nil
}

// NewRelease describes a GitHub release to publish.
type NewRelease struct {
	Tag, Name, Body string
	Prerelease      bool
	// Latest marks the release as the repository's latest (make_latest); otherwise it is explicitly not.
	Latest bool
}

// EnsureRelease returns the release of rel.Tag, publishing it when there is none; it reports whether it
// published it. The body is cut to what GitHub accepts (ReleaseBody).
func (r Releases) EnsureRelease(ctx context.Context, rel NewRelease) (*github.RepositoryRelease, bool, error) {
	got, _, err := r.Client.Repositories.GetReleaseByTag(ctx, r.Owner, r.Repo, rel.Tag)
	if err == nil {
		return got, false, nil
	}
	if !IsStatus(err, http.StatusNotFound) {
		return nil, false, fmt.Errorf("read release %s: %w", rel.Tag, err)
	}
	latest := "false"
	if rel.Latest && !rel.Prerelease {
		latest = "true"
	}
	name := rel.Name
	if name == "" {
		name = rel.Tag
	}
	got, _, err = r.Client.Repositories.CreateRelease(ctx, r.Owner, r.Repo, &github.RepositoryRelease{
		TagName:    github.String(rel.Tag),
		Name:       github.String(name),
		Body:       github.String(ReleaseBody(rel.Body)),
		Prerelease: github.Bool(rel.Prerelease),
		MakeLatest: github.String(latest),
	})
	if err != nil {
		return nil, false, WriteError("create release "+rel.Tag, err)
	}
	return got, true, nil
}

// MoveTag points the lightweight tag name (v1) at commit sha, creating it when missing. It reports whether
// it changed anything.
func (r Releases) MoveTag(ctx context.Context, name, sha string) (bool, error) {
	ref := "tags/" + name
	cur, _, err := r.Client.Git.GetRef(ctx, r.Owner, r.Repo, ref)
	switch {
	case err == nil:
		if cur.GetObject().GetSHA() == sha {
			return false, nil
		}
		_, _, err = r.Client.Git.UpdateRef(ctx, r.Owner, r.Repo, &github.Reference{
			Ref: github.String("refs/" + ref), Object: &github.GitObject{SHA: github.String(sha)},
		}, true)
		if err != nil {
			return false, WriteError("move tag "+name, err)
		}
	case IsStatus(err, http.StatusNotFound):
		_, _, err = r.Client.Git.CreateRef(ctx, r.Owner, r.Repo, &github.Reference{
			Ref: github.String("refs/" + ref), Object: &github.GitObject{SHA: github.String(sha)},
		})
		if err != nil {
			return false, WriteError("create tag "+name, err)
		}
	default:
		return false, fmt.Errorf("read tag %s: %w", name, err)
	}
	return true, nil
}

// MaxReleaseBody is the longest release body GitHub accepts, in characters.
const MaxReleaseBody = 125000

// ReleaseBody cuts notes that GitHub would refuse at the last whole line that fits, and says so.
func ReleaseBody(notes string) string {
	const note = "\n\n… (truncated: the notes exceed GitHub's 125,000-character limit)\n"
	if utf8.RuneCountInString(notes) <= MaxReleaseBody {
		return notes
	}
	r := []rune(notes)[:MaxReleaseBody-utf8.RuneCountInString(note)]
	cut := string(r)
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	return cut + note
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
