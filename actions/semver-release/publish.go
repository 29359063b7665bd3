package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/githubapi"
)

// publisher writes the tag, the release and the major tag through the
// GitHub REST API (pkg/githubapi).
type publisher struct {
	gh githubapi.Releases
	rt *action.Runtime
}

// publish creates what is missing of the release: the annotated tag, the
// GitHub release, the major tag. It reports whether it created the tag or
// the release, and the release's URL. A tag is never left without its
// release: when the release cannot be published, a tag this run created is
// deleted again, and the error says so.
func (pb publisher) publish(ctx context.Context, p plan, cfg config) (released bool, url string, err error) {
	created, err := pb.gh.EnsureTag(ctx, p.tag, p.head, "Release "+p.tag)
	var conflict *githubapi.TagConflictError
	if errors.As(err, &conflict) {
		return false, "", action.Failf("%v (HEAD is %s): fetch tags (`fetch-depth: 0`) or delete the stray tag", err, short(p.head))
	}
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
		rel, createdRel, err := pb.gh.EnsureRelease(ctx, githubapi.NewRelease{
			Tag: p.tag, Name: p.tag, Body: p.notes,
			Prerelease: p.next.Prerelease() != "", Latest: p.highest,
		})
		if err != nil {
			return false, "", pb.undoTag(ctx, p.tag, created, err)
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
		name := cfg.tagOptions().TagPrefix() + strconv.FormatUint(p.next.Major(), 10)
		if !p.highestOfMajor {
			pb.rt.Infof("Major tag left alone: a higher %d.x release exists.", p.next.Major())
		} else if moved, err := pb.gh.MoveTag(ctx, name, p.head); err != nil {
			return released, url, fmt.Errorf("the release %s is published, but the major tag was not moved: %w", p.tag, err)
		} else if moved {
			pb.rt.Infof("Moved major tag %s to %s.", name, short(p.head))
		} else {
			pb.rt.Infof("Major tag %s already at %s.", name, short(p.head))
		}
	}
	return released, url, nil
}

// undoTag deletes the tag this run created when its release could not be
// published, so that no tag stands without its release; a re-run then
// starts afresh. A tag that existed before is left for a re-run to complete.
func (pb publisher) undoTag(ctx context.Context, tag string, created bool, cause error) error {
	if !created {
		return fmt.Errorf("%w; tag %s existed before this run and has no release yet: re-run to publish it", cause, tag)
	}
	if err := pb.gh.DeleteTag(ctx, tag); err != nil {
		return fmt.Errorf("%w; tag %s was created but could not be deleted again (%v): it has no release yet, re-run to publish it", cause, tag, err)
	}
	pb.rt.Warningf("Deleted tag %s again: its release could not be published.", tag)
	return fmt.Errorf("%w; tag %s was deleted again, so no tag is left without its release", cause, tag)
}
