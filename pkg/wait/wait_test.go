package wait_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rose/actions/pkg/wait"
)

func TestSleep(t *testing.T) {
	if err := wait.Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("a short sleep failed: %v", err)
	}
	if err := wait.Sleep(context.Background(), 0); err != nil {
		t.Errorf("a zero sleep failed: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// A cancelled context ends even an hour's wait at once: the test would time out otherwise.
	if err := wait.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled sleep returned %v", err)
	}
	if err := wait.Sleep(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("a zero sleep on a cancelled context returned %v", err)
	}
}
