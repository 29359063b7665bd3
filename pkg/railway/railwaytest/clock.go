package railwaytest

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Clock is a fake clock for tests of code that waits on Railway: time moves only when something sleeps on
// it, by exactly the time asked, so a run of minutes takes no real time. Pass its Now to Server.SetNow to
// play the server's scripts on it, and its Now and Sleep to the code under test.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

// NewClock returns a Clock that starts at start.
func NewClock(start time.Time) *Clock { return &Clock{now: start} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep advances the clock by d and records d; it returns ctx.Err(), so a cancelled context still ends
// the wait as a real sleep would.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	return ctx.Err()
}

// Sleeps returns every wait so far, in order.
func (c *Clock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sleeps)
}
