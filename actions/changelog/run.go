package main

import (
	"context"

	"github.com/rose/actions/pkg/action"
)

// run reads and validates the inputs; the action's logic is not written yet, so it says so and exits 2.
func run(ctx context.Context, rt *action.Runtime) error {
	in := rt.Inputs()
	in.String("from")
	in.String("to")
	in.String("version")
	in.Enum("format", "markdown", "json")
	in.String("file")
	in.String("output-file")
	in.String("types")
	in.Bool("include-hidden")
	if err := in.Err(); err != nil {
		return err
	}
	return action.ErrNotImplemented
}
