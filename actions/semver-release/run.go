package main

import (
	"context"

	"github.com/rose/actions/pkg/action"
)

// run reads and validates the inputs; the action's logic is not written yet, so it says so and exits 2.
func run(ctx context.Context, rt *action.Runtime) error {
	in := rt.Inputs()
	in.Secret("token")
	in.String("tag-prefix")
	in.String("initial-version")
	in.String("prerelease")
	in.Bool("pre-major")
	in.List("release-types")
	in.Bool("dry-run")
	in.Bool("create-release")
	in.Bool("major-tag")
	in.String("path")
	in.String("changelog-file")
	if err := in.Err(); err != nil {
		return err
	}
	return action.ErrNotImplemented
}
