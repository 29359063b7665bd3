package main

import (
	"context"

	"github.com/rose/actions/pkg/action"
)

// run reads and validates the inputs; the action's logic is not written yet, so it says so and exits 2.
func run(ctx context.Context, rt *action.Runtime) error {
	in := rt.Inputs()
	in.Required("url")
	in.String("method")
	in.String("expected-status")
	in.String("expected-body")
	in.String("headers")
	in.String("timeout")
	in.String("max-attempts")
	in.String("retry-delay")
	in.String("backoff")
	in.String("max-time")
	in.String("follow-redirects")
	in.String("insecure")
	if err := in.Err(); err != nil {
		return err
	}
	return action.ErrNotImplemented
}
