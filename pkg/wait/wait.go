// Package wait holds the one way the actions pause on the real clock: a sleep that the runner's
// cancellation (SIGTERM) interrupts. Code that waits takes a func with Sleep's signature, so tests inject
// a fake clock instead.
package wait

import (
	"context"
	"time"
)

// Sleep waits d or until ctx is done; it returns ctx.Err() when ctx ended the wait.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
