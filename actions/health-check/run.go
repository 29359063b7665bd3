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
	in.Regexp("expected-body")
	in.Lines("headers")
	in.Duration("timeout")
	in.Int("max-attempts", 1, 1000)
	in.Duration("retry-delay")
	in.Enum("backoff", "fixed", "exponential")
	in.Duration("max-time")
	in.Bool("follow-redirects")
	in.Bool("insecure")
	if err := in.Err(); err != nil {
		return err
	}
	return action.ErrNotImplemented
}
