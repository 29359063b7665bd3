package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/go-github/v66/github"

	"github.com/rose/actions/pkg/action"
)

// publisher writes the tag, the release and the major tag through the
// GitHub REST API.
type publisher struct {
	gh          *github.Client
	owner, repo string
	rt          *action.Runtime
}

// publish creates what is missing of the release: the annotated tag, the
// GitHub release, the major tag. It reports whether it created the tag or
// the release, and the release's URL.
func (pb publisher) publish(ctx context.Context, p plan, cfg config) (released bool, url string, err error) {
	created, err := pb.ensureTag(ctx, p)
	if err != nil {
		return false, "", err
	}
	released = created
	if created {
		pb.rt.Infof("Created tag %s at %s.", p.tag, short(p.head))
	} else {
		pb.rt.Infof("Tag %s already exists at %s.", p.tag, short(p.head))
	}
	if cfg.createRelease {
		rel, createdRel, err := pb.ensureRelease(ctx, p)
		if err != nil {
			return released, "", err
		}
		url = rel.GetHTMLURL()
		if createdRel {
			released = true
			pb.rt.Infof("Published release %s: %s", p.tag, url)
		} else {
			pb.rt.Infof("Release %s already exists: %s", p.tag, url)
		}
	}
	if cfg.majorTag && p.next.Prerelease() == "" {
		if !p.highestOfMajor {
			pb.rt.Infof("Major tag left alone: a higher %d.x release exists.", p.next.Major())
		} else if err := pb.moveMajorTag(ctx, cfg.tagOptions().TagPrefix()+strconv.FormatUint(p.next.Major(), 10), p.head); err != nil {
			return released, url, err
		}
	}
	return released, url, nil
}

func isStatus(err error, code int) bool {
	var er *github.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == code
}

// ensureTag creates the annotated tag object and its ref unless the ref
// exists; an existing ref must point at HEAD.
func (pb publisher) ensureTag(ctx context.Context, p plan) (bool, error) {
	ref := "tags/" + p.tag
	existing, _, err := pb.gh.Git.GetRef(ctx, pb.owner, pb.repo, ref)
	switch {
	case err == nil:
		return false, pb.checkTagTarget(ctx, existing, p)
	case !isStatus(err, http.StatusNotFound):
		return false, fmt.Errorf("read tag %s: %w", p.tag, err)
	}
	tag, _, err := pb.gh.Git.CreateTag(ctx, pb.owner, pb.repo, &github.Tag{
		Tag:     github.String(p.tag),
		Message: github.String("Release " + p.tag),
		Object:  &github.GitObject{Type: github.String("commit"), SHA: github.String(p.head)},
	})
	if err != nil {
		return false, writeErr(fmt.Sprintf("create tag object %s", p.tag), err)
	}
	_, _, err = pb.gh.Git.CreateRef(ctx, pb.owner, pb.repo, &github.Reference{
		Ref:    github.String("refs/" + ref),
		Object: &github.GitObject{SHA: tag.SHA},
	})
	if err != nil {
		if isStatus(err, http.StatusUnprocessableEntity) {
			// Another run created it meanwhile: accept it if it is ours.
			existing, _, gerr := pb.gh.Git.GetRef(ctx, pb.owner, pb.repo, ref)
			if gerr == nil {
				return false, pb.checkTagTarget(ctx, existing, p)
			}
		}
		return false, writeErr(fmt.Sprintf("create tag ref %s", p.tag), err)
	}
	return true, nil
}

// checkTagTarget fails unless ref (a tag ref) points, through an annotated
// tag or directly, at HEAD.
func (pb publisher) checkTagTarget(ctx context.Context, ref *github.Reference, p plan) error {
	obj := ref.GetObject()
	sha := obj.GetSHA()
	if obj.GetType() == "tag" {
		t, _, err := pb.gh.Git.GetTag(ctx, pb.owner, pb.repo, sha)
		if err != nil {
			return fmt.Errorf("read tag object of %s: %w", p.tag, err)
		}
		sha = t.GetObject().GetSHA()
	}
	if sha != p.head {
		return action.Failf("tag %s already exists on GitHub at commit %s, not at HEAD %s: fetch tags (`fetch-depth: 0`) or delete the stray tag", p.tag, short(sha), short(p.head))
	}
	return nil
}

// ensureRelease returns the release of the tag, creating it when missing.
func (pb publisher) ensureRelease(ctx context.Context, p plan) (*github.RepositoryRelease, bool, error) {
	rel, _, err := pb.gh.Repositories.GetReleaseByTag(ctx, pb.owner, pb.repo, p.tag)
	if err == nil {
		return rel, false, nil
	}
	if !isStatus(err, http.StatusNotFound) {
		return nil, false, fmt.Errorf("read release %s: %w", p.tag, err)
	}
	pre := p.next.Prerelease() != ""
	latest := "false"
	if !pre && p.highest {
		latest = "true"
	}
	rel, _, err = pb.gh.Repositories.CreateRelease(ctx, pb.owner, pb.repo, &github.RepositoryRelease{
		TagName:    github.String(p.tag),
		Name:       github.String(p.tag),
		Body:       github.String(releaseBody(p.notes)),
		Prerelease: github.Bool(pre),
		MakeLatest: github.String(latest),
	})
	if err != nil {
		return nil, false, writeErr(fmt.Sprintf("create release %s", p.tag), err)
	}
	return rel, true, nil
}

// moveMajorTag points the lightweight tag name (v1) at sha, creating it when
// missing.
func (pb publisher) moveMajorTag(ctx context.Context, name, sha string) error {
	ref := "tags/" + name
	cur, _, err := pb.gh.Git.GetRef(ctx, pb.owner, pb.repo, ref)
	switch {
	case err == nil:
		if cur.GetObject().GetSHA() == sha {
			pb.rt.Infof("Major tag %s already at %s.", name, short(sha))
			return nil
		}
		_, _, err = pb.gh.Git.UpdateRef(ctx, pb.owner, pb.repo, &github.Reference{
			Ref: github.String("refs/" + ref), Object: &github.GitObject{SHA: github.String(sha)},
		}, true)
		if err != nil {
			return writeErr(fmt.Sprintf("move major tag %s", name), err)
		}
	case isStatus(err, http.StatusNotFound):
		_, _, err = pb.gh.Git.CreateRef(ctx, pb.owner, pb.repo, &github.Reference{
			Ref: github.String("refs/" + ref), Object: &github.GitObject{SHA: github.String(sha)},
		})
		if err != nil {
			return writeErr(fmt.Sprintf("create major tag %s", name), err)
		}
	default:
		return fmt.Errorf("read major tag %s: %w", name, err)
	}
	pb.rt.Infof("Moved major tag %s to %s.", name, short(sha))
	return nil
}

// maxReleaseBody is the longest release body GitHub accepts (characters).
const maxReleaseBody = 125000

// releaseBody cuts notes that GitHub would refuse at the last whole line that
// fits, and says so.
func releaseBody(notes string) string {
	const note = "\n\n… (truncated: the notes exceed GitHub's 125,000-character limit)\n"
	if utf8.RuneCountInString(notes) <= maxReleaseBody {
		return notes
	}
	r := []rune(notes)[:maxReleaseBody-utf8.RuneCountInString(note)]
	cut := string(r)
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	return cut + note
}

// writeErr explains the usual cause of a refused write: a token without the
// contents write permission (GitHub answers 403, or 404 for a token that
// cannot see the repository).
func writeErr(what string, err error) error {
	if isStatus(err, http.StatusForbidden) || isStatus(err, http.StatusNotFound) {
		return fmt.Errorf("%s: %w (the token needs the contents write permission: `permissions: contents: write` in the workflow job)", what, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}
